"""Finishing the PDF: row headers as TH Scope Row, footnote and citation links that name their target."""

from __future__ import annotations

import pikepdf
import pytest

from naravard.render.pdf_post import finish_pdf

SOURCE = """
#set document(title: "T")
#set text(lang: "sv")
#figure(kind: table, caption: [Tabell], table(columns: 2, table.header([Region], [Svar]), [Riket], [19/21], [Uppsala], [Ja]))
Text#footnote[En not.] och mer, enligt [#link(<ref-b>)[2]] och #link(<ref-b>)[en källa].
#pagebreak()
Sista sidan.

#block[[1] Första verket.] <ref-a>
#block[[2] Andra verket.] <ref-b>
"""


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    typst = pytest.importorskip("typst")
    folder = tmp_path_factory.mktemp("pdf")
    (folder / "t.typ").write_text(SOURCE, encoding="utf-8")
    out = folder / "t.pdf"
    typst.compile(str(folder / "t.typ"), output=str(out), pdf_standards=["ua-1"])
    finish_pdf(out)
    return out


def cells(pdf, tag):
    found = []

    def walk(node):
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if kid.S == tag:
                    found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def test_first_body_cells_become_row_headers_named_by_their_rows_cells(finished):
    with pikepdf.open(finished) as pdf:
        heads = [c for c in cells(pdf, "/TH") if any(a.get("/Scope") == "/Row" for a in c.A)]
        assert len(heads) == 2  # Riket, Uppsala; the column headers stay Scope Column
        ids = {str(h.ID) for h in heads}
        data = cells(pdf, "/TD")
        assert len(data) == 2
        for td in data:
            table = next(a for a in td.A if a.get("/O") == "/Table")
            assert ids & {str(h) for h in table.Headers}
        tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
        assert all(i in tree for i in ids)


def test_footnote_and_citation_links_name_the_note_or_reference_and_the_page(finished):
    with pikepdf.open(finished) as pdf:
        texts = sorted(str(a.Contents) for p in pdf.pages for a in p.get("/Annots", []))
    # the citation's number is read from the link's own text; a link whose text is
    # not a number keeps what Typst wrote
    assert texts == ["Fotnot 1, sida 1", "Referens 2, sida 2", "Tillbaka till fotnot 1 i texten, sida 1", "sida 2"]


def test_finishing_is_deterministic(finished, tmp_path):
    again = tmp_path / "again.pdf"
    again.write_bytes(finished.read_bytes())
    finish_pdf(again)  # a finished file stays as it is: nothing left to mark
    with pikepdf.open(again) as pdf:
        assert len([c for c in cells(pdf, "/TH") if any(a.get("/Scope") == "/Row" for a in c.A)]) == 2
