"""A region's or kommun's series beside riket's (and its län's): the small trend of an area profile."""

from __future__ import annotations

import pandas as pd

from naravard.analysis.areas import AreaIndicator
from naravard.figures import alt as alt_text
from naravard.figures.indicator_figures import _measure_word, _period_label, _wide_table
from naravard.figures.spec import FigureSpec
from naravard.text import numbers, phrases
from naravard.text.areas import versus


def area_trend_figure(a: AreaIndicator, *, key: str, label: str, county_series=None) -> FigureSpec:
    """*label* names the area's line ("Kalmar", "Gotland"); riket's line is "Riket"."""
    ind = a.indicator
    parts = [(label, a.series), ("Riket", a.riket_series)]
    if county_series:
        parts.insert(1, (f"{a.area.county.county_name}", county_series))
    records, quantities = [], []
    for name, series in parts:
        for p in series:
            if p.quantity is not None:
                quantities.append(p.quantity)
            records.append(dict(series=name, year=p.year, label=_period_label(p.year, p.period), value=p.value,
                                ci_lower=p.ci_lower if name == label else None, ci_upper=p.ci_upper if name == label else None))
    data = pd.DataFrame.from_records(records)
    table = _wide_table(data, "label", "series", [n for n, _ in parts], ind.unit, ind.decimals, first="År")
    years = sorted(data.year.unique())
    sentences = []
    measure = _measure_word(ind.unit)
    neuter = measure != "Andelen"
    if a.change is not None:
        sentences.append(f"{measure} {phrases.change(a.change, neuter=neuter)} {a.area.county.county_locative if a.area.level == 'region' else 'i ' + a.area.name}.")
    if a.riket_change is not None:
        sentences.append(f"Värdet för riket {phrases.change(a.riket_change, with_years=False, neuter=True)}.")
    if a.versus_riket is not None:
        sentences.append(f"År {a.latest.year} var värdet {versus(a.versus_riket)}.")
    covid = ind.covid_band and any(2020 <= y <= 2022 for y in years)
    lead = f"Linjediagram: {phrases.lower_first(ind.short_name)}, {label} och riket, {numbers.year_span(years[0], years[-1])}."
    return FigureSpec(
        key=key,
        kind="trend_small",
        title=f"{ind.short_name}, {label} och riket",
        subtitle=ind.subtitle,
        source=ind.source_line,
        alt=alt_text.within(lead, *sentences, "Perioden för covid-19-pandemin är markerad." if covid else ""),
        data=data,
        table=table,
        options=dict(unit=ind.unit, decimals=ind.decimals, covid=covid, periods=any(data.label != data.year.astype(str))),
        quantities=tuple(quantities),
    )
