"""The chapters Tillgänglighet and Kontinuitet in the built HTML: headings,
figure captions and the statements generated from the sample data."""

from __future__ import annotations

import re

import pytest

from tests.e2e.html_text import chapter_html, visible_text

pytestmark = pytest.mark.e2e


def _chapter(page: str, title: str) -> str:
    return visible_text(chapter_html(page, title), tidy=True)


@pytest.fixture(scope="module")
def page(sample_build) -> str:
    return sample_build.outputs["html"].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tillganglighet(page) -> str:
    return _chapter(page, "Tillgänglighet")


@pytest.fixture(scope="module")
def kontinuitet(page) -> str:
    return _chapter(page, "Kontinuitet")


def test_tillganglighet_headings_follow_the_data(tillganglighet):
    assert "Huvudsakliga resultat" in tillganglighet
    for heading in (
        "Färre äldre i särskilt boende anser att det är lätt att få träffa läkare",
        "Andelen medicinska bedömningar inom tre dagar har ökat varje år",
        "Barn och unga med psykisk ohälsa: färre fick en bedömning inom tre dagar",
        "Färre överbeläggningar och utlokaliseringar det senaste året, men fler än år 2017",
        "Insatser för att utveckla primärvården på landsbygden",
    ):
        assert heading in tillganglighet, heading


def test_tillganglighet_figure_captions(tillganglighet):
    for title in (
        "Möjlighet att träffa läkare respektive sjuksköterska vid behov i särskilt boende",
        "Möjlighet att träffa läkare vid behov i särskilt boende",
        "Medicinsk bedömning inom tre dagar",
        "Barn/unga besök vid psykisk ohälsa inom tre dagar (första linjen)",
        "Överbeläggningar och utlokaliseringar",
    ):
        assert re.search(r"Figur \d+\. " + re.escape(title), tillganglighet), title


def test_tillganglighet_statements(tillganglighet):
    t = tillganglighet
    assert "ökade från 81 procent år 2020 till 88 procent år 2024" in t
    # The lowest year of the läkare series, then the rise.
    assert "minskade från 62 procent år 2013 till 45 procent år 2022" in t
    # The sex gap that whole per cent would hide.
    assert "År 2024 var skillnaden 0,5 procentenheter" in t
    # Ties named together, missing regions said.
    assert "Region Uppsala och Region Kalmar län (100 procent)" in t
    assert "Uppgift saknas för Västra Götalandsregionen, Region Gävleborg och Region Norrbotten" in t
    assert "under 3 av 4 mätperioder har andelen varit högre för pojkar än för flickor".lower() in t.lower()
    assert "Region Kalmar län (1,0 per 100 disponibla vårdplatser)" in t
    assert "Nästan alla regioner (20 av 21) har infört digitala vårdtjänster" in t
    assert "Nästan alla regioner (19 av 21)" in t
    assert "Knappt tre fjärdedelar av regionerna (15 av 21)" in t


def test_kontinuitet_intro_does_not_promise_medarbetare(kontinuitet):
    intro = kontinuitet.split("Huvudsakliga resultat")[0]
    assert "medarbetare" not in intro


def test_kontinuitet_headings_and_captions(kontinuitet):
    k = kontinuitet
    assert "Regionernas arbete med fast läkarkontakt" in k
    assert "Knappt hälften av regionerna har rutiner för att registrera fasta vårdkontakter" in k
    assert "Knappt hälften av regionerna (10 av 21) uppger att de har sådana rutiner" in k
    assert "Färre äldre uppger att de har en ordinarie läkare" in k
    for title in (
        "Regionernas rapportering och befolkningens svar på om de har en fast läkarkontakt",
        "Ordinarie läkare för personer 65 år eller äldre",
        "Typ av läkare som kan vara fast läkarkontakt",
    ):
        assert re.search(r"Figur \d+\. " + re.escape(title), k), title


def test_kontinuitet_fast_lakarkontakt_figures(kontinuitet):
    k = kontinuitet
    # Fråga 35: unweighted mean of the regions that could answer, and both 18 % regions.
    assert "att 59 procent av befolkningen hade en fast, namngiven läkarkontakt" in k
    assert "Av regionerna har 17 av 21 rapporterat hur stor andel" in k
    assert "Västra Götalandsregionen (96 procent)" in k
    assert "Region Blekinge och Region Västerbotten (18 procent)" in k
    # Fråga 36: counted from the data (15 numbers), summed with Kalmar's 179 read as 179 000 (its note).
    assert "Ett antal angavs av 15 av 21 regioner" in k
    assert "4 423 847 personer" in k
    # The population panel.
    assert "29 procent av invånarna" in k
    # Fråga 29b: Värmland's answer as corrected (fn 58), so every region.
    assert "samtliga 21 regioner" in k
    assert "4 av 21 regioner kan hyrläkare vara det, jämfört med 8 av 21 år 2023" in k
    # Fråga 38.
    assert "Av regionerna kan 11 av 21 uppskatta" in k
    assert "mellan 85 och 100 procent" in k
