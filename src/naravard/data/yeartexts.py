"""Year-bound texts of the shared catalogue, filled in for one package's year.

The catalogue is shared by every year's report, so a text in it never types a
year. It names the year with a placeholder instead, which the data stage fills
in from the package once, when it is loaded::

    text = "Har regionen under {year} beslutat att budgetera en större andel … än {prev_year}?"
    text = "… sedan starten på omställningen mot en god och nära vård (ca {period_from})?"

``{year}`` is the report year (``report.toml``), ``{prev_year}`` the year
before, ``{period_from}`` the year the work began (``method.toml``). An
indicator's definition may say ``{valid_from}`` (the first report year it holds
for), ``{base_year}`` and ``{first_year}`` (the indicator's), filled in when the
catalogue is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from naravard.data.models import Catalogue, SurveyQuestion

# placeholder -> what it stands for (messages and docs)
PLACEHOLDERS: Mapping[str, str] = {
    "year": "the report year (report.toml's year)",
    "prev_year": "the year before the report year",
    "period_from": "the year the work began (method.toml's period_from)",
}
INDICATOR_PLACEHOLDERS = ("year", "prev_year")  # an indicator's subtitle and the [sources] lines
DEFINITION_PLACEHOLDERS = ("valid_from", "base_year", "first_year")  # an indicator definition's text and note

_FIELD = re.compile(r"\{([A-Za-z_]*)\}")


def placeholders_in(text: str) -> list[str]:
    """``['year', 'prev_year']`` for ``'under {year} än {prev_year}'``."""
    return _FIELD.findall(text)


def unknown_placeholders(texts: Iterable[str], allowed: Iterable[str]) -> list[str]:
    """The placeholders in *texts* that are not among *allowed* (each once, in order)."""
    allowed = set(allowed)
    return list(dict.fromkeys(p for t in texts for p in placeholders_in(t) if p not in allowed))


def fill(text: str, values: Mapping[str, object]) -> str:
    """*text* with each ``{name}`` of *values* replaced; other braces are left as they are."""
    if "{" not in text:
        return text
    return _FIELD.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def year_values(year: int, period_from: int | None = None) -> dict[str, int]:
    """The placeholders' values for a report year (``period_from`` only when method.toml gives it)."""
    values = {"year": year, "prev_year": year - 1}
    if period_from is not None:
        values["period_from"] = period_from
    return values


def question_texts(q: SurveyQuestion) -> list[str]:
    """Every text of a question that may hold a placeholder."""
    return [q.text, q.title, q.footnote, *(o.label for o in q.options), *(o.short for o in q.options)]


def for_year(catalogue: Catalogue, year: int, period_from: int | None = None) -> tuple[Catalogue, dict[str, list[str]]]:
    """The catalogue with its year-bound texts filled in for *year*, and the placeholders
    left unfilled per question id (``{period_from}`` without a method.toml)."""
    values = year_values(year, period_from)
    indicator_values = {k: v for k, v in values.items() if k in INDICATOR_PLACEHOLDERS}
    sources = {k: fill(v, indicator_values) for k, v in catalogue.sources.items()}
    indicators = {
        k: replace(i, subtitle=fill(i.subtitle, indicator_values)) if "{" in i.subtitle else i
        for k, i in catalogue.indicators.items()
    }
    questions: dict[str, SurveyQuestion] = {}
    unfilled: dict[str, list[str]] = {}
    for k, q in catalogue.questions.items():
        missing = unknown_placeholders(question_texts(q), values)
        if missing:
            unfilled[k] = missing
        questions[k] = _filled_question(q, values) if any("{" in t for t in question_texts(q)) else q
    return replace(catalogue, sources=sources, indicators=indicators, questions=questions), unfilled


def _filled_question(q: SurveyQuestion, values: Mapping[str, object]) -> SurveyQuestion:
    options = tuple(replace(o, label=fill(o.label, values), short=fill(o.short, values)) for o in q.options)
    return replace(q, text=fill(q.text, values), title=fill(q.title, values), footnote=fill(q.footnote, values), options=options)
