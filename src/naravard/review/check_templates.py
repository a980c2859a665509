"""The template lint of ``naravard check``: rules on the literal text of templates.

A template's literal text is what is outside ``{{ }}``, ``{% %}`` and ``{# #}``:
the words an author typed. Numbers in it do not come from data (the filters
print those), so a typed number, year, count or figure reference is suspect.
Expressions are replaced by :data:`VALUE` so a rule can see that *something*
from the data stands there. Prose-like string literals inside tags (figure
titles, subtitles, sources passed to ``fig.…``) are checked too.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from naravard.analysis.rounding import rounded
from naravard.text import numbers
from naravard.project import Project
from naravard.review.rules import CheckConfig, Finding, suppressed
from naravard.text.phrases import QUANTIFIER_TRUTH, quantifier_fits

VALUE = "\ue000"  # stands for an expression's output in literal text
BREAK = "\u2063"  # where a statement or comment tag stood between two words

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'')
_EXEMPT = re.compile(r"^\{#-?\s*check:\s*([a-z\- ,]+?)\s*-?#\}$", re.S)
_OPENERS = ("if", "for", "macro", "call", "filter", "with", "block", "raw")


@dataclass
class Line:
    number: int
    text: str = ""  # literal text, VALUE where an expression prints
    strings: list[str] = field(default_factory=list)  # prose-like string literals in tags
    code: str = ""  # the tags' insides
    exempt: set[str] = field(default_factory=set)
    in_if: bool = False  # literal text on this line is inside {% if %} (or {% for %})


def split_template(text: str) -> list[Line]:
    """The template as lines of literal text, with the code, strings and exemptions of each line."""
    n_lines = text.count("\n") + 1
    lines = [Line(i + 1) for i in range(n_lines)]
    stack: list[str] = []
    pos = 0
    line = 0

    def literal(chunk: str) -> None:
        nonlocal line
        parts = chunk.split("\n")
        for i, part in enumerate(parts):
            if i:
                line += 1
            lines[line].text += part
            if part.strip() and any(s in ("if", "for") for s in stack):
                lines[line].in_if = True

    for m in _TAG.finditer(text):
        literal(text[pos : m.start()])
        tag = m.group(0)
        start_line = line
        if tag.startswith("{{"):
            lines[line].text += VALUE
        elif lines[line].text and not lines[line].text[-1].isspace():
            lines[line].text += BREAK  # "{% if %}Färre{% else %}Fler{% endif %}": not one word
        inner = tag[2:-2].strip("-+ \n\t")
        if tag.startswith("{#"):
            ex = _EXEMPT.match(tag)
            if ex:
                lines[start_line].exempt.update(w for w in re.split(r"[ ,]+", ex.group(1)) if w)
        else:
            lines[start_line].code += " " + inner
            for s in _STRING.finditer(tag):
                value = s.group(1) if s.group(1) is not None else s.group(2)
                if " " in value and re.search(r"[A-Za-zÅÄÖåäö]{3}", value):
                    at = start_line + tag.count("\n", 0, s.start())
                    lines[at].strings.append(value)
            if tag.startswith("{%"):
                _track_block(inner, stack)
        line += tag.count("\n")
        pos = m.end()
    literal(text[pos:])
    return lines


def _track_block(inner: str, stack: list[str]) -> None:
    word = inner.split(None, 1)[0] if inner.split() else ""
    if word in _OPENERS or (word == "set" and "=" not in inner):
        stack.append(word)
    elif word.startswith("end") and stack:
        stack.pop()


# ---- prose cleaning ---------------------------------------------------------------------------

_MARKUP = [
    re.compile(r"https?://\S+|www\.\S+"),
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"\{[.#][^}]*\}"),  # attributes {.class #id key="…"}
    re.compile(r'custom-style="[^"]*"'),
    re.compile(r"^\s*\d+\.\s"),  # numbered list markers
]


def prose(text: str, config: CheckConfig, following: str = "") -> str:
    """Literal text with markup and allowed number patterns blanked (same length).

    *following* is the next line's text: an allowed phrase may run over the line break
    ("personer 75" / "år och äldre").
    """
    if text.lstrip().startswith(":::"):
        return ""
    n = len(text)
    text = text + " " + following.strip() if following else text
    for rx in [*_MARKUP, *config.allowed]:
        text = rx.sub(lambda m: " " * len(m.group(0)), text)
    return text[:n]


# ---- rules ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w\-/.,:§])\d+(?:[\u00a0 ]\d{3})*(?:,\d+)?(?![\w])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_REF = re.compile(r"\b(figur|tabell)(?:en|erna)?\s+\d+", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\b(?:TODO|FIXME|XXX?)\b|\(\w+ x\)|\?\?|\[\.\.\.\]")
_FIRST = re.compile(r"\b(lowest|highest)\s*(\[\s*0\s*\]|\|\s*first)")

QUANTIFIER_WORDS = sorted(QUANTIFIER_TRUTH, key=len, reverse=True)
_QUANT_BEFORE_COUNT = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in QUANTIFIER_WORDS) + r")\b((?:\s+[^\s\d(),.]+){0,3})[\s,(]+(\d+)\s+av\s+(\d+)",
    re.IGNORECASE,
)
# Quantifiers that state a proportion: typed by hand they cannot follow the data.
_PROPORTIONAL = re.compile(
    r"\b(nästan (?:alla|samtliga)|de flesta|flertalet|majoriteten|en majoritet|(?:drygt |knappt )?hälften|"
    r"(?:drygt |knappt )?(?:en|två) tredjedel(?:ar)?|(?:knappt )?tre fjärdedelar|en fjärdedel|ett fåtal|"
    r"färre än hälften|fler än hälften)\s+(?:av\s+)?(?:de\s+)?(?:landets\s+|länets\s+)?"
    r"(?:regioner|regionerna|kommuner|kommunerna|län|länen|vårdcentraler|vårdcentralerna)\b",
    re.IGNORECASE,
)
_ALL_CLAIM = re.compile(
    r"\b(samtliga|alla|ingen|inga)\b(?:\s+\S+){0,4}?\s+(uppger|anger|svarar|har angett|har svarat|rapporterar|redovisar)\b",
    re.IGNORECASE,
)
_REGION_NOUN = re.compile(r"\b(samtliga|alla)\s+(\d+)\s+(regioner|regionerna|län|landsting)\b", re.IGNORECASE)


def quantifier_problem(text: str) -> list[tuple[int, str]]:
    """Quantifiers followed by a count they do not fit: ``[(offset, message)]``."""
    out = []
    for m in _QUANT_BEFORE_COUNT.finditer(text):
        word, n, total = m.group(1), int(m.group(3)), int(m.group(4))
        if total == 0 or n > total:
            continue
        try:
            fits = quantifier_fits(word, n, total)
        except KeyError:
            continue
        if not fits:
            out.append((m.start(), f'"{word.lower()}" does not fit {n} av {total}{_expected(n, total)}'))
    return out


_PERCENT = r"(\d+(?:,\d+)?)\s?(?:procent|%)"
_COUNT_THEN_PERCENT = re.compile(r"(\d+)\s+av\s+(\d+)(?:\s+[a-zåäö]+)?\s*[(,–]\s*" + _PERCENT)
_PERCENT_THEN_COUNT = re.compile(_PERCENT + r"\s*\((\d+)\s+av\s+(\d+)")


def percent_problem(text: str) -> list[tuple[int, str]]:
    """"13 av 21 (48 procent)": a percentage beside a count that it does not equal."""
    out = []
    found = [(m.start(), m.group(1), m.group(2), m.group(3)) for m in _COUNT_THEN_PERCENT.finditer(text)]
    found += [(m.start(), m.group(2), m.group(3), m.group(1)) for m in _PERCENT_THEN_COUNT.finditer(text)]
    for pos, n, total, pct in found:
        n, total = int(n), int(total)
        if not total or n > total:
            continue
        decimals = len(pct.split(",")[1]) if "," in pct else 0
        share = 100 * n / total
        if rounded(share, decimals) != float(pct.replace(",", ".")):  # compared as it would be printed
            out.append((pos, f"{pct} procent beside {n} av {total}, which is {numbers.number(share, 1)} procent"))
    return out


def _expected(n: int, total: int) -> str:
    from naravard.text.phrases import quantifier

    try:
        return f' (expected e.g. "{quantifier(n, total)}"; print it with | hur_många(av))'
    except ValueError:
        return ""


def lint_lines(lines: list[Line], file: str, config: CheckConfig, sources: list[str], regions: int | None = None) -> list[Finding]:
    findings: list[Finding] = []

    def add(line: Line, rule: str, message: str) -> None:
        if not suppressed(rule, line.exempt):
            findings.append(Finding(file, line.number, rule, message))

    for i, line in enumerate(lines):
        texts = [line.text, *line.strings]
        following = lines[i + 1].text.replace(VALUE, " ") if i + 1 < len(lines) else ""
        for raw in texts:
            text = prose(raw, config, following if raw is line.text else "")
            for m in _REF.finditer(text):
                add(line, "literal-ref", f'"{m.group(0)}" is typed; refer to the figure with {{{{ f.ref }}}} so the number cannot be wrong')
            for m in _NUMBER.finditer(_REF.sub(lambda r: " " * len(r.group(0)), text)):
                token = m.group(0)
                if _YEAR.fullmatch(token):
                    add(line, "literal-year", f'year "{token}" is typed; print it from data ({{{{ år }}}}, fakta …) or mark the line {{# check: literal #}}')
                else:
                    add(line, "literal-number", f'number "{token}" is typed in prose; print it from data with a filter (| värde, | antal_av …) or allow it in templates/check.toml')
            for m in _PLACEHOLDER.finditer(raw):
                add(line, "placeholder", f'"{m.group(0)}" looks like a placeholder left in the text')
            for _, message in quantifier_problem(raw.replace(VALUE, " ")):
                add(line, "quantifier", message)
            for _, message in percent_problem(raw.replace(VALUE, " ")):
                add(line, "count-percent", message)
            for m in _REGION_NOUN.finditer(raw):
                if regions is not None and int(m.group(2)) != regions:
                    add(line, "region-count", f'"{m.group(0)}" but there are {regions} regions')
            if raw is line.text and not line.in_if:
                hit = _PROPORTIONAL.search(text) or _ALL_CLAIM.search(text)
                if hit:
                    add(line, "literal-quantifier", f'"{hit.group(1)}" is typed; choose it from the data (| hur_många, | hur_många_ord or a named fact in {{% if %}})')
            for found, canonical in misspelled_sources(raw, sources, config):
                add(line, "source-name", f'"{found}" is spelled differently from the source name "{canonical}"')
        if _FIRST.search(line.code):
            add(line, "first-of-tie", "names only the first of lowest/highest; several regions may tie (use | lägst_högst, or name them all)")
    return findings


# ---- source names ---------------------------------------------------------------------------

_WORD = re.compile(r"[\wÅÄÖåäö]+(?:-[\wÅÄÖåäö]*)?", re.UNICODE)


def _edit_distance(a: str, b: str, limit: int = 3) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def misspelled_sources(text: str, sources: list[str], config: CheckConfig) -> list[tuple[str, str]]:
    """Word sequences that are almost, but not exactly, a canonical source name."""
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    out = []
    for name in sources:
        target = [w.lower() for w in _WORD.findall(name)]
        n = len(target)
        if not n or len(name) < 10:
            continue
        joined_target = " ".join(target)
        for i in range(len(words) - n + 1):
            window = words[i : i + n]
            cand = " ".join(w.lower() for w, _, _ in window)
            if cand == joined_target or cand[:3] != joined_target[:3]:
                continue
            dist = _edit_distance(cand, joined_target, 2)
            if dist > 2:
                continue
            # Inflections ("Patientregistrets", "väntetidsdatabas") are not misspellings.
            if cand.startswith(joined_target) or joined_target.startswith(cand):
                continue
            found = text[window[0][1] : window[-1][2]]
            if found.lower() in config.not_sources or found.lower() in (s.lower() for s in sources):
                continue
            out.append((found, name))
    return out


def canonical_sources(project: Project, config: CheckConfig) -> list[str]:
    """Source and producer names: the catalogue's, the survey source lines', check.toml's."""
    names: list[str] = list(config.source_names)
    path = project.catalogue_dir / "indicators.toml"
    if path.is_file():
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
        for entry in doc.get("indicator", []):
            for key in ("source", "producer"):
                names += _name_parts(str(entry.get(key, "")))
        for text in doc.get("sources", {}).values():
            names += _name_parts(str(text).replace("{year}", ""))
    seen: dict[str, str] = {}
    for name in names:
        name = name.strip(" .,")
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def _name_parts(text: str) -> list[str]:
    """'Patientregistret och Registret över …' -> both registers; '…. Beräkningar av …' split at sentences."""
    parts = []
    for sentence in re.split(r"\.\s+|,\s+", text):
        parts.append(sentence)
        if " och " in sentence and not sentence.startswith(("Hälso- och", "Sveriges Kommuner och")):
            parts += sentence.split(" och ")
    return [re.sub(r"\s*\([^)]*\)", "", p).strip() for p in parts if p.strip()]


# ---- the project ----------------------------------------------------------------------------


def template_files(project: Project) -> list[Path]:
    """Chapters, their section files (``chapters/04-samverkan/*.qmd.j2``) and partials."""
    return sorted((project.templates_dir / "chapters").rglob("*.j2")) + sorted((project.templates_dir / "partials").glob("*.j2"))


def syntax_findings(project: Project) -> list[Finding]:
    """Every template parsed as the build parses it: a syntax error is a finding with its line."""
    import jinja2

    from naravard.compose.environment import make_environment

    env = make_environment(project.templates_dir)
    findings = []
    for path in sorted(project.templates_dir.rglob("*.j2")):
        name = path.relative_to(project.templates_dir).as_posix()
        try:
            env.parse(path.read_text(encoding="utf-8"), name=name, filename=str(path))
        except jinja2.TemplateSyntaxError as exc:
            findings.append(Finding(rel(project, path), exc.lineno or 0, "syntax", exc.message or str(exc)))
        except (OSError, UnicodeDecodeError) as exc:
            findings.append(Finding(rel(project, path), 0, "syntax", f"cannot read the template: {exc}"))
    return findings


def read_templates(project: Project) -> dict[str, list[Line]]:
    """Every chapter and partial template, split into lines once per check: path (from the project) -> lines."""
    return {rel(project, path): split_template(path.read_text(encoding="utf-8")) for path in template_files(project)}


def rel(project: Project, path: Path) -> str:
    try:
        return str(path.resolve().relative_to(project.root.resolve()))
    except ValueError:
        return str(path)


def region_total(project: Project) -> int | None:
    path = project.catalogue_dir / "regions.csv"
    if not path.is_file():
        return None
    rows = [r for r in path.read_text(encoding="utf-8").splitlines()[1:] if r.strip()]
    return len(rows) or None


def lint_project(project: Project, config: CheckConfig, sources: list[str], templates: dict[str, list[Line]] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    regions = region_total(project)
    for file, lines in (templates if templates is not None else read_templates(project)).items():
        findings += lint_lines(lines, file, config, sources, regions)
    refs = project.catalogue_dir / "references.json"  # the stable references (CSL-JSON)
    if refs.is_file():
        for i, text in enumerate(refs.read_text(encoding="utf-8").splitlines(), 1):
            for found, canonical in misspelled_sources(text, sources, config):
                findings.append(Finding(rel(project, refs), i, "source-name", f'"{found}" is spelled differently from the source name "{canonical}"'))
    return findings
