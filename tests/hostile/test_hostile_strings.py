"""The hostile-string corpus through all three formats, checked in real clients.

One package holds every payload of ``corpus.PAYLOADS`` in every text field
(``corpus.FIELDS``); it is built once with the built-in engine. In each
format the text must come out as the characters the package holds and take
no effect: Chromium runs no injected code and finds no injected element,
attribute or link; the PDF's text (pdftotext) holds every field's text and
no link annotation from data; the DOCX (python-docx) holds the text and no
relationship from data. No output holds the content of a local file.
"""

from __future__ import annotations

import base64
import html
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import copy_project, need_program
from tests.hostile import corpus

pytestmark = [pytest.mark.e2e, pytest.mark.client]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]
# Links the templates and the catalogue make, and nothing else.
ROOT = Path(__file__).resolve().parents[2]
ALLOWED_LINK = re.compile(r"#[\w\-.]+|https://(www\.|dataanalys\.)?socialstyrelsen\.se/[\w\-/]*|figurer/[\w\-]+\.csv|mailto:[\w.@]+")
# Links come only from the templates and the catalogue: the catalogue's works may link to their publisher.
FIGURE_FILE = re.compile(r"figurer/[\w\-]+\.svg")
CATALOGUE_LINKS = frozenset(
    w["URL"] for w in json.loads((ROOT / "data" / "catalogue" / "references.json").read_text(encoding="utf-8")) if "URL" in w
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from naravard.pipeline import BuildOptions, run_build

    root = tmp_path_factory.mktemp("hostile")
    secret = root / "secret.txt"
    secret.write_text(corpus.SECRET + "\n", encoding="utf-8")
    project = copy_project(root / "project")
    data = corpus.hostile_package(root / "paket", secret)
    result = run_build(BuildOptions(project_dir=project, data_dir=data, out_dir=root / "ut", engine="builtin"))
    names = [f for f in corpus.FIELDS if f not in corpus.REPORT_LISTS]
    names += [f"{f}[{i}]" for f in corpus.REPORT_LISTS for i in (1, 2)]
    texts = {f: corpus.field_text(f, secret) for f in names}
    return result, texts


def _shows(shown: str, text: str) -> bool:
    return corpus.comparable(text) in shown


def _shows_in_order(shown: str, text: str, gap: int = 2500) -> bool:
    """Every word of *text*, in order, each soon after the one before, from one place
    where its marker ("Fält title:") stands: a page's footnotes or footer may stand
    between two words where the text runs over a page break."""
    marker, _, rest = text.partition(": ")
    head = corpus.comparable(marker + ":")
    words = [w for w in (corpus.comparable(w) for w in rest.split()) if w]
    start = shown.find(head)
    while start >= 0:
        at = start + len(head)
        for word in words:
            nxt = shown.find(word, at)
            if nxt < 0 or nxt - at > gap:
                break
            at = nxt + len(word)
        else:
            return True
        start = shown.find(head, start + 1)
    return False


def _secret_forms() -> list[bytes]:
    """The secret as raw bytes and as base64 at each of the three alignments."""
    raw = corpus.SECRET.encode()
    forms = [raw]
    for shift in range(3):
        encoded = base64.b64encode(b"x" * shift + raw)[4:-4]
        forms.append(encoded[len(encoded) % 4 :][:16])
    return forms


def _no_local_files(blob: bytes, where: str) -> None:
    for form in _secret_forms():
        assert form not in blob, f"{where} holds a local file's content ({form!r})"
    assert b"root:x:0:0" not in blob, f"{where} holds /etc/passwd"


# ---- HTML in Chromium --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(hostile):
    result, _ = hostile
    chromium = need_program("chromium", "chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        dialogs, requests = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(result.outputs["html"].as_uri())
        page.wait_for_load_state("load")
        yield page, dialogs, requests
        browser.close()


def test_html_runs_no_injected_code(page):
    page, dialogs, requests = page
    assert page.evaluate(f"typeof window.{corpus.PWNED}") == "undefined"
    assert dialogs == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert page.evaluate("document.scripts.length") == 0


def test_html_has_no_injected_element_attribute_or_link(page, hostile):
    page, _, _ = page
    result, _ = hostile
    found = page.evaluate(
        """() => {
        const all = [...document.querySelectorAll('*')];
        return {
          tags: [...new Set([...document.body.querySelectorAll('*')].map(e => e.tagName.toLowerCase()))],
          head: [...document.head.children].map(e => e.tagName.toLowerCase()),
          metas: [...document.head.querySelectorAll('meta')].map(m => m.getAttributeNames().join(',')),
          handlers: all.flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
          links: [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href')),
          sources: [...document.querySelectorAll('[src], [srcset]')].map(e => e.getAttribute('src') ?? e.getAttribute('srcset')),
          covers: document.querySelectorAll('.nv-cover').length,
          ids: all.map(e => e.id).filter(i => i === 'id' || i.includes('pwned')),
        };
    }"""
    )
    assert not {"script", "iframe", "object", "embed", "style", "svg", "b", "math", "link", "meta"} & set(found["tags"]), found["tags"]
    assert set(found["head"]) <= {"meta", "title", "style"}, found["head"]  # the page's own styles are embedded
    assert set(found["metas"]) <= {"charset", "name,content"}, found["metas"]  # no attribute from data
    assert found["handlers"] == []
    page_links = [h for h in found["links"] if not h.startswith("data:")]  # stylesheets are embedded
    assert [h for h in page_links if not ALLOWED_LINK.fullmatch(h) and h not in CATALOGUE_LINKS] == []
    # Figures are the build's own files beside the page (figurer/<key>.svg and its phone rendition).
    images = [s for s in found["sources"] if not s.endswith("-smal.svg")]
    assert len(images) == result.figures
    assert [s for s in found["sources"] if not FIGURE_FILE.fullmatch(s)] == []
    assert all((result.out_dir / s).is_file() for s in found["sources"])
    assert found["covers"] == 1  # the template's cover; data cannot make another
    assert found["ids"] == []


def test_html_shows_every_field_literally(page, hostile):
    page, _, _ = page
    _, texts = hostile
    shown = corpus.comparable(page.evaluate("document.title + ' ' + document.body.innerText"))
    missing = [f for f, text in texts.items() if not _shows(shown, text)]
    assert missing == []


def test_html_holds_no_local_file(hostile):
    result, _ = hostile
    _no_local_files(result.outputs["html"].read_bytes(), "the HTML")
    for figure in sorted((result.outputs["html"].parent / "figurer").iterdir()):
        _no_local_files(figure.read_bytes(), f"the figure file {figure.name}")


# ---- PDF ---------------------------------------------------------------------------------------


def test_pdf_shows_every_field_literally(hostile):
    result, texts = hostile
    need_program("pdftotext", "poppler-utils")
    # The page area above the running footer (which repeats the title on every page):
    # a text that runs over a page break reads on without the footer between.
    above_footer = ["-x", "0", "-y", "0", "-W", "595", "-H", "768"]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *above_footer, str(result.outputs["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    shown = corpus.comparable(text)
    # Figure texts are drawn (paths), so the period shows where the prose prints it.
    missing = [f for f, t in texts.items() if not _shows_in_order(shown, t)]
    assert missing == []


def test_pdf_has_no_link_from_data(hostile):
    import pikepdf

    result, _ = hostile
    uris = []
    with pikepdf.open(result.outputs["pdf"]) as pdf:
        for page in pdf.pages:
            for annot in page.get("/Annots", []) or []:
                action = annot.get("/A")
                if action is not None and "/URI" in action:
                    uris.append(str(action["/URI"]))
    assert uris, "the template's own links are annotations"
    assert [u for u in uris if not ALLOWED_LINK.fullmatch(u) and u not in CATALOGUE_LINKS] == []
    _no_local_files(result.outputs["pdf"].read_bytes(), "the PDF")


# ---- DOCX --------------------------------------------------------------------------------------


def _docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    parts.extend(c.text for r in inner.rows for c in r.cells)
    for section in doc.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    props = doc.core_properties
    parts += [props.title or "", props.subject or "", props.author or ""]
    return "\n".join(parts)


def test_docx_shows_every_field_literally(hostile):
    result, texts = hostile
    with zipfile.ZipFile(result.outputs["docx"]) as z:
        xml = z.read("word/footnotes.xml").decode("utf-8")
    footnotes = html.unescape(re.sub(r"<[^>]+>", "", xml))  # python-docx does not read footnotes
    shown = corpus.comparable(_docx_text(result.outputs["docx"]) + footnotes)
    missing = [f for f, t in texts.items() if not _shows(shown, t)]
    assert missing == []


def test_docx_has_no_relationship_from_data(hostile):
    result, _ = hostile
    with zipfile.ZipFile(result.outputs["docx"]) as z:
        rels = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".rels"))
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        for name in z.namelist():
            _no_local_files(z.read(name), f"the DOCX part {name}")
    targets = re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels)
    assert [t for t in targets if not ALLOWED_LINK.fullmatch(t) and t not in CATALOGUE_LINKS] == []
    assert all(n.endswith(".png") for n in media) and len(media) == result.figures


def test_figure_csvs_hold_no_formula(hostile):
    result, _ = hostile
    import csv

    for path in (result.out_dir / "figurer").glob("*.csv"):
        for row in csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")) or re.fullmatch(r"[+\-]?[\d\s,.%]+", cell), (path.name, cell)
