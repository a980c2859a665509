"""Bilaga 2, Om kärnindikatorer: its facts (analysis/chapters/bilaga2_karnindikatorer.py) and the appendix they
compose to: the changed measures (none, one, two), the nyckelord most and least used (ties, all alike), the
indicators with the most nyckelord (one, a tie), God, Nära and Effektiv used or not, the survey of ordinarie
läkare (its years, regional values or none), the edition's example of prioritisation (it applies or not), a
kärnindikator without a text of its own, a package without the response-rate fact."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from naravard.analysis.chapters import bilaga2_karnindikatorer
from naravard.data import load_package
from naravard.data.models import Definition
from naravard.review.check_templates import quantifier_problem
from tests.fixtures.builder import ROOT, build, catalogue, series
from tests.fixtures.chapter import compose_chapter, prose

CHAPTER = "bilaga2-karnindikatorer"
CORE = [i for i in catalogue().core_indicators]
OTHERS = [catalogue().indicators[i] for i in ("fallskador_sabo", "akutbesok_80")]
PHYSICIAN = "ordinarie_lakare_65"


@pytest.fixture(scope="module")
def sample():
    return load_package(ROOT / "data" / "sample-2024")


def package(sample, *, core=None, physician=None, physician_regions=None, others=OTHERS, year=2024, facts=True):
    core = CORE if core is None else core
    indicators = {}
    for ind in core:
        if ind.id == PHYSICIAN:
            indicators[ind] = series(national=physician or {2017: 61.0, 2021: 66.0, 2024: 64.0}, regions=physician_regions)
        else:
            indicators[ind] = series(national={2017: 50.0, year: 52.0})
    indicators |= {ind: series(national={2017: 5.0, year: 6.0}) for ind in others}
    pkg = build(indicators=indicators, year=year)
    sources = dict(references=sample.references, facts=sample.facts if facts else {})
    return dataclasses.replace(pkg, **sources)


def with_keywords(changes: dict[str, tuple[str, ...]]):
    return [dataclasses.replace(i, keywords=changes.get(i.id, i.keywords)) for i in CORE]


@pytest.fixture
def text(sample, tmp_path):
    def compose(**kw) -> str:
        out = prose(compose_chapter(package(sample, **kw), CHAPTER, tmp_path).chapters[f"{CHAPTER}.qmd"])
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence
        assert ".." not in out and "  " not in out and " ," not in out
        return out

    return compose


def test_the_sample_case(text):
    t = text()
    assert ("**Ändring sedan 2024** Måttet för kärnindikatorn Delaktighet och involvering, regionernas primärvård har "
            "ändrats från och med uppföljningen av 2024. Läs mer i avsnittet Delaktighet och involvering, regionernas primärvård.") in t  # fmt: skip
    for heading in ("## Kärnindikatorernas målkoppling", "### Sammanvägda bedömningar", "### Hantering av övergripande nyckelord",
                    "## Urvalets balans och bredd", "**Exempel på prioritering mellan olika indikatorer**",
                    "### Explorativa statistiska analyser", "### Fokus på resultat för patienterna", "### Datatillgång och datakvalitet",
                    "### Fokus på den mest övergripande nivån av uppföljning i urvalet", "## Samverkan och dialog",
                    "## Om enskilda indikatorer", "### Några indikatorer som inte kom med i urvalet av nationella kärnindikatorer",
                    "### Indikatorer som kan tillkomma framöver", "### Motivering av enskilda indikatorer i urvalet"):  # fmt: skip
        assert heading in t, heading
    assert t.count("#### ") == 12 and t.index("#### Förtroende") < t.index("#### Överbeläggningar")
    assert "Flest nyckelord har Ordinarie läkare för personer 65 år eller äldre, som är kopplad till Kontinuitet, Personcentrerad" in t
    assert "Tillgänglig är det nyckelord som flest kärnindikatorer är kopplade till, 9 av 12 (@tbl-nyckelord). Färst är kopplade till Delaktig (3 av 12)." in t
    assert "God och Nära används inte" in t and "Inte heller Effektiv används." in t
    assert "hälften av kärnindikatorerna (6 av 12) bygger på deras egna svar i enkäter" in t
    assert "en enkätundersökning som har gjorts 2017, 2021 och 2024 och som i princip inte kan delas upp" in t
    assert "Undersökningen bland äldre har gjorts 2017, 2021 och 2024 och kan i princip inte delas upp på till exempel regioner." in t
    assert "Svarsfrekvensen i enkäten i särskilt boende var cirka 45\u00a0procent [" in t
    assert "denna rapport följer två andra indikatorer utöver kärnindikatorerna." in t


def test_no_change_this_year_and_two_changes(text):
    assert "Ändring sedan" not in text(year=2025)
    new_measure = Definition(valid_from=2024, text="Ett nytt mått")
    core = [dataclasses.replace(i, definitions=i.definitions + (new_measure,)) if i.id == "fortroende_hs" else i for i in CORE]
    t = text(core=core)
    assert ("**Ändring sedan 2024** Måtten för kärnindikatorerna Förtroende för hälso- och sjukvården och Delaktighet och "
            "involvering, regionernas primärvård har ändrats från och med uppföljningen av 2024. Läs mer i avsnitten "
            "Förtroende för hälso- och sjukvården och Delaktighet och involvering, regionernas primärvård.") in t  # fmt: skip


def test_ties_in_nyckelord(text):
    five = ("Tillgänglig", "Kontinuitet", "Samordnad", "Delaktig", "Personcentrerad")
    t = text(core=with_keywords({"fortroende_hs": five}))
    assert "Flest nyckelord, 5 var, har Förtroende för hälso- och sjukvården och Ordinarie läkare för personer 65 år eller äldre." in t
    same = with_keywords({i.id: ("Tillgänglig", "Samordnad") for i in CORE})
    t = text(core=same)
    assert "Samordnad och Tillgänglig är de nyckelord som samtliga 12 kärnindikatorer är kopplade till (@tbl-nyckelord)." in t
    assert "Färst är kopplade till" not in t
    f = bilaga2_karnindikatorer.facts(build(indicators={i: series(national={2024: 1.0}) for i in same}))
    assert f.mest_använda.nyckelord == ("Samordnad", "Tillgänglig") and f.minst_använda is None
    assert f.flera_med_flest_nyckelord and len(f.flest_nyckelord) == 12


def test_god_used_makes_effektiv_stand_alone(text):
    t = text(core=with_keywords({"fortroende_hs": ("God", "Tillgänglig")}))
    assert "God och Nära används inte" not in t
    assert "Effektiv används inte som nyckelord för enskilda indikatorer. Alla kärnindikatorer" in t and "Inte heller" not in t


def test_the_physician_survey_by_region_every_third_year_or_missing(text):
    t = text(physician={2018: 60.0, 2021: 62.0, 2024: 64.0}, physician_regions={"01": {2024: 60.0}})
    assert "har gjorts 2018, 2021 och 2024 och kan bara i viss mån delas upp på till exempel regioner." in t
    core = [i for i in CORE if i.id != PHYSICIAN]
    t = text(core=core)
    assert "Undersökningen bland äldre" not in t and "ordinarie läkare för äldre" not in t
    assert t.count("#### ") == 11


def test_the_prioritisation_example_and_an_indicator_without_a_text(text):
    renamed = [dataclasses.replace(i, id="ny_karnindikator") if i.id == "paverkbar_slutenvard" else i for i in CORE]
    t = text(core=renamed)
    assert "Exempel på prioritering" not in t and "Ett exempel på hur avvägningarna" not in t
    assert "#### Påverkbar slutenvård vid kronisk sjukdom {#karnindikator-ny_karnindikator} Indikatorn ingår bland de nationella kärnindikatorerna" in t


def test_without_the_response_rate_and_other_indicators(text):
    t = text(facts=False, others=())
    assert "Svarsfrekvensen i enkäten är förhållandevis låg" in t and "45" not in t
    assert "Bland invånare som inte upplevde" not in t
    assert "denna rapport följer" not in t


def test_self_reported_sources():
    f = bilaga2_karnindikatorer
    assert [i.id for i in CORE if f.self_reported(i)] == ["fortroende_hs", "lakare_sabo", "ordinarie_lakare_65",
                                                          "tillgodosett_vardbehov", "delaktighet_index", "levnadsvanor"]  # fmt: skip
