"""What is wrong with a data package, said so that a user can fix it.

Every check in the data stage reports a :class:`Problem` instead of raising, so
one run lists everything that is wrong. :class:`DataPackageError` carries the
list when a package cannot be used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from naravard.errors import NaravardError

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)

# How many problems DataPackageError prints before it only counts the rest.
MAX_LISTED = 50
# A message quotes at most this much of a value (a 64 MB cell must not become a 64 MB message).
MAX_QUOTED = 80
MAX_MESSAGE = 600


def quote(value: object, limit: int = MAX_QUOTED) -> str:
    """``'S2023/01930'``; a long value is cut: ``'Lorem ipsum …' (12 000 characters)``."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= limit:
        return repr(text) if isinstance(value, str) else text
    head = text[: limit - 1]
    shown = repr(head + "…") if isinstance(value, str) else head + "…"
    return f"{shown} ({len(text):,} characters)".replace(",", " ")


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" | "warning"
    file: str  # path relative to the package (or catalogue) folder
    row: int | None  # 1-based spreadsheet row (header = 1), None for the whole file
    column: str | None  # column (or settings key) name, None for the whole row/file
    message: str  # what is wrong, naming the offending value
    expected: str = ""  # what would have been right

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")
        for name, limit in (("message", MAX_MESSAGE), ("expected", MAX_MESSAGE), ("column", MAX_QUOTED)):
            text = getattr(self, name)
            if text and len(text) > limit:  # whatever a check quoted, the message stays readable
                object.__setattr__(self, name, text[: limit - 1] + "…")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f'column "{self.column}"')
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text

    def sort_key(self) -> tuple:
        return (0 if self.is_error else 1, self.file, self.row or 0, self.column or "", self.message)


def error(file: str, row: int | None, column: str | None, message: str, expected: str = "") -> Problem:
    return Problem(ERROR, file, row, column, message, expected)


def warning(file: str, row: int | None, column: str | None, message: str, expected: str = "") -> Problem:
    return Problem(WARNING, file, row, column, message, expected)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Errors first, then by file, row and column; duplicates dropped."""
    return sorted(set(problems), key=Problem.sort_key)


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def format_problems(problems: Iterable[Problem], limit: int | None = MAX_LISTED) -> str:
    """One problem a line, errors first; beyond *limit* only a count."""
    problems = sort_problems(problems)
    shown = problems if limit is None else problems[:limit]
    lines = [f"{p.severity}: {p}" for p in shown]
    if len(problems) > len(shown):
        lines.append(f"... and {len(problems) - len(shown)} more problems")
    return "\n".join(lines)


class DataPackageError(NaravardError):
    """The data package (or its catalogue) has errors; ``problems`` lists them all."""

    def __init__(self, problems: Iterable[Problem], what: str = "The data package") -> None:
        self.problems = sort_problems(problems)
        n_errors = len(errors_in(self.problems))
        n_warnings = len(self.problems) - n_errors
        head = f"{what} has {n_errors} error{'s' if n_errors != 1 else ''}"
        if n_warnings:
            head += f" and {n_warnings} warning{'s' if n_warnings != 1 else ''}"
        super().__init__(f"{head}:\n{format_problems(self.problems)}")

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)
