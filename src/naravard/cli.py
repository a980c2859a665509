"""The ``naravard`` command: build, validate, and (for reviewers) diff and check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from naravard import __version__

ENGINES = ("auto", "builtin", "quarto")
FORMATS = ("html", "pdf", "docx")


def data_option(what: str):
    """``--data DIR``, shared by the commands that read a data package."""
    return click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"{what} Default: the sample package in data/sample-2024.",
    )


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="naravard")
def main() -> None:
    """Build Socialstyrelsen's annual follow-up report "Uppföljning av omställningen
    till en god och nära vård" from a data package, as HTML, PDF (PDF/UA-1) and DOCX.

    \b
    Typical use, from the project folder:
      naravard build                   the sample report into _output/
      naravard build --data DIR        a year's data package
      naravard validate DIR            check a data package before building
      naravard new-edition DIR NEW     next year's package from this year's
      naravard check                   lint the templates and the composed report
      naravard diff OLD NEW            what changed between two builds (values, text, figures)
    """


@main.command()
@data_option("Data package folder.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the finished files go. Default: _output/ in the project.",
)
@click.option(
    "--to",
    "formats",
    type=click.Choice(FORMATS),
    multiple=True,
    help="Output format; repeat for several. Default: all three.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="quarto uses Quarto (must be on PATH); builtin uses pandoc and Typst; "
    "auto takes Quarto when it is installed.",
)
@project_option
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse to publish a report that prints synthetic (illustrative) values; exit status 2 "
    "with where they come from. Also set by strict = true in report.toml.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
def build(data_dir, out_dir, formats, engine, project_dir, strict, quiet) -> None:
    """Build the report from a data package into HTML, PDF and DOCX.

    The build runs in a staging folder; the finished files replace the previous
    ones in the output folder only when every step succeeded, so a failed build
    leaves the last good report in place.
    """
    from naravard.errors import NaravardError
    from naravard.pipeline import BuildOptions, run_build
    from naravard.progress import Progress

    progress = Progress(quiet=quiet)
    try:
        result = run_build(
            BuildOptions(
                project_dir=project_dir,
                data_dir=data_dir,
                out_dir=out_dir,
                formats=tuple(formats) or FORMATS,
                engine=engine,
                strict=strict,
            ),
            progress=progress,
        )
    except NaravardError as exc:
        progress.fail(str(exc))
        sys.exit(exc.exit_code)
    progress.done(result.summary())


@main.command()
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path))
@catalogue_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(data_dir, catalogue_dir, strict) -> None:
    """Check a data package and list every problem found.

    Each problem names the file, the row and the column and says what was
    expected. Exit status: 0 when the package is valid (warnings allowed unless
    --strict), 1 when it has errors.
    """
    from naravard.data.validate_command import run_validate

    sys.exit(run_validate(data_dir, catalogue_dir, strict=strict))


@main.command("new-edition")
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
    from naravard.errors import NaravardError
    from naravard.new_edition import new_edition

    try:
        result = new_edition(from_dir, new_dir, catalogue_dir, keep_years=keep_years)
    except NaravardError as exc:
        click.echo(f"naravard new-edition: {exc}", err=True)
        sys.exit(2)
    click.echo(result.summary())


@main.command()
@click.argument("old", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.argument("new", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the full diff as one self-contained HTML file (figures old and new side by side).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the diff as JSON (values, text, figures, tables, structure, flips).")
@click.option("--docx", "docx_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write NEW's DOCX with Word tracked changes against OLD's, to accept or reject in Word.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only the exit status tells.")
def diff(old, new, html_path, json_path, docx_path, quiet) -> None:
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

    Exit status: 0 when the builds are identical, 1 when they differ, 2 on error.
    """
    import json

    from naravard.errors import NaravardError
    from naravard.review.diff import diff_builds
    from naravard.review.diff_render import html_report, summary

    try:
        result = diff_builds(old, new)
        if html_path:
            html_path.write_text(html_report(result, old, new), encoding="utf-8")
        if json_path:
            json_path.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if docx_path:
            from naravard.review.redline import redline, find_docx

            redline(find_docx(old), find_docx(new), docx_path)
    except NaravardError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:  # an output path that cannot be written
        click.echo(f"Error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - a damaged build is an input error, never "the builds differ"
        click.echo(f"Error: {old} and {new} could not be compared; one of them is not a readable build "
                   f"({type(exc).__name__}: {str(exc)[:200]})", err=True)
        sys.exit(2)
    if not quiet:
        click.echo(summary(result), nl=False)
        for label, path in (("HTML", html_path), ("JSON", json_path), ("DOCX", docx_path)):
            if path:
                click.echo(f"{label:5} {path}")
    sys.exit(0 if result.identical else 1)


@main.command()
@data_option("Data package to compose the report with.")
@project_option
@click.option("--templates-only", is_flag=True, help="Only lint the templates' typed text; do not compose the report.")
@click.option("--no-spelling", is_flag=True, help="Skip the spelling check (hunspell, sv_SE).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(data_dir, project_dir, templates_only, no_spelling, strict) -> None:
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
    line with {# check: literal #} or {# check: <rule> #}. Exit status: 0 when
    there are no errors (warnings are printed), 1 with errors (or warnings
    with --strict), 2 when the check could not run.
    """
    from naravard.review.check import run_check_command

    sys.exit(
        run_check_command(project_dir, data_dir, build=not templates_only, spelling=not no_spelling, strict=strict)
    )


if __name__ == "__main__":  # pragma: no cover
    main()
