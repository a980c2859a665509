"""``report.toml``: the year, the title page and the Förord's signature."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from naravard.data.models import ReportSettings
from naravard.data.problems import Problem, error, quote, warning
from naravard.data.text_fields import read_toml, text_problem

SETTINGS_FILE = "report.toml"

# key -> (kind, required); kinds are checked by _coerce.
SETTINGS_KEYS: dict[str, tuple[str, bool]] = {
    "year": ("year", True),
    "title": ("text", True),
    "subtitle": ("text", True),
    "publisher": ("text", True),
    "article_number": ("text", True),
    "published": ("date", True),
    "edition": ("text", True),
    "assignment": ("text", True),
    "foreword_signature": ("text", True),
    "foreword_signature_title": ("text", True),
    "project_leads": ("names", False),
    "contributors": ("names", False),
    "unit_head": ("text", False),
    "language": ("language", False),
    "strict": ("bool", False),  # refuse to publish printed values that rest on synthetic rows
}
_EXPECTED = {
    "year": "a whole year such as 2024, without quotes",
    "text": "text in quotes",
    "date": "a date such as 2025-08-29 (TOML date, or text in that form)",
    "names": 'a list of names, ["Förnamn Efternamn", ...]',
    "bool": "true or false, without quotes",
    "language": 'a language code of two or three small letters, such as "sv"',
}


def read_settings(data_dir: Path) -> tuple[ReportSettings | None, list[Problem]]:
    """Settings from ``report.toml`` in *data_dir*, and every problem with them."""
    path = Path(data_dir) / SETTINGS_FILE
    if not path.is_file():
        return None, [error(SETTINGS_FILE, None, None, "the file is missing", "report.toml with the report settings")]
    doc, problems = read_toml(path, SETTINGS_FILE)
    if doc is None:
        return None, problems
    return settings_from_mapping(doc)


def settings_from_mapping(doc: dict[str, Any]) -> tuple[ReportSettings | None, list[Problem]]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, (kind, required) in SETTINGS_KEYS.items():
        if key not in doc:
            if required:
                problems.append(error(SETTINGS_FILE, None, key, "the key is missing", _EXPECTED[kind]))
            continue
        value, ok = _coerce(doc[key], kind)
        if not ok:
            problems.append(error(SETTINGS_FILE, None, key, f"{quote(doc[key])} is not {_what(kind)}", _EXPECTED[kind]))
            continue
        texts = [value] if isinstance(value, str) else list(value) if kind == "names" else []
        unprintable = [p for p in (text_problem(SETTINGS_FILE, None, key, t) for t in texts) if p is not None]
        if unprintable:
            problems += unprintable
            continue
        values[key] = value
    for key in doc:
        if key not in SETTINGS_KEYS:
            problems.append(warning(SETTINGS_FILE, None, key, "unknown key ignored", f"one of {', '.join(SETTINGS_KEYS)}"))
    if "year" in values and "published" in values and values["published"].year < values["year"]:
        problems.append(
            error(SETTINGS_FILE, None, "published", f"published {values['published']} is before the reference year {values['year']}", "a publication date after the reference year")
        )
    if any(p.is_error for p in problems):
        return None, problems
    return ReportSettings(**values), problems


def toml_date(value: Any) -> tuple[Any, bool]:
    """A TOML date (``2025-08-29``) or the same as text; (the date, True) or (value, False)."""
    if isinstance(value, dt.datetime):
        return value.date(), True
    if isinstance(value, dt.date):
        return value, True
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()), True
        except ValueError:
            return value, False
    return value, False


def _what(kind: str) -> str:
    return {"year": "a year", "text": "text", "date": "a date", "names": "a list of names", "bool": "true or false", "language": "a language code"}[kind]


def _coerce(value: Any, kind: str) -> tuple[Any, bool]:
    if kind == "year":
        ok = isinstance(value, int) and not isinstance(value, bool) and 1990 <= value <= 2100
        return value, ok
    if kind == "text":
        return value, isinstance(value, str) and value.strip() != ""
    if kind == "language":  # printed into HTML's lang and Typst's text(lang: …)
        return value, isinstance(value, str) and re.fullmatch(r"[a-z]{2,3}", value) is not None
    if kind == "date":
        return toml_date(value)
    if kind == "bool":
        return value, isinstance(value, bool)
    if kind == "names":
        if isinstance(value, str):  # a single name is a list of one
            value = [value]
        ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        return tuple(value) if ok else value, ok
    raise ValueError(kind)
