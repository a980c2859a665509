"""Figures of survey results: counts of regions, Ja/Delvis/Nej, shares of municipalities."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from naravard.analysis.survey import NO, PARTLY, YES, MunicipalityShares, RegionSurveyResult
from naravard.figures import alt as alt_text
from naravard.figures.spec import FigureSpec
from naravard.text import numbers, phrases

REGION_SOURCE = "Källa: Regionernas redovisningar av insatser inom god och nära vård {year}."
MUNICIPALITY_SOURCE = "Källa: Kommunernas redovisningar av insatser inom god och nära vård {year}."


def _labels(result, options: Sequence[str] | None) -> list[tuple[str, str]]:
    q = result.question
    ids = list(options) if options is not None else [o.id for o in q.options] or [""]
    return [(o, q.option(o).label if o else (q.title or q.text)) for o in ids]


def region_count_figure(
    result: RegionSurveyResult,
    *,
    key: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    options: Sequence[str] | None = None,
    years: Sequence[int] | None = None,
    answer: str = YES,
    note: str = "",
) -> FigureSpec:
    """Number of regions answering *answer* per option, for one or two years."""
    q = result.question
    year = result.report_year
    years = tuple(years) if years is not None else tuple(y for y in (year - 1, year) if result.has_year(y))
    records, quantities = [], []
    labels = _labels(result, options)
    for opt, label in labels:
        for y in years:
            n = result.count(answer, opt, y)
            total = result.total(opt, y)
            quantities.append(n)
            records.append(dict(option=opt, label=label, year=y, value=n.value, total=total.value))
    data = pd.DataFrame.from_records(records)
    table = pd.DataFrame({"Alternativ": [lab for _, lab in labels]})
    for y in years:
        sub = data[data.year == y]
        table[f"Antal regioner {y}"] = [f"{numbers.count(int(v))} av {numbers.count(int(t))}" for v, t in zip(sub.value, sub.total)]
    title = title or q.title or q.text
    latest = data[data.year == years[-1]]
    parts = [f"{lab} {numbers.count(int(v))}" for lab, v in zip(latest.label, latest.value)]
    lead = f"Stapeldiagram: antal regioner av {numbers.count(int(latest.total.max()))} som svarat {answer.lower()}"
    full = lead + f" år {years[-1]}: " + "; ".join(parts) + "."
    if len(years) > 1:
        prev = data[data.year == years[0]]
        full += f" År {years[0]}: " + "; ".join(f"{lab} {numbers.count(int(v))}" for lab, v in zip(prev.label, prev.value)) + "."
    alt = full if len(full) <= alt_text.LIMIT else alt_text.within(
        lead + f" år {years[-1]}, per alternativ: " + alt_text.extremes(list(zip(latest.label, latest.value)), _count, high="flest", low="färst") + ".",
        *([f"År {years[0]}: " + alt_text.extremes(list(zip(prev.label, prev.value)), _count, high="flest", low="färst") + "."] if len(years) > 1 else []),
    )
    return FigureSpec(
        key=key or f"fraga-{q.id.replace('.', '-')}-antal",
        kind="bars",
        title=title,
        subtitle=subtitle or f"Antal regioner som svarat {answer.lower()} på frågan.",
        source=REGION_SOURCE.format(year=year),
        alt=alt,
        data=data.rename(columns={"year": "group"}),
        table=table,
        options=dict(axis_max=float(data.total.max()), axis_label="Antal regioner", value_format="count", groups=[str(y) for y in years]),
        quantities=tuple(quantities),
        note=note,
    )


def region_answers_figure(
    result: RegionSurveyResult,
    *,
    key: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    options: Sequence[str] | None = None,
    answers: Sequence[str] = (YES, PARTLY, NO),
    note: str = "",
) -> FigureSpec:
    """Stacked Ja / Delvis / Nej per option (number of regions)."""
    q = result.question
    year = result.report_year
    records, quantities = [], []
    labels = _labels(result, options)
    for opt, label in labels:
        for a in answers:
            n = result.count(a, opt)
            quantities.append(n)
            records.append(dict(option=opt, label=label, answer=a, value=n.value))
    data = pd.DataFrame.from_records(records)
    table = pd.DataFrame({"Alternativ": [lab for _, lab in labels]})
    for a in answers:
        table[a] = [numbers.count(int(v)) for v in data[data.answer == a].value]
    total = int(result.total(labels[0][0]).value)
    parts = []
    for _, lab in labels:
        sub = data[data.label == lab]
        parts.append(f"{lab}: " + ", ".join(f"{a.lower()} {numbers.count(int(v))}" for a, v in zip(sub.answer, sub.value)))
    lead = f"Liggande stapeldiagram: fördelningen av regionernas svar ({', '.join(a.lower() for a in answers)}) år {year}, antal av {total}."
    alt = lead + " " + "; ".join(parts) + "."
    if len(alt) > alt_text.LIMIT:
        first = answers[0]
        shares = [(lab, float(data[(data.label == lab) & (data.answer == first)].value.iloc[0])) for _, lab in labels]
        alt = alt_text.within(lead, f"Svaret {first.lower()}: " + alt_text.extremes(shares, _count, high="flest", low="färst") + ".")
    return FigureSpec(
        key=key or f"fraga-{q.id.replace('.', '-')}-svar",
        kind="stacked",
        title=title or q.title or q.text,
        subtitle=subtitle or "Antal regioner per svarsalternativ.",
        source=REGION_SOURCE.format(year=year),
        alt=alt,
        data=data,
        table=table,
        options=dict(axis_max=float(total), axis_label="Antal regioner", answers=list(answers)),
        quantities=tuple(quantities),
        note=note,
    )


def municipality_figure(
    result: MunicipalityShares,
    *,
    key: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    options: Sequence[str] | None = None,
    years: Sequence[int] | None = None,
    note: str = "",
) -> FigureSpec:
    """Share of municipalities (or of län) per option, for one or two years."""
    q = result.question
    year = result.report_year
    labels = _labels(result, options)
    years = tuple(years) if years is not None else tuple(y for y in (year - 1, year) if all(result.has(o, y) for o, _ in labels))
    records, quantities = [], []
    for opt, label in labels:
        for y in years:
            s = result.share(opt, y)
            quantities.append(s)
            records.append(dict(option=opt, label=label, group=str(y), value=s.value))
    data = pd.DataFrame.from_records(records)
    table = pd.DataFrame({"Alternativ": [lab for _, lab in labels]})
    for y in years:
        table[f"Andel {y}"] = [numbers.percent_sign(v) for v in data[data.group == str(y)].value]
    whom = "län" if q.unit == "andel_lan" else "kommuner"
    latest = data[data.group == str(years[-1])]
    alt = f"Stapeldiagram: andel {whom} år {years[-1]}: " + "; ".join(f"{lab} {numbers.percent(v)}" for lab, v in zip(latest.label, latest.value)) + "."
    if len(years) > 1:
        prev = data[data.group == str(years[0])]
        alt += f" År {years[0]}: " + "; ".join(f"{lab} {numbers.percent(v)}" for lab, v in zip(prev.label, prev.value)) + "."
    if len(alt) > alt_text.LIMIT:
        lead = f"Stapeldiagram: andel {whom} år {years[-1]} för {numbers.count(len(latest))} områden, "
        alt = lead + alt_text.extremes(list(zip(latest.label, latest.value)), numbers.percent) + "."
        if len(years) > 1:
            moves = [(lab, v - float(prev[prev.label == lab].value.iloc[0])) for lab, v in zip(latest.label, latest.value) if lab in set(prev.label)]
            up = max(moves, key=lambda m: m[1], default=None)
            if up is not None and up[1] > 0:
                before = float(prev[prev.label == up[0]].value.iloc[0])
                alt = alt_text.within(alt, f"Störst ökning sedan {years[0]}: {alt_text.in_sentence(up[0])}, från {numbers.percent(before)} till {numbers.percent(before + up[1])}.")
    return FigureSpec(
        key=key or f"{q.id.replace('.', '-')}-andel",
        kind="bars",
        title=title or q.title or q.text,
        subtitle=subtitle or f"Andel {whom} (procent).",
        source=MUNICIPALITY_SOURCE.format(year=year),
        alt=alt,
        data=data,
        table=table,
        options=dict(axis_max=100.0, axis_label=f"Andel {whom} (procent)", value_format="percent", groups=[str(y) for y in years]),
        quantities=tuple(quantities),
        note=note,
    )


def count_bars_figure(
    items,
    *,
    key: str,
    title: str,
    subtitle: str,
    source: str,
    axis_label: str = "Antal regioner",
    note: str = "",
) -> FigureSpec:
    """Counts from several questions in one bar chart.

    *items*: (label, {group: (count, total)}) with Quantities, e.g. Fråga 5, 6
    and 7 in one figure, or one question in two years.
    """
    groups = list(dict.fromkeys(g for _, per in items for g in per))
    records, quantities = [], []
    for label, per in items:
        for g in groups:
            if g in per:
                n, total = per[g]
                quantities.append(n)
                records.append(dict(label=label, group=g, value=n.value, total=total.value))
    data = pd.DataFrame.from_records(records)
    table = pd.DataFrame({"Alternativ": [label for label, _ in items]})
    for g in groups:
        table[g if len(groups) > 1 else "Antal"] = [
            f"{numbers.count(int(per[g][0].value))} av {numbers.count(int(per[g][1].value))}" if g in per else "" for _, per in items
        ]
    total = int(data.total.max())
    alt = f"Stapeldiagram: {phrases.lower_first(title)}, antal av {total}. "
    alt += "; ".join(
        f"{label}: " + ", ".join(f"{numbers.count(int(per[g][0].value))}" + (f" år {g}" if len(groups) > 1 else "") for g in groups if g in per)
        for label, per in items
    ) + "."
    if len(alt) > alt_text.LIMIT:
        last = groups[-1]
        values = [(label, float(per[last][0].value)) for label, per in items if last in per]
        alt = (f"Stapeldiagram: {phrases.lower_first(title)}, antal av {total}" + (f" år {last}" if len(groups) > 1 else "") + ": "
               + alt_text.extremes(values, _count, high="flest", low="färst") + ".")
    return FigureSpec(
        key=key,
        kind="bars",
        title=title,
        subtitle=subtitle,
        source=source,
        alt=alt,
        data=data,
        table=table,
        options=dict(axis_max=float(total), axis_label=axis_label, value_format="count", groups=groups),
        quantities=tuple(quantities),
        note=note,
    )


def _count(v: float) -> str:
    return numbers.count(int(round(v)))
