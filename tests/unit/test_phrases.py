"""Swedish phrases built from results: each judgement must follow from the data."""

import re

import pytest

from naravard.analysis.indicators import Point, indicator_result, make_change, make_sex_gap
from naravard.analysis.quantity import Quantity
from naravard.text import phrases, units
from naravard.text.trace import collect
from tests.fixtures.mini import REGIONS, package

NBSP = "\u00a0"


def q(value, unit="procent", decimals=0, key="k"):
    return Quantity(value=value, unit=unit, decimals=decimals, key=key)


# ---- change ---------------------------------------------------------------------------------


def test_change_up_is_better_for_higher_direction():
    c = make_change(q(81), q(88), 2020, 2024, "higher")
    assert phrases.change(c) == f"ökade från 81{NBSP}procent år 2020 till 88{NBSP}procent år 2024"
    assert c.assessment == "better"
    assert phrases.assessment(c) == "en förbättring"


def test_change_down_is_better_for_lower_direction():
    c = make_change(q(10.0, decimals=1), q(8.9, decimals=1), 2013, 2024, "lower")
    assert phrases.change(c).startswith("minskade från 10,0")
    assert c.assessment == "better"
    assert phrases.change_size(c) == f"1,1{NBSP}procentenheter"


def test_change_below_threshold_is_stable():
    # 8,9 -> 9,0 is 1,1 % of the start value: below the 2 % threshold.
    c = make_change(q(8.9, decimals=1), q(9.0, decimals=1), 2023, 2024, "lower")
    assert c.direction == "stable" and c.assessment == "unchanged"
    assert phrases.change(c).startswith("var i stort sett oförändrad")


def test_change_is_judged_on_printed_values():
    # 8,94 and 8,86 both print as 8,9: the prose must not say "minskade".
    c = make_change(q(8.94, decimals=1), q(8.86, decimals=1), 2023, 2024, "lower")
    assert c.direction == "stable"
    assert c.difference.value == 0


def test_change_without_direction_has_no_assessment():
    c = make_change(q(5), q(7), 2020, 2024, None)
    assert c.assessment is None and phrases.assessment(c) == ""


def test_relative_change_for_rates():
    c = make_change(q(817, "per_100000_invanare"), q(562, "per_100000_invanare"), 2013, 2024, "lower")
    assert phrases.change_size(c) == f"31{NBSP}procent"


# ---- extremes -------------------------------------------------------------------------------


def test_extremes_low_and_high_in_county_form():
    r = indicator_result(package(), "oplanerade_aterinskrivningar")
    text = phrases.extremes(r.extremes())
    assert text == f"Lägst är värdet i Örebro län (5,8{NBSP}procent) och högst i Blekinge (11,8{NBSP}procent)."


def test_extremes_name_ties_together():
    values = {"01": (9.0, 9.0), "03": (9.0, 5.8), "09": (8.0, 7.0), "10": (10.5, 11.8), "18": (6.5, 5.8)}
    r = indicator_result(package(values), "oplanerade_aterinskrivningar")
    text = phrases.extremes(r.extremes())
    assert text.startswith(f"Lägst är värdet i Uppsala län och Örebro län (5,8{NBSP}procent) och högst")


def test_extremes_leave_out_missing_regions_and_say_so():
    values = {"01": (9.0, None), "03": (9.9, 9.5), "09": (8.0, 7.0), "10": (10.5, 11.8), "18": (6.5, 5.8)}
    r = indicator_result(package(values), "oplanerade_aterinskrivningar")
    e = r.extremes()
    assert [rv.region.short_name for rv in e.lowest] == ["Örebro"]
    assert phrases.extremes(e).endswith("Uppgift saknas för Stockholms län.")


def test_gotland_takes_pa():
    values = {"01": (9.0, 9.0), "03": (9.9, 9.5), "09": (8.0, 3.0), "10": (10.5, 11.8), "18": (6.5, 5.8)}
    r = indicator_result(package(values), "oplanerade_aterinskrivningar")
    assert "på Gotland (3,0" in phrases.extremes(r.extremes())


def test_regions_in_mixed_prepositions():
    gotland, blekinge = REGIONS[2], REGIONS[3]
    assert phrases.regions_in([blekinge, REGIONS[4]]) == "i Blekinge och Örebro län"
    assert phrases.regions_in([blekinge, gotland]) == "i Blekinge och på Gotland"


def test_region_name_forms():
    orebro = REGIONS[4]
    assert phrases.region_name(orebro, "county") == "Örebro län"
    assert phrases.region_name(orebro, "region") == "Region Örebro län"
    assert phrases.region_name(orebro, "short") == "Örebro"
    with pytest.raises(ValueError):
        phrases.region_name(orebro, "kommun")


# ---- counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "total", "word"),
    [
        (21, 21, "samtliga"),
        (20, 21, "nästan alla"),
        (19, 21, "nästan alla"),
        (18, 21, "de flesta"),
        (15, 21, "knappt tre fjärdedelar av"),
        (14, 21, "två tredjedelar av"),
        (13, 21, "en majoritet av"),
        (12, 21, "drygt hälften av"),
        (11, 21, "drygt hälften av"),
        (10, 21, "knappt hälften av"),
        (9, 21, "färre än hälften av"),
        (7, 21, "en tredjedel av"),
        (1, 21, "en av"),
        (3, 21, "ett fåtal av"),
        (0, 21, "ingen av"),
        (10, 20, "hälften av"),
    ],
)
def test_quantifier(n, total, word):
    assert phrases.quantifier(n, total) == word


@pytest.mark.parametrize("total", [3, 5, 10, 20, 21, 24, 290])
def test_every_chosen_quantifier_is_true(total):
    for n in range(total + 1):
        word = phrases.quantifier(n, total)
        assert phrases.quantifier_fits(word, n, total), (word, n, total)


def test_quantifier_fits_catches_contradictions():
    assert not phrases.quantifier_fits("samtliga", 20, 21)
    assert not phrases.quantifier_fits("hälften", 10, 21)
    assert not phrases.quantifier_fits("knappt hälften av", 11, 21)
    assert phrases.quantifier_fits("knappt hälften", 10, 21)
    assert not phrases.quantifier_fits("en tredjedel", 9, 21)


def test_quantified_phrases():
    assert phrases.quantified(19, 21) == "nästan alla regioner (19 av 21)"
    assert phrases.quantified(10, 21) == "knappt hälften av regionerna (10 av 21)"
    assert phrases.quantified(21, 21) == "samtliga 21 regioner"
    assert phrases.count_of(19, 21) == "19 av 21 regioner"
    with pytest.raises(ValueError):
        phrases.quantifier(22, 21)


# ---- sex gap --------------------------------------------------------------------------------


def pts(values, sex):
    return [Point(y, "", q(v, decimals=1, key=f"k/{y}/00/{sex}")) for y, v in values.items()]


def test_consistent_gap_says_konsekvent():
    g = make_sex_gap(pts({2013: 10.2, 2024: 9.0}, "män"), pts({2013: 9.8, 2024: 8.9}, "kvinnor"), ("män", "kvinnor"))
    text = phrases.sex_gap(g)
    assert "konsekvent varit högre bland män" in text
    assert text.endswith(f"skillnaden 0,1{NBSP}procentenheter.")


def test_gap_that_switches_is_not_konsekvent():
    g = make_sex_gap(pts({2013: 10.2, 2020: 9.0, 2024: 9.1}, "män"), pts({2013: 9.8, 2020: 9.3, 2024: 8.9}, "kvinnor"), ("män", "kvinnor"))
    text = phrases.sex_gap(g)
    assert "konsekvent" not in text
    assert "under 2 av 3 år" in text


def test_gap_for_rates_is_relative_and_correct():
    # The edition printed "23 procent fler (626 jämfört med 562)"; 626/562 is 11 per cent more.
    men = [Point(2024, "", q(626, "per_100000_invanare", key="k/2024/00/män"))]
    women = [Point(2024, "", q(562, "per_100000_invanare", key="k/2024/00/kvinnor"))]
    g = make_sex_gap(men, women, ("män", "kvinnor"))
    text = phrases.sex_gap(g)
    assert text.startswith("Antalet har konsekvent varit högre bland män än bland kvinnor")
    assert text.endswith(f"År 2024 var antalet 11{NBSP}procent högre för män än för kvinnor.")


def test_gap_equal_in_every_year_is_said_plainly():
    g = make_sex_gap(pts({2022: 88.0, 2023: 88.0, 2024: 88.0}, "män"), pts({2022: 88.0, 2023: 88.0, 2024: 88.0}, "kvinnor"), ("män", "kvinnor"))
    text = phrases.sex_gap(g)
    assert "inte skilt sig mellan män och kvinnor under hela perioden 2022\u20132024" in text
    assert "0 av" not in text and text.endswith("År 2024 var värdena lika för män och kvinnor.")


def test_gap_in_measurement_periods_says_matperioder():
    boys = [Point(y, "februari–mars", q(v, key=f"k/{y}/00/pojkar")) for y, v in {2022: 80, 2023: 83, 2024: 84, 2025: 71}.items()]
    girls = [Point(y, "februari–mars", q(v, key=f"k/{y}/00/flickor")) for y, v in {2022: 78, 2023: 84, 2024: 80, 2025: 70}.items()]
    text = phrases.sex_gap(make_sex_gap(boys, girls, ("pojkar", "flickor")))
    assert "bland pojkar under 3 av 4 mätperioder och bland flickor under 1 av 4 mätperioder" in text
    assert text.endswith(f"Under mätperioden februari–mars 2025 var skillnaden 1{NBSP}procentenhet.")
    assert " år" not in text.replace("år 20", "")


def test_gap_of_an_index_is_in_index_units_never_procent():
    men = [Point(2024, "", q(80.6, "index", 1, key="k/2024/00/män"))]
    women = [Point(2024, "", q(79.0, "index", 1, key="k/2024/00/kvinnor"))]
    text = phrases.sex_gap(make_sex_gap(men, women, ("män", "kvinnor")))
    assert text.startswith("Indexvärdet har konsekvent varit högre")
    assert text.endswith("År 2024 var indexvärdet 1,6 enheter högre för män än för kvinnor.")
    assert "procent" not in text


@pytest.mark.parametrize(
    "unit,subject",
    [
        ("procent", "Andelen"),
        ("index", "Indexvärdet"),
        ("antal", "Antalet"),
        ("per_100000_invanare", "Antalet"),
        ("per_100000_personar", "Antalet"),
        ("per_1000_invanare", "Antalet"),
        ("per_100_vardplatser", "Antalet"),
        ("kronor_per_invanare", "Kostnaden"),
        ("kronor", "Kostnaden"),
        ("miljoner", "Antalet"),
        ("miljoner_kronor", "Kostnaden"),
        ("timmar_per_vecka", "Tiden"),
        ("av_10", "Antalet"),
    ],
)
def test_the_sex_gaps_subject_follows_the_unit(unit, subject):
    men = [Point(y, "", q(v, unit, 1, key=f"k/{y}/00/män")) for y, v in {2023: 40.0, 2024: 44.0}.items()]
    women = [Point(y, "", q(v, unit, 1, key=f"k/{y}/00/kvinnor")) for y, v in {2023: 30.0, 2024: 40.0}.items()]
    text = phrases.sex_gap(make_sex_gap(men, women, ("män", "kvinnor")))
    assert text.startswith(f"{subject} har konsekvent varit högre bland män än bland kvinnor under båda åren 2023")
    for other in {"Andelen", "Antalet", "Kostnaden", "Indexvärdet", "Tiden", "Värdet"} - {subject}:
        assert not re.search(rf"\b{other}\b", text, re.IGNORECASE)


def test_the_sex_gaps_subject_takes_a_qualifier():
    men = [Point(2024, "", q(12.0, key="k/2024/00/män"))]
    women = [Point(2024, "", q(10.0, key="k/2024/00/kvinnor"))]
    text = phrases.sex_gap(make_sex_gap(men, women, ("män", "kvinnor")), qualifier="i ordinärt boende")
    assert text.startswith("Andelen i ordinärt boende har konsekvent varit högre bland män")


@pytest.mark.parametrize("unit,neuter", [("procent", False), ("index", True), ("antal", True), ("per_1000_invanare", True), ("kronor", False), ("timmar_per_vecka", False)])
def test_a_units_subject_knows_its_gender(unit, neuter):
    # The predicate agrees: "Antalet var i stort sett oförändrat", "Andelen var i stort sett oförändrad".
    assert units.unit(unit).subject_neuter is neuter


def test_stable_change_agrees_with_neuter_subjects():
    c = make_change(q(78.4, "index", 1), q(79.8, "index", 1), 2017, 2024, "higher")
    assert phrases.change(c, neuter=True).startswith("var i stort sett oförändrat (")
    assert phrases.change(c).startswith("var i stort sett oförändrad (")
    assert phrases.change_short(c, neuter=True) == "var i stort sett oförändrat"


# ---- tracing --------------------------------------------------------------------------------


def test_phrases_report_the_values_they_print():
    r = indicator_result(package(), "oplanerade_aterinskrivningar")
    with collect() as sink:
        phrases.change(r.change())
    assert [p.quantity.key for p in sink] == [
        "indikator/oplanerade_aterinskrivningar/2013/00/totalt",
        "indikator/oplanerade_aterinskrivningar/2024/00/totalt",
    ]
    assert sink[0].text == f"10,0{NBSP}procent"
