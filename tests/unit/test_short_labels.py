"""Survey options' short labels: read from the catalogue, used as the column
headers of Bilaga 3's wide tables (with the full text in a note), and the
column widths that keep region names whole."""

from pathlib import Path

import pandas as pd
import pytest

from naravard.analysis.survey import region_survey
from naravard.compose.blocks import markdown_table
from naravard.data.catalogue import _questions
from naravard.data.models import SurveyOption
from naravard.data.package import load_package
from naravard.tables.builders import CELL_PADDING, TABLE_CHARS, survey_question_table

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def package():
    return load_package(ROOT / "data" / "sample-2024", ROOT / "data" / "catalogue")


def _doc(**option):
    return {
        "question": [
            {
                "id": "18", "respondent": "region", "kind": "ticked", "chapter": "delaktighet", "text": "Ange …",
                "options": [{"id": "a", "label": "Har genomfört utbildningar riktade till personal", **option}],
            }
        ]
    }


# ---- the catalogue -----------------------------------------------------------------------


def test_short_label_falls_back_to_the_label():
    assert SurveyOption("a", "Barn och unga").heading == "Barn och unga"
    assert SurveyOption("a", "Personer med kroniska sjukdomar", "Kroniska sjukdomar").heading == "Kroniska sjukdomar"


def test_short_label_is_read():
    problems = []
    questions = _questions(_doc(short="Utbildning av personal"), {}, problems)
    assert not problems
    assert questions["18"].options[0].short == "Utbildning av personal"


@pytest.mark.parametrize("bad", [12, "  ", ["Utbildning"]])
def test_short_label_that_is_not_text_is_an_error(bad):
    problems = []
    questions = _questions(_doc(short=bad), {}, problems)
    assert "18" not in questions
    assert any(p.is_error and "short" in p.message for p in problems)


def test_long_short_label_is_a_warning():
    problems = []
    questions = _questions(_doc(short="Utbildningar och informationsinsatser"), {}, problems)
    assert "18" in questions
    assert [p.severity for p in problems] == ["warning"]


def test_sample_catalogue_short_labels_are_short(package):
    shorts = [o.short for q in package.catalogue.questions.values() for o in q.options if o.short]
    assert shorts and all(len(s) <= 27 for s in shorts)


# ---- Bilaga 3 tables ---------------------------------------------------------------------


def test_wide_table_uses_short_headers_and_keeps_the_full_text(package):
    spec = survey_question_table(region_survey(package, "18"))
    q = package.catalogue.questions["18"]
    assert list(spec.frame.columns) == ["Region"] + [o.heading for o in q.options]
    assert "Utbildning av personal" in spec.frame.columns
    text = " ".join(spec.notes)
    assert all(o.label in text for o in q.options if o.short)
    assert "Utbildning av personal = Har genomfört utbildningar och informationsinsatser riktade till personal" in spec.notes


def test_table_without_short_labels_is_unchanged(package):
    spec = survey_question_table(region_survey(package, "33"))
    q = package.catalogue.questions["33"]
    assert list(spec.frame.columns) == ["Region"] + [o.label for o in q.options]
    assert not any(n.startswith("Kolumnrubrikerna") for n in spec.notes)
    assert spec.widths is None  # two options: pandoc sizes the columns itself


@pytest.mark.parametrize("qid", ["8", "13", "15", "18", "19", "29b"])
def test_region_column_fits_the_longest_region_name(package, qid):
    spec = survey_question_table(region_survey(package, qid))
    assert spec.widths and len(spec.widths) == spec.frame.shape[1]
    longest = max(len(r.short_name) for r in package.catalogue.regions)
    assert spec.widths[0] / sum(spec.widths) >= (longest + CELL_PADDING) / TABLE_CHARS


# ---- markdown ------------------------------------------------------------------------------


def test_markdown_table_default_rule_is_unchanged():
    frame = pd.DataFrame({"Region": ["Riket"], "Svar": ["1/2"]})
    assert markdown_table(frame, ["l", "r"]).splitlines()[1] == "|:---|---:|"


def test_markdown_table_widths_set_the_dashes():
    frame = pd.DataFrame({"Region": ["Riket"], "A": ["1"], "B": ["2"]})
    rule = markdown_table(frame, ["l", "l", "r"], widths=[2, 1, 1]).splitlines()[1]
    cells = rule.strip("|").split("|")
    dashes = [c.count("-") for c in cells]
    assert dashes[0] == 2 * dashes[1] == 2 * dashes[2]
    assert len(rule) > 72  # longer than pandoc's line width: pandoc uses the proportions
    assert cells[2].endswith(":") and cells[0].startswith(":")
