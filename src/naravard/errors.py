"""Errors the command line reports as a message instead of a traceback, and its exit codes.

Every command exits with a code from :data:`EXIT_CODES`; ``naravard --help``
and the README print the same table (a test compares them).
"""

from __future__ import annotations

OK = 0
FINDINGS = 1
INPUT = 2
ENGINE = 3
RENDER = 4

EXIT_CODES = {
    OK: "success (validate: the package is valid; check: no errors; diff: the builds are identical)",
    FINDINGS: "findings: validate found errors in the package, check found errors, diff found differences",
    INPUT: "usage error, or input that cannot be read or is invalid (a missing folder, no project, "
    "a data package with errors given to build, a folder that is not a build)",
    ENGINE: "a rendering engine is missing (Quarto for --engine quarto, pandoc or Typst)",
    RENDER: "rendering failed (pandoc, Typst or Quarto reported an error)",
}


def exit_code_table() -> str:
    """The table for ``--help`` (one line a code)."""
    return "\n".join(f"  {code}  {text}" for code, text in EXIT_CODES.items())


class NaravardError(Exception):
    """A problem the user can fix; the message says what and where."""

    exit_code = INPUT


class ProjectNotFound(NaravardError):
    pass


class EngineUnavailable(NaravardError):
    exit_code = ENGINE


class RenderError(NaravardError):
    exit_code = RENDER


class NotPublishable(NaravardError):
    """``--strict``: the report would print synthetic values (or unidentified references)."""

    exit_code = INPUT
