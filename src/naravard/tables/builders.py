"""Tables of the report: the core indicators (Tabell 1) and the regions'
survey answers per question (Bilaga 3)."""

from __future__ import annotations

import pandas as pd

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
    if q.kind == "percent":
        notes.append("Riket: ovägt medelvärde av de regioner som har angett en andel.")
    elif q.kind == "count":
        notes.append("Riket: summan av de antal som regionerna har angett.")
    else:
        notes.append("Riket: antal regioner som svarat ja, av alla som svarat.")
    if q.footnote:
        notes.append(q.footnote)
    number = q.number or f"Fråga {q.id}"
    return TableSpec(
        key=f"fraga-{q.id.replace('.', '-')}",
        title=f"{number}. {q.text}",
        frame=frame,
        align=["l"] + ["r" if q.kind in ("percent", "count") else "l"] * len(options),
        notes=tuple(notes),
        source=f"Källa: Regionernas redovisningar av insatser inom god och nära vård {year}.",
        numbered=False,
        quantities=tuple(quantities),
    )
