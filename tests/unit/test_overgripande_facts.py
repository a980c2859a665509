"""Chapter 2, Omställningens övergripande utveckling: its facts (analysis/chapters/overgripande.py), its
phrases (text/overview.py) and the chapter they compose to, case by case: zero, one, all-but-one and
all regions, ties at both ends (regions and answer options), no change, reversed directions, a year
missing, a question not asked the year before, a region that did not answer."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard.analysis.chapters import overgripande as og
from naravard.analysis.facts import Tally, rank_options
from naravard.analysis.indicators import indicator_result
from naravard.analysis.overview import summarise
from naravard.analysis.prevention import LatestStanding
from naravard.analysis.quantity import Quantity
from naravard.analysis.shares import rank_shares
from naravard.data.models import Period
from naravard.analysis.survey import municipality_shares, region_survey
from naravard.review.check_templates import quantifier_problem
from naravard.text import overview as words
from tests.fixtures.builder import CODES, answers, build, everyone, first, indicator, question, series, shares
from tests.fixtures.chapter import compose_chapter, prose
from tests.fixtures.overgripande import sample, with_answers, with_national, with_regions, with_shares, without_year

PANDEMIC = Period(dt.date(2020, 2, 1), dt.date(2022, 4, 1))  # the catalogue's [pandemic]

NBSP = "\u00a0"


def sp(text: str) -> str:
    """The text with no-break spaces (between a number and its unit) as plain spaces."""
    return text.replace(NBSP, " ")


def n(value: float, unit: str = "antal") -> Quantity:
    return Quantity(float(value), unit, 0, f"test/{value}")


def tally(k: int, of: int = 21, total: int = 21) -> Tally:
    return Tally(n(k), n(of), total)


def result(indicator_id: str, national: dict[int, float], regions=None, sexes=None):
    return indicator_result(build(indicators={indicator(indicator_id): series(national, regions, sexes)}), indicator_id)


# ---- "har minskat varje år (utom 2021)" ----------------------------------------------------------


@pytest.mark.parametrize(
    "national,expected",
    [
        ({2013: 817.0, 2019: 700.0, 2021: 710.0, 2024: 562.0}, "Med undantag för 2021 har värdet minskat varje år sedan 2013."),
        ({2013: 817.0, 2019: 700.0, 2024: 562.0}, "Värdet har minskat varje år sedan 2013."),
        ({2013: 500.0, 2019: 600.0, 2024: 700.0}, "Värdet har ökat varje år sedan 2013."),  # reversed direction
        ({2013: 817.0, 2019: 820.0, 2021: 830.0, 2024: 562.0}, ""),  # two years against the change: nothing
        ({2013: 817.0, 2019: 817.0, 2024: 817.0}, ""),  # no change
        ({2013: 817.0, 2024: 562.0}, ""),  # too few years to say "varje år"
        ({2013: 817.0, 2018: 817.0, 2024: 562.0}, "Med undantag för 2018 har värdet minskat varje år sedan 2013."),  # a flat year
    ],
)
def test_every_year_but_one(national, expected):
    assert words.every_year(og.every_year(result("paverkbar_slutenvard", national))) == expected


def test_the_first_years_sex_gap_and_none_without_a_difference():
    r = result("paverkbar_slutenvard", {2013: 817.0, 2024: 562.0}, sexes={"män": {2013: 960.0, 2024: 626.0}, "kvinnor": {2013: 700.0, 2024: 510.0}})
    year, gap, higher = og.first_gap(r)
    assert (year, round(gap.value), higher) == (2013, 37, "män")
    reversed_ = result("paverkbar_slutenvard", {2013: 817.0, 2024: 562.0}, sexes={"män": {2013: 700.0, 2024: 626.0}, "kvinnor": {2013: 960.0, 2024: 510.0}})
    assert og.first_gap(reversed_)[2] == "kvinnor"
    equal = result("paverkbar_slutenvard", {2013: 817.0, 2024: 562.0}, sexes={"män": {2013: 800.0, 2024: 626.0}, "kvinnor": {2013: 800.0, 2024: 510.0}})
    assert og.first_gap(equal) is None
    assert og.first_gap(result("paverkbar_slutenvard", {2013: 817.0, 2024: 562.0})) is None  # no sexes


# ---- the kommuner's efforts: the largest shares, ties kept -----------------------------------------


def kommun_shares(by_year):
    pkg = build(municipalities={question("k.insatser"): shares(by_year)})
    return municipality_shares(pkg, "k.insatser")


def test_the_largest_shares_keep_a_tie_at_the_edge():
    r = rank_shares(kommun_shares({2024: {"samverkan": 93.0, "halsoframjande": 88.0, "utskrivningsprocess": 78.0,
                                          "fasta_omsorgskontakter": 78.0, "sip": 60.0}}))  # fmt: skip
    top = og.top(r, 3)
    assert [len(p.alternativ) for p in top] == [1, 1, 2]  # four options: the third place is shared
    assert sp(words.shares_named(top)) == ("samverkansinsatser (93 procent), hälsofrämjande insatser (88 procent) samt "
                                       "utskrivningsprocessen och fasta omsorgskontakter (78 procent vardera)")  # fmt: skip
    assert og.top(r, 1) == top[:1] and og.top(None, 3) == ()
    every = {o.id: 40.0 for o in question("k.insatser").options[:8]}
    assert sp(words.shares_named(og.top(rank_shares(kommun_shares({2024: every})), 3))) == "8 av alternativen (40 procent vardera)"
    assert sp(words.shares_named(og.top(rank_shares(kommun_shares({2024: {"samverkan": 50.0}})), 3))) == "samverkansinsatser (50 procent)"


def test_the_largest_rise_and_fall_since_the_year_before():
    from naravard.analysis.overview import share_changes

    r = kommun_shares({2023: {"samverkan": 70.0, "sip": 40.0, "halsoframjande": 60.0}, 2024: {"samverkan": 75.0, "sip": 45.0, "halsoframjande": 50.0}})
    changes = share_changes(r, 2023, 2024)
    rise = og.largest(changes, rise=True)
    assert [c.option for c in rise] == ["samverkan", "sip"]  # a tie: +5 each
    assert sp(words.shares_moved(rise)) == ("samverkansinsatser (från 70 procent till 75 procent) och "
                                        "samordnad individuell plan (SIP) (från 40 procent till 45 procent)")  # fmt: skip
    assert sp(words.shares_moved(og.largest(changes, rise=False))) == "hälsofrämjande insatser, från 60 procent till 50 procent"
    flat = share_changes(kommun_shares({2023: {"samverkan": 70.0}, 2024: {"samverkan": 70.0}}), 2023, 2024)
    assert og.largest(flat, rise=True) == () and og.largest(flat, rise=False) == ()


# ---- costs ---------------------------------------------------------------------------------------


def test_lowest_since_says_something_only_when_the_year_before_was_higher():
    st = LatestStanding(year=2024, first_year=2013, lowest=False, highest=False, higher_since=2023, lower_since=2014)
    assert og.lowest_since(st) == 2014
    assert og.lowest_since(LatestStanding(2024, 2013, False, False, 2022, 2023)) is None  # rose after 2023: not "lägsta sedan 2023"
    assert og.lowest_since(LatestStanding(2024, 2013, True, False, 2023, None)) is None  # the lowest of all: said otherwise


@pytest.mark.parametrize(
    "national,expected",
    [
        ({2019: 7800.0, 2020: 7900.0, 2021: 8170.0, 2022: 8200.0, 2023: 8400.0, 2024: 8250.0}, (2020, 2021)),
        ({2019: 7800.0, 2020: 8100.0, 2021: 8150.0, 2022: 8450.0, 2024: 8250.0}, (2019, 2020)),  # a tie goes to the first
        ({2017: 7770.0, 2023: 7800.0, 2024: 8400.0}, None),  # the latest year: the text says so already
        ({2017: 8770.0, 2023: 8500.0, 2024: 8250.0}, None),  # no rise at all
    ],
)
def test_the_largest_yearly_rise(national, expected):
    rise = og.largest_rise(result("kostnad_primarvard_fasta", national))
    assert (rise and (rise.start_year, rise.end_year)) == expected or (rise is None and expected is None)


# ---- counts, ranks and themes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "k,of,noun,expected",
    [(0, 21, "län", "i ingen av de 21 länen"), (1, 21, "län", "i 1 av 21 län"), (20, 21, "län", "i 20 av 21 län"),
     (21, 21, "län", "i samtliga 21 län"), (8, 20, "regioner", "i 8 av 20 regioner"), (0, 20, "", "i ingen av dem"),
     (20, 20, "", "i samtliga 20")],
)  # fmt: skip
def test_in_count(k, of, noun, expected):
    assert words.in_count(n(k), n(of), noun) == expected


def test_the_places_after_the_first_and_a_place_no_region_chose():
    q = question("15")
    given = {2024: {"aldre": first(20, "Ja", "Nej"), "barn_unga": first(20, "Ja", "Nej"), "kroniska": first(19, "Ja", "Nej"),
                    "funktionsnedsattning": first(0, "Ja", "Nej")}}  # fmt: skip
    ranking = rank_options(region_survey(build(questions={q: answers(given)}), "15"))
    assert [len(p.alternativ) for p in ranking.platser] == [2, 1, 1]  # the tie at the top is one place
    assert words.later_places(ranking) == ("För personer med kroniska sjukdomar gäller det 19 av 21 regioner. "
                                           "För personer med funktionsnedsättning gäller det ingen av regionerna.")  # fmt: skip


def test_themes_by_first_nyckelord_split_as_figure_1():
    results = [result("paverkbar_slutenvard", {2013: 817.0, 2017: 700.0, 2024: 562.0}),  # Kontinuitet, better
               result("oplanerade_aterinskrivningar", {2013: 10.0, 2017: 9.0, 2024: 10.5}),  # Samordnad, worse
               result("fortroende_hs", {2017: 60.0, 2024: 60.0})]  # Tillgänglig, unchanged  # fmt: skip
    summary = summarise(results)
    cont = og.theme(results, summary, og.THEMES["kontinuitet"])
    assert [i.id for i in cont.indikatorer] == ["paverkbar_slutenvard", "oplanerade_aterinskrivningar"]
    assert cont.blandad and not (cont.alla_bättre or cont.alla_sämre)
    access = og.theme(results, summary, og.THEMES["tillgänglighet"])
    assert access.alla_oförändrade and not access.blandad
    empty = og.theme(results, summary, og.THEMES["delaktighet"])
    assert not empty and not empty.blandad  # no indicator: the chapter leaves the section out
    assert "påverkbar slutenvård vid kronisk sjukdom (" in sp(words.developments(cont.bättre))


@pytest.mark.parametrize("now,before,last", [(0, 16, True), (1, 16, True), (20, 16, True), (21, 21, True), (19, None, False)])
def test_projects_made_permanent(now, before, last):
    years = {2024: {"": first(now, "Ja", "Nej")}} | ({2023: {"": first(before, "Ja", "Nej")}} if before is not None else {})
    f = og.permanent(region_survey(build(questions={question("2"): answers(years)}), "2"))
    assert f.i_år.n == now and (f.året_innan is not None) == last
    assert f.år == ((2023, 2024) if last else (2024,))


def test_trust_highest_year_in_the_pandemic_and_a_smaller_rise():
    care = result("fortroende_hs", {2017: 60.0, 2020: 71.0, 2023: 61.0, 2024: 67.0})
    centres = result("fortroende_vc", {2017: 58.0, 2020: 65.0, 2023: 60.0, 2024: 63.0})
    f = og.trust(care, centres, PANDEMIC)
    assert f.högsta_året.year == 2020 and f.under_pandemin and f.mindre_ökning
    higher_now = og.trust(result("fortroende_hs", {2017: 60.0, 2019: 65.0, 2023: 61.0, 2024: 70.0}), centres, PANDEMIC)
    assert higher_now.högsta_året is None  # the latest year is the highest: nothing to say
    tie = og.trust(result("fortroende_hs", {2017: 60.0, 2019: 67.0, 2023: 61.0, 2024: 67.0}), centres, PANDEMIC)
    assert tie.högsta_året is None  # the same level again: "inte nått samma nivå" would be false
    before = og.trust(result("fortroende_hs", {2017: 60.0, 2019: 75.0, 2023: 61.0, 2024: 67.0}), centres, PANDEMIC)
    assert before.högsta_året.year == 2019 and not before.under_pandemin
    fell = og.trust(result("fortroende_hs", {2017: 60.0, 2023: 70.0, 2024: 67.0}), centres, PANDEMIC)
    assert not fell.mindre_ökning  # "alltså en mindre ökning" only after a rise of both


def test_the_pandemic_is_the_catalogue_s_period():
    # A highest year is named as in the pandemic by the period the catalogue gives, not by typed dates.
    care = result("fortroende_hs", {2017: 60.0, 2020: 71.0, 2023: 61.0, 2024: 67.0})
    centres = result("fortroende_vc", {2017: 58.0, 2020: 65.0, 2023: 60.0, 2024: 63.0})
    assert not og.trust(care, centres, Period(dt.date(2021, 3, 1), dt.date(2022, 6, 1))).under_pandemin
    assert not og.trust(care, centres, None).under_pandemin  # a catalogue without [pandemic]
    assert sample().catalogue.pandemic == PANDEMIC


# ---- the chapter as composed ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def text(tmp_path_factory):
    def compose(pkg=None) -> str:
        out = prose(compose_chapter(pkg or sample(), "02-overgripande", tmp_path_factory.mktemp("ch02")).chapters["02-overgripande.qmd"])
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence
        assert " 0 av " not in out and "21 av 21" not in out and ".." not in out and " ." not in out
        return sp(out)

    return compose


@pytest.fixture(scope="module")
def sample_text(text):
    return text()


def test_the_sample_case(sample_text):
    t = sample_text
    assert "Nästan alla regioner (20 av 21) har ändrat arbetssättet i primärvården för äldre personer med stora vård- och " \
           "omsorgsbehov samt barn och unga sedan omställningen började." in t  # fmt: skip  # the tie at the top, named together
    assert ("Störst andel kommuner har initierat eller förstärkt arbetet med samverkansinsatser (93 procent), hälsofrämjande "
            "insatser (88 procent) samt utskrivningsprocessen och fasta omsorgskontakter (78 procent vardera)") in t  # fmt: skip
    assert "och färst, 9 av 21 regioner, primärvården som nav och hälsofrämjande, förebyggande och rehabiliterande" in t
    assert "Med undantag för 2021 har värdet minskat varje år sedan 2013." in t
    assert "År 2013 var skillnaden 37 procent, med högre värden för män än för kvinnor." in t  # after "Antalet har …"
    assert "Jämfört med 2017 var värdet år 2024 lägre i samtliga 21 län." in t
    assert "Den största ökningen från ett år till nästa var den mellan 2020 och 2021, med 270 kronor per invånare." in t
    assert "Primärvårdens andel av regionernas hälso- och sjukvårdskostnader var 19,0 procent år 2024, den lägsta andelen sedan 2014." in t
    assert "Förbättringar för indikatorer som kräver kontinuitet och samordning" in t
    assert "Blandad utveckling för indikatorer som rör tillgänglighet" in t
    assert "Enligt en utvärdering hade 14 regioner etablerat verksamheter för En väg in år 2024" in t
    assert "Region Värmland har följt upp sina mobila resursteam" in t
    assert "Förtroendet var högst år 2020 (71 procent), under covid-19-pandemin, och har sedan dess inte nått samma nivå." in t
    assert "Kostnaderna för primärvården har ökat sedan 2017, men inte i förhållande till annan hälso- och sjukvård" in t
    assert "Lika många regioner har under 2024 följt upp" in t


def test_costs_that_fell_while_the_share_rose(text):
    pkg = with_national(sample(), "kostnad_primarvard_fasta", {2017: 8700.0, 2023: 8600.0, 2024: 8250.0})
    pkg = with_national(pkg, "andel_primarvard_regioner", {2017: 18.0, 2023: 19.2, 2024: 19.6})
    t = text(pkg)
    assert "Kostnaderna för primärvården har minskat sedan 2017, men inte i förhållande till annan hälso- och sjukvård" in t
    assert "i fasta priser minskade med 450 kronor per invånare mellan 2017 och 2024, och de minskade även det senaste året." in t
    assert "den lägsta andelen sedan" not in t and "men 2024 minskade de" not in t
    assert "Det senaste året ökade andelen med 0,4 procentenheter." in t


def test_every_region_answered_yes_and_none_did(text):
    pkg = with_answers(sample(), "2", 2024, everyone("Ja"))
    pkg = with_answers(pkg, "2", 2023, everyone("Nej"))
    pkg = with_regions(pkg, "tillgodosett_vardbehov", 2024, {c: 75.0 for c in CODES})  # every region took part
    t = text(pkg)
    assert "Samtliga regioner har breddinfört projektinsatser" in t
    assert "Samtliga 21 regioner anger att de har gjort det under 2024" in t
    assert "Det är fler än 2023, då ingen av regionerna angav" not in t and "då 0 av" not in t
    assert "deltog bara" not in t and "För regioner som inte deltog" not in t and "mindre underlag" not in t


def test_a_region_that_did_not_answer_and_a_question_not_asked_last_year(text):
    pkg = with_answers(sample(), "2", 2024, everyone("Ja", missing=("25",)))
    pkg = without_year(pkg, "2", 2023)
    t = text(pkg)
    assert "Samtliga 20 regioner som svarade anger att de har gjort det under 2024" in t
    assert "projektform, jämfört med" not in t and "Det är fler än" not in t and "Det är färre än" not in t


def test_reversed_directions_and_ties_between_options(text):
    pkg = with_national(sample(), "paverkbar_slutenvard", {2013: 500.0, 2023: 540.0, 2024: 562.0})
    pkg = with_national(pkg, "fortroende_hs", {2023: 70.0, 2024: 67.0})
    pkg = with_shares(pkg, "k.andrat_arbetssatt", 2024, {"aldre": 80.0, "barn_unga": 80.0, "kroniska": 80.0, "funktionsnedsattning": 80.0})
    t = text(pkg)
    assert "Fler inskrivningar på sjukhus som ofta kan förebyggas i primärvården" in t
    assert "Förtroendet för hälso- och sjukvården minskar" in t and "alltså en mindre ökning" not in t
    assert "Det senaste året ökade värdet med" in t
    assert "Bland kommunerna har störst andel, 80 procent, ändrat arbetssätt för äldre personer med stora vård- och " \
           "omsorgsbehov, personer med kroniska sjukdomar, barn och unga samt personer med funktionsnedsättning" in t  # fmt: skip
    assert "För de övriga målgrupperna" not in t  # every group shares the top place


# ---- distansmonitorering and fasta kontakter for chronic illness ----------------------------------------

CHRONIC = "### Distansmonitorering och fasta kontakter för personer med kroniska sjukdomar"


def without_options(pkg, question_id: str, *options: str):
    import dataclasses

    mun = pkg.survey_municipalities
    gone = (mun.question == question_id) & mun.option.isin(options)
    return dataclasses.replace(pkg, survey_municipalities=mun[~gone])


def without_examples(pkg, topic: str):
    import dataclasses

    return dataclasses.replace(pkg, examples=tuple(e for e in pkg.examples if e.topic != topic))


def test_chronic_illness_states_the_kommuner_shares(sample_text):
    section = sample_text.split(CHRONIC, 1)[1].split("###", 1)[0]
    assert "17 procent av kommunerna har initierat eller förstärkt arbetet med distans- eller egenmonitorering under 2024." in section
    assert "64 procent av kommunerna har initierat eller förstärkt arbetet med fasta vårdkontakter under året." in section
    assert "Nästan alla regioner (19 av 21) har ändrat arbetssätt för dem" in section


def test_chronic_illness_facts_follow_the_shares():
    pkg = with_shares(sample(), "k.insatser", 2024, {"distansmonitorering": 41.0, "fasta_vardkontakter": 0.0})
    f = og.facts(pkg)
    assert (f.distansmonitorering.value, f.fasta_vårdkontakter.value) == (41.0, 0.0)
    assert (f.ingen_distansmonitorering, f.ingen_fasta_vårdkontakter) == (False, True)
    f = og.facts(without_options(sample(), "k.insatser", "distansmonitorering"))
    assert f.distansmonitorering is None and f.fasta_vårdkontakter is not None


def test_chronic_illness_says_no_kommun_for_a_share_of_zero(text):
    pkg = with_shares(sample(), "k.insatser", 2024, {"distansmonitorering": 41.0, "fasta_vardkontakter": 0.0})
    t = " ".join(text(pkg).split())
    assert "Ingen av kommunerna har initierat eller förstärkt arbetet med fasta vårdkontakter under året." in t
    assert "41 procent av kommunerna har initierat eller förstärkt arbetet med distans- eller egenmonitorering" in t
    assert "0 procent av kommunerna" not in t


def test_chronic_illness_section_without_one_share_or_without_both(text):
    pkg = without_examples(sample(), "kroniska_sjukdomar")
    t = text(without_options(pkg, "k.insatser", "fasta_vardkontakter"))
    assert CHRONIC in t and "egenmonitorering" in t and "fasta vårdkontakter under året" not in t
    t = text(without_options(pkg, "k.insatser", "distansmonitorering", "fasta_vardkontakter"))
    assert CHRONIC not in t


def test_a_share_of_kommuner_is_none_only_when_exactly_zero():
    from naravard.analysis.quantity import Quantity
    from naravard.analysis.shares import none_share

    assert none_share(Quantity(0.0, "procent", 0, "k"))
    assert not none_share(Quantity(0.3, "procent", 0, "k"))  # prints "0 procent" but is some kommuner
    assert not none_share(Quantity(17.0, "procent", 0, "k"))
