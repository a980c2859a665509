"""Chapter 9, Analys och slutsatser: its facts (analysis/chapters/analys.py) and the chapter they compose to,
case by case: a mixed, an all-good and an all-bad picture of the kärnindikatorer, primary care's share up,
down and unchanged, 0, 1, all-but-one and all regions, a region that did not answer, ties between answer
options, reversed directions, no change, a question not asked this year or the year before."""

from __future__ import annotations

import pytest

from naravard.analysis.chapters import analys
from naravard.review.check_templates import quantifier_problem
from tests.fixtures.analys import NATIONAL, package, survey_defaults, ticked
from tests.fixtures.builder import CODES
from tests.fixtures.chapter import compose_chapter, prose

NBSP = "\u00a0"


@pytest.fixture
def text(tmp_path):
    def compose(**kw) -> str:
        out = prose(compose_chapter(package(**kw), "09-analys", tmp_path).chapters["09-analys.qmd"])
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence
        assert " 0 av " not in out and "21 av 21" not in out and ".." not in out and "  " not in out
        return out

    return compose


def with_national(**series) -> dict:
    return {"national": series}


# ---- the sample's shape ------------------------------------------------------------------------------


def test_the_sample_case(text):
    t = text()
    assert "Kärnindikatorerna ger en blandad bild." in t
    assert "Av de 12 kärnindikatorer som kan jämföras med sitt basår har 8 utvecklats i önskad riktning" in t
    assert "3 i motsatt riktning, medan 1 är i stort sett oförändrad." in t
    assert "Ingen tydlig förändring syns för delaktighet och involvering." in t
    assert "jämfört med de flesta regioner (16 av 21) året innan." in t
    assert "## Ekonomiska och personella resurser för att göra primärvården till nav behöver öka" in t
    assert "Primärvården får alltså ungefär lika stor del av resurserna som när uppföljningen började" in t
    assert "Under 2024 beslutade eller uppdaterade en majoritet av regionerna (13 av 21) en länsgemensam plan" in t
    assert "Planerna skiljer sig mycket åt" in t
    assert "Resultaten tyder på att samverkan och samordning kring patienten har utvecklats." in t
    assert "Jämfört med 2017 var den påverkbara slutenvården vid kronisk sjukdom lägre i samtliga 21 län." in t
    assert "och en majoritet av regionerna (13 av 21) stärkte kommunernas tillgång till läkare" in t
    assert "## Arbete för att göra patienten delaktig behöver utvecklas ytterligare" in t
    assert "Nivån var i stort sett oförändrad även mellan de två senaste mätningarna." in t
    assert "Flest regioner, 18 av 21, uppger att de inom det arbetet har genomfört utbildningar" in t
    # a tie between two target groups: both are named
    assert ("Flest regioner, 20 av 21, har ändrat arbetssätt för äldre personer med stora vård- och omsorgsbehov "
            "samt barn och unga sedan omställningen började, och färst för personer med funktionsnedsättning (13 av 21 regioner).") in t
    assert "Skillnaden tyder på att den registrerade läkarkontakten" in t
    assert "## Tillgängligheten till primärvården har utvecklats i olika riktning" in t
    assert "Förtroendet för primärvården har alltså ökat mindre än förtroendet för vården i stort." in t
    assert f"var som lägst år 2022 (45{NBSP}procent) och har sedan dess ökat till 50{NBSP}procent år 2024." in t
    assert "Antalet överbeläggningar och utlokaliseringar minskade det senaste året men är fortfarande fler än år 2017." in t
    assert "Indikatorerna visar en blandad bild. Andelen äldre i ordinärt boende med läkemedel som bör undvikas minskade" in t
    assert "medan antalet fallskador i ordinärt boende ökade mellan 2017 och 2024." in t
    assert "eftersom 10 av 21 regioner deltog i den senaste mätningen." in t
    # nothing the package does not support: no examples, no facts from other sources, no deepening study
    assert "mobila team" not in t and "En väg in" not in t and "särskilda mottagningar" not in t and "öppettider" not in t
    assert "Regionernas och kommunernas redovisningar visar att styrningen ser olika ut" in t


# ---- the kärnindikatorer -------------------------------------------------------------------------------


ALL_BETTER = {"tillgodosett_vardbehov": {2017: 76.0, 2024: 80.0}, "lakare_sabo": {2017: 55.0, 2024: 60.0},
              "overbelaggningar": {2017: 2.6, 2023: 2.4, 2024: 2.3}, "delaktighet_index": {2017: 75.0, 2024: 79.8}}  # fmt: skip


def test_every_core_indicator_better_and_accessibility_improved(text):
    k = analys.facts(package(national=ALL_BETTER)).kärnindikatorer
    assert (k.bättre.value, k.sämre.value, k.oförändrade.value) == (12, 0, 0)
    assert k.bara_bättre and not k.blandad and not k.bara_sämre and k.sämre_namn == ()
    t = text(national=ALL_BETTER)
    assert "Kärnindikatorerna pekar i önskad riktning. Av de 12" in t and "Sämre än under basåret" not in t
    assert "## Tillgängligheten till primärvården har förbättrats" in t
    assert "minskade det senaste året." in t and "fler än år" not in t
    assert f"träffa läkare var som lägst år 2017 (55{NBSP}procent) och har sedan dess ökat till 60{NBSP}procent år 2024." in t


def test_core_indicators_all_worse_but_one(text):
    worse = {"fortroende_hs": {2017: 67.0, 2024: 60.0}, "medicinsk_bedomning_3d": {2020: 88.0, 2024: 81.0},
             "barn_unga_psykisk_ohalsa_3d": {2022: 55.0, 2024: 50.0}, "ordinarie_lakare_65": {2017: 45.0, 2024: 40.0},
             "levnadsvanor": {2017: 53.0, 2024: 48.0}, "paverkbar_slutenvard": {2017: 562.0, 2024: 650.0},
             "oplanerade_aterinskrivningar": {2013: 8.0, 2017: 8.9, 2024: 10.0}, "delaktighet_index": {2017: 80.0, 2024: 75.0},
             "overbelaggningar": {2017: 2.6, 2024: 2.3}}  # fmt: skip
    k = analys.facts(package(national=worse)).kärnindikatorer
    assert (k.bättre.value, k.sämre.value, k.oförändrade.value) == (2, 10, 0)  # överbeläggningar and läkemedel better
    assert k.blandad
    t = text(national=worse | {"lakemedel_undvikas_ordbo": {2017: 9.0, 2024: 12.0}})
    assert "har 1 utvecklats i önskad riktning och 11 i motsatt riktning." in t
    assert "Ingen tydlig förändring syns" not in t


def test_two_unchanged_core_indicators_are_plural(text):
    t = text(national={"ordinarie_lakare_65": {2017: 45.0, 2024: 45.0}})
    assert "medan 2 är i stort sett oförändrade." in t


# ---- data the other way round: one package, each judgement reversed -----------------------------------------

REVERSED = {
    "andel_primarvard_regioner": {2017: 19.0, 2024: 21.0},  # primary care's share rose
    "oplanerade_aterinskrivningar": {2013: 8.9, 2024: 10.0},  # with påverkbar slutenvård higher everywhere
    "delaktighet_index": {2017: 75.0, 2023: 77.0, 2024: 79.8},
    "fast_lakarkontakt_panel": {2024: 70.0},  # the inhabitants perceive more than the regions register
    "fortroende_hs": {2017: 60.0, 2024: 63.0}, "fortroende_vc": {2017: 60.0, 2024: 67.0},
    "medicinsk_bedomning_3d": {2020: 88.0, 2024: 81.0}, "overbelaggningar": {2017: 1.5, 2023: 2.0, 2024: 2.3},
    "fallskador_ordbo": {2017: 6200.0, 2024: 5850.0},  # both prevention indicators better
}  # fmt: skip
HIGHER_EVERYWHERE = {c: {2017: 500.0, 2024: 600.0 + i} for i, c in enumerate(CODES)}


def test_everything_reversed(text):
    t = text(national=REVERSED, avoidable_regions=HIGHER_EVERYWHERE, lifestyle_all=True)
    assert "## Primärvårdens andel av resurserna har ökat men behöver öka mer" in t
    assert "En något större del av resurserna går alltså till primärvården" in t
    assert "Resultaten tyder inte på att samverkan och samordning kring patienten har utvecklats." in t
    assert "var den påverkbara slutenvården vid kronisk sjukdom högre i samtliga 21 län." in t and "minskat i ingen" not in t
    assert "## Patientens delaktighet har ökat något" in t and "Nivån ökade mellan de två senaste mätningarna." in t
    assert "Skillnaden tyder på" not in t and "ökat mindre" not in t
    assert "## Tillgängligheten till primärvården behöver förbättras" in t
    assert "Antalet överbeläggningar och utlokaliseringar ökade det senaste året och är fler än år 2017." in t
    assert "blandad bild. Andelen äldre" not in t
    assert "minskade mellan 2017 och 2024, och antalet fallskador i ordinärt boende minskade mellan 2017 och 2024." in t
    assert "kan bara delvis jämföras" not in t
    f = analys.facts(package(national=REVERSED))
    assert f.resurser.samma_riktning and not analys.facts(package()).resurser.samma_riktning
    assert f.förtroende.vårdcentralerna_bättre and not f.fast_läkarkontakt.registrerad_högre


def test_zero_all_ties_missing_answers_and_questions_not_asked(text):
    groups = ("funktionsnedsattning", "aldre", "kroniska", "barn_unga")
    survey = {
        "4": {2024: {"": ticked(0)}},  # no region decided a plan
        "2": {2024: {"": ticked(21)}},  # every region, and not asked the year before
        "6": {2024: {"": ticked(20, missing=(CODES[-1],))}},  # a region did not answer
        "15": {2024: {o: ticked(17) for o in groups}},  # every option alike
        "18": {2023: {"utbildning_personal": ticked(18)}},  # not asked this year
    }
    t = text(survey=survey, national={"overbelaggningar": {2017: 1.5, 2023: 2.3, 2024: 2.3}})
    assert "ingen av regionerna" in t and "Planerna skiljer sig" not in t
    assert "gjorde samtliga 21 regioner tidigare projekt till ordinarie verksamhet." in t and "året innan" not in t
    assert "Samtliga 20 regioner som svarade beslutade att öka primärvårdens andel" in t
    assert "Lika många regioner, 17 av 21, har ändrat arbetssätt för personer med funktionsnedsättning" in t and "färst" not in t
    assert "inom det arbetet" not in t
    assert "var i stort sett oförändrat det senaste året och är fler än år 2017." in t  # antalet: an ett-word


def test_collaboration_mixed_one_lower_county_and_no_target_group(text):
    regions = {c: {2017: 500.0, 2024: (400.0 if i == 0 else 600.0)} for i, c in enumerate(CODES)}
    none = {"15": {2024: {o: ticked(0) for o in ("funktionsnedsattning", "aldre", "kroniska", "barn_unga")}},
            "r.utbildning_kommunal_hsv": {2024: {"": ticked(1)}}}  # fmt: skip
    s = analys.facts(package(avoidable_regions=regions)).samverkan
    assert not s.förbättrad and not s.försämrad and s.slutenvård_län.lägre.n == 1
    t = text(avoidable_regions=regions, survey=none)
    assert "Resultaten för samverkan och samordning kring patienten pekar åt olika håll." in t
    assert "högre i 20 av 21 län och lägre i 1." in t
    assert "## Arbetssätten för olika målgrupper i primärvården behöver utvecklas" in t
    assert "Ingen region har ändrat arbetssätt" in t
    assert "genomförde en av regionerna (1 av 21) utbildningsinsatser" in t


def test_involvement_unchanged_twice_and_one_measurement():
    d = analys.facts(package(national={"delaktighet_index": {2017: 79.0, 2023: 79.0, 2024: 79.1}})).delaktighet
    assert d.båda_oförändrade and not d.ökat
    one = analys.facts(package(national={"delaktighet_index": {2024: 79.0}})).delaktighet
    assert one.senaste_mätningarna is None and not one.båda_oförändrade


@pytest.mark.parametrize("care, centres, less, better, worse", [
    ({2017: 60.0, 2024: 67.0}, {2017: 60.0, 2024: 63.0}, True, False, False),  # the sample
    ({2017: 60.0, 2024: 63.0}, {2017: 60.0, 2024: 67.0}, False, True, False),  # reversed
    ({2017: 60.0, 2024: 63.0}, {2017: 60.0, 2024: 63.0}, False, False, False),  # a tie
    ({2017: 67.0, 2024: 60.0}, {2017: 67.0, 2024: 55.0}, False, False, True),  # both fell, the centres more
])  # fmt: skip
def test_trust_in_the_centres_against_care(care, centres, less, better, worse):
    f = analys.facts(package(national={"fortroende_hs": care, "fortroende_vc": centres})).förtroende
    assert (f.vårdcentralerna_ökat_mindre, f.vårdcentralerna_bättre, f.vårdcentralerna_sämre) == (less, better, worse)


def test_next_year(text):
    year = 2025
    national = {i: {**s, year: s[max(s)]} for i, s in NATIONAL.items()}
    t = text(national=national, survey=survey_defaults(year), year=year)
    assert "Under 2025 gjorde" in t and "i budgeten för 2025" in t and "2024" not in t.split("Förtroendet")[0]
