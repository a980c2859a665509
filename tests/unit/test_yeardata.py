"""Year-bound data (issue 8): placeholders in the catalogue, corrections on their rows,
the plans over the years, the year before the latest, and the notes under a table."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from naravard.analysis.indicators import IndicatorResult
from naravard.analysis.plans import plan_coverage
from naravard.analysis.survey import RegionSurveyResult
from naravard.data.models import INDICATOR_COLUMNS, SURVEY_REGION_COLUMNS, SurveyOption, SurveyQuestion
from naravard.data.yeartexts import fill, for_year, unknown_placeholders
from naravard.text.answer_notes import answer_notes
from naravard.text.phrases import counties
from tests.fixtures.mini import READMISSIONS, REGIONS, package

NBSP = "\u00a0"

# ---- placeholders ---------------------------------------------------------------------------


def test_fill_replaces_known_placeholders_only():
    assert fill("under {year} än {prev_year}", {"year": 2025, "prev_year": 2024}) == "under 2025 än 2024"
    assert fill("{year} och {okänd}", {"year": 2025}) == "2025 och {okänd}"
    assert unknown_placeholders(["{year} {yaer}", "{period_from}"], ["year", "period_from"]) == ["yaer"]


def test_for_year_fills_questions_and_says_what_it_could_not():
    q = SurveyQuestion("11", "region", "Sedan starten (ca {period_from}), under {year}?", "yes_no", "styrning",
                       options=(SurveyOption("a", "Före {prev_year}"),))
    cat = dataclasses.replace(package().catalogue, questions={"11": q})
    filled, unfilled = for_year(cat, 2025, period_from=2019)
    assert filled.questions["11"].text == "Sedan starten (ca 2019), under 2025?"
    assert filled.questions["11"].options[0].label == "Före 2024"
    assert unfilled == {}
    _, unfilled = for_year(cat, 2025)  # no method.toml
    assert unfilled == {"11": ["period_from"]}


# ---- corrections and notes on one answer ------------------------------------------------------------


def survey(question: SurveyQuestion, answers: dict[tuple[str, str, int], tuple], year: int = 2024) -> RegionSurveyResult:
    """answers: (option, area, year) -> (answer, number, reported, reported_number, note)."""
    rows = []
    for i, ((option, area, y), (answer, number, reported, reported_number, note)) in enumerate(answers.items()):
        rows.append(dict(question=question.id, option=option, year=y, area=area, answer=answer, number=number,
                         raw=answer, reported=reported, reported_number=reported_number, note=note, synthetic=False,
                         source_file="survey_regions.csv", source_row=i + 2))
    return RegionSurveyResult(question, pd.DataFrame(rows, columns=list(SURVEY_REGION_COLUMNS)), REGIONS, year)


COUNT = SurveyQuestion("36", "region", "Hur många?", "count", "kontinuitet", answers=("kan ej",))
TICKED = SurveyQuestion("29b", "region", "Vem?", "ticked", "kontinuitet", answers=("Ja", "ej markerad"),
                        options=(SurveyOption("spec", "Specialistläkare i allmänmedicin"), SurveyOption("st", "ST-läkare i allmänmedicin"),
                                 SurveyOption("leg", "Legitimerad läkare")))
YESNO = SurveyQuestion("5", "region", "Mål?", "yes_no", "styrning", answers=("Ja", "Nej"))


def test_a_corrected_number_is_noted_with_both_numbers_from_the_row():
    r = survey(COUNT, {
        ("", "01", 2024): ("", 1000.0, "", np.nan, ""),
        ("", "03", 2024): ("", 179000.0, "179", 179.0, "Socialstyrelsen bedömer att ett hundratusental avses."),
    })
    assert answer_notes(r) == [f"Region Uppsala angav antalet 179; tabellen räknar med 179{NBSP}000. Socialstyrelsen bedömer att ett hundratusental avses."]


def test_corrected_ticks_are_named_together_per_region():
    answers = {}
    for o in ("spec", "st", "leg"):
        for code in ("01", "03"):
            answers[(o, code, 2024)] = ("Ja", np.nan, "", np.nan, "")
    answers[("spec", "03", 2024)] = ("Ja", np.nan, "ej markerad", np.nan, "Rättat efter förfrågningsunderlaget.")
    answers[("st", "03", 2024)] = ("Ja", np.nan, "ej markerad", np.nan, "Rättat efter förfrågningsunderlaget.")
    assert answer_notes(survey(TICKED, answers)) == [
        "Region Uppsala hade inte markerat specialistläkare i allmänmedicin och ST-läkare i allmänmedicin, "
        "vilket Socialstyrelsen har rättat. Rättat efter förfrågningsunderlaget."
    ]


def test_a_corrected_yes_no_answer_and_a_plain_note():
    r = survey(YESNO, {
        ("", "01", 2024): ("Ja", np.nan, "Nej", np.nan, ""),
        ("", "09", 2024): ("Nej", np.nan, "", np.nan, "Beslutet fattades efter årets slut"),
    })
    assert answer_notes(r) == [
        "Region Stockholm svarade nej, vilket Socialstyrelsen har rättat till ja.",
        "Region Gotland: Beslutet fattades efter årets slut.",
    ]


def test_notes_belong_to_their_year():
    r = survey(YESNO, {
        ("", "01", 2023): ("Ja", np.nan, "Nej", np.nan, "Rättat."),
        ("", "01", 2024): ("Ja", np.nan, "", np.nan, ""),
    })
    assert answer_notes(r) == []
    assert answer_notes(r, 2023) == ["Region Stockholm svarade nej, vilket Socialstyrelsen har rättat till ja. Rättat."]


def test_a_year_without_answers_is_named_not_counted_as_zero():
    r = survey(YESNO, {("", "01", 2023): ("Ja", np.nan, "", np.nan, "")})
    with pytest.raises(LookupError, match=r"question 5 has no answers for 2024 .*answers for 2023"):
        r.count()
    assert r.has_year(2023) and not r.has_year(2024)


# ---- länsgemensamma planer over the years -------------------------------------------------------------

PLAN = SurveyQuestion("r.plan", "region", "Finns en plan?", "choice", "styrning", answers=("Ja", "Nej"))
DECIDED = SurveyQuestion("4", "region", "Beslutad under året?", "choice", "styrning", answers=("Ja", "Nej"))
CODES = [r.code for r in REGIONS]


def answered(question, by_year: dict[int, set[str]], year: int) -> RegionSurveyResult:
    """by_year: year -> regions answering Ja (the others answer Nej)."""
    return survey(question, {("", c, y): ("Ja" if c in ja else "Nej", np.nan, "", np.nan, "") for y, ja in by_year.items() for c in CODES}, year)


def test_plans_the_year_after_the_existence_question():
    cover = plan_coverage(answered(PLAN, {2023: {"01", "03", "09"}}, 2024), answered(DECIDED, {2024: {"10", "01"}}, 2024))
    assert (cover.base_year, cover.decision_years, cover.years) == (2023, (2024,), (2023, 2024))
    assert [r.code for r in cover.without_before] == ["10", "18"]
    assert [r.code for r in cover.new_plans] == ["10"] and not cover.all_covered


def test_plans_count_every_decision_since_the_existence_question():
    """2023's plans, 2024's and 2025's decisions: a region that decided in 2024 is covered in 2025."""
    existence = answered(PLAN, {2023: {"01", "03", "09"}}, 2025)
    decision = answered(DECIDED, {2024: {"10"}, 2025: {"18"}}, 2025)
    cover = plan_coverage(existence, decision)
    assert cover.years == (2023, 2024, 2025)
    assert cover.all_covered
    items = dict(cover.figure_items())
    assert {y: int(n.value) for y, (n, _) in items["Ja"].items()} == {"2023": 3, "2024": 1, "2025": 1}


def test_plans_without_the_existence_question():
    cover = plan_coverage(survey(PLAN, {}, 2025), answered(DECIDED, {2024: {"10"}, 2025: {"18"}}, 2025))
    assert (cover.base_year, cover.years, cover.had, cover.without_before, cover.all_covered) == (None, (2024, 2025), (), (), False)
    assert [label for label, _ in cover.figure_items()] == ["Ja", "Nej"]


# ---- the year before the latest ---------------------------------------------------------------------


def indicator(years_values: dict[int, float | None]) -> IndicatorResult:
    rows = [dict(indicator=READMISSIONS.id, year=y, period="", level="riket", area="00", sex="totalt",
                 value=np.nan if v is None else v, numerator=np.nan, denominator=np.nan, ci_lower=np.nan,
                 ci_upper=np.nan, missing="" if v is not None else "saknas", synthetic=True, source_file="i.csv", source_row=i + 2)
            for i, (y, v) in enumerate(years_values.items())]
    return IndicatorResult(READMISSIONS, pd.DataFrame(rows, columns=list(INDICATOR_COLUMNS)), REGIONS, 2025)


def test_previous_year_skips_a_missing_year():
    assert indicator({2023: 9.0, 2024: 8.8, 2025: 8.5}).previous_year == 2024
    assert indicator({2023: 9.0, 2024: None, 2025: 8.5}).previous_year == 2023
    assert indicator({2022: 9.0, 2025: 8.5}).previous_year == 2022
    with pytest.raises(LookupError):
        indicator({2025: 8.5}).previous_year


def test_counties_name_lan_once():
    assert counties([r for r in REGIONS if r.code in ("01", "03")]) == "Stockholms och Uppsala län"
    assert counties([r for r in REGIONS if r.code in ("01", "10")]) == "Stockholms län och Blekinge"
    assert counties([REGIONS[0]]) == "Stockholms län"
