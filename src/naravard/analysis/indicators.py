"""Indicator results: one object per indicator that prose, figures, tables and
alt text all read, so they cannot disagree.

Comparisons are made on values rounded to the precision the report prints
(a difference between "9,0" and "8,9" is 0,1, whatever the unrounded data
say), because a reader checks the prose against the printed numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.data.models import RIKET, DataPackage, Indicator, Region
from naravard.analysis.rounding import rounded

# A change smaller than this share of the earlier value is "i stort sett oförändrad".
STABLE_RELATIVE_CHANGE = 0.02


@dataclass(frozen=True)
class Point:
    """One observation: a year (or measurement period) of one area and sex."""

    year: int
    period: str
    quantity: Quantity | None  # None when the value is missing
    ci_lower: float | None = None
    ci_upper: float | None = None
    missing: str = ""

    @property
    def value(self) -> float | None:
        return None if self.quantity is None else self.quantity.value

    @property
    def shown(self) -> float | None:
        """The value as printed (rounded to the indicator's decimals)."""
        q = self.quantity
        return None if q is None else rounded(q.value, q.decimals)


@dataclass(frozen=True)
class Change:
    """A value's development between two points of the same series."""

    start: Quantity
    end: Quantity
    start_year: int
    end_year: int
    difference: Quantity  # end − start, in the unit (procentenheter for percentages)
    relative: Quantity | None  # per cent of start; None when start is 0
    direction: str  # "up" | "down" | "stable"
    assessment: str | None  # "better" | "worse" | "unchanged" | None (no desired direction)


@dataclass(frozen=True)
class SexGap:
    """Men's value against women's (or boys' against girls') over the years shown."""

    first: str  # "män" / "pojkar"
    second: str  # "kvinnor" / "flickor"
    years: tuple[int, ...]
    higher_every_year: str | None  # the group that was higher in every year shown, else None
    higher_years: dict[str, int]  # how many years each group was higher
    latest_year: int
    latest_first: Quantity
    latest_second: Quantity
    latest_difference: Quantity  # absolute, in the unit
    latest_relative: Quantity | None  # per cent more for the higher group
    latest_period: str = ""  # "februari–mars" when the series is measured in periods, not whole years


@dataclass(frozen=True)
class RegionValue:
    region: Region
    base: Point | None
    latest: Point | None

    @property
    def has_latest(self) -> bool:
        return self.latest is not None and self.latest.quantity is not None

    @property
    def has_both(self) -> bool:
        return self.has_latest and self.base is not None and self.base.quantity is not None


@dataclass(frozen=True)
class Extremes:
    """Lowest and highest regions in a year; ties are kept together."""

    year: int
    lowest: tuple[RegionValue, ...]
    highest: tuple[RegionValue, ...]
    lowest_value: Quantity
    highest_value: Quantity
    missing: tuple[Region, ...]  # regions left out for lack of data
    direction: str | None
    compared: int = 0  # regions with a value

    @property
    def all_equal(self) -> bool:
        """Every region with a value has the same value, as printed."""
        return rounded(self.lowest_value.value, self.lowest_value.decimals) == rounded(self.highest_value.value, self.highest_value.decimals)

    @property
    def best(self) -> tuple[tuple[RegionValue, ...], Quantity] | None:
        if self.direction == "higher":
            return self.highest, self.highest_value
        if self.direction == "lower":
            return self.lowest, self.lowest_value
        return None


@dataclass(frozen=True)
class RegionChanges:
    """How many regions improved between the base year and the latest year."""

    base_year: int
    latest_year: int
    improved: Quantity
    worsened: Quantity
    unchanged: Quantity
    compared: Quantity  # regions with values in both years
    improved_regions: tuple[Region, ...]
    worsened_regions: tuple[Region, ...]


def _opt(x) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x) else float(x)


class IndicatorResult:
    """Everything the report says about one indicator, computed from its rows."""

    def __init__(self, indicator: Indicator, rows: pd.DataFrame, regions: Sequence[Region], report_year: int):
        self.indicator = indicator
        self.report_year = report_year
        self._regions = tuple(regions)
        self._rows = rows
        self._by_key = {
            (r.level, r.area, r.sex, int(r.year)): r for r in rows.itertuples(index=False)
        }

    # ---- single values ---------------------------------------------------------------------

    def point(self, year: int, sex: str = "totalt", area: str = RIKET) -> Point | None:
        level = "riket" if area == RIKET else ("region" if len(area) == 2 else "kommun")
        row = self._by_key.get((level, area, sex, year))
        if row is None:
            return None
        value = _opt(row.value)
        q = None
        if value is not None:
            q = Quantity(
                value=value,
                unit=self.indicator.unit,
                decimals=self.indicator.decimals,
                key=value_key("indikator", self.indicator.id, year, area, sex),
                label=f"{self.indicator.name}, {area}, {sex}, {year}",
                sources=((row.source_file, int(row.source_row)),),
                synthetic=bool(row.synthetic),
                dims={
                    "indicator": self.indicator.id,
                    "year": str(year),
                    "area": area,
                    "sex": sex,
                    "period": row.period or "",
                },
            )
        return Point(
            year=year,
            period=row.period or "",
            quantity=q,
            ci_lower=_opt(row.ci_lower),
            ci_upper=_opt(row.ci_upper),
            missing=row.missing or "",
        )

    def value(self, year: int, sex: str = "totalt", area: str = RIKET) -> Quantity:
        p = self.point(year, sex, area)
        if p is None or p.quantity is None:
            raise LookupError(f"{self.indicator.id}: no value for {area}/{sex}/{year}")
        return p.quantity

    # ---- the national series -----------------------------------------------------------------

    @cached_property
    def national_years(self) -> tuple[int, ...]:
        rows = self._rows[(self._rows.level == "riket") & (self._rows.sex == "totalt")]
        return tuple(sorted(int(y) for y in rows.year.unique()))

    def series(self, sex: str = "totalt", area: str = RIKET) -> tuple[Point, ...]:
        years = sorted({y for (lvl, a, s, y) in self._by_key if a == area and s == sex})
        return tuple(p for y in years if (p := self.point(y, sex, area)) is not None)

    @cached_property
    def sexes(self) -> tuple[str, ...]:
        present = set(self._rows[self._rows.level == "riket"].sex)
        return tuple(s for s in self.indicator.sexes if s in present)

    def _years_with_values(self) -> list[int]:
        years = [p.year for p in self.series() if p.quantity is not None]
        if not years:
            raise LookupError(
                f"the indicator {self.indicator.id} ({self.indicator.name}) has no national values in the data package"
            )
        return years

    @property
    def first_year(self) -> int:
        return self._years_with_values()[0]

    @property
    def latest_year(self) -> int:
        return self._years_with_values()[-1]

    @property
    def previous_year(self) -> int:
        """The year before the latest that has a national value: ``latest_year - 1`` unless that
        year is missing from the series (then the one before it, and so on)."""
        years = [p.year for p in self.series() if p.quantity is not None]
        if len(years) < 2:
            raise LookupError(f"{self.indicator.id}: only one year with a national value ({years[0] if years else 'none'})")
        return years[-2]

    @property
    def latest(self) -> Quantity:
        return self.value(self.latest_year)

    @property
    def first(self) -> Quantity:
        return self.value(self.first_year)

    @property
    def base_year(self) -> int:
        """The comparison year: the catalogue's base year, or the first later year with data."""
        years = [p.year for p in self.series() if p.quantity is not None and p.year >= self.indicator.base_year]
        return years[0] if years else self.first_year

    def change(self, start_year: int | None = None, end_year: int | None = None, sex: str = "totalt") -> Change:
        start_year = self.first_year if start_year is None else start_year
        end_year = self.latest_year if end_year is None else end_year
        return make_change(self.value(start_year, sex), self.value(end_year, sex), start_year, end_year, self.indicator.direction)

    @cached_property
    def sex_gap(self) -> SexGap | None:
        pair = ("män", "kvinnor") if "män" in self.sexes else ("pojkar", "flickor")
        if not all(s in self.sexes for s in pair):
            return None
        return make_sex_gap(self.series(pair[0]), self.series(pair[1]), pair)

    def extreme_years(self, sex: str = "totalt") -> tuple[Point, Point]:
        """The lowest and highest points of the national series (first occurrence)."""
        pts = [p for p in self.series(sex) if p.quantity is not None]
        lo = min(pts, key=lambda p: p.shown)
        hi = max(pts, key=lambda p: p.shown)
        return lo, hi

    # ---- regions -----------------------------------------------------------------------------

    @property
    def all_regions(self) -> tuple[Region, ...]:
        """Every region of the catalogue, in länskod order (with or without a value)."""
        return self._regions

    @cached_property
    def municipality_rows(self) -> pd.DataFrame:
        """The kommun rows (totalt), with or without a value: for figures and facts on all kommuner."""
        rows = self._rows
        return rows[(rows.level == "kommun") & (rows.sex == "totalt")]

    @cached_property
    def region_years(self) -> tuple[int, ...]:
        rows = self._rows[(self._rows.level == "region") & (self._rows.sex == "totalt") & self._rows.value.notna()]
        return tuple(sorted(int(y) for y in rows.year.unique()))

    @property
    def has_regions(self) -> bool:
        return bool(self.region_years)

    @property
    def region_latest_year(self) -> int:
        return self.region_years[-1]

    @property
    def region_base_year(self) -> int:
        later = [y for y in self.region_years if y >= self.indicator.base_year]
        return later[0] if later else self.region_years[0]

    def regions(self, base_year: int | None = None, latest_year: int | None = None, *, fallback: int = 0) -> tuple[RegionValue, ...]:
        """Each region's base-year and latest value, best first (missing last).

        *fallback* lets a region without a latest value show one up to that many
        years older (the edition does this for the patient survey, which only
        some regions take part in each year).
        """
        base_year = self.region_base_year if base_year is None else base_year
        latest_year = self.region_latest_year if latest_year is None else latest_year
        out = []
        for region in self._regions:
            latest = self.point(latest_year, area=region.code)
            step = 1
            while (latest is None or latest.quantity is None) and step <= fallback:
                older = self.point(latest_year - step, area=region.code)
                if older is not None and older.quantity is not None:
                    latest = older
                step += 1
            out.append(RegionValue(region, self.point(base_year, area=region.code), latest))
        return tuple(sort_best_first(out, self.indicator.direction))

    def extremes(self, year: int | None = None, **kwargs) -> Extremes:
        regions = self.regions(latest_year=year, **kwargs)
        return make_extremes(regions, self.indicator.direction, year or self.region_latest_year)

    def region_changes(self, **kwargs) -> RegionChanges:
        return make_region_changes(self.indicator, self.regions(**kwargs))

    def missing_regions(self, **kwargs) -> tuple[Region, ...]:
        return tuple(rv.region for rv in self.regions(**kwargs) if not rv.has_latest)

    def regions_with_value(self, year: int | None = None) -> Quantity:
        """How many regions have a value in *year* (e.g. 10 of 21 took part in the patient survey)."""
        year = self.region_latest_year if year is None else year
        points = [self.point(year, area=r.code) for r in self._regions]
        present = [p.quantity for p in points if p is not None and p.quantity is not None]
        return derived(
            len(present),
            value_key("indikator", self.indicator.id, "regioner", year, "med_värde"),
            unit="antal",
            decimals=0,
            inputs=present,
            label=f"Antal regioner med värde, {self.indicator.name}, {year}",
            dims={"indicator": self.indicator.id, "year": str(year)},
        )

    def sex_gap_finer(self, extra_decimals: int = 1) -> SexGap | None:
        """The sex gap compared with *extra_decimals* more decimals than the indicator prints.

        For a small gap that rounding hides: 87,8 and 88,3 procent both print as
        "88 procent", but the edition reports the gap as "0,5 procentenheter".
        """
        import dataclasses

        pair = ("män", "kvinnor") if "män" in self.sexes else ("pojkar", "flickor")
        if not all(s in self.sexes for s in pair):
            return None

        def finer(sex: str) -> list[Point]:
            return [
                dataclasses.replace(p, quantity=dataclasses.replace(p.quantity, decimals=p.quantity.decimals + extra_decimals))
                for p in self.series(sex)
                if p.quantity is not None
            ]

        return make_sex_gap(finer(pair[0]), finer(pair[1]), pair)


# ---- pure helpers, shared with other results ------------------------------------------------


def make_change(start: Quantity, end: Quantity, start_year: int, end_year: int, direction: str | None) -> Change:
    a, b = rounded(start.value, start.decimals), rounded(end.value, end.decimals)
    diff = b - a
    rel = None if a == 0 else diff / abs(a) * 100.0
    stable = a == b or (rel is not None and abs(rel) < STABLE_RELATIVE_CHANGE * 100)
    move = "stable" if stable else ("up" if diff > 0 else "down")
    if direction is None:
        assessment = None
    elif move == "stable":
        assessment = "unchanged"
    else:
        assessment = "better" if (move == "up") == (direction == "higher") else "worse"
    indicator = start.dims.get("indicator")
    base_key = value_key("indikator", indicator) if indicator else start.key
    key = value_key(base_key, "förändring", f"{start_year}-{end_year}", start.dims.get('area', ''), start.dims.get('sex', ''))
    difference = derived(diff, value_key(key, "differens"), unit=start.unit, decimals=start.decimals, inputs=(start, end), dims=dict(start.dims))
    relative = None if rel is None else derived(rel, value_key(key, "relativ"), unit="procent", decimals=0, inputs=(start, end), dims=dict(start.dims))
    return Change(start, end, start_year, end_year, difference, relative, move, assessment)


def make_sex_gap(first: Sequence[Point], second: Sequence[Point], names: tuple[str, str]) -> SexGap | None:
    by_year_first = {p.year: p for p in first if p.quantity is not None}
    by_year_second = {p.year: p for p in second if p.quantity is not None}
    years = tuple(sorted(set(by_year_first) & set(by_year_second)))
    if not years:
        return None
    higher = {names[0]: 0, names[1]: 0}
    for y in years:
        d = by_year_first[y].shown - by_year_second[y].shown
        if d > 0:
            higher[names[0]] += 1
        elif d < 0:
            higher[names[1]] += 1
    every = next((n for n, c in higher.items() if c == len(years)), None)
    y = years[-1]
    f, s = by_year_first[y].quantity, by_year_second[y].quantity
    hi, lo = (f, s) if by_year_first[y].shown >= by_year_second[y].shown else (s, f)
    diff_value = rounded(hi.value, hi.decimals) - rounded(lo.value, lo.decimals)
    key = value_key("indikator", hi.dims.get("indicator", ""), y, hi.dims.get("area", RIKET), "könsskillnad")
    difference = derived(diff_value, key, unit=hi.unit, decimals=hi.decimals, inputs=(hi, lo), dims=dict(hi.dims))
    low_shown = rounded(lo.value, lo.decimals)
    relative = None
    if low_shown:
        relative = derived(diff_value / low_shown * 100, value_key(key, "relativ"), unit="procent", decimals=0, inputs=(hi, lo), dims=dict(hi.dims))
    period = by_year_first[y].period
    return SexGap(names[0], names[1], years, every, higher, y, f, s, difference, relative, period)


def sort_best_first(values: Sequence[RegionValue], direction: str | None) -> list[RegionValue]:
    def key(rv: RegionValue):
        if not rv.has_latest:
            return (1, 0.0, rv.region.code)
        v = rv.latest.shown
        return (0, -v if direction == "higher" else v, rv.region.code)

    return sorted(values, key=key)


def make_extremes(regions: Sequence[RegionValue], direction: str | None, year: int) -> Extremes:
    present = [rv for rv in regions if rv.has_latest]
    if not present:
        raise LookupError("no region has a value")
    lo = min(rv.latest.shown for rv in present)
    hi = max(rv.latest.shown for rv in present)
    lowest = tuple(sorted((rv for rv in present if rv.latest.shown == lo), key=lambda rv: rv.region.code))
    highest = tuple(sorted((rv for rv in present if rv.latest.shown == hi), key=lambda rv: rv.region.code))
    missing = tuple(rv.region for rv in regions if not rv.has_latest)
    return Extremes(year, lowest, highest, lowest[0].latest.quantity, highest[0].latest.quantity, missing, direction, len(present))


def make_region_changes(indicator: Indicator, regions: Sequence[RegionValue]) -> RegionChanges:
    both = [rv for rv in regions if rv.has_both]
    improved, worsened, same = [], [], []
    for rv in both:
        d = rv.latest.shown - rv.base.shown
        if d == 0:
            same.append(rv.region)
        elif (d > 0) == (indicator.direction == "higher"):
            improved.append(rv.region)
        else:
            worsened.append(rv.region)
    base_year = both[0].base.year if both else 0
    latest_year = max((rv.latest.year for rv in both), default=0)
    inputs = [q for rv in both for q in (rv.base.quantity, rv.latest.quantity)]
    key = value_key("indikator", indicator.id, "regioner", f"{base_year}-{latest_year}")

    def count(n: int, what: str) -> Quantity:
        return derived(n, value_key(key, what), unit="antal", decimals=0, inputs=inputs, dims={"indicator": indicator.id})

    return RegionChanges(
        base_year,
        latest_year,
        count(len(improved), "förbättrade"),
        count(len(worsened), "försämrade"),
        count(len(same), "oförändrade"),
        count(len(both), "jämförda"),
        tuple(improved),
        tuple(worsened),
    )


def indicator_result(package: DataPackage, indicator_id: str) -> IndicatorResult:
    try:
        indicator = package.catalogue.indicators[indicator_id]
    except KeyError:
        raise KeyError(f"indicator {indicator_id!r} is not in the catalogue") from None
    rows = package.indicators[package.indicators.indicator == indicator_id]
    return IndicatorResult(indicator, rows, package.catalogue.regions, package.settings.year)
