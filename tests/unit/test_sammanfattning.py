"""The Sammanfattning: its facts are chapter 9's (analysis/chapters/sammanfattning.py), so each of its twelve
conclusions follows the data as the section of Analys och slutsatser it sums up does. Composed for the
sample's shape, for every judgement reversed, and for zero, all, ties and a question not asked."""

from __future__ import annotations

import dataclasses

import pytest

from naravard.analysis.chapters import analys, sammanfattning
from naravard.review.check_templates import quantifier_problem
from tests.fixtures.analys import package, ticked
from tests.fixtures.builder import CODES
from tests.fixtures.chapter import compose_chapter, prose
from tests.unit.test_analys import HIGHER_EVERYWHERE, REVERSED

NBSP = "\u00a0"


@pytest.fixture
def text(tmp_path):
    def compose(**kw) -> str:
        out = prose(compose_chapter(package(**kw), "00-sammanfattning", tmp_path).chapters["00-sammanfattning.qmd"])
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence
        assert " 0 av " not in out and "21 av 21" not in out and ".." not in out and "  " not in out
        assert out.count("**") == 2 * 12, "twelve conclusions, each a bold lead sentence"
        return out

    return compose


def test_the_summary_reads_chapter_9s_facts():
    pkg = package()
    summary, chapter = sammanfattning.facts(pkg), analys.facts(pkg)
    for field in dataclasses.fields(chapter):
        assert getattr(summary, field.name) == getattr(chapter, field.name), field.name
    assert summary.kommuner_hälsosamtal.value == 71.0


def test_the_sample_case(text):
    t = text()
    assert "**Omställningen pågår, men patienternas möjligheter skiljer sig åt över landet.**" in t
    assert "Av de 12 kärnindikatorer som går att jämföra med sitt basår visar 8 en utveckling mot målen." in t
    assert "**Mer ekonomiska och personella resurser behövs för att primärvården ska bli navet.**" in t
    assert "ökade i fasta priser mellan 2017 och 2024, men primärvårdens andel" in t
    assert "Färre än hälften av regionerna (9 av 21) budgeterade en större andel till primärvården 2024" in t
    assert "En majoritet av regionerna (13 av 21) beslutade eller uppdaterade under 2024 en länsgemensam plan" in t
    assert "**Samverkan och samordning kring patienten har utvecklats.**" in t
    assert f"men bara 29{NBSP}procent av invånarna uppfattar själva" in t
    assert "**Den medicinska kompetensen i kommunerna behöver stärkas.** Under 2024 genomförde de flesta regioner (16 av 21)" in t
    assert "**Arbete för att göra patienten delaktig behöver utvecklas ytterligare.**" in t
    assert "Nästan alla regioner (20 av 21) har ändrat arbetssätt för äldre personer med stora vård- och omsorgsbehov samt barn och unga" in t
    assert "Färst regioner, 13 av 21, har gjort det för personer med funktionsnedsättning." in t
    assert "**Tillgängligheten har utvecklats i olika riktning.**" in t
    assert "minskade det senaste året, men det är fortfarande fler än år 2017." in t
    assert "**Förtroendet för vårdcentralerna har inte ökat i samma utsträckning som förtroendet för hälso- och sjukvården i stort.**" in t
    assert f"och i 71{NBSP}procent av länen har kommunerna gjort det." in t
    assert "Personalomsättningen" not in t and "samverkar mer än tidigare" not in t


def test_everything_reversed(text):
    t = text(national=REVERSED, avoidable_regions=HIGHER_EVERYWHERE, lifestyle_all=True)
    assert "**Primärvårdens andel av resurserna har ökat, men resurserna behöver fortsatt stärkas.**" in t
    assert "ökade i fasta priser mellan 2017 och 2024, och primärvårdens andel" in t
    assert "**Samverkan och samordning kring patienten behöver utvecklas.**" in t
    assert "högre i samtliga 21 län" in t
    assert "men bara" not in t and f"befolkningen har en fast, namngiven läkarkontakt, och 70{NBSP}procent" in t
    assert "**Patientens delaktighet har ökat något men behöver stärkas mer.**" in t
    assert "**Tillgängligheten behöver förbättras.**" in t
    assert "ökade det senaste året och är fler än år 2017." in t
    assert "**Förtroendet för vårdcentralerna har utvecklats bättre än förtroendet för hälso- och sjukvården i stort.**" in t
    assert "problematiskt" not in t


def test_zero_all_ties_and_questions_not_asked(text):
    groups = ("funktionsnedsattning", "aldre", "kroniska", "barn_unga")
    survey = {
        "4": {2024: {"": ticked(0)}},
        "6": {2023: {"": ticked(9)}},  # not asked this year
        "15": {2024: {o: ticked(0) for o in groups}},
        "r.halsoframjande": {2024: {"riktade_halsosamtal": ticked(21, missing=(CODES[0],))}},
    }
    regions = {c: {2020: 85.0, 2024: 85.0} for c in CODES}  # every län alike
    t = text(survey=survey, assessment_regions=regions)
    assert "**Omställningen pågår.**" in t and "skillnaderna mellan regionerna" not in t
    assert "budgeterade" not in t and "Planernas innehåll" not in t
    assert "**Arbetssätten för olika målgrupper i primärvården behöver utvecklas.** Ingen region har ändrat arbetssätt för någon av målgrupperna" in t
    assert "Färst" not in t
    assert "Samtliga 20 regioner som svarade har genomfört riktade hälsosamtal" in t
