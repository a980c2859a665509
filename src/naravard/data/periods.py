"""Periods of the catalogue that are not bound to a report year: ``[pandemic]`` in indicators.toml.

The covid-19 pandemic is read once here. The figures of an indicator with
``covid_band`` mark it, and chapter 2 says when a year lies in it, so the two
can never disagree (they used to type the dates each).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from naravard.data.models import Period
from naravard.data.problems import Problem, error, quote, warning
from naravard.data.settings import toml_date

PANDEMIC_TABLE = "pandemic"
_KEYS = ("start", "end")
_DATE = "a date such as 2020-02-01 (TOML date, or text in that form)"


def read_period(doc: Mapping[str, Any], table: str, file: str, problems: list[Problem]) -> Period | None:
    """The ``[table]`` of *doc* as a :class:`Period` (``None`` when it is missing or wrong, with a problem for each fault)."""
    value = doc.get(table)
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(error(file, None, table, f"{quote(value)} is not a table", f"[{table}] followed by start = … and end = … lines"))
        return None
    dates = {}
    for key in _KEYS:
        if key not in value:
            problems.append(error(file, None, f"{table}.{key}", "the key is missing", _DATE))
            continue
        day, ok = toml_date(value[key])
        if not ok:
            problems.append(error(file, None, f"{table}.{key}", f"{quote(value[key])} is not a date", _DATE))
            continue
        dates[key] = day
    for key in value:
        if key not in _KEYS:
            problems.append(warning(file, None, f"{table}.{key}", "unknown key ignored", " or ".join(_KEYS)))
    if len(dates) < len(_KEYS):
        return None
    if dates["end"] < dates["start"]:
        problems.append(error(file, None, f"{table}.end", f"the period ends ({dates['end']}) before it starts ({dates['start']})", "an end date on or after start"))
        return None
    return Period(dates["start"], dates["end"])
