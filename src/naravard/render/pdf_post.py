"""Finishing the PDF: what Typst cannot express yet, added to its tagged output.

* **Row headers.** In every table the first cell of each body row names the row
  (the region, the indicator), so screen readers should announce it with each
  value. Typst can mark such cells (``pdf.header-cell(scope: "row")``) only
  behind its ``a11y-extras`` feature flag, which the Python binding cannot
  enable; so each first body cell's structure element becomes a TH with
  Scope Row and an ID, and the row's other cells name it among their headers.
* **Footnote and citation link descriptions.** Typst describes the link from
  a footnote mark as "Fotnot 3" and the link back from the note by its bare
  number ("3"); both get the target's page, and the link back says where it
  goes: "Tillbaka till fotnot 3 i texten, sida 12". A citation's link goes to
  an entry of the reference list, which Typst cannot name ("sida 67"); its
  text is the entry's number (the report's numeric style), so it becomes
  "Referens 1, sida 67".

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
PAGE_ONLY = re.compile(r"sida (\d+)")
CITATION = re.compile(r"\[?(\d+)\]?")


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
    """Footnote and citation links name their target and its page; returns how many changed."""
    pages = {p.objgen: n for n, p in enumerate(pdf.pages, 1)}
    tree = pdf.Root.get("/StructTreeRoot")
    parents = pikepdf.NumberTree(tree.ParentTree) if tree is not None and "/ParentTree" in tree else None
    texts: dict = {}  # the marked texts of each page, read once
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
            elif PAGE_ONLY.fullmatch(text) and (m := CITATION.fullmatch(_link_text(annot, page, parents, texts).strip())):
                annot.Contents = String(f"Referens {m.group(1)}, sida {target}")
            else:
                continue
            changed += 1
    return changed


def _link_text(annot: Dictionary, page, parents, texts: dict) -> str:
    """The text a link annotation covers, read from its Link structure element's marked content."""
    if parents is None or "/StructParent" not in annot:
        return ""
    try:
        elem = parents[int(annot.StructParent)]
    except (KeyError, IndexError):
        return ""
    out = []
    for kid in _kids(elem):
        on = page
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:  # marked content on another page
            on, kid = pikepdf.Page(kid.Pg) if "/Pg" in kid else page, kid.get("/MCID")
        if isinstance(kid, int):
            if on.objgen not in texts:
                texts[on.objgen] = _marked_texts(on)
            out.append(texts[on.objgen].get(kid, ""))
    return "".join(out)


TEXT_OPERATORS = "BDC BMC EMC Tf Tj ' \" TJ"


def _marked_texts(page: pikepdf.Page) -> dict[int, str]:
    """The text of each marked-content sequence (by MCID) on *page*."""
    fonts = {str(name): _unicode_map(font) for name, font in page.Resources.get("/Font", {}).items()}
    out: dict[int, str] = {}
    stack: list[int | None] = []
    font: dict[int, str] = {}

    def show(raw: bytes) -> None:
        mcid = next((m for m in reversed(stack) if m is not None), None)
        if mcid is not None:
            out[mcid] = out.get(mcid, "") + "".join(font.get(int.from_bytes(raw[i:i + 2], "big"), "") for i in range(0, len(raw) - 1, 2))

    # Only the operators read here: parsing the page's drawing operators too takes most of the time.
    for operands, op in pikepdf.parse_content_stream(page, TEXT_OPERATORS):
        op = str(op)
        if op == "BDC":
            props = operands[1]
            stack.append(int(props.MCID) if isinstance(props, Dictionary) and "/MCID" in props else None)
        elif op == "BMC":
            stack.append(None)
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "Tf":
            font = fonts.get(str(operands[0]), {})
        elif op in ("Tj", "'", '"'):
            show(bytes(operands[-1]))
        elif op == "TJ":
            for item in operands[0]:
                if isinstance(item, String):
                    show(bytes(item))
    return out


def _unicode_map(font: Dictionary) -> dict[int, str]:
    """A Type0 font's two-byte codes as text, from its ToUnicode CMap (bfchar and bfrange)."""
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return {}
    text = cmap.read_bytes().decode("latin-1")
    chars: dict[int, str] = {}
    utf16 = lambda h: bytes.fromhex(h).decode("utf-16-be", "replace")  # noqa: E731
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            chars[int(src, 16)] = utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for n, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                chars[code] = chr(start + n)
    return chars


def _dest_page(annot: Dictionary, pages: dict) -> int | None:
    dest = annot.get("/Dest")
    if dest is None and "/A" in annot:
        dest = annot.A.get("/D")
    if isinstance(dest, Array) and len(dest) and isinstance(dest[0], Dictionary):
        return pages.get(dest[0].objgen)
    return None
