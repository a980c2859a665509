"""method.toml: the survey's method is read, validated and turned into response rates."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from naravard.data import load_catalogue, validate_package
from naravard.analysis.method import MethodResults
from naravard.data.method import METHOD_FILE, method_from_mapping, read_method
from naravard.tables.method_table import response_rate_table
from naravard.text.dates import month_name
from naravard.text.words import number_word, ordinal_word

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE_DIR = ROOT / "data" / "catalogue"
SAMPLE = ROOT / "data" / "sample-2024"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(CATALOGUE_DIR)


@pytest.fixture
def doc() -> dict:
    """The sample's method.toml as a mapping, to break."""
    return tomllib.loads((SAMPLE / METHOD_FILE).read_text(encoding="utf-8"))


def errors(problems):
    return [p for p in problems if p.is_error]


def test_the_sample_file_loads_without_problems(catalogue):
    method, problems = read_method(SAMPLE, catalogue)
    assert problems == []
    assert method is not None
    assert method.regioner.population_n == len(catalogue.regions)
    assert method.kommuner.population_n == len(catalogue.municipalities)
    assert method.kommuner.via == "rss"
    assert [r.short_name for r in method.deepening_study.counties] == ["Gävleborg", "Östergötland", "Skåne"]
    assert method.deepening_study.seminar_county.short_name == "Värmland"
    assert ordinal_word(method.edition) == "tredje"
    assert month_name(method.assignment.interim_month) == "augusti"
    assert method.site_visits.regions_n == 21 and method.site_visits.topic == "kontinuitet och fast läkarkontakt"
    assert MethodResults(method).site_visits.regions.key == "metod/verksamhetsbesok/regioner"


def test_response_rates_are_computed(catalogue):
    method = MethodResults(read_method(SAMPLE, catalogue)[0])
    assert method.regioner.rate.value == 100.0
    assert method.regioner.everyone_answered
    extra = method.extra_question
    assert extra.rate.value == pytest.approx(extra.answered_n / extra.population_n * 100)
    assert extra.rate.unit == "procent" and extra.rate.key == "metod/extrafraga/svarsfrekvens"


def test_the_response_table_is_formatted(catalogue):
    table = response_rate_table(MethodResults(read_method(SAMPLE, catalogue)[0]), 2024)
    frame = table.frame
    assert table.source == "Källa: Socialstyrelsens enkäter till regioner, RSS och kommuner om god och nära vård 2024."
    assert table.notes == ("Kommunernas enkät besvarades via RSS och ingår i svaren från RSS.",)
    assert list(frame.columns) == ["Enkät", "Tillfrågade", "Svarande", "Svarsfrekvens", "Insamlingsperiod"]
    assert frame.iloc[0].tolist()[:4] == ["Regionerna", "21", "21", "100\u00a0%"]
    assert frame.iloc[-1]["Svarsfrekvens"] == "24\u00a0%"
    assert frame.iloc[0]["Insamlingsperiod"] == "29 november 2024\u201331 mars 2025"
    assert len(table.quantities) == 3 * len(frame)
    assert all(q.key.startswith("metod/") for q in table.quantities)


def test_a_package_without_the_file_has_no_method(tmp_path: Path, catalogue):
    assert read_method(tmp_path, catalogue) == (None, [])


def test_a_missing_key_is_named(doc, catalogue):
    del doc["surveys"]["rss"]["population"]
    method, problems = method_from_mapping(doc, catalogue)
    assert method is None
    [p] = errors(problems)
    assert (p.file, p.column, p.message) == (METHOD_FILE, "surveys.rss.population", "the key is missing")
    assert "whole number" in p.expected


def test_a_missing_survey_is_named(doc, catalogue):
    del doc["surveys"]["kommuner"]
    _, problems = method_from_mapping(doc, catalogue)
    assert [p.column for p in errors(problems)] == ["surveys.kommuner"]


def test_a_wrong_type_is_named(doc, catalogue):
    doc["surveys"]["regioner"]["answered"] = "21"
    doc["surveys"]["regioner"]["start"] = "29 november"
    method, problems = method_from_mapping(doc, catalogue)
    assert method is None
    found = {p.column: p for p in errors(problems)}
    assert set(found) == {"surveys.regioner.answered", "surveys.regioner.start"}
    assert found["surveys.regioner.answered"].message == "'21' is not a whole number"
    assert "without quotes" in found["surveys.regioner.answered"].expected
    assert "2024-11-29" in found["surveys.regioner.start"].expected


def test_more_answered_than_asked_is_an_error(doc, catalogue):
    doc["extra_question"]["answered"] = 300
    _, problems = method_from_mapping(doc, catalogue)
    [p] = errors(problems)
    assert p.column == "extra_question.answered"
    assert "300 answered, more than the 290 asked" in p.message


def test_an_answered_count_is_needed_unless_via(doc, catalogue):
    del doc["surveys"]["rss"]["answered"]
    _, problems = method_from_mapping(doc, catalogue)
    assert [p.column for p in errors(problems)] == ["surveys.rss.answered"]


def test_a_period_that_ends_before_it_starts(doc, catalogue):
    doc["surveys"]["rss"]["end"] = doc["surveys"]["rss"]["start"].replace(year=2023)
    _, problems = method_from_mapping(doc, catalogue)
    assert [p.column for p in errors(problems)] == ["surveys.rss.end"]


def test_counts_must_agree_with_the_catalogue(doc, catalogue):
    doc["surveys"]["regioner"]["population"] = 22
    doc["surveys"]["regioner"]["answered"] = 20
    _, problems = method_from_mapping(doc, catalogue)
    [p] = errors(problems)
    assert p.column == "surveys.regioner.population"
    assert "the catalogue has 21" in p.message


def test_an_unknown_county_code(doc, catalogue):
    doc["deepening_study"]["counties"] = ["21", "02"]
    _, problems = method_from_mapping(doc, catalogue)
    [p] = errors(problems)
    assert p.column == "deepening_study.counties" and "'02'" in p.message


def test_an_unknown_key_is_a_warning(doc, catalogue):
    doc["surveys"]["rss"]["svarande"] = 24
    method, problems = method_from_mapping(doc, catalogue)
    assert method is not None
    assert [(p.severity, p.column) for p in problems] == [("warning", "surveys.rss.svarande")]


def test_validate_reports_problems_in_method_toml(tmp_path: Path):
    pkg = tmp_path / "pkg"
    shutil.copytree(SAMPLE, pkg, ignore=shutil.ignore_patterns("sources"))
    text = (pkg / METHOD_FILE).read_text(encoding="utf-8").replace("answered = 70", "answered = 700")
    (pkg / METHOD_FILE).write_text(text, encoding="utf-8")
    problems = validate_package(pkg, CATALOGUE_DIR)
    assert [str(p) for p in errors(problems)] == [
        'method.toml, column "extra_question.answered": 700 answered, more than the 290 asked (population) '
        "(expected a number no larger than population)"
    ]


def test_broken_toml_is_one_error(tmp_path: Path, catalogue):
    (tmp_path / METHOD_FILE).write_text("edition = \n", encoding="utf-8")
    method, problems = read_method(tmp_path, catalogue)
    assert method is None
    [p] = problems
    assert p.message.startswith("not valid TOML")


def test_number_words():
    assert [number_word(n) for n in (1, 2, 3, 12, 13)] == ["en", "två", "tre", "tolv", "13"]
    assert [ordinal_word(n) for n in (1, 2, 3, 11)] == ["första", "andra", "tredje", "11:e"]


def test_a_count_that_disagrees_with_the_answers_is_a_warning(doc, catalogue):
    import pandas as pd

    from naravard.data.method import check_against_answers

    method, _ = method_from_mapping(doc, catalogue)
    answers = pd.DataFrame({"year": [2024] * 20, "area": [r.code for r in catalogue.regions[:20]]})
    [p] = check_against_answers(method, answers, 2024)
    assert (p.severity, p.column) == ("warning", "surveys.regioner.answered")
    assert "answers from 20 regions" in p.message
    all_regions = pd.DataFrame({"year": [2024] * 21, "area": [r.code for r in catalogue.regions]})
    assert check_against_answers(method, all_regions, 2024) == []


def test_site_visits_are_optional(doc, catalogue):
    del doc["site_visits"]
    method, problems = method_from_mapping(doc, catalogue)
    assert errors(problems) == [] and method.site_visits is None and MethodResults(method).site_visits is None


def test_a_site_visit_problem_is_named_by_its_key(doc, catalogue):
    del doc["site_visits"]["topic"]
    doc["site_visits"]["regions"] = "alla"
    doc["site_visits"]["end"] = doc["site_visits"]["start"].replace(year=2024)
    method, problems = method_from_mapping(doc, catalogue)
    assert method is None
    found = {p.column: p for p in errors(problems)}
    assert set(found) == {"site_visits.topic", "site_visits.regions", "site_visits.end"}
    assert all(p.file == METHOD_FILE for p in found.values())
    assert found["site_visits.regions"].message == "'alla' is not a whole number of at least 1"
    assert "before it starts" in found["site_visits.end"].message


def test_more_regions_visited_than_there_are(doc, catalogue):
    doc["site_visits"]["regions"] = 22
    _, problems = method_from_mapping(doc, catalogue)
    [p] = errors(problems)
    assert p.column == "site_visits.regions" and "22 regions visited, but the catalogue has 21" in p.message


def test_a_field_error_does_not_hide_a_disagreement_with_the_catalogue(doc, catalogue):
    """All of method.toml's problems are told in one run: a broken table elsewhere still lets the
    counts be checked against the catalogue."""
    del doc["site_visits"]["topic"]
    doc["surveys"]["regioner"]["population"] = 22
    doc["surveys"]["kommuner"]["population"] = 291
    method, problems = method_from_mapping(doc, catalogue)
    assert method is None
    found = {p.column: p.message for p in errors(problems)}
    assert set(found) == {"site_visits.topic", "surveys.regioner.population", "surveys.kommuner.population"}
    assert found["surveys.regioner.population"] == "22 regions, but the catalogue has 21"
    assert found["surveys.kommuner.population"] == "291 kommuner, but the catalogue has 290"
