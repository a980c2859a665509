"""Finishing the PDF: what Typst cannot express yet, added to its tagged output.

* **Row headers.** In every table the first cell of each body row names the row
  (the region, the indicator), so screen readers should announce it with each
  value. Typst can mark such cells (``pdf.header-cell(scope: "row")``) only
  behind its ``a11y-extras`` feature flag, which the Python binding cannot
  enable; so each first body cell's structure element becomes a TH with
  Scope Row and an ID, and the row's other cells name it among their headers.
* **Footnote link descriptions.** Typst describes the link from a footnote
  mark as "Fotnot 3" and the link back from the note by its bare number
  ("3"); both get the target's page, and the link back says where it goes:
  "Tillbaka till fotnot 3 i texten, sida 12".

Only structure attributes and annotation descriptions change; the page
content is untouched. The file is saved with a deterministic ID, so the same
input still gives a byte-identical PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, String

from naravard.errors import RenderError

FOOTNOTE_MARK = re.compile(r"Fotnot (\d+)")
FOOTNOTE_BACK = re.compile(r"(\d+)")


def finish_pdf(path: Path) -> None:
    try:
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            mark_row_headers(pdf)
            describe_footnote_links(pdf)
            pdf.save(path, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    except pikepdf.PdfError as exc:
        raise RenderError(f"{path}: cannot finish the PDF: {exc}") from exc


# ---- row headers -----------------------------------------------------------------------------


def _kids(elem) -> list:
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _struct_kids(elem, tag: str | None = None) -> list[Dictionary]:
    out = []
    for kid in _kids(elem):
        if isinstance(kid, Dictionary) and "/S" in kid and (tag is None or kid.S == Name(tag)):
            out.append(kid)
    return out


def _tables(elem):
    for kid in _struct_kids(elem):
        if kid.S == Name.Table:
            yield kid
        else:
            yield from _tables(kid)


def _table_attributes(cell: Dictionary) -> Dictionary:
    """The cell's attribute dictionary owned by /Table (made if missing)."""
    attrs = cell.get("/A")
    if attrs is None:
        attrs = Array()
        cell.A = attrs
    elif isinstance(attrs, Dictionary):
        attrs = Array([attrs])
        cell.A = attrs
    for a in attrs:
        if isinstance(a, Dictionary) and a.get("/O") == Name.Table:
            return a
    owned = Dictionary(O=Name.Table)
    attrs.append(owned)
    return owned


def mark_row_headers(pdf: pikepdf.Pdf) -> int:
    """Make the first cell of every body row a row header; returns how many."""
    root = pdf.Root.StructTreeRoot
    if "/IDTree" not in root:
        root.IDTree = pdf.make_indirect(Dictionary(Names=Array()))
    ids = NameTree(root.IDTree)
    marked = 0
    for t, table in enumerate(_tables(root)):
        for body in _struct_kids(table, "/TBody"):
            for r, row in enumerate(_struct_kids(body, "/TR")):
                cells = _struct_kids(row)
                if not cells or cells[0].S != Name.TD:
                    continue
                head = cells[0]
                ident = f"nv-row-t{t}r{r}"
                head.S = Name.TH
                head.ID = String(ident)
                _table_attributes(head).Scope = Name.Row
                ids[ident] = head
                for cell in cells[1:]:
                    attrs = _table_attributes(cell)
                    headers = attrs.get("/Headers")
                    if headers is None:
                        headers = Array()
                        attrs.Headers = headers
                    headers.append(String(ident))
                marked += 1
    return marked


# ---- footnote links --------------------------------------------------------------------------


def describe_footnote_links(pdf: pikepdf.Pdf) -> int:
    """Footnote links name their target and its page; returns how many changed."""
    pages = {p.objgen: n for n, p in enumerate(pdf.pages, 1)}
    changed = 0
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != Name.Link or "/Contents" not in annot:
                continue
            text = str(annot.Contents)
            target = _dest_page(annot, pages)
            if target is None:
                continue
            if m := FOOTNOTE_MARK.fullmatch(text):
                annot.Contents = String(f"Fotnot {m.group(1)}, sida {target}")
            elif m := FOOTNOTE_BACK.fullmatch(text):
                annot.Contents = String(f"Tillbaka till fotnot {m.group(1)} i texten, sida {target}")
            else:
                continue
            changed += 1
    return changed


def _dest_page(annot: Dictionary, pages: dict) -> int | None:
    dest = annot.get("/Dest")
    if dest is None and "/A" in annot:
        dest = annot.A.get("/D")
    if isinstance(dest, Array) and len(dest) and isinstance(dest[0], Dictionary):
        return pages.get(dest[0].objgen)
    return None
