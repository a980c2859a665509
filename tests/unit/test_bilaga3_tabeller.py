"""Bilaga 3, Tabeller och figurer: its facts (analysis/chapters/bilaga3_tabeller.py, analysis/shares.py) and
the appendix they compose to: the kommuner's insatser with a largest and a smallest share (tied, all alike,
every kommun, none), the question not asked this year or not in the catalogue; which of the regions' questions
get a table (numbered, asked this year) and what the text says about the Riket row for the kinds they are."""

from __future__ import annotations

import pytest

from naravard.analysis.chapters import bilaga3_tabeller
from naravard.review.check_templates import quantifier_problem
from tests.fixtures.builder import answers, build, everyone, first, question, shares
from tests.fixtures.chapter import compose_chapter, prose

CHAPTER = "bilaga3-tabeller"
EFFORTS = question("k.insatser")
YES_NO, TICKED, PERCENT, COUNT, UNNUMBERED = question("2"), question("18"), question("35"), question("36"), question("r.halsoframjande")

SAMPLE_SHARES = {"samverkan": 93.0, "halsoframjande": 88.0, "utskrivningsprocess": 78.0, "aldrecentraler": 9.0}


def efforts(by_option: dict[str, float], year: int = 2024) -> dict:
    return {EFFORTS: shares({year: by_option})}


def regions_survey(*kinds) -> dict:
    """The regions' questions of the given kinds answered in 2024 (every region; Fråga 18 with unticked options)."""
    out = {}
    if "yes_no" in kinds:
        out[YES_NO] = answers({2024: {"": first(19, "Ja", "Nej")}})
    if "ticked" in kinds:
        out[TICKED] = answers({2024: {o.id: first(12, "Ja", "ej markerad") for o in TICKED.options}})
    if "percent" in kinds:
        out[PERCENT] = answers({2024: {"": {c: 40.0 + i for i, c in enumerate(everyone("Ja"))}}})
    if "count" in kinds:
        out[COUNT] = answers({2024: {"": {c: 1000.0 * (i + 1) for i, c in enumerate(everyone("Ja"))}}})
    return out


def package(municipalities=None, questions=None):
    return build(questions=regions_survey("yes_no", "ticked", "percent", "count") if questions is None else questions,
                 municipalities=efforts(SAMPLE_SHARES) if municipalities is None else municipalities)  # fmt: skip


@pytest.fixture
def text(tmp_path):
    def compose(**kw) -> str:
        out = prose(compose_chapter(package(**kw), CHAPTER, tmp_path).chapters[f"{CHAPTER}.qmd"])
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence
        assert ".." not in out and "  " not in out and " ," not in out and "( " not in out
        return out

    return compose


def test_the_sample_case(text):
    t = text()
    assert t.startswith("# Bilaga 3. Tabeller och figurer Här redovisas fler resultat från de enkäter som kommunerna och "
                        "regionerna har besvarat om sitt arbete med omställningen under 2024. ")  # fmt: skip
    assert ("Flest kommuner har arbetat med samverkansinsatser (93\u00a0procent), och färst med äldrecentraler i samverkan "
            "med regionen (9\u00a0procent).") in t  # fmt: skip
    assert ("## Kvantifierbara svar från regionernas enkät Tabellerna nedan visar varje regions svar på de frågor i "
            "regionernas enkät som går att sammanfatta i antal eller andelar. För frågor som besvaras med ja eller nej "
            "visar raden Riket hur många regioner som har svarat ja av alla som har svarat. För frågor om andelar visar "
            "Riket ett ovägt medelvärde av de andelar som regionerna har kunnat ange. För frågor om antal visar Riket "
            "summan av de angivna antalen. Där en region har kunnat markera flera alternativ står – för ett alternativ "
            "som inte är markerat.") in t  # fmt: skip


def test_ties_at_both_ends_are_named_together(text):
    tied = efforts({"samverkan": 80.0, "halsoframjande": 80.4, "sip": 50.0, "fallprevention": 20.0, "aldrecentraler": 19.6})
    f = bilaga3_tabeller.facts(package(municipalities=tied))  # ties as printed (whole percent), not as stored
    assert [o.id for o in f.insatser.flest.alternativ] == ["samverkan", "halsoframjande"]
    assert [o.id for o in f.insatser.färst.alternativ] == ["fallprevention", "aldrecentraler"]
    assert f.insatser.ordning == ("samverkan", "halsoframjande", "sip", "fallprevention", "aldrecentraler")
    assert ("Flest kommuner har arbetat med samverkansinsatser och hälsofrämjande insatser (80\u00a0procent vardera), och "
            "färst med fallprevention och äldrecentraler i samverkan med regionen (20\u00a0procent vardera).") in text(municipalities=tied)


def test_all_alike_every_kommun_and_none(text):
    t = text(municipalities=efforts({"samverkan": 60.0, "halsoframjande": 60.0}))
    assert "Lika stor andel av kommunerna, 60\u00a0procent, har arbetat med vart och ett av dem." in t
    assert "Flest" not in t and "färst" not in t
    t = text(municipalities=efforts({"samverkan": 100.0, "halsoframjande": 50.0, "aldrecentraler": 0.0}))
    assert "Samtliga kommuner har arbetat med samverkansinsatser (100\u00a0procent), och ingen kommun med äldrecentraler i samverkan med regionen." in t


def test_the_kommuner_question_not_asked_this_year_or_not_at_all(text):
    for municipalities in (efforts(SAMPLE_SHARES, year=2023), {}):
        t = text(municipalities=municipalities)
        assert "Här redovisas fler resultat från den enkät som regionerna har besvarat om sitt arbete med omställningen under 2024." in t
        assert "Figur" not in t and "kommuner" not in t
        assert "## Kvantifierbara svar från regionernas enkät" in t
    assert bilaga3_tabeller.facts(package(municipalities={})).insatser is None


def test_which_questions_get_a_table():
    pkg = package(questions=regions_survey("yes_no", "percent") | {
        COUNT: answers({2023: {"": {"01": 5.0}}}),  # asked last year only
        UNNUMBERED: answers({2024: {o.id: first(3, "Ja", "Nej") for o in UNNUMBERED.options}}),  # not in Bilaga 3
    })  # fmt: skip
    f = bilaga3_tabeller.facts(pkg)
    assert [t.question.id for t in f.tabeller] == ["2", "35"]
    assert (f.har_ja_svar, f.har_andelar, f.har_antal, f.har_omarkerade) == (True, True, False, False)


def test_the_riket_row_is_explained_for_the_kinds_shown(text, tmp_path):
    t = text(questions=regions_survey("yes_no"))
    assert "svarat. ## " not in t and "För frågor om" not in t and "står –" not in t
    assert "andelar. För frågor som besvaras med ja eller nej visar raden Riket hur många regioner som har svarat ja av alla som har svarat." in t
    t = text(questions=regions_survey("count"))
    assert ("Tabellen nedan visar varje regions svar på den fråga i regionernas enkät som går att sammanfatta i antal "
            "eller andelar. För frågor om antal visar Riket summan av de angivna antalen.") in t and "ja eller nej" not in t
    every_ticked = {TICKED: answers({2024: {o.id: everyone("Ja") for o in TICKED.options}})}
    assert "står –" not in text(questions=every_ticked)
    composed = compose_chapter(package(questions=regions_survey("yes_no", "ticked")), CHAPTER, tmp_path / "tables")
    md = composed.chapters[f"{CHAPTER}.qmd"]
    assert md.count("\nFråga 2. ") == 1 and md.count("\nFråga 18. ") == 1 and "Fråga 35" not in md  # the tables' captions


def test_no_numbered_question_this_year(text):
    t = text(questions={UNNUMBERED: answers({2024: {o.id: first(3, "Ja", "Nej") for o in UNNUMBERED.options}})})
    assert "Kvantifierbara svar" not in t and "Tabellerna" not in t
    assert t.endswith("(9\u00a0procent).")


def test_a_region_that_did_not_answer_is_left_out_of_the_count(tmp_path):
    missing = {YES_NO: answers({2024: {"": everyone("Ja", missing=("25",))}})}
    md = compose_chapter(package(questions=missing), CHAPTER, tmp_path).chapters[f"{CHAPTER}.qmd"]
    assert "| Riket" in md and "20/20" in md
