"""The same tables from Swedish Excel CSV exports, from .xlsx and from .parquet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from naravard.data import load_package
from naravard.data.readers import decode, read_table, sniff_delimiter

from .conftest import CATALOGUE, expect_problem, problems_of, read_rows

NUMERIC = ("value", "numerator", "denominator", "ci_lower", "ci_upper")


def tables(package) -> dict[str, pd.DataFrame]:
    """The loaded tables without source_file (its suffix differs between formats)."""
    return {
        name: getattr(package, name).drop(columns=["source_file"])
        for name in ("indicators", "survey_regions", "survey_municipalities")
    }


def assert_same_tables(a, b) -> None:
    for name, frame in tables(a).items():
        pd.testing.assert_frame_equal(frame, tables(b)[name], check_exact=False, rtol=1e-12, obj=name)


def swedish(value: str) -> str:
    """A number as Swedish Excel writes it: decimal comma, no-break space between thousands."""
    if value == "" or not value.replace(".", "", 1).lstrip("-").isdigit():
        return value
    whole, _, frac = value.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return "\u00a0".join(groups) + ("," + frac if frac else "")


def write_swedish_csv(path: Path, rows: list[list[str]], numeric: tuple[str, ...], encoding: str) -> None:
    """As Excel's "CSV (semikolonavgränsad)" writes it: ';', CRLF, quotes only where needed."""
    header = rows[0]
    cols = [header.index(c) for c in numeric if c in header]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    for n, row in enumerate(rows):
        writer.writerow([swedish(v) if n and i in cols else v for i, v in enumerate(row)])
    path.write_bytes(buf.getvalue().encode(encoding, errors="strict"))


def test_swedish_excel_csv_semicolons_decimal_commas_cp1252_bom(pkg: Path, sample_package):
    # indicators: Windows-1252 with ';' and decimal commas; costs: UTF-8 with BOM and NBSP
    # thousands; the region survey: UTF-8 with BOM; the municipalities' survey: cp1252.
    write_swedish_csv(pkg / "indicators.csv", read_rows(pkg / "indicators.csv"), NUMERIC, "cp1252")
    write_swedish_csv(pkg / "costs.csv", read_rows(pkg / "costs.csv"), NUMERIC, "utf-8-sig")
    write_swedish_csv(pkg / "survey_regions.csv", read_rows(pkg / "survey_regions.csv"), (), "utf-8-sig")
    write_swedish_csv(pkg / "survey_municipalities.csv", read_rows(pkg / "survey_municipalities.csv"), ("value",), "cp1252")
    assert "\u00a0" in (pkg / "costs.csv").read_text(encoding="utf-8-sig")
    problems = problems_of(pkg)
    assert not [p for p in problems if p.is_error], problems
    expect_problem(problems, file="indicators.csv", row=None, column=None, message="not UTF-8", severity="warning", expected="å, ä and ö")
    # survey_municipalities.csv holds only ASCII, which is UTF-8 whatever Excel meant.
    assert not [p for p in problems if p.file in ("costs.csv", "survey_regions.csv", "survey_municipalities.csv")]
    assert_same_tables(load_package(pkg, CATALOGUE), sample_package)


def test_decoding_and_delimiters():
    assert decode("åäö".encode("utf-8"), "x.csv") == ("åäö", [])
    assert decode(b"\xef\xbb\xbf" + "åäö".encode("utf-8"), "x.csv") == ("åäö", [])
    assert decode("åäö".encode("utf-16"), "x.csv") == ("åäö", [])
    text, problems = decode("åäö".encode("cp1252"), "x.csv")
    assert text == "åäö" and problems[0].severity == "warning"
    assert sniff_delimiter("a;b;c\n1,5;2;3") == ";"
    assert sniff_delimiter("a,b,c\n1;2;3") == ","
    assert sniff_delimiter("a\tb\n1,5\t2") == "\t"
    assert sniff_delimiter("\n\nindicator\n") == ","


def test_headers_are_read_case_and_space_insensitively(pkg: Path, sample_package):
    path = pkg / "indicators.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] = lines[0].replace("ci_lower", " CI lower ").replace("indicator", "Indicator")
    path.write_text("\n".join(lines), encoding="utf-8")
    assert_same_tables(load_package(pkg, CATALOGUE), sample_package)


def _typed(frame: pd.DataFrame, stem: str, numeric_codes: bool) -> pd.DataFrame:
    out = frame.copy()
    out["year"] = out["year"].astype("int64")
    out["synthetic"] = out["synthetic"].map({"true": True, "false": False})
    for col in NUMERIC:
        if col in out:
            out[col] = pd.to_numeric(out[col].replace("", None)).astype("float64")
    if numeric_codes and "area" in out:
        out["area"] = out["area"].astype("int64")  # as Excel keeps "01": 1
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_xlsx_and_parquet_load_to_the_same_tables(pkg: Path, sample_package, fmt: str):
    for stem in ("indicators", "costs", "survey_regions", "survey_municipalities"):
        csv_path = pkg / f"{stem}.csv"
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        csv_path.unlink()
        typed = _typed(frame, stem, numeric_codes=(fmt == "xlsx"))
        if fmt == "xlsx":
            with pd.ExcelWriter(pkg / f"{stem}.xlsx", engine="openpyxl") as writer:
                pd.DataFrame({"Läs mig": ["hjälpblad"]}).to_excel(writer, sheet_name="Info", index=False)
                typed.to_excel(writer, sheet_name=stem, index=False)
        else:
            typed.to_parquet(pkg / f"{stem}.parquet", index=False)
    problems = problems_of(pkg)
    assert not [p for p in problems if p.is_error], problems
    package = load_package(pkg, CATALOGUE)
    assert set(package.indicators["source_file"]) == {f"indicators.{fmt}", f"costs.{fmt}"}
    assert_same_tables(package, sample_package)


def test_xlsx_first_sheet_row_numbers_and_leading_blank_rows(tmp_path: Path):
    path = tmp_path / "indicators.xlsx"
    frame = pd.DataFrame({"indicator": ["a", "b"], "year": [2024, 2023], "value": [1.5, None]})
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Blad1", index=False, startrow=2)
    table = read_table(path)
    assert table.columns_found == ("indicator", "year", "value")
    assert table.frame["__row"].tolist() == [4, 5]  # header on spreadsheet row 3
    assert table.frame["value"].tolist() == ["1.5", ""]
    assert table.frame["year"].tolist() == ["2024", "2023"]


def test_an_unreadable_file_is_one_problem(tmp_path: Path):
    path = tmp_path / "indicators.xlsx"
    path.write_bytes(b"not a workbook")
    table = read_table(path)
    assert len(table.problems) == 1 and "cannot read the file" in table.problems[0].message
