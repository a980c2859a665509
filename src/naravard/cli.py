"""The ``naravard`` command: build, validate, and (for reviewers) diff and check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from naravard import __version__

ENGINES = ("auto", "builtin", "quarto")
FORMATS = ("html", "pdf", "docx")


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
    """


@main.command()
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data package folder. Default: the sample package in data/sample-2024.",
)
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
@click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Project folder (with _quarto.yml and templates/). Default: found from the current folder.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
def build(data_dir, out_dir, formats, engine, project_dir, quiet) -> None:
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
            ),
            progress=progress,
        )
    except NaravardError as exc:
        progress.fail(str(exc))
        sys.exit(exc.exit_code)
    progress.done(result.summary())


@main.command()
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--catalogue",
    "catalogue_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Catalogue folder. Default: data/catalogue in the project.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(data_dir, catalogue_dir, strict) -> None:
    """Check a data package and list every problem found.

    Each problem names the file, the row and the column and says what was
    expected. Exit status: 0 when the package is valid (warnings allowed unless
    --strict), 1 when it has errors.
    """
    from naravard.data.validate_command import run_validate

    sys.exit(run_validate(data_dir, catalogue_dir, strict=strict))


if __name__ == "__main__":  # pragma: no cover
    main()
