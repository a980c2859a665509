"""The broken-package corpus (``broken.CASES``): every case gets a clear error, never a traceback.

Each error must name the file, and the column and row where the case says
there is one; its message must say what is wrong (a fragment of it is given
with each case), quote values only up to a sensible length, and the package
must not load. ``naravard validate`` on a few cases shows the same through
the command line (exit status 1, no traceback).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from naravard.data.package import check_package
from naravard.data.problems import MAX_MESSAGE
from tests.hostile import broken
from tests.hostile.mini_package import mini


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return mini(tmp_path_factory.mktemp("mini"))


def test_the_base_package_is_valid(base):
    package, catalogue = base
    result = check_package(package, catalogue)
    assert result.problems == []


def test_the_corpus_is_large():
    assert len(broken.CASES) >= 120
    assert len({c.name for c in broken.CASES}) == len(broken.CASES)


@pytest.mark.parametrize("case", broken.CASES, ids=lambda c: c.name)
def test_a_broken_package_gets_a_clear_error(case, base, tmp_path):
    package, catalogue = base
    folder = shutil.copytree(package, tmp_path / "paket")
    case.edit(folder)
    result = check_package(folder, catalogue)
    assert result.errors, f"{case.name}: validate found nothing"
    matching = [p for p in result.errors if re.search(case.expect, p.message, re.IGNORECASE)]
    assert matching, f"{case.name}: no error says {case.expect!r}; got:\n" + "\n".join(str(p) for p in result.errors[:8])
    named = [p for p in matching if p.file == case.file and (case.column is None or p.column == case.column)]
    assert named, f"{case.name}: the error does not name {case.file} {case.column or ''}: {matching[0]}"
    if case.row:
        assert any(p.row for p in named), f"{case.name}: no row named: {named[0]}"
    for p in result.problems:
        assert len(p.message) <= MAX_MESSAGE and "Traceback" not in p.message


@pytest.mark.parametrize("name", ["report-file-deep-array", "indicators-file-binary", "xlsx-encrypted", "method-file-deep-table"])
def test_validate_on_the_command_line(name, base, tmp_path):
    package, catalogue = base
    folder = shutil.copytree(package, tmp_path / "paket")
    next(c for c in broken.CASES if c.name == name).edit(folder)
    proc = subprocess.run(
        [sys.executable, "-m", "naravard.cli", "validate", str(folder), "--catalogue", str(catalogue)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "error:" in proc.stderr and not proc.stdout  # findings are diagnostics: stderr


def test_a_long_value_is_quoted_short(base, tmp_path):
    package, catalogue = base
    folder = shutil.copytree(package, tmp_path / "paket")
    broken.toml_set(folder, "report.toml", "year", '"' + "2" * 5_000_000 + '"')
    result = check_package(folder, catalogue)
    assert result.errors and all(len(str(p)) < 2 * MAX_MESSAGE for p in result.problems)


def test_a_package_folder_that_is_missing(base, tmp_path):
    _, catalogue = base
    result = check_package(tmp_path / "finns-inte", catalogue)
    assert [p.message for p in result.errors] == ["the data package folder does not exist"]


def test_percentages_as_excel_stores_them(base, tmp_path):
    """A value cell formatted as a percentage (0,097 shown as "9,7 %") reads as 9.7;
    an .xlsm is read like an .xlsx."""
    import openpyxl

    package, catalogue = base
    folder = shutil.copytree(package, tmp_path / "paket")
    row = broken.region_row(folder) + 2

    def as_percent(sheet):
        cell = sheet[f"G{row}"]
        cell.value = float(cell.value) / 100
        cell.number_format = "0.0%"
        for col in "HIJK":
            if sheet[f"{col}{row}"].value not in (None, ""):
                sheet[f"{col}{row}"].value = float(sheet[f"{col}{row}"].value)
        sheet[f"A{row}"].number_format = "General"

    broken._to_xlsx(folder, "indicators", as_percent)
    (folder / "indicators.xlsx").rename(folder / "indicators.xlsm")
    result = check_package(folder, catalogue)
    assert result.errors == []
    value = result.indicators.loc[(result.indicators.source_row == row), "value"].iloc[0]
    assert value == pytest.approx(9.7)
