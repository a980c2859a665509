"""Tables of the report: the core indicators (Tabell 1) and the regions'
survey answers per question (Bilaga 3)."""

from __future__ import annotations

import pandas as pd

from naravard.compose.factbox import keyword_usage
from naravard.analysis.survey import CANNOT, NOT_TICKED, YES, RegionSurveyResult
from naravard.data.models import Catalogue
from naravard.tables.spec import TableSpec
from naravard.text import numbers

NOT_TICKED_MARK = "–"


def core_indicator_table(catalogue: Catalogue, year: int, *, key: str = "karnindikatorer") -> TableSpec:
    """The kärnindikatorer with their nyckelord; indicators whose definition
    changed this year are marked, with the change as a note."""
    rows, notes = [], []
    for ind in catalogue.core_indicators:
        name = ind.name
        definition = ind.definition_for(year)
        if definition.valid_from == year and len(ind.definitions) > 1 and definition.note:
            marker = "*" * (len(notes) + 1)
            name += marker
            notes.append(f"{marker} {definition.note}")
        rows.append({"Indikator": name, "Nyckelord (mål)": ", ".join(ind.keywords)})
    return TableSpec(
        key=key,
        title=f"{len(rows)} kärnindikatorer för målen för god och nära vård",
        subtitle="Nationella kärnindikatorer för att följa målen för god och nära vård, med nyckelord ur regeringens mål.",
        frame=pd.DataFrame(rows),
        align=["l", "l"],
        notes=tuple(notes),
    )


def _cell(answer: str, number: float | None, kind: str) -> str:
    if number is not None:
        return numbers.percent_sign(number) if kind == "percent" else numbers.count(int(round(number)))
    if answer == NOT_TICKED:
        return NOT_TICKED_MARK
    if answer == CANNOT:
        return "Kan ej uppskattas"
    return answer


def _riket(result: RegionSurveyResult, option: str, year: int) -> str:
    kind = result.question.kind
    if kind == "percent":
        return numbers.percent_sign(result.mean(option, year).value)
    if kind == "count":
        return numbers.count(int(result.total_sum(option, year).value))
    n = result.count(YES, option, year)
    total = result.total(option, year)
    return f"{numbers.count(int(n.value))}/{numbers.count(int(total.value))}"


def survey_question_table(result: RegionSurveyResult, year: int | None = None) -> TableSpec:
    """One question of the regions' survey: each region's answer, with the
    "Riket" row (number answering Ja, the mean of percentages, the sum of counts)."""
    q = result.question
    year = result.report_year if year is None else year
    options = [(o.id, o.label) for o in q.options] or [("", "Svar")]
    columns = {"Region": ["Riket"]}
    quantities = []
    for opt_id, label in options:
        answers = result.answers(opt_id, year)
        quantities.extend(a.quantity for a in answers)
        columns[label] = [_riket(result, opt_id, year)] + [_cell(a.answer, a.number, q.kind) for a in answers]
        regions = [a.region.short_name for a in answers]
    columns["Region"] += regions
    frame = pd.DataFrame(columns)
    notes = []
    if any(NOT_TICKED_MARK in frame[c].values for c in frame.columns[1:]):
        notes.append(f"{NOT_TICKED_MARK} = alternativet är inte markerat.")
    if not q.footnote.startswith("Riket"):  # the catalogue's own note on Riket replaces the general one
        notes.append(_riket_note(q.kind))
    if q.footnote:
        notes.append(q.footnote)
    return TableSpec(
        key=f"fraga-{q.id.replace('.', '-')}",
        title=survey_table_title(q),
        frame=frame,
        align=["l"] + ["r" if q.kind in ("percent", "count") else "l"] * len(options),
        notes=tuple(notes),
        source=f"Källa: Regionernas redovisningar av insatser inom god och nära vård {year}.",
        numbered=False,
        quantities=tuple(quantities),
    )


def _riket_note(kind: str) -> str:
    if kind == "percent":
        return "Riket: ovägt medelvärde av de regioner som har angett en andel."
    if kind == "count":
        return "Riket: summan av de antal som regionerna har angett."
    return "Riket: antal regioner som svarat ja, av alla som svarat."


def survey_table_title(q) -> str:
    """``'Fråga 2. Har regionen …?'``; a sub-table (id "29b" under "Fråga 29")
    is titled by what it shows, so the two tables of one question differ."""
    number = q.number or f"Fråga {q.id}"
    if q.number and q.id != q.number.removeprefix("Fråga ").strip() and q.title:
        return f"{number}, forts. {q.title}"
    return f"{number}. {q.text}".replace("...", "…")  # the typographic ellipsis, as pandoc prints it


def keyword_table(catalogue: Catalogue, *, key: str = "nyckelord") -> TableSpec:
    """Nyckelord and the kärnindikatorer tagged with each, most used first."""
    usage = keyword_usage(catalogue)
    total = len(catalogue.core_indicators)
    frame = pd.DataFrame(
        {
            "Nyckelord": [k for k, _ in usage],
            "Antal kärnindikatorer": [f"{numbers.count(len(inds))} av {numbers.count(total)}" for _, inds in usage],
        }
    )
    return TableSpec(
        key=key,
        title="Kärnindikatorer per nyckelord",
        subtitle="Antal kärnindikatorer som är kopplade till respektive nyckelord ur målen för god och nära vård.",
        frame=frame,
        align=["l", "r"],
    )
