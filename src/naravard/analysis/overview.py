"""The development of all kärnindikatorer against their base year (the edition's Figur 1).

Each indicator's national value (totalt) every year is expressed as the
percentage change from its base-year value, with the sign turned so that a
positive number is always an improvement: a fall in overbeläggningar counts
as +, a fall in förtroende as −.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from naravard.analysis.indicators import IndicatorResult
from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.analysis.rounding import rounded


@dataclass(frozen=True)
class Development:
    result: IndicatorResult
    base_year: int
    points: tuple[tuple[int, Quantity], ...]  # (year, oriented per cent change)

    @property
    def latest(self) -> tuple[int, Quantity]:
        return self.points[-1]


def development(result: IndicatorResult, base_year: int | None = None) -> Development:
    ind = result.indicator
    base_year = base_year or result.base_year
    base = result.value(base_year)
    sign = -1.0 if ind.direction == "lower" else 1.0
    base_shown = rounded(base.value, base.decimals)
    points = []
    for p in result.series():
        if p.quantity is None or p.year < base_year:
            continue
        change = sign * (p.shown - base_shown) / abs(base_shown) * 100.0
        points.append(
            (
                p.year,
                derived(
                    change,
                    value_key("indikator", ind.id, "utveckling", f"{base_year}-{p.year}"),
                    unit="procent",
                    decimals=0,
                    inputs=(base, p.quantity),
                    label=f"{ind.name}: förändring {base_year}–{p.year}, positivt = bättre",
                    dims={"indicator": ind.id, "year": str(p.year)},
                ),
            )
        )
    return Development(result, base_year, tuple(points))


def developments(results: Sequence[IndicatorResult]) -> list[Development]:
    """One Development per indicator that has a direction and at least two years."""
    out = []
    for r in results:
        if r.indicator.direction is None:
            continue
        d = development(r)
        if len(d.points) >= 2:
            out.append(d)
    return out


# ---- what the chapter says about the developments ---------------------------------------------


def assessment(d: Development) -> str:
    """"better", "worse" or "unchanged": the same judgement as the chapters' ``result.change()``
    (a change under the stable threshold is "i stort sett oförändrad"), so Figur 1's
    text, the chapters, Analys and Sammanfattning count the same indicators."""
    return d.result.change(d.base_year, d.latest[0]).assessment


def size(d: Development) -> Quantity:
    """The latest change without its sign, for prose ("förbättrats med 25 procent")."""
    q = d.latest[1]
    return derived(abs(q.value), value_key(q.key, "storlek"), unit="procent", decimals=0, inputs=(q,), label=q.label, dims=dict(q.dims))


@dataclass(frozen=True)
class DevelopmentSummary:
    """The kärnindikatorer split by the direction of their development."""

    better: tuple[Development, ...]  # largest improvement first
    worse: tuple[Development, ...]  # largest deterioration first
    unchanged: tuple[Development, ...]
    n_better: Quantity
    n_worse: Quantity
    n_unchanged: Quantity
    total: Quantity


def summarise(results: Sequence[IndicatorResult]) -> DevelopmentSummary:
    return split(developments(results))


def split(devs: Sequence[Development]) -> DevelopmentSummary:
    """The developments by assessment (each judged once), largest changes first."""
    groups: dict[str, list[Development]] = {"better": [], "worse": [], "unchanged": []}
    for d in devs:
        groups[assessment(d)].append(d)
    better = tuple(sorted(groups["better"], key=lambda d: -d.latest[1].value))
    worse = tuple(sorted(groups["worse"], key=lambda d: d.latest[1].value))
    inputs = [d.latest[1] for d in devs]

    def count(n: int, what: str) -> Quantity:
        return derived(n, value_key("karnindikatorer", "utveckling", what), unit="antal", decimals=0, inputs=inputs, label=f"Antal kärnindikatorer: {what}")

    return DevelopmentSummary(better, worse, tuple(groups["unchanged"]), count(len(better), "förbättrade"), count(len(worse), "försämrade"),
                              count(len(groups["unchanged"]), "oförändrade"), count(len(devs), "jämförda"))


def sources_line(results: Sequence[IndicatorResult]) -> str:
    """``'Källor: Socialstyrelsen: Patientregistret; …. Sveriges Kommuner och Regioner: …'``, grouped by producer."""
    by_producer: dict[str, list[str]] = {}
    for r in results:
        ind = r.indicator
        producer = ind.producer or ind.source
        names = by_producer.setdefault(producer, [])
        if ind.source != producer and ind.source not in names:
            names.append(ind.source)
    parts = [f"{producer}: {'; '.join(names)}" if names else producer for producer, names in by_producer.items()]
    return "Källor: " + ". ".join(p.rstrip(".") for p in parts) + "."


@dataclass(frozen=True)
class Coverage:
    """How many regions have a value in a year (e.g. the patient survey, which not all regions join every year)."""

    year: int
    n: Quantity
    total: Quantity
    regions: tuple  # the regions with a value


def region_coverage(result: IndicatorResult, year: int) -> Coverage:
    regions = result.regions(latest_year=year)
    present = [rv for rv in regions if rv.has_latest]
    inputs = [rv.latest.quantity for rv in present]
    n = result.regions_with_value(year)
    total = derived(len(regions), value_key("indikator", result.indicator.id, year, "regioner", "alla"), unit="antal", decimals=0, inputs=inputs, label="Regioner")
    return Coverage(year, n, total, tuple(rv.region for rv in present))


@dataclass(frozen=True)
class MissingMunicipalities:
    """Counties whose kommuner all lack values, with the reason the data give."""

    counties: tuple  # Region objects
    n: Quantity  # number of kommuner without values
    reasons: tuple[str, ...]


def missing_municipalities(result: IndicatorResult, regions) -> MissingMunicipalities:
    rows = result.municipality_rows
    flagged = rows[rows.value.isna() & rows.missing.fillna("").ne("")]
    with_values = set(rows[rows.value.notna()].area)
    missing = sorted(set(flagged.area) - with_values)
    counties = [r for r in regions if any(code[:2] == r.code for code in missing)
                and not any(code[:2] == r.code for code in with_values)]
    reasons = tuple(dict.fromkeys(flagged[flagged.area.isin(missing)].missing))
    sources = [(f, int(row)) for f, row in flagged[["source_file", "source_row"]].itertuples(index=False)]
    n = Quantity(float(len(missing)), "antal", 0, value_key("indikator", result.indicator.id, "kommuner", "saknas"),
                 label="Kommuner utan värden", sources=tuple(dict.fromkeys(sources)), computed=True)
    return MissingMunicipalities(tuple(counties), n, reasons)


@dataclass(frozen=True)
class ShareChange:
    option: str
    label: str
    start: Quantity
    end: Quantity
    difference: Quantity  # procentenheter, signed


def share_changes(result, start_year: int, end_year: int) -> list[ShareChange]:
    """Each option's share of kommuner in two years, the largest increase first."""
    out = []
    for opt in result.question.options:
        if not (result.has(opt.id, start_year) and result.has(opt.id, end_year)):
            continue
        a, b = result.share(opt.id, start_year), result.share(opt.id, end_year)
        diff = derived(rounded(b.value, b.decimals) - rounded(a.value, a.decimals), value_key(b.key, "förändring", start_year),
                       unit="procent", decimals=b.decimals, inputs=(a, b), dims=dict(b.dims))
        out.append(ShareChange(opt.id, opt.label, a, b, diff))
    return sorted(out, key=lambda c: -c.difference.value)


def top_shares(result, n: int, year: int | None = None) -> list[tuple[str, Quantity]]:
    """The *n* options with the largest shares (ties in catalogue order)."""
    return sorted(result.shares_by_option(year), key=lambda oq: -oq[1].value)[:n]


def count_any(result, answer: str = "Ja", year: int | None = None) -> Quantity:
    """How many regions gave *answer* for at least one option of a question."""
    year = result.report_year if year is None else year
    regions, inputs = set(), []
    for opt in result.question.options:
        for a in result.answers(opt.id, year):
            inputs.append(a.quantity)
            if a.answer == answer:
                regions.add(a.region.code)
    return derived(len(regions), value_key("enkät", "region", result.question.id, "något", year, "antal", answer), unit="antal",
                   decimals=0, inputs=inputs, label=f"Antal regioner med svaret {answer} på minst en delfråga, fråga {result.question.id} {year}")


@dataclass(frozen=True)
class MunicipalityExtremes:
    """The kommuner with the lowest and highest value in a year (ties named together)."""

    year: int
    lowest_names: tuple[str, ...]
    lowest: Quantity
    highest_names: tuple[str, ...]
    highest: Quantity
    n: Quantity  # kommuner with a value that year


def municipality_extremes(result: IndicatorResult, municipalities, year: int | None = None) -> MunicipalityExtremes:
    rows = result.municipality_rows[result.municipality_rows.value.notna()]
    year = int(rows.year.max()) if year is None else year
    names = {m.code: m.name for m in municipalities}
    points = {code: result.point(year, area=code) for code in sorted(rows[rows.year == year].area)}
    points = {c: p for c, p in points.items() if p is not None and p.quantity is not None}
    if not points:
        raise LookupError(f"{result.indicator.id}: no kommun values in {year}")
    lo = min(p.shown for p in points.values())
    hi = max(p.shown for p in points.values())
    low = [c for c, p in points.items() if p.shown == lo]
    high = [c for c, p in points.items() if p.shown == hi]
    n = derived(len(points), value_key("indikator", result.indicator.id, "kommuner", year, "med_värde"), unit="antal", decimals=0,
                inputs=[p.quantity for p in points.values()], label=f"Kommuner med värde {year}")
    return MunicipalityExtremes(year, tuple(names.get(c, c) for c in low), points[low[0]].quantity,
                                tuple(names.get(c, c) for c in high), points[high[0]].quantity, n)
