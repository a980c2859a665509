"""Bilaga 2 and 3 in the built sample report: a fact box per kärnindikator with
the edition's labels, and a table per quantifiable question of the regions' survey."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from docx import Document

from naravard.compose.factbox import LABEL_KEYWORDS, LABEL_MEASURE, LABEL_SERVICES, LABEL_SOURCE
from naravard.data import load_package
from naravard.tables.builders import survey_table_title
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

LABELS = (LABEL_KEYWORDS, LABEL_MEASURE, LABEL_SERVICES, LABEL_SOURCE)


@pytest.fixture(scope="module")
def catalogue():
    """The catalogue as the sample's report reads it: its placeholders filled in for 2024."""
    return load_package(ROOT / "data" / "sample-2024", ROOT / "data" / "catalogue").catalogue


@pytest.fixture(scope="module")
def html(sample_build) -> str:
    return sample_build.outputs["html"].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(sample_build):
    return Document(str(sample_build.outputs["docx"]))


def text_of(fragment: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def published_questions(catalogue):
    return [q for q in catalogue.questions.values() if q.respondent == "region" and q.number]


def test_html_each_core_indicator_has_its_fact_box(html, catalogue):
    for ind in catalogue.core_indicators:
        start = html.find(f'id="karnindikator-{ind.id}"')
        assert start > 0, ind.id
        end = min(i for i in (html.find("<h3", start + 1), html.find("<h1", start + 1), len(html)) if i > 0)
        section = html[start:end]
        assert 'class="nv-box nv-box-fact"' in section, ind.id
        text = text_of(section)
        for label in LABELS:
            assert label in text, (ind.id, label)
        assert f"{LABEL_KEYWORDS} {', '.join(ind.keywords)}" in text, ind.id


def test_html_change_box_links_to_the_changed_indicator(html):
    assert re.search(r"<strong>Ändring sedan \d{4}</strong>", html)
    assert 'href="#karnindikator-delaktighet_index"' in html


def test_html_each_bilaga3_question_has_a_table(html, catalogue):
    captions = [text_of(c) for c in re.findall(r"<caption>(.*?)</caption>", html, flags=re.S)]
    for q in published_questions(catalogue):
        title = " ".join(survey_table_title(q).split())
        assert any(c == title for c in captions), q.id
    assert 'id="tabell-fraga-29b"' in html


def test_html_bilaga3_kommun_figure(html):
    assert "figurer/bilaga3-kommuner-insatser.csv" in html


def test_docx_fact_boxes_have_the_labels(doc, catalogue):
    # In document order, also the paragraphs inside tables: a box is a one-cell table in the DOCX.
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    every = (Paragraph(el, doc._body) for el in doc.element.body.iter(qn("w:p")))
    paragraphs = [(p.style.name if p.style is not None else "", p.text) for p in every]
    headings = [i for i, (style, _) in enumerate(paragraphs) if style.startswith("Heading")]
    for ind in catalogue.core_indicators:  # each an H4 under "Motivering av enskilda indikatorer i urvalet"
        at = next(i for i, (style, text) in enumerate(paragraphs) if style == "Heading 4" and text == ind.name)
        stop = next((h for h in headings if h > at), len(paragraphs))
        box = [text for style, text in paragraphs[at:stop] if style == "Faktaruta"]
        for label in LABELS:
            assert any(t.startswith(label) for t in box), (ind.id, label)


def test_docx_each_bilaga3_question_has_a_table(doc, catalogue):
    titles = {" ".join(p.text.split()) for p in doc.paragraphs if p.style.name == "Tabellrubrik"}
    for q in published_questions(catalogue):
        assert " ".join(survey_table_title(q).split()) in titles, q.id
    riket_rows = [t for t in doc.tables if len(t.rows) > 1 and t.rows[1].cells[0].text == "Riket"]
    assert len(riket_rows) == len(published_questions(catalogue))
