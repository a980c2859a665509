"""Chapter 8, Hälsofrämjande och förebyggande insatser: its facts (analysis/chapters/halsoframjande.py),
the phrases for series (text/trends.py) and the chapter they compose to, case by case: partial and full
survey coverage, reversed directions, both kinds of boende alike, no sex higher every year, a lowest year at
an end, zero, all and ties between the kinds of effort, more than a handful of kommuner."""

from __future__ import annotations

import pytest

from naravard.analysis.chapters import halsoframjande
from naravard.analysis.quantity import Quantity
from naravard.review.check_templates import quantifier_problem
from naravard.text import trends
from tests.fixtures.builder import CODES, catalogue
from tests.fixtures.chapter import compose_chapter, prose
from tests.fixtures.halsoframjande import package, ticked

NBSP = "\u00a0"


@pytest.fixture
def text(tmp_path):
    def compose(**kw) -> str:
        out = prose(compose_chapter(package(**kw), "08-halsoframjande", tmp_path).chapters["08-halsoframjande.qmd"])
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence
        assert " 0 av " not in out and "21 av 21" not in out and ".." not in out
        return out

    return compose


def test_the_sample_case(text):
    t = text()
    assert "## Ingen tydlig förändring av samtal om levnadsvanor i primärvården" in t
    assert "Det året deltog 10 av 21 regioner i mätningen" in t and "bara" not in t
    assert f"De år då alla regioner deltog, 2015–2023, låg andelen mellan 48{NBSP}procent och 51{NBSP}procent" in t
    assert "Jämförelsen gäller de 10 regioner som deltog 2024." in t
    assert "Jämfört med 2017 var den senast mätta andelen högre i 16 av 21 regioner och lägre i 4." in t
    assert "Frågan ställdes det året i 10 av 21 regioner." in t
    assert "minskade från 12,0\u00a0procent år 2017 till 9,0\u00a0procent år 2024 och har minskat varje år sedan 2018." in t
    assert "Antalet fallskador minskade i särskilt boende men ökade i ordinärt boende mellan 2017 och 2024." in t
    assert "## Fallskador minskar i särskilt boende men ökar i ordinärt boende" in t
    assert "Antalet år 2024 var det högsta sedan 2014." in t and "Antalet år 2024 var det lägsta i tidsserien, som börjar 2014." in t
    assert "Skillnaden mellan könen går alltså åt motsatt håll i de två boendeformerna." in t
    assert "Lägst var antalet år 2020" in t
    assert "## Män har haft fler besök på akutmottagning än kvinnor under hela perioden" in t
    assert "## Många regioner och kommuner arbetar med riktade hälsosamtal" in t
    assert "Flest regioner, 20 av 21, har genomfört insatser med inriktning på riktade hälsosamtal." in t
    assert "### En stor bredd av insatser pågår i kommunerna" in t


def test_every_region_took_part(text):
    t = text(lifestyle={2015: 51.0, 2017: 48.0, 2023: 50.0, 2024: 56.0},
             lifestyle_regions={c: {2017: 48.0, 2024: 50.0 + i / 4} for i, c in enumerate(CODES)})  # fmt: skip
    assert "## Fler samtal om levnadsvanor i primärvården" in t
    assert f"Andelen ökade från 51{NBSP}procent år 2015 till 56{NBSP}procent år 2024." in t
    assert "deltog" not in t.split("## Färre äldre")[0].split("Huvudsakliga")[0] and "Frågan ställdes" not in t
    assert "Jämförelsen gäller" not in t and "föregående mätning" not in t
    assert "högre i samtliga 21 regioner" in t


def test_reversed_directions_and_both_kinds_of_boende_alike(text):
    t = text(med_ordinary={2013: 9.0, 2017: 9.5, 2021: 9.6, 2022: 9.8, 2023: 10.2, 2024: 10.5},
             falls_special={2014: 8000.0, 2017: 8100.0, 2024: 8900.0}, falls_ordinary={2014: 5000.0, 2017: 5100.0, 2024: 6300.0})  # fmt: skip
    assert "## Fler äldre i kommunal hälso- och sjukvård har läkemedel som bör undvikas" in t
    assert "och har ökat varje år sedan 2013." in t
    assert "Andelen har varje år varit" not in t  # ordinärt is not above särskilt every year
    assert "## Fallskador ökar i både särskilt och ordinärt boende" in t
    assert "Antalet fallskador ökade i både särskilt och ordinärt boende mellan 2017 och 2024." in t
    assert "Antalet år 2024 var det högsta i tidsserien, som börjar 2014." in t


def test_a_run_against_the_change_takes_men():
    f = halsoframjande.facts(package(med_ordinary={2013: 9.0, 2017: 12.0, 2022: 13.0, 2023: 12.5, 2024: 12.0}))
    c = f.läkemedel.sedan_basåret
    assert c.direction == "stable" or trends.run_clause(f.läkemedel.ordinärt_i_följd, c).startswith(" men har minskat")
    f = halsoframjande.facts(package(med_ordinary={2013: 13.0, 2017: 9.0, 2022: 8.0, 2023: 8.5, 2024: 9.5}))
    assert trends.run_clause(f.läkemedel.ordinärt_i_följd, f.läkemedel.ordinärt.förändring) == " men har ökat varje år sedan 2022"


def test_no_sex_higher_every_year_and_the_lowest_year_at_an_end(text):
    t = text(emergency={2017: 690.0, 2020: 650.0, 2024: 600.0}, emergency_sexes=(0.0, 0.0))
    assert "## Besök på akutmottagning bland personer 80 år och äldre" in t
    assert "fler besök än" not in t and "Lägst var antalet" not in t
    assert "Antalet har inte skilt sig mellan män och kvinnor" in t


def test_no_change_in_emergency_visits_is_neuter(text):
    t = text(emergency={2017: 600.0, 2020: 590.0, 2024: 600.0})
    assert "var i stort sett oförändrat (600 besök per 1 000 invånare år 2017" in t.replace(NBSP, " ")
    assert "Antalet besök på akutmottagning bland personer 80 år och äldre var i stort sett oförändrat mellan 2017 och 2024." in t


def test_no_region_and_ties_between_efforts(text):
    t = text(efforts={2024: {"riktade_halsosamtal": ticked(9), "hembesoksprogram": ticked(9), "ovriga": ticked(0)}},
             municipal={2024: {"riktade_halsosamtal": 40.0, "hembesoksprogram": 48.0, "ovriga": 90.0}})  # fmt: skip
    assert "## Regionernas och kommunernas arbete med riktade hälsosamtal" in t
    assert "Lika många regioner, 9 av 21, har genomfört insatser med inriktning på riktade hälsosamtal och hembesöksprogram." in t
    assert "Andra hälsofrämjande och förebyggande insatser har ingen region genomfört." in t
    assert "Bland de andra insatserna" not in t and "Insatser med inriktning på" not in t


def test_every_region_and_one_that_did_not_answer(text):
    everyone_but_one = {c: "Ja" for c in CODES if c != "25"}
    t = text(efforts={2024: {"riktade_halsosamtal": everyone_but_one, "hembesoksprogram": ticked(3), "ovriga": ticked(1)}})
    assert "Samtliga 20 regioner som svarade har genomfört insatser med inriktning på riktade hälsosamtal." in t
    assert "Samtliga 20 regioner har" not in t


def test_the_question_not_asked_this_year(text):
    t = text(efforts={2023: {"riktade_halsosamtal": ticked(20), "hembesoksprogram": ticked(16), "ovriga": ticked(18)}})
    assert "I enkäten har regionerna svarat" not in t and "riktade hälsosamtal." not in t


def _low(n: int, counties: int = 1) -> trends.LowestEveryYear:
    munis = catalogue().municipalities
    per = -(-n // counties)  # spread over the first *counties* of Dalarna, Gävleborg
    chosen = tuple(m for c in ("20", "21")[:counties] for m in [x for x in munis if x.county == c][:per])[:n]
    regions = {r.code: r for r in catalogue().regions}
    groups = tuple((regions[c], tuple(m for m in chosen if m.county == c)) for c in dict.fromkeys(m.county for m in chosen))
    count = Quantity(value=float(n), unit="antal", decimals=0, key="k", label="l", sources=())
    return trends.LowestEveryYear(chosen, count, (2017, 2024), groups)


def test_kommuner_lowest_every_year():
    assert trends.lowest_every_year(_low(1)).startswith("En och samma kommun hade det lägsta antalet besök varje år under perioden: ")
    three = trends.lowest_every_year(_low(3))
    assert three.startswith("Samma 3 kommuner hade de lägsta antalen besök") and three.endswith(" i Dalarnas län.")
    assert trends.lowest_every_year(_low(8, 2)) == "Samma 8 kommuner, i 2 län, hade de lägsta antalen besök varje år under perioden."


def test_standing_and_two_directions():
    st = trends.LatestStanding(year=2024, first_year=2014, lowest=False, highest=False, higher_since=2023, lower_since=2019)
    assert trends.standing(st) == "Antalet år 2024 var det lägsta sedan 2019."
    assert trends.standing(trends.LatestStanding(2024, 2014, False, False, 2023, 2023)) == ""
    assert trends.standing(trends.LatestStanding(2024, 2014, True, True, None, None)) == ""
    assert trends.standing(trends.LatestStanding(2024, 2014, True, False, 2023, None), "Andelen", neuter=False) == \
        "Andelen år 2024 var den lägsta i tidsserien, som börjar 2014."  # fmt: skip


def test_facts_of_the_sample_case():
    f = halsoframjande.facts(package())
    assert f.levnadsvanor.jämförbara_år and not f.levnadsvanor.alla_deltog and f.levnadsvanor.förändring.direction == "stable"
    assert f.läkemedel.ordinärt_mot_särskilt.alltid_högre and f.läkemedel.könen_omvänt
    assert (f.fallskador.högre_bland, f.fallskador.lägre_bland) == ("kvinnor", "män")
    assert f.akutbesök.lägsta_året.year == 2020 and f.akutbesök.kön.higher == "män"
    assert f.många_hälsosamtal and f.har_övriga_insatser and f.insatser.näst_flest.antal.n == 16
