"""Tracked changes written into a DOCX: word changes, added and removed paragraphs."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn

from naravard.review.redline import AUTHOR, redline


def make(path, paragraphs):
    doc = Document()
    for text in paragraphs:
        p = doc.add_paragraph()
        head, _, tail = text.partition("|")
        p.add_run(head).bold = True
        if tail:
            p.add_run(tail)
    doc.save(str(path))
    return path


def texts(p, accept: bool) -> str:
    """The paragraph's text with the changes accepted (new) or rejected (old)."""
    out = []
    for el in p.iter(qn("w:t"), qn("w:delText")):
        inside = {a.tag for a in el.iterancestors()}
        if accept and qn("w:del") in inside:
            continue
        if not accept and qn("w:ins") in inside:
            continue
        out.append(el.text or "")
    return "".join(out)


def test_word_changes_keep_formatting_and_can_be_rejected(tmp_path):
    old = make(tmp_path / "old.docx", ["Andelen |ökade från 81 till 88 procent.", "Samma text.", "Borttaget stycke om budgeten."])
    new = make(tmp_path / "new.docx", ["Andelen |minskade från 81 till 78 procent.", "Samma text.", "Helt annat innehåll här."])
    out = tmp_path / "redline.docx"
    assert redline(old, new, out) == 3
    body = Document(str(out)).element.body
    ps = [p for p in body.iter(qn("w:p")) if texts(p, True) or texts(p, False)]
    assert [texts(p, True) for p in ps] == ["Andelen minskade från 81 till 78 procent.", "Samma text.", "", "Helt annat innehåll här."]
    assert [texts(p, False) for p in ps] == ["Andelen ökade från 81 till 88 procent.", "Samma text.", "Borttaget stycke om budgeten.", ""]
    changes = list(body.iter(qn("w:ins"), qn("w:del")))
    assert changes and all(c.get(qn("w:author")) == AUTHOR and c.get(qn("w:date")) for c in changes)
    ids = [c.get(qn("w:id")) for c in changes]
    assert len(ids) == len(set(ids))
    # the bold first run stays bold where it is unchanged
    first = ps[0].find(qn("w:r"))
    assert first.find(qn("w:rPr")).find(qn("w:b")) is not None


def test_identical_documents_have_no_changes(tmp_path):
    old = make(tmp_path / "old.docx", ["Ett.", "Två."])
    out = tmp_path / "redline.docx"
    assert redline(old, old, out) == 0
    assert not list(Document(str(out)).element.body.iter(qn("w:ins"), qn("w:del")))
