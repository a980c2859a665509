"""Tables of the report: the core indicators (Tabell 1) and the regions'
survey answers per question (Bilaga 3)."""

from __future__ import annotations

import pandas as pd

from naravard.analysis.keywords import keyword_usage
from naravard.analysis.survey import CANNOT, NOT_TICKED, YES, RegionSurveyResult
from naravard.data.models import Catalogue
from naravard.tables.spec import TableSpec
from naravard.analysis.quantity import Quantity
from naravard.text import numbers, phrases
from naravard.text.answer_notes import answer_notes

NOT_TICKED_MARK = "–"
CELL_PADDING = 3  # a cell's inset, in characters, when column widths are set
HEADER_FACTOR = 1.1  # header text is semibold: wider than the cells' text
TABLE_CHARS = 115  # characters of table text across the PDF's text width
WIDE_TABLE_OPTIONS = 3  # from this many options a question's table gets set column widths


def core_indicator_table(catalogue: Catalogue, year: int, *, key: str = "karnindikatorer") -> TableSpec:
    """The kärnindikatorer with their nyckelord; indicators whose definition
    changed this year are marked, with the change as a note, and so are those
    with a note of their own in the catalogue (``table_note``)."""
    rows, notes = [], []
    for ind in catalogue.core_indicators:
        name = ind.name
        definition = ind.changed_in(year)
        for note in (definition.note if definition is not None else "", ind.table_note):
            if note:
                marker = "*" * (len(notes) + 1)
                name += marker
                notes.append(f"{marker} {note}")
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


def _riket(result: RegionSurveyResult, option: str, year: int) -> tuple[str, tuple[Quantity, ...]]:
    """The Riket cell and the values it shows (for the values manifest)."""
    kind = result.question.kind
    if kind == "percent":
        mean = result.mean(option, year)
        return phrases.short_value(mean), (mean,)
    if kind == "count":
        total = result.total_sum(option, year)
        return phrases.bare(total), (total,)
    n = result.count(YES, option, year)
    total = result.total(option, year)
    return f"{phrases.bare(n)}/{phrases.bare(total)}", (n, total)


def survey_question_table(result: RegionSurveyResult, year: int | None = None) -> TableSpec:
    """One question of the regions' survey: each region's answer, with the
    "Riket" row (number answering Ja, the mean of percentages, the sum of counts)."""
    q = result.question
    year = result.report_year if year is None else year
    options = [(o.id, o.heading if _short_headings(q) else o.label) for o in q.options] or [("", "Svar")]
    columns = {"Region": ["Riket"]}
    quantities = []
    for opt_id, label in options:
        answers = result.answers(opt_id, year)
        riket, shown = _riket(result, opt_id, year)
        quantities.extend(shown)
        quantities.extend(a.quantity for a in answers)
        columns[label] = [riket] + [_cell(a.answer, a.number, q.kind) for a in answers]
        regions = [a.region.short_name for a in answers]
    columns["Region"] += regions
    frame = pd.DataFrame(columns)
    notes = _heading_legend(q) if _short_headings(q) else []
    if any(NOT_TICKED_MARK in frame[c].values for c in frame.columns[1:]):
        notes.append(f"{NOT_TICKED_MARK} = alternativet är inte markerat.")
    if not q.footnote.startswith("Riket"):  # the catalogue's own note on Riket replaces the general one
        notes.append(_riket_note(q.kind))
    if q.footnote:
        notes.append(q.footnote)
    notes += answer_notes(result, year)  # corrections and notes on single answers, from their rows
    return TableSpec(
        key=f"fraga-{q.id.replace('.', '-')}",
        title=survey_table_title(q),
        frame=frame,
        align=["l"] + ["r" if q.kind in ("percent", "count") else "l"] * len(options),
        notes=tuple(notes),
        source=f"Källa: Regionernas redovisningar av insatser inom god och nära vård {year}.",
        numbered=False,
        quantities=tuple(quantities),
        widths=_column_widths(frame) if len(options) >= WIDE_TABLE_OPTIONS else None,
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


def _short_headings(q) -> bool:
    """Whether the table's column headers are the options' short labels (when the catalogue gives any)."""
    return any(o.short and o.short != o.label for o in q.options)


def _heading_legend(q) -> list[str]:
    """Notes that give the full option text behind each shortened column header, one per line."""
    lines = [f"{o.short} = {o.label}" for o in q.options if o.short and o.short != o.label]
    return ["Kolumnrubrikerna i sin helhet:"] + lines


def _column_widths(frame: pd.DataFrame) -> list[int]:
    """Relative column widths, in characters. The first column's labels
    (region names) stay whole and cells never wrap; each header gets room for
    its longest word if the page allows (Typst hyphenates what does not fit),
    and room left over lets headers stand on one line, or wrap over two lines
    instead of three."""
    floor, need, want, line = [], [], [], []
    for n, column in enumerate(frame.columns):
        head = str(column)
        cells = max((len(str(v)) for v in frame[column]), default=0)
        if n == 0:
            need.append(max(cells, len(head) * HEADER_FACTOR) + CELL_PADDING + 2)
            floor.append(need[-1])
            want.append(need[-1])
            line.append(need[-1])
            continue
        words = max((len(w) for w in head.split()), default=0) * HEADER_FACTOR
        floor.append(max(cells, 3) + CELL_PADDING)  # cells ("14/21") never wrap
        need.append(max(floor[-1], words + CELL_PADDING))
        want.append(max(need[-1], -(-len(head) // 2) * HEADER_FACTOR + CELL_PADDING))
        line.append(max(need[-1], len(head) * HEADER_FACTOR + CELL_PADDING))
    if sum(line) <= TABLE_CHARS:  # every header fits on one line
        return [round(w * 10) for w in line]
    spare, extra = TABLE_CHARS - sum(need), sum(want) - sum(need)
    if spare > 0 and extra > 0:
        need = [a + min(spare, extra) * (b - a) / extra for a, b in zip(need, want)]
    elif spare < 0 and sum(need) > sum(floor):  # too narrow for every header word: headers give way, not labels or cells
        room, over = max(TABLE_CHARS - sum(floor), 0), sum(need) - sum(floor)
        need = [a + (b - a) * room / over for a, b in zip(floor, need)]
    return [round(w * 10) for w in need]
