"""The ``naravard`` command: init, build, validate, and (for reviewers) diff and check.

Conventions of every command: results (paths, reports, findings) on stdout;
progress, warnings and errors on stderr; ``-q`` prints only errors, ``-v``
adds detail; the exit codes of :data:`naravard.errors.EXIT_CODES`.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from naravard import __version__
from naravard.errors import FINDINGS, INPUT, OK, NaravardError, exit_code_table
from naravard.progress import NORMAL, QUIET, VERBOSE

ENGINES = ("auto", "builtin", "quarto")
FORMATS = ("html", "pdf", "docx")
EXIT_HELP = "\b\nExit codes (the same for every command):\n" + exit_code_table()


def data_option(what: str):
    """``--data DIR``, shared by the commands that read a data package."""
    return click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"{what} Default: the project's sample package (data/sample-2024).",
    )


def formats_option(default: tuple[str, ...]):
    """``--to``, shared by build and profiles: repeat it or separate formats by commas
    (``--to html,pdf``); the command gets a tuple without repeats, *default* when none is given."""

    def parse(ctx, param, values) -> tuple[str, ...]:
        chosen = tuple(dict.fromkeys(f.strip().lower() for item in values for f in item.split(",") if f.strip()))
        unknown = [f for f in chosen if f not in FORMATS]
        if unknown:
            raise click.BadParameter(f"{', '.join(unknown)} (use {', '.join(FORMATS)})")
        return chosen or default

    every = "all three" if set(default) == set(FORMATS) else " and ".join(default)
    return click.option("--to", "formats", multiple=True, callback=parse, metavar="FORMAT[,FORMAT]",
                        help=f"Output format: {', '.join(FORMATS)}; repeat --to or separate formats by commas. Default: {every}.")


project_option = click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Project folder (with _quarto.yml and templates/). Default: found from the current folder.",
)


catalogue_option = click.option(
    "--catalogue",
    "catalogue_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Catalogue folder. Default: data/catalogue in the project.",
)


def verbosity_options(fn):
    """``-q``/``-v`` on a command (they may also come before it: ``naravard -q build``)."""

    @click.option("-v", "--verbose", is_flag=True, help="Print more detail (steps inside stages).")
    @click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
    @click.pass_context
    @functools.wraps(fn)
    def wrapper(ctx, *args, verbose, quiet, **kwargs):
        outer = ctx.find_root().obj or {}
        level = VERBOSE if (verbose or outer.get("verbose")) else NORMAL
        if quiet or outer.get("quiet"):
            level = QUIET
        return fn(*args, verbosity=level, **kwargs)

    return wrapper


def fail(exc: NaravardError) -> None:
    click.echo(f"Error: {exc}", err=True)
    sys.exit(exc.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_HELP)
@click.version_option(__version__, "-V", "--version", prog_name="naravard")
@click.option("-v", "--verbose", is_flag=True, help="Print more detail, for every command.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors, for every command.")
@click.pass_context
def main(ctx, verbose, quiet) -> None:
    """Build Socialstyrelsen's annual follow-up report "Uppföljning av omställningen
    till en god och nära vård" from a data package, as HTML, PDF (PDF/UA-1) and DOCX.

    \b
    Typical use:
      naravard init minrapport         start a report project (templates, catalogue, sample data)
      naravard build                   in a project: the sample report into _output/
      naravard build --data DIR        a year's data package
      naravard build --sample          the sample report that ships with naravard, into ./_output/
      naravard preview                 the HTML in the browser, rebuilt as you edit the templates
      naravard clean                   remove the build cache and the outputs naravard wrote
      naravard profiles --level region a profile of every region (or --level kommun), and an index page
      naravard validate [DIR]          check a data package before building
      naravard new-edition DIR NEW     next year's package from this year's
      naravard check                   lint the templates and the composed report
      naravard diff OLD NEW            what changed between two builds (values, text, figures)
    """
    ctx.obj = {"verbose": verbose, "quiet": quiet}


@main.command(epilog=EXIT_HELP)
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--empty", is_flag=True, help="An empty data package skeleton for the next year instead of the sample package.")
@verbosity_options
def init(target, empty, verbosity) -> None:
    """Start a report project in TARGET (a new or empty folder).

    It gets its own copy of the chapter templates, the house styles and the
    catalogue, data/sample-2024 with the sample package (or, with --empty, a
    skeleton for the next year's package), a README for the authors, a
    .gitignore, and constraints.txt (the package versions naravard was tested
    with). `naravard build` then works inside it.
    """
    from naravard.project import init_project

    try:
        written = init_project(target, sample=not empty)
    except NaravardError as exc:
        fail(exc)
    click.echo(target.resolve())
    if verbosity >= NORMAL:
        data = next(p for p in written if p.parent.name == "data" and p.name != "catalogue")
        hint = "naravard build" if not empty else f"naravard validate data/{data.name}"
        click.echo(f"Started a report project in {target}. Next: cd {target} && {hint}", err=True)


@main.command(epilog=EXIT_HELP)
@data_option("Data package folder.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the finished files go. Default: _output/ in the project (with --sample: in the current folder).",
)
@formats_option(FORMATS)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="quarto uses Quarto (must be on PATH); builtin uses pandoc and Typst; "
    "auto takes Quarto when it is installed.",
)
@project_option
@click.option("--sample", is_flag=True, help="Build the sample report that ships with naravard (no project needed).")
@click.option(
    "--keep-sources",
    "keep_sources",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write the generated Quarto book (chapters, figures, _quarto.yml) to this folder; "
    "it is replaced as a whole by the next build that names it.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse to publish a report that prints synthetic (illustrative) values; exit status 2 "
    "with where they come from. Also set by strict = true in report.toml.",
)
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    help="Redo every step; the build cache (.naravard/cache) is neither read nor written.",
)
@verbosity_options
def build(data_dir, out_dir, formats, engine, project_dir, sample, keep_sources, strict, no_cache, verbosity) -> None:
    """Build the report from a data package into HTML, PDF and DOCX.

    The build runs in a staging folder of its own; the finished files replace
    the previous ones in the output folder only when every step succeeded, so
    a failed build leaves the last good report in place. The project folder is
    never written to but for its build cache (.naravard/cache): the generated
    sources stay in the staging folder unless --keep-sources names a folder for
    them. Steps whose inputs did not change (figures, formats, the whole build)
    are copied from the cache; --no-cache redoes them. Prints the paths of what
    it made.
    """
    from naravard.pipeline import BuildOptions, run_build
    from naravard.progress import Progress

    progress = Progress(verbosity=verbosity)
    report_paths(progress, lambda: run_build(
            BuildOptions(
                project_dir=project_dir,
                data_dir=data_dir,
                out_dir=out_dir,
                formats=formats,
                engine=engine,
                sample=sample,
                keep_sources=keep_sources,
                strict=strict,
                no_cache=no_cache,
            ),
            progress=progress,
        ))


@main.command(epilog=EXIT_HELP)
@click.argument("data_dir", type=click.Path(path_type=Path), required=False)
@catalogue_option
@project_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@verbosity_options
def validate(data_dir, catalogue_dir, project_dir, strict, verbosity) -> None:
    """Check a data package (default: the project's sample package) and list every problem.

    Each problem names the file, the row and the column and says what was
    expected; the problems go to stderr, as `build` prints them, and the
    summary of a valid package to stdout. Exit status 0 when the package is
    valid (warnings allowed unless --strict), 1 when it has errors.
    """
    from naravard.data.validate_command import run_validate
    from naravard.project import find_project

    try:
        if data_dir is None:
            project = find_project(project_dir)
            data_dir = project.default_data_dir()
            catalogue_dir = catalogue_dir or project.catalogue_dir
        elif not data_dir.is_dir():
            raise NaravardError(f"{data_dir} does not exist or is not a folder (expected a data package folder)")
    except NaravardError as exc:
        fail(exc)
    sys.exit(run_validate(data_dir, catalogue_dir, strict=strict, quiet=verbosity <= QUIET))


@main.command("new-edition", epilog=EXIT_HELP)
@click.argument("from_dir", type=click.Path(file_okay=False, path_type=Path))
@click.argument("new_dir", type=click.Path(file_okay=False, path_type=Path))
@catalogue_option
@click.option("--keep-years", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many years of survey answers to keep (this year's become next year's previous year).")
def new_edition_command(from_dir, new_dir, catalogue_dir, keep_years) -> None:
    """Write next year's data package NEW_DIR from this year's FROM_DIR.

    \b
    Moves report.toml and method.toml on a year (year, publication date,
    subtitle, the edition's ordinal, the surveys' dates), copies the indicator
    series, keeps this year's survey answers as the previous year and drops
    older ones, and writes edition.toml: what the author must still add.
    `naravard validate NEW_DIR` then lists what is missing, file by file.

    Exit status: 0 when written, 2 when FROM_DIR is not a valid package or
    NEW_DIR exists and is not empty (nothing is written then).
    """
    from naravard.new_edition import new_edition

    try:
        result = new_edition(from_dir, new_dir, catalogue_dir, keep_years=keep_years)
    except NaravardError as exc:
        fail(exc)
    click.echo(result.summary())


@main.command(epilog=EXIT_HELP)
@click.argument("old", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.argument("new", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the full diff as one self-contained HTML file (figures old and new side by side).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the diff as JSON (values, text, figures, tables, structure, flips).")
@click.option("--docx", "docx_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write NEW's DOCX with Word tracked changes against OLD's, to accept or reject in Word.")
@verbosity_options
def diff(old, new, html_path, json_path, docx_path, verbosity) -> None:
    """Compare two build folders (made by `naravard build --out`) value by value.

    \b
    Reads values.json, which every build writes beside its outputs, and reports:
      values     new, changed (old -> new, by how much), removed, identical;
                 changes that flip a statement (a sign change, wording chosen
                 by the data such as "ökade"/"minskade") come first
      text       a word-level diff of every changed paragraph, per chapter
      figures    which figures changed (data, image, title, alt text)
      structure  chapters, figures and tables added, removed or renumbered

    \b
    Example:
      naravard build --out drafts/v1
      naravard build --out drafts/v2
      naravard diff drafts/v1 drafts/v2 --html diff.html --docx redline.docx

    Exit status: 0 when the builds are identical, 1 when they differ, 2 when a
    folder is not a build (or cannot be read).
    """
    import json

    from naravard.review.diff import diff_builds
    from naravard.review.diff_render import html_report, summary

    try:
        result = diff_builds(old, new)
        if html_path:
            html_path.write_text(html_report(result, old, new), encoding="utf-8")
        if json_path:
            json_path.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if docx_path:
            from naravard.review.redline import find_docx, redline

            redline(find_docx(old), find_docx(new), docx_path)
    except NaravardError as exc:
        fail(exc)
    except OSError as exc:  # an output path that cannot be written
        click.echo(f"Error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        sys.exit(INPUT)
    except Exception as exc:  # noqa: BLE001 - a damaged build is an input error, never "the builds differ"
        click.echo(f"Error: {old} and {new} could not be compared; one of them is not a readable build "
                   f"({type(exc).__name__}: {str(exc)[:200]})", err=True)
        sys.exit(INPUT)
    if verbosity > QUIET:
        click.echo(summary(result), nl=False)
        for label, path in (("HTML", html_path), ("JSON", json_path), ("DOCX", docx_path)):
            if path:
                click.echo(f"{label:5} {path}")
    sys.exit(OK if result.identical else FINDINGS)


@main.command(epilog=EXIT_HELP)
@data_option("Data package to compose the report with.")
@project_option
@click.option("--templates-only", is_flag=True, help="Only lint the templates' typed text; do not compose the report.")
@click.option("--no-spelling", is_flag=True, help="Skip the spelling check (hunspell, sv_SE).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@verbosity_options
def check(data_dir, project_dir, templates_only, no_spelling, strict, verbosity) -> None:
    """Lint the chapter templates and the composed report.

    \b
    Finds, with the template file and line:
      - numbers, years and "figur N" typed into prose instead of printed from data;
      - quantifiers that contradict their count ("samtliga" for 20 av 21);
      - "lägst"/"högst" naming one region where several share the value;
      - figures and tables without title, source line ("Källa: …") or alt text,
        and references to figures that are never placed;
      - source names spelled differently from the catalogue's;
      - (with hunspell and hunspell-sv installed) spelling, with templates/ordlista.txt.

    Severities and allowed numbers are set in templates/check.toml; exempt a
    line with {# check: literal #} or {# check: <rule> #}. Findings go to
    stdout. Exit status: 0 when there are no errors (warnings are printed), 1
    with errors (or warnings with --strict), 2 when the check could not run.
    """
    from naravard.review.check import run_check_command

    sys.exit(
        run_check_command(
            project_dir, data_dir, build=not templates_only, spelling=not no_spelling, strict=strict, quiet=verbosity <= QUIET
        )
    )


@main.command(epilog=EXIT_HELP)
@click.option("--registers", "registers_dir", required=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder with the register extract (persons, population, inpatient, ... as Parquet or CSV; see docs/registers.md).")
@click.option("--out", "package_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Data package folder whose indicators.csv gets the computed rows (created when missing).")
@click.option("--years", default=None, help="Years to compute, such as 2013-2024 or 2024. Default: every year of the extract.")
@click.option("--engine", "register_engine", type=click.Choice(("duckdb", "spark")), default="duckdb", show_default=True,
              help="duckdb runs here, embedded; spark runs the same definitions on Apache Spark (local mode, or the session's cluster).")
@click.option("--threshold", type=click.IntRange(min=0), default=5, show_default=True,
              help="Disclosure control: a value resting on fewer events is written as missing with the reason.")
@catalogue_option
def indicators(registers_dir, package_dir, years, register_engine, threshold, catalogue_dir) -> None:
    """Compute the register indicators from microdata extracts into a data package.

    \b
    Reads the extract (Patientregistret, Läkemedelsregistret, Registret över
    insatser inom kommunal hälso- och sjukvård, the population), checks it,
    runs each indicator's definition and writes its rows (riket, regions and
    kommuner as the catalogue says; totalt, kvinnor, män; numerator,
    denominator, 95 % confidence limits) into PACKAGE/indicators.csv, replacing
    the rows of the years computed. PACKAGE/provenance/registers.json records
    the definition version, the extract's file hashes and the engine.

    \b
    Example:
      naravard indicators --registers extracts/2025 --out data/2025 --years 2013-2024
      naravard validate data/2025 && naravard build --data data/2025

    Bad input (a missing column, a code that is not ICD-10 or ATC, a date out
    of range, overlapping episodes, an extract for other years) is reported
    with file, column and number of rows, and nothing is written (exit code 2;
    3 when the engine is not installed).
    """
    from naravard.data.catalogue import load_catalogue
    from naravard.data.package import find_catalogue
    from naravard.data.settings import read_settings
    from naravard.errors import NaravardError
    from naravard.registers import compute_indicators, parse_years
    from naravard.registers.output import write_package

    try:
        cat_dir = catalogue_dir or find_catalogue(package_dir if package_dir.is_dir() else Path.cwd())
        if cat_dir is None:
            raise NaravardError("no catalogue found: give --catalogue DIR, or run from the project folder")
        catalogue = load_catalogue(cat_dir)
        settings = read_settings(package_dir)[0] if (package_dir / "report.toml").exists() else None
        result = compute_indicators(
            registers_dir, catalogue, years=parse_years(years), engine=register_engine, threshold=threshold,
            package_year=settings.year if settings else None,
        )
        csv_path, provenance_path, replaced = write_package(package_dir, result.rows, result.provenance)
    except NaravardError as exc:
        fail(exc)
    rows = result.rows
    missing = rows["missing"].ne("")
    suppressed = rows["missing"].str.contains("röjandekontroll")
    engine_line = f"{result.provenance['engine']['name']} {result.provenance['engine']['version']}"
    click.echo(
        f"Computed {rows['indicator'].nunique()} register indicators for {result.years[0]}–{result.years[-1]} with {engine_line}: "
        f"{len(rows)} rows ({int(missing.sum())} without a value: {int(suppressed.sum())} below the disclosure threshold of "
        f"{threshold} events, {int((missing & ~suppressed).sum())} without a population)."
    )
    click.echo(f"  wrote {csv_path} (replaced {replaced} earlier rows)")
    click.echo(f"  provenance {provenance_path}")
    for indicator, files in result.skipped.items():
        click.echo(f"  skipped {indicator}: the extract has no {', '.join(files)}")


@main.command(epilog=EXIT_HELP)
@project_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The output folder to clean. Default: _output/ in the project.",
)
@verbosity_options
def clean(project_dir, out_dir, verbosity) -> None:
    """Remove what naravard wrote into the project: the build cache (.naravard/cache), the files
    the last build recorded in the output folder, and staging folders of builds that were killed.

    Nothing else is touched: a file someone added to the output folder stays,
    and is listed. Prints the paths removed.
    """
    from naravard.clean import clean as clean_project
    from naravard.project import find_project

    try:
        project = find_project(project_dir)
        out = (out_dir or project.output_dir).resolve()
        done = clean_project(project.root, out)
    except NaravardError as exc:
        fail(exc)
    except OSError as exc:
        click.echo(f"Error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        sys.exit(INPUT)
    for path in done.listed():
        click.echo(path)
    if verbosity > QUIET:
        click.echo(done.summary(), err=True)


@main.command(epilog=EXIT_HELP)
@data_option("Data package folder.")
@project_option
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1. Default: a free one.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@verbosity_options
def preview(data_dir, project_dir, port, open_browser, verbosity) -> None:
    """Show the report's HTML in the browser, rebuilt whenever a template or the data changes.

    Builds the HTML, serves it on 127.0.0.1 (prints the address), and watches
    the templates, the data package, the catalogue and _quarto.yml. After a
    change only the HTML is rebuilt (unchanged figures come from the build
    cache) and the page reloads by itself. When a template or the data has an
    error, the page keeps the last good version with the error (file, line,
    message) at its top, and the terminal says the same; fixing it brings the
    page back. Ctrl-C stops the preview.
    """
    from naravard.preview import Preview
    from naravard.progress import Progress

    try:
        server = Preview(project_dir, data_dir, port, Progress(verbosity=verbosity))
    except NaravardError as exc:
        fail(exc)
    except OSError as exc:  # the port is taken
        click.echo(f"Error: cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}", err=True)
        sys.exit(INPUT)
    server.run(open_browser=open_browser)


@main.command(epilog=EXIT_HELP)
@click.option("--level", type=click.Choice(("region", "kommun")), required=True,
              help="region: one profile per region (21); kommun: one per kommun (290).")
@click.option("--area", "areas", multiple=True, metavar="CODE",
              help="Only this area: a länskod (08) or kommunkod (0980); repeat for several. Default: every area of the level.")
@data_option("Data package folder.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the profiles and their index go. Default: _profiler/region or _profiler/kommun in the project "
              "(with --sample: in the current folder).")
@formats_option(("html", "pdf"))
@click.option("--engine", type=click.Choice(ENGINES), default="auto", show_default=True,
              help="As for build: quarto, builtin (pandoc and Typst), or auto.")
@project_option
@click.option("--sample", is_flag=True, help="Use the sample project that ships with naravard (no project needed).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Engines run in this many processes. Default: the machine's cores.")
@verbosity_options
def profiles(level, areas, data_dir, out_dir, formats, engine, project_dir, sample, workers, verbosity) -> None:
    """Build a short profile of every region or kommun, and an index page that lists them.

    Each profile compares the area with riket and with the other areas of its
    level (and a kommun with its län): latest value, place, change since the
    base year, a small trend, the confidence interval where known; a region's
    profile also has its survey answers against the count. Each profile gets
    its own folder (HTML, PDF, figures, values.json for `naravard diff`);
    index.html links them all and works offline. Like build, the output
    folder is replaced only when every profile succeeded. Prints the paths.
    """
    from naravard.profiles import ProfileOptions, run_profiles
    from naravard.progress import Progress

    progress = Progress(verbosity=verbosity)
    report_paths(progress, lambda: run_profiles(
            ProfileOptions(level=level, areas=tuple(areas), project_dir=project_dir, data_dir=data_dir, out_dir=out_dir,
                           formats=formats, engine=engine, sample=sample, workers=workers),
            progress=progress,
        ))


def report_paths(progress, run) -> None:
    """Run a build (or the profiles) and print the paths it wrote; a NaravardError exits with its code."""
    try:
        result = run()
    except NaravardError as exc:
        fail(exc)
    progress.done(result.summary())
    for line in result.paths():
        click.echo(line)


def run() -> None:  # pragma: no cover - `python -m naravard`
    main(prog_name="naravard")


if __name__ == "__main__":  # pragma: no cover
    run()
