"""The DOCX as Word users get it: styles, headings, alt text, properties;
and opened by LibreOffice as an office suite would."""

from __future__ import annotations

import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.conftest import need_program

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def docx_path(sample_build):
    return sample_build.outputs["docx"]


@pytest.fixture(scope="module")
def doc(docx_path):
    return Document(str(docx_path))


def test_swedish_named_styles(doc):
    names = {s.name for s in doc.styles}
    for name in ("Brödtext", "Bildtext", "Figurtext", "Källa", "Tabellrubrik", "Faktaruta"):
        assert name in names, name
    for level in (1, 2, 3):
        heading = doc.styles[f"Heading {level}"]
        aliases = heading.element.find(qn("w:aliases"))
        assert aliases is not None and aliases.get(qn("w:val")) == f"Rubrik {level}"


def test_headings_are_real_headings(doc):
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "Förord" in h1
    assert "Samverkan och samordning" in h1
    assert any(p.style.name == "Heading 2" for p in doc.paragraphs)


def test_every_picture_has_alt_text(doc, sample_build):
    pictures = list(doc.element.body.iter(qn("wp:docPr")))
    assert len(pictures) == sample_build.figures
    for pic in pictures:
        assert pic.get("descr", "").strip(), "picture without alt text"


def test_properties_language_footer_and_contents(doc):
    assert doc.core_properties.title == "Uppföljning av omställningen till en god och nära vård"
    assert doc.core_properties.language == "sv-SE"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "sv-SE"
    footer = doc.sections[0].footer
    xml = footer._element.xml
    assert "Uppföljning av omställningen" in xml and "PAGE" in xml
    toc = [el for el in doc.element.body.iter(qn("w:instrText")) if "TOC" in (el.text or "")]
    assert toc, "no table of contents field"


def test_figure_captions_use_report_styles(doc):
    styles = [p.style.name for p in doc.paragraphs]
    assert styles.count("Bildtext") >= 1 and styles.count("Källa") >= 1
    captions = [p.text for p in doc.paragraphs if p.style.name == "Bildtext"]
    assert all(c.startswith("Figur ") for c in captions)


def test_boxes_are_shaded_one_cell_tables_holding_their_lists(doc):
    boxes = [t for t in doc.tables if len(t.rows) == 1 and t.rows[0].cells[0].paragraphs[0].text == "Huvudsakliga resultat"]
    assert len(boxes) >= 7  # one per thematic chapter
    for box in boxes:
        cell = box.rows[0].cells[0]
        assert cell.paragraphs[0].style.name == "Faktarutans rubrik"
        shading = cell._tc.tcPr.find(qn("w:shd"))
        assert shading is not None and shading.get(qn("w:fill")) == "EEF3F8"
        bullets = [p for p in cell.paragraphs[1:] if p._p.pPr is not None and p._p.pPr.numPr is not None]
        assert bullets, "the results list belongs inside the box"


def test_data_table_cells_use_the_table_cell_style(doc):
    data_tables = [t for t in doc.tables if len(t.rows) > 1]
    assert data_tables
    for table in data_tables:
        styles = {p.style.name for row in table.rows for cell in row.cells for p in cell.paragraphs}
        assert styles == {"Tabellcell"}, styles


def test_libreoffice_opens_and_converts(docx_path, tmp_path):
    soffice = need_program("soffice", "libreoffice-writer")
    proc = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / (docx_path.stem + ".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 20_000
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(pdf) as converted:
        assert len(converted.pages) >= 5
