"""`--to`, one option for build and profiles: repeated or comma-separated, checked, with each command's default."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from naravard.cli import FORMATS, formats_option, main


def command(default):
    @click.command()
    @formats_option(default)
    def show(formats):
        click.echo(repr(formats))

    return show


@pytest.mark.parametrize("args, expected", [
    ([], ("html", "pdf")),
    (["--to", "docx"], ("docx",)),
    (["--to", "pdf,html"], ("pdf", "html")),
    (["--to", "pdf", "--to", "html, docx", "--to", "PDF"], ("pdf", "html", "docx")),
])
def test_repeated_or_comma_separated(args, expected):
    result = CliRunner().invoke(command(("html", "pdf")), args)
    assert result.exit_code == 0 and result.output == f"{expected!r}\n"


def test_an_unknown_format_is_a_usage_error_naming_it():
    result = CliRunner().invoke(command(FORMATS), ["--to", "html,epub"])
    assert result.exit_code == 2 and "Invalid value for '--to'" in result.output and "epub (use html, pdf, docx)" in result.output


@pytest.mark.parametrize("name, default", [("build", "Default: all three."), ("profiles", "Default: html and pdf.")])
def test_both_commands_share_it_and_state_their_default(name, default):
    result = CliRunner().invoke(main, [name, "--help"], terminal_width=400)
    assert result.exit_code == 0
    assert "--to FORMAT[,FORMAT]" in result.output and default in " ".join(result.output.split())
