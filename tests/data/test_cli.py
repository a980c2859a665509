"""naravard validate: a summary and exit 0, or every problem and exit 1."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from naravard.cli import main

from .conftest import CATALOGUE, SAMPLE, find_row, set_cells


def run(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def test_the_sample_package_is_valid():
    result = run(str(SAMPLE), "--catalogue", str(CATALOGUE))
    assert result.exit_code == 0, result.output
    assert "valid data package for reference year 2024" in result.output
    assert "indicators: 28 of 28 in the catalogue" in result.output
    assert "21 regions, 290 kommuner" in result.output
    assert "region survey:" in result.output and "warnings: 0" in result.output


def test_the_catalogue_is_found_without_the_option():
    result = run(str(SAMPLE))
    assert result.exit_code == 0, result.output


def test_a_broken_package_exits_1_and_lists_every_problem(pkg: Path):
    path = pkg / "indicators.csv"
    r1 = find_row(path, indicator="lakare_sabo", level="region", area="05", year="2020")
    r2 = find_row(path, indicator="fortroende_hs", level="riket", sex="totalt", year="2016")
    set_cells(path, r1, value="112,5", ci_lower="", ci_upper="")
    set_cells(path, r2, indicator="fortroende")
    (pkg / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    result = run(str(pkg), "--catalogue", str(CATALOGUE))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith("2 errors, 1 warning")
    assert lines[1].startswith("error: ") and lines[2].startswith("error: ") and lines[3].startswith("warning: ")
    assert f'error: indicators.csv, row {r1}, column "value": 112,5 is outside 0–100 for a percentage (expected a value between 0 and 100)' in lines
    assert any(f"row {r2}" in line and "unknown indicator 'fortroende'" in line for line in lines)


def test_strict_turns_warnings_into_failure(pkg: Path):
    (pkg / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    assert run(str(pkg), "--catalogue", str(CATALOGUE)).exit_code == 0
    strict = run(str(pkg), "--catalogue", str(CATALOGUE), "--strict")
    assert strict.exit_code == 1 and "warning: extra.csv" in strict.output


def test_a_missing_folder(tmp_path: Path):
    result = run(str(tmp_path / "nothing"), "--catalogue", str(CATALOGUE))
    assert result.exit_code == 2 and "does not exist" in result.output  # unreadable input: 2, as for every command
