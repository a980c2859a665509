"""Write computed rows into a data package: indicators.csv and provenance/registers.json.

The rows of each (indicator, year) computed replace that indicator's rows for
the year; every other row stays as it was, in its place. Both files are written
next to their targets and moved into place only when both are complete, so a
failure leaves the package as it was.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pandas as pd

from naravard.errors import NaravardError
from naravard.registers.statistics import COLUMNS

INDICATORS = "indicators.csv"
PROVENANCE = Path("provenance") / "registers.json"
PROVENANCE_FORMAT = 1


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def _existing(package_dir: Path) -> tuple[list[str], list[list[str]]]:
    """The package's indicators.csv as text cells (header, rows); empty when there is none."""
    for other in ("indicators.xlsx", "indicators.parquet"):
        if (package_dir / other).exists():
            raise NaravardError(
                f"{package_dir / other}: the package keeps its indicators in {other}; naravard indicators writes "
                f"indicators.csv. Save the table as indicators.csv (UTF-8) and remove {other}, then run it again."
            )
    path = package_dir / INDICATORS
    if not path.exists():
        return list(COLUMNS), []
    from naravard.data.readers import ROW, read_table

    raw = read_table(path)
    fatal = [p for p in raw.problems if p.is_error]
    if fatal:
        raise NaravardError(f"{path} cannot be read, so the computed rows were not written: {fatal[0]}")
    frame = raw.frame.drop(columns=[ROW], errors="ignore").fillna("")
    header = [str(c) for c in frame.columns]
    for needed in ("indicator", "year"):
        if needed not in header:
            raise NaravardError(f"{path}: the column {needed!r} is missing, so the computed rows cannot replace old ones")
    return header, [[str(v) for v in row] for row in frame.itertuples(index=False)]


def merged_rows(package_dir: Path, rows: pd.DataFrame) -> tuple[list[str], list[list[str]], int]:
    """The new indicators.csv (header, rows) and how many old rows were replaced."""
    header, old = _existing(package_dir)
    for column in COLUMNS:
        if column not in header:
            header.append(column)
    ind_col, year_col = header.index("indicator"), header.index("year")
    replaced = {(i, str(y)) for i, y in rows[["indicator", "year"]].drop_duplicates().itertuples(index=False)}
    new_by_indicator: dict[str, list[list[str]]] = {}
    for record in rows.to_dict("records"):
        cells = [""] * len(header)
        for column in COLUMNS:
            cells[header.index(column)] = _cell(record[column])
        new_by_indicator.setdefault(record["indicator"], []).append(cells)
    out: list[list[str]] = []
    placed: set[str] = set()
    dropped = 0
    for row in old:
        row = row + [""] * (len(header) - len(row))
        key = (row[ind_col], row[year_col])
        if key in replaced:
            dropped += 1
            if key[0] not in placed:  # the new rows take the place of the first old row of the indicator
                out.extend(new_by_indicator[key[0]])
                placed.add(key[0])
            continue
        out.append(row)
    for indicator, new in new_by_indicator.items():
        if indicator not in placed:
            out.extend(new)
    return header, out, dropped


def read_provenance(package_dir: Path) -> dict:
    """The package's register provenance: ``{"format", "runs": {id: run}, "indicators": {id: {year: run id}}}``."""
    path = Path(package_dir) / PROVENANCE
    if not path.exists():
        return {"format": PROVENANCE_FORMAT, "runs": {}, "indicators": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise NaravardError(f"{path}: not valid JSON ({exc}); remove it to start a new provenance record") from None
    data.setdefault("runs", {})
    data.setdefault("indicators", {})
    return data


def merged_provenance(package_dir: Path, run: dict, rows: pd.DataFrame) -> dict:
    data = read_provenance(package_dir)
    for indicator, year in rows[["indicator", "year"]].drop_duplicates().itertuples(index=False):
        data["indicators"].setdefault(indicator, {})[str(int(year))] = run["id"]
    data["runs"][run["id"]] = run
    # runs no row points to any more are dropped; everything sorted for byte-identical files
    live = {r for years in data["indicators"].values() for r in years.values()}
    return {
        "format": PROVENANCE_FORMAT,
        "runs": {k: data["runs"][k] for k in sorted(data["runs"]) if k in live},
        "indicators": {i: dict(sorted(y.items())) for i, y in sorted(data["indicators"].items())},
    }


def write_package(package_dir: Path, rows: pd.DataFrame, run: dict) -> tuple[Path, Path, int]:
    """Write the rows and the provenance into *package_dir*; returns the two paths and rows replaced."""
    package_dir = Path(package_dir)
    header, out, dropped = merged_rows(package_dir, rows)
    provenance = merged_provenance(package_dir, run, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(out)
    targets = [
        (package_dir / INDICATORS, buffer.getvalue()),
        (package_dir / PROVENANCE, json.dumps(provenance, ensure_ascii=False, indent=1, sort_keys=False) + "\n"),
    ]
    package_dir.mkdir(parents=True, exist_ok=True)
    (package_dir / PROVENANCE).parent.mkdir(exist_ok=True)
    staged = []
    try:
        for target, text in targets:
            tmp = target.with_name(f".{target.name}.naravard-tmp")
            tmp.write_text(text, encoding="utf-8")
            staged.append((tmp, target))
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
    return package_dir / INDICATORS, package_dir / PROVENANCE, dropped
