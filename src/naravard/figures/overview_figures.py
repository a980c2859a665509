"""Figures across indicators: the development of the kärnindikatorer (Figur 1),
regions compared on several measures or years, and all municipalities."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from naravard.analysis.indicators import IndicatorResult
from naravard.analysis import overview
from naravard.analysis.overview import Development
from naravard.analysis.quantity import Quantity
from naravard.figures import alt as alt_text
from naravard.figures.spec import FigureSpec
from naravard.text import numbers, phrases, units
from naravard.analysis.rounding import rounded


def _name(result: IndicatorResult) -> str:
    return result.indicator.short_name or result.indicator.name


def development_figure(
    devs: Sequence[Development],
    *,
    key: str = "karnindikatorer-utveckling",
    title: str = "Utveckling av resultatet för kärnindikatorerna",
    subtitle: str | None = None,
    source: str,
    note: str = "",
) -> FigureSpec:
    """Small multiples: per cent change against the base year, up = better."""
    records, quantities = [], []
    for order, d in enumerate(devs):
        for year, q in d.points:
            quantities.append(q)
            records.append(dict(order=order, indicator=_name(d.result), id=d.result.indicator.id, base_year=d.base_year, year=year, value=q.value))
    data = pd.DataFrame.from_records(records)
    rows = []
    for d in devs:
        year, q = d.latest
        rows.append({"Indikator": _name(d.result), "Basår": str(d.base_year), "Senaste år": str(year), "Förändring (positivt = bättre)": numbers.signed(q.value, 0) + "\u00a0%"})
    table = pd.DataFrame(rows)
    split = overview.split(devs)  # judged as in the prose: a change under the stable threshold is neither
    better, worse = split.better, split.worse

    def listing(ds):
        return "; ".join(f"{_name(d.result).lower()} {numbers.signed(d.latest[1].value, 0)} procent" for d in ds)

    def most(ds, word):
        d = max(ds, key=lambda d: abs(d.latest[1].value))
        return f", {word} för {_name(d.result).lower()} ({numbers.signed(d.latest[1].value, 0)} procent)"

    lead = (f"Små linjediagram, ett per kärnindikator, med förändringen i procent mot basåret (uppåt är bättre). "
            f"Förbättring för {len(better)} av {len(devs)} indikatorer")
    full = lead + (f" ({listing(better)})" if better else "") + f" och försämring för {len(worse)}" + (f" ({listing(worse)})" if worse else "")
    short = lead + (most(better, "mest") if better else "") + f"; försämring för {len(worse)}" + (most(worse, "mest") if worse else "")
    alt = (full if len(full) + 60 <= alt_text.LIMIT else short) + "."
    years = data.year.unique() if not data.empty else ()
    covid = next((p for p in (d.result.indicator.covid_period for d in devs) if p and p.touches(years)), None)
    alt = alt_text.within(alt, f"I stort sett oförändrat för {len(split.unchanged)}." if split.unchanged else "",
                          "Perioden för covid-19-pandemin är markerad." if covid else "")
    return FigureSpec(
        key=key,
        kind="multiples",
        title=title,
        subtitle=subtitle
        or f"Procentuell förändring av resultatet för varje kärnindikator jämfört med basåret ({min(d.base_year for d in devs)} eller det första året därefter med data). Positiva värden är förbättringar.",
        source=source,
        alt=alt,
        data=data,
        table=table,
        options=dict(covid=covid),
        quantities=tuple(quantities),
        note=note,
    )


def region_dots_figure(
    series: Sequence[tuple[str, IndicatorResult | dict, int | None]],
    *,
    key: str,
    title: str,
    subtitle: str,
    source: str,
    regions,
    unit: str,
    decimals: int,
    sort_by: int = -1,
    direction: str | None = None,
    note: str = "",
    alt_lead: str = "",
    left_out: Sequence[str] = (),
) -> FigureSpec:
    """Regions side by side on several measures or years.

    *left_out*: codes of regions whose value the figure leaves out on purpose
    (exclusions.csv; *note* says why), so they are not listed as missing.

    *series* items are (label, values, year): values are an IndicatorResult
    (read in *year*) or a mapping region code -> Quantity (e.g. survey
    answers). The regions are sorted on series *sort_by* (best first when a
    direction is given, else highest first); regions without that value last.
    """
    per_series: list[tuple[str, dict[str, tuple[Quantity, float | None, float | None]]]] = []
    for label, values, year in series:
        got: dict[str, tuple[Quantity, float | None, float | None]] = {}
        if isinstance(values, IndicatorResult):
            for region in regions:
                p = values.point(year, area=region.code)
                if p is not None and p.quantity is not None:
                    got[region.code] = (p.quantity, p.ci_lower, p.ci_upper)
        else:
            for code, q in values.items():
                got[code] = (q, None, None)
        per_series.append((label, got))
    key_series = per_series[sort_by][1]

    def order(region):
        if region.code not in key_series:
            return (1, 0.0, region.code)
        v = key_series[region.code][0].value
        return (0, v if direction == "lower" else -v, region.code)

    ordered = sorted(regions, key=order)
    records, quantities = [], []
    for i, region in enumerate(ordered):
        for s, (label, got) in enumerate(per_series):
            if region.code in got:
                q, lo, hi = got[region.code]
                quantities.append(q)
                records.append(dict(order=i, region=region.short_name, code=region.code, series=label, series_index=s, value=q.value, ci_lower=lo, ci_upper=hi))
            else:
                records.append(dict(order=i, region=region.short_name, code=region.code, series=label, series_index=s, value=np.nan, ci_lower=None, ci_upper=None))
    data = pd.DataFrame.from_records(records)
    table = pd.DataFrame({"Region": [r.short_name for r in ordered]})
    for label, got in per_series:
        table[label] = [units.short(got[r.code][0].value, unit, decimals) if r.code in got else "" for r in ordered]
    parts = []
    for label, got in per_series:
        if not got:
            continue
        # Compared as printed, and ties named together ("Blekinge och Västerbotten (18 %)").
        shown = {c: rounded(q.value, decimals) for c, (q, _lo, _hi) in got.items()}
        names = [r.short_name for r in regions if r.code in shown]
        codes = [r.code for r in regions if r.code in shown]

        def at(v):
            return phrases.join(n for n, c in zip(names, codes) if shown[c] == v) + f" ({units.short(v, unit, decimals)})"

        parts.append(f"{label}: lägst {at(min(shown.values()))}, högst {at(max(shown.values()))}")
    alt = alt_text.within(alt_lead or f"Punktdiagram som jämför regionerna: {phrases.lower_first(title)}.", *(p + "." for p in parts))
    missing = [r.short_name for r in ordered if r.code not in key_series and r.code not in left_out]
    notes = [note] if note else []
    if missing:
        notes.append(phrases.missing_data(missing))
    return FigureSpec(
        key=key,
        kind="region_dots",
        title=title,
        subtitle=subtitle,
        source=source,
        alt=alt,
        data=data,
        table=table,
        options=dict(unit=unit, decimals=decimals, labels=[label for label, _ in per_series]),
        quantities=tuple(quantities),
        note=" ".join(notes),
    )


def municipalities_figure(
    result: IndicatorResult,
    municipalities,
    *,
    key: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    note: str = "",
) -> FigureSpec:
    """Every municipality's series as a thin line, the country's as a bold one."""
    ind = result.indicator
    names = {m.code: m.name for m in municipalities}
    rows = result.municipality_rows[result.municipality_rows.value.notna()]
    data = rows[["area", "year", "value"]].rename(columns={"area": "code"}).copy()
    data["name"] = data.code.map(names)
    national = [(p.year, p.value) for p in result.series() if p.quantity is not None]
    years = sorted(int(y) for y in data.year.unique())
    first, last = years[0], years[-1]
    u, d = ind.unit, ind.decimals
    latest = data[data.year == last].assign(shown=lambda f: [rounded(v, d) for v in f.value]).sort_values(["code"])

    def named(v) -> str:  # every kommun at that printed value: ties are named together
        return f"{phrases.join(latest[latest.shown == v].name)} ({units.short(v, u, d)})"

    pivot = data.pivot_table(index=["code", "name"], columns="year", values="value").reset_index()
    table = pd.DataFrame({"Kommun": pivot["name"]})
    for y in (first, last):
        table[str(y)] = [units.short(v, u, d) if not pd.isna(v) else "" for v in pivot[y]]
    first_vals = data[data.year == first].set_index("code").value
    last_vals = data[data.year == last].set_index("code").value
    both = first_vals.index.intersection(last_vals.index)
    diff = last_vals[both] - first_vals[both]
    better = int((diff < 0).sum() if ind.direction == "lower" else (diff > 0).sum())
    lead = (
        f"Linjediagram med en tunn linje för var och en av {len(pivot)} kommuner, {first}–{last}, och en tjock linje för riket: "
        f"{_name(result).lower()}. År {last} är värdet lägst i {named(latest.shown.min())} "
        f"och högst i {named(latest.shown.max())}"
    )
    if national:
        lead += f"; riket {units.short(national[-1][1], u, d)}"
    lead += "."
    alt = alt_text.within(lead, f"Värdet är bättre {last} än {first} i {better} av {len(both)} kommuner." if ind.direction else "")
    quantities = [q for q in (result.value(y) for y, _ in national)]
    return FigureSpec(
        key=key or f"{ind.id}-kommuner",
        kind="kommuner",
        title=title or f"Kommuner, {phrases.lower_first(ind.name)}",
        subtitle=subtitle or ind.subtitle,
        source=ind.source_line,
        alt=alt,
        data=data,
        table=table,
        options=dict(unit=u, decimals=d, national=national, covid=ind.covid_period),
        quantities=tuple(quantities),
        note=note,
    )
