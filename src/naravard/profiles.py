"""Profiles: one short report per region or kommun, and an index page that lists them.

    load (data/)  ->  area results, once for every area (analysis/areas.py)
    ->  in a pool of worker processes, each profile from start to finish: compose
        (compose/profile.py, templates/profiles/), draw its figures, render (one pandoc
        process per worker for all its profiles, render/pandoc_batch.py), finish, values.json
    ->  index.html  ->  publish

Each worker loads the data package and makes the area results once, when it starts;
then a job is only an area code. What is the same for every profile is done once per
run: the fonts are installed once in the staging folder (each book's fonts/ is a
relative link to them), the templates are compiled once per process.

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
import time
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


def write_profile_book(project: Project, book: Path, settings, stem: str, fonts_dir: Path | None = None) -> None:
    """The profile's book: the project's resources and configuration, with one chapter (index.qmd);
    its fonts/ links to *fonts_dir*, the run's one copy of the fonts, when given."""
    from naravard.compose.book import write_book
    from naravard.compose.profile import CHAPTER

    config = write_book(project, book, settings, stem, fonts_dir=fonts_dir)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["book"] = {k: v for k, v in data["book"].items() if k != "appendices"}
    data["book"]["chapters"] = [CHAPTER]
    data.setdefault("format", {}).setdefault("html", {})["toc-depth"] = 3
    config.write_text("# Generated by `naravard profiles`: one profile as a one-chapter book.\n"
                      + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# What the pool's workers import once, in the fork server, before it forks them.
WORKER_PRELOAD = ["naravard.profiles", "naravard.pipeline", "naravard.figures.draw", "naravard.render.builtin",
                  "naravard.compose.profile", "naravard.render.pdf_post", "naravard.review.manifest"]
FONTS_DIR = "_fonts"  # in the staging folder: the fonts every profile's book links to


@dataclass
class _Run:
    """What every profile of one run shares, in each process that builds profiles."""

    project: Project
    package: object
    results: object  # AreaResults
    stage: Path
    formats: tuple[str, ...]
    engine: str
    fonts_dir: Path
    renderer: object | None = None  # the engine, made at the first profile and kept for the others

    def render(self, book: Path, stem: str, published) -> dict:
        if self.renderer is None:
            from naravard.pipeline import choose_engine

            # The built-in engine keeps one pandoc process for all the profiles this process builds.
            self.renderer = choose_engine(self.engine, batch=True)
        return self.renderer.render(book, self.formats, stem, published)

    def close(self) -> None:
        if self.renderer is not None and hasattr(self.renderer, "close"):
            self.renderer.close()


_RUN: _Run | None = None  # this process's run (set by the pool's initializer, or directly for one worker)


def _init_worker(project_root: str, data_dir: str, level: str, stage: str, formats: tuple[str, ...], engine: str) -> None:
    """A worker loads the data package and makes the area results itself (the same as the parent's,
    from the same files): cheaper than sending them over, and every later job only sends a code."""
    from naravard.analysis.areas import AreaResults
    from naravard.data import load_package

    global _RUN
    project = Project(Path(project_root))
    package = load_package(Path(data_dir), project.catalogue_dir)
    _RUN = _Run(project, package, AreaResults(package, level), Path(stage), formats, engine, Path(stage) / FONTS_DIR)


@contextmanager
def worker_pool(workers: int, initargs: tuple) -> Iterator[ProcessPoolExecutor | None]:
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
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=initargs) as pool:
        yield pool


def build_profile(code: str, run: _Run | None = None) -> dict:
    """One profile from start to finish, in the process's run: book, composition, figures, engines,
    finishing, and its staged output folder (outputs, figurer/, values.json). Returns what the index
    needs and the seconds each step took."""
    from naravard.compose.profile import compose_profile, profile_settings, stem as profile_stem
    from naravard.figures.draw import draw
    from naravard.pipeline import write_values_manifest
    from naravard.render.docx_post import finish_docx
    from naravard.render.pdf_post import finish_pdf
    from naravard.render.publish import FIGURES_OUT

    run = run or _RUN
    times: dict[str, float] = {}
    clock = [time.perf_counter()]

    def step(name: str) -> None:
        now = time.perf_counter()
        times[name] = now - clock[0]
        clock[0] = now

    package = run.package
    area = run.results.area(code)
    stem = profile_stem(area, package.settings.year)
    book = run.stage / stem / "book"
    settings = profile_settings(package.settings, area)
    write_profile_book(run.project, book, settings, stem, fonts_dir=run.fonts_dir)
    composed, summary = compose_profile(run.results, code, run.project, book, png="docx" in run.formats)
    step("compose")
    figures = book / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    for spec in composed.figures:
        draw(spec, figures)
    step("draw")
    outputs = run.render(book, stem, settings.published)
    step("render")
    if "pdf" in outputs:
        finish_pdf(outputs["pdf"])
    if "docx" in outputs:
        finish_docx(outputs["docx"], title=settings.title, subject=settings.subtitle, author=settings.publisher,
                    published=settings.published)
    step("finish")
    folder = run.stage / "_output" / stem
    folder.mkdir(parents=True)
    names = {}
    for fmt, path in outputs.items():
        names[fmt] = Path(path).name
        shutil.move(path, folder / names[fmt])
    shutil.copytree(figures, folder / FIGURES_OUT)
    write_values_manifest(composed, folder, figures, package)
    shutil.rmtree(run.stage / stem, ignore_errors=True)  # the book is done with: the staging folder stays small
    step("values and files")
    return dict(code=code, name=area.name, stem=stem, outputs=names, summary=summary_line(summary), times=times)


def run_profiles(options: ProfileOptions, progress: Progress | None = None) -> ProfilesResult:
    from naravard import fonts
    from naravard.analysis.areas import AreaResults
    from naravard.data import load_package
    from naravard.pipeline import choose_engine, package_notes
    from naravard.render.publish import prepare, publish_output, staging_dir

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
    staged_out.mkdir()
    fonts.install(stage / FONTS_DIR)  # once for the run: every book's fonts/ links here
    workers = max(1, min(options.workers or os.cpu_count() or 1, len(codes)))
    initargs = (str(project.root), str(data_dir), options.level, str(stage), tuple(options.formats), engine.name)
    # One worker: this process, with the results it has (passed along, not set globally:
    # two runs may share a process, in threads).
    here = _Run(project, package, results, stage, tuple(options.formats), engine.name, stage / FONTS_DIR)
    try:
        with worker_pool(workers, initargs) as pool:
            progress.stage(f"Building {len(codes)} {options.level} profiles ({', '.join(f.upper() for f in options.formats)}) "
                           f"from {project.templates_dir / 'profiles'} in {workers} process{'es' if workers > 1 else ''}")
            built = []
            for i, one in enumerate(pool.map(build_profile, codes) if pool else (build_profile(c, here) for c in codes), 1):
                built.append(one)
                progress.step(i, len(codes))
        steps: dict[str, float] = {}
        for one in built:
            for name, seconds in one["times"].items():
                steps[name] = steps.get(name, 0.0) + seconds
        profiles = [Profile(b["code"], b["name"], b["stem"], {fmt: out_dir / b["stem"] / name for fmt, name in b["outputs"].items()},
                            b["summary"]) for b in built]
        index = write_index(staged_out / INDEX, profiles, options.level, package.settings)
        progress.stage(f"Publishing to {out_dir}")
        publish_output(staged_out, out_dir)
    finally:
        here.close()
        shutil.rmtree(stage, ignore_errors=True)
    timings = dict(progress.timings)
    timings.update({f"{name} (all profiles, summed over the processes)": t for name, t in steps.items()})
    return ProfilesResult(out_dir, out_dir / index.name, profiles, engine.name, timings)


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
