"""Finishing the DOCX for the people who open it in Word.

Pandoc's DOCX is close; this step sets what pandoc leaves open: the
document's title, author and language in its properties, the title in the
footer, table header rows that repeat and read as headers, a table of
contents that Word and LibreOffice update on opening (pre-filled so it is
never empty), fixed dates and a deterministic zip.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from naravard.render.reference_docx import set_lang
from naravard.render.zipfix import normalise_zip
from naravard.text import escape

TITLE_PLACEHOLDER = "Rapportens titel"


BOX_STYLES = ("Faktaruta", "Faktarutans rubrik")
BOX_FILL, BOX_EDGE, BOX_LINE = "EEF3F8", "12436D", "C9D6E3"


def _is_box(table) -> bool:
    """A box ("Huvudsakliga resultat", fact boxes) is a one-cell table of box paragraphs."""
    if len(table.rows) != 1 or len(table.columns) != 1:
        return False
    paragraphs = table.rows[0].cells[0].paragraphs
    return bool(paragraphs) and paragraphs[0].style is not None and paragraphs[0].style.name in BOX_STYLES


def _set(parent, tag: str, **attrs) -> OxmlElement:
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def _frame_boxes(doc) -> None:
    """Shade and frame the box tables like the PDF's boxes: full width, a navy edge on the left."""
    for table in doc.tables:
        if not _is_box(table):
            continue
        tbl_pr = table._tbl.tblPr
        _set(tbl_pr, "w:tblW", w="5000", type="pct")
        look = _set(tbl_pr, "w:tblLook", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")
        look.attrib.pop(qn("w:val"), None)
        borders = tbl_pr.find(qn("w:tblBorders"))
        if borders is not None:
            tbl_pr.remove(borders)
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), "24" if side == "left" else "4")
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), BOX_EDGE if side == "left" else BOX_LINE)
            borders.append(edge)
        tbl_pr.append(borders)
        margins = _set(tbl_pr, "w:tblCellMar")
        for side, width in (("top", "100"), ("left", "170"), ("bottom", "60"), ("right", "170")):
            _set(margins, f"w:{side}", w=width, type="dxa")
        cell = table.rows[0].cells[0]._tc
        _set(cell.get_or_add_tcPr(), "w:shd", val="clear", color="auto", fill=BOX_FILL)


CELL_STYLE = "Tabellcell"


def _cell_text_style(doc) -> None:
    """Data tables' cells in the small "Tabellcell" style (pandoc gives them body text)."""
    style = doc.styles[CELL_STYLE]
    for table in doc.tables:
        if _is_box(table):
            continue
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.style = style


def _header_rows(doc) -> None:
    for table in doc.tables:
        if not table.rows or _is_box(table):
            continue
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:tblHeader")) is None:
            el = OxmlElement("w:tblHeader")
            tr_pr.append(el)


def _footer_title(doc, title: str) -> None:
    for section in doc.sections:
        for part in (section.footer, section.first_page_footer, section.even_page_footer):
            for p in part.paragraphs:
                for run in p.runs:
                    if TITLE_PLACEHOLDER in run.text:
                        run.text = run.text.replace(TITLE_PLACEHOLDER, escape.docx_text(title))


def _default_language(doc, language: str) -> None:
    """Pandoc writes the metadata's ``lang`` (``sv``) into the style defaults;
    Word's spelling and hyphenation want the full tag (``sv-SE``)."""
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    set_lang(rpr, language)


def _update_fields_on_open(doc) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        el = OxmlElement("w:updateFields")
        el.set(qn("w:val"), "true")
        settings.append(el)


def _prefill_toc(doc) -> None:
    """Replace the TOC field's placeholder result with the headings, so the
    table of contents reads right even before the fields are updated."""
    body = doc.element.body
    headings = [
        (int(p.style.name.split()[-1]), p.text)
        for p in doc.paragraphs
        if p.style is not None and p.style.name in ("Heading 1", "Heading 2") and p.text.strip()
    ]
    for sdt in body.iter(qn("w:sdt")):
        gallery = sdt.find(".//" + qn("w:docPartGallery"))
        if gallery is None or gallery.get(qn("w:val")) != "Table of Contents":
            continue
        content = sdt.find(qn("w:sdtContent"))
        paras = content.findall(qn("w:p"))
        field_p = paras[-1]
        runs = field_p.findall(qn("w:r"))
        # runs: [begin+instr+separate], [placeholder text], [end]
        placeholder, end = runs[1], runs[-1]
        field_p.remove(placeholder)
        field_p.remove(end)
        first = True
        target = field_p
        for level, text in headings:
            if not first:
                target = OxmlElement("w:p")
                content.append(target)
            ppr = OxmlElement("w:pPr")
            style = OxmlElement("w:pStyle")
            style.set(qn("w:val"), f"TOC{level}")
            ppr.append(style)
            target.insert(0, ppr)
            r = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = text
            t.set(qn("xml:space"), "preserve")
            r.append(t)
            target.append(r)
            first = False
        target.append(end)
        break


def finish_docx(path: Path, *, title: str, subject: str, author: str, published: dt.date, language: str = "sv-SE") -> None:
    doc = Document(str(path))
    props = doc.core_properties
    props.title = escape.docx_property(title)
    props.subject = escape.docx_property(subject)
    props.author = escape.docx_property(author)
    props.last_modified_by = escape.docx_property(author)
    props.language = language
    props.keywords = "god och nära vård; primärvård; uppföljning"
    when = dt.datetime(published.year, published.month, published.day, 12, 0, 0)
    props.created = when
    props.modified = when
    props.revision = 1
    _default_language(doc, language)
    _footer_title(doc, title)
    _header_rows(doc)
    _frame_boxes(doc)
    _cell_text_style(doc)
    _prefill_toc(doc)
    _update_fields_on_open(doc)
    doc.save(str(path))
    normalise_zip(path)
