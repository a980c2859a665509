"""The three tables of a data package: their columns, and text cells to typed columns.

A :class:`TableSpec` says which columns a table needs, which it may have (and
their defaults) and how each is typed. :func:`typed_table` applies it to a
:class:`~naravard.data.readers.RawTable` and reports missing columns and cells
of the wrong type; what the values *mean* is checked in ``validation.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from naravard.data.models import INDICATOR_COLUMNS, SURVEY_MUNICIPALITY_COLUMNS, SURVEY_REGION_COLUMNS
from naravard.data.parsing import normalise_codes, parse_bools, parse_integers, parse_numbers
from naravard.data.problems import Problem, error, warning
from naravard.data.readers import ROW, RawTable

# Internal columns added next to the contract columns while validating.
BAD = "__bad"  # bool: the row has a cell of the wrong type; content rules skip it
RAW = "__raw_"  # + column: a number cell as written, for messages in the package's own number style


def raw_column(col: str) -> str:
    return RAW + col


RAW_VALUE = raw_column("value")

CODE_WIDTH = {"riket": 2, "region": 2, "kommun": 4, "rss": 2}  # rss: a län's regional support structure


@dataclass(frozen=True)
class TableSpec:
    stem: str  # file stem: indicators, costs, survey_regions, survey_municipalities
    required: tuple[str, ...]
    optional: dict[str, str]  # column -> default text
    numbers: tuple[str, ...] = ()
    integers: tuple[str, ...] = ("year",)
    booleans: tuple[str, ...] = ("synthetic",)
    lower: tuple[str, ...] = ()  # case-insensitive vocabularies
    columns: tuple[str, ...] = ()  # the contract columns, in order


INDICATOR_SPEC = TableSpec(
    stem="indicators",
    required=("indicator", "year", "level", "area", "sex", "value"),
    optional={
        "period": "",
        "numerator": "",
        "denominator": "",
        "ci_lower": "",
        "ci_upper": "",
        "missing": "",
        "synthetic": "",
    },
    numbers=("value", "numerator", "denominator", "ci_lower", "ci_upper"),
    lower=("level", "sex"),
    columns=INDICATOR_COLUMNS,
)
COST_SPEC = replace(INDICATOR_SPEC, stem="costs")
SURVEY_REGION_SPEC = TableSpec(
    stem="survey_regions",
    required=("question", "year", "area", "answer"),
    optional={"option": "", "synthetic": ""},
    columns=SURVEY_REGION_COLUMNS,
)
SURVEY_MUNICIPALITY_SPEC = TableSpec(
    stem="survey_municipalities",
    required=("question", "year", "level", "area", "value"),
    optional={"option": "", "synthetic": ""},
    numbers=("value",),
    lower=("level",),
    columns=SURVEY_MUNICIPALITY_COLUMNS,
)
SPECS = (INDICATOR_SPEC, COST_SPEC, SURVEY_REGION_SPEC, SURVEY_MUNICIPALITY_SPEC)

_WHAT = {
    "year": "a whole year such as 2024",
    "value": "a number, such as 8,9 or 8.9 (or an empty cell with a reason in \"missing\")",
    "numerator": "a number or an empty cell",
    "denominator": "a number or an empty cell",
    "ci_lower": "a number or an empty cell",
    "ci_upper": "a number or an empty cell",
    "synthetic": "true or false (also ja/nej, 1/0, SANT/FALSKT)",
}


def typed_table(raw: RawTable, spec: TableSpec) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The raw table with typed columns, or None when a required column is missing."""
    problems: list[Problem] = []
    frame = raw.frame
    found = raw.columns_found
    missing = [c for c in spec.required if c not in frame.columns]
    if missing:
        listed = ", ".join(found) if found else "none"
        for col in missing:
            problems.append(
                error(
                    raw.file,
                    1,
                    col,
                    f'missing required column "{col}" (columns found: {listed})',
                    f"the columns {', '.join(spec.required)}; optional: {', '.join(spec.optional)}",
                )
            )
        return None, problems
    known = set(spec.required) | set(spec.optional)
    for col in found:
        if col not in known:
            problems.append(
                warning(raw.file, 1, col, f'unknown column "{col}" ignored', f"only {', '.join([*spec.required, *spec.optional])}")
            )

    def text(col: str) -> pd.Series:
        if col in frame.columns:
            return frame[col].astype(str)
        return pd.Series(spec.optional[col], index=frame.index, dtype=object).astype(str)

    out = pd.DataFrame(index=frame.index)
    bad = pd.Series(False, index=frame.index)
    rows = frame[ROW].astype("int64")

    for col in spec.required + tuple(spec.optional):
        cells = text(col)
        if col in spec.integers:
            values, wrong = parse_integers(cells)
            empty = values.isna() & ~wrong
            problems += _cell_problems(raw.file, rows, cells, wrong | empty, col)
            out[col] = values
            bad |= wrong | empty
        elif col in spec.numbers:
            values, wrong = parse_numbers(cells)
            problems += _cell_problems(raw.file, rows, cells, wrong, col, spec.stem)
            out[col] = values
            bad |= wrong
            out[raw_column(col)] = cells.str.strip()
        elif col in spec.booleans:
            values, wrong = parse_bools(cells)
            problems += _cell_problems(raw.file, rows, cells, wrong, col)
            out[col] = values
            bad |= wrong
        elif col in spec.lower:
            out[col] = cells.str.strip().str.lower()
        else:
            out[col] = cells
    if "area" in out:
        if "level" in out:
            width = out["level"].map(CODE_WIDTH).fillna(0).astype(int)
        else:  # the region survey has no level: areas are länskoder
            width = 2
        out["area"] = normalise_codes(out["area"], width)
    out["source_file"] = raw.file
    out["source_row"] = rows
    out[BAD] = bad
    return out, problems


def _cell_problems(file: str, rows: pd.Series, cells: pd.Series, mask: pd.Series, col: str, stem: str = "") -> list[Problem]:
    """One problem per bad cell: a value of the wrong type is always a row's own problem."""
    if not mask.any():
        return []
    kind = {"year": "not a whole year", "synthetic": "not true or false"}.get(col, "not a number")
    what = "a share in percent, such as 91 or 91,5" if (stem, col) == ("survey_municipalities", "value") else _WHAT.get(col, "a value")
    out = []
    for row, cell in zip(rows[mask], cells[mask], strict=True):
        shown = f"{cell!r} is {kind}" if cell else "the cell is empty"
        out.append(error(file, int(row), col, shown, what))
    return out


def contract_frame(df: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Exactly the contract columns with the contract dtypes (see models.py)."""
    out = pd.DataFrame(index=df.index)
    for col in columns:
        if col in df.columns:
            out[col] = df[col]
        elif col == "number":
            out[col] = np.nan
        else:
            out[col] = ""
    for col in columns:
        if col in ("year", "source_row"):
            out[col] = out[col].astype("int64")
        elif col in ("value", "numerator", "denominator", "ci_lower", "ci_upper", "number"):
            out[col] = out[col].astype("float64")
        elif col == "synthetic":
            out[col] = out[col].astype(bool)
        else:
            out[col] = out[col].astype(str)
    return out.reset_index(drop=True)
