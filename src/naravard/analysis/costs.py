"""Primary-care costs: changes over time and the regions' cost shares.

The cost series (costs.csv) are ordinary indicator results without a desired
direction, so these helpers speak of increases and decreases rather than of
improvements. All comparisons use the values as printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.indicators import Change, IndicatorResult, make_change
from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.analysis.rounding import rounded


def annual_changes(result: IndicatorResult) -> list[Change]:
    """The change from each year to the next in the national series."""
    years = [p.year for p in result.series() if p.quantity is not None]
    return [result.change(a, b) for a, b in zip(years, years[1:])]


def latest_is_largest_decrease(result: IndicatorResult) -> bool:
    """Whether the last year's fall is the largest fall of the whole series."""
    changes = annual_changes(result)
    if not changes or changes[-1].difference.value >= 0:
        return False
    return all(changes[-1].difference.value <= c.difference.value for c in changes)


def lowest_since(result: IndicatorResult) -> int | None:
    """The latest earlier year with a value as low as or lower than the latest one.

    ``2014`` means "the lowest since 2014"; None means the latest value is the
    lowest of the whole series.
    """
    pts = [p for p in result.series() if p.quantity is not None]
    last = pts[-1]
    lower = [p.year for p in pts[:-1] if p.shown <= last.shown]
    return max(lower) if lower else None


@dataclass(frozen=True)
class RegionMoves:
    """How many regions' values rose, fell or stayed between two years."""

    start_year: int
    end_year: int
    up: Quantity
    down: Quantity
    same: Quantity
    compared: Quantity
    up_regions: tuple
    down_regions: tuple


def region_moves(result: IndicatorResult, start_year: int, end_year: int | None = None) -> RegionMoves:
    end_year = result.region_latest_year if end_year is None else end_year
    up, down, same, inputs = [], [], [], []
    for rv in sorted(result.regions(start_year, end_year), key=lambda rv: rv.region.code):  # catalogue (länskod) order
        if not rv.has_both:
            continue
        inputs += [rv.base.quantity, rv.latest.quantity]
        d = rv.latest.shown - rv.base.shown
        (up if d > 0 else down if d < 0 else same).append(rv.region)
    key = value_key("indikator", result.indicator.id, "regioner", f"{start_year}-{end_year}")

    def count(items: list, what: str) -> Quantity:
        return derived(len(items), value_key(key, what), unit="antal", decimals=0, inputs=inputs,
                       label=f"Antal regioner: {what} {start_year}–{end_year}")

    return RegionMoves(start_year, end_year, count(up, "ökade"), count(down, "minskade"), count(same, "oförändrade"),
                       count(up + down + same, "jämförda"), tuple(up), tuple(down))


@dataclass(frozen=True)
class Spread:
    """The range between the lowest and highest regional values in one year."""

    year: int
    lowest: Quantity
    highest: Quantity
    width: Quantity  # highest − lowest, in the unit (procentenheter for shares)


def spread(result: IndicatorResult, year: int) -> Spread:
    values = [rv.latest.quantity for rv in result.regions(latest_year=year) if rv.has_latest]
    if not values:
        raise LookupError(f"{result.indicator.id}: no regional values in {year}")
    lo = min(values, key=lambda q: rounded(q.value, q.decimals))
    hi = max(values, key=lambda q: rounded(q.value, q.decimals))
    width = rounded(hi.value, hi.decimals) - rounded(lo.value, lo.decimals)
    w = derived(width, value_key("indikator", result.indicator.id, "regioner", year, "spridning"), unit=hi.unit,
                decimals=hi.decimals, inputs=values, label=f"Skillnad mellan högsta och lägsta regionala värde {year}")
    return Spread(year, lo, hi, w)


def narrowest_spread(result: IndicatorResult, year: int | None = None) -> bool:
    """Whether *year* (default the latest) has the smallest regional range of all years (ties count)."""
    year = result.region_latest_year if year is None else year
    widths = {y: spread(result, y).width.value for y in result.region_years}
    return widths[year] <= min(widths.values())


def change_between(result: IndicatorResult, start_year: int, end_year: int | None = None) -> Change:
    """The national change between two years; direction-free (costs are neither better nor worse)."""
    end_year = result.latest_year if end_year is None else end_year
    return make_change(result.value(start_year), result.value(end_year), start_year, end_year, None)
