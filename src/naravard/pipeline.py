"""The build: data package -> results -> chapters and figures -> HTML, PDF, DOCX.

Stages run in order, each reading only what the one before produced:

    load (data/)  ->  compose (compose/: templates + results -> report/*.qmd, figure specs)
    ->  draw (figures/)  ->  render (render/: Quarto or pandoc + Typst)  ->  publish

Everything is made in a staging folder; the output folder and the project's
report/ and figures/ are replaced only when all of it succeeded.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from naravard.errors import EngineUnavailable, NaravardError
from naravard.progress import Progress
from naravard.project import Project, find_project
from naravard.compose.metadata import output_stem
from naravard.render.publish import FIGURES_OUT


@dataclass(frozen=True)
class BuildOptions:
    project_dir: Path | None = None
    data_dir: Path | None = None
    out_dir: Path | None = None
    formats: tuple[str, ...] = ("html", "pdf", "docx")
    engine: str = "auto"
    strict: bool = False  # refuse a report that prints synthetic values (also report.toml's strict = true)


@dataclass
class BuildResult:
    out_dir: Path
    outputs: dict[str, Path]
    engine: str
    figures: int
    tables: int
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # the build succeeded, but these need an author's eye

    def summary(self) -> str:
        lines = [f"Built with the {self.engine} engine: {self.figures} figures, {self.tables} tables."]
        lines += [f"  {fmt.upper():5} {path}" for fmt, path in self.outputs.items()]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def choose_engine(name: str, project: Project):
    from naravard.render.builtin import BuiltinEngine
    from naravard.render.quarto import QuartoEngine, quarto_path

    if name == "quarto":
        return QuartoEngine(project)  # raises EngineUnavailable with how to install
    if name == "builtin":
        return BuiltinEngine(project)
    if name == "auto":
        return QuartoEngine(project) if quarto_path() else BuiltinEngine(project)
    raise EngineUnavailable(f"unknown engine {name!r}; use auto, builtin or quarto")


def run_build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    from naravard.compose.composer import compose_report
    from naravard.data import load_package
    from naravard.figures.draw import draw_all
    from naravard.render.docx_post import finish_docx
    from naravard.render.publish import prepare, project_lock, publish_output, staging_dir, sync_generated

    progress = progress or Progress(quiet=True)
    project = find_project(options.project_dir)
    out_dir = (options.out_dir or project.output_dir).resolve()
    data_dir = (options.data_dir or project.sample_data_dir).resolve()
    unknown = set(options.formats) - {"html", "pdf", "docx"}
    if unknown:
        raise NaravardError(f"unknown output format(s): {', '.join(sorted(unknown))}")
    engine = choose_engine(options.engine, project)  # fail before any work
    prepare(out_dir, protected=(("data package", data_dir), ("project", project.root)))

    progress.stage(f"Loading data package {data_dir}")
    package = load_package(data_dir, project.catalogue_dir)
    settings = package.settings

    stage = staging_dir(out_dir)
    try:
        progress.stage("Composing chapters from templates/chapters")
        composed = compose_report(package, project, stage)
        if options.strict or settings.strict:
            refuse_unpublishable(composed, package)

        progress.stage(f"Drawing {len(composed.figures)} figures")
        draw_all(composed.figures, stage / "figures", progress=progress)

        stem = output_stem(settings)
        outputs = engine.render(stage, tuple(options.formats), stem, settings.published, progress=progress)

        staged_out = stage / "_output"
        staged_out.mkdir(exist_ok=True)
        if "docx" in outputs:
            progress.stage("Finishing DOCX (properties, footer, table headers, contents)")
            finish_docx(
                outputs["docx"],
                title=settings.title,
                subject=settings.subtitle,
                author=settings.publisher,
                published=settings.published,
            )
        # Quarto may write into subfolders; the output folder holds the files by name.
        for fmt, path in list(outputs.items()):
            target = staged_out / path.name
            if path.resolve() != target.resolve():
                shutil.move(str(path), target)
            outputs[fmt] = target
        shutil.copytree(stage / "figures", staged_out / FIGURES_OUT, dirs_exist_ok=True)
        progress.stage("Writing the values manifest (values.json)")
        write_values_manifest(composed, staged_out, stage / "figures")

        progress.stage(f"Publishing to {out_dir}")
        publish_output(staged_out, out_dir)
        # The project's Quarto sources and figures follow the last good build.
        with project_lock(project.root):
            sync_generated(stage / "report", project.report_dir)
            sync_generated(stage / "figures", project.figures_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)

    final = {fmt: out_dir / path.name for fmt, path in outputs.items()}
    return BuildResult(
        out_dir, final, engine.name, len(composed.figures), len(composed.tables), dict(progress.timings), build_warnings(composed)
    )


def build_warnings(composed) -> list[str]:
    """What a successful build still tells the author: examples no template placed."""
    from naravard.compose.examples import unplaced_warning

    return [unplaced_warning(e) for e in composed.unplaced_examples]


def refuse_unpublishable(composed, package) -> None:
    """``--strict``: stop before rendering when the report is not fit to publish, saying why, briefly."""
    from naravard.errors import NotPublishable

    reasons = []
    if composed.synthetic.any:
        s = composed.synthetic
        reasons.append(f"{s.values} of the {s.total} values it prints rest on synthetic rows:\n{s.brief()}")
    refs = package.references
    unidentified = [i for i in composed.cited if refs is not None and str(refs.items[i].get("note", "")).startswith("Oidentifierad")]
    if unidentified:
        reasons.append("it cites references marked unidentified (note \"Oidentifierad\"): " + ", ".join(unidentified))
    if reasons:
        raise NotPublishable(
            "--strict (or strict = true in report.toml): the report is not published, because "
            + "\nand ".join(reasons)
            + "\nReplace the synthetic rows with published data (or build without --strict for a draft)."
        )


def write_values_manifest(composed, staged_out: Path, figures_dir: Path) -> Path:
    """values.json beside the outputs: every printed value, where, and from which row (for `naravard diff`)."""
    from naravard.review.manifest import write_manifest

    return write_manifest(composed, staged_out, figures_dir)
