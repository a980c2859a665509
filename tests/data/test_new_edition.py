"""`naravard new-edition`: next year's package from this year's, and `validate` saying
what it still lacks, file by file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from naravard.cli import main
from naravard.data import validate_package
from naravard.data.edition import EDITION_FILE
from naravard.new_edition import comment_out_table, edition_ordinal, new_edition, next_year, set_value

from .conftest import CATALOGUE, SAMPLE


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    dest = tmp_path_factory.mktemp("edition") / "2025"
    return new_edition(SAMPLE, dest, CATALOGUE), dest


def test_report_toml_moves_on_a_year(moved):
    _, dest = moved
    s = tomllib.loads((dest / "report.toml").read_text(encoding="utf-8"))
    assert (s["year"], s["published"], s["subtitle"], s["edition"]) == (2025, dt.date(2026, 8, 29), "Delredovisning 2026", "tredje delredovisningen")
    # the sample has no artikelnummer (the edition's text gives none), so next year's has none either
    assert "article_number" not in s and s["title"] == "Uppföljning av omställningen till en god och nära vård"
    text = (dest / "report.toml").read_text(encoding="utf-8")
    assert "# Names and titles are those of the model edition's Förord." in text  # the author's comments stay


def test_method_toml_moves_on_and_comments_out_last_years_extra_work(moved):
    _, dest = moved
    m = tomllib.loads((dest / "method.toml").read_text(encoding="utf-8"))
    assert m["edition"] == 4 and m["period_from"] == 2019
    assert (m["surveys"]["regioner"]["start"], m["surveys"]["regioner"]["end"]) == (dt.date(2025, 11, 29), dt.date(2026, 3, 31))
    assert "deepening_study" not in m and "extra_question" not in m and "site_visits" not in m
    assert m["assignment"]["decided"] == dt.date(2023, 6, 8)  # facts of the assignment do not move
    text = (dest / "method.toml").read_text(encoding="utf-8")
    assert "# deepening_study of the 2024 edition" in text and '# counties = ["21", "05", "12"]' in text


def test_survey_answers_keep_this_year_as_the_previous_year(moved):
    result, dest = moved
    sr = pd.read_csv(dest / "survey_regions.csv", dtype=str, keep_default_na=False)
    assert set(sr["year"]) == {"2024"}
    assert result.dropped["survey_regions"] == int((pd.read_csv(SAMPLE / "survey_regions.csv", dtype=str)["year"] == "2023").sum())
    assert list(sr.columns) == ["question", "option", "year", "area", "answer", "reported", "note", "synthetic"]
    assert (dest / "indicators.csv").read_bytes() == (SAMPLE / "indicators.csv").read_bytes()  # the series go on
    assert not (dest / "sources").exists() and "sources/" in result.not_copied
    assert (dest / "references.json").read_bytes() == (SAMPLE / "references.json").read_bytes()
    roles = tomllib.loads((dest / "citations.toml").read_text(encoding="utf-8"))["roles"]
    assert roles == {}  # each role is next year's to name; the old work stays beside it as a comment
    assert '# overenskommelse = "overenskommelse_2024"' in (dest / "citations.toml").read_text(encoding="utf-8")


def test_validate_lists_what_is_missing_file_by_file(moved):
    _, dest = moved
    problems = validate_package(dest, CATALOGUE)
    errors = [str(p) for p in problems if p.is_error]
    assert 'indicators.csv, column "year": fortroende_hs (Förtroende för hälso- och sjukvården) has no rows for 2025 yet; its latest year is 2024' in "\n".join(errors)
    assert any(e.startswith('survey_regions.csv, column "question": question 29b has no answers for 2025 yet') for e in errors)
    assert any(e.startswith('survey_municipalities.csv, column "question": question k.insatser has no answers for 2025') for e in errors)
    assert any("barn_unga_psykisk_ohalsa_3d" in e and "2026" in e for e in errors)  # a series a year ahead stays a year ahead
    todo = [str(p) for p in problems if not p.is_error and "to do" in p.message]
    assert any(t.startswith("report.toml: to do: article_number") for t in todo)
    assert any(t.startswith("citations.toml: to do: the work of 2025 for each citation role (overenskommelse, stodrapport") for t in todo)


def test_a_line_removed_from_edition_toml_is_no_longer_expected(tmp_path, moved):
    _, dest = moved
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(dest, copy)
    path = copy / EDITION_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("fortroende_hs = 2025\n", ""), encoding="utf-8")
    assert not any("fortroende_hs" in p.message for p in validate_package(copy, CATALOGUE) if p.is_error)


def test_the_cli_writes_nothing_into_a_folder_in_use(tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep", encoding="utf-8")
    out = CliRunner().invoke(main, ["new-edition", str(SAMPLE), str(busy)])
    assert out.exit_code == 2 and "not empty" in out.output
    assert [p.name for p in busy.iterdir()] == ["mine.txt"]
    out = CliRunner().invoke(main, ["new-edition", str(tmp_path / "nothing"), str(tmp_path / "new")])
    assert out.exit_code == 2 and not (tmp_path / "new").exists()


def test_the_edition_is_counted_from_the_year():
    class Assignment:
        first_interim, final_report_due = 2024, dt.date(2028, 8, 30)

    class Result:
        method = type("M", (), {"assignment": Assignment})()

    assert edition_ordinal(2026, Result, "andra delredovisningen") == "tredje delredovisningen"
    assert edition_ordinal(2035, Result, "andra delredovisningen") == "12:e delredovisningen"  # no table that runs out
    assert edition_ordinal(2028, Result, "fjärde delredovisningen", final=True) == "slutredovisningen"
    no_method = type("R", (), {"method": None})
    assert edition_ordinal(2026, no_method, "andra delredovisningen") == "tredje delredovisningen"
    assert edition_ordinal(2026, no_method, "10:e delredovisningen") == "11:e delredovisningen"
    assert edition_ordinal(2026, no_method, "en delredovisning") is None  # said as a to-do instead


def test_toml_edits_keep_comments_and_tables():
    text = 'year = 2024  # the year\nsubtitle = "Delredovisning 2025"\n\n[surveys.regioner]\nyear = 1\n'
    text = set_value(text, "year", "2025")
    assert text.startswith("year = 2025  # the year\n") and "\nyear = 1\n" in text  # a table's key is not the top-level one
    text, found = comment_out_table("a = 1\n\n# The study.\n[study]\nb = 2\n\n# Next.\n[next]\nc = 3\n", "study", "old study")
    assert found and text == "a = 1\n\n# The study.\n# old study\n# [study]\n# b = 2\n\n# Next.\n[next]\nc = 3\n"
    assert next_year(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


def test_corrections_are_validated(tmp_path):
    from .conftest import read_rows, write_rows
    import shutil

    pkg = tmp_path / "pkg"
    shutil.copytree(SAMPLE, pkg, ignore=shutil.ignore_patterns("sources"))
    rows = read_rows(pkg / "survey_regions.csv")
    header = rows[0]
    q, area, answer, reported, note = (header.index(c) for c in ("question", "area", "answer", "reported", "note"))
    at = {(r[q], r[header.index("option")], r[header.index("year")], r[area]): i for i, r in enumerate(rows)}
    rows[at[("5", "", "2024", "01")]][reported] = "Kanske"  # not an answer of a yes/no question
    i = at[("5", "", "2024", "03")]
    rows[i][reported] = rows[i][answer]  # the same as the answer
    rows[at[("36", "", "2024", "08")]][note] = "Regionen angav 179 personer."  # repeats the row's number
    write_rows(pkg / "survey_regions.csv", rows)
    problems = {(p.row, p.column, p.severity): p.message for p in validate_package(pkg, CATALOGUE)}
    assert "'Kanske' is not an allowed answer" in problems[(at[("5", "", "2024", "01")] + 1, "reported", "error")]
    assert "is the same as the answer" in problems[(at[("5", "", "2024", "03")] + 1, "reported", "warning")]
    assert "repeats the value 179" in problems[(at[("36", "", "2024", "08")] + 1, "note", "warning")]
