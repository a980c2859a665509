"""Chapter 3, Styrning och ledning: its facts (analysis/chapters/styrning.py), the sentence on new
plans (text/plans.py) and the chapter they compose to, case by case: the sample, next year with and
without the earlier plan question, a question not asked this year, zero, one, all-but-one and all,
ties, more than a handful of regions, a region that did not answer, no deepening study."""

from __future__ import annotations

import pytest

from naravard.analysis.chapters import styrning
from naravard.review.check_templates import quantifier_problem
from naravard.text import plans as plan_text
from tests.fixtures.builder import CODES
from tests.fixtures.chapter import compose_chapter, prose
from tests.fixtures.styrning import LACKING, NO, PROPOSAL, YES, decided, had_plan, package, plan_example

NEXT = 2025


def facts(**kw) -> styrning.StyrningFacts:
    return styrning.facts(package(**kw))


@pytest.fixture
def text(tmp_path):
    def compose(**kw) -> str:
        composed = compose_chapter(package(**kw), "03-styrning", tmp_path)
        out = prose(composed.chapters["03-styrning.qmd"])
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence
        assert ".." not in out and "None" not in out
        return out

    return compose


# ---- the budget (Fråga 5, 6, 7) ---------------------------------------------------------------


@pytest.mark.parametrize("budget, more_common", [
    ((3, 9, 16), True),     # the sample: other efforts beat both budget decisions
    ((3, 16, 16), False),   # a tie with one of them is not "vanligare"
    ((0, 0, 0), False),     # nobody did anything
    ((21, 21, 20), False),  # reversed: the budget decisions are the common ones
    ((0, 1, 21), True),
])  # fmt: skip
def test_other_efforts_are_more_common_only_when_they_beat_each_budget_decision(budget, more_common):
    assert facts(budget=budget).budget.andra_vanligast is more_common


def test_a_budget_question_not_asked_leaves_the_comparison_out(text):
    f = facts(budget=(3, None, 16))
    assert not f.budget.komplett and f.budget.större_andel is None and len(f.budget.staplar) == 2
    t = text(budget=(3, None, 16))
    assert "budgeterade en större andel" not in t and "## Styrning av primärvården i regionerna" in t
    assert "### Många olika insatser för att effektivisera arbetssätten" in t


def test_the_budget_sentences_follow_the_counts(text):
    t = text()
    assert "Färre än hälften av regionerna (9 av 21) beslutade att budgetera en större andel" in t
    assert "primärvården 2024 än 2023." in t
    assert "### Färre än hälften av regionerna budgeterade en större andel till primärvården" in t
    assert "Vanligare är andra typer av insatser: de flesta regioner (16 av 21) har under året" in t
    t = text(budget=(21, 21, 5))
    assert "### Samtliga regioner budgeterade en större andel till primärvården" in t
    assert "Andra typer av insatser förekommer också:" in t and "Vanligare" not in t


# ---- länsgemensamma planer ----------------------------------------------------------------------


def test_the_sample_plans():
    p = facts().planer
    assert (p.basår, p.beslutsår, p.åren, p.år_innan) == (2023, (2024,), ("2023", "2024"), None)
    assert p.hade_plan.n == 18 and p.beslutade.n == 13 and p.alla_har_plan and p.två_år
    assert [r.code for r in p.saknade] == list(LACKING) == [r.code for r in p.nya]
    assert plan_text.new_plans(p) == ("De regioner som år 2023 saknade en beslutad plan, Region Värmland, Region Dalarna och "
                                      "Region Västernorrland, har alla beslutat om en plan under 2024. " + plan_text.OTHERS_HAD)  # fmt: skip


def test_next_year_with_the_earlier_answers_kept_runs_over_every_year():
    """2023 (a plan exists) -> 2024 -> 2025 (decided or updated): no year skipped."""
    p = facts(year=NEXT, plans={2024: decided(2), 2025: decided(13)}).planer
    assert p.basår == 2023 and p.beslutsår == (2024, 2025) and p.åren == ("2023", "2024", "2025")
    assert p.år_innan == 2024 and p.beslutade_året_innan.n == 2 and p.beslutade.n == 13
    assert p.alla_har_plan and not p.ett_beslutsår and not p.två_år
    assert "har alla beslutat om en plan sedan dess." in plan_text.new_plans(p)


def test_a_region_that_decided_in_the_year_between_counts_as_covered():
    plans = {2024: {c: (YES if c == "17" else NO) for c in CODES}, 2025: {c: (YES if c in ("20", "22") else NO) for c in CODES}}
    p = facts(year=NEXT, plans=plans).planer
    assert p.alla_har_plan and [r.code for r in p.nya] == list(LACKING)


def test_next_year_without_the_earlier_question_shows_the_decisions_alone():
    p = facts(year=NEXT, exists={}, plans={2024: decided(13), 2025: decided(15)}).planer
    assert p.basår is None and p.hade_plan is None and p.beslutsår == (2024, 2025) and p.åren == ("2024", "2025")
    assert p.år_innan == 2024 and not p.alla_har_plan and not p.saknade
    assert plan_text.new_plans(p) == ""


def test_the_plan_question_not_asked_this_year_leaves_the_section_out(text):
    assert facts(year=NEXT, plans={2024: decided(13)}).planer is None
    t = text(year=NEXT, plans={2024: decided(13)}, budget=(3, 9, 16))
    assert "länsgemensam plan" not in t and "Länsgemensamma planer" not in t
    assert "## De regionala samverkans- och stödstrukturerna" in t


@pytest.mark.parametrize("lacking, new, sentence", [
    (("17",), ("17",), "Den region som år 2023 saknade en beslutad plan, Region Värmland, har beslutat om en plan under 2024. "
                       + plan_text.OTHERS_HAD),
    (("17",), (), "Den region som år 2023 saknade en beslutad plan, Region Värmland, har inte beslutat om någon plan under 2024."),
    (LACKING, (), "Ingen av de tre regioner som år 2023 saknade en beslutad plan (Region Värmland, Region Dalarna och "
                  "Region Västernorrland) har beslutat om en plan under 2024."),
    (LACKING, ("20",), "Av de tre regioner som år 2023 saknade en beslutad plan (Region Värmland, Region Dalarna och "
                       "Region Västernorrland) har Region Dalarna beslutat om en plan under 2024."),
    (CODES[:8], CODES[:8], "Samtliga åtta regioner som år 2023 saknade en beslutad plan har beslutat om en plan under 2024. "
                           + plan_text.OTHERS_HAD),
    (CODES[:20], CODES[:7], "Av de 20 regioner som år 2023 saknade en beslutad plan har sju av dem beslutat om en plan under 2024."),
    ((), (), "Samtliga regioner hade en plan redan år 2023."),
])  # fmt: skip
def test_the_sentence_on_new_plans(lacking, new, sentence):
    plans = {2024: {c: (YES if c in new else NO) for c in CODES}}
    p = facts(exists={2023: had_plan(lacking)}, plans=plans).planer
    assert plan_text.new_plans(p) == sentence
    assert p.alla_har_plan is (len(new) == len(lacking))


def test_no_plan_anywhere_says_nothing_about_plans_that_existed():
    p = facts(exists={2023: had_plan(CODES)}, plans={2024: decided(0)}).planer
    assert p.hade_plan.ingen and not p.nya and not p.alla_har_plan
    assert plan_text.new_plans(p) == "Ingen av de 21 regioner som år 2023 saknade en beslutad plan har beslutat om en plan under 2024."


def test_a_region_that_did_not_answer_about_its_plan_is_not_counted_as_covered():
    exists = {c: a for c, a in had_plan(()).items() if c != "25"}  # Norrbotten did not answer in 2023
    p = facts(exists={2023: exists}, plans={2024: decided(13)}).planer
    assert not p.alla_har_plan and p.hade_plan.svarande == 20
    assert plan_text.new_plans(p) == "Samtliga 20 regioner som svarade hade en plan redan år 2023."


def test_the_plans_compose_for_the_sample(text):
    t = text()
    assert "## Samtliga regioner har nu en länsgemensam plan" in t
    assert "År 2023 hade de flesta regioner (18 av 21) en länsgemensam plan." in t
    assert "Under 2024 har 13 av 21 regioner tillsammans med kommunerna i länet beslutat om eller uppdaterat" in t
    assert "Frågan ställdes olika de två åren. I enkäten om 2023 gällde den om det fanns en länsgemensam plan." in t
    assert "Räknat med de planer som fanns redan 2023 har nu samtliga regioner en sådan plan." in t


def test_the_plans_compose_for_next_year_over_three_years(tmp_path):
    composed = compose_chapter(package(year=NEXT, plans={2024: decided(2), 2025: decided(13)}), "03-styrning", tmp_path)
    markdown = composed.chapters["03-styrning.qmd"]
    t = prose(markdown)
    assert "Länsgemensamma planer för omställningen, 2023, 2024 och 2025" in markdown
    assert "Under 2024 beslutade eller uppdaterade 2 av 21 regioner en sådan plan tillsammans med kommunerna." in t
    assert "Under 2025 har 13 av 21 regioner tillsammans med kommunerna" in t
    assert "Frågan har ställts olika. I enkäten om 2023 gällde den om det fanns en länsgemensam plan. I enkäten om 2024 och 2025" in t
    assert "har alla beslutat om en plan sedan dess." in t and "primärvården 2025 än 2024." in t


def test_zero_everywhere_reads_as_zero(text):
    t = text(plans={2024: decided(0)}, budget=(0, 0, 0), staff=0, municipal=0.0)
    assert "## Länsgemensamma planer för omställningen" in t and "Samtliga regioner har nu" not in t
    assert "Under 2024 beslutade eller uppdaterade ingen av regionerna (0 av 21) en länsgemensam plan" in t
    assert "Under 2024 har ingen region tillsammans med kommunerna i länet beslutat om" in t
    assert "fanns i ingen region." in t and "budgeterades i ingen region." in t
    assert "Andra typer av insatser saknas: ingen av regionerna (0 av 21) har under året" in t and "förekommer också" not in t
    assert "Ingen av regionerna (0 av 21) har under 2024 följt upp" in t and "sjukfrånvaron" not in t
    assert "Räknat med de planer" not in t


def test_all_and_a_region_that_did_not_answer(text):
    t = text(budget=(21, 21, 21), staff=20, plans={2024: {c: YES for c in CODES if c != "25"}})
    assert "Samtliga 21 regioner beslutade att budgetera en större andel" in t
    assert "Andra typer av insatser förekommer också: samtliga 21 regioner har under året" in t
    assert "Under 2024 beslutade eller uppdaterade samtliga 20 regioner som svarade en länsgemensam plan" in t
    assert "Under 2024 har 20 av 20 regioner som svarade tillsammans med kommunerna" in t
    assert "Nästan alla regioner (20 av 21) har under 2024 följt upp" in t


# ---- staff, examples and the deepening study ------------------------------------------------------


def test_the_staff_follow_up_follows_the_counts(text):
    t = text(staff=20, municipal=100.0)
    assert "Nästan alla regioner (20 av 21) har under 2024 följt upp eller utvärderat" in t
    t = text(staff=None, municipal=None)
    assert "### Uppföljning av insatserna" not in t and "följt upp insatser" not in t


def test_the_study_and_its_plans(text):
    t = text(examples=(plan_example("21"),))
    assert "## Lärande från tre län" in t and "Gävleborgs, Östergötlands och Skåne län" in t
    assert "Studien bygger på 29 intervjuer" in t
    assert "### Exempel på planer från fördjupningsstudien" in t and "Här beskrivs en av dem." in t
    t = text(examples=(plan_example("21"), plan_example("05")))
    assert "Här beskrivs två av dem." in t
    t = text(study=False, examples=(plan_example("21"),))
    assert "Lärande från" not in t and "fördjupad studie" not in t and "Exempel på planer" not in t
    assert not facts(study=False).planexempel
