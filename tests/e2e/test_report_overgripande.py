"""Chapter 2 (Omställningens övergripande utveckling med primärvården som nav) in the
built HTML: headings, figures, and the key numbers, checked against the data package."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.conftest import ROOT
from tests.e2e.html_text import captions as figure_captions
from tests.e2e.html_text import chapter_html, headings
from tests.e2e.html_text import visible_text as text

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "data" / "sample-2024"
TITLE = "Omställningens övergripande utveckling med primärvården som nav"


@pytest.fixture(scope="module")
def chapter(sample_build) -> str:
    return chapter_html(sample_build.outputs["html"].read_text(encoding="utf-8"), TITLE)


@pytest.fixture(scope="module")
def prose(chapter) -> str:
    return text(chapter)


def captions(fragment: str) -> list[str]:
    return figure_captions(fragment, numbered=False)


def national(indicator: str) -> dict[int, float]:
    frames = [pd.read_csv(SAMPLE / f) for f in ("indicators.csv", "costs.csv")]
    d = pd.concat(frames)
    rows = d[(d.indicator == indicator) & (d.level == "riket") & (d.sex == "totalt")]
    return {int(y): float(v) for y, v in zip(rows.year, rows.value)}


def yes_of(question: str, year: int) -> str:
    d = pd.read_csv(SAMPLE / "survey_regions.csv", dtype=str)
    answers = d[(d.question == question) & (d.year == str(year))].answer
    return f"{(answers == 'Ja').sum()} av {len(answers)}"


def kr(value: float) -> str:
    return f"{round(value):,}".replace(",", " ") + " kronor per invånare"


def test_headings_follow_the_outline(chapter):
    h2 = headings(chapter, 2)
    assert h2[0] == "Utveckling av resultat utifrån kärnindikatorerna"
    assert h2[1] == "Den nära vården med primärvården som nav 2024"
    assert h2[2] == "Förändrade arbetssätt för målgrupper med stort behov av insatser"
    assert h2[3].startswith("Kostnaderna för primärvården har ökat sedan 2017")
    assert h2[4] == "Nästan alla regioner har breddinfört projektinsatser"
    assert h2[5].startswith("Uppföljningar och utvärderingar av omställningen gäller oftast")
    assert h2[6] == "Förtroendet för hälso- och sjukvården ökar"  # 61 -> 67 procent
    h3 = headings(chapter, 3)
    assert "Färre anser sig få sitt vårdbehov tillgodosett i primärvården" in h3
    assert "Färre inskrivningar på sjukhus som ofta kan förebyggas i primärvården" in h3
    assert headings(chapter, 4) == ["Påverkbar slutenvård för personer med kommunal hälso- och sjukvård"]


def test_every_figure_is_placed_once_in_order(chapter):
    caps = captions(chapter)
    assert caps[0] == "Utveckling av resultatet för de 12 kärnindikatorerna"
    expected = [
        "Områden och arbetssätt som kommunerna initierat eller förstärkt",
        "Tillgodosett vårdbehov, patientrapporterat, primärvård",
        "Påverkbar slutenvård vid kronisk sjukdom",
        "Påverkbar slutenvård äldre, kommunal hälso- och sjukvård",
        "Kommuner, påverkbar slutenvård äldre, ordinärt boende",
        "Regioner som ändrat arbetssätt",
        "Kommuner som ändrat arbetssätt",
        "Kostnader och nettokostnader för regionernas primärvård",
        "Andel primärvård av regionernas hälso- och sjukvård",
        "Kostnadsandel primärvård, kommuner och regioner",
        "Andel primärvård av regionernas hälso- och sjukvårdskostnader",
        "Breddinförda insatser",
        "Övergripande uppföljning eller utvärdering, kommuner",
        "Övergripande uppföljning eller utvärdering, regioner",
        "Förtroende för hälso- och sjukvården",
    ]
    positions = [caps.index(e) for e in expected]
    assert positions == sorted(positions)
    assert len(caps) == 19
    numbers = re.findall(r'<div class="nv-figure-title"[^>]*>.*?Figur (\d+)\.', chapter, flags=re.S)
    assert [int(n) for n in numbers] == list(range(1, len(caps) + 1))


def test_projects_made_permanent_are_counted_from_the_survey(prose):
    now, before = yes_of("2", 2024), yes_of("2", 2023)
    assert (now, before) == ("19 av 21", "16 av 21")
    assert f"Nästan alla regioner ({now}) anger att de har gjort det under 2024" in prose
    assert f"Det är fler än 2023, då {before} regioner angav" in prose


def test_patient_survey_coverage_is_counted_from_the_data(prose):
    d = pd.read_csv(SAMPLE / "indicators.csv")
    rows = d[(d.indicator == "tillgodosett_vardbehov") & (d.level == "region") & (d.year == 2024) & (d.sex == "totalt")]
    n = int(rows.value.notna().sum())
    assert f"År 2024 deltog bara {n} av 21 regioner i undersökningen" in prose
    assert f"bygger på svar från {n} av 21 regioner" in prose  # the note under Figur 1


def test_costs_in_fixed_and_current_prices_are_not_mixed_up(prose):
    fixed, current = national("kostnad_primarvard_fasta"), national("kostnad_primarvard_lopande")
    assert f"I fasta priser ökade regionernas kostnader för det egna åtagandet med {kr(fixed[2024] - fixed[2017])}" in prose
    assert f"I löpande priser, alltså utan hänsyn till att priser och löner har stigit, ökade kostnaderna med {kr(current[2024] - current[2017])}" in prose
    assert f"Det senaste året minskade kostnaderna med {kr(fixed[2023] - fixed[2024])}" in prose


def test_regional_cost_shares_and_gotland(prose, chapter):
    d = pd.read_csv(SAMPLE / "costs.csv")
    r = d[(d.indicator == "andel_primarvard_regioner") & (d.level == "region")].pivot_table(index="area", columns="year", values="value")
    fell = int((r[2024].round(1) < r[2023].round(1)).sum())
    compared = int(r[[2023, 2024]].dropna().shape[0])
    assert f"Jämfört med 2023 minskade andelen i {fell} av {compared} regioner" in prose
    assert "Region Gotland saknar uppgifter om kostnader för det egna åtagandet för primärvård" in prose


def test_sex_gap_for_paverkbar_slutenvard_is_relative_to_the_lower_value(prose):
    d = pd.read_csv(SAMPLE / "indicators.csv")
    rows = d[(d.indicator == "paverkbar_slutenvard") & (d.level == "riket") & (d.year == 2024)].set_index("sex").value
    gap = round((round(rows["män"]) - round(rows["kvinnor"])) / round(rows["kvinnor"]) * 100)
    assert f"År 2024 var antalet {gap} procent högre för män än för kvinnor" in prose


def test_stockholm_kommuner_are_said_to_be_missing(prose):
    assert "Kommunerna i Stockholms län saknas i figuren" in prose
    assert "Kommunerna i Stockholms län ingår inte i figuren" in prose  # the figure note


def test_fortroende_wording_is_consistent(prose):
    assert "stort eller ganska stort" not in prose
    assert prose.count("stort eller mycket stort förtroende") >= 3
    d = pd.read_csv(SAMPLE / "indicators.csv")
    r = d[(d.indicator == "fortroende_vc") & (d.level == "region") & (d.sex == "totalt")].pivot_table(index="area", columns="year", values="value")
    better = int((r[2024] > r[2017]).sum())
    assert f"har andelen ökat i {better} av {len(r[[2017, 2024]].dropna())} län under samma period" in prose
