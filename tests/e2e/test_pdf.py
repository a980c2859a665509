"""The PDF as assistive technology and PDF/UA checkers see it: tags, alt text,
language, title; and its pages as a reader sees them."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import need, need_program

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


# ---- structure beyond the checkers: row headers, link descriptions ---------------------------


def test_every_table_row_starts_with_a_row_header(pdf, sample_build):
    tables = [el for el in struct_elements(pdf) if el.S == "/Table"]
    assert len(tables) == sample_build.tables
    for table in tables:
        bodies = [k for k in table.K if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/TBody"]
        rows = [r for b in bodies for r in (b.K if isinstance(b.K, pikepdf.Array) else [b.K]) if r.get("/S") == "/TR"]
        assert rows
        for row in rows:
            first = next(k for k in (row.K if isinstance(row.K, pikepdf.Array) else [row.K]) if isinstance(k, pikepdf.Dictionary))
            assert first.S == "/TH" and "/ID" in first
            table_attrs = [a for a in first.A if a.get("/O") == "/Table"]
            assert table_attrs and table_attrs[0].Scope == "/Row"


INTERNAL_TARGET = re.compile(r"(Figur \d+|Tabell \d+|Referens \d+|Fråga [\w.]+|Avsnitt ”[^”]+”|Fotnot \d+|Tillbaka till fotnot \d+ i texten), sida \d+")


def link_descriptions(pdf) -> list[tuple[str, bool]]:
    out = []
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") == "/Link":
                out.append((str(annot.get("/Contents", "")), "/Dest" in annot or ("/A" in annot and annot.A.get("/S") == "/GoTo")))
    return out


def test_every_link_description_names_its_target(pdf, sample_build):
    links = link_descriptions(pdf)
    internal = [text for text, is_internal in links if is_internal]
    outline = [t for t in internal if t.startswith(" ”")]  # the contents' entries: ' ”Förord” sida 3'
    refs = [t for t in internal if not t.startswith(" ”")]
    assert refs and all(INTERNAL_TARGET.fullmatch(t) for t in refs), [t for t in refs if not INTERNAL_TARGET.fullmatch(t)]
    assert sum(t.startswith("Figur ") for t in refs) >= sample_build.figures
    assert all(re.fullmatch(r" ”.+” sida \d+", t) for t in outline)
    external = [text for text, is_internal in links if not is_internal]
    assert all(t.startswith(("https://", "http://", "E-post")) for t in external), external


# ---- the page as a designer sees it ---------------------------------------------------------


def plain_pdf_text(path) -> str:
    """The PDF's text with line breaks as spaces: a word hyphenated at a line end keeps its soft hyphen."""
    need_program("pdftotext", "poppler-utils")
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.replace("\u00a0", " ").split())


def without_divs(text: str, pattern: str) -> str:
    """*text* without the divs whose opening line matches *pattern* (nested divs and all)."""
    kept, depth, skipping = [], 0, None
    for line in text.split("\n"):
        if line.startswith("::: {"):
            depth += 1
            if skipping is None and re.search(pattern, line):
                skipping = depth
        elif line.strip() == ":::":
            depth -= 1
            if skipping is not None and depth < skipping:
                skipping = None
                continue
        if skipping is None:
            kept.append(line)
    return "\n".join(kept)


def captions(text: str) -> list[str]:
    """The captions of figures and tables: the last paragraph directly inside their div (Quarto's rule)."""
    found, stack, previous = [], [], ""
    for line in text.split("\n"):
        if line.startswith("::: {"):
            stack.append([re.search(r"\.nv-(?:figure|table)[\s}]", line) is not None, None])
        elif line.strip() == ":::":
            if stack:
                is_target, last = stack.pop()
                if is_target and last:
                    found.append(last)
        elif line.strip() and stack and (not previous.strip() or previous.startswith(":::")):
            stack[-1][1] = line.strip()  # a paragraph starts
        previous = line
    return [re.sub(r"\*\*", "", c).strip() for c in found if not c.startswith(("|", "!["))]


def report_strings(sources) -> dict[str, list[str]]:
    """Headings, figure and table captions and table column headers, from the generated sources."""
    found = {"heading": [], "caption": [], "table header": []}
    for qmd in sorted(sources.glob("*.qmd")):
        text = qmd.read_text(encoding="utf-8")
        text = without_divs(text, r"\.nv-figure-data|\.nv-cover|when-format=\"(?:html|docx)\"")  # not in the PDF; the cover is set apart
        found["heading"] += [re.sub(r"\s*\{[^}]*\}$", "", m).strip() for m in re.findall(r"^#{1,3} (.+)$", text, re.M)]
        found["caption"] += captions(text)
        for table in re.findall(r"\n(\| .+\|)\n\|[:\-|]+\|\n", text):
            found["table header"] += [c.strip().replace("\\", "") for c in table.strip("|").split("|") if c.strip()]
    plain = lambda v: re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", " ".join(v.split()))  # a value's span: its text
    return {k: [plain(v) for v in vals] for k, vals in found.items()}


def test_no_heading_caption_or_table_header_is_hyphenated(sample_build):
    text = plain_pdf_text(sample_build.outputs["pdf"])
    strings = report_strings(sample_build.sources)
    assert len(strings["heading"]) > 50 and len(strings["caption"]) >= sample_build.figures
    missing = {kind: [s for s in values if s.replace("\\", "") not in text] for kind, values in strings.items()}
    assert missing == {"heading": [], "caption": [], "table header": []}
    assert "\u00ad" in text  # running text is hyphenated, so the check can tell


def test_at_most_three_pages_are_more_than_a_quarter_empty(sample_build):
    need_program("pdftoppm", "poppler-utils")
    from tests.e2e.pdf_pages import half_empty_pages

    empty = half_empty_pages(sample_build.outputs["pdf"], threshold=0.25)
    assert len(empty) <= 3, empty


def test_pdfua_checker_finds_nothing(sample_build):
    try:
        import pdfua
    except ImportError:
        need(False, "the PDF/UA checker is not installed (pip package pdfua)")
    report = pdfua.validate(str(sample_build.outputs["pdf"]))
    problems = [(f.rule_id, f.severity.name, f.message) for f in report.findings]
    assert problems == []
