"""Finishing the DOCX for the people who open it in Word.

Pandoc's DOCX is close; this step sets what pandoc leaves open: the
document's title, author and language in its properties (core and app.xml),
the title in the footer and none on the cover, table header rows that repeat
and a first column marked as the row headers, boxes drawn by their
paragraphs' own shading and borders, captions numbered by Word's SEQ fields
(so Word's table of figures and renumbering work), the house font embedded,
a table of contents that Word and LibreOffice update on opening, pre-filled
with the headings and, where LibreOffice is installed, their page numbers,
fixed dates and a deterministic zip.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from naravard.render import docx_fonts, docx_pages
from naravard.render.reference_docx import BOX_INDENT, set_lang
from naravard.render.zipfix import normalise_zip
from naravard.text import escape

TITLE_PLACEHOLDER = "Rapportens titel"
BOX_LIST_STYLE = "Faktaruta punkt"
CAPTION_STYLES = {"Bildtext": "Figur", "Tabellrubrik": "Tabell"}
CAPTION = re.compile(r"(Figur|Tabell) (\d+)(\..*)", re.S)


def _style_names(doc):
    """A function giving a paragraph element's style name, as ``Paragraph.style.name`` does, from
    one table of the styles (python-docx looks the style up anew on every call: seconds here)."""
    from docx.enum.style import WD_STYLE_TYPE

    names = {s.style_id: s.name for s in doc.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    default = doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    fallback = default.name if default is not None else None

    def name(p) -> str | None:
        style_id = p.style  # CT_P.style: the pStyle value, or None
        return names.get(style_id, fallback) if style_id is not None else fallback

    return name


def _paragraphs(doc):
    """The body's paragraph elements, in order (``doc.paragraphs`` without its wrappers)."""
    return doc.element.body.findall(qn("w:p"))


def _set(parent, tag: str, **attrs) -> OxmlElement:
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def _box_paragraphs(doc) -> int:
    """The paragraphs between a box's bookmarks (set by the Lua filter) become
    one box: list items get the box's list style, and every paragraph the
    box's left indent, so Word and LibreOffice join their borders."""
    body = doc.element.body
    style_id = doc.styles[BOX_LIST_STYLE].style_id
    ends = {e.get(qn("w:id")): e for e in body.iter(qn("w:bookmarkEnd"))}
    starts = [b for b in body.iter(qn("w:bookmarkStart")) if (b.get(qn("w:name")) or "").startswith("_nvBox")]
    for start in starts:
        end = ends.get(start.get(qn("w:id")))
        el = start.getnext()
        while el is not None and el is not end:
            if el.tag == qn("w:p"):
                ppr = el.get_or_add_pPr()
                if ppr.numPr is not None:
                    ppr.get_or_add_pStyle().set(qn("w:val"), style_id)
                    ind = _set(ppr, "w:ind", left=str(BOX_INDENT + 284), right=str(BOX_INDENT), hanging="284")
                    ind.attrib.pop(qn("w:firstLine"), None)
            el = el.getnext()
        start.getparent().remove(start)
        if end is not None:
            end.getparent().remove(end)
    return len(starts)


def _cover_section(doc) -> bool:
    """The cover and the colophon are a section of their own, without footer
    or page number (as in the PDF); the report's pages keep counting from them."""
    body = doc.element.body
    style_name = _style_names(doc)
    colophon = [p for p in _paragraphs(doc) if style_name(p) == "Kolofon"]
    if not colophon:
        return False
    brk = colophon[-1].getnext()
    while brk is not None and brk.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        brk = brk.getnext()
    if brk is None or brk.tag != qn("w:p") or brk.find(".//" + qn("w:br")) is None:
        return False
    final = body.find(qn("w:sectPr"))
    sect = OxmlElement("w:sectPr")
    for tag in ("w:pgSz", "w:pgMar"):
        src = final.find(qn(tag)) if final is not None else None
        if src is not None:
            sect.append(_copy(src))
    for child in list(brk):
        brk.remove(child)
    ppr = OxmlElement("w:pPr")
    ppr.append(sect)
    brk.append(ppr)
    return True


def _copy(el):
    from copy import deepcopy

    return deepcopy(el)


def _caption_fields(doc) -> int:
    """"Figur 12." and "Tabell 3." in captions become Word SEQ fields (with the
    number as their result), when the numbers run 1, 2, 3 … in document order
    as Word would count them."""
    found: dict[str, list] = {label: [] for label in CAPTION_STYLES.values()}
    style_name = _style_names(doc)
    for p in _paragraphs(doc):
        label = CAPTION_STYLES.get(style_name(p) or "")
        if label is None:
            continue
        runs = p.findall(qn("w:r"))
        for r in runs:
            t = r.find(qn("w:t"))
            if t is None or not t.text:
                continue
            m = CAPTION.fullmatch(t.text)
            if m and m.group(1) == label:
                found[label].append((r, t, int(m.group(2)), m.group(3)))
            break
    done = 0
    for label, items in found.items():
        if [n for *_x, n, _rest in items] != list(range(1, len(items) + 1)):
            continue  # numbered otherwise than Word counts: leave them as text
        for run, t, number, rest in items:
            t.text = f"{label} "
            t.set(qn("xml:space"), "preserve")
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), f" SEQ {label} \\* ARABIC ")
            field.append(_run_like(run, str(number)))
            run.addnext(field)
            field.addnext(_run_like(run, rest))
            done += 1
    return done


def _run_like(run, text: str):
    new = OxmlElement("w:r")
    rpr = run.find(qn("w:rPr"))
    if rpr is not None:
        new.append(_copy(rpr))
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    new.append(t)
    return new


def _row_headers(doc) -> None:
    """Mark each data table's first column as its row headers (Word's "First
    column" table option, the only row-header notion Word has)."""
    for table in doc.tables:
        look = _set(table._tbl.tblPr, "w:tblLook", firstColumn="1")
        look.set(qn("w:val"), format(int(look.get(qn("w:val")) or "0", 16) | 0x0080, "04X"))


CELL_STYLE = "Tabellcell"


def _cell_text_style(doc) -> None:
    """Data tables' cells in the small "Tabellcell" style (pandoc gives them body text)."""
    style_id = doc.styles[CELL_STYLE].style_id
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell._tc.findall(qn("w:p")):
                    p.style = style_id  # CT_P.style: the pStyle value (Paragraph.style looks the style up each time)


def _header_rows(doc) -> None:
    for table in doc.tables:
        if not table.rows:
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


def _headings(doc) -> list[tuple[int, str, str]]:
    """(level, text, bookmark) of the headings the table of contents lists."""
    out = []
    style_name = _style_names(doc)
    for p in _paragraphs(doc):
        name = style_name(p)
        if name not in ("Heading 1", "Heading 2"):
            continue
        text = Paragraph(p, doc._body).text
        if not text.strip():
            continue
        mark = p.find(qn("w:bookmarkStart"))
        out.append((int(name.split()[-1]), text, mark.get(qn("w:name")) if mark is not None else ""))
    return out


TOC_NOTE = "Sidnumren visas när innehållsförteckningen uppdateras (högerklicka och välj Uppdatera fält)."


def _toc(doc):
    for sdt in doc.element.body.iter(qn("w:sdt")):
        gallery = sdt.find(".//" + qn("w:docPartGallery"))
        if gallery is not None and gallery.get(qn("w:val")) == "Table of Contents":
            return sdt
    return None


def _add_toc_pages(doc, pages: list[int]) -> None:
    """Page numbers into the pre-filled contents (one per heading, in order);
    the line saying how to get them goes."""
    sdt = _toc(doc)
    if sdt is None:  # a document without contents (an area profile): nothing to number
        return
    links = list(sdt.iter(qn("w:hyperlink")))
    for link, page in zip(links, pages):
        tab_run = OxmlElement("w:r")
        tab_run.append(OxmlElement("w:tab"))
        link.append(tab_run)
        link.append(_text_run(str(page)))
    note = sdt.getnext()
    if note is not None and "".join(t.text or "" for t in note.iter(qn("w:t"))) == TOC_NOTE:
        note.getparent().remove(note)


def _layout_with_placeholder_pages(path: Path) -> docx_pages.Layout | None:
    """LibreOffice's layout of a copy of *path* whose contents carry a placeholder number per heading."""
    doc = Document(str(path))
    _add_toc_pages(doc, [PLACEHOLDER_PAGE] * len(_headings(doc)))
    with tempfile.TemporaryDirectory(prefix="naravard-docx-") as tmp:
        copy = Path(tmp) / path.name
        doc.save(str(copy))
        return docx_pages.layout(copy)


PLACEHOLDER_PAGE = 888  # as wide as the widest page number of a report this size


def _prefill_toc(doc) -> None:
    """Replace the TOC field's placeholder result with the headings, linked to
    them, so the table of contents reads right before Word updates it. A line
    under it says how to get the page numbers (removed when the build can
    fill them in, see _add_toc_pages)."""
    headings = _headings(doc)
    sdt = _toc(doc)
    if sdt is not None:
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
        for level, text, mark in headings:
            if not first:
                target = OxmlElement("w:p")
                content.append(target)
            ppr = OxmlElement("w:pPr")
            style = OxmlElement("w:pStyle")
            style.set(qn("w:val"), f"TOC{level}")
            ppr.append(style)
            tabs = OxmlElement("w:tabs")
            tab = OxmlElement("w:tab")
            for k, v in (("val", "right"), ("leader", "dot"), ("pos", "9060")):
                tab.set(qn(f"w:{k}"), v)
            tabs.append(tab)
            ppr.append(tabs)
            target.insert(0, ppr)
            link = OxmlElement("w:hyperlink")
            if mark:
                link.set(qn("w:anchor"), mark)
            link.append(_text_run(text))
            target.append(link)
            first = False
        target.append(end)
        note = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), doc.styles["Not"].style_id)
        ppr.append(style)
        note.append(ppr)
        note.append(_text_run(TOC_NOTE))
        sdt.addnext(note)


def _text_run(text: str):
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


def finish_docx(path: Path, *, title: str, subject: str, author: str, published: dt.date, language: str = "sv-SE") -> None:
    _finish_document(path, title=title, subject=subject, author=author, published=published, language=language)
    docx_fonts.embed_house_font(path)
    # Page numbers for the contents, from LibreOffice's layout when it is installed. It lays out
    # a copy whose contents already hold three-digit numbers and no note, as the finished file
    # will: filling in the numbers afterwards must not move a heading or add a page.
    layout = _layout_with_placeholder_pages(path) if docx_pages.soffice() else None
    if layout is not None:
        doc = Document(str(path))
        pages = layout.heading_pages(_headings(doc))
        if pages is not None:
            _add_toc_pages(doc, pages)
            doc.save(str(path))
    docx_pages.write_app_properties(path, title=title, company=author, pages=layout.pages if layout else None)
    normalise_zip(path)


def _finish_document(path: Path, *, title: str, subject: str, author: str, published: dt.date, language: str) -> None:
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
    _cover_section(doc)
    _header_rows(doc)
    _row_headers(doc)
    _box_paragraphs(doc)
    _cell_text_style(doc)
    _caption_fields(doc)
    _prefill_toc(doc)
    _update_fields_on_open(doc)
    doc.save(str(path))
