"""DOCX finishing: the fast style lookup names every paragraph's style as python-docx does."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from naravard.render.docx_post import _paragraphs, _style_names

REFERENCE = Path(__file__).resolve().parents[2] / "templates" / "docx" / "reference.docx"


def test_style_names_agree_with_python_docx_for_every_paragraph():
    doc = Document(str(REFERENCE))
    for style in ("Kolofon", "Bildtext", "Tabellrubrik", "Heading 1", "Heading 2", None):
        doc.add_paragraph("Text", style=style)
    doc.add_paragraph("Okänd stil")._p.style = "IngenSadanStil"  # an id no style has: the default, as in python-docx
    name = _style_names(doc)
    expected = [p.style.name if p.style is not None else None for p in doc.paragraphs]
    assert [name(p) for p in _paragraphs(doc)] == expected
    assert {"Kolofon", "Bildtext", "Heading 1"} <= set(expected)
