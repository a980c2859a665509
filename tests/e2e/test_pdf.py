"""The PDF as assistive technology and PDF/UA checkers see it: tags, alt text,
language, title; and its pages as a reader sees them."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import need_program

pytestmark = pytest.mark.e2e
pikepdf = pytest.importorskip("pikepdf")


@pytest.fixture(scope="module")
def pdf(sample_build):
    path = sample_build.outputs["pdf"]
    with pikepdf.open(path) as doc:
        yield doc


def struct_elements(pdf):
    """Every structure element of the tag tree, depth first."""
    out = []

    def walk(node):
        kids = node.get("/K")
        if kids is None:
            return
        items = kids if isinstance(kids, pikepdf.Array) else [kids]
        for kid in items:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


def test_pdf_is_tagged_with_language_and_title(pdf, sample_build):
    assert pdf.Root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in pdf.Root
    assert str(pdf.Root.Lang).startswith("sv")
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True  # the title, not the file name, in the window
    with pdf.open_metadata() as meta:
        assert meta["dc:title"] == "Uppföljning av omställningen till en god och nära vård"
        assert meta.get("pdfuaid:part") == "1"  # declares PDF/UA-1


def test_every_figure_has_alt_text_from_its_data(pdf, sample_build):
    figures = [el for el in struct_elements(pdf) if el.S == "/Figure"]
    assert len(figures) >= sample_build.figures
    alts = [str(el.get("/Alt", "")) for el in figures]
    assert all(alt.strip() for alt in alts), "a figure without alt text"
    # Written from the data, not a generic sentence: the alt texts differ and name numbers.
    assert len(set(alts)) == len(alts)
    assert all(any(ch.isdigit() for ch in alt) for alt in alts)


def test_headings_are_tagged_as_headings(pdf):
    kinds = {str(el.S) for el in struct_elements(pdf)}
    assert "/H1" in kinds and "/H2" in kinds
    assert "/Table" in kinds or "/Figure" in kinds


def test_pages_render_and_are_not_blank(sample_build, tmp_path):
    need_program("pdftoppm", "poppler-utils")
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "30", "-png", str(sample_build.outputs["pdf"]), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) >= 5
    for page in pages[2:]:  # the colophon is mostly white by design
        img = Image.open(page).convert("L")
        dark = sum(img.histogram()[:200])
        assert dark > 200, f"{page.name} looks blank"
