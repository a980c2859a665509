"""An area profile's trends: every measure's series for the area beside riket's, in one figure of
small panels (one per measure), so a profile stays a few pages and its figures are drawn quickly."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from naravard.analysis.areas import AreaIndicator
from naravard.figures import alt as alt_text
from naravard.figures.indicator_figures import _period_label
from naravard.figures.spec import FigureSpec
from naravard.text import phrases, units

RIKET = "Riket"


def _sentence(a: AreaIndicator, label: str) -> str:
    """One panel in the alt text: ``'Oplanerade återinskrivningar: minskade från 9,5 % år 2017 till 8,9 % år 2024 (riket: …)'``."""
    if a.change is None:
        if a.has_value:
            return f"{a.indicator.short_name}: {phrases.short_value(a.latest.quantity)} år {a.latest.year}."
        return f"{a.indicator.short_name}: uppgift saknas."
    text = f"{a.indicator.short_name}: {phrases.change(a.change, neuter=True)}"
    if a.riket_change is not None:
        text += f", riket {phrases.change(a.riket_change, with_years=False, neuter=True)}"
    return text + "."


def _sources(shown: Sequence[AreaIndicator]) -> str:
    """``'Källa: A, Socialstyrelsen; B, SKR.'``: each source once, after one "Källa:"."""
    names = dict.fromkeys(a.indicator.source_line.removeprefix("Källa: ").rstrip(".") for a in shown)
    return f"{'Källa' if len(names) == 1 else 'Källor'}: {'; '.join(names)}."


def area_trends_figure(results: Sequence[AreaIndicator], *, key: str, label: str, png: bool = True) -> FigureSpec | None:
    """One panel per measure with at least two years for the area; None when no measure has a series."""
    shown = [a for a in results if len([p for p in a.series if p.quantity is not None]) >= 2]
    if not shown:
        return None
    records, quantities, table = [], [], []
    for order, a in enumerate(shown):
        years = sorted({p.year for p in (*a.series, *a.riket_series)})
        x_of = {y: i for i, y in enumerate(years)}
        for name, series in ((label, a.series), (RIKET, a.riket_series)):
            for p in series:
                if p.quantity is None:
                    continue
                quantities.append(p.quantity)
                records.append(dict(indicator=a.indicator.short_name, order=order, series=name, year=p.year,
                                    x=x_of[p.year], tick=_period_label(p.year, p.period), value=p.value))
        mine = {p.year: p for p in a.series if p.quantity is not None}
        nation = {p.year: p for p in a.riket_series if p.quantity is not None}
        for y in years:
            table.append({"Mått": a.indicator.short_name, "År": _period_label(y, (mine.get(y) or nation.get(y)).period),
                          label: units.short(mine[y].value, a.indicator.unit, a.indicator.decimals) if y in mine else "",
                          RIKET: units.short(nation[y].value, a.indicator.unit, a.indicator.decimals) if y in nation else ""})
    data = pd.DataFrame.from_records(records)
    lead = f"Linjediagram i {len(shown)} delar, ett per mått: {label} och riket från basåret till det senaste året."
    return FigureSpec(
        key=key,
        kind="area_multiples",
        title=f"Utvecklingen för {label} och riket, mått för mått",
        subtitle="Heldragen linje: " + label + ". Streckad linje: riket. Varje mått har sin egen skala.",
        source=_sources(shown),
        alt=alt_text.within(lead, *[_sentence(a, label) for a in shown]),
        data=data,
        table=pd.DataFrame(table),
        options=dict(series=[label, RIKET], png=png),
        quantities=tuple(quantities),
    )


def sparkline_points(a: AreaIndicator) -> tuple[list[tuple[int, float]], list[tuple[int, float]]] | None:
    """The area's and riket's (year, value) pairs for the measure's sparkline; None with fewer than two years for the area."""
    mine = [(p.year, float(p.value)) for p in a.series if p.quantity is not None]
    if len(mine) < 2:
        return None
    return mine, [(p.year, float(p.value)) for p in a.riket_series if p.quantity is not None]


def sparkline_alt(a: AreaIndicator, label: str) -> str:
    """``'Minidiagram för Kalmar län och riket. Oplanerade återinskrivningar: minskade från … (riket …).'``"""
    return f"Minidiagram för {label} och riket. {_sentence(a, label)}"
