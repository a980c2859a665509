"""The rules that read numbers beside typed words, on single sentences (review/check_facts.py),
and the alignment that tells a fixed year from one that moved with the data."""

from __future__ import annotations

from naravard.data import load_package
from naravard.project import Project
from naravard.review.check_facts import all_of_fewer, direction_problems, only_problems, several_after_few, typed_fact_findings
from naravard.review.check_templates import split_template
from naravard.review.leftovers import unmoved_years
from tests.conftest import ROOT


def test_direction_words_against_from_and_to():
    assert direction_problems("Andelen ökade från 12,5 procent år 2020 till 9,0 procent år 2024.")
    assert direction_problems("Kostnaderna har minskat från 7 300 kronor till 7 900 kronor.")
    assert not direction_problems("Andelen minskade från 12,5 procent år 2020 till 9,0 procent år 2024.")
    assert not direction_problems("Andelen ökade från 2017 till 2024.")  # years, not values


def test_fler_or_farre_against_two_counts():
    assert direction_problems("Det är fler regioner (12 av 21) än året innan (14 av 21).")
    assert direction_problems("12 av 21 regioner, färre än 2024 då 9 av 21 hade det.")
    assert not direction_problems("Det är färre regioner (12 av 21) än året innan (14 av 21).")
    assert not direction_problems("Fler regioner (12 av 21) än kommuner (14 av 290).")  # different totals: no rule


def test_several_after_none_or_one():
    sentences = ["Ingen av regionerna (0 av 21) har gjort det.", "Flera regioner beskriver ändå sådant arbete."]
    assert [(i, w) for i, w, _ in several_after_few(sentences)] == [(1, "Flera")]
    assert not several_after_few(["Hälften (10 av 21) har gjort det.", "Flera regioner beskriver arbetet."])
    assert not several_after_few(["Flera regioner beskriver arbetet.", "En region (1 av 21) har gjort det."])


def test_a_fixed_year_stays_where_data_years_move():
    text = "Om 2024.\n| 2023 | 75 % |\n| 2024 | 77 % |\nUnder 2024 ökade andelen, som 2023 var 5.\nFast 2024 här."
    shifted = "Om 2025.\n| 2024 | 75 % |\n| 2025 | 77 % |\nUnder 2025 minskade andelen tydligt, som 2024 var 5.\nFast 2024 här."
    assert unmoved_years(text, shifted, {2023, 2024, 2025}) == [(2024, "Fast 2024 här.")]


def test_only_said_of_all():
    assert only_problems("År 2025 deltog bara 21 av 21 regioner i patientenkäten.")
    assert not only_problems("År 2025 deltog bara 10 av 21 regioner i patientenkäten.")


def test_all_of_fewer_regions_than_there_are():
    assert all_of_fewer("Samtliga 20 regioner har antagit riktlinjer.", 21)
    assert not all_of_fewer("Samtliga 20 regioner som svarade har antagit riktlinjer.", 21)
    assert not all_of_fewer("Samtliga 21 regioner har antagit riktlinjer.", 21)


def test_site_visits_and_the_pandemic_typed_are_facts_the_data_hold():
    package = load_package(ROOT / "data" / "sample-2024", Project(ROOT).catalogue_dir)
    visits, pandemic = package.method.site_visits, package.catalogue.pandemic
    typed = split_template(
        f"Under våren {visits.start.year} gjordes {visits.regions_n} verksamhetsbesök.\n"
        f"Pandemin varade från {pandemic.start.year} till {pandemic.end.year}.\n"
        "Ett annat år, 1999, och 7 verksamhetsbesök.\n"
    )
    found = [(f.line, f.message.split('"')[1]) for f in typed_fact_findings(package, {"x.qmd.j2": typed})]
    assert found == [
        (1, str(visits.start.year)),
        (1, f"{visits.regions_n} verksamhetsbesök"),
        (2, str(pandemic.start.year)),
        (2, str(pandemic.end.year)),
    ]
