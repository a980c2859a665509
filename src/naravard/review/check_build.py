"""The build check of ``naravard check``: compose the report with the data and check it.

Nothing is rendered: the templates are composed into markdown (as the build's
first stage does) in a temporary folder, then

* every figure must have a title, a source line ("Källa: …"/"Källor: …") and an
  alt text, every table a title and a source line;
* every quantifier followed by a count must fit it ("samtliga" only for 21 av 21),
  and a heading's quantifier must fit the first count of its section;
* a sentence with "lägst", "högst", "minst" … that prints a region's value which
  is the lowest or highest must name every region with that value.

A finding in composed text is traced back to the template line, among the
chapter's template files (the chapter's and its sections'), whose typed words it
shares most (the value marks carry no template lines). Compose errors, figures
and tables carry their template location (file, line) from the compose stage.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path

import jinja2

from naravard.analysis.quantity import Quantity
from naravard.compose import marks
from naravard.compose.registry import ComposeError, Location
from naravard.errors import NaravardError
from naravard.project import Project
from naravard.review.rules import CheckConfig, Finding, suppressed
from naravard.review.check_templates import (
    QUANTIFIER_WORDS,
    VALUE,
    Line,
    percent_problem,
    quantifier_problem,
    read_templates,
)
from naravard.analysis.rounding import rounded
from naravard.text.phrases import quantifier_fits

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\[])")
_SUPERLATIVE = re.compile(r"\b(lägst|lägsta|högst|högsta|minst|minsta|störst|största|flest|färst)\b", re.IGNORECASE)
_HEADING_Q = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in QUANTIFIER_WORDS) + r")\s+(?:av\s+)?(?:landets\s+)?(regioner|regionerna|kommuner|kommunerna|län)\b",
    re.IGNORECASE,
)
_COUNT = re.compile(r"(\d+)\s+av\s+(\d+)")
_WORDS = re.compile(r"[A-Za-zÅÄÖåäöÉé]{3,}")


@dataclass
class Chapter:
    files: dict[str, list[Line]]  # its template files (relative to the project) -> their literal text
    markdown: str  # what it composed to
    quantities: dict[str, Quantity]  # key -> the value printed under that key


def _quantities(printed) -> dict[str, Quantity]:
    return {p.quantity.key: p.quantity for p in printed}


def check_build(project: Project, data_dir: Path, config: CheckConfig, templates: dict[str, list[Line]] | None = None) -> list[Finding]:
    from naravard.compose.composer import compose_report, template_for
    from naravard.data import load_package

    try:
        package = load_package(data_dir, project.catalogue_dir)
    except NaravardError as exc:
        return [Finding(str(data_dir), 0, "compose", f"the data package does not load: {exc}")]

    templates = dict(templates) if templates is not None else read_templates(project)

    def chapter_lines(file: str) -> list[Line]:
        return templates.get(file, [])

    with tempfile.TemporaryDirectory(prefix="naravard-check-") as tmp:
        try:
            composed = compose_report(package, project, Path(tmp))
        except ComposeError as exc:
            return [_compose_finding(exc)]
        except (NaravardError, jinja2.TemplateError) as exc:
            return [Finding("templates", 0, "compose", str(exc))]
    findings = _captions(composed, composed.where, chapter_lines)
    findings += _sources(composed, package, data_dir)
    checker = _DataChecks(package)
    for chapter in composed.chapters:
        files = composed.sources.get(chapter) or ["templates/" + template_for(chapter)]
        lines = {file: chapter_lines(file) for file in files}
        findings += _check_prose(Chapter(lines, composed.spelled(chapter), _quantities(composed.printed.get(chapter, []))), checker)
    return findings


# ---- compose errors and captions ------------------------------------------------------------


def _sources(composed, package, data_dir: Path) -> list[Finding]:
    """Examples no template placed, and cited references whose details are not yet confirmed."""
    from naravard.compose.examples import unplaced_message

    out = [Finding(f"{data_dir.name}/{e.source_file}", e.source_row, "sources", unplaced_message(e)) for e in composed.unplaced_examples]
    refs = package.references
    for ident in composed.cited:
        note = str(refs.items[ident].get("note", "")) if refs is not None else ""
        if note.startswith(("Oidentifierad", "Rekonstruerad")):
            status = "unidentified" if note.startswith("Oidentifierad") else "reconstructed"
            origin = refs.origin.get(ident, "references.json")
            file = origin if "/" in origin else f"{data_dir.name}/{origin}"  # the package's own file
            out.append(Finding(file, 0, "sources", f"the cited reference {ident!r} is marked {status} in its note: {note}"))
    return out


def _compose_finding(exc: ComposeError) -> Finding:
    where = exc.location or Location("templates")
    return Finding(where.file, where.line, "compose", exc.reason)


def _captions(composed, where: dict[str, Location], chapter_lines) -> list[Finding]:
    out = []
    nowhere = Location("templates")
    for spec in composed.figures:
        file, line = astuple(where.get("figur:" + spec.key, nowhere))
        problems = []
        if not spec.title.strip():
            problems.append("no title")
        if not re.match(r"Käll(a|or): \S", spec.source.strip()):
            problems.append(f'source line {spec.source.strip()!r} does not start with "Källa: " or "Källor: "')
        if not spec.alt.strip():
            problems.append("no alt text")
        elif spec.alt.strip() == spec.title.strip():
            problems.append("the alt text only repeats the title; describe what the figure shows")
        for p in problems:
            if not _exempt(chapter_lines(file), line, "caption"):
                out.append(Finding(file, line, "caption", f"figure {spec.number} ({spec.key}): {p}"))
    for spec in composed.tables:
        file, line = astuple(where.get("tabell:" + spec.key, nowhere))
        problems = []
        if not spec.title.strip():
            problems.append("no title")
        if not spec.source.strip():
            if spec.quantities:  # a table of data names its source; a list (Tabell 1) need not
                problems.append('no source line ("Källa: …")')
        elif not re.match(r"Käll(a|or): \S", spec.source.strip()):
            problems.append(f'source line {spec.source.strip()!r} does not start with "Källa: " or "Källor: "')
        for p in problems:
            if not _exempt(chapter_lines(file), line, "caption"):
                out.append(Finding(file, line, "caption", f"table {spec.label or spec.key}: {p}"))
    return out


def _exempt(lines: list[Line], number: int, rule: str) -> bool:
    return 0 < number <= len(lines) and suppressed(rule, lines[number - 1].exempt)


# ---- composed prose -------------------------------------------------------------------------


def _plain(markdown: str) -> tuple[str, list[marks.Mark]]:
    """Markdown text with value marks replaced by their text, and where each mark was."""
    return marks.unmark(markdown)


def _paragraphs(markdown: str) -> list[str]:
    """Prose paragraphs and headings; figure and table blocks, divs' fences and pipe tables left out."""
    paragraphs, current, depth_skip, depth = [], [], None, 0
    for line in markdown.split("\n"):
        stripped = line.strip()
        if stripped.startswith(":::"):
            if stripped.strip(":").strip():  # an opening fence
                depth += 1
                if depth_skip is None and re.search(r"\.nv-(figure|table)\b", stripped):
                    depth_skip = depth
            else:
                if depth_skip == depth:
                    depth_skip = None
                depth -= 1
            paragraphs.append("\n".join(current))
            current = []
            continue
        if depth_skip is not None or stripped.startswith("|"):
            continue
        if not stripped or stripped.startswith("#"):
            paragraphs.append("\n".join(current))
            current = []
            if stripped:
                paragraphs.append(stripped)
            continue
        current.append(stripped.removeprefix("- "))
    paragraphs.append("\n".join(current))
    return [p for p in paragraphs if p.strip()]


def _check_prose(chapter: Chapter, data: "_DataChecks") -> list[Finding]:
    findings: list[Finding] = []

    def add(rule: str, snippet: str, anchor: str, message: str, heading: bool = False) -> None:
        file, line = locate(chapter.files, snippet, anchor, heading=heading)
        typed = chapter.files[file][line - 1] if line else None
        if typed is not None and suppressed(rule, typed.exempt):
            return
        if heading and typed is not None:
            if typed.in_if or anchor.lower() not in typed.text.lower():
                return  # the heading's quantifier is chosen from the data, not typed
        findings.append(Finding(file, line, rule, message))

    paragraphs = _paragraphs(chapter.markdown)
    for i, para in enumerate(paragraphs):
        plain, spans = _plain(para)
        plain_one = plain.replace("\n", " ")
        if para.startswith("#"):
            _heading(para, paragraphs[i + 1 :], add)
            continue
        for sentence, offset in _sentences(plain_one):
            for pos, message in quantifier_problem(sentence):
                add("quantifier", sentence, sentence[pos:].split()[0], message + f': "{_short(sentence)}"')
            for pos, message in percent_problem(sentence):
                add("count-percent", sentence, "", message + f': "{_short(sentence)}"')
            sup = _SUPERLATIVE.search(sentence)
            if sup:
                inside = [s for s in spans if offset <= s.start < offset + len(sentence)]
                for message in data.ties(sentence, inside, chapter.quantities):
                    add("tie", sentence, sup.group(1), message)
    return findings


def _heading(heading: str, following: list[str], add) -> None:
    text, _ = _plain(heading)
    text = text.lstrip("#").strip()
    m = _HEADING_Q.search(text)
    if not m or _COUNT.search(text):
        return
    for para in following:
        if para.startswith("#"):
            return
        count = _COUNT.search(_plain(para)[0])
        if count:
            n, total = int(count.group(1)), int(count.group(2))
            try:
                fits = quantifier_fits(m.group(1), n, total)
            except KeyError:
                return
            if not fits and 0 <= n <= total and total:
                add("heading-quantifier", text, m.group(1), heading=True, message=f'heading says "{m.group(1).lower()}" but its section counts {n} av {total}: "{_short(text)}"')
            return


def _sentences(text: str) -> list[tuple[str, int]]:
    out, pos = [], 0
    for part in _SENTENCE_END.split(text):
        start = text.find(part, pos)
        out.append((part, start))
        pos = start + len(part)
    return out


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def locate(files: dict[str, list[Line]], snippet: str, anchor: str | None = None, *, heading: bool = False) -> tuple[str, int]:
    """The template file and line whose typed words best match *snippet* (line 0 when none does)."""
    words = {w.lower() for w in _WORDS.findall(snippet)}
    anchor = (anchor or "").lower()
    best, best_score = (next(iter(files), "templates"), 0), 0
    for file, lines in files.items():
        for line in lines:
            typed = " ".join([line.text.replace(VALUE, " "), *line.strings]).lower()
            have = set(_WORDS.findall(typed))
            score = len(words & have)
            before = r"(?<!\w)" if anchor[:1].isalnum() else ""
            if anchor and re.search(before + re.escape(anchor) + r"(?!\w)", typed):
                score += 3
            if heading and score and line.text.lstrip().startswith("#"):
                score += 5
            if score > best_score:
                best, best_score = (file, line.number), score
    return best


# ---- ties -----------------------------------------------------------------------------------


class _DataChecks:
    """Looks up the values behind value marks, to see whether a region's value is shared."""

    def __init__(self, package):
        self.package = package
        self._cache: dict[tuple, dict] = {}

    def _values(self, q: Quantity) -> tuple[dict, str] | None:
        """All regions' printed values of the series *q* belongs to, and *q*'s region (read from its dims)."""
        dims = q.dims
        area = dims.get("area", "")
        if q.computed or len(area) != 2 or area == "00":
            return None  # only a region's own value can be one of a tie
        try:
            if "indicator" in dims:
                cache_key = ("i", dims["indicator"], dims["year"], dims["sex"])
                if cache_key not in self._cache:
                    from naravard.analysis.indicators import indicator_result

                    result = indicator_result(self.package, dims["indicator"])
                    values = {}
                    for region in self.package.catalogue.regions:
                        p = result.point(int(dims["year"]), dims["sex"], region.code)
                        if p is not None and p.quantity is not None:
                            values[region.code] = rounded(p.quantity.value, p.quantity.decimals)
                    self._cache[cache_key] = values
                return self._cache[cache_key], area
            if "question" in dims:
                cache_key = ("e", dims["question"], dims["option"], dims["year"])
                if cache_key not in self._cache:
                    from naravard.analysis.survey import region_survey

                    answers = region_survey(self.package, dims["question"]).answers(dims["option"], int(dims["year"]))
                    self._cache[cache_key] = {a.region.code: rounded(a.number, 0) for a in answers if a.number is not None}
                return self._cache[cache_key], area
        except (LookupError, ValueError):
            return None
        return None

    def ties(self, sentence: str, spans: list[marks.Mark], quantities: dict[str, Quantity]) -> list[str]:
        out = []
        regions = {r.code: r for r in self.package.catalogue.regions}
        for span in spans:
            for key in span.keys:
                found = self._values(quantities[key]) if key in quantities else None
                if not found:
                    continue
                values, area = found
                if area not in values or len(values) < 2:
                    continue
                v = values[area]
                if v not in (min(values.values()), max(values.values())):
                    continue
                tied = [regions[c] for c, x in values.items() if x == v]
                if len(tied) < 2:
                    continue
                named = [r for r in tied if _names(r, sentence)]
                if len(named) < len(tied):
                    missing = [r.short_name for r in tied if r not in named]
                    out.append(
                        f'"{_short(sentence)}" names {len(named)} of the {len(tied)} regions that share this '
                        f"{'lowest' if v == min(values.values()) else 'highest'} value (also: {', '.join(missing)}); "
                        "use | lägst_högst or name them all"
                    )
        return out


def _names(region, sentence: str) -> bool:
    return any(name and name in sentence for name in (region.county_name, region.region_name, region.short_name))
