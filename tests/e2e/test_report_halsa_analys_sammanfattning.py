"""Chapters 8 (Hälsofrämjande och förebyggande insatser), 9 (Analys och
slutsatser) and the Sammanfattning in the built HTML: headings, captions and
the key statements, checked against the sample data's results."""

from __future__ import annotations

import html as htmllib
import re

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def text(sample_build) -> str:
    page = sample_build.outputs["html"].read_text(encoding="utf-8")
    plain = re.sub(r"<[^>]+>", " ", page)
    return " ".join(htmllib.unescape(plain).replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def page(sample_build) -> str:
    return sample_build.outputs["html"].read_text(encoding="utf-8")


def _ws(heading: str) -> str:
    """The heading as a pattern that allows line breaks between words."""
    return r"\s+".join(re.escape(w) for w in heading.split())


def test_headings(page):
    for h1 in ("Hälsofrämjande och förebyggande insatser", "Analys och slutsatser", "Sammanfattning"):
        assert re.search(rf"<h1[^>]*>(?:<span[^>]*>[^<]*</span>\s*)?{_ws(h1)}</h1>", page), h1
    for h2 in ("Slutord", "Socialstyrelsens främsta slutsatser", "Övergripande bedömning",
               "Fallskador minskar i särskilt boende men ökar i ordinärt boende",
               "Män har haft fler besök på akutmottagning än kvinnor under hela perioden",
               "Övergripande resultat utifrån regeringsuppdraget"):
        assert re.search(rf"<h2[^>]*>(?:<span[^>]*>[^<]*</span>\s*)?{_ws(h2)}</h2>", page), h2


def test_captions_and_sources(text):
    assert re.search(r"Figur \d+\. Genomfört hälsofrämjande och förebyggande insatser i arbetet med omställningen, kommuner "
                     r"Andel län där kommunerna anger", text)
    assert re.search(r"Figur \d+\. Genomfört hälsofrämjande och förebyggande insatser i arbetet med omställningen, regioner "
                     r"Antal regioner som anger", text)
    assert re.search(r"Figur \d+\. Kommuner, besök på akutmottagning", text)
    assert "Uppgift saknas för Stockholm: den basala hemsjukvården i Stockholms län utförs av regionen" in text


def test_key_statements(text):
    # patient survey: only some regions took part in the latest year
    assert "Frågan ställdes det året i 10 av 21 regioner" in text
    assert "56 procent av männen och 48 procent av kvinnorna" in text
    # fallskador: latest year's standing from the series
    assert "Antalet år 2024 var det lägsta i tidsserien, som börjar 2014" in text
    assert "Antalet år 2024 var det högsta sedan 2014" in text
    # akutbesök: relative sex gap range and the kommuner lowest every year
    assert "varierat mellan 12 procent fler besök (2020) och 17 procent fler besök (2017)" in text
    assert "Avesta i Dalarnas län samt Bollnäs och Ovanåker i Gävleborgs län" in text
    # survey
    assert "Nästan alla regioner (20 av 21) har genomfört insatser med inriktning på riktade hälsosamtal" in text
    assert "I 71 procent av länen anger kommunerna" in text
    # chapter 9 and the summary use the same results
    assert "Av de 12 kärnindikatorer som kan jämföras med sitt basår har 8 utvecklats i önskad riktning" in text
    assert "Av de 12 kärnindikatorer som går att jämföra med sitt basår visar 8 en utveckling mot målen" in text
    assert "Färre än hälften av regionerna (9 av 21)" in text


def test_no_claim_that_all_have_plans(text):
    # Appendix B item 16: the survey counts decided/updated plans, not plans that exist
    assert "samtliga kommuner och regioner" not in text.lower()
    assert "beslutade eller uppdaterade under 2024 en länsgemensam plan" in text


def test_no_sentence_repeated_in_chapter_9(text):
    start, end = text.index("Analys och slutsatser Här samlar"), text.index("Slutord Omställningen går framåt")
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text[start:end]) if len(s.strip()) > 40]
    assert len(sentences) == len(set(sentences))
