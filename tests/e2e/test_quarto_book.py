"""The generated Quarto book, checked against Quarto's documented options and book structure.

Quarto cannot be installed on these machines (its PyPI package downloads the
binaries from GitHub when it is built), so this test checks the book the
session build kept (``--keep-sources``) against what Quarto documents:

* option names: each one we write is listed below with the page of Quarto's
  reference that documents it (the ``project`` schema is closed, so only its
  documented keys are allowed there);
* structure (quarto.org/docs/books/book-structure.html): ``project: type:
  book``, ``book:`` with title, author and date, ``index.qmd`` first and every
  chapter beside ``_quarto.yml``;
* cross-references (quarto.org/docs/authoring/cross-references.html): targets
  are divs whose id starts with ``fig-``/``tbl-`` (no underscores), a figure
  holds one image with ``fig-alt`` and its caption as the last paragraph, a
  table one table and its caption last, every ``@fig-…``/``@tbl-…`` names a
  target, and no other id uses a reserved prefix;
* every path the configuration names exists in the book.

The built-in engine's numbering is checked against the same source: the
"Figur N." of every target in the HTML is the number values.json records, in
the order the targets stand in the chapters. test_quarto_render.py renders
the book with Quarto where it is installed.
"""

from __future__ import annotations

import json
import re

import pypandoc
import pytest
import yaml

pytestmark = pytest.mark.e2e

REF = "https://quarto.org/docs/reference"
# option -> where Quarto documents it
DOCUMENTED_TOP = {
    "project": f"{REF}/projects/core.html",
    "lang": f"{REF}/formats/html.html#language",
    "metadata-files": "https://quarto.org/docs/projects/quarto-projects.html#shared-metadata",
    "book": f"{REF}/projects/books.html",
    "crossref": f"{REF}/metadata/crossref.html",
    "fig-cap-location": f"{REF}/formats/html.html#figures",
    "tbl-cap-location": f"{REF}/formats/html.html#tables",
    "filters": "https://quarto.org/docs/extensions/filters.html",
    "format": "https://quarto.org/docs/output-formats/all-formats.html",
}
# The project schema is closed (quarto-cli src/resources/schema/project.yml): only these keys.
PROJECT_KEYS = {"title", "type", "render", "execute-dir", "output-dir", "lib-dir", "resources", "preview", "pre-render", "post-render"}
BOOK_KEYS = {  # {REF}/projects/books.html
    "title", "subtitle", "author", "date", "output-file", "chapters", "appendices", "abstract", "description",
    "cover-image", "downloads", "repo-url", "site-url", "favicon", "references",
}
CROSSREF_KEYS = {  # {REF}/metadata/crossref.html
    "chapters", "title-delim", "fig-title", "tbl-title", "fig-prefix", "tbl-prefix", "eq-prefix", "sec-prefix",
    "fig-labels", "tbl-labels", "labels", "subref-labels", "ref-hyperlink", "lof-title", "lot-title",
}
FORMAT_KEYS = {
    "html": {"toc", "toc-depth", "number-sections", "css"},  # {REF}/formats/html.html
    "typst": {"number-sections", "pdf-standard", "font-paths", "template-partials"},  # {REF}/formats/typst.html
    "docx": {"number-sections", "reference-doc"},  # {REF}/formats/docx.html
}
RESERVED = ("fig", "tbl", "lst", "tip", "nte", "wrn", "imp", "cau", "thm", "lem", "cor", "prp", "cnj", "def", "exm",
            "exr", "sol", "rem", "alg", "eq", "sec")
CITE = re.compile(r"(?<![\w@])@([A-Za-z]+-[a-z0-9\-]*[a-z0-9])")


@pytest.fixture(scope="module")
def book(sample_build):
    root = sample_build.sources
    config = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8"))
    chapters = config["book"]["chapters"] + config["book"].get("appendices", [])
    texts = {c: (root / c).read_text(encoding="utf-8") for c in chapters}
    return root, config, chapters, texts


def test_every_option_is_one_quarto_documents(book):
    _, config, _, _ = book
    assert set(config) <= set(DOCUMENTED_TOP), set(config) - set(DOCUMENTED_TOP)
    assert set(config["project"]) <= PROJECT_KEYS
    assert set(config["book"]) <= BOOK_KEYS, set(config["book"]) - BOOK_KEYS
    assert set(config["crossref"]) <= CROSSREF_KEYS
    assert set(config["format"]) == set(FORMAT_KEYS)
    for fmt, keys in FORMAT_KEYS.items():
        assert set(config["format"][fmt]) <= keys, (fmt, set(config["format"][fmt]) - keys)
    assert config["format"]["typst"]["pdf-standard"] == "ua-1"
    assert config["fig-cap-location"] == config["tbl-cap-location"] == "top"


def test_the_book_is_laid_out_as_quarto_books_are(book):
    root, config, chapters, _ = book
    assert config["project"]["type"] == "book"
    for key in ("title", "author", "date"):
        assert config["book"][key], key
    assert config["book"]["title"] == "Uppföljning av omställningen till en god och nära vård"
    assert config["book"]["output-file"] == "uppfoljning-av-omstallningen-till-en-god-och-nara-vard-2025"
    assert chapters[0] == "index.qmd"
    for chapter in chapters:
        assert (root / chapter).is_file() and "/" not in chapter
    # The built-in engine's intermediates and render outputs are not part of the kept book.
    assert not [p.name for p in root.iterdir() if p.name.startswith(("_output", "_rapport", "_css"))]


def test_every_path_the_configuration_names_exists(book):
    root, config, _, _ = book
    paths = [*config["filters"], *config["metadata-files"], config["format"]["html"]["css"],
             config["format"]["docx"]["reference-doc"], *config["format"]["typst"]["template-partials"]]
    for path in paths:
        assert (root / path).is_file(), path
    for folder in config["format"]["typst"]["font-paths"]:
        assert sorted(p.name for p in (root / folder).glob("*.ttf"))


def _targets(text: str) -> list[dict]:
    ast = json.loads(pypandoc.convert_text(text, "json", format="markdown-implicit_figures"))
    found = []

    def walk(blocks):
        for b in blocks:
            if b["t"] == "Div":
                (ident, classes, attrs), content = b["c"]
                found.append({"id": ident, "classes": classes, "content": content})
                walk(content)

    walk(ast["blocks"])
    return found


def _count(blocks, kind: str) -> list:
    out = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == kind:
                out.append(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(blocks)
    return out


def test_figures_and_tables_are_quarto_cross_reference_targets(book):
    _, _, chapters, texts = book
    ids = []
    for chapter in chapters:
        for div in _targets(texts[chapter]):
            ident = div["id"]
            if not ident:
                continue
            ids.append(ident)
            prefix = ident.split("-", 1)[0]
            if prefix in ("fig", "tbl"):
                assert "_" not in ident, ident
                last = [b for b in div["content"] if b["t"] != "Null"][-1]
                assert last["t"] == "Para", f"{ident}: the caption must be the last paragraph"
                if prefix == "fig":
                    images = _count(div["content"], "Image")
                    assert len(images) == 1, ident
                    attrs = dict(images[0]["c"][0][2])
                    assert attrs.get("fig-alt"), f"{ident} has no fig-alt"
                else:
                    assert len(_count(div["content"], "Table")) == 1, ident
            else:
                assert prefix not in RESERVED, f"{ident} uses a prefix Quarto reserves"
    assert len(ids) == len(set(ids)), "ids must be unique across the book"
    targets = {i for i in ids if i.startswith(("fig-", "tbl-"))}
    refs = {m.group(1) for text in texts.values() for m in CITE.finditer(text)}
    refs = {r[0].lower() + r[1:] for r in refs if r.split("-", 1)[0].lower() in ("fig", "tbl")}
    assert refs and refs <= targets, refs - targets
    assert len([t for t in targets if t.startswith("fig-")]) == 57


def test_the_builtin_engine_numbers_the_targets_as_values_json_does(book, sample_build):
    _, _, chapters, texts = book
    order = [d["id"] for c in chapters for d in _targets(texts[c]) if d["id"].startswith("fig-")]
    manifest = json.loads((sample_build.out_dir / "values.json").read_text(encoding="utf-8"))
    by_number = {f["number"]: "fig-" + f["key"].replace("_", "-") for f in manifest["figures"]}
    assert [by_number[n] for n in sorted(by_number)] == order
    html = sample_build.outputs["html"].read_text(encoding="utf-8")
    for number, ident in by_number.items():
        start = html.index(f'id="{ident}"')
        assert re.match(rf'.{{0,400}}?<strong>Figur {number}\.</strong>', html[start:], re.S), ident
