"""Chapter 1, Socialstyrelsens uppdrag: its facts (analysis/chapters/uppdrag.py) and the chapter they compose
to, case by case: the report year before, at and after the last agreement, a region or an RSS that did not
answer, no deepening study, no kärnindikator with a later base year or with several nyckelord."""

from __future__ import annotations

import pytest

import datetime as dt

from naravard.analysis.chapters import uppdrag
from tests.fixtures.builder import catalogue
from tests.fixtures.chapter import compose_chapter, prose
from tests.fixtures.method import headings_stand_alone, package

@pytest.fixture(scope="module")
def text(tmp_path_factory):
    def compose(pkg) -> str:
        out = prose(headings_stand_alone(compose_chapter(pkg, "01-uppdrag", tmp_path_factory.mktemp("c")).chapters["01-uppdrag.qmd"]))
        assert ".." not in out and " 0 av " not in out and "21 av 21" not in out
        return out

    return compose


def test_the_facts_of_the_sample_method():
    f = uppdrag.facts(package())
    assert (f.kärnindikatorer, f.basår, f.basåret_är_färdplanens) == (12, 2017, True)
    assert f.flera_nyckelord == 10 and not f.alla_flera_nyckelord
    assert f.sista_överenskommelsen and f.statsbidraget and f.statsbidrag_från == 2025 and not f.efter_överenskommelserna
    assert f.alla_svarade and f.enkäter == 3 and f.fördjupningslän == ("Gävleborg", "Östergötland", "Skåne")


def test_the_years_of_the_agreements_follow_the_report_year():
    assert not uppdrag.facts(package(2023)).statsbidraget
    after = uppdrag.facts(package(2025))
    assert after.efter_överenskommelserna and after.statsbidraget and not after.sista_överenskommelsen


def test_without_an_assignment_or_a_study():
    f = uppdrag.facts(package(assignment=None, deepening_study=None))
    assert f.uppdrag is None and not f.överenskommelser and not f.statsbidraget and f.fördjupningslän == ()


def test_counts_of_kärnindikatorer():
    f = uppdrag.facts(package(core=("medicinsk_bedomning_3d", "overbelaggningar")))
    assert f.flera_nyckelord == 0 and f.senare_basår == 1 and f.basår == 2017
    f = uppdrag.facts(package(core=("medicinsk_bedomning_3d",)))
    assert (f.basår, f.basåret_är_färdplanens, f.senare_basår) == (2020, False, 0)
    one = [i for i in catalogue().core_indicators if len(i.keywords) > 1][0].id
    f = uppdrag.facts(package(core=(one,)))
    assert f.flera_nyckelord == 1 and f.alla_flera_nyckelord


def test_the_sample_case(text):
    t = text(package())
    assert "I juni 2023 gav regeringen Socialstyrelsen i uppdrag" in t
    assert "Årets rapport är den sista uppföljningen av en sådan överenskommelse. Från och med 2025 får regioner" in t
    assert "Samtliga regioner och RSS besvarade sina enkäter." in t
    assert "i tre län – Gävleborg, Östergötland och Skåne – med fokus på styrning och ledning" in t
    assert "Av de tolv kärnindikatorerna hör tio till mer än ett nyckelord." in t
    assert "Resultaten jämförs i första hand med år 2017. Det året presenterades den första färdplanen" in t
    assert ("Under våren 2025 besökte Socialstyrelsen dessutom samtliga 21 regioner för att samtala med hälso- och "
            "sjukvårdsledningarna om hur de arbetar med kontinuitet och fast läkarkontakt utifrån sina förutsättningar.") in t  # fmt: skip


def test_the_year_after_the_agreements(text):
    t = text(package(2025))
    assert "sista uppföljningen" not in t
    assert "(SKR) om god och nära vård. Sedan 2025 får regioner och kommuner i stället statens stöd" in t
    assert "I uppföljningen av överenskommelsen för" not in t  # no agreement plays the role this year


def test_a_region_and_an_rss_that_did_not_answer(text):
    t = text(package(surveys_regioner={"answered": 20}, surveys_rss={"answered": 23}))
    assert "Nästan alla regioner (20 av 21) och nästan alla RSS (23 av 24) besvarade sina enkäter." in t
    assert "Samtliga regioner" not in t


def test_no_assignment_no_study_and_no_indicator_with_several_nyckelord(text):
    t = text(package(assignment=None, deepening_study=None, core=("medicinsk_bedomning_3d", "overbelaggningar")))
    assert "Regeringen har gett Socialstyrelsen i uppdrag att främja" in t
    assert "delredovisas" not in t and "Under åren" not in t and "statsbidrag som regleras" not in t
    assert "intervjustudie" not in t and "till mer än ett nyckelord" not in t
    assert "visar de två kärnindikatorer som" in t
    assert "För en av kärnindikatorerna finns jämförbara uppgifter först från ett senare år" in t


def test_a_base_year_that_is_not_the_färdplan_s(text):
    t = text(package(core=("medicinsk_bedomning_3d",)))
    assert "Resultaten jämförs i första hand med år 2020." in t and "färdplanen" not in t
    assert "senare år" not in t


def test_the_site_visits_follow_method_toml(text):
    # How many, when and about what: method.toml's [site_visits], never typed in the chapter.
    some = text(package(site_visits={"regions": 12, "start": dt.date(2025, 9, 1),
                                     "end": dt.date(2025, 12, 15), "topic": "digitala vårdtjänster"}))  # fmt: skip
    assert "Mellan september och december 2025 besökte Socialstyrelsen dessutom drygt hälften av regionerna (12 av 21)" in some
    assert "om hur de arbetar med digitala vårdtjänster utifrån" in some and "fast läkarkontakt utifrån" not in some
    one = text(package(site_visits={"regions": 1, "start": dt.date(2025, 10, 3), "end": dt.date(2025, 10, 3)}))
    assert "I oktober 2025 besökte Socialstyrelsen dessutom" in one
    assert "hälso- och sjukvårdsledningen om hur den arbetar med" in one and "ledningarna" not in one
    none = text(package(site_visits=None))
    assert "besökte Socialstyrelsen" not in none and "besök" not in none
    assert "Metoderna beskrivs närmare i bilaga 1." in none
