"""The building blocks of the chapter facts (naravard.analysis.facts) on small packages:
zero, one, all-but-one, all, ties at both ends, no change, a missing year, a question
not asked, a region that did not answer."""

from __future__ import annotations

import pytest

from naravard.analysis import facts as F
from naravard.analysis.indicators import indicator_result
from naravard.analysis.survey import region_survey
from tests.fixtures.builder import CODES, answers, build, everyone, first, indicator, question, series

ROUTINES = question("13")  # yes_partly_no: vard_i_hemmet, bedomning_sjukhusvard, utskrivning
FOLLOW_UPS = question("28")  # yes_no, asked 2023 and 2024
READMISSIONS = indicator("oplanerade_aterinskrivningar")  # lower is better


def survey(q, by_year):
    return region_survey(build(questions={q: answers(by_year)}), q.id)


# ---- Tally -----------------------------------------------------------------------------------


@pytest.mark.parametrize("n,all_,none_", [(0, False, True), (1, False, False), (20, False, False), (21, True, False)])
def test_tally_of_every_region(n, all_, none_):
    t = F.survey_tally(survey(FOLLOW_UPS, {2024: {"": first(n, "Ja", "Nej")}}))
    assert (t.n, t.svarande, t.totalt) == (n, 21, 21)
    assert (t.alla, t.ingen, t.alla_svarade, t.bortfall) == (all_, none_, True, 0)


def test_tally_with_a_region_that_did_not_answer():
    t = F.survey_tally(survey(FOLLOW_UPS, {2024: {"": everyone("Ja", missing=("25",))}}))
    assert (t.n, t.svarande, t.totalt, t.alla, t.alla_svarade, t.bortfall) == (20, 20, 21, True, False, 1)


def test_tally_of_a_year_the_question_was_not_asked_is_none():
    result = survey(FOLLOW_UPS, {2024: {"": everyone("Ja")}})
    assert F.survey_tally(result, year=2023) is None


def test_all_options_tally_counts_regions_with_the_answer_everywhere():
    by_option = {"vard_i_hemmet": first(10, "Ja", "Nej"), "bedomning_sjukhusvard": first(7, "Ja", "Delvis"),
                 "utskrivning": everyone("Ja")}  # fmt: skip
    t = F.all_options_tally(survey(ROUTINES, {2024: by_option}))
    assert (t.n, t.svarande) == (7, 21)


# ---- options ranked, ties kept -------------------------------------------------------------


def ranking(counts: dict[str, int], **kw):
    return F.rank_options(survey(ROUTINES, {2024: {opt: first(n, "Ja", "Nej") for opt, n in counts.items()}}), **kw)


def test_ranking_most_first():
    r = ranking({"vard_i_hemmet": 14, "bedomning_sjukhusvard": 9, "utskrivning": 18})
    assert [o.id for o in r.flest.alternativ] == ["utskrivning"] and r.flest.antal.n == 18
    assert [o.id for o in r.färst.alternativ] == ["bedomning_sjukhusvard"] and r.färst.antal.n == 9
    assert [o.id for o in r.näst_flest.alternativ] == ["vard_i_hemmet"]
    assert not (r.alla_lika or r.ingen or r.flest.delad)


def test_tie_at_the_top_shares_the_first_place_in_catalogue_order():
    r = ranking({"vard_i_hemmet": 20, "bedomning_sjukhusvard": 9, "utskrivning": 20})
    assert [o.id for o in r.flest.alternativ] == ["vard_i_hemmet", "utskrivning"] and r.flest.delad
    assert r.näst_flest is r.färst


def test_tie_at_the_bottom_shares_the_last_place():
    r = ranking({"vard_i_hemmet": 9, "bedomning_sjukhusvard": 9, "utskrivning": 18})
    assert [o.id for o in r.färst.alternativ] == ["vard_i_hemmet", "bedomning_sjukhusvard"] and r.färst.delad


def test_all_options_equal_is_one_place():
    r = ranking({"vard_i_hemmet": 5, "bedomning_sjukhusvard": 5, "utskrivning": 5})
    assert r.alla_lika and r.flest is r.färst and r.näst_flest is None


def test_nobody_chose_anything():
    r = ranking({"vard_i_hemmet": 0, "bedomning_sjukhusvard": 0, "utskrivning": 0})
    assert r.ingen and r.alla_lika


def test_second_place_with_no_region_is_not_a_place_to_name():
    r = ranking({"vard_i_hemmet": 3, "bedomning_sjukhusvard": 0, "utskrivning": 0})
    assert r.näst_flest is None and r.färst.antal.ingen


def test_leave_out_and_lookup():
    r = ranking({"vard_i_hemmet": 3, "bedomning_sjukhusvard": 2, "utskrivning": 21}, leave_out=("utskrivning",))
    assert [o.id for o in r.flest.alternativ] == ["vard_i_hemmet"]
    assert r.plats("bedomning_sjukhusvard") is r.färst
    with pytest.raises(KeyError):
        r.plats("utskrivning")


def test_ranking_of_a_question_not_asked_is_none():
    assert F.rank_options(survey(ROUTINES, {2023: {"utskrivning": everyone("Ja")}})) is None


# ---- comparisons year by year, region by region ----------------------------------------------


def points(values: dict[int, float | None]):
    result = indicator_result(build(indicators={READMISSIONS: series(values)}), READMISSIONS.id)
    return result.series()


def test_higher_every_year_and_its_opposite():
    a, b = points({2020: 9.0, 2021: 9.5, 2022: 9.9}), points({2020: 8.0, 2021: 8.9, 2022: 9.8})
    c = F.compare(F.by_year(a), F.by_year(b))
    assert c.alltid_högre and not c.alltid_lägre and c.jämförda == (2020, 2021, 2022)
    assert F.compare(F.by_year(b), F.by_year(a)).alltid_lägre


def test_comparison_is_made_as_printed():
    a, b = points({2020: 9.04, 2021: 9.5}), points({2020: 8.96, 2021: 8.9})  # 9,0 and 9,0 in 2020
    c = F.compare(F.by_year(a), F.by_year(b))
    assert c.lika == (2020,) and not c.alltid_högre


def test_a_missing_year_is_left_out_of_the_comparison():
    a, b = points({2020: 9.0, 2021: None, 2022: 9.9}), points({2020: 8.0, 2021: 9.9, 2022: 9.8})
    c = F.compare(F.by_year(a), F.by_year(b))
    assert c.jämförda == (2020, 2022) and c.alltid_högre


def test_nothing_to_compare_is_never_always():
    c = F.compare({}, {})
    assert not (c.alltid_högre or c.alltid_lägre or c.alltid_lika)


# ---- regions since the base year -------------------------------------------------------------


def moves(latest: dict[str, float], base: float = 9.0, direction_indicator=READMISSIONS):
    regions = {code: {2017: base, 2024: latest.get(code, base)} for code in CODES}
    pkg = build(indicators={direction_indicator: series({2017: 9.0, 2024: 8.9}, regions)})
    r = indicator_result(pkg, direction_indicator.id)
    return F.region_moves(r.region_changes(), direction_indicator.direction, 21)


def test_region_moves_count_lower_higher_and_unchanged():
    m = moves({**{c: 8.0 for c in CODES[:15]}, **{c: 10.0 for c in CODES[15:20]}})
    assert (m.lägre.n, m.högre.n, m.oförändrade.n, m.jämförda) == (15, 5, 1, 21)
    assert (m.från_år, m.till_år) == (2017, 2024)


def test_region_moves_are_direction_free():
    higher_is_better = READMISSIONS.__class__(**{**READMISSIONS.__dict__, "id": "x", "direction": "higher"})
    m = moves({c: 8.0 for c in CODES}, direction_indicator=higher_is_better)
    assert m.alla_lägre and m.högre.ingen


@pytest.mark.parametrize("latest,attr", [({c: 8.0 for c in CODES}, "alla_lägre"), ({c: 9.5 for c in CODES}, "alla_högre"), ({}, "alla_oförändrade")])
def test_region_moves_all_one_way(latest, attr):
    assert getattr(moves(latest), attr)


# ---- two options, and an indicator section ---------------------------------------------------


def test_overlap_splits_the_regions_that_answered_both():
    via = {**first(12, "Ja", "ej markerad")}
    other = {code: ("Ja" if 8 <= i < 15 else "ej markerad") for i, code in enumerate(CODES)}
    del other["25"]  # Norrbotten did not answer the second option
    result = region_survey(build(questions={question("34"): answers({2024: {"via_1177": via, "annat_satt": other}})}), "34")
    o = F.overlap(result, "via_1177", "annat_satt")
    assert (o.båda.n, o.bara_a.n, o.bara_b.n, o.ingen.n, o.båda.svarande) == (4, 8, 3, 5, 20)


def indicator_section(national, regions=None, sexes=None):
    return F.indicator_facts(indicator_result(build(indicators={READMISSIONS: series(national, regions, sexes)}), READMISSIONS.id))


def test_indicator_facts_of_a_full_series():
    f = indicator_section({2013: 10.0, 2023: 9.0, 2024: 8.9}, {c: {2017: 9.0, 2024: 8.0 + i / 100} for i, c in enumerate(CODES)},
                          {"kvinnor": {2013: 9.8, 2024: 8.85}, "män": {2013: 10.2, 2024: 8.95}})  # fmt: skip
    assert (f.från_år, f.till_år, f.år_före, f.förändring.direction) == (2013, 2024, 2023, "down")
    assert f.senaste_året.direction == "stable" and f.värde_året_före.value == 9.0
    assert f.könsskillnad.higher_every_year == "män"
    assert f.länen_skiljer_sig and f.lägst_högst.compared == 21 and f.sedan_basåret.alla_lägre


def test_indicator_facts_without_the_year_before_sexes_or_regions():
    f = indicator_section({2013: 10.0, 2022: 9.0, 2024: 8.9})
    assert f.senaste_året is None and f.år_före is None and f.värde_året_före is None
    assert f.könsskillnad is None and f.lägst_högst is None and f.sedan_basåret is None and not f.länen_skiljer_sig


def test_indicator_facts_no_change_and_every_region_alike():
    f = indicator_section({2017: 9.0, 2024: 9.0}, {c: {2017: 9.0, 2024: 9.0} for c in CODES})
    assert f.förändring.direction == "stable" and not f.länen_skiljer_sig and f.lägst_högst.all_equal
    assert f.sedan_basåret.alla_oförändrade


def test_indicator_facts_reversed_direction():
    f = indicator_section({2013: 8.0, 2023: 8.5, 2024: 9.9})
    assert f.förändring.direction == "up" and f.förändring.assessment == "worse" and f.senaste_året.direction == "up"
