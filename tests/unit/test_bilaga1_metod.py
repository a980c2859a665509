"""Bilaga 1, Metod: its facts (analysis/chapters/bilaga1_metod.py) and the appendix they compose to, case by
case: everyone answered (the sample), a region and an RSS that did not, only the RSS all answered, the
extra question answered by most kommuner, one reminder or different reminders, the survey's first time."""

from __future__ import annotations

import pytest

from naravard.analysis.chapters import bilaga1_metod
from tests.fixtures.chapter import compose_chapter, prose
from tests.fixtures.method import headings_stand_alone, package

HEADINGS = ("### Statistikens innehåll", "#### Objekt och population", "#### Variabler och statistiska mått",
            "#### Viktberäkning och estimation", "#### Datainsamling", "#### Svarsfrekvens", "#### Referenstider",
            "### Tillförlitlighet", "#### Urval", "#### Ramtäckning", "#### Mätfel", "#### Bortfall", "#### Bearbetning",
            "### Tillgänglighet och tydlighet", "#### Tillgång till statistiken", "#### Presentation", "#### Dokumentation",
            "#### Jämförbarhet och samanvändbarhet", "### Allmänna uppgifter", "#### Sekretess och personuppgiftsbehandling",
            "#### Bevarande och gallring")  # fmt: skip


@pytest.fixture(scope="module")
def text(tmp_path_factory):
    def compose(pkg) -> str:
        out = prose(headings_stand_alone(compose_chapter(pkg, "bilaga1-metod", tmp_path_factory.mktemp("b")).chapters["bilaga1-metod.qmd"]))
        assert ".." not in out and " 0 av " not in out and "21 av 21" not in out and "  " not in out
        return out

    return compose


def test_the_facts_of_the_sample_method():
    f = bilaga1_metod.facts(package())
    assert f.inget_bortfall and f.alla_regioner_svarade and f.alla_rss_svarade
    assert (f.påminnelser, f.webbenkäter, f.basår) == (2, 2, 2017)
    assert f.extrafrågan_stort_bortfall and f.upprepad and f.antal_frågor and f.kommunfrågor
    assert f.kvalitetsdeklaration == "95010/2024-4"


def test_reminders_are_named_only_when_regions_and_rss_got_as_many():
    assert bilaga1_metod.facts(package(surveys_rss={"reminders": 3})).påminnelser is None
    assert bilaga1_metod.facts(package(surveys_rss={"reminders": 0}, surveys_regioner={"reminders": 0})).påminnelser is None
    assert bilaga1_metod.facts(package(surveys_rss={"reminders": None}, surveys_regioner={"reminders": None})).påminnelser is None
    assert bilaga1_metod.facts(package(surveys_rss={"reminders": 1}, surveys_regioner={"reminders": 1})).påminnelser == 1


def test_the_extra_question_with_half_or_more_answering():
    assert not bilaga1_metod.facts(package(extra_question={"answered": 145})).extrafrågan_stort_bortfall
    assert bilaga1_metod.facts(package(extra_question={"answered": 144})).extrafrågan_stort_bortfall
    assert not bilaga1_metod.facts(package(extra_question=None)).extrafrågan_stort_bortfall


def test_the_sample_case(text):
    t = text(package())
    for heading in HEADINGS:
        assert f" {heading} " in f" {t} ", heading
    assert [t.index(h + " ") for h in HEADINGS] == sorted(t.index(h + " ") for h in HEADINGS)
    assert "Samtliga regioner besvarade enkäten, vilket ger en svarsfrekvens på 100\u00a0procent." in t
    assert "Även samtliga RSS besvarade sin enkät (100\u00a0procent)." in t
    assert "Under insamlingen skickades två påminnelser." in t
    assert "Extrafrågan till kommunerna besvarades av 70 av 290 kommuner, en svarsfrekvens på 24\u00a0procent." in t
    assert "så enkäterna till dem har inget objektbortfall. Alla frågor måste besvaras, och därför finns inte heller något partiellt" in t
    assert "Extrafrågan till kommunerna har däremot ett stort bortfall." in t
    assert "Det är tredje gången som Socialstyrelsen genomför undersökningen. Eftersom frågorna har reviderats" in t
    assert "värdet för år 2017, det år då den första färdplanen för en god och nära vård presenterades." in t
    assert "Ange diarienummer 95010/2024-4." in t


def test_a_region_and_an_rss_that_did_not_answer(text):
    t = text(package(surveys_regioner={"answered": 20}, surveys_rss={"answered": 23}))
    assert "20 av 21 regioner besvarade enkäten, vilket ger en svarsfrekvens på 95\u00a0procent." in t
    assert "23 av 24 RSS besvarade sin enkät (96\u00a0procent)." in t and "Även samtliga" not in t
    assert "Enkäterna har ett objektbortfall: svarsfrekvensen är 95\u00a0procent för regionerna och 96\u00a0procent för RSS." in t
    assert "och därför finns inget partiellt bortfall." in t and "inte heller" not in t
    assert "Extrafrågan till kommunerna har också ett stort bortfall." in t


def test_only_the_rss_all_answered_and_most_kommuner_answered_the_extra_question(text):
    t = text(package(surveys_regioner={"answered": 20}, extra_question={"answered": 200}))
    assert "Samtliga RSS besvarade sin enkät (100\u00a0procent)." in t and "Även samtliga" not in t
    assert "stort bortfall" not in t


def test_the_survey_s_first_time_with_one_reminder(text):
    t = text(package(edition=1, surveys_rss={"reminders": 1}, surveys_regioner={"reminders": 1}))
    assert "Under insamlingen skickades en påminnelse." in t
    assert "Det är första gången som Socialstyrelsen genomför undersökningen. Det finns därför inga tidigare resultat" in t
    assert "motsvarande enkäter från tidigare år" not in t and "Eftersom frågorna har reviderats" not in t


def test_without_method_toml_the_quality_declaration_is_left_out(text):
    import dataclasses

    t = text(dataclasses.replace(package(), method=None))
    assert "### Statistikens innehåll" not in t and "Svarsfrekvens" not in t and "diarienummer" not in t
    assert "## Om länsdiagram, jämförelser och konfidensintervall" in t
