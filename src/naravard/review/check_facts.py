"""Rules of ``naravard check`` that read the data beside the text (issue 8).

* ``leftover-year`` / ``year-bound``: a year in the composed report that came
  from fixed text (:mod:`naravard.review.leftovers`): the previous reference
  year is a leftover of the last edition; the report year or the publication
  year will be one next year;
* ``typed-fact``: a fact the data hold typed into a template: a year that
  ``method.toml`` gives (when the work began, the assignment's years, the site
  visits) or the catalogue's pandemic period, the
  deepening study's län named one by one, or a count of the method in words
  ("tre län", "två påminnelser", "tredje gången");
* ``direction``: a typed direction word ("ökade", "minskat", "fler", "färre")
  that contradicts the numbers in its sentence ("ökade från 12 till 9");
* ``quantifier-context``: a typed "flera regioner" (or "många", "några", "de
  flesta") right after a count of none or one in the same paragraph;
* ``quantifier`` (with the other quantifier rules): a typed "bara" or "endast"
  before a count of all ("deltog bara 21 av 21 regioner");
* ``region-count`` in the composed text: "samtliga 20 regioner" where the
  catalogue has 21, typed or printed by a filter (a region that did not answer).

Each finding names the template file and line. Typed means literal text of
the template line: a word that a filter printed follows the data by
construction and is not checked here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from naravard.project import Project
from naravard.review.rules import Finding, suppressed
from naravard.review.check_templates import VALUE, Line
from naravard.text.words import number_word, ordinal_word

# ---- years from fixed text --------------------------------------------------------------------


def leftover_findings(package_dir: Path, project: Project, package, composed, templates: dict[str, list[Line]]) -> list[Finding]:
    """``leftover-year`` for the previous reference year, ``year-bound`` for the report and publication year."""
    from naravard.review.leftovers import fixed_years

    year = package.settings.year
    out = []
    for left in fixed_years(package_dir, project, composed=composed, package=package):
        lines = templates.get(left.file, [])
        if 0 < left.line <= len(lines) and suppressed("leftover-year" if left.year < year else "year-bound", lines[left.line - 1].exempt):
            continue
        if left.year < year:
            out.append(Finding(left.file, left.line, "leftover-year", f'{left.year}, the previous reference year, is fixed text, not data: "{left.context}" ({left.chapter})'))
        else:
            out.append(
                Finding(left.file, left.line, "year-bound", f'{left.year} is fixed text and will be wrong next year; print it from data or a placeholder: "{left.context}" ({left.chapter})')
            )
    return out


# ---- facts typed that the data hold -----------------------------------------------------------


def _year_facts(package) -> dict[int, str]:
    """Years the package's method gives, and where each comes from."""
    facts: dict[int, str] = {}
    method = package.method
    if method is None:
        return facts
    facts[method.period_from] = "method.toml's period_from ({{ metod.period_from }})"
    a = method.assignment
    if a is not None:
        for key in ("first_interim", "last_interim", "agreement_first", "agreement_last"):
            facts.setdefault(getattr(a, key), f"method.toml's assignment.{key} ({{{{ metod.assignment.{key} }}}})")
    visits = method.site_visits
    if visits is not None:
        for year in sorted({visits.start.year, visits.end.year}):
            facts.setdefault(year, "method.toml's site_visits (| tidsperiod)")
    pandemic = package.catalogue.pandemic
    if pandemic is not None:
        for year in sorted({pandemic.start.year, pandemic.end.year}):
            facts.setdefault(year, "the catalogue's [pandemic] (indicators.toml)")
    return facts


def _count_facts(package) -> list[tuple[int, tuple[str, ...], str]]:
    """(count, nouns it counts, where it comes from) for the method's counts that prose writes in words."""
    method = package.method
    if method is None:
        return []
    facts = []
    study = method.deepening_study
    if study is not None:
        facts.append((len(study.counties), ("län",), "the deepening study's län in method.toml ({{ med_bokstäver(metod.deepening_study.counties | length) }})"))
        facts.append((study.interviews_n, ("intervjuer",), "method.toml's deepening_study.interviews"))
    reminders = method.regioner.reminders_n
    if reminders is not None:
        facts.append((reminders, ("påminnelser", "påminnelse"), "method.toml's reminders"))
    facts.append((len(method.surveys), ("enkäter",), "the surveys of method.toml"))
    if method.site_visits is not None:
        facts.append((method.site_visits.regions_n, ("besökta regioner", "verksamhetsbesök"), "method.toml's site_visits.regions"))
    return facts


def typed_fact_findings(package, templates: dict[str, list[Line]]) -> list[Finding]:
    """Facts of the data typed into the templates' literal text."""
    years = _year_facts(package)
    counts = _count_facts(package)
    study = package.method.deepening_study if package.method is not None else None
    edition = package.method.edition if package.method is not None else None
    out = []
    for file, lines in templates.items():
        for line in lines:
            texts = [line.text, *line.strings]
            for text in texts:
                for f in _line_facts(text, years, counts, study, edition):
                    if not suppressed("typed-fact", line.exempt):
                        out.append(Finding(file, line.number, "typed-fact", f))
    return out


def _line_facts(text: str, years, counts, study, edition) -> Iterable[str]:
    text = text.replace(VALUE, " ")
    for m in re.finditer(r"(?<![\d/:.])(19\d\d|20\d\d)(?![\d/:])", text):
        year = int(m.group(1))
        if year in years:
            yield f'"{m.group(0)}" is typed, but the data hold it: {years[year]}'
    for n, nouns, where in counts:
        for word in {number_word(n), str(n)}:
            m = re.search(rf"\b{re.escape(word)}\s+({'|'.join(nouns)})\b", text, re.IGNORECASE)
            if m:
                yield f'"{m.group(0)}" is typed, but the data hold the number: {where}'
    if edition is not None:
        m = re.search(rf"\b{ordinal_word(edition)}\s+gången\b", text, re.IGNORECASE)
        if m:
            yield f'"{m.group(0)}" is typed, but the data hold it: method.toml\'s edition ({{{{ ordinal(method.edition) }}}})'
    if study is not None and len(study.counties) > 1:
        named = [r for r in study.counties if _names_county(r, text)]
        if len(named) >= 2:
            yield f'the deepening study\'s län ({", ".join(r.short_name for r in named)}) are typed; print them from method.toml ({{{{ metod.deepening_study.counties | uppräknade_län }}}})'


def _names_county(region, text: str) -> bool:
    stem = region.county_name.removesuffix(" län")
    return bool(re.search(rf"\b{re.escape(stem)}\b", text)) or bool(re.search(rf"\b{re.escape(region.short_name)}\b", text))


# ---- direction words and quantifiers beside numbers ---------------------------------------------

UP = ("ökade", "ökat", "ökar", "steg", "stigit", "högre", "fler", "större")
DOWN = ("minskade", "minskat", "minskar", "sjönk", "sjunkit", "lägre", "färre", "mindre")
_NUM = r"(\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)"
_FROM_TO = re.compile(rf"\b({'|'.join(UP + DOWN)})\b[^.;:]*?\bfrån\s+{_NUM}[^.;:]*?\btill\s+{_NUM}", re.IGNORECASE)
_COMPARE = re.compile(
    rf"\b(fler|färre)\b[^.;:]*?\b(\d+)\s+av\s+(\d+)[^.;:]*?\b(?:än|jämfört med)\b[^.;:]*?\b(\d+)\s+av\s+(\d+)", re.IGNORECASE
)
_COMPARE_BEFORE = re.compile(
    rf"\b(\d+)\s+av\s+(\d+)[^.;:]*?\b(fler|färre)\b\s+(?:än|jämfört med)\b[^.;:]*?\b(\d+)\s+av\s+(\d+)", re.IGNORECASE
)
_SEVERAL = re.compile(r"\b(flera|många|några|de flesta|flertalet)\s+(regioner|kommuner|län)\b", re.IGNORECASE)
_COUNT = re.compile(r"\b(\d+)\s+av\s+(\d+)\b")
_YEARLIKE = re.compile(r"(19|20)\d\d$")


def _number(text: str) -> float:
    return float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))


def direction_problems(sentence: str) -> list[tuple[str, str]]:
    """(word, message) for each direction word the numbers of *sentence* contradict."""
    out = []
    for m in _FROM_TO.finditer(sentence):
        word, a, b = m.group(1), m.group(2), m.group(3)
        if _YEARLIKE.fullmatch(a) or _YEARLIKE.fullmatch(b):
            continue
        up = word.lower() in UP
        if (_number(b) < _number(a)) if up else (_number(b) > _number(a)):
            out.append((word, f'"{word}" but the value goes from {a} to {b}'))
    for m in _COMPARE.finditer(sentence):
        word, n1, t1, n2, t2 = m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5))
        if t1 == t2 and ((n1 <= n2) if word.lower() == "fler" else (n1 >= n2)):
            out.append((word, f'"{word}" but {n1} av {t1} against {n2} av {t2}'))
    for m in _COMPARE_BEFORE.finditer(sentence):
        n1, t1, word, n2, t2 = int(m.group(1)), int(m.group(2)), m.group(3), int(m.group(4)), int(m.group(5))
        if t1 == t2 and ((n1 <= n2) if word.lower() == "fler" else (n1 >= n2)):
            out.append((word, f'"{word}" but {n1} av {t1} against {n2} av {t2}'))
    return out


_ONLY = re.compile(r"\b(bara|endast|enbart)\b(?:\s+[^\s\d]+){0,3}?\s+(\d+)\s+av\s+(\d+)\b", re.IGNORECASE)


def only_problems(sentence: str) -> list[tuple[str, str]]:
    """(word, message) for "bara 21 av 21": "only" said of all of them."""
    return [(m.group(1), f'"{m.group(1)}" with {m.group(2)} av {m.group(3)}, which is all of them')
            for m in _ONLY.finditer(sentence) if int(m.group(2)) == int(m.group(3))]


_ALL_N = re.compile(r"\b(samtliga|alla)\s+(\d+)\s+(regioner|regionerna|län|länen)\b(?!\s+som\s+(?:har\s+)?(?:be)?svara)", re.IGNORECASE)


def all_of_fewer(sentence: str, regions: int | None) -> list[tuple[str, str]]:
    """(word, message) for "samtliga 20 regioner" when there are 21: it reads as if Sweden had 20
    ("samtliga 20 regioner som svarade" or "20 av 21 regioner" says it)."""
    if not regions:
        return []
    return [(m.group(1), f'"{m.group(0)}" but there are {regions}; say "{m.group(0)} som svarade" or "{m.group(2)} av {regions}"')
            for m in _ALL_N.finditer(sentence) if int(m.group(2)) != regions]


def several_after_few(sentences: list[str]) -> list[tuple[int, str, str]]:
    """(sentence index, word, message): "flera regioner" in a sentence after a count of 0 or 1 of the same paragraph."""
    out = []
    last = None
    for i, sentence in enumerate(sentences):
        m = _SEVERAL.search(sentence)
        if m and last is not None and last[0] <= 1 and not _COUNT.search(sentence[: m.start()]):
            out.append((i, m.group(1), f'"{m.group(0)}" right after a count of {last[0]} av {last[1]}'))
        counts = _COUNT.findall(sentence)
        if counts:
            last = (int(counts[-1][0]), int(counts[-1][1]))
    return out


def typed(line: Line | None, word: str) -> bool:
    """Whether *word* is in the literal text of the template line (not printed by a filter)."""
    return line is not None and re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", line.text.lower()) is not None
