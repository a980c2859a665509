"""The DOCX as Word users get it: styles, headings, alt text, properties;
and opened by LibreOffice as an office suite would."""

from __future__ import annotations

import re
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
    footer = doc.sections[-1].footer  # the report's pages (the cover's section has none)
    xml = footer._element.xml
    assert "Uppföljning av omställningen" in xml and "PAGE" in xml
    toc = [el for el in doc.element.body.iter(qn("w:instrText")) if "TOC" in (el.text or "")]
    assert toc, "no table of contents field"


def test_figure_captions_use_report_styles(doc):
    styles = [p.style.name for p in doc.paragraphs]
    assert styles.count("Bildtext") >= 1 and styles.count("Källa") >= 1
    captions = [p.text for p in doc.paragraphs if p.style.name == "Bildtext"]
    assert all(c.startswith("Figur ") for c in captions)


def test_boxes_are_paragraphs_that_draw_one_box_with_their_lists(doc):
    # No layout tables: the box styles carry the shading and the frame, and
    # every paragraph of a box (its list too) has the same left indent, so
    # Word and LibreOffice join them into one box.
    assert not [t for t in doc.tables if len(t.rows) == 1 and len(t.columns) == 1]
    box = doc.styles["Faktaruta"].element.pPr
    assert box.find(qn("w:pBdr")) is not None and box.find(qn("w:shd")).get(qn("w:fill")) == "EEF3F8"
    paragraphs = doc.paragraphs
    titles = [i for i, p in enumerate(paragraphs) if p.style.name == "Faktarutans rubrik" and p.text == "Huvudsakliga resultat"]
    assert len(titles) >= 7  # one per thematic chapter
    for i in titles:
        items = []
        for p in paragraphs[i + 1:]:
            if p.style.name not in ("Faktaruta", "Faktaruta punkt"):
                break
            items.append(p)
        bullets = [p for p in items if p.style.name == "Faktaruta punkt"]
        assert bullets and all(p._p.pPr.numPr is not None for p in bullets), "the results list belongs inside the box"
        lefts = {p._p.pPr.find(qn("w:ind")).get(qn("w:left")) for p in bullets}
        assert len(lefts) == 1


def test_the_cover_has_no_footer_and_the_report_has_one(doc):
    first, body = doc.sections[0], doc.sections[-1]
    assert len(doc.sections) == 2
    assert first._sectPr.find(qn("w:footerReference")) is None
    assert body._sectPr.find(qn("w:footerReference")) is not None
    assert doc.sections[0].start_type is not None


def test_captions_are_word_caption_fields(doc, sample_build):
    instr = [f.get(qn("w:instr")) for f in doc.element.body.iter(qn("w:fldSimple"))]
    figures = [i for i in instr if i.strip().startswith("SEQ Figur")]
    tables = [i for i in instr if i.strip().startswith("SEQ Tabell")]
    assert len(figures) == sample_build.figures
    numbered = [p for p in doc.paragraphs if p.style.name == "Tabellrubrik" and p.text.startswith("Tabell ")]
    assert len(tables) == len(numbered) >= 3
    # Word shows the field's result: the caption still reads "Figur 1. …"
    captions = ["".join(t.text or "" for t in p._p.iter(qn("w:t"))) for p in doc.paragraphs if p.style.name == "Bildtext"]
    assert [c.split(".")[0] for c in captions] == [f"Figur {n}" for n in range(1, sample_build.figures + 1)]


def test_every_table_marks_its_first_column_as_row_headers(doc):
    assert doc.tables
    for table in doc.tables:
        assert table._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstColumn")) == "1"


def test_the_house_font_is_used_and_embedded(doc, docx_path):
    import zipfile

    assert doc.styles["Brödtext"].font.name == "Source Sans 3"
    with zipfile.ZipFile(docx_path) as z:
        names = z.namelist()
        table = z.read("word/fontTable.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
    assert sum(n.endswith(".odttf") for n in names) == 4
    assert 'w:name="Source Sans 3"' in table and "w:embedRegular" in table and "w:embedBold" in table
    assert "<w:embedTrueTypeFonts/>" in settings


def test_app_properties_are_the_documents_own(docx_path):
    import zipfile

    with zipfile.ZipFile(docx_path) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    assert "<Application>naravard</Application>" in app and "<Company>Socialstyrelsen</Company>" in app
    assert "Uppföljning av omställningen till en god och nära vård" in app
    assert int(re.search(r"<Words>(\d+)</Words>", app).group(1)) > 10_000
    assert "Microsoft Word 12" not in app


def test_data_table_cells_use_the_table_cell_style(doc):
    data_tables = [t for t in doc.tables if len(t.rows) > 1]
    assert data_tables
    for table in data_tables:
        styles = {p.style.name for row in table.rows for cell in row.cells for p in cell.paragraphs}
        assert styles == {"Tabellcell"}, styles


@pytest.fixture(scope="module")
def libreoffice_pdf(docx_path, tmp_path_factory):
    """The DOCX as LibreOffice lays it out, converted once for the tests below."""
    soffice = need_program("soffice", "libreoffice-writer")
    tmp = tmp_path_factory.mktemp("lo")
    proc = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "pdf", "--outdir", str(tmp), str(docx_path)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return tmp / (docx_path.stem + ".pdf")


def test_libreoffice_opens_and_converts(libreoffice_pdf):
    pdf = libreoffice_pdf
    assert pdf.is_file() and pdf.stat().st_size > 20_000
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(pdf) as converted:
        assert len(converted.pages) >= 5


def test_libreoffice_shows_the_house_font_no_cover_footer_and_contents_with_pages(libreoffice_pdf, docx_path, doc):
    import zipfile

    pdffonts = need_program("pdffonts", "poppler-utils")
    fonts = subprocess.run([pdffonts, str(libreoffice_pdf)], capture_output=True, text=True).stdout
    assert "SourceSans3-Regular" in fonts and "SourceSans3-Bold" in fonts
    first_pages = subprocess.run(["pdftotext", "-f", "1", "-l", "2", "-layout", str(libreoffice_pdf), "-"], capture_output=True, text=True).stdout
    assert "Uppföljning av omställningen till en god och nära vård" not in [line.strip() for line in first_pages.splitlines()]
    # The contents carry page numbers (LibreOffice laid the document out during the build).
    toc = next(sdt for sdt in doc.element.body.iter(qn("w:sdt")) if sdt.find(".//" + qn("w:docPartGallery")) is not None)
    entries = ["".join(t.text for t in p.iter(qn("w:t"))) for p in toc.iter(qn("w:p"))]
    numbered = [e for e in entries if re.search(r"\d+$", e)]
    assert len(numbered) >= 40
    with zipfile.ZipFile(docx_path) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(libreoffice_pdf) as converted:
        assert f"<Pages>{len(converted.pages)}</Pages>" in app


def test_contents_pages_are_where_libreoffice_puts_the_headings_with_the_pictures(libreoffice_pdf, doc):
    """The build lays out a copy with one-pixel pictures (docx_pages._without_pictures, for speed):
    the contents' numbers must be the pages of the finished file, pictures and all."""
    from naravard.render.docx_pages import read_layout
    from naravard.render.docx_post import _headings

    toc = next(sdt for sdt in doc.element.body.iter(qn("w:sdt")) if sdt.find(".//" + qn("w:docPartGallery")) is not None)
    last_runs = [[t.text for t in p.iter(qn("w:t"))][-1:] for p in toc.iter(qn("w:p"))]  # the page is a run of its own
    printed = [int(run[0]) for run in last_runs if run and run[0].isdigit()]
    expected = read_layout(libreoffice_pdf).heading_pages(_headings(doc))
    assert expected is not None and len(printed) == len(expected) >= 40
    assert printed == expected
