"""Chapter 4, Samverkan: its facts (analysis/chapters/samverkan.py) and the chapter they
compose to, on packages made for each case: ties at both ends, zero, all, a region that
did not answer, a question not asked this year or last year, a reversed direction, no
change, a missing year, every län alike."""

from __future__ import annotations

import pytest

from naravard.analysis.chapters import facts_name, samverkan
from naravard.review.check_templates import quantifier_problem
from tests.fixtures.builder import CODES, everyone, first
from tests.fixtures.chapter import chapter_text
from tests.fixtures.samverkan import ASSESS, DISCHARGE, HOME, package, ticked, yes_partly_no

NBSP = "\u00a0"

@pytest.fixture
def text(tmp_path):
    def compose(**kw) -> str:
        out = chapter_text(package(**kw), "04-samverkan", tmp_path)
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence  # no quantifier contradicts its count
        assert " 0 av " not in out and "21 av 21" not in out and "20 av 20" not in out
        return out

    return compose


def test_the_chapter_is_found_by_its_name():
    assert facts_name("04-samverkan") == "samverkan" and facts_name("bilaga1-metod") == "bilaga1_metod"


# ---- as in the sample -------------------------------------------------------------------------


def test_the_sample_case(text):
    t = text()
    assert "## Färre oplanerade återinskrivningar bland äldre sedan 2013" in t
    assert f"minskade från 10,0{NBSP}procent år 2013 till 8,9{NBSP}procent år 2024, vilket är en förbättring." in t
    assert "Andelen var i stort sett oförändrad det senaste året; år 2023 var den" in t
    assert "Jämfört med år 2017 var andelen lägre i 10 av 21 län och högre i 10." in t
    assert "### Samtliga regioner har helt eller delvis rutiner för stöd vid utskrivning från sjukhus" in t
    assert "Flest regioner, 18 av 21, har sådana rutiner för stöd vid utskrivning från sjukhus." in t
    assert "Färst har sådana rutiner för bedömning av behov av sjukhusvård medan patienten är kvar i hemmet: 9 av 21 regioner svarar ja, och 11 av 21 svarar delvis." in t
    assert "## Samverkan i fokus i utvecklingen av ambulanssjukvården" in t
    assert "Därefter kommer inre prehospital sjukvårdsledning (inre befäl), som 11 av 21 regioner har arbetat med." in t
    assert "Inre befäl är en funktion" in t
    assert "Det är färre än år 2023, då 17 av 21 regioner hade gjort det." in t


# ---- ties between answer options --------------------------------------------------------------


def test_ties_at_both_ends_are_named_together(text):
    t = text(
        routines={2024: {HOME: yes_partly_no(9, 10), ASSESS: yes_partly_no(9, 11), DISCHARGE: yes_partly_no(18, 3)}},
        ambulance={2024: {"samverkan": ticked(11), "prehospital_ledning": ticked(11), "ovriga": ticked(20)}},
    )
    assert "Färst har sådana rutiner för stöd för samverkan med syfte att ge fortsatt vård i hemmet eller i andra vårdformer och " \
           "bedömning av behov av sjukhusvård medan patienten är kvar i hemmet: 9 av 21 regioner svarar ja." in t  # fmt: skip
    assert "svarar delvis" not in t  # two places, two counts: not one number for both
    assert "De vanligaste typerna av insats för att utveckla ambulanssjukvården är samverkan mellan" in t
    assert "Lika många regioner, 11 av 21, beskriver insatser för samverkan mellan ambulanssjukvården och regional eller " \
           "kommunal hälso- och sjukvård och inre prehospital sjukvårdsledning (inre befäl)." in t  # fmt: skip
    assert "Därefter" not in t
    assert "## Insatser för att utveckla ambulanssjukvården" in t and "Samverkan i fokus" not in t
    assert "Övriga" not in t.split("## Insatser")[1].split("Figur")[0]  # "övriga insatser" is never the most common kind


def test_a_tie_at_the_top(text):
    t = text(routines={2024: {HOME: yes_partly_no(20, 1), ASSESS: yes_partly_no(9, 11), DISCHARGE: yes_partly_no(20, 0)}})
    assert "Flest regioner, 20 av 21, har sådana rutiner för stöd för samverkan med syfte att ge fortsatt vård i hemmet " \
           "eller i andra vårdformer och stöd vid utskrivning från sjukhus." in t  # fmt: skip


def test_every_area_alike(text):
    t = text(routines={2024: {o: yes_partly_no(19, 2) for o in (HOME, ASSESS, DISCHARGE)}})
    assert "Lika många regioner, 19 av 21, har sådana rutiner för stöd för samverkan" in t
    assert "har sådana rutiner" in t and "Flest regioner, 19" not in t and "Färst" not in t


# ---- zero, all, a region that did not answer --------------------------------------------------


def test_all_regions_have_every_routine(text):
    t = text(routines={2024: {o: yes_partly_no(21, 0) for o in (HOME, ASSESS, DISCHARGE)}})
    assert "Samtliga 21 regioner har sådana rutiner för stöd för samverkan med syfte att ge fortsatt vård i hemmet " \
           "eller i andra vårdformer, bedömning av behov av sjukhusvård medan patienten är kvar i hemmet och stöd vid " \
           "utskrivning från sjukhus." in t  # fmt: skip
    assert "Samtliga 21 regioner har rutiner inom alla områdena." in t
    assert "Samtliga 21 regioner har samverkansrutiner som täcker vart och ett av de områden" in t


def test_no_region_has_any_routine(text):
    t = text(routines={2024: {o: yes_partly_no(0, 10) for o in (HOME, ASSESS, DISCHARGE)}})
    assert "Ingen region har sådana rutiner för stöd för samverkan" in t and "Färst" not in t
    assert "### Rutiner för samverkan mellan huvudmän och vårdnivåer" in t


def test_the_least_common_area_with_no_region(text):
    t = text(routines={2024: {HOME: yes_partly_no(14, 5), ASSESS: yes_partly_no(0, 11), DISCHARGE: yes_partly_no(21, 0)}})
    assert "Färst har sådana rutiner för bedömning av behov av sjukhusvård medan patienten är kvar i hemmet: " \
           "ingen region svarar ja, och 11 av 21 svarar delvis." in t  # fmt: skip
    assert "Samtliga 21 regioner har sådana rutiner för stöd vid utskrivning från sjukhus." in t


def test_a_region_that_did_not_answer_is_not_counted_as_one_of_20_regions(text):
    missing = ("25",)
    t = text(
        routines={2024: {HOME: yes_partly_no(14, 5, missing), ASSESS: yes_partly_no(9, 11, missing), DISCHARGE: yes_partly_no(17, 3, missing)}},
        follow_ups={2023: {"": first(17, "Ja", "Nej")}, 2024: {"": everyone("Ja", missing=missing)}},
    )
    assert "### Samtliga regioner som svarade har helt eller delvis rutiner för stöd vid utskrivning från sjukhus" in t
    assert "Samtliga 20 regioner som svarade har under 2024 följt upp" in t
    assert "Flest regioner, 17 av 20 som svarade, har sådana rutiner" in t
    assert "Det är fler än år 2023" in t
    assert "Samtliga 20 regioner har" not in t


# ---- questions not asked ----------------------------------------------------------------------


def test_a_question_not_asked_this_year(text):
    t = text(routines={2023: {o: yes_partly_no(10, 5) for o in (HOME, ASSESS, DISCHARGE)}},
             follow_ups={2023: {"": first(17, "Ja", "Nej")}})  # fmt: skip
    assert "har sådana rutiner" not in t and "Implementerade rutiner" not in t and "samverkansrutiner" not in t
    assert "följt upp" not in t
    assert "## Samverkan i fokus i utvecklingen av ambulanssjukvården" in t  # the efforts were still asked


def test_a_question_not_asked_last_year(text):
    t = text(follow_ups={2024: {"": first(13, "Ja", "Nej")}})
    assert "har under 2024 följt upp eller utvärderat insatser" in t
    assert "året innan" not in t and "Det är" not in t


def test_as_many_as_last_year(text):
    assert "Det är lika många som år 2023, då 13 av 21 regioner hade gjort det." in text(
        follow_ups={2023: {"": first(13, "Ja", "Nej")}, 2024: {"": first(13, "Ja", "Nej")}}
    )


def test_no_region_describes_an_effort(text):
    t = text(ambulance={2024: {"samverkan": ticked(0), "prehospital_ledning": ticked(0), "ovriga": ticked(4)}})
    assert "Ingen region beskriver insatser för samverkan mellan ambulanssjukvården" in t
    assert "vanligaste typ" not in t and "Inre befäl är" not in t and "Därefter" not in t


# ---- the indicator: direction, no change, a missing year, every län alike ----------------------


def test_reversed_direction(text):
    t = text(national={2013: 8.0, 2017: 8.2, 2023: 8.5, 2024: 9.9}, regions={c: {2017: 8.0, 2024: 9.0 + i / 10} for i, c in enumerate(CODES)})
    assert "## Fler oplanerade återinskrivningar bland äldre sedan 2013" in t
    assert f"ökade från 8,0{NBSP}procent år 2013 till 9,9{NBSP}procent år 2024, vilket är en försämring." in t
    assert "Andelen ökade det senaste året" in t
    assert "var andelen högre i samtliga 21 län." in t


def test_no_change_and_no_year_before(text):
    t = text(national={2013: 9.0, 2017: 9.0, 2022: 9.1, 2024: 9.0})
    assert "## Lika många oplanerade återinskrivningar bland äldre sedan 2013" in t
    assert "vilket är" not in t and "det senaste året" not in t


def test_every_lan_alike(text):
    t = text(regions={c: {2017: 9.0, 2024: 9.0} for c in CODES})
    assert "Andelen skilde sig mellan länen" not in t
    assert f"Andelen var densamma i samtliga 21 län (9,0{NBSP}procent)." in t
    assert f"Värdet är detsamma i samtliga 21 län (9,0{NBSP}procent)." in t
    assert "var andelen år 2024 oförändrad i samtliga 21 län." in t


def test_more_than_a_handful_of_tied_lan_are_counted(text):
    t = text(regions={c: {2017: 9.0, 2024: 7.0 if i < 19 else 8.0 + i / 10} for i, c in enumerate(CODES)})
    assert f"från 7,0{NBSP}procent i 19 av 21 län till 10,0{NBSP}procent i Norrbottens län" in t


# ---- the facts themselves ----------------------------------------------------------------------


def test_facts_of_the_sample_case():
    f = samverkan.facts(package())
    assert [o.id for o in f.rutiner.flest.alternativ] == [DISCHARGE] and f.rutiner_färst_delvis.n == 11
    assert f.rutiner_alla_områden.n == 9 and [o.id for o in f.rutiner_helt_eller_delvis.alternativ] == [DISCHARGE]
    assert f.ambulans_samverkan_i_fokus and f.ambulans_nämnda_inre_befäl and f.har_ambulans
    assert (f.uppföljning.n, f.uppföljning_året_innan.n, f.året_innan) == (13, 17, 2023)


def test_inre_befäl_is_explained_only_when_named():
    f = samverkan.facts(package(ambulance={2024: {"samverkan": ticked(15), "prehospital_ledning": ticked(0), "ovriga": ticked(9)}}))
    assert not f.ambulans_nämnda_inre_befäl and f.ambulans.näst_flest is None


def test_no_area_without_nej_gives_the_neutral_heading():
    f = samverkan.facts(package(routines={2024: {o: yes_partly_no(18, 2) for o in (HOME, ASSESS, DISCHARGE)}}))
    assert f.rutiner_helt_eller_delvis is None


def test_nothing_asked_about_ambulance_care():
    f = samverkan.facts(package(follow_ups={2022: {"": first(3, "Ja", "Nej")}}, ambulance={2023: {"samverkan": ticked(3)}}))
    assert f.ambulans is None and f.uppföljning is None and not f.har_ambulans and f.ambulans_vanligast is None


# ---- the three län with the largest share (highest_regions) -------------------------------------


def readmissions(latest: dict[str, float | None], base: dict[str, float | None] | None = None) -> dict:
    """Every län at 8,0 (base year 2017) and 7,0 (2024) except those given."""
    base = base or {}
    return {c: {2017: base.get(c, 8.0), 2024: latest.get(c, 7.0)} for c in CODES}


def sentence(t: str) -> str:
    start = t.index("län med störst andel")
    return t[t.rindex(". ", 0, start) + 2 : t.index(" ::: {#fig", start)].replace(NBSP, " ")


def test_three_highest_lower_than_in_the_base_year(text):
    t = text(regions=readmissions({"12": 11.8, "24": 10.9, "08": 10.3}, {"12": 11.8, "24": 11.0, "08": 10.5}))
    assert sentence(t) == ("De tre län med störst andel år 2024 var Skåne, Västerbottens och Kalmar län. I dessa län var andelen "
                           "som mest 0,2 procentenheter lägre än år 2017; i riket var den 0,7 procentenheter lägre.")  # fmt: skip


def test_three_highest_unchanged(text):
    t = text(regions=readmissions({"12": 11.8, "24": 10.9, "08": 10.3}, {"12": 11.8, "24": 10.9, "08": 10.3}))
    assert "I dessa län var andelen densamma som år 2017; i riket var den 0,7 procentenheter lägre." in sentence(t)


def test_three_highest_higher_reversed(text):
    t = text(national={2013: 8.0, 2017: 8.2, 2024: 8.2}, regions=readmissions({"01": 9.0, "03": 9.5, "04": 10.0}))
    assert sentence(t) == ("De tre län med störst andel år 2024 var Södermanlands, Uppsala och Stockholms län. I dessa län var andelen "
                           "som mest 2,0 procentenheter högre än år 2017; i riket var den densamma.")  # fmt: skip


def test_three_highest_moved_both_ways(text):
    t = text(regions=readmissions({"12": 11.8, "24": 10.9, "08": 10.3}, {"12": 11.0, "24": 11.5, "08": 10.3}))
    assert "I dessa län var andelen lägre än år 2017 i Västerbottens län, högre i Skåne län och densamma i Kalmar län;" in sentence(t)
    t = text(regions=readmissions({"12": 11.8, "24": 10.9, "08": 10.3}, {"12": 11.0, "24": 11.5, "08": 10.0}))
    assert "var andelen lägre än år 2017 i Västerbottens län och högre i Skåne län och Kalmar län;" in sentence(t)


def test_a_tie_at_the_edge_widens_the_group(text):
    t = text(regions=readmissions({"12": 11.8, "24": 10.9, "08": 10.3, "09": 10.3}))
    assert sentence(t).startswith("De fyra län med störst andel år 2024 var Skåne, Västerbottens, Kalmar och Gotlands län.")
    f = samverkan.facts(package(regions=readmissions({"12": 11.8, "24": 10.9, "08": 10.3, "09": 10.3})))
    assert [r.code for r in f.högst_andel.regioner] == ["12", "24", "08", "09"] and f.högst_andel.antal == 4


def test_a_tie_too_wide_to_list_gives_no_sentence(text):
    five = readmissions({"12": 11.8, "24": 10.9, "08": 10.3, "09": 10.3, "10": 10.3})
    assert sentence(text(regions=five)).startswith("De fem län med störst andel år 2024 var")
    six = readmissions({"12": 11.8, "24": 10.9, "08": 10.3, "09": 10.3, "10": 10.3, "13": 10.3})
    assert "län med störst andel" not in text(regions=six)


def test_a_tie_at_the_top_stays_three(text):
    f = samverkan.facts(package(regions=readmissions({"12": 11.0, "24": 11.0, "08": 11.0})))
    assert [r.code for r in f.högst_andel.regioner] == ["08", "12", "24"]  # länskod order within the tie


def test_no_highest_when_every_lan_is_alike_or_too_few_have_values(text):
    assert "län med störst andel" not in text(regions={c: {2017: 9.0, 2024: 9.0} for c in CODES})
    for n in (0, 1, 3):  # a "top three" of three or fewer is every län with a value
        regions = {c: {2017: 9.0, 2024: (8.0 + i if i < n else None)} for i, c in enumerate(CODES)}
        t = text(regions=regions) if n else text(regions={c: {2017: 9.0, 2024: None} for c in CODES})
        assert "län med störst andel" not in t, n
    assert samverkan.facts(package(regions=readmissions({}, {}) | {"12": {2017: 9.0, 2024: 9.0}})).högst_andel is None
    # four with values: the three highest are named
    regions = {c: {2017: 9.0, 2024: (8.0 + i if i < 4 else None)} for i, c in enumerate(CODES)}
    assert sentence(text(regions=regions)).startswith("De tre län med störst andel år 2024 var Östergötlands, Södermanlands och Uppsala län.")


def test_a_lan_without_a_latest_value_is_not_ranked(text):
    t = text(regions=readmissions({"12": None, "24": 10.9, "08": 10.3, "09": 10.0}))
    assert sentence(t).startswith("De tre län med störst andel år 2024 var Västerbottens, Kalmar och Gotlands län.")


def test_a_lan_without_a_base_year_value_is_said_so(text):
    t = text(regions=readmissions({"12": 11.8, "24": 10.9, "08": 10.3}, {"12": None, "24": 11.0, "08": 10.5}))
    assert sentence(t) == ("De tre län med störst andel år 2024 var Skåne, Västerbottens och Kalmar län. För Skåne län saknas värde för år 2017. "
                           "I Västerbottens och Kalmar län var andelen som mest 0,2 procentenheter lägre än år 2017; "
                           "i riket var den 0,7 procentenheter lägre.")  # fmt: skip
    t = text(regions=readmissions({"12": 11.8, "24": 10.9, "08": 10.3}, {"12": None, "24": None, "08": None}))
    assert sentence(t) == "De tre län med störst andel år 2024 var Skåne, Västerbottens och Kalmar län. För Skåne, Västerbottens och Kalmar län saknas värde för år 2017."


def test_the_largest_change_is_traced():
    f = samverkan.facts(package(regions=readmissions({"12": 11.8, "24": 10.9, "08": 10.3}, {"12": 11.8, "24": 11.0, "08": 10.5})))
    h = f.högst_andel
    assert round(h.största_skillnad.value, 1) == -0.2 and h.största_skillnad.dims["area"] == "08"
    assert [r.code for r in h.lägre] == ["24", "08"] and [r.code for r in h.oförändrade] == ["12"] and h.riket_tecken == -1
