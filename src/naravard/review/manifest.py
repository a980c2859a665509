"""The values manifest: every number the report prints, where, and from which data row.

Written with every build as ``values.json`` beside the outputs. It holds

- ``values``: one entry per printed value and kind of place (``text``, ``figure``,
  ``table``), with the text the reader sees, the value as data, its dims, its data
  rows and every place it appears. The id is ``<quantity key>@<kind>``, so the same
  value in two builds has the same id.
- ``chapters``: the plain text of every paragraph, heading, box line and note, in
  order, with the value keys it states (for the word-level text diff).
- ``figures`` and ``tables``: number, key, title, chapter, hashes of the data (and
  of the SVG), and the ids of the values they show (for the structure diff).

The file is deterministic: identical inputs give byte-identical manifests.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pypandoc

from naravard.analysis.quantity import Quantity
from naravard.compose import marks
from naravard.errors import INPUT, NaravardError
from naravard.text import units

MANIFEST = "values.json"
FORMAT = 1
READER = "markdown-implicit_figures"

TEXT, FIGURE, TABLE = "text", "figure", "table"


# ---- origin of a value ----------------------------------------------------------------------


def origin(q: Quantity) -> str:
    """``data`` for a value read as it is from one data row; ``derived`` for one computed by
    the analysis (differences, relative changes, sex gaps, counts, means), even from one row."""
    return "derived" if q.computed or len(q.sources) != 1 else "data"




# ---- plain text from the pandoc AST ---------------------------------------------------------


def _plain(inlines: list) -> str:
    out: list[str] = []
    for node in inlines:
        t, c = node["t"], node.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"):
            out.append(_plain(c))
        elif t in ("Span",):
            out.append(_plain(c[1]))
        elif t in ("Link",):
            out.append(_plain(c[1]))
        elif t == "Quoted":
            out.append("”" + _plain(c[1]) + "”")
        elif t == "Cite":
            out.append(_plain(c[1]))
        elif t in ("Code", "Math"):
            out.append(c[1])
        # Note, Image, RawInline: not part of the running text
    return "".join(out)


def _text(inlines: list) -> str:
    return _squeeze(_plain(inlines))


def _squeeze(text: str) -> str:
    """Runs of spaces and line breaks as one space; no-break spaces stay (the reader sees them)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _attr(attr) -> tuple[str, list[str], dict[str, str]]:
    ident, classes, pairs = attr
    return ident, classes, dict(pairs)


def _value_marks(inlines: list, found: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Every value mark (``naravard.compose.marks``) in *inlines*: (text, keys)."""
    for node in inlines:
        t, c = node["t"], node.get("c")
        if t == "Span":
            _, classes, kv = _attr(c[0])
            if marks.CLASS in classes:
                found.append((_text(c[1]), marks.keys_of(kv)))
            _value_marks(c[1], found)
        elif t in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"):
            _value_marks(c, found)
        elif t in ("Link", "Quoted", "Cite"):
            _value_marks(c[1], found)
    return found


def _notes(inlines: list, found: list) -> list:
    for node in inlines:
        t, c = node["t"], node.get("c")
        if t == "Note":
            found.append(c)
        elif t == "Span":
            _notes(c[1], found)
        elif t in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"):
            _notes(c, found)
        elif t in ("Link", "Quoted"):
            _notes(c[1], found)
    return found


class _ChapterReader:
    """Walks one chapter's AST: paragraphs with their headings, boxes, figures, tables."""

    def __init__(self, chapter: str):
        self.chapter = chapter
        self.title = ""
        self.heading = ""
        self.paragraphs: list[dict] = []
        self.figures: list[str] = []  # anchors, in order
        self.tables: list[str] = []

    def blocks(self, blocks: list, kind: str = "paragraph") -> None:
        for block in blocks:
            self.block(block, kind)

    def block(self, block: dict, kind: str) -> None:
        t, c = block["t"], block.get("c")
        if t == "Header":
            level, _, inlines = c
            text = _text(inlines)
            if level == 1 and not self.title:
                self.title = text
            else:
                self.heading = text
            self.add("heading", inlines)
        elif t in ("Para", "Plain"):
            self.add(kind, c)
        elif t == "LineBlock":
            for line in c:
                self.add(kind, line)
        elif t in ("BulletList",):
            for item in c:
                self.blocks(item, kind)
        elif t == "OrderedList":
            for item in c[1]:
                self.blocks(item, kind)
        elif t == "BlockQuote":
            self.blocks(c, kind)
        elif t == "DefinitionList":
            for term, defs in c:
                self.add(kind, term)
                for d in defs:
                    self.blocks(d, kind)
        elif t == "Div":
            ident, classes, _ = _attr(c[0])
            if "nv-figure" in classes:
                self.figures.append(ident)
            elif "nv-table" in classes:
                self.tables.append(ident)
            elif "nv-box" in classes:
                self.blocks(c[1], "box")
            elif "nv-figure-data" in classes or "content-visible" in classes:
                return
            else:
                self.blocks(c[1], kind)
        elif t == "Table":
            return  # tables in the text are read from their TableSpec

    def add(self, kind: str, inlines: list) -> None:
        text = _text(inlines)
        for note in _notes(inlines, []):
            self.blocks(note, "note")
        if not text:
            return
        marks = _value_marks(inlines, [])
        self.paragraphs.append(
            {
                "n": len(self.paragraphs) + 1,
                "kind": kind,
                "heading": self.heading if kind != "heading" else "",
                "text": text,
                "marks": [{"text": m, "keys": k} for m, k in marks],
            }
        )


def chapter_ast(markdown: str, cache=None) -> dict:
    """pandoc's AST of a chapter; with a build cache, a chapter read before is not read again
    (one pandoc run per chapter is most of values.json's time)."""
    if cache is None or not cache.enabled:
        return json.loads(pypandoc.convert_text(markdown, "json", format=READER))
    import tempfile

    from naravard.cache import digest

    key = digest("chapter-ast", READER, pypandoc.get_pandoc_version(), markdown)
    with tempfile.TemporaryDirectory() as tmp:
        if cache.fetch("ast", key, Path(tmp)):
            return json.loads((Path(tmp) / "ast.json").read_text(encoding="utf-8"))
        text = pypandoc.convert_text(markdown, "json", format=READER)
        (Path(tmp) / "ast.json").write_text(text, encoding="utf-8")
        cache.store("ast", key, [(Path(tmp) / "ast.json", "ast.json")])
        return json.loads(text)


def read_chapter(chapter: str, markdown: str, cache=None) -> _ChapterReader:
    ast = chapter_ast(markdown, cache)
    reader = _ChapterReader(chapter)
    reader.blocks(ast["blocks"])
    return reader


# ---- the manifest ---------------------------------------------------------------------------


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _entry(q: Quantity, kind: str) -> dict:
    return {
        "id": f"{q.key}@{kind}",
        "key": q.key,
        "kind": kind,
        "origin": origin(q),
        "text": "",
        "value": q.value,
        "unit": q.unit,
        "decimals": q.decimals,
        "label": q.label,
        "dims": {k: str(v) for k, v in sorted(q.dims.items())},
        "sources": [{"file": f, "row": r} for f, r in q.sources],
        "synthetic": q.synthetic,
        "locations": [],
    }


def build_manifest(composed, figures_dir: Path | None = None, cache=None) -> dict:
    """The manifest of a composed report (``Composed`` from the compose stage)."""
    entries: dict[str, dict] = {}

    def entry(q: Quantity, kind: str) -> dict:
        ident = f"{q.key}@{kind}"
        if ident not in entries:
            entries[ident] = _entry(q, kind)
        return entries[ident]

    figure_chapter: dict[str, tuple[str, str]] = {}
    table_chapter: dict[str, tuple[str, str]] = {}
    chapters = []
    for chapter, markdown in composed.chapters.items():
        stem = Path(chapter).stem
        reader = read_chapter(chapter, composed.spelled(chapter), cache)  # "figur 12", as the reader sees it
        quantities: dict[str, Quantity] = {}
        texts: dict[str, list[str]] = {}
        for p in composed.printed.get(chapter, []):
            quantities.setdefault(p.quantity.key, p.quantity)
            texts.setdefault(p.quantity.key, [])
            if p.text not in texts[p.quantity.key]:
                texts[p.quantity.key].append(p.text)
        for para in reader.paragraphs:
            for mark in para["marks"]:
                for key in mark["keys"]:
                    q = quantities.get(key)
                    if q is None:
                        continue
                    e = entry(q, TEXT)
                    shown = next((t for t in texts[key] if _squeeze(t) in mark["text"]), texts[key][0])
                    if not e["text"]:
                        e["text"] = _squeeze(shown)
                    e["locations"].append(
                        {
                            "chapter": stem,
                            "chapter_title": reader.title,
                            "kind": para["kind"],
                            "heading": para["heading"],
                            "paragraph": para["n"],
                            "sentence": mark["text"],
                        }
                    )
        for anchor in reader.figures:
            figure_chapter[anchor] = (stem, reader.title)
        for anchor in reader.tables:
            table_chapter[anchor] = (stem, reader.title)
        chapters.append({"file": stem, "title": reader.title, "paragraphs": reader.paragraphs})

    def shown_in(quantities, kind: str, loc: dict) -> list[str]:
        """Record that *quantities* appear in a figure or table at *loc*; their ids."""
        ids = []
        for q in quantities:
            e = entry(q, kind)
            e["text"] = e["text"] or q.shown or units.short(q.value, q.unit, q.decimals)
            if loc not in e["locations"]:
                e["locations"].append(loc)
            ids.append(e["id"])
        return ids

    figures = []
    for spec in composed.figures:
        stem, title = figure_chapter.get(spec.anchor, ("", ""))
        drawn = {q.key: q for q in (*spec.quantities, *spec.printed_quantities)}
        loc = {"chapter": stem, "chapter_title": title, "kind": FIGURE, "figure": spec.number, "figure_key": spec.key}
        ids = shown_in(drawn.values(), FIGURE, loc)
        svg = (figures_dir / f"{spec.key}.svg") if figures_dir else None
        figures.append(
            {
                "number": spec.number,
                "key": spec.key,
                "title": spec.title,
                "subtitle": spec.subtitle,
                "chapter": stem,
                "alt": spec.alt,
                "data_sha": _sha(spec.table.to_csv(index=False).encode("utf-8")),
                "svg_sha": _sha(svg.read_bytes()) if svg and svg.exists() else "",
                "values": sorted(dict.fromkeys(ids)),
            }
        )
    tables = []
    for spec in composed.tables:
        stem, title = table_chapter.get(spec.anchor, ("", ""))
        loc = {"chapter": stem, "chapter_title": title, "kind": TABLE, "table": spec.number, "table_key": spec.key}
        ids = shown_in(spec.quantities, TABLE, loc)
        tables.append(
            {
                "number": spec.number,
                "key": spec.key,
                "title": spec.title,
                "chapter": stem,
                "data_sha": _sha(spec.frame.to_csv(index=False).encode("utf-8")),
                "values": sorted(dict.fromkeys(ids)),
            }
        )
    synthetic = getattr(composed, "synthetic", None)
    return {
        "format": FORMAT,
        # How many printed values rest on synthetic rows, and from which files (compose/synthetic.py).
        "synthetic": synthetic.to_json() if synthetic is not None else {"values": 0, "of": 0, "sources": []},
        "values": [entries[k] for k in sorted(entries)],
        "chapters": chapters,
        "figures": figures,
        "tables": tables,
    }


def add_register_provenance(manifest: dict, package) -> dict:
    """Name, for each data row computed by ``naravard indicators``, the run that made it.

    Additive: a source ``{"file": "indicators.csv", "row": 1205}`` gains ``"provenance": <run id>``
    and the manifest a ``provenance`` table of those runs (definition versions and digests, the
    extract's files by hash, the engine), read from the package's provenance/registers.json.
    """
    from naravard.registers.output import read_provenance

    record = read_provenance(package.root)
    by_indicator = record.get("indicators", {})
    if not by_indicator:
        return manifest
    table = package.indicators
    rows = {
        (f, int(r)): (i, str(int(y)))
        for f, r, i, y in zip(table["source_file"], table["source_row"], table["indicator"], table["year"])
        if i in by_indicator
    }
    used: dict[str, set[str]] = {}
    for entry in manifest["values"]:
        for source in entry["sources"]:
            key = rows.get((source["file"], int(source["row"])))
            run = by_indicator.get(key[0], {}).get(key[1]) if key else None
            if run:
                source["provenance"] = run
                used.setdefault(run, set()).add(key[0])
    runs = {}
    for run, indicators in sorted(used.items()):
        full = dict(record["runs"][run])
        full["definitions"] = {i: d for i, d in sorted(full.get("definitions", {}).items()) if i in indicators}
        runs[run] = full
    manifest["provenance"] = runs
    return manifest


def write_manifest(composed, out_dir: Path, figures_dir: Path | None = None, package=None, cache=None) -> Path:
    manifest = build_manifest(composed, figures_dir, cache)
    if package is not None:
        manifest = add_register_provenance(manifest, package)
    path = out_dir / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return path


class ManifestError(NaravardError):
    """A folder that is not a readable build: ``naravard diff`` stops with exit status 2 (INPUT)."""

    exit_code = INPUT


# What each list of a manifest holds: the keys every entry has, with their types.
_SHAPE = {
    "values": {"id": str, "key": str, "kind": str, "text": str, "unit": str, "label": str, "locations": list},
    "chapters": {"file": str, "title": str, "paragraphs": list},
    "figures": {"key": str, "title": str},
    "tables": {"key": str, "title": str},
}


def read_manifest(folder: Path) -> dict:
    """The manifest of a build folder (or a values.json path); ManifestError when it is
    missing, unreadable, not JSON, of another format or not shaped like one."""
    from naravard.render.publish import MARKER

    path = folder if folder.suffix == ".json" else folder / MANIFEST
    if not path.is_file():
        if path.parent.is_dir() and (path.parent / MARKER).exists():
            raise ManifestError(f"{path} not found: {folder} was built by a naravard version that wrote no values manifest; rebuild it")
        raise ManifestError(f"{path} not found: {folder} is not a naravard build (build it with `naravard build --out DIR`)")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path}: not a values manifest (the file is not UTF-8 text)") from exc
    except (ValueError, RecursionError) as exc:
        raise ManifestError(f"{path}: not a values manifest (invalid JSON: {str(exc)[:120]}); rebuild the draft") from exc
    if not isinstance(manifest, dict):
        raise ManifestError(f"{path}: not a values manifest (it holds a {type(manifest).__name__}, not an object)")
    if manifest.get("format") != FORMAT:
        raise ManifestError(f"{path}: manifest format {str(manifest.get('format'))[:40]!r}, this naravard reads format {FORMAT}; rebuild both drafts")
    for name, keys in _SHAPE.items():
        entries = manifest.get(name)
        if not isinstance(entries, list):
            raise ManifestError(f"{path}: not a complete values manifest (no list {name!r}); rebuild the draft")
        for i, entry in enumerate(entries):
            wrong = [k for k, t in keys.items() if not isinstance(entry, dict) or not isinstance(entry.get(k), t)]
            if wrong:
                raise ManifestError(f"{path}: {name}[{i}] lacks {', '.join(wrong)} (the manifest is damaged); rebuild the draft")
    return manifest
