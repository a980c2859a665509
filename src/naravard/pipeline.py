"""The build: data package -> results -> chapters and figures -> HTML, PDF, DOCX.

Stages run in order, each reading only what the one before produced:

    load (data/)  ->  compose (compose/: templates + results -> the book's chapters, figure specs)
    ->  draw (figures/)  ->  render (render/: Quarto or pandoc + Typst)  ->  publish

Everything is made in a staging folder of its own, the generated Quarto book
included (``<staging>/book``), so concurrent builds share nothing. The output
folder (and, with ``keep_sources``, the folder of the generated sources) is
replaced only when all of it succeeded; the project itself is never written to.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from naravard.errors import EngineUnavailable, NaravardError
from naravard.progress import Progress
from naravard.project import Project, bundled_project, find_project
from naravard.compose.metadata import output_stem
from naravard.render.publish import FIGURES_OUT

BOOK = "book"  # the generated Quarto book inside the staging folder


@dataclass(frozen=True)
class BuildOptions:
    project_dir: Path | None = None
    data_dir: Path | None = None
    out_dir: Path | None = None
    formats: tuple[str, ...] = ("html", "pdf", "docx")
    engine: str = "auto"
    sample: bool = False  # build the project that ships with naravard, into ./_output
    keep_sources: Path | None = None  # also publish the generated Quarto book here
    strict: bool = False  # refuse a report that prints synthetic values (also report.toml's strict = true)
    no_cache: bool = False  # redo every step (the cache is neither read nor written)
    companions: bool = True  # the workbook and values.json beside the formats (the preview shows the HTML only)


@dataclass
class BuildResult:
    out_dir: Path
    outputs: dict[str, Path]
    engine: str
    figures: int
    tables: int
    timings: dict[str, float] = field(default_factory=dict)
    sources: Path | None = None
    workbook: Path | None = None
    warnings: list[str] = field(default_factory=list)  # the build succeeded, but these need an author's eye
    cached: bool = False  # nothing had changed: the whole build came from the cache

    def paths(self) -> list[str]:
        """What the build made, one path a line (the command's result on stdout)."""
        lines = [str(path) for path in self.outputs.values()]
        if self.workbook:
            lines.append(str(self.workbook))
        lines.append(str(self.out_dir / FIGURES_OUT))
        if self.sources:
            lines.append(str(self.sources))
        return lines

    def summary(self) -> str:
        lines = [f"Built with the {self.engine} engine: {self.figures} figures, {self.tables} tables, into {self.out_dir}."]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def choose_engine(name: str, *, batch: bool = False):
    """The engine called *name*; with *batch*, a built-in engine keeps one pandoc process for
    all it renders (a process that builds many books or many times: profiles, the preview)."""
    from naravard.render.builtin import BuiltinEngine
    from naravard.render.quarto import QuartoEngine, quarto_path

    if name == "quarto":
        return QuartoEngine()  # raises EngineUnavailable with how to install
    if name == "builtin":
        return BuiltinEngine(batch=batch)
    if name == "auto":
        return QuartoEngine() if quarto_path() else BuiltinEngine(batch=batch)
    raise EngineUnavailable(f"unknown engine {name!r}; use auto, builtin or quarto")


def resolve_project(options: BuildOptions) -> Project:
    if options.sample:
        if options.project_dir is not None:
            raise NaravardError("--sample builds the sample report that ships with naravard; it takes no --project")
        return bundled_project()
    return find_project(options.project_dir)


def resolve_paths(options: BuildOptions) -> tuple[Project, Path, Path, Path | None]:
    """The project, output folder, data package and sources folder of a build; wrong combinations fail here."""
    project = resolve_project(options)
    default_out = Path.cwd() / "_output" if options.sample else project.output_dir
    out_dir = (options.out_dir or default_out).resolve()
    data_dir = (options.data_dir or project.default_data_dir()).resolve()
    if not data_dir.is_dir():
        raise NaravardError(f"{data_dir} does not exist or is not a folder (expected a data package folder)")
    keep = options.keep_sources.resolve() if options.keep_sources else None
    unknown = set(options.formats) - {"html", "pdf", "docx"}
    if unknown:
        raise NaravardError(f"unknown output format(s): {', '.join(sorted(unknown))}")
    if keep is not None and (keep == out_dir or out_dir in keep.parents or keep in out_dir.parents):
        raise NaravardError(f"--keep-sources {keep} must be a folder of its own, not inside or around the output folder {out_dir}")
    if keep is not None and (keep == project.root or project.root in keep.parents and keep.name in ("templates", "data")):
        raise NaravardError(f"--keep-sources {keep} would replace part of the project; name a folder of its own")
    return project, out_dir, data_dir, keep


def cache_for(options: BuildOptions, project: Project, out_dir: Path):
    """The build cache: the project's ``.naravard/cache``; for ``--sample`` (whose project may be
    an installed package) beside the output folder; none with ``--no-cache``."""
    from naravard.cache import Cache, project_cache

    if options.no_cache:
        return Cache(None)
    return Cache(project_cache(out_dir.parent if options.sample else project.root))


# The libraries whose versions can change an output byte (the engines' own versions come from the engine).
OUTPUT_LIBRARIES = ("matplotlib", "pandas", "numpy", "jinja2", "markupsafe", "pyyaml", "python-docx", "lxml",
                    "openpyxl", "fonttools", "pikepdf", "typst", "pypandoc-binary")


def build_key(options: BuildOptions, project: Project, data_dir: Path, engine) -> str:
    """Everything a whole build depends on: the templates, the project's configuration, the data
    package, the catalogue, naravard's code and the libraries' and engines' versions, the options."""
    from importlib import metadata

    from naravard.cache import code_version, digest, tree_digest

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "-"

    return digest(
        "build", code_version(""), [version(n) for n in OUTPUT_LIBRARIES], engine.name, engine.versions(),
        sorted(options.formats), bool(options.strict), bool(options.companions),
        project.quarto_config.read_bytes(), tree_digest(project.templates_dir),
        tree_digest(data_dir), tree_digest(project.catalogue_dir),
    )


class Session:
    """What a process that builds again and again (``naravard preview``) keeps between its builds:
    the data package as loaded and its analysis results, reused while the package's and the
    catalogue's files are unchanged, and the engine with its running pandoc, which reads again
    only the chapters that changed. :meth:`close` ends the engine's processes."""

    def __init__(self):
        self._key: str | None = None
        self._package = None
        self.results: dict[str, dict] = {}  # kind -> id -> result (see ReportContext), of the package held
        self._engines: dict[str, object] = {}

    def engine(self, name: str):
        """The session's engine called *name* (see :func:`choose_engine`), made at its first build."""
        if name not in self._engines:
            self._engines[name] = choose_engine(name, batch=True)
        return self._engines[name]

    def close(self) -> None:
        for engine in self._engines.values():
            getattr(engine, "close", lambda: None)()
        self._engines.clear()

    def package(self, data_dir: Path, catalogue_dir: Path):
        from naravard.cache import digest, tree_digest
        from naravard.data import load_package

        key = digest("package", tree_digest(data_dir), tree_digest(catalogue_dir))
        if key != self._key:
            self._key = self._package = None  # a package that fails to load is not kept
            self.results = {}
            self._package = load_package(data_dir, catalogue_dir)
            self._key = key
        return self._package


BUILD_RECORD = "build.json"  # the whole-build entry: what the build reported, beside its output folder


def run_build(options: BuildOptions, progress: Progress | None = None, session: Session | None = None) -> BuildResult:
    from naravard.render.publish import prepare, publish_output, staging_dir

    progress = progress or Progress(quiet=True)
    project, out_dir, data_dir, keep = resolve_paths(options)
    engine = session.engine(options.engine) if session else choose_engine(options.engine)  # fail before any work
    protected = (("data package", data_dir), ("project", project.root))
    prepare(out_dir, protected)
    if keep is not None:
        prepare(keep, protected, option="--keep-sources")
    cache = cache_for(options, project, out_dir)
    # The whole build is kept too, for a build with nothing changed (not with --keep-sources: it wants the book).
    key = build_key(options, project, data_dir, engine) if cache.enabled and keep is None else None

    stage = staging_dir(out_dir)
    keep_stage = None
    try:
        if key and cache.fetch("build", key, stage / "cached"):
            result = _cached_result(stage / "cached", engine, out_dir, progress)
            progress.stage(f"Publishing to {out_dir} (nothing changed since a build in the cache)")
            publish_output(stage / "cached" / "_output", out_dir)
            return result
        result, staged_out = _build(options, project, data_dir, engine, stage, cache, progress, session)
        if key:
            record = stage / BUILD_RECORD
            record.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
            cache.store("build", key, [(record, BUILD_RECORD), (staged_out, "_output")])
        if keep is not None:
            progress.stage(f"Keeping the generated Quarto book in {keep}")
            keep_stage = staging_dir(keep)  # beside keep: the swap is a rename on one file system
            publish_output(_sources_copy(stage / BOOK, keep_stage / "_sources"), keep, option="--keep-sources")
        progress.stage(f"Publishing to {out_dir}")
        publish_output(staged_out, out_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if keep_stage is not None:
            shutil.rmtree(keep_stage, ignore_errors=True)
        cache.tidy()
    return _result(result, engine, out_dir, sources=keep, progress=progress)


def _result(record: dict, engine, out_dir: Path, *, sources=None, cached=False, progress=None) -> BuildResult:
    return BuildResult(
        out_dir, {fmt: out_dir / rel for fmt, rel in record["outputs"].items()}, engine.name, record["figures"],
        record["tables"], dict(progress.timings) if progress else {}, sources=sources,
        workbook=out_dir / record["workbook"] if record["workbook"] else None, warnings=list(record["warnings"]), cached=cached,
    )


def _cached_result(entry: Path, engine, out_dir: Path, progress) -> BuildResult:
    record = json.loads((entry / BUILD_RECORD).read_text(encoding="utf-8"))
    for line in record["notes"]:
        progress.note(line)
    return _result(record, engine, out_dir, cached=True, progress=progress)


def _build(options: BuildOptions, project: Project, data_dir: Path, engine, stage: Path, cache, progress,
           session: Session | None = None) -> tuple[dict, Path]:
    """The build's steps in *stage*; what it reports (see :func:`_result`) and the staged output folder."""
    from naravard.compose.book import write_book
    from naravard.compose.composer import compose_report
    from naravard.data import load_package
    from naravard.figures.draw import draw_all
    from naravard.render.formats import render_formats
    from naravard.render.workbook import cached_workbook

    progress.stage(f"Loading data package {data_dir}")
    package = session.package(data_dir, project.catalogue_dir) if session else load_package(data_dir, project.catalogue_dir)
    notes = package_notes(package)
    for line in notes:
        progress.note(line)
    settings = package.settings
    stem = output_stem(settings)
    book = stage / BOOK

    progress.stage(f"Composing chapters from {project.templates_dir / 'chapters'}")
    composed = compose_report(package, project, book, session.results if session else None)
    if options.strict or settings.strict:
        refuse_unpublishable(composed, package)
    write_book(project, book, settings, stem)

    progress.stage(f"Drawing {len(composed.figures)} figures")
    before = cache.hits
    draw_all(composed.figures, book / "figures", progress=progress, cache=cache)
    if cache.hits > before:
        progress.note(f"      {cache.hits - before} of {len(composed.figures)} figures unchanged (from the cache)")

    staged_out = stage / "_output"
    staged_out.mkdir(exist_ok=True)
    shutil.copytree(book / "figures", staged_out / FIGURES_OUT, dirs_exist_ok=True)
    workbook_path = staged_out / f"{stem}-diagramunderlag.xlsx"
    # The workbook and values.json read only the composed report and the figures: they run beside the engines.
    companions = {
        "workbook": lambda: cached_workbook(composed.figures, settings, workbook_path, cache),
        "values": lambda: write_values_manifest(composed, staged_out, book / "figures", package, cache),
    }
    outputs, _ = render_formats(
        engine, book, tuple(options.formats), stem, settings, staged_out, cache=cache, progress=progress,
        beside=companions if options.companions else {},
    )
    record = {
        "outputs": {fmt: path.relative_to(staged_out).as_posix() for fmt, path in outputs.items()},
        "figures": len(composed.figures), "tables": len(composed.tables),
        "workbook": workbook_path.name if options.companions else None,
        "warnings": build_warnings(composed), "notes": notes,
    }
    return record, staged_out


def _sources_copy(book: Path, target: Path) -> Path:
    """The generated book as a Quarto user gets it: sources, figures and resources, no render leftovers."""
    leftovers = shutil.ignore_patterns("_output*", "_rapport.*", "_css", ".quarto")
    shutil.copytree(book, target, ignore=leftovers)
    return target


def package_notes(package) -> list[str]:
    """The package's warnings for the build's log, each kind once: files read as Windows-1252
    (what Swedish Excel saves) are named together in one line."""
    from naravard.data.readers import ENCODING_NOTE

    encoded = sorted({w.file for w in package.warnings if ENCODING_NOTE in w.message})
    notes = [f"warning: {w}" for w in package.warnings if ENCODING_NOTE not in w.message]
    if encoded:
        notes.insert(0, f"note: {', '.join(encoded)} {'is' if len(encoded) == 1 else 'are'} not UTF-8; read as Windows-1252 "
                     "(as Swedish Excel saves CSV). Check that å, ä and ö came out right, or save as UTF-8.")
    return notes


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


def write_values_manifest(composed, staged_out: Path, figures_dir: Path, package=None, cache=None) -> Path:
    """values.json beside the outputs: every printed value, where, and from which row (for `naravard diff`);
    rows computed from register microdata also name their definition, extract and engine."""
    from naravard.review.manifest import write_manifest

    return write_manifest(composed, staged_out, figures_dir, package=package, cache=cache)
