"""Area results of the sample package checked against its CSV files, read here on their own (csv module)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from naravard.analysis.areas import AreaResults
from naravard.compose.profile import compose_profile, stem
from naravard.project import Project
from naravard.text.areas import missing

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample-2024"


@pytest.fixture(scope="module")
def package():
    from naravard.data import load_package

    return load_package(SAMPLE, ROOT / "data" / "catalogue")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with (SAMPLE / "indicators.csv").open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def csv_value(rows, indicator, year, area, sex="totalt"):
    (row,) = [r for r in rows if r["indicator"] == indicator and r["year"] == str(year) and r["area"] == area and r["sex"] == sex]
    return row


@pytest.fixture(scope="module")
def regions(package):
    return AreaResults(package, "region")


@pytest.fixture(scope="module")
def kommuner(package):
    return AreaResults(package, "kommun")


def test_gotland_as_a_region_matches_the_csv(regions, rows):
    results = {a.indicator.id: a for a in regions.for_area("09")}
    assert "akutbesok_80" in results and "oplanerade_aterinskrivningar" in results
    for ind, a in results.items():
        row = csv_value(rows, ind, a.year, "09")
        if row["value"]:
            assert a.latest.value == pytest.approx(float(row["value"])), ind
            riket = csv_value(rows, ind, a.year, "00")
            assert a.riket.value == pytest.approx(float(riket["value"])), ind
        else:
            assert a.missing == row["missing"], ind


def test_gotland_as_a_kommun_matches_the_csv_and_its_lan_is_gotland(kommuner, rows):
    results = {a.indicator.id: a for a in kommuner.for_area("0980")}
    assert set(results) == {"akutbesok_80", "paverkbar_slutenvard_ordbo"}
    a = results["akutbesok_80"]
    assert a.latest.value == float(csv_value(rows, "akutbesok_80", 2024, "0980")["value"])
    assert a.area.county.code == "09" and a.county_rank is None and a.rank.of == 290
    assert a.county is None and a.versus_county is None  # the kommun is its län: no comparison with the region's row
    kommun_values = [float(r["value"]) for r in rows if r["indicator"] == "akutbesok_80" and r["year"] == "2024" and r["level"] == "kommun" and r["value"]]
    assert a.rank.position == 1 + sum(v < a.latest.value for v in kommun_values)  # lower is better


def test_a_region_with_a_missing_value_says_why_from_the_csv(regions, rows):
    (a,) = [a for a in regions.for_area("08") if a.indicator.id == "tillgodosett_vardbehov"]
    reason = csv_value(rows, "tillgodosett_vardbehov", 2024, "08")["missing"]
    assert reason and a.missing == reason
    assert missing(a) == f"Uppgift saknas för 2024. {reason}."
    assert a.older and a.latest.value == float(csv_value(rows, "tillgodosett_vardbehov", 2023, "08")["value"])


def test_best_and_worst_region_against_the_csv(regions, rows, package):
    ind = package.catalogue.indicators["oplanerade_aterinskrivningar"]
    year = max(int(r["year"]) for r in rows if r["indicator"] == ind.id and r["level"] == "region" and r["value"])
    values = {r["area"]: round(float(r["value"]), ind.decimals) for r in rows
              if r["indicator"] == ind.id and r["year"] == str(year) and r["level"] == "region" and r["value"]}
    best = min(values.values()) if ind.direction == "lower" else max(values.values())
    worst = max(values.values()) if ind.direction == "lower" else min(values.values())
    for code, v in values.items():
        (a,) = [a for a in regions.for_area(code) if a.indicator.id == ind.id]
        if v == best:
            assert a.rank.first
        if v == worst:
            assert a.rank.last and not a.rank.first


def test_a_kommun_where_the_measure_is_excluded_says_why(kommuner):
    (a,) = [a for a in kommuner.for_area("0114") if a.indicator.id == "paverkbar_slutenvard_ordbo"]
    assert not a.has_value and "Stockholms län" in missing(a)


def test_profiles_compose_with_names_from_the_area(regions, kommuner, tmp_path):
    project = Project(ROOT)
    composed, summary = compose_profile(regions, "09", project, tmp_path / "r")
    text = composed.chapters["index.qmd"]
    assert "Regionprofil: Region Gotland" in text and "### Akutbesök 80 år och äldre" in text
    assert summary.compared.value == summary.better.value + summary.worse.value + summary.same.value
    assert stem(regions.area("08"), 2024) == "region-08-region-kalmar-lan-2024"
    composed, _ = compose_profile(kommuner, "0114", project, tmp_path / "k")
    assert "Uppgift saknas för 2024. Den basala hemsjukvården i Stockholms län" in composed.chapters["index.qmd"]
