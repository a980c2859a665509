"""Word choices over the chapter facts (naravard.text.wording, and the phrases that take
Tallies): each case the data can produce reads as good Swedish and is true."""

from __future__ import annotations

import pytest

from naravard.analysis.facts import Rank, Ranking, RegionMoves, Tally
from naravard.analysis.indicators import Extremes, RegionValue, Point, make_change
from naravard.analysis.quantity import Quantity
from naravard.data.models import SurveyOption
from naravard.text import phrases, wording
from tests.fixtures.builder import REGIONS

NBSP = "\u00a0"


def q(value, unit="antal", decimals=0, key="k"):
    return Quantity(value=value, unit=unit, decimals=decimals, key=key)


def tally(n, of=21, total=21):
    return Tally(q(n, key="n"), q(of, key="of"), total)


# ---- direction and comparison -----------------------------------------------------------------


@pytest.mark.parametrize("start,end,word", [(10.0, 8.9, "Färre"), (8.0, 9.9, "Fler"), (9.0, 9.0, "Lika många")])
def test_direction_word(start, end, word):
    c = make_change(q(start, "procent", 1), q(end, "procent", 1), 2013, 2024, "lower")
    assert wording.direction_word(c, up="Fler", down="Färre", same="Lika många") == word


@pytest.mark.parametrize("a,b,word", [(13, 17, "färre än"), (17, 13, "fler än"), (13, 13, "lika många som")])
def test_comparison_word(a, b, word):
    assert wording.comparison_word(tally(a), tally(b)) == word
    assert wording.comparison_word(q(a), q(b)) == word


def test_comparison_is_made_as_printed():
    assert wording.comparison_word(q(8.94, "procent", 1), q(8.86, "procent", 1), more="högre än", fewer="lägre än", same="lika hög som") == "lika hög som"


def test_singular_or_plural():
    one = Rank((SurveyOption("a", "A"),), tally(5))
    two = Rank((SurveyOption("a", "A"), SurveyOption("b", "B")), tally(5))
    words = dict(singular="Den vanligaste typen", plural="De vanligaste typerna")
    assert wording.singular_or_plural(one, **words) == "Den vanligaste typen"
    assert wording.singular_or_plural(two, **words) == "De vanligaste typerna"
    assert wording.singular_or_plural(tally(1), singular="region", plural="regioner") == "region"
    assert wording.singular_or_plural(0, singular="region", plural="regioner") == "regioner"


# ---- counts with the regions that answered ----------------------------------------------------


@pytest.mark.parametrize(
    "n,of,total,text",
    [
        (21, 21, 21, "samtliga 21 regioner"),
        (20, 20, 21, "samtliga 20 regioner som svarade"),
        (19, 21, 21, "nästan alla regioner (19 av 21)"),
        (19, 20, 21, "nästan alla regioner som svarade (19 av 20)"),
        (10, 21, 21, "knappt hälften av regionerna (10 av 21)"),
        (0, 21, 21, "ingen av regionerna (0 av 21)"),
        (1, 21, 21, "en av regionerna (1 av 21)"),
    ],
)
def test_quantified_tally(n, of, total, text):
    assert phrases.quantified(tally(n, of, total)) == text


@pytest.mark.parametrize("n,of,text", [(21, 21, "samtliga regioner"), (20, 20, "samtliga regioner som svarade"), (17, 21, "de flesta regioner"),
                                       (10, 21, "knappt hälften av regionerna")])  # fmt: skip
def test_quantified_without_counts_for_headings(n, of, text):
    assert phrases.quantified(tally(n, of), counts=False) == text


def test_count_of_tally():
    assert phrases.count_of(tally(19)) == "19 av 21 regioner"
    assert phrases.count_of(tally(19, 20), noun="") == "19 av 20 som svarade"
    with pytest.raises(TypeError):
        phrases.count_of(q(19))


# ---- ranked options ---------------------------------------------------------------------------


A, B = SurveyOption("a", "A"), SurveyOption("b", "B")


def test_most_is_flest_samtliga_lika_många_or_ingen():
    assert wording.most(Ranking((Rank((A,), tally(18)), Rank((B,), tally(3))))) == "flest regioner, 18 av 21,"
    assert wording.most(Ranking((Rank((A,), tally(21)), Rank((B,), tally(3))))) == "samtliga 21 regioner"
    assert wording.most(Ranking((Rank((A,), tally(20, 20)), Rank((B,), tally(3, 20))))) == "samtliga 20 regioner som svarade"
    assert wording.most(Ranking((Rank((A, B), tally(19)),))) == "lika många regioner, 19 av 21,"
    assert wording.most(Ranking((Rank((A, B), tally(18)), Rank((SurveyOption("c", "C"),), tally(2))))) == "flest regioner, 18 av 21,"
    assert wording.most(Ranking((Rank((A, B), tally(0)),))) == "ingen region"


def test_count_of_zero_in_words():
    assert phrases.count_of(tally(0), zero="ingen region") == "ingen region"
    assert phrases.count_of(tally(3), zero="ingen region") == "3 av 21 regioner"


def test_options_named_together_in_lower_case():
    rank = Rank((SurveyOption("a", "Äldre"), SurveyOption("b", "Barn och unga")), tally(20))
    assert wording.options_named(rank) == "äldre och barn och unga"


# ---- regions since the base year --------------------------------------------------------------


def moves(lower, higher, same, total=21):
    return RegionMoves(2017, 2024, tally(lower, total, 21), tally(higher, total, 21), tally(same, total, 21))


@pytest.mark.parametrize(
    "lower,higher,same,text",
    [
        (15, 5, 1, "lägre i 15 av 21 län och högre i 5"),
        (5, 15, 1, "högre i 15 av 21 län och lägre i 5"),
        (10, 10, 1, "lägre i 10 av 21 län och högre i 10"),
        (21, 0, 0, "lägre i samtliga 21 län"),
        (0, 21, 0, "högre i samtliga 21 län"),
        (0, 0, 21, "oförändrad i samtliga 21 län"),
        (3, 0, 18, "lägre i 3 av 21 län och oförändrad i övriga"),
        (0, 1, 20, "högre i 1 av 21 län och oförändrad i övriga"),
    ],
)
def test_region_moves(lower, higher, same, text):
    assert wording.region_moves(moves(lower, higher, same)) == text


def test_region_moves_of_an_ett_word_and_fewer_regions():
    assert wording.region_moves(moves(0, 0, 20, total=20), neuter=True) == "oförändrat i samtliga 20 län"


# ---- regions named: ties, a handful, all alike ------------------------------------------------


def extremes(values: dict[str, float], missing=()):
    rvs = []
    for r in REGIONS:
        if r.code in values:
            p = Point(2024, "", q(values[r.code], "procent", 1, key=f"k/{r.code}"))
            rvs.append(RegionValue(r, None, p))
    lo, hi = min(values.values()), max(values.values())
    lowest = tuple(rv for rv in rvs if rv.latest.value == lo)
    highest = tuple(rv for rv in rvs if rv.latest.value == hi)
    miss = tuple(r for r in REGIONS if r.code in missing)
    return Extremes(2024, lowest, highest, lowest[0].latest.quantity, highest[0].latest.quantity, miss, "lower", len(rvs))


def test_spread_names_ties_together():
    e = extremes({"01": 5.8, "03": 5.8, "12": 11.8, "18": 9.0})
    assert phrases.spread(e) == f"från 5,8{NBSP}procent i Stockholms län och Uppsala län till 11,8{NBSP}procent i Skåne län"


def test_more_than_a_handful_of_names_are_counted():
    values = {r.code: 7.0 for r in REGIONS[:19]} | {REGIONS[19].code: 9.0, REGIONS[20].code: 9.5}
    e = extremes(values)
    assert phrases.spread(e) == f"från 7,0{NBSP}procent i 19 av 21 län till 9,5{NBSP}procent i Norrbottens län"
    assert phrases.extremes(e, form="region").startswith(f"Lägst är värdet i 19 av 21 regioner (7,0{NBSP}procent)")


def test_every_region_alike_is_said_plainly():
    e = extremes({r.code: 9.0 for r in REGIONS[:20]}, missing=("25",))
    assert e.all_equal
    assert phrases.extremes(e) == f"Värdet är detsamma i samtliga 20 län med uppgifter (9,0{NBSP}procent). Uppgift saknas för Norrbottens län."
    with pytest.raises(ValueError):
        phrases.spread(e)


def test_regions_differ_or_are_alike():
    assert wording.regions_differ(extremes({"01": 5.8, "12": 11.8})) == f"skilde sig mellan länen, från 5,8{NBSP}procent i Stockholms län till 11,8{NBSP}procent i Skåne län"
    alike = extremes({r.code: 9.0 for r in REGIONS})
    assert wording.regions_differ(alike) == f"var densamma i samtliga 21 län (9,0{NBSP}procent)"
    assert wording.regions_differ(alike, form="region", neuter=True) == f"var detsamma i samtliga 21 regioner (9,0{NBSP}procent)"


def test_no_sex_gap_says_nothing():
    assert phrases.sex_gap(None) == ""


def test_the_missing_value_note_is_one_phrase():
    assert phrases.missing_data(["Gotland"]) == "Uppgift saknas för Gotland."
    assert phrases.missing_data(["Stockholm", "Gotland"], "Uppgift saknas: hemsjukvården utförs av regionen.") == (
        "Uppgift saknas för Stockholm och Gotland: hemsjukvården utförs av regionen."
    )
    assert phrases.missing_data([]) == ""
