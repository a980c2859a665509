"""A data package as editable values: the sample read once, changed in memory, written anew.

Used by the property test (``test_validate_promises_build.py``) to make many
variants of a valid package without re-reading the sample each time.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tests.hostile.corpus import SAMPLE, _toml_string

TABLES = ("indicators", "costs", "survey_regions", "survey_municipalities")


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(type(value))


def toml_text(doc: dict) -> str:
    """*doc* as TOML: plain keys first, then one [table] (or [table.sub]) per mapping."""
    lines: list[str] = []

    def emit(prefix: str, table: dict) -> None:
        plain = {k: v for k, v in table.items() if not isinstance(v, dict)}
        if prefix and plain:
            lines.append(f"\n[{prefix}]")
        for k, v in plain.items():
            lines.append(f"{k} = {_toml_value(v)}")
        for k, v in table.items():
            if isinstance(v, dict):
                emit(f"{prefix}.{k}" if prefix else k, v)

    emit("", doc)
    return "\n".join(lines) + "\n"


@dataclass
class Package:
    report: dict
    method: dict | None
    tables: dict[str, pd.DataFrame | None] = field(default_factory=dict)

    @classmethod
    def sample(cls) -> Package:
        report = tomllib.loads((SAMPLE / "report.toml").read_text(encoding="utf-8"))
        method = tomllib.loads((SAMPLE / "method.toml").read_text(encoding="utf-8"))
        tables = {
            stem: pd.read_csv(SAMPLE / f"{stem}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig") for stem in TABLES
        }
        return cls(report, method, tables)

    def copy(self) -> Package:
        return Package(copy.deepcopy(self.report), copy.deepcopy(self.method), {k: (v.copy() if v is not None else None) for k, v in self.tables.items()})

    def write(self, dest: Path) -> Path:
        dest.mkdir(parents=True, exist_ok=True)
        (dest / "report.toml").write_text(toml_text(self.report), encoding="utf-8")
        if self.method is not None:
            (dest / "method.toml").write_text(toml_text(self.method), encoding="utf-8")
        for stem, frame in self.tables.items():
            if frame is not None:
                frame.to_csv(dest / f"{stem}.csv", index=False, encoding="utf-8")
        return dest
