"""Rules shared by the small curated tables: examples, their numbers, facts, free text, exclusions.

These tables have tens of rows, written by hand, so their rules run row by row
and say exactly what is wrong with each row (file, row, column, expected).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from naravard.data.models import UNITS, References
from naravard.data.parsing import number_text
from naravard.data.problems import Problem, error
from naravard.data.tables import BAD, RAW_VALUE
from naravard.data.validation import Context, suggest

# Words a source uses for how exact a number is; printed before it ("knappt 7,3 miljoner").
QUALIFIERS = ("cirka", "ungefär", "omkring", "knappt", "drygt", "nästan", "minst", "högst", "över", "under")
LEVELS = ("region", "kommun", "rss")  # who reported: a region, a kommun, or a län's regional support structure
ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
ID_EXPECTED = "lower-case letters a–z, digits, _ and - (such as varmland_mobila_team)"
MAX_DECIMALS = 3


def read_catalogue_toml(catalogue_dir: Path, name: str, expected: str) -> tuple[dict | None, str, list[Problem]]:
    """An optional TOML file of the catalogue: (its contents or None, the name messages use, problems)."""
    path, shown = catalogue_dir / name, f"{catalogue_dir.name}/{name}"
    if not path.is_file():
        return None, shown, []
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), shown, []
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return None, shown, [error(shown, None, None, f"cannot be read: {exc}", expected)]


def rows(frame: pd.DataFrame | None) -> Iterator[tuple[int, str, pd.Series]]:
    """(spreadsheet row, file, row) for the rows without a cell of the wrong type."""
    if frame is None:
        return
    for _, row in frame.loc[~frame[BAD]].iterrows():
        yield int(row["source_row"]), str(row["source_file"]), row


def text(row: pd.Series, column: str) -> str:
    value = row.get(column, "")
    return "" if value is None or value != value else str(value).strip()


def required_text(row: pd.Series, column: str, file: str, n: int, what: str, problems: list[Problem]) -> str:
    value = text(row, column)
    if not value:
        problems.append(error(file, n, column, "the cell is empty", what))
    return value


def check_id(value: str, file: str, n: int, column: str, seen: dict[str, int], problems: list[Problem]) -> bool:
    if not ID.match(value):
        problems.append(error(file, n, column, f"{value!r} cannot be used as an id", ID_EXPECTED))
        return False
    if value in seen:
        problems.append(error(file, n, column, f"{value!r} is used twice (first at row {seen[value]})", "one row per id"))
        return False
    seen[value] = n
    return True


def check_area(level: str, area: str, file: str, n: int, ctx: Context, problems: list[Problem]) -> bool:
    """Who reported: a region or an RSS is named by its länskod, a kommun by its kommunkod."""
    if level not in LEVELS:
        problems.append(error(file, n, "level", f"unknown level {level!r}", "region, kommun or rss (the län's regional support structure)"))
        return False
    if level in ("region", "rss"):
        codes = ctx.region_codes
        expected = "a länskod from the catalogue's regions.csv (01–25)"
    else:
        codes = [m.code for m in ctx.catalogue.municipalities]
        expected = "a four-digit kommunkod from the catalogue's municipalities.csv"
    if area not in codes:
        problems.append(error(file, n, "area", f"unknown {level} code {area!r}", expected))
        return False
    return True


def check_year(year: int, file: str, n: int, ctx: Context, problems: list[Problem], *, latest_offset: int = 0) -> bool:
    if ctx.report_year is not None and year > ctx.report_year + latest_offset:
        problems.append(error(file, n, "year", f"{year} is after the report year {ctx.report_year}", f"a year up to {ctx.report_year + latest_offset}"))
        return False
    return True


def check_unit(unit: str, file: str, n: int, problems: list[Problem]) -> bool:
    if not unit:
        problems.append(error(file, n, "unit", "a number without a unit", f"one of {', '.join(sorted(UNITS))}"))
        return False
    if unit not in UNITS:
        problems.append(error(file, n, "unit", f"unknown unit {unit!r}{suggest(unit, list(UNITS))}", f"one of {', '.join(sorted(UNITS))}"))
        return False
    return True


def check_qualifier(qualifier: str, file: str, n: int, problems: list[Problem]) -> None:
    if qualifier and qualifier not in QUALIFIERS:
        problems.append(error(file, n, "qualifier", f"unknown qualifier {qualifier!r}{suggest(qualifier, list(QUALIFIERS))}", f"empty, or one of {', '.join(QUALIFIERS)}"))


def value_and_decimals(row: pd.Series, file: str, n: int, problems: list[Problem]) -> tuple[float | None, int]:
    """The number, and its precision: the ``decimals`` cell, else as many decimals as written ("7,3" -> 1)."""
    value = row.get("value")
    if value is None or value != value:
        problems.append(error(file, n, "value", "the cell is empty", "the number, such as 65 or 7,3"))
        return None, 0
    written = text(row, "decimals")
    if written:
        if not written.isdigit() or int(written) > MAX_DECIMALS:
            problems.append(error(file, n, "decimals", f"{written!r} is not a number of decimals", f"0–{MAX_DECIMALS}, or empty for as many as the value is written with"))
            return float(value), 0
        return float(value), int(written)
    raw = number_text(pd.Series([str(row.get(RAW_VALUE, ""))])).iloc[0]
    return float(value), len(raw.split(".", 1)[1]) if "." in raw else 0


def check_reference(key: str, references: References | None, file: str, n: int, problems: list[Problem]) -> bool:
    """A reference id or a role with a work this year."""
    if references is None or not key:
        return not key
    if references.resolve(key) is not None:
        return True
    if key in references.declared_roles:
        problems.append(error(file, n, "reference", f"no work plays the role {key!r} this year", "a line for the role in citations.toml, or a reference id"))
    else:
        choices = [*references.items, *references.declared_roles]
        problems.append(error(file, n, "reference", f"unknown reference {key!r}{suggest(key, choices)}", "an id from references.json (the package's or the catalogue's) or a role from citation_roles.toml"))
    return False
