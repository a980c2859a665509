"""Diagramunderlag: figure data as an Excel workbook with numbers as numbers."""

from __future__ import annotations

import datetime as dt
import hashlib
from types import SimpleNamespace

import pandas as pd
import pytest
from openpyxl import load_workbook

from naravard.figures.spec import FigureSpec
from naravard.cache import Cache
from naravard.render.workbook import Number, cached_workbook, parse_cell, parse_number, write_workbook

SETTINGS = SimpleNamespace(
    title="Uppföljning av omställningen till en god och nära vård",
    publication_year=2025,
    publisher="Socialstyrelsen",
    published=dt.date(2025, 8, 29),
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10,0\u00a0%", Number(0.1, 1, "%")),
        ("8,9 %", Number(0.089, 1, "%")),
        ("4\u00a0245\u00a0026", Number(4245026, 0)),
        ("−11\u00a0%", Number(-0.11, 0, "%")),
        ("+12\u00a0%", Number(0.12, 0, "%")),
        ("5\u00a0092\u00a0kr", Number(5092, 0, "kr")),
        ("76,0", Number(76.0, 1)),
        ("0", Number(0, 0)),
    ],
)
def test_numbers_as_the_report_prints_them(text, expected):
    assert parse_number(text) == expected


def test_parts_printed_together_become_parts():
    assert parse_cell("406–434") == [("nedre gräns", Number(406, 0)), ("övre gräns", Number(434, 0))]
    assert parse_cell("54–60\u00a0%") == [("nedre gräns", Number(0.54, 0, "%")), ("övre gräns", Number(0.6, 0, "%"))]
    assert parse_cell("3 av 21") == [("", Number(3, 0)), ("av totalt", Number(21, 0))]
    assert parse_cell("47\u00a0% (2023)") == [("", Number(0.47, 0, "%")), ("år", Number(2023, 0))]


@pytest.mark.parametrize("text", ["Stockholm", "Ja", "2017 eller senare", "=SUMMA(A1:A3)", "12 % eller mer"])
def test_text_stays_text(text):
    assert parse_number(text) is None


def spec(number: int, table: pd.DataFrame, key: str = "x-trend", note: str = "") -> FigureSpec:
    s = FigureSpec(
        key=key,
        kind="trend",
        title=f"Titel {number}",
        subtitle="Andel i procent.",
        source="Källa: Testregistret.",
        alt="Linjediagram.",
        data=pd.DataFrame(),
        table=table,
        note=note,
    )
    s.number = number
    return s


def test_a_sheet_holds_caption_table_with_numbers_notes_and_source(tmp_path):
    table = pd.DataFrame(
        {
            "Region": ["Stockholm", "=HYPERLINK(\"x\")", "Gotland"],
            "2024": ["10,0\u00a0%", "–", "8,5\u00a0%"],
            "95 % konfidensintervall": ["9–11\u00a0%", "", "8–9\u00a0%"],
            "Antal": ["3 av 21", "4 av 21", "21 av 21"],
            "Kommentar": ["ny", "", "1"],
        }
    )
    path = write_workbook([spec(2, table, note="* Uppgift saknas för en region.")], SETTINGS, tmp_path / "d.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Innehåll", "Figur 2"]
    ws = wb["Figur 2"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][0] == "Figur 2. Titel 2" and rows[1][0] == "Andel i procent."
    header = rows[3]
    assert header == [
        "Region", "2024", "95 % konfidensintervall, nedre gräns", "95 % konfidensintervall, övre gräns",
        "Antal", "Antal, av totalt", "Kommentar",
    ]
    assert rows[4][:7] == ["Stockholm", 0.1, 0.09, 0.11, 3, 21, "ny"]
    assert rows[5][1] is None and rows[5][2] is None  # missing stays empty, not "–"
    assert ws.cell(5, 2).number_format == "0.0 %" and ws.cell(5, 5).number_format == "#,##0"
    # A label that looks like a formula is stored as text, never as a formula.
    formula_like = ws.cell(6, 1)
    assert formula_like.data_type == "s" and formula_like.value.startswith("=HYPERLINK")
    assert any(r[0] == "* Uppgift saknas för en region." for r in rows) and rows[-1][0] == "Källa: Testregistret."
    # The mixed text column stays text.
    assert rows[6][6] == "1" and isinstance(rows[6][6], str)
    toc = wb["Innehåll"]
    assert toc.cell(5, 1).value == "Figur 2" and toc.cell(5, 1).hyperlink.location == "'Figur 2'!A1"
    assert wb.properties.created == dt.datetime(2025, 8, 29, 12, 0)


def test_the_workbook_is_deterministic(tmp_path):
    table = pd.DataFrame({"År": ["2023", "2024"], "Totalt": ["8,9\u00a0%", "9,1\u00a0%"]})
    figures = [spec(1, table), spec(2, table, key="y-trend")]
    a = write_workbook(figures, SETTINGS, tmp_path / "a.xlsx")
    b = write_workbook(figures, SETTINGS, tmp_path / "b.xlsx")
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()


def test_the_cached_workbook_is_the_written_one_and_follows_every_change(tmp_path):
    cache = Cache(tmp_path / "cache")
    table = pd.DataFrame({"År": ["2023", "2024"], "Totalt": ["8,9\u00a0%", "9,1\u00a0%"]})
    figures = [spec(1, table), spec(2, table, key="y-trend")]
    cold = write_workbook(figures, SETTINGS, tmp_path / "cold.xlsx").read_bytes()
    first = cached_workbook(figures, SETTINGS, tmp_path / "a" / "d.xlsx", cache)
    assert (cache.hits, first.read_bytes()) == (0, cold)
    again = cached_workbook(figures, SETTINGS, tmp_path / "b" / "d.xlsx", cache)
    assert (cache.hits, again.read_bytes()) == (1, cold)
    # A changed value, title or note is a new workbook, not the cached one.
    changed_value = [spec(1, table.replace("9,1\u00a0%", "9,2\u00a0%")), figures[1]]
    retitled = [spec(1, table, note="* Ny not."), figures[1]]
    for n, figs in enumerate((changed_value, retitled)):
        made = cached_workbook(figs, SETTINGS, tmp_path / f"c{n}" / "d.xlsx", cache)
        assert made.read_bytes() == write_workbook(figs, SETTINGS, tmp_path / f"w{n}.xlsx").read_bytes() != cold
    assert cache.hits == 1
