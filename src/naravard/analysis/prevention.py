"""Facts about one indicator's series that the chapter on hälsofrämjande
och förebyggande insatser states (and the summary repeats):

* where the latest year stands in the national series (lowest, highest, or
  "the highest since 2014"),
* the range of the relative difference between the sexes over the years,
* the kommuner that were the lowest ones in every year,
* why regions lack data (the data package's ``missing`` reason; the note that
  says it is ``naravard.text.phrases.missing_note``).

Comparisons are made on values rounded as printed, like everywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from naravard.analysis import overview
from naravard.analysis.indicators import IndicatorResult, Point
from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.data.models import Municipality, Region
from naravard.analysis.rounding import rounded


@dataclass(frozen=True)
class LatestStanding:
    """The latest national value against the rest of its series."""

    year: int
    first_year: int
    lowest: bool  # no earlier year is lower (ties count as lowest)
    highest: bool  # no earlier year is higher
    higher_since: int | None  # the most recent earlier year with a value at least as high (None when highest)
    lower_since: int | None  # the most recent earlier year with a value at least as low (None when lowest)


def latest_standing(result: IndicatorResult, sex: str = "totalt") -> LatestStanding:
    pts = [p for p in result.series(sex) if p.quantity is not None]
    if len(pts) < 2:
        raise LookupError(f"{result.indicator.id}: too few years to compare")
    latest, earlier = pts[-1], pts[:-1]
    v = latest.shown
    higher = [p.year for p in earlier if p.shown >= v]
    lower = [p.year for p in earlier if p.shown <= v]
    return LatestStanding(
        year=latest.year,
        first_year=pts[0].year,
        lowest=all(p.shown >= v for p in earlier),
        highest=all(p.shown <= v for p in earlier),
        higher_since=max(higher) if not all(p.shown <= v for p in earlier) else None,
        lower_since=max(lower) if not all(p.shown >= v for p in earlier) else None,
    )


@dataclass(frozen=True)
class RelativeGapRange:
    """How much higher (in per cent) one sex's value was than the other's, smallest and largest over the years."""

    higher: str | None  # the sex that was higher every year, None when it varied
    lower: str | None
    years: tuple[int, ...]
    smallest: Quantity
    largest: Quantity
    smallest_year: int
    largest_year: int


def relative_gap_range(result: IndicatorResult) -> RelativeGapRange | None:
    gap = result.sex_gap
    if gap is None:
        return None
    first = {p.year: p for p in result.series(gap.first) if p.quantity is not None}
    second = {p.year: p for p in result.series(gap.second) if p.quantity is not None}
    years = tuple(y for y in gap.years if first[y].shown and second[y].shown)
    rel: list[tuple[float, int, Point, Point]] = []
    for y in years:
        a, b = first[y], second[y]
        hi, lo = (a, b) if a.shown >= b.shown else (b, a)
        rel.append(((hi.shown - lo.shown) / lo.shown * 100.0, y, hi, lo))
    smallest = min(rel, key=lambda r: (r[0], r[1]))
    largest = max(rel, key=lambda r: (r[0], -r[1]))
    higher = gap.higher_every_year
    lower = None if higher is None else (gap.second if higher == gap.first else gap.first)
    key = value_key("indikator", result.indicator.id, "könsskillnad", "relativ")

    def q(r, what: str) -> Quantity:
        return derived(
            r[0],
            value_key(key, what),
            unit="procent",
            decimals=0,
            inputs=(r[2].quantity, r[3].quantity),
            label=f"{result.indicator.name}: relativ skillnad mellan könen, {what} ({r[1]})",
            dims={"indicator": result.indicator.id, "year": str(r[1])},
        )

    return RelativeGapRange(higher, lower, years, q(smallest, "minst"), q(largest, "störst"), smallest[1], largest[1])


@dataclass(frozen=True)
class LowestEveryYear:
    """The kommuner that were the lowest ones in every year (the same set each year)."""

    municipalities: tuple[Municipality, ...]
    count: Quantity
    years: tuple[int, ...]
    counties: tuple[tuple[Region, tuple[Municipality, ...]], ...]  # grouped by län, in län order


def lowest_every_year(
    result: IndicatorResult, municipalities: Sequence[Municipality], regions: Sequence[Region], *, max_size: int = 10
) -> LowestEveryYear | None:
    """The largest group of up to *max_size* kommuner that were exactly the lowest ones every year.

    A group of k kommuner counts when, in every year, its members are the k
    lowest values and the (k+1)-th value is strictly higher (no tie at the
    edge). None when no such group exists.
    """
    rows = result.municipality_rows[result.municipality_rows.value.notna()]
    if rows.empty:
        return None
    decimals = result.indicator.decimals
    years = tuple(sorted(int(y) for y in rows.year.unique()))
    ranked: dict[int, list[tuple[float, str]]] = {}
    for y in years:
        sub = rows[rows.year == y]
        ranked[y] = sorted((rounded(float(v), decimals), str(a)) for v, a in zip(sub.value, sub.area))
    best: tuple[str, ...] = ()
    for k in range(1, max_size + 1):
        sets = []
        for y in years:
            r = ranked[y]
            if len(r) <= k or r[k - 1][0] == r[k][0]:
                sets = []
                break
            sets.append(frozenset(a for _, a in r[:k]))
        if sets and all(s == sets[0] for s in sets):
            best = tuple(sorted(sets[0]))
    if not best:
        return None
    by_code = {m.code: m for m in municipalities}
    chosen = tuple(sorted((by_code[c] for c in best), key=lambda m: (m.county, m.name)))
    inputs = [p.quantity for c in best for y in years if (p := result.point(y, area=c)) is not None and p.quantity is not None]
    count = derived(
        len(chosen),
        value_key("indikator", result.indicator.id, "kommuner", "lägst-alla-år"),
        unit="antal",
        decimals=0,
        inputs=inputs,
        label=f"{result.indicator.name}: antal kommuner som var lägst alla år",
        dims={"indicator": result.indicator.id},
    )
    region_by_code = {r.code: r for r in regions}
    counties = []
    for code in dict.fromkeys(m.county for m in chosen):
        counties.append((region_by_code[code], tuple(m for m in chosen if m.county == code)))
    return LowestEveryYear(chosen, count, years, tuple(counties))


def missing_reasons(result: IndicatorResult, **kwargs) -> list[tuple[str, tuple[Region, ...]]]:
    """Why regions lack a value in the region comparison: ``[(reason, regions), …]`` from the data."""
    latest_year = kwargs.get("latest_year") or result.region_latest_year
    reasons: dict[str, list[Region]] = {}
    for rv in result.regions(**kwargs):
        if rv.has_latest:
            continue
        p = result.point(latest_year, area=rv.region.code)
        reason = (p.missing if p is not None else "") or ""
        reasons.setdefault(reason, []).append(rv.region)
    return [(reason, tuple(regs)) for reason, regs in reasons.items()]


@dataclass(frozen=True)
class SteadyRun:
    """The latest run of same-direction moves in the national series: "minskat varje år sedan 2018"."""

    direction: str  # "up" | "down" | "stable" (the last two years were equal)
    start_year: int  # the year the run starts from
    end_year: int
    steps: int  # number of consecutive moves in the run


def steady_run(result: IndicatorResult, sex: str = "totalt") -> SteadyRun:
    pts = [p for p in result.series(sex) if p.quantity is not None]
    if len(pts) < 2:
        raise LookupError(f"{result.indicator.id}: too few years")

    def move(a: Point, b: Point) -> str:
        return "stable" if b.shown == a.shown else ("up" if b.shown > a.shown else "down")

    last = move(pts[-2], pts[-1])
    i = len(pts) - 2
    while i > 0 and move(pts[i - 1], pts[i]) == last:
        i -= 1
    return SteadyRun(last, pts[i].year, pts[-1].year, len(pts) - 1 - i)


@dataclass(frozen=True)
class Coverage:
    """How many regions a measurement covers each year (the patient survey skips regions some years)."""

    latest_year: int
    participants: Quantity  # regions with a value in the latest year
    total: Quantity  # regions in the catalogue
    full_years: tuple[int, ...]  # years every region took part
    full_lowest: Quantity | None  # the national value's range over the full years
    full_highest: Quantity | None


def coverage(result: IndicatorResult) -> Coverage:
    total_n = len(result.all_regions)
    full = [y for y in result.national_years if result.regions_with_value(y).value == total_n]
    latest = result.latest_year
    participants = result.regions_with_value(latest)
    total = derived(total_n, value_key("indikator", result.indicator.id, "täckning", latest, "regioner"), unit="antal", decimals=0, inputs=(), label="Antal regioner")
    values = [result.value(y) for y in full]
    lo = min(values, key=lambda q: rounded(q.value, q.decimals)) if values else None
    hi = max(values, key=lambda q: rounded(q.value, q.decimals)) if values else None
    return Coverage(latest, participants, total, tuple(full), lo, hi)


def core_summary(results: Sequence[IndicatorResult]) -> overview.DevelopmentSummary:
    """Which core indicators are better, worse or unchanged in their latest year than in their base year:
    Figur 1's split (``overview.summarise``), so the Sammanfattning, the Analys and chapter 2 count alike."""
    return overview.summarise(results)


class AnalysisTools:
    """``analys.…`` in templates: the facts above for results the template already has."""

    def __init__(self, package):
        self._package = package

    def latest_standing(self, result: IndicatorResult, sex: str = "totalt") -> LatestStanding:
        return latest_standing(result, sex)

    def relative_gap_range(self, result: IndicatorResult) -> RelativeGapRange | None:
        return relative_gap_range(result)

    def lowest_every_year(self, result: IndicatorResult) -> LowestEveryYear | None:
        cat = self._package.catalogue
        return lowest_every_year(result, cat.municipalities, cat.regions)

    def steady_run(self, result: IndicatorResult, sex: str = "totalt") -> SteadyRun:
        return steady_run(result, sex)

    def coverage(self, result: IndicatorResult) -> Coverage:
        return coverage(result)

    def core_summary(self, ind) -> overview.DevelopmentSummary:
        """*ind* is the template's ``ind``: the core indicators are looked up in it."""
        return core_summary([ind[i.id] for i in self._package.catalogue.core_indicators])
