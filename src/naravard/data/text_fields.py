"""Checks shared by every text a package holds, and reading its TOML files safely.

Whatever a field holds is printed as text (``naravard.text.escape``); what no
font of the report can show, or what would not read as it is stored
(control characters, direction overrides), is an error naming the field here,
long before a renderer fails on it.
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

from naravard import fonts
from naravard.data.problems import Problem, error

MAX_TOML_BYTES = 1_000_000  # report.toml and method.toml are a few kilobytes
EXPECTED_TEXT = f"text in {fonts.SCRIPTS}, without control characters"


def text_problem(file: str, row: int | None, column: str | None, value: str) -> Problem | None:
    """An error when *value* holds characters the report cannot print."""
    bad = fonts.unprintable(value)
    if not bad:
        return None
    controls = [c for c in bad if c in fonts.BIDI_CONTROLS or unicodedata.category(c) == "Cc"]
    what = "control characters" if len(controls) == len(bad) else "characters the report's fonts cannot show"
    return error(file, row, column, f"the text holds {what}: {fonts.describe(bad)}", EXPECTED_TEXT)


def text_column_problems(df: pd.DataFrame, column: str) -> list[Problem]:
    """:func:`text_problem` for every row of a text column (each distinct text judged once)."""
    if column not in df.columns or df.empty:
        return []
    values = df[column].astype(str)
    verdict = {v: bool(fonts.unprintable(v)) for v in values.unique() if v}
    bad = values.map(lambda v: verdict.get(v, False))
    out = []
    for _, row in df.loc[bad, [column, "source_file", "source_row"]].iterrows():
        out.append(text_problem(row["source_file"], int(row["source_row"]), column, row[column]))
    return [p for p in out if p is not None]


def read_toml(path: Path, name: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """A TOML file as a mapping, or the one problem that says why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_TOML_BYTES:
            return None, [error(name, None, None, f"the file is {size:,} bytes; a settings file is a few kilobytes".replace(",", " "), f"at most {MAX_TOML_BYTES:,} bytes".replace(",", " "))]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(name, None, None, f"cannot read the file: {exc.strerror or exc}", "a readable file")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = " (it looks like UTF-16)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[1::2].count(0) > len(raw) // 4 else ""
        return None, [error(name, None, None, f"the file is not UTF-8{hint}: byte {exc.start + 1} cannot be read", f"{name} saved as UTF-8")]
    try:
        return tomllib.loads(text.removeprefix("\ufeff")), []
    except tomllib.TOMLDecodeError as exc:
        return None, [error(name, None, None, f"not valid TOML: {exc}", 'key = value lines, text in "quotes"')]
    except RecursionError:
        return None, [error(name, None, None, "not valid TOML for a settings file: arrays or tables are nested too deeply", 'key = value lines, text in "quotes"')]
