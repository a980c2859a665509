"""Profiles: one short report per region or kommun, and an index page that lists them.

    load (data/)  ->  area results, once for every area (analysis/areas.py)
    ->  compose each profile (compose/profile.py, templates/profiles/)
    ->  draw every profile's figures in one pool  ->  render each profile in a worker pool
    ->  values.json per profile, index.html  ->  publish

Like the national build, everything is made in a staging folder of its own
(each profile in ``<staging>/<profile>/``), the project is never written to, and
the output folder is replaced only when every profile succeeded. Any number of
profile builds and national builds can run at once from one project as long as
they name different output folders (the defaults do: ``_profiler/region``,
``_profiler/kommun`` and ``_output``).
"""

from __future__ import annotations

import html
import multiprocessing
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from naravard.errors import NaravardError
from naravard.progress import Progress
from naravard.project import Project

PROFILES_DIR = "_profiler"  # in the project: _profiler/region, _profiler/kommun
DEFAULT_FORMATS = ("html", "pdf")
INDEX = "index.html"
LEVEL_NAMES = {"region": "regioner", "kommun": "kommuner"}
LEVEL_DEFINITE = {"region": "regionerna", "kommun": "kommunerna"}


class UnknownAreaCode(NaravardError):
    """An --area code the catalogue does not have (exit code 2, as any bad input)."""


@dataclass(frozen=True)
class ProfileOptions:
    level: str
    areas: tuple[str, ...] = ()  # () : every area of the level
    project_dir: Path | None = None
    data_dir: Path | None = None
    out_dir: Path | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    engine: str = "auto"
    sample: bool = False
    workers: int | None = None  # engines run in this many processes (default: the machine's cores)


@dataclass
class Profile:
    code: str
    name: str
    stem: str
    outputs: dict[str, Path]
    summary: str  # the index page's one line


@dataclass
class ProfilesResult:
    out_dir: Path
    index: Path
    profiles: list[Profile]
    engine: str
    timings: dict[str, float] = field(default_factory=dict)

    def paths(self) -> list[str]:
        return [str(self.index)] + [str(p) for profile in self.profiles for p in profile.outputs.values()]

    def summary(self) -> str:
        return f"Built {len(self.profiles)} profiles with the {self.engine} engine into {self.out_dir}."


def valid_codes_hint(level: str) -> str:
    file = "regions.csv" if level == "region" else "municipalities.csv"
    return f"the valid codes are the column 'code' of data/catalogue/{file} (or leave out --area to build every {level})"


def check_codes(results, codes: tuple[str, ...]) -> tuple[str, ...]:
    """Every code of the level when none are given; an unknown code stops here, naming it."""
    from naravard.analysis.areas import UnknownArea

    if not codes:
        return tuple(a.code for a in results.areas)
    unknown = []
    for code in codes:
        try:
            results.area(code)
        except UnknownArea:
            unknown.append(code)
    if unknown:
        what = "region (länskod)" if results.level == "region" else "kommun (kommunkod)"
        raise UnknownAreaCode(
            f"--area {', '.join(unknown)}: no {what} with {'this code' if len(unknown) == 1 else 'these codes'} "
            f"in the catalogue; {valid_codes_hint(results.level)}"
        )
    return tuple(dict.fromkeys(codes))


def resolve(options: ProfileOptions) -> tuple[Project, Path, Path]:
    from naravard.pipeline import BuildOptions, resolve_project

    if options.level not in LEVEL_NAMES:
        raise NaravardError(f"--level {options.level!r}: use region or kommun")
    unknown = set(options.formats) - {"html", "pdf", "docx"}
    if unknown or not options.formats:
        raise NaravardError(f"--to {','.join(sorted(unknown)) or '(none)'}: use html, pdf and docx, separated by commas")
    project = resolve_project(BuildOptions(project_dir=options.project_dir, sample=options.sample))
    default_out = (Path.cwd() if options.sample else project.root) / PROFILES_DIR / options.level
    out_dir = (options.out_dir or default_out).resolve()
    data_dir = (options.data_dir or project.default_data_dir()).resolve()
    if not data_dir.is_dir():
        raise NaravardError(f"{data_dir} does not exist or is not a folder (expected a data package folder)")
    return project, out_dir, data_dir


def write_profile_book(project: Project, book: Path, settings, stem: str) -> None:
    """The profile's book: the project's resources and configuration, with one chapter (index.qmd)."""
    from naravard.compose.book import write_book
    from naravard.compose.profile import CHAPTER

    config = write_book(project, book, settings, stem)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["book"] = {k: v for k, v in data["book"].items() if k != "appendices"}
    data["book"]["chapters"] = [CHAPTER]
    data.setdefault("format", {}).setdefault("html", {})["toc-depth"] = 3
    config.write_text("# Generated by `naravard profiles`: one profile as a one-chapter book.\n"
                      + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# What the pool's workers import once, in the fork server, before it forks them.
WORKER_PRELOAD = ["naravard.profiles", "naravard.pipeline", "naravard.figures.draw", "naravard.render.builtin"]


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """The profiles' process pool (None for one worker: everything runs here).

    Its workers come from a fork server, never from a fork of this process: a national
    build before the profiles in the same process (the benchmark, a preview) leaves
    Typst's native threads behind, and a forked copy of a threaded process can wait
    forever on a lock that one of those threads held at the moment of the fork.
    """
    if workers <= 1:
        yield None
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield pool


def render_profile(job: tuple) -> dict[str, str]:
    """One profile's engines, in a worker process: its book in, finished files (by format) out."""
    from naravard.pipeline import choose_engine
    from naravard.render.docx_post import finish_docx
    from naravard.render.pdf_post import finish_pdf

    book, formats, stem, engine_name, settings = job
    engine = choose_engine(engine_name)
    outputs = engine.render(Path(book), tuple(formats), stem, settings.published)
    if "pdf" in outputs:
        finish_pdf(outputs["pdf"])
    if "docx" in outputs:
        finish_docx(outputs["docx"], title=settings.title, subject=settings.subtitle, author=settings.publisher,
                    published=settings.published)
    return {fmt: str(path) for fmt, path in outputs.items()}


def run_profiles(options: ProfileOptions, progress: Progress | None = None) -> ProfilesResult:
    from naravard.analysis.areas import AreaResults
    from naravard.compose.profile import compose_profile, profile_settings, stem as profile_stem
    from naravard.data import load_package
    from naravard.figures.draw import draw_jobs
    from naravard.pipeline import choose_engine, package_notes, write_values_manifest
    from naravard.render.publish import FIGURES_OUT, prepare, publish_output, staging_dir

    progress = progress or Progress(quiet=True)
    project, out_dir, data_dir = resolve(options)
    engine = choose_engine(options.engine)  # fail before any work
    prepare(out_dir, (("data package", data_dir), ("project", project.root)))

    progress.stage(f"Loading data package {data_dir}")
    package = load_package(data_dir, project.catalogue_dir)
    for line in package_notes(package):
        progress.note(line)
    results = AreaResults(package, options.level)
    codes = check_codes(results, options.areas)

    stage = staging_dir(out_dir)
    staged_out = stage / "_output"
    try:
        progress.stage(f"Composing {len(codes)} {options.level} profiles from {project.templates_dir / 'profiles'}")
        made = []
        for code in codes:
            area = results.area(code)
            stem = profile_stem(area, package.settings.year)
            book = stage / stem / "book"
            settings = profile_settings(package.settings, area)
            write_profile_book(project, book, settings, stem)
            composed, summary = compose_profile(results, code, project, book, png="docx" in options.formats)
            made.append((area, stem, book, settings, composed, summary))

        jobs = [(spec, book / "figures") for (_, _, book, _, composed, _) in made for spec in composed.figures]
        render_jobs = [(str(book), options.formats, stem, engine.name, settings) for (_, stem, book, settings, _, _) in made]
        for _, folder in jobs:
            folder.mkdir(parents=True, exist_ok=True)
        workers = max(1, min(options.workers or os.cpu_count() or 1, len(render_jobs)))
        with worker_pool(workers) as pool:  # one pool draws every profile's figures, then runs the engines
            progress.stage(f"Drawing {len(jobs)} figures")
            draw_jobs(jobs, workers=workers, progress=progress, pool=pool)
            progress.stage(f"Rendering {', '.join(f.upper() for f in options.formats)} for {len(made)} profiles")
            rendered = list(pool.map(render_profile, render_jobs) if pool else map(render_profile, render_jobs))

        profiles = []
        for (area, stem, book, settings, composed, summary), outputs in zip(made, rendered):
            folder = staged_out / stem
            folder.mkdir(parents=True)
            final = {}
            for fmt, path in outputs.items():
                target = folder / Path(path).name
                shutil.move(path, target)
                final[fmt] = out_dir / stem / target.name
            shutil.copytree(book / "figures", folder / FIGURES_OUT)
            write_values_manifest(composed, folder, book / "figures", package)
            profiles.append(Profile(area.code, area.name, stem, final, summary_line(summary)))
        index = write_index(staged_out / INDEX, profiles, options.level, package.settings)
        progress.stage(f"Publishing to {out_dir}")
        publish_output(staged_out, out_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return ProfilesResult(out_dir, out_dir / index.name, profiles, engine.name, dict(progress.timings))


def summary_line(s) -> str:
    """The index page's line: ``Bättre än riket i 6 av 13 jämförbara mått, sämre i 5.``"""
    from naravard.text.numbers import count

    if not s.compared.value:
        return "Inget mått går att jämföra med riket."
    line = f"Bättre än riket i {count(int(s.better.value))} av {count(int(s.compared.value))} jämförbara mått, sämre i {count(int(s.worse.value))}"
    if s.same.value:
        line += f", lika i {count(int(s.same.value))}"
    line += "."
    if s.without_value:
        line += f" Värde saknas för {count(s.without_value)} mått."
    return line


def write_index(path: Path, profiles: list[Profile], level: str, settings) -> Path:
    """The offline index page: every profile with its links and one line; no scripts, no requests."""
    esc = html.escape
    title = f"Profiler för {LEVEL_NAMES[level]}: {settings.title}"
    items = []
    for p in profiles:
        links = " ".join(
            f'<a href="{esc(p.stem)}/{esc(path.name)}">{fmt.upper()}<span class="nv-visually-hidden"> för {esc(p.name)}</span></a>'
            for fmt, path in sorted(p.outputs.items())
        )
        items.append(f"<li><h2>{esc(p.name)}</h2><p>{esc(p.summary)}</p><p class=\"nv-links\">{links}</p></li>")
    page = f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>
body {{ font-family: "Source Sans 3", "Source Sans Pro", Arial, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }}
h1 {{ font-size: 1.8rem; }}
ul {{ list-style: none; padding: 0; }}
li {{ border-top: 1px solid #767676; padding: .5rem 0; }}
h2 {{ font-size: 1.2rem; margin: .25rem 0; }}
p {{ margin: .25rem 0; }}
a {{ color: #005a9c; margin-right: 1rem; }}
a:focus {{ outline: 3px solid #1a1a1a; }}
.nv-visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }}
</style>
</head>
<body>
<main>
<h1>{esc(title)}</h1>
<p>{esc(settings.subtitle)}. {len(profiles)} profiler. Varje profil jämför området med riket och med de andra {LEVEL_DEFINITE[level]}; värdena avser år {settings.year} där inget annat anges.</p>
<ul>
{chr(10).join(items)}
</ul>
</main>
</body>
</html>
"""
    path.write_text(page, encoding="utf-8")
    return path
