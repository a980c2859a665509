"""How much of the model edition a build holds: its headings and its published values.

    python scripts/edition_coverage.py                      # compose the sample package and measure it
    python scripts/edition_coverage.py --data DIR           # compose another package
    python scripts/edition_coverage.py --text BUILD_DIR     # measure built text (.qmd/.md/.html files)

Both lists are read from the notes on the model edition (../shared/domain/000.md), never
retyped here:

- the headings are the H1–H4 lines of its outline (§2), the " / "-joined H4s split apart;
- the published values are the numbers inside the quoted sentences of §3 (the values per
  kärnindikator and the tables of complementary measures and survey key figures) and of §6.1
  (the survey's design: its questions, population, interviews), less what is not a published
  value: years and the days of dates, "covid-19", citation numbers "[9]", the ages and "per
  100 000" of a measure's definition, list numbering, the denominator of "X av 21".

A heading is found when the build has it verbatim (case, punctuation and no-break spaces
aside), or when edition_coverage.toml beside this script maps it to a heading of ours with
the same subject (a pattern, since many of our headings are chosen by the data).

A value is stated when the build prints the number as the report writes it (decimal comma,
thousands with a space) followed by the quote's unit word ("procent", "av" …) where the quote
has one ("procent" or "%"; "N av" for a count of regions), in a paragraph that shares content words
(stems of seven letters; two where the sentence has four or more, else one) with the edition's sentence (or with the measure it is listed under, when
the sentence is only a number). A number the edition rounds ("knappt 500", "drygt 2 000", "under 20")
is stated by any printed number in the range the word admits.
That is a heuristic: it tells a value the text states from one it never states, not that the
sentence around it says the same as the edition's.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT.parent / "shared" / "domain" / "000.md"
RENAMED = Path(__file__).with_name("edition_coverage.toml")

LINES = re.compile(r"L(\d+)(?:[–-](\d+))?")
YEAR = re.compile(r"(19|20)\d\d")
NUMBER = re.compile(r"(?<![\w,])(\d{1,3}(?: \d{3})+|\d+(?:,\d+)?)(?![\w])")
UNIT_WORDS = ("procent", "procentenheter", "av", "regioner", "miljoner", "kronor", "timmar", "patienter",
              "besök", "barn", "slutenvårdsperioder", "per", "kommunala", "vårdgivare", "invånare", "stycken")
# Parts of a quote that hold digits but are no published value.
NOT_VALUES = (
    (re.compile(r"covid[- ]19"), "covid"),
    (re.compile(r"\[\d+(?:[,–-] ?\d+)*\]"), " "),  # citation numbers
    (re.compile(r"\d+ år (?:och|eller) äldre"), "AGE"),
    (re.compile(r"\d+-, \d+- och \d+-åringar"), "AGES"),
    (re.compile(r"per (?:100 000|1 000|100) "), "per N "),
    (re.compile(r"(?<!\w)\d\) "), " "),  # "1) Ja, vid detta besök"
    (re.compile(r"\bX av 21\b"), " "),  # the notes' own placeholder
    (re.compile(r"\b(\d+) av (?:landets )?\d+\b"), r"\1 av"),  # the denominator is the count of regions
    (re.compile(r"\b[Aa]v (?:landets )?21 regioner"), "Av regionerna"),
    (re.compile(r"\b\d{1,2} (?=(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b)"),
     ""),  # the day of a date ("29 november 2024"): a date, like a year, is no value counted here
    (re.compile(r"webbilaga \d+, \d+,? och \d+"), "webbilagorna"),  # the appendices' numbers
)
# The words with which the edition rounds a number, and the exact values each admits (as factors of it).
ROUNDED = {"knappt": (0.9, 1.0), "nästan": (0.9, 1.0), "drygt": (1.0, 1.1), "cirka": (0.95, 1.05),
           "omkring": (0.95, 1.05), "runt": (0.95, 1.05), "ungefär": (0.95, 1.05), "under": (0.0, 0.999)}
STOP = {"procent", "regioner", "regionerna", "andelen", "jämfört", "kommunerna", "uppgick", "samtliga"}


# --- the edition ---------------------------------------------------------------------------------


def edition_headings(notes: str) -> list[tuple[str, str]]:
    """(level, heading) of every H1–H4 in the outline, in the edition's order."""
    outline = notes.split("## 2. Outline", 1)[1].split("```", 2)[1]
    out = []
    for line in outline.splitlines():
        m = re.match(r"L\d+\s+(H[\d/H]+)\s+(.*)", line.strip())
        if not m:
            continue
        level, rest = m.group(1), re.sub(r"\s{2,}\(.*$", "", m.group(2)).strip()
        for part in re.split(r" / L\d+ ", rest):
            out.append((level, part.strip()))
    return out


@dataclass(frozen=True)
class Value:
    number: str  # as the edition prints it: "7,3", "1 100"
    unit: str  # the word after it in the quote, if one of UNIT_WORDS ("" otherwise)
    quote: str  # the sentence it stands in (cleaned as above)
    line: int  # the line of the notes it comes from
    context: str  # the notes' words before the quote (the measure or area it belongs to)
    about: str = ""  # "knappt", "drygt", "cirka" …: the edition rounded, so a nearby exact value states it
    source: tuple[int, int] | None = None  # the edition's lines the quote comes from ("(L2655–2661)")
    sentence: str = ""  # the quote's sentence that holds the number (the quote itself if one sentence)

    @property
    def words(self) -> set[str]:
        """Content words of the quote; of the context too when the quote is only a number."""
        return self._content(self.quote)

    @property
    def sentence_words(self) -> set[str]:
        """Content words of the number's own sentence: a quote of two sentences may be stated as two
        paragraphs, and the one with the number need not repeat the other's words. The unit word is
        left out: the report may name the unit otherwise ("407 per 100 000 invånare")."""
        return self._content(self.sentence or self.quote) - {self.unit}

    def _content(self, text: str) -> set[str]:
        words = {w for w in re.findall(r"[a-zåäö]{7,}", text.lower()) if w not in STOP}
        if len(words) < 2:
            words |= {w for w in re.findall(r"[a-zåäö]{7,}", self.context.lower()) if w not in STOP}
        return words


# The parts of the notes whose quotes hold published values: (first line starts with, the line after the part
# starts with). The second is optional: §6.1 quotes the survey's design (54 frågor, 290 kommuner, 29 intervjuer).
PARTS = (("#### Values per kärnindikator", "## 4."), ("### 6.1 ", "### 6.2 "))


def published_values(notes: str) -> list[Value]:
    """The numbers of the quoted sentences in §3 from "Values per kärnindikator" to §4, and in §6.1 (the survey's
    design) when the notes have it."""
    lines = notes.splitlines()
    out: list[Value] = []
    for i, (first, after) in enumerate(PARTS):
        start = next((n for n, line in enumerate(lines) if line.startswith(first)), None)
        if start is None and i == 0:
            raise LookupError(f"the notes have no line starting {first!r}")
        if start is not None:
            end = next(n for n, line in enumerate(lines) if n > start and line.startswith(after))
            out += _quoted_values(lines, start, end)
    return out


def _quoted_values(lines: list[str], start: int, end: int) -> list[Value]:
    out, measure = [], ""
    for number, line in _joined(lines, start, end):
        title = re.match(r"\d+\. \*\*(.+?)\*\*", line)
        if title:  # "2. **Medicinsk bedömning inom tre dagar**": the indicator the bullets below are about
            measure = title.group(1)
        elif line.startswith("|"):  # a table row: its first cell names the measure or area
            measure = line.split("|")[1].strip()
        elif not line.startswith(" "):
            measure = ""
        for found in re.finditer(r'"([^"]+)"', line):
            quote, context = found.group(1), measure + " " + line[max(0, found.start() - 80):found.start()]
            ref = LINES.match(line[found.end():].lstrip(" ("))
            source = (int(ref.group(1)), int(ref.group(2) or ref.group(1))) if ref else None
            for pattern, replacement in NOT_VALUES:
                quote = pattern.sub(replacement, quote)
            for m in NUMBER.finditer(quote):
                if YEAR.fullmatch(m.group(1)):
                    continue
                after = re.match(r"\s*\(?([a-zåäö]+)", quote[m.end():])
                unit = after.group(1) if after and after.group(1) in UNIT_WORDS else ""
                before = re.search(r"(\w+)\s+$", quote[: m.start()])
                about = before.group(1).lower() if before and before.group(1).lower() in ROUNDED else ""
                out.append(Value(m.group(1), unit, quote, number, context, about, source, sentence_at(quote, m.start())))
    return out


def _joined(lines: list[str], start: int, end: int):
    """(line number, line) of lines[start:end], a line whose quote runs on to the next lines joined with them
    (§6.1 wraps its bullets inside quotes), numbered by its first line."""
    i = start
    while i < end:
        line, first = lines[i], i
        while line.count('"') % 2 and i + 1 < end:
            i += 1
            line += " " + lines[i].strip()
        yield first + 1, line
        i += 1


def sentence_at(text: str, index: int) -> str:
    """The sentence of *text* that holds position *index* (sentences end in ". " before a capital)."""
    starts = [0] + [m.end() for m in re.finditer(r"[.!?] (?=[A-ZÅÄÖ])", text)]
    start = max(s for s in starts if s <= index)
    end = next((s for s in starts if s > index), len(text))
    return text[start:end].strip()


def contradictions(notes: str) -> dict[int, list[tuple[int, int]]]:
    """Appendix B's numbered inconsistencies of the edition: number -> the edition's line ranges it names."""
    appendix = notes.split("## Appendix B", 1)[1]
    out: dict[int, list[tuple[int, int]]] = {}
    for item in re.split(r"\n(?=\d+\. )", appendix):
        head = re.match(r"(\d+)\. ", item)
        if head:
            out[int(head.group(1))] = [(int(a), int(b or a)) for a, b in LINES.findall(item)]
    return out


def contradiction_of(value: Value, items: dict[int, list[tuple[int, int]]]) -> int | None:
    """The Appendix B item whose lines overlap the quote's: the edition contradicts itself there."""
    if value.source is None:
        return None
    lo, hi = value.source
    return next((n for n, ranges in items.items() if any(a <= hi and lo <= b for a, b in ranges)), None)


# --- the build -----------------------------------------------------------------------------------


def normal(text: str) -> str:
    """Compare headings without case, punctuation, attributes or the kind of space."""
    text = re.sub(r"\{[^}]*\}", "", text).replace("\u00a0", " ").replace("\u2011", "-").lower()
    text = re.sub(r"[^\wåäö ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def build_text(path: Path) -> str:
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    parts = []
    for file in files:
        if file.suffix in (".qmd", ".md"):
            parts.append(file.read_text(encoding="utf-8"))
        elif file.suffix == ".html":
            raw = file.read_text(encoding="utf-8")
            raw = re.sub(r"<h([1-6])[^>]*>(.*?)</h\1>", lambda m: "\n" + "#" * int(m.group(1)) + " " + m.group(2) + "\n",
                         raw, flags=re.S)  # fmt: skip
            raw = re.sub(r"</p>|<br\s*/?>|</li>", "\n\n", raw)
            parts.append(html.unescape(re.sub(r"<[^>]+>", "", raw)))
    return "\n\n".join(parts)


def composed_text(data: Path) -> str:
    """Compose every chapter of this project with the package *data* (no rendering)."""
    from naravard.compose import marks
    from naravard.compose.composer import compose_report
    from naravard.data import load_package
    from naravard.project import Project

    package = load_package(data, ROOT / "data" / "catalogue")
    with tempfile.TemporaryDirectory() as stage:
        composed = compose_report(package, Project(ROOT), Path(stage))
        return "\n\n".join(marks.strip(composed.spelled(ch)) for ch in composed.chapters)


def headings_of(text: str) -> list[str]:
    return [normal(line.lstrip("#")) for line in text.splitlines() if re.match(r"#{1,6} ", line)]


def renamed() -> dict[str, re.Pattern]:
    table = tomllib.loads(RENAMED.read_text(encoding="utf-8"))
    return {normal(entry["edition"]): re.compile(entry["ours"], re.I) for entry in table["renamed"]}


def missing_headings(edition: list[tuple[str, str]], text: str) -> list[tuple[str, str]]:
    ours, mapping = headings_of(text), renamed()
    out = []
    for level, heading in edition:
        key = normal(heading)
        pattern = mapping.get(key)
        if key in ours or (pattern is not None and any(pattern.search(h) for h in ours)):
            continue
        out.append((level, heading))
    return out


@dataclass(frozen=True)
class Fact:
    """A published fact that is no number of §3's quotes (a direction, named län), found by patterns."""

    line: str  # the edition's lines ("L2082–2086")
    what: str
    patterns: tuple[re.Pattern, ...]  # one paragraph must match each

    def stated(self, paras: list[str]) -> bool:
        return any(all(p.search(para) for p in self.patterns) for para in paras)


def facts() -> list[Fact]:
    table = tomllib.loads(RENAMED.read_text(encoding="utf-8"))
    return [Fact(e["line"], e["what"], tuple(re.compile(p, re.I) for p in e["all"])) for e in table.get("fact", [])]


def paragraphs(text: str) -> list[str]:
    """The running text: table rows, images and figure data left out (they hold every number)."""
    flat = text.replace("\u00a0", " ").replace("\u2212", "-")
    lines = [line for line in flat.split("\n") if not line.lstrip().startswith(("|", "![", "<details", "<tr", "<td"))]
    return [re.sub(r"\s+", " ", p) for p in re.split(r"\n\s*\n", "\n".join(lines))]


def as_float(number: str) -> float:
    return float(number.replace(" ", "").replace(",", "."))


def stated(value: Value, paras: list[str]) -> bool:
    # "procent" may be printed as %; "N av 21" stays a count of N; other units are often reworded
    unit = {"procent": r"\s*(?:%|procent)", "av": r"\s+av\b"}.get(value.unit, "")
    if value.about:  # any printed number in the range the rounding word admits
        low, high = (as_float(value.number) * f for f in ROUNDED[value.about])
        pattern = re.compile(rf"(?<![\d,])(\d{{1,3}}(?: \d{{3}})+|\d+(?:,\d+)?)(?![\d]|,\d){unit}", re.I)
        ok = lambda m: low <= as_float(m.group(1)) <= high  # noqa: E731
    else:
        pattern = re.compile(rf"(?<![\d,]){re.escape(value.number)}(?![\d]|,\d){unit}", re.I)
        ok = lambda m: True  # noqa: E731
    for para in paras:
        if shares_words(para, value) and any(ok(m) for m in pattern.finditer(para)):
            return True
    return False


def shares_words(para: str, value: Value) -> bool:
    """Whether *para* holds two of the quote's content words (one where it has fewer than four), or
    the number's own sentence's (two of them, one where it has only one)."""
    lower = para.lower()
    sentence = value.sentence_words
    for words, needed in ((value.words, 2 if len(value.words) >= 4 else 1), (sentence, min(2, len(sentence)))):
        if sum(w[:7] in lower for w in words) >= needed > 0:  # 7 letters: a stem
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "sample-2024")
    parser.add_argument("--text", type=Path, help="built text: a folder of .qmd/.md/.html files, or one file")
    parser.add_argument("--edition", type=Path, default=EDITION)
    args = parser.parse_args(argv)

    notes = args.edition.read_text(encoding="utf-8")
    text = build_text(args.text) if args.text else composed_text(args.data)
    headings = edition_headings(notes)
    missing = missing_headings(headings, text)
    print(f"headings found {len(headings) - len(missing)}/{len(headings)}")
    for level, heading in missing:
        print(f"  missing {level}: {heading}")
    values = published_values(notes)
    paras = paragraphs(text)
    unstated = [v for v in values if not stated(v, paras)]
    items = contradictions(notes)
    print(f"values stated {len(values) - len(unstated)}/{len(values)}")
    for v in unstated:
        item = contradiction_of(v, items)
        why = f"  (the edition contradicts itself here: Appendix B #{item})" if item else ""
        print(f"  missing L{v.line}: {v.number} {v.unit}  «{v.quote[:80]}»{why}")
    extra = facts()
    unstated_facts = [f for f in extra if not f.stated(paras)]
    print(f"facts stated {len(extra) - len(unstated_facts)}/{len(extra)} (issue 10's list and §6.1's response rates, not numbers of the quotes)")
    for f in unstated_facts:
        print(f"  missing {f.line}: {f.what}")
    found = len(values) - len(unstated) + len(extra) - len(unstated_facts)
    print(f"values and facts stated {found}/{len(values) + len(extra)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
