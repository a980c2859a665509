"""A DOCX with Word tracked changes: the new build's document, marked against the old one.

python-redlines needs a .NET binary fetched apart from the wheel, so the
changes are written here with lxml on the new DOCX (python-docx opens it):

- the body paragraphs of both documents are aligned (the same alignment as the
  text diff); a paragraph only in the old document is put back as a deleted
  paragraph, one only in the new document is marked inserted;
- inside a changed paragraph the words that differ become ``w:del`` / ``w:ins``
  runs that keep the formatting of the text around them.

Every change carries ``w:author`` and a ``w:date`` taken from the new document's
properties, so the same two builds always give the same file. Changed images and
footnotes are not marked (the HTML diff shows figures side by side).
"""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from naravard.review.diff import align_paragraphs, same_text, word_diff

AUTHOR = "naravard diff"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class _Ids:
    def __init__(self) -> None:
        self.n = 90000

    def __call__(self) -> str:
        self.n += 1
        return str(self.n)


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _change(tag: str, ids: _Ids, date: str):
    from lxml import etree

    el = etree.Element(qn(tag))
    el.set(qn("w:id"), ids())
    el.set(qn("w:author"), AUTHOR)
    el.set(qn("w:date"), date)
    return el


def _text_runs(p) -> list:
    """The runs that carry text, in order, with their one ``w:t``."""
    return [t.getparent() for t in p.iter(qn("w:t")) if t.getparent().tag == qn("w:r")]


def _split(run, k: int):
    """Split *run* after *k* characters; returns the second half (placed after the first)."""
    t = run.find(qn("w:t"))
    second = copy.deepcopy(run)
    text = t.text or ""
    t.text = text[:k]
    t.set(XML_SPACE, "preserve")
    t2 = second.find(qn("w:t"))
    t2.text = text[k:]
    t2.set(XML_SPACE, "preserve")
    run.addnext(second)
    return second


def _boundary(p, offset: int) -> None:
    """Make sure a run starts (or ends) at character *offset* of the paragraph."""
    pos = 0
    for run in _text_runs(p):
        n = len(run.find(qn("w:t")).text or "")
        if pos < offset < pos + n:
            _split(run, offset - pos)
            return
        pos += n


def _segments(p) -> list[tuple[object, int, int]]:
    out, pos = [], 0
    for run in _text_runs(p):
        n = len(run.find(qn("w:t")).text or "")
        out.append((run, pos, pos + n))
        pos += n
    return out


def _deleted_run(text: str, like, ids: _Ids, date: str):
    from lxml import etree

    d = _change("w:del", ids, date)
    r = etree.SubElement(d, qn("w:r"))
    if like is not None and like.find(qn("w:rPr")) is not None:
        r.append(copy.deepcopy(like.find(qn("w:rPr"))))
    dt = etree.SubElement(r, qn("w:delText"))
    dt.text = text
    dt.set(XML_SPACE, "preserve")
    return d


def mark_words(p, old_text: str, ids: _Ids, date: str) -> None:
    """Turn paragraph *p* (new text) into old text + tracked word changes."""
    ops = word_diff(old_text, _text(p))
    pos = 0
    inserts, deletes = [], []
    for op, text in ops:
        if op == "+":
            inserts.append((pos, pos + len(text)))
            pos += len(text)
        elif op == "-":
            deletes.append((pos, text))
        else:
            pos += len(text)
    for start, end in inserts:
        _boundary(p, start)
        _boundary(p, end)
    for at, _ in deletes:
        _boundary(p, at)
    segments = _segments(p)
    for start, end in inserts:
        runs = [r for r, a, b in segments if a >= start and b <= end and b > a]
        if not runs:
            continue
        ins = _change("w:ins", ids, date)
        runs[0].addprevious(ins)
        for r in runs:
            ins.append(r)
    for at, text in deletes:
        after = next((r for r, a, b in segments if a == at and b > a), None)
        before = next((r for r, a, b in reversed(segments) if b == at and b > a), None)
        like = after if after is not None else before
        d = _deleted_run(text, like, ids, date)
        if after is not None:
            anchor = after.getparent() if after.getparent().tag == qn("w:ins") else after
            anchor.addprevious(d)
        elif before is not None:
            anchor = before.getparent() if before.getparent().tag == qn("w:ins") else before
            anchor.addnext(d)
        else:
            p.append(d)


def _mark_paragraph(p, tag: str, ids: _Ids, date: str) -> None:
    """Mark a whole paragraph inserted (``w:ins``) or deleted (``w:del``), mark included."""
    from lxml import etree

    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(p, qn("w:pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, qn("w:rPr"))
    rpr.append(_change(tag, ids, date))
    for run in list(p.iter(qn("w:r"))):
        if run.getparent().tag in (qn("w:ins"), qn("w:del")) or run.getparent() is rpr:
            continue
        if tag == "w:del":
            for t in run.findall(qn("w:t")):
                t.tag = qn("w:delText")
        wrapper = _change(tag, ids, date)
        run.addprevious(wrapper)
        wrapper.append(run)


def _portable(p):
    """A copy of an old paragraph that refers to nothing in the old package (images, links, notes)."""
    p = copy.deepcopy(p)
    for tag in ("w:drawing", "w:pict", "w:footnoteReference", "w:endnoteReference", "w:fldChar", "w:instrText"):
        for el in list(p.iter(qn(tag))):
            el.getparent().remove(el)
    for link in list(p.iter(qn("w:hyperlink"))):
        for child in list(link):
            link.addprevious(child)
        link.getparent().remove(link)
    for b in list(p.iter(qn("w:bookmarkStart"))) + list(p.iter(qn("w:bookmarkEnd"))):
        b.getparent().remove(b)
    return p


def _date(doc) -> str:
    props = doc.core_properties
    when = props.modified or props.created
    return when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else "2000-01-01T00:00:00Z"


def redline(old_docx: Path, new_docx: Path, out: Path) -> int:
    """Write *out*: *new_docx* with tracked changes against *old_docx*. Returns the number of changes."""
    old, new = Document(str(old_docx)), Document(str(new_docx))
    date = _date(new)
    ids = _Ids()
    old_ps = [{"n": i, "text": _text(p), "el": p} for i, p in enumerate(old.element.body.iter(qn("w:p")))]
    new_ps = [{"n": i, "text": _text(p), "el": p} for i, p in enumerate(new.element.body.iter(qn("w:p")))]
    for p in old_ps + new_ps:
        p["heading"], p["kind"], p["marks"] = "", "paragraph", []
    changes = 0
    last = None  # the last new paragraph placed, to put deleted ones after
    for o, n in align_paragraphs(old_ps, new_ps):
        if o and n:
            if not same_text(o["text"], n["text"]):
                mark_words(n["el"], o["text"], ids, date)
                changes += 1
            last = n["el"]
        elif n:
            _mark_paragraph(n["el"], "w:ins", ids, date)
            changes += 1
            last = n["el"]
        else:
            gone = _portable(o["el"])
            _mark_paragraph(gone, "w:del", ids, date)
            if last is not None:
                last.addnext(gone)
            else:
                new.element.body.insert(0, gone)
            last = gone
            changes += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    new.save(str(out))
    return changes


def find_docx(folder: Path) -> Path:
    """The one DOCX in a build folder."""
    from naravard.errors import NaravardError

    found = sorted(p for p in folder.glob("*.docx") if not p.name.startswith("~$"))
    if len(found) != 1:
        raise NaravardError(f"{folder}: expected one .docx (build with --to docx), found {len(found)}")
    return found[0]
