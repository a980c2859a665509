"""Chapter 5, Tillgänglighet: its facts (analysis/chapters/tillganglighet.py) and the chapter they compose to,
case by case: the sample's shape, reversed directions, no change, a lowest year at an end, zero, one,
all-but-one and all regions, a region that did not answer, a question not asked, a missing year before."""

from __future__ import annotations

import pytest

from naravard.analysis.chapters import tillganglighet
from naravard.analysis.chapters.tillganglighet import KommunAndel, every_year
from naravard.analysis.indicators import Point
from naravard.analysis.quantity import Quantity
from naravard.review.check_templates import quantifier_problem
from naravard.text.tillganglighet import share_with_year_before
from tests.fixtures.builder import CODES
from tests.fixtures.chapter import compose_chapter, prose
from tests.fixtures.tillganglighet import DIGITAL, RURAL, SUPPLY, TRAINING, DOCTORS, package, yes

NBSP = "\u00a0"


@pytest.fixture
def text(tmp_path):
    def compose(**kw) -> str:
        out = prose(compose_chapter(package(**kw), "05-tillganglighet", tmp_path).chapters["05-tillganglighet.qmd"])
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence
        assert "21 av 21" not in out and ".." not in out and " ," not in out
        return out

    return compose


def pct(v: float) -> str:
    return f"{v:.0f}{NBSP}procent"


def test_the_sample_case(text):
    t = text()
    assert "## Färre äldre i särskilt boende anser att det är lätt att få träffa läkare" in t
    assert f"Andelen minskade från {pct(62)} år 2013 till {pct(45)} år 2022, vilket är det lägsta värdet" in t
    assert "Därefter ökade andelen igen." in t
    assert f"Möjligheten att träffa sjuksköterska bedöms som bättre" in t and "Även den andelen minskade" in t
    assert "## Andelen medicinska bedömningar inom tre dagar har ökat varje år sedan 2020" in t
    assert f"Mellan 2023 och 2024 ökade andelen bara med 1{NBSP}procentenhet, och ökningen har alltså avtagit." in t
    assert "Skillnaden mellan kvinnor och män är liten." in t
    assert "### Barn och unga med psykisk ohälsa: färre fick en bedömning inom tre dagar" in t
    assert "så resultatet är en försämring" in t
    assert "Under samtliga mätperioder har andelen varit högre för pojkar än för flickor." in t
    assert "## Färre överbeläggningar och utlokaliseringar det senaste året, men fler än år 2017" in t
    assert "minskade det senaste året, till 7,3" in t and ", men nivån är högre än år 2017." in t
    assert "Jämfört med 2017 är det däremot en försämring" in t
    assert "## Digitala vårdtjänster är en central del av arbetet med tillgänglighet" in t
    assert "## Nästan alla regioner har beslutat att öka vårdutbudet på vårdcentralerna" in t
    assert f"Av kommunerna anger {pct(42)}, jämfört med {pct(41)} år 2023, att de" in t
    assert "## Mobila team har utvecklats i regioner och kommuner" in t
    assert "## Den medicinska kompetensen i kommunerna har stärkts" in t
    assert "## Personalförsörjning och personalomsättning i primärvården" in t
    assert "Personalomsättningen är högre" not in t  # a comparison no data of the package shows is no heading
    assert "Öppettider" not in t and "mellanvårdsnivå" not in t  # only the package's examples hold them


def test_reversed_directions(text):
    t = text(doctor={2013: 40.0, 2017: 44.0, 2024: 52.0}, nurse={2013: 80.0, 2017: 77.0, 2024: 70.0},
             assessment={2020: 88.0, 2021: 86.0, 2022: 84.0, 2023: 82.0, 2024: 80.0},
             young={2022: 70.0, 2023: 72.0, 2024: 60.0, 2025: 75.0},
             overcrowding={2017: 8.0, 2022: 6.0, 2023: 5.0, 2024: 6.5})  # fmt: skip
    assert "## Fler äldre i särskilt boende anser att det är lätt att få träffa läkare" in t
    assert f"Andelen ökade från {pct(40)} år 2013 till {pct(52)} år 2024." in t and "lägsta värdet" not in t
    assert "bedöms som bättre" in t and "Den andelen minskade" in t and "Även den andelen" not in t
    assert "## Andelen medicinska bedömningar inom tre dagar har minskat varje år sedan 2020" in t
    assert "Mellan 2023 och 2024 minskade andelen." in t
    assert "### Barn och unga med psykisk ohälsa: fler fick en bedömning inom tre dagar" in t
    assert "## Fler överbeläggningar och utlokaliseringar det senaste året, men färre än år 2017" in t
    assert "ökade det senaste året, till 6,5" in t and ", men nivån är lägre än år 2017." in t


def test_same_direction_takes_och_and_no_change(text):
    t = text(overcrowding={2017: 5.0, 2023: 6.0, 2024: 7.0}, assessment={2020: 80.0, 2022: 84.0, 2023: 82.0, 2024: 82.2},
             doctor={2013: 50.0, 2017: 50.0, 2024: 50.2})  # fmt: skip
    assert "## Fler överbeläggningar och utlokaliseringar det senaste året och fler än år 2017" in t
    assert ", och nivån är högre än år 2017." in t and "Jämfört med 2017 är det också en försämring" in t
    assert "## Oförändrad möjlighet att träffa läkare i särskilt boende" in t
    assert "## Andelen medicinska bedömningar inom tre dagar har ökat sedan 2020" in t
    assert "Mellan 2023 och 2024 var andelen i stort sett oförändrad, så utvecklingen har planat ut det senaste året." in t
    t = text(assessment={2020: 80.0, 2024: 80.5})
    assert "## Andelen medicinska bedömningar inom tre dagar är i stort sett oförändrad sedan 2020" in t
    assert "Mellan 2023" not in t  # no value the year before


def test_the_lowest_year_at_an_end_and_a_tie_between_the_sexes(text):
    t = text(doctor={2013: 40.0, 2020: 45.0, 2024: 38.0}, young_sexes=(0.0, 0.0))
    assert "lägsta värdet" not in t and f"Andelen minskade från {pct(40)} år 2013 till {pct(38)} år 2024." in t
    assert "Ingen tydlig skillnad syns mellan pojkar och flickor över mätperioderna." in t
    t = text(young_sexes=(-2.0, 2.0))
    assert "Under samtliga mätperioder har andelen varit högre för flickor än för pojkar." in t


@pytest.mark.parametrize("n, heading, sentence", [
    (0, "## Ingen av regionerna har beslutat att öka vårdutbudet på vårdcentralerna", "Ingen av regionerna (0 av 21) uppger att de under 2024"),
    (1, "## En av regionerna har beslutat att öka vårdutbudet på vårdcentralerna", None),
    (20, "## Nästan alla regioner har beslutat", "Så är det inte i Norrbottens län."),
    (21, "## Samtliga regioner har beslutat att öka vårdutbudet på vårdcentralerna", "Samtliga 21 regioner uppger"),
])  # fmt: skip
def test_counts_of_regions(text, n, heading, sentence):
    t = text(supply=n, digital=n)
    assert heading in t
    assert sentence is None or sentence in t
    assert ("Regionerna nämner bland annat" in t) == (n > 0)
    assert ("Digitala vårdtjänster är en central del" in t) == (n > 10) and ("Flera regioner beskriver att digitala" in t) == (n > 10)
    assert ("Det handlar till exempel om chatt" in t) == (n > 0)


def test_a_region_that_did_not_answer_and_questions_not_asked(text):
    t = text(supply=yes(20, missing=("25",)))
    assert "Samtliga 20 regioner som svarade uppger" in t and "Så är det inte" not in t
    t = text(asked={SUPPLY: 19})
    assert "digitala vårdtjänster" not in t.split("## Färre äldre")[1] and "## Digitala" not in t
    assert "tre fjärdedelar" not in t and "Insatser för att utveckla primärvården på landsbygden" in t
    assert "utbildningsinsatser" not in t and "## Den medicinska kompetensen i kommunerna har stärkts" in t  # the kommuner's share


def test_no_kommun_strengthened_mobile_teams_and_no_year_before():
    f = tillganglighet.facts(package(municipal={2024: {"digitala_besok": 42.0, "mobila_team_kommun": 0.2, "mobila_team_region": 0.0,
                                                      "medicinsk_kompetens": 0.0, "lakarmedverkan": 0.0}},
                                     training=0, doctors=0))  # fmt: skip
    assert not f.kommuner_utvecklar_mobila_team and not f.kompetensen_stärkts
    assert f.kommuner_digitala.året_före is None
    assert share_with_year_before(f.kommuner_digitala) == f"{pct(42)}"


def test_share_with_year_before():
    q = lambda v: Quantity(value=v, unit="procent", decimals=0, key=f"k{v}")  # noqa: E731
    assert share_with_year_before(KommunAndel(q(42.0), q(41.0), 2023)) == f"{pct(42)}, jämfört med {pct(41)} år 2023"


def test_every_year_needs_two_moves_in_the_direction():
    pts = lambda *vs: [Point(2020 + i, "", Quantity(value=v, unit="procent", decimals=0, key=f"p{i}")) for i, v in enumerate(vs)]  # noqa: E731
    assert every_year(pts(1, 2, 3), "up") and not every_year(pts(1, 3), "up") and not every_year(pts(1, 2, 2), "up")
    assert every_year(pts(3, 2, 1), "down") and not every_year(pts(3, 2, 1), "stable")


def test_the_handful_of_regions_that_said_no():
    f = tillganglighet.facts(package(supply=18))
    assert [r.code for r in f.vårdutbud_inte] == list(CODES[18:])
    assert tillganglighet.facts(package(supply=17)).vårdutbud_inte == ()
    assert tillganglighet.facts(package(supply=21)).vårdutbud_inte == ()


def test_a_year_without_a_planning_support_leaves_its_section_out(text):
    # The section reports the year's Nationella planeringsstödet, cited by its role: without a work, no section.
    t = text(planning=False)
    assert "Personalomsättningen" not in t and "planeringsstöd" not in t
    assert "## Den medicinska kompetensen i kommunerna har stärkts" in t
