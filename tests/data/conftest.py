"""Fixtures for the data stage: the sample package, and throw-away copies to break."""

from __future__ import annotations

import csv
import importlib.util
import io
import shutil
import sys
from pathlib import Path

import pytest

from naravard.data import DataPackageError, Problem, load_package, validate_package

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "data" / "catalogue"
SAMPLE = ROOT / "data" / "sample-2024"
GENERATOR = ROOT / "scripts" / "generate_sample_data.py"


@pytest.fixture(scope="session")
def sample_package():
    return load_package(SAMPLE, CATALOGUE)


@pytest.fixture(scope="session")
def generator():
    """scripts/generate_sample_data.py as a module (its tables of published facts)."""
    spec = importlib.util.spec_from_file_location("generate_sample_data", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_sample_data"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def pkg(tmp_path) -> Path:
    """A copy of the sample package (data files and report.toml) to break."""
    dest = tmp_path / "pkg"
    dest.mkdir()
    for f in SAMPLE.iterdir():
        if f.is_file():
            shutil.copy(f, dest / f.name)
    return dest


# --- editing CSV files by spreadsheet row (header = row 1) ---------------------------


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def find_row(path: Path, **match: str) -> int:
    """The spreadsheet row number of the first row whose cells equal *match*."""
    rows = read_rows(path)
    header = rows[0]
    for n, row in enumerate(rows[1:], start=2):
        if all(row[header.index(k)] == v for k, v in match.items()):
            return n
    raise LookupError(f"no row with {match} in {path.name}")


def set_cells(path: Path, row: int, **cells: str) -> None:
    rows = read_rows(path)
    header = rows[0]
    for k, v in cells.items():
        rows[row - 1][header.index(k)] = v
    write_rows(path, rows)


def append_row(path: Path, row: list[str]) -> int:
    rows = read_rows(path)
    rows.append(row)
    write_rows(path, rows)
    return len(rows)


def delete_row(path: Path, row: int) -> list[str]:
    rows = read_rows(path)
    removed = rows.pop(row - 1)
    write_rows(path, rows)
    return removed


def row_values(path: Path, row: int) -> dict[str, str]:
    rows = read_rows(path)
    return dict(zip(rows[0], rows[row - 1], strict=True))


# --- checking problems --------------------------------------------------------------------


def problems_of(package: Path) -> list[Problem]:
    return validate_package(package, CATALOGUE)


def expect_problem(
    problems: list[Problem],
    *,
    file: str,
    row: int | None,
    column: str | None,
    message: str,
    expected: str = "",
    severity: str = "error",
) -> Problem:
    """The one problem at (file, row, column) whose message contains *message*."""
    hits = [
        p
        for p in problems
        if p.file == file and p.row == row and p.column == column and message in p.message and expected in p.expected
        and p.severity == severity
    ]
    listing = "\n".join(f"  {p.severity}: {p}" for p in problems)
    assert hits, f"no {severity} at {file} row {row} column {column!r} saying {message!r}; found:\n{listing}"
    return hits[0]


def expect_broken(package: Path) -> DataPackageError:
    """load_package refuses the package and lists its errors."""
    with pytest.raises(DataPackageError) as info:
        load_package(package, CATALOGUE)
    assert info.value.errors
    return info.value


def broken(package: Path) -> list[Problem]:
    """The problems of a package that load_package refuses (one validation pass)."""
    return expect_broken(package).problems
