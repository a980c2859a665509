"""Chapter 7, Kontinuitet: its facts (analysis/chapters/kontinuitet.py), its phrases (text/kontinuitet.py) and
the chapter they compose to: the sample's shape, reversed directions, no change, ties between options,
zero and all, a question not asked the year before, the panel against the registers."""

from __future__ import annotations

import pytest

from naravard.analysis.chapters import kontinuitet
from naravard.review.check_templates import quantifier_problem
from tests.fixtures.chapter import compose_chapter, prose
from tests.fixtures.kontinuitet import package

NBSP = "\u00a0"


@pytest.fixture
def text(tmp_path):
    def compose(**kw) -> str:
        out = prose(compose_chapter(package(**kw), "07-kontinuitet", tmp_path).chapters["07-kontinuitet.qmd"])
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence
        assert "21 av 21" not in out and ".." not in out and " ," not in out
        return out

    return compose


def test_the_sample_case(text):
    t = text()
    assert "### Knappt tre fjärdedelar av regionerna har rutiner för att följa upp fast läkarkontakt" in t
    assert "Året innan var det 14 av 21 regioner." in t
    assert "Av regionerna har 17 av 21 rapporterat" in t and "jämfört med 16 av 21 i förra årets undersökning" in t
    assert f"Året innan var genomsnittet 59{NBSP}procent" in t
    assert "befolkningspanelen lägre än den registrerade i 15 av 17 regioner." in t and "17 regioner som svarade" not in t
    assert f"Andelen som svarade ja var 61{NBSP}procent år 2017. År 2021 ökade andelen till 66{NBSP}procent. " \
           f"År 2024 minskade andelen till 64{NBSP}procent." in t  # fmt: skip
    assert "### Färre äldre uppger att de har en ordinarie läkare" in t
    assert "Av de regioner som använder 1177.se informerar 4 av 10 också på annat sätt. Det gör även samtliga regioner som inte använder 1177.se." in t
    assert "Specialistläkare och ST-läkare i allmänmedicin kan vara fast läkarkontakt i samtliga 21 regioner." in t
    assert "kan hyrläkare vara det, jämfört med 8 av 21 år 2023. Färre regioner än året innan tillåter alltså hyrläkare" in t
    assert "handlar det oftast om bättre kompetensförsörjning (10 av 21 regioner)." in t
    assert "Därefter följer utvecklade krav på hälso- och vårdcentraler (5 av 21), ekonomiska incitament" in t
    assert "(4 av 21)." in t
    assert "vilket är färre än året innan (12 av 21)" in t and "mindre vanliga än rutiner för fast läkarkontakt" in t
    assert "### En majoritet av kommunerna anger att fler brukare har fast omsorgskontakt" in t
    assert "### Om patienterna själva har valt sin fasta läkarkontakt" in t
    assert "### Socialstyrelsens verksamhetsbesök i regionerna" in t


def test_reversed_directions_and_no_change(text):
    t = text(routines={2023: (10, 8), 2024: (12, 14)}, hired={2023: 4, 2024: 8}, regular={2017: 61.0, 2021: 60.0, 2024: 66.0},
             k_more=(40.0, 43.0))  # fmt: skip
    assert "### Fler äldre uppger att de har en ordinarie läkare" in t
    assert f"År 2021 var andelen i stort sett densamma, 60{NBSP}procent. År 2024 ökade andelen till 66{NBSP}procent." in t
    assert "Färre regioner än året innan" not in t
    assert "vilket är fler än året innan (8 av 21)" in t and "vanligare än rutiner för fast läkarkontakt" in t
    assert "### En minoritet av kommunerna anger" in t and "För fast vårdkontakt är andelen högre" in t
    t = text(routines={2023: (12, 12), 2024: (12, 12)}, regular={2017: 61.0, 2024: 61.0})
    assert "### Oförändrad andel äldre med en ordinarie läkare" in t
    assert "vilket är lika många som året innan" in t and "lika vanliga som rutiner för fast läkarkontakt" in t


def test_no_year_before(text):
    t = text(routines={2024: (15, 10)}, shares35={2024: [60.0] * 17 + [None] * 4}, hired={2024: 4})
    assert "Året innan" not in t and "året innan" not in t and "år 2023" not in t


def test_ties_between_options_and_none_after_the_first(text):
    t = text(efforts=(6, 6, 6, 6))
    assert "handlar det oftast om bättre kompetensförsörjning, utvecklade krav på hälso- och vårdcentraler" in t
    assert "Därefter följer" not in t
    t = text(efforts=(0, 0, 0, 0))
    assert "handlar det oftast om" not in t


def test_information_zero_and_all(text):
    t = text(info=(0, 21))
    assert "Ingen av regionerna (0 av 21) använder 1177.se" in t and "Av de regioner som använder 1177.se" not in t
    t = text(info=(21, 4))
    assert "Samtliga 21 regioner använder 1177.se" in t and "Det gör även" not in t


def test_facts_of_the_panel_and_the_registers():
    f = kontinuitet.facts(package())
    assert f.registrerad.panel_lägre.n == 15 and f.registrerad.panel_lägre.alla_svarade  # the two 18 % regions are below the panel
    assert f.registrerad.medel_lika is False  # 59 the year before, about 58 now
    assert f.vårdkontakt_mot_läkarkontakt == -1 and f.läkartyper.färre_hyrläkare and f.läkartyper.specialist_som_st
    assert f.alla_utan_1177_på_annat_sätt and f.majoritet_ökat_omsorg


def test_questions_not_asked_this_year_leave_their_passages_out(text):
    # Fråga 33, 35 and 29b answered only the year before: their headings, sentences and box points go.
    t = text(routines={2023: (14, 12)}, shares35={2023: [59.0] * 16 + [None] * 5}, hired={2023: 8})
    for gone in ("har rutiner för att följa upp fast läkarkontakt", "rapporterat hur stor andel",
                 "Skillnaden mellan registrerad och upplevd", "kan hyrläkare vara", "Hyrläkare kan vara fast läkarkontakt",
                 "har rutiner för att registrera fasta vårdkontakter", "Enligt regionernas egna system"):
        assert gone not in t, gone
    assert "## Regionernas arbete med fast läkarkontakt" in t and "Bland kommunerna anger" in t


def test_facts_of_questions_not_asked_this_year_are_none():
    f = kontinuitet.facts(package(routines={2023: (14, 12)}, shares35={2023: [59.0] * 16 + [None] * 5}, hired={2023: 8}))
    assert f.rutin_läkarkontakt is None and f.rutin_vårdkontakt is None and f.vårdkontakt_mot_läkarkontakt is None
    assert f.registrerad is None and f.läkartyper is None


def test_a_year_without_site_visits_leaves_their_section_out(text):
    # method.toml's [site_visits] decides; the authors' summary of the visits goes with it.
    t = text(visits=False)
    assert "verksamhetsbesök" not in t and "Vid Socialstyrelsens besök" not in t
    assert "### Om patienterna själva har valt sin fasta läkarkontakt" in t
