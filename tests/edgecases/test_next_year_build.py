"""Next year's report built in full (HTML, PDF, DOCX) from a package made with
`naravard new-edition` and filled with a year of perturbed data: the files are named for
the new publication year and nothing in them is the previous edition's."""

from __future__ import annotations

import json
import re

import pytest

from naravard.pipeline import BuildOptions, run_build
from tests.conftest import copy_project
from tests.e2e.html_text import visible_text
from tests.edgecases.packages import make

pytestmark = pytest.mark.e2e

STEM = "uppfoljning-av-omstallningen-till-en-god-och-nara-vard"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("next-year-build")
    project = copy_project(tmp / "project")
    package = make("next-year-perturbed", tmp / "2025")
    result = run_build(BuildOptions(project_dir=project, data_dir=package, out_dir=tmp / "out", engine="builtin"))
    return result


def test_files_are_named_for_the_new_publication_year(built):
    assert sorted(p.name for p in built.outputs.values()) == [f"{STEM}-2026.{ext}" for ext in ("docx", "html", "pdf")]
    figures = [p.name for p in (built.out_dir / "figurer").iterdir()]
    assert figures and not [n for n in figures if re.search(r"2024|2025", n)]


def test_the_title_page_and_the_text_are_the_new_editions(built):
    page = (built.out_dir / f"{STEM}-2026.html").read_text(encoding="utf-8")
    text = visible_text(page, figure_data=True)
    assert "Delredovisning 2026" in text and "Delredovisning 2025" not in text
    assert "tredje delredovisningen" in text and "andra delredovisningen" not in text
    assert "Från och med den här uppföljningen" not in text
    assert "har under 2025 breddinfört" in text  # this year's answers, named with this year


def test_printed_values_come_from_this_year_and_the_one_before(built):
    values = json.loads((built.out_dir / "values.json").read_text(encoding="utf-8"))
    items = values["values"] if isinstance(values, dict) and "values" in values else values
    survey_years = {int(v["dims"]["year"]) for v in items if str(v.get("key", "")).startswith("enkät/") and v.get("dims", {}).get("year")}
    assert max(survey_years) == 2025 and min(survey_years) >= 2024
