"""Figures of indicator results: the trend by sex and the region comparison.

Every indicator gets the same pair (the edition's standard presentation): a
trend figure of the national series for totalt, kvinnor and män with the
covid band, and a region figure with each region's base-year and latest value,
best to the left, with 95 % confidence intervals where known.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from naravard.analysis.indicators import IndicatorResult, make_change
from naravard.analysis.quantity import Quantity
from naravard.figures import alt as alt_text
from naravard.figures.spec import FigureSpec
from naravard.text import numbers, phrases, units

SEX_LABEL = {"totalt": "Totalt", "kvinnor": "Kvinnor", "män": "Män", "pojkar": "Pojkar", "flickor": "Flickor"}
DIRECTION_NOTE = {"higher": "högre värde är bättre", "lower": "lägre värde är bättre"}


def _short(q: Quantity | None) -> str:
    return "" if q is None else phrases.short_value(q)


def _period_label(year: int, period: str) -> str:
    return f"{period} {year}" if period else str(year)


def trend_figure(
    result: IndicatorResult,
    *,
    sexes: Sequence[str] | None = None,
    key: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    note: str = "",
    first_year: int | None = None,
) -> FigureSpec:
    """The national series by sex, with the covid band where the catalogue has it."""
    ind = result.indicator
    sexes = tuple(sexes or result.sexes)
    records, quantities = [], []
    for sex in sexes:
        for p in result.series(sex):
            if first_year is not None and p.year < first_year:
                continue
            if p.quantity is not None:
                quantities.append(p.quantity)
            records.append(
                dict(
                    series=SEX_LABEL[sex],
                    sex=sex,
                    year=p.year,
                    label=_period_label(p.year, p.period),
                    value=p.value,
                    ci_lower=p.ci_lower,
                    ci_upper=p.ci_upper,
                )
            )
    data = pd.DataFrame.from_records(records)
    table = _wide_table(data, "label", "series", [SEX_LABEL[s] for s in sexes], ind.unit, ind.decimals, first="År")
    title = title or ind.name
    years = sorted(data.year.unique())
    change = result.change(int(years[0]), result.latest_year)
    measure = units.unit(ind.unit)
    lead = (
        f"Linjediagram: {phrases.lower_first(title)}, {numbers.year_span(years[0], years[-1])}, "
        f"{phrases.join([SEX_LABEL[s].lower() for s in sexes])}. "
        f"{measure.subject} {phrases.change(change, neuter=measure.subject_neuter)}"
    )
    if change.assessment in ("better", "worse"):
        lead += f", vilket är {phrases.assessment(change)}"
    lead += "."
    more = []
    gap = result.sex_gap
    if gap is not None and len(sexes) > 1:
        more.append(phrases.sex_gap(gap))
    if ind.covid_period and ind.covid_period.touches(years):
        more.append("Perioden för covid-19-pandemin är markerad.")
    alt = alt_text.within(lead, *more)
    return FigureSpec(
        key=key or f"{ind.id}-trend",
        kind="trend",
        title=title,
        subtitle=subtitle or ind.subtitle,
        source=ind.source_line,
        alt=alt,
        data=data,
        table=table,
        options=dict(unit=ind.unit, decimals=ind.decimals, covid=ind.covid_period, periods=any(data.label != data.year.astype(str))),
        quantities=tuple(quantities),
        note=note,
    )


def series_figure(
    parts: Sequence[tuple[str, IndicatorResult]],
    *,
    key: str,
    title: str,
    subtitle: str,
    source: str | None = None,
    note: str = "",
    sex: str = "totalt",
) -> FigureSpec:
    """Several measures in one trend chart (e.g. läkare and sjuksköterska in särskilt boende)."""
    records, quantities, sentences = [], [], []
    unit_key, decimals = parts[0][1].indicator.unit, parts[0][1].indicator.decimals
    for label, result in parts:
        pts = [p for p in result.series(sex) if p.quantity is not None]
        quantities.extend(p.quantity for p in pts)
        for p in result.series(sex):
            records.append(dict(series=label, year=p.year, label=_period_label(p.year, p.period), value=p.value, ci_lower=p.ci_lower, ci_upper=p.ci_upper))
        c = make_change(pts[0].quantity, pts[-1].quantity, pts[0].year, pts[-1].year, result.indicator.direction)
        sentences.append(f"{label}: {phrases.change(c)}.")
    data = pd.DataFrame.from_records(records)
    table = _wide_table(data, "label", "series", [p[0] for p in parts], unit_key, decimals, first="År")
    years = sorted(data.year.unique())
    covid = next((r.indicator.covid_period for _, r in parts if r.indicator.covid_period and r.indicator.covid_period.touches(years)), None)
    alt = alt_text.within(
        f"Linjediagram: {phrases.lower_first(title)}, {numbers.year_span(years[0], years[-1])}. " + sentences[0],
        *sentences[1:], "Perioden för covid-19-pandemin är markerad." if covid else "",
    )
    sources = []
    for _, r in parts:
        if r.indicator.source_line not in sources:
            sources.append(r.indicator.source_line)
    return FigureSpec(
        key=key,
        kind="trend",
        title=title,
        subtitle=subtitle,
        source=source or " ".join(sources),
        alt=alt,
        data=data,
        table=table,
        options=dict(unit=unit_key, decimals=decimals, covid=covid, periods=False),
        quantities=tuple(quantities),
        note=note,
    )


def region_figure(
    result: IndicatorResult,
    *,
    key: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    base_year: int | None = None,
    latest_year: int | None = None,
    fallback: int = 0,
    note: str = "",
    form: str = "county",
) -> FigureSpec:
    """Base year and latest year per region, best first, with 95 % confidence intervals."""
    ind = result.indicator
    regions = result.regions(base_year, latest_year, fallback=fallback)
    latest_year = latest_year or result.region_latest_year
    base_year = base_year or result.region_base_year
    records, quantities = [], []
    for order, rv in enumerate(regions):
        for which, p in (("base", rv.base), ("latest", rv.latest)):
            if p is not None and p.quantity is not None:
                quantities.append(p.quantity)
        records.append(
            dict(
                order=order,
                code=rv.region.code,
                region=rv.region.short_name,
                base=rv.base.value if rv.base else None,
                latest=rv.latest.value if rv.latest else None,
                latest_year=rv.latest.year if rv.latest and rv.latest.quantity else None,
                ci_lower=rv.latest.ci_lower if rv.latest else None,
                ci_upper=rv.latest.ci_upper if rv.latest else None,
                base_ci_lower=rv.base.ci_lower if rv.base else None,
                base_ci_upper=rv.base.ci_upper if rv.base else None,
            )
        )
    data = pd.DataFrame.from_records(records)
    u, d = ind.unit, ind.decimals

    def fmt(v):
        return "" if v is None or pd.isna(v) else units.short(v, u, d)

    has_ci = data.ci_lower.notna().any()
    table = pd.DataFrame(
        {
            "Region": data.region,
            str(base_year): [fmt(v) for v in data.base],
            str(latest_year): [fmt(v) for v in data.latest],
        }
    )
    if has_ci:
        table[f"95 % konfidensintervall {latest_year}"] = [
            # "54–60 %": the unit once, after the range (Språkrådet)
            "" if pd.isna(lo) else f"{numbers.number(lo, d)}{numbers.EN_DASH}{fmt(hi)}" for lo, hi in zip(data.ci_lower, data.ci_upper)
        ]
    fell_back = [rv for rv in regions if rv.latest is not None and rv.latest.quantity is not None and rv.latest.year != latest_year]
    if fell_back:
        table[str(latest_year)] = [
            fmt(v) + (f" ({int(y)})" if y is not None and not pd.isna(y) and int(y) != latest_year else "")
            for v, y in zip(data.latest, data.latest_year)
        ]

    extremes = result.extremes(latest_year, fallback=fallback) if any(rv.has_latest for rv in regions) else None
    unit_word = "länen" if form == "county" else "regionerna"
    title = title or ind.name
    what = f"Punktdiagram: {phrases.lower_first(title)} i {unit_word} år {base_year} och {latest_year}"
    order = f", sorterade från bäst till sämst ({DIRECTION_NOTE[ind.direction]})" if ind.direction else ""
    # missing regions are part of the extremes sentence
    found = " " + phrases.extremes(extremes, form=form).removesuffix(".") + f" år {latest_year}." if extremes is not None else ""
    lead = what + order + "." + found
    if len(lead) > alt_text.LIMIT:  # the finding matters more than how the regions are sorted
        lead = what + "." + found
    more = []
    try:
        national = result.value(latest_year)
        more.append(f"Riket: {phrases.value(national)}.")
        quantities.append(national)  # the figure draws it as the dashed line
    except LookupError:
        pass
    changes = result.region_changes(base_year=base_year, latest_year=latest_year, fallback=fallback)
    if ind.direction and changes.compared.value:
        noun = "län" if form == "county" else "regioner"
        more.append(f"Jämfört med {base_year} är värdet bättre i {phrases.count_of(changes.improved, changes.compared, noun)}.")
    if has_ci:
        more.append("Strecken vid punkterna visar 95-procentiga konfidensintervall.")
    alt = alt_text.within(lead, *more)
    notes = [note] if note else []
    missing = result.missing_regions(base_year=base_year, latest_year=latest_year, fallback=fallback)
    if missing and not note:
        notes.append(phrases.missing_regions(missing, "short"))
    if fell_back:
        notes.append(
            f"För {phrases.join(rv.region.short_name for rv in fell_back)} visas senast tillgängliga värde (år inom parentes i tabellen)."
        )
    return FigureSpec(
        key=key or f"{ind.id}-regioner",
        kind="regions",
        title=title,
        subtitle=subtitle or ind.subtitle,
        source=ind.source_line,
        alt=alt,
        data=data,
        table=table,
        options=dict(unit=u, decimals=d, base_year=base_year, latest_year=latest_year, direction=ind.direction, national=_national_or_none(result, latest_year)),
        quantities=tuple(quantities),
        note=" ".join(notes),
    )


def _national_or_none(result: IndicatorResult, year: int) -> float | None:
    try:
        return result.value(year).value
    except LookupError:
        return None


def _wide_table(data: pd.DataFrame, row: str, col: str, cols: Sequence[str], unit_key: str, decimals: int, *, first: str) -> pd.DataFrame:
    """Rows per year (or period), one column per series, formatted for readers."""
    order = list(dict.fromkeys(data.sort_values("year")[row]))
    out = {first: order}
    for c in cols:
        sub = data[data[col] == c].set_index(row)["value"]
        out[c] = ["" if r not in sub.index or pd.isna(sub[r]) else units.short(sub[r], unit_key, decimals) for r in order]
    return pd.DataFrame(out)
