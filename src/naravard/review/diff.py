"""``naravard diff OLD NEW``: what changed between two builds, exactly.

Both build folders hold a values manifest (``values.json``, see
:mod:`naravard.review.manifest`). The diff compares

- values: new, changed (old -> new and by how much), removed, identical;
- text: a word-level diff of every paragraph that changed, per chapter;
- figures and tables: which changed (data, image, title, alt text);
- structure: chapters, figures and tables added, removed or renumbered;

and flags first the changes that flip a statement: a value that changed sign
(an increase that became a decrease) and a sentence whose words, not only its
numbers, changed ("minskade" -> "ökade", a region that is no longer the lowest).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from naravard.review.manifest import read_manifest
from naravard.text import numbers, units

# ---- word diff ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:[,.:\u00a0]\d+)*|\s+|[^\w\s]", re.UNICODE)
_NUMBER = re.compile(r"^[\d\u00a0\s,.:−\-+%]+$")


def tokens(text: str) -> list[str]:
    """Words (a number with decimal comma or no-break-space groups is one word), spaces, punctuation."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op ``=``, ``-`` (only in old) or ``+`` (only in new)."""
    a, b = tokens(old), tokens(new)
    ops: list[tuple[str, str]] = []
    # A space and a no-break space read alike: compare tokens with spaces unified; equal text is the new.
    matcher = difflib.SequenceMatcher(None, [_spaces(t) for t in a], [_spaces(t) for t in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(b[j1:j2])))
        else:
            if i2 > i1:
                ops.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                ops.append(("+", "".join(b[j1:j2])))
    return ops


def _spaces(token: str) -> str:
    return re.sub(r"\s+", " ", token)


def same_text(a: str, b: str) -> bool:
    """The same words: spaces and no-break spaces alike."""
    return _spaces(a) == _spaces(b)


def is_number(token: str) -> bool:
    return bool(_NUMBER.match(token.strip())) and any(ch.isdigit() for ch in token)


def wording_changes(ops: list[tuple[str, str]]) -> list[str]:
    """The changes in *ops* that are words, not numbers: ``['minskade → ökade']``."""
    out: list[str] = []
    i = 0
    while i < len(ops):
        op, text = ops[i]
        if op == "=":
            i += 1
            continue
        removed = text if op == "-" else ""
        added = text if op == "+" else ""
        if op == "-" and i + 1 < len(ops) and ops[i + 1][0] == "+":
            added = ops[i + 1][1]
            i += 1
        i += 1
        words = [t for t in tokens(removed) + tokens(added) if t.strip() and any(ch.isalpha() for ch in t) and not is_number(t)]
        if words and _letters(removed) != _letters(added):  # not only spacing or punctuation
            out.append(f"{' '.join(removed.split()) or '∅'} → {' '.join(added.split()) or '∅'}")
    return out


def _words(text: str) -> list[str]:
    return [t for t in tokens(text) if not t.isspace()]


def _letters(text: str) -> str:
    return re.sub(r"\W", "", text)


def _normalized(text: str) -> str:
    return "".join("#" if is_number(t) else t for t in tokens(text))


# ---- results --------------------------------------------------------------------------------


@dataclass
class ValueChange:
    id: str
    key: str
    kind: str  # text | figure | table
    status: str  # changed | new | removed
    origin: str  # data | derived
    label: str
    old_text: str = ""
    new_text: str = ""
    old_value: float | None = None
    new_value: float | None = None
    delta: float | None = None
    delta_text: str = ""
    sources: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    flipped: bool = False


@dataclass
class TextChange:
    chapter: str
    chapter_title: str
    heading: str
    kind: str  # paragraph | heading | box | note
    status: str  # changed | new | removed
    old_paragraph: int | None
    new_paragraph: int | None
    old_text: str
    new_text: str
    ops: list  # [(op, text)]
    keys: list  # value keys stated in the paragraph (new, else old)
    wording: list  # word changes that are not numbers

    @property
    def flipped(self) -> bool:
        return self.status == "changed" and bool(self.wording)


@dataclass
class ItemChange:
    """A figure or table that changed, was added, removed or renumbered."""

    what: str  # figure | table
    key: str
    status: str  # changed | new | removed | unchanged
    old_number: int | None
    new_number: int | None
    title: str
    chapter: str
    changes: list  # data, image, title, alt, subtitle
    values: list  # ids of changed values it shows
    alt_ops: list = field(default_factory=list)  # word diff of the alt text, when it changed


@dataclass
class StructureChange:
    what: str  # chapter | figure | table
    key: str
    change: str  # added | removed | renumbered | moved | retitled
    old: str = ""
    new: str = ""


@dataclass
class Flip:
    what: str  # value | text
    description: str
    where: str
    old: str
    new: str
    ops: list = field(default_factory=list)  # word diff, for text flips


@dataclass
class Diff:
    old: str
    new: str
    values: list[ValueChange]
    identical_values: int
    text: list[TextChange]
    figures: list[ItemChange]
    tables: list[ItemChange]
    structure: list[StructureChange]
    flips: list[Flip]

    @property
    def identical(self) -> bool:
        return not (self.values or self.text or self.figures or self.tables or self.structure)

    def count(self, status: str, origin: str | None = None) -> int:
        return len({v.key for v in self.values if v.status == status and (origin is None or v.origin == origin)})

    def to_json(self) -> dict:
        out = asdict(self)
        out["identical"] = self.identical
        for t, d in zip(self.text, out["text"]):
            d["flipped"] = t.flipped
        return out


# ---- values ---------------------------------------------------------------------------------


def delta_text(delta: float, unit: str, decimals: int) -> str:
    if units.unit(unit).is_percent:
        return numbers.percentage_points(delta, decimals, with_sign=True)
    return numbers.signed(delta, decimals) + units.unit(unit).table_suffix


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def compare_values(old: dict, new: dict) -> tuple[list[ValueChange], int]:
    a = {v["id"]: v for v in old["values"]}
    b = {v["id"]: v for v in new["values"]}
    out: list[ValueChange] = []
    same = 0
    for ident in sorted(a.keys() | b.keys()):
        o, n = a.get(ident), b.get(ident)
        ref = n or o
        change = ValueChange(
            id=ident,
            key=ref["key"],
            kind=ref["kind"],
            status="",
            origin=ref["origin"],
            label=ref["label"],
            sources=ref["sources"],
            locations=ref["locations"],
        )
        if o is None:
            change.status, change.new_text, change.new_value = "new", n["text"], n["value"]
        elif n is None:
            change.status, change.old_text, change.old_value = "removed", o["text"], o["value"]
        elif o["value"] == n["value"] and o["text"].split() == n["text"].split() and o["unit"] == n["unit"]:
            same += 1
            continue
        else:
            change.status = "changed"
            change.old_text, change.new_text = o["text"], n["text"]
            change.old_value, change.new_value = o["value"], n["value"]
            change.delta = n["value"] - o["value"]
            # An answer ("Nej" -> "Ja") has no size; a number has.
            numeric = any(ch.isdigit() for ch in n["text"])
            change.delta_text = delta_text(change.delta, n["unit"], n["decimals"]) if numeric else "nytt svar"
            change.flipped = _sign(o["value"]) != _sign(n["value"])
        out.append(change)
    return out, same


# ---- text -----------------------------------------------------------------------------------


def _keys(paragraph: dict) -> list[str]:
    return list(dict.fromkeys(k for m in paragraph["marks"] for k in m["keys"]))


def _text_change(chapter: dict, o: dict | None, n: dict | None) -> TextChange:
    ref = n or o
    ops = word_diff(o["text"] if o else "", n["text"] if n else "")
    return TextChange(
        chapter=chapter["file"],
        chapter_title=chapter["title"],
        heading=ref["heading"],
        kind=ref["kind"],
        status="changed" if o and n else ("new" if n else "removed"),
        old_paragraph=o["n"] if o else None,
        new_paragraph=n["n"] if n else None,
        old_text=o["text"] if o else "",
        new_text=n["text"] if n else "",
        ops=ops,
        keys=_keys(ref),
        wording=wording_changes(ops) if o and n else [],
    )


def align_paragraphs(old: list[dict], new: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pairs of old and new paragraphs: the same paragraph, perhaps changed; or one alone."""
    a = [_normalized(p["text"]) for p in old]
    b = [_normalized(p["text"]) for p in new]
    pairs: list[tuple[dict | None, dict | None]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += list(zip(old[i1:i2], new[j1:j2]))
            continue
        olds, news = old[i1:i2], new[j1:j2]
        used: set[int] = set()
        for o in olds:
            best, score = None, 0.5
            for j, n in enumerate(news):
                if j in used:
                    continue
                ratio = difflib.SequenceMatcher(None, _words(o["text"]), _words(n["text"]), autojunk=False).ratio()
                if ratio > score:
                    best, score = j, ratio
            if best is None:
                pairs.append((o, None))
            else:
                used.add(best)
                pairs.append((o, news[best]))
        pairs += [(None, n) for j, n in enumerate(news) if j not in used]
    return pairs


def compare_text(old: dict, new: dict) -> list[TextChange]:
    a = {c["file"]: c for c in old["chapters"]}
    out: list[TextChange] = []
    for chapter in new["chapters"]:
        before = a.get(chapter["file"])
        if before is None:
            continue  # a new chapter is a structure change
        for o, n in align_paragraphs(before["paragraphs"], chapter["paragraphs"]):
            if o and n and same_text(o["text"], n["text"]):
                continue
            out.append(_text_change(chapter, o, n))
    return out


# ---- figures, tables, structure -------------------------------------------------------------


def compare_items(what: str, old: list[dict], new: list[dict], changed_ids: set[str]) -> list[ItemChange]:
    a = {f["key"]: f for f in old}
    b = {f["key"]: f for f in new}
    fields = {"data_sha": "data", "svg_sha": "image", "title": "title", "subtitle": "subtitle", "alt": "alt"}
    out: list[ItemChange] = []
    for key in [f["key"] for f in new] + [f["key"] for f in old if f["key"] not in b]:
        o, n = a.get(key), b.get(key)
        ref = n or o
        changes = [name for field_, name in fields.items() if o and n and o.get(field_, "") != n.get(field_, "")]
        status = "changed" if changes else ("new" if not o else "removed" if not n else "unchanged")
        if status == "unchanged":
            continue
        values = sorted(changed_ids & set((o or {}).get("values", []) + (n or {}).get("values", [])))
        item = ItemChange(what, key, status, o and o["number"], n and n["number"], ref["title"], ref["chapter"], changes, values)
        if "alt" in changes:
            item.alt_ops = word_diff(o["alt"], n["alt"])
        out.append(item)
    return out


def compare_structure(old: dict, new: dict) -> list[StructureChange]:
    out: list[StructureChange] = []
    a = [c["file"] for c in old["chapters"]]
    b = [c["file"] for c in new["chapters"]]
    titles_a = {c["file"]: c["title"] for c in old["chapters"]}
    titles_b = {c["file"]: c["title"] for c in new["chapters"]}
    for stem in b:
        if stem not in a:
            out.append(StructureChange("chapter", stem, "added", new=titles_b[stem]))
        elif titles_a[stem] != titles_b[stem]:
            out.append(StructureChange("chapter", stem, "retitled", titles_a[stem], titles_b[stem]))
    out += [StructureChange("chapter", s, "removed", old=titles_a[s]) for s in a if s not in b]
    common_a = [s for s in a if s in b]
    common_b = [s for s in b if s in a]
    if common_a != common_b:
        out.append(StructureChange("chapter", "", "moved", " ".join(common_a), " ".join(common_b)))
    for what in ("figures", "tables"):
        name = what[:-1]
        fa = {f["key"]: f for f in old[what]}
        fb = {f["key"]: f for f in new[what]}
        for f in new[what]:
            if f["key"] not in fa:
                out.append(StructureChange(name, f["key"], "added", new=_numbered(name, f)))
            elif fa[f["key"]]["number"] != f["number"]:
                out.append(StructureChange(name, f["key"], "renumbered", _numbered(name, fa[f["key"]]), _numbered(name, f)))
            elif fa[f["key"]]["chapter"] != f["chapter"]:
                out.append(StructureChange(name, f["key"], "moved", fa[f["key"]]["chapter"], f["chapter"]))
        out += [StructureChange(name, k, "removed", old=_numbered(name, f)) for k, f in fa.items() if k not in fb]
    return out


def _numbered(what: str, item: dict) -> str:
    label = {"figure": "Figur", "table": "Tabell"}[what]
    return f"{label} {item['number']}. {item['title']}" if item.get("number") else item["title"]


# ---- flips ----------------------------------------------------------------------------------


def _where(t: TextChange) -> str:
    place = f"{t.chapter} ¶{t.new_paragraph or t.old_paragraph}"
    return f"{place} ({t.heading})" if t.heading else place


def find_flips(values: list[ValueChange], text: list[TextChange]) -> list[Flip]:
    flips: list[Flip] = []
    seen: set[str] = set()
    for v in values:
        if v.flipped and v.key not in seen:
            seen.add(v.key)
            what = "changed sign" if v.delta_text != "nytt svar" else "answer changed"
            label = (v.label or v.key).rsplit(": ", 1)[0] if what == "answer changed" else (v.label or v.key)
            flips.append(Flip("value", f"{label}: {what}", v.key, v.old_text, v.new_text))
    for t in text:
        if t.flipped:
            flips.append(Flip("text", "; ".join(t.wording), _where(t), t.old_text, t.new_text, t.ops))
    return flips


# ---- the diff -------------------------------------------------------------------------------


def diff_manifests(old: dict, new: dict, old_name: str = "old", new_name: str = "new") -> Diff:
    values, same = compare_values(old, new)
    changed_ids = {v.id for v in values}
    text = compare_text(old, new)
    return Diff(
        old=old_name,
        new=new_name,
        values=values,
        identical_values=same,
        text=text,
        figures=compare_items("figure", old["figures"], new["figures"], changed_ids),
        tables=compare_items("table", old["tables"], new["tables"], changed_ids),
        structure=compare_structure(old, new),
        flips=find_flips(values, text),
    )


def diff_builds(old: Path, new: Path) -> Diff:
    return diff_manifests(read_manifest(old), read_manifest(new), str(old), str(new))
