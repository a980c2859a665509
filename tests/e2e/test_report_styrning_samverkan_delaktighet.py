"""Chapters 3 (Styrning och ledning), 4 (Samverkan och samordning) and 6 (Delaktighet)
in the built HTML: headings, figure captions, and counts that must match the data."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.conftest import ROOT
from tests.e2e.html_text import captions, headings
from tests.e2e.html_text import visible_text as text

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "data" / "sample-2024"


@pytest.fixture(scope="module")
def page(sample_build) -> str:
    return sample_build.outputs["html"].read_text(encoding="utf-8")


def chapter(page: str, h1_id: str) -> str:
    """The HTML of one chapter: from its h1 to the next h1."""
    start = page.index(f'<h1 id="{h1_id}"')
    end = page.find("<h1", start + 1)
    return page[start : end if end != -1 else len(page)]


def region_answers(question: str, year: int = 2024, option: str | None = None) -> pd.Series:
    d = pd.read_csv(SAMPLE / "survey_regions.csv", dtype=str)
    rows = d[(d.question == question) & (d.year == str(year))]
    if option is not None:
        rows = rows[rows.option == option]
    return rows.answer


def yes_of(question: str, year: int = 2024, option: str | None = None) -> str:
    answers = region_answers(question, year, option)
    return f"{(answers == 'Ja').sum()} av {len(answers)}"


def share(question: str, option: str | None, year: int) -> str:
    d = pd.read_csv(SAMPLE / "survey_municipalities.csv", dtype=str)
    rows = d[(d.question == question) & (d.year == str(year)) & (d.level == "riket")]
    if option is not None:
        rows = rows[rows.option == option]
    return f"{int(float(rows.value.iloc[0]))} procent"


# ---- Styrning och ledning ---------------------------------------------------------------------


def test_styrning_structure(page):
    ch = chapter(page, "styrning-och-ledning")
    h2 = headings(ch, 2)
    assert h2[0] == "Styrning av primärvården i regionerna"
    assert "Förutsättningar för vårdens medarbetare" in h2
    assert "Lärande från tre län" in h2
    assert any("länsgemensam plan" in h for h in h2)
    assert any("stödstrukturerna" in h for h in h2)
    assert len(headings(ch, 3)) >= 6  # the findings of the deepening study
    assert "Huvudsakliga resultat" in text(ch)
    caps = captions(ch)
    assert any("Regionernas styrning av resurser till primärvården" in c for c in caps)
    assert any(re.search(r"Länsgemensamma planer för omställningen, 2023 och 2024", c) for c in caps)


def test_budget_counts_come_from_the_data(page):
    t = text(chapter(page, "styrning-och-ledning"))
    # Appendix B items 1 and 2: the edition's text said 19 and 7, its table 3 and 9.
    assert yes_of("5") == "3 av 21"
    for q in ("5", "6", "7"):
        assert f"({yes_of(q)})" in t, q
    assert "19 av 21" not in t and "7 av 21" not in t
    assert "Färre än hälften av regionerna (9 av 21) beslutade att budgetera" in t


def test_plans_footnote_and_no_overclaim(page):
    ch = chapter(page, "styrning-och-ledning")
    t = text(ch)
    assert f"({yes_of('4')})" in t
    assert f"({yes_of('r.lansgemensam_plan', 2023)})" in t
    # Appendix B item 16: 2024 asked about deciding or updating a plan, and says so in a footnote.
    assert "beslutat om eller uppdaterat en sådan plan" in t
    assert re.search(r'class="footnote-ref"|role="doc-noteref"', ch)
    assert "samtliga regioner beslutat" not in t.lower()


def test_staff_follow_ups(page):
    t = text(chapter(page, "styrning-och-ledning"))
    assert f"({yes_of('26')})" in t
    assert share("k.medarbetare_uppfoljning", None, 2024) + " av kommunerna" in t


# ---- Samverkan och samordning ------------------------------------------------------------------


def test_samverkan_structure(page):
    ch = chapter(page, "samverkan-och-samordning")
    h2, h3 = headings(ch, 2), headings(ch, 3)
    assert "Samverkan i fokus i utvecklingen av ambulanssjukvården" in h2
    assert "Regioner och kommuner har fortsatt att utveckla samverkan" in h2
    assert "Ökad samverkan med socialtjänstens områden" in h3
    caps = captions(ch)
    assert any("Insatser för att utveckla ambulanssjukvården" in c for c in caps)
    assert any("Implementerade rutiner i kvalitets- och ledningssystemet" in c for c in caps)


def test_ambulance_counts_come_from_the_data(page):
    t = text(chapter(page, "samverkan-och-samordning"))
    # Appendix B item 3: the edition's text said 14, its table 13.
    assert f"({yes_of('28')})" in t
    assert f"{yes_of('28', 2023)} regioner" in t
    assert "Det är färre än år 2023" in t
    assert f"({yes_of('r.ambulanssjukvard', option='samverkan')})" in t


# ---- Delaktighet --------------------------------------------------------------------------------


def test_delaktighet_structure(page):
    ch = chapter(page, "delaktighet")
    h2 = headings(ch, 2)
    assert any("delaktigheten i primärvården" in h for h in h2)
    assert "Patienter och brukare involveras främst genom etablerade strukturer" in h2
    assert any("dokumenterade överenskommelsen" in h for h in h2)
    assert "Justerad kärnindikator för delaktighet och involvering" in text(ch)
    caps = captions(ch)
    assert sum("Delaktighet och involvering, patientrapporterat, primärvård" in c for c in caps) == 2
    assert any("Särskilda verktyg för kommunikation, kommuner" in c for c in caps)
    assert any("Insatser avseende den dokumenterade överenskommelsen, regioner" in c for c in caps)
    assert any("Samverkan i utveckling av dokumenterad överenskommelse, kommuner" in c for c in caps)


def test_index_is_never_a_percentage(page):
    ch = chapter(page, "delaktighet")
    # Appendix B item 22: index values are not "procent" and not "samma andel".
    start = ch.index("<h2")
    section = text(ch[start : ch.index("<h2", start + 1)])
    assert "Indexvärdet" in section
    assert "procent" not in section
    assert "samma andel" not in section.lower()
    box = text(ch[: start]).split("Huvudsakliga resultat")[1]
    first_bullet = box.split("Patienter och brukare")[0]
    assert "Indexvärdet" in first_bullet and "procent" not in first_bullet


def test_delaktighet_counts_and_shares(page):
    t = text(chapter(page, "delaktighet"))
    for q in ("20", "21"):
        assert f"({yes_of(q)})" in t, q
    assert share("k.sarskilda_verktyg", None, 2024) in t
    now, before = share("k.dokumenterad_overenskommelse", "inte", 2024), share("k.dokumenterad_overenskommelse", "inte", 2023)
    assert f"ökade från {before} år 2023 till {now} år 2024" in t
    top18 = yes_of('18', option='utbildning_personal')
    assert f"Flest regioner, {top18}, har genomfört utbildningar" in t.replace(f"{top18} ,", f"{top18},")
    assert f"({yes_of('19', option='rutiner_it_stod')})" in t
