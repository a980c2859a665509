"""Chapter 1 (Socialstyrelsens uppdrag) and Bilaga 1 (Metod) in the built sample report."""

from __future__ import annotations

import json

import pytest

from naravard.analysis.method import MethodResults
from naravard.data import load_package
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def report_md(sample_build):
    """The generated markdown of the two chapters (the session build keeps its sources)."""
    report = sample_build.sources
    return (report / "01-uppdrag.qmd").read_text(encoding="utf-8"), (report / "bilaga1-metod.qmd").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def values(sample_build):
    manifest = json.loads((sample_build.out_dir / "values.json").read_text(encoding="utf-8"))
    return {v["key"]: v for v in manifest["values"]}


def test_the_response_rates_are_printed_from_method_toml(values):
    method = MethodResults(load_package(ROOT / "data" / "sample-2024").method)
    for key, rate in (("metod/regioner/svarsfrekvens", method.regioner.rate), ("metod/extrafraga/svarsfrekvens", method.extra_question.rate)):
        assert values[key]["value"] == pytest.approx(rate.value)
        assert values[key]["sources"] == [{"file": "method.toml", "row": 0}]


def test_the_chapters_have_their_sections_and_no_placeholders(report_md):
    uppdrag, metod = report_md
    for heading in ("# Socialstyrelsens uppdrag", "## Uppdragsbeskrivning", "### Metod och genomförande", "::: {#tbl-karnindikatorer .nv-table}"):
        assert heading in uppdrag
    for heading in ("# Bilaga 1. Metod", "#### Svarsfrekvens", "### Tillförlitlighet", "## Om länsdiagram, jämförelser och konfidensintervall"):
        assert heading in metod
    assert "webbenkät x" not in metod and "{{" not in metod and "{{" not in uppdrag
