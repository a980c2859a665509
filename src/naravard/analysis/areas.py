"""Results for one area: a region or a kommun against riket, its län and the other areas.

The same :class:`~naravard.analysis.indicators.IndicatorResult` the national
chapters read is asked for one area: its latest value, its change since the
base year beside riket's, its place among the areas of its level (ties kept
together), how it compares with riket given the indicator's desired direction,
and whether riket's value lies outside the area's confidence interval. Like the
national results, comparisons are made on values rounded as printed.

:func:`area_results` computes every area of a level once; the profiles of all
areas share it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from naravard.analysis.indicators import Change, IndicatorResult, Point, SexGap, indicator_result, make_change, make_sex_gap
from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.analysis.survey import RegionSurveyResult, municipality_shares, region_survey
from naravard.data.models import RIKET, DataPackage, Indicator, Region

LEVELS = ("region", "kommun")
NO_ROWS = "Datapaketet har inga uppgifter för {area} detta år."  # the reason when the package has no row
SURVEY_KINDS = ("yes_no", "yes_partly_no")  # questions a region answers with one word, comparable to a count


class UnknownArea(LookupError):
    """An area code that the catalogue does not have for the level."""


@dataclass(frozen=True)
class Area:
    """A region or a kommun, as profiles name it."""

    level: str  # region | kommun
    code: str  # länskod "08" or kommunkod "0980"
    name: str  # "Region Kalmar län", "Gotland"
    county: Region  # the region itself, or the kommun's län

    @property
    def region(self) -> Region | None:
        return self.county if self.level == "region" else None


@dataclass(frozen=True)
class Standing:
    """An area's place among the areas compared: ``position`` 1 is the best value (the lowest when
    the indicator has no desired direction); ``tied`` other areas share the place."""

    position: int
    tied: int
    of: int  # areas with a value in the year
    order: str  # "lowest" | "highest": which end position 1 is
    among: str  # "region" | "kommun" | "kommun_i_länet"
    quantity: Quantity  # the position, traced to the values compared

    @property
    def first(self) -> bool:
        return self.position == 1

    @property
    def last(self) -> bool:
        return self.position + self.tied == self.of


def standing(value: Point, others: Sequence[Point], direction: str | None, among: str, key: str) -> Standing:
    """*value*'s place among *others* (which include it) on the printed values."""
    present = [p for p in others if p is not None and p.quantity is not None]
    order = "highest" if direction == "higher" else "lowest"
    mine = value.shown
    better = sum(1 for p in present if (p.shown > mine if order == "highest" else p.shown < mine))
    tied = sum(1 for p in present if p.shown == mine) - 1
    position = better + 1
    q = derived(position, key, unit="antal", decimals=0, inputs=[p.quantity for p in present],
                label=f"Rangplats bland {len(present)}", dims=dict(value.quantity.dims))
    return Standing(position, tied, len(present), order, among, q)


@dataclass(frozen=True)
class Comparison:
    """The area's value against another's (riket's or the län's) in the same year, as printed."""

    other: Point
    relation: str  # "higher" | "lower" | "same"
    assessment: str | None  # "better" | "worse" | "same" | None (no desired direction)
    difference: Quantity  # area − other, in the unit
    beyond_ci: bool | None  # the other value lies outside the area's 95 % interval; None when unknown


def compare(mine: Point, other: Point | None, direction: str | None, key: str) -> Comparison | None:
    if other is None or other.quantity is None or mine.quantity is None:
        return None
    a, b = mine.shown, other.shown
    relation = "same" if a == b else ("higher" if a > b else "lower")
    if direction is None:
        assessment = None
    elif relation == "same":
        assessment = "same"
    else:
        assessment = "better" if (relation == "higher") == (direction == "higher") else "worse"
    difference = derived(a - b, key, unit=mine.quantity.unit, decimals=mine.quantity.decimals,
                         inputs=(mine.quantity, other.quantity), dims=dict(mine.quantity.dims))
    beyond = None
    if mine.ci_lower is not None and mine.ci_upper is not None:
        beyond = not (mine.ci_lower <= other.value <= mine.ci_upper)
    return Comparison(other, relation, assessment, difference, beyond)


@dataclass(frozen=True)
class AreaIndicator:
    """Everything a profile says about one indicator in one area."""

    area: Area
    indicator: Indicator
    year: int  # the latest year the level has values for
    latest: Point | None  # the area's value that year (or its latest before it, see ``older``)
    missing: str  # why the area has no value that year (the package's reason), "" when it has one
    older: bool  # ``latest`` is from an earlier year than ``year``
    riket: Point | None  # riket in the year of ``latest``
    county: Point | None  # the kommun's län in the year of ``latest`` (kommun profiles)
    versus_riket: Comparison | None
    versus_county: Comparison | None
    rank: Standing | None  # among the level's areas (none for an older value)
    county_rank: Standing | None  # among the kommuner of the län
    change: Change | None  # since the base year
    riket_change: Change | None  # riket's over the same years
    series: tuple[Point, ...]
    riket_series: tuple[Point, ...]
    sex_gap: SexGap | None

    @property
    def has_value(self) -> bool:
        return self.latest is not None and self.latest.quantity is not None


def _latest_with_value(result: IndicatorResult, area: str, year: int, fallback: int) -> Point | None:
    for y in range(year, year - fallback - 1, -1):
        p = result.point(y, area=area)
        if p is not None and p.quantity is not None:
            return p
    return None


class AreaResults:
    """The results of every area of one level, computed once and shared by all profiles."""

    def __init__(self, package: DataPackage, level: str, fallback: int = 1):
        if level not in LEVELS:
            raise ValueError(f"level {level!r}: use region or kommun")
        self.package = package
        self.level = level
        self.fallback = fallback  # a missing latest value may show the area's value up to this many years older
        cat = package.catalogue
        self._regions = {r.code: r for r in cat.regions}
        if level == "region":
            self.areas = tuple(Area("region", r.code, r.region_name, r) for r in cat.regions)
        else:
            self.areas = tuple(Area("kommun", m.code, m.name, self._regions[m.county]) for m in cat.municipalities)
        self._by_code = {a.code: a for a in self.areas}

    # ---- areas -------------------------------------------------------------------------------

    def area(self, code: str) -> Area:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownArea(code) from None

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """The measures the package has values for at this level: the kärnindikatorer first, then the others."""
        table = self.package.indicators
        rows = table[(table.level == self.level) & (table.sex == "totalt") & table.value.notna()]
        ids = set(rows.indicator)
        chosen = [i for i in self.package.catalogue.indicators.values() if i.id in ids and i.kind == "indicator"]
        return tuple(sorted(chosen, key=lambda i: (i.core_number is None, i.core_number or 0)))

    @cached_property
    def _results(self) -> dict[str, IndicatorResult]:
        return {i.id: indicator_result(self.package, i.id) for i in self.indicators}

    def result(self, indicator_id: str) -> IndicatorResult:
        return self._results[indicator_id]

    def level_years(self, indicator_id: str) -> tuple[int, ...]:
        result = self._results[indicator_id]
        if self.level == "region":
            return result.region_years
        rows = result.municipality_rows
        return tuple(sorted(int(y) for y in rows[rows.value.notna()].year.unique()))

    def base_year(self, indicator: Indicator) -> int:
        years = self.level_years(indicator.id)
        later = [y for y in years if y >= indicator.base_year]
        return later[0] if later else years[0]

    def alone_in_county(self, area: Area) -> bool:
        """Gotland: the kommun is its län's only one, so it has no län to be compared with or ranked in."""
        return area.level == "kommun" and self._county_sizes[area.county.code] <= 1

    @cached_property
    def _county_sizes(self) -> Counter:
        return Counter(a.county.code for a in self.areas)

    def _peers(self, area: Area, within_county: bool) -> list[Area]:
        if not within_county:
            return list(self.areas)
        return [a for a in self.areas if a.county.code == area.county.code]

    # ---- one area ----------------------------------------------------------------------------

    def for_area(self, code: str) -> tuple[AreaIndicator, ...]:
        area = self.area(code)
        return tuple(self.indicator_for(area, i) for i in self.indicators)

    def indicator_for(self, area: Area, indicator: Indicator) -> AreaIndicator:
        result = self._results[indicator.id]
        year = self.level_years(indicator.id)[-1]
        here = result.point(year, area=area.code)
        missing = ""
        no_rows = NO_ROWS.format(area="regionen" if area.level == "region" else "kommunen")
        if here is None:
            missing = no_rows
        elif here.quantity is None:
            missing = here.missing or no_rows
        latest = _latest_with_value(result, area.code, year, self.fallback if missing else 0)
        older = latest is not None and latest.year != year
        shown_year = latest.year if latest is not None else year
        riket = result.point(shown_year, area=RIKET)
        alone = self.alone_in_county(area)
        county = result.point(shown_year, area=area.county.code) if self.level == "kommun" and not alone else None
        key = value_key("profil", area.level, area.code, indicator.id, shown_year)
        rank = county_rank = vs_riket = vs_county = None
        if latest is not None:
            vs_riket = compare(latest, riket, indicator.direction, value_key(key, "mot_riket"))
            vs_county = compare(latest, county, indicator.direction, value_key(key, "mot_länet")) if county else None
            if not older:
                points = [result.point(year, area=a.code) for a in self._peers(area, False)]
                rank = standing(latest, points, indicator.direction, area.level, value_key(key, "rang"))
                if self.level == "kommun" and not alone:
                    points = [result.point(year, area=a.code) for a in self._peers(area, True)]
                    county_rank = standing(latest, points, indicator.direction, "kommun_i_länet", value_key(key, "rang_i_länet"))
        base = self.base_year(indicator)
        start = result.point(base, area=area.code)
        change = riket_change = None
        if latest is not None and start is not None and start.quantity is not None and base < latest.year:
            change = make_change(start.quantity, latest.quantity, base, latest.year, indicator.direction)
            r0, r1 = result.point(base), result.point(latest.year)
            if r0 is not None and r1 is not None and r0.quantity is not None and r1.quantity is not None:
                riket_change = make_change(r0.quantity, r1.quantity, base, latest.year, indicator.direction)
        series = tuple(p for p in result.series(area=area.code) if p.year >= base)
        riket_series = tuple(p for p in result.series() if p.year >= base and p.year <= year)
        return AreaIndicator(
            area, indicator, year, latest, missing, older, riket, county, vs_riket, vs_county,
            rank, county_rank, change, riket_change, series, riket_series, self._sex_gap(result, area.code),
        )

    @staticmethod
    def _sex_gap(result: IndicatorResult, code: str) -> SexGap | None:
        for pair in (("män", "kvinnor"), ("pojkar", "flickor")):
            first, second = result.series(pair[0], code), result.series(pair[1], code)
            if first and second:
                return make_sex_gap(first, second, pair)
        return None

    # ---- the regions' survey -------------------------------------------------------------------

    @cached_property
    def _questions(self) -> tuple[RegionSurveyResult, ...]:
        pkg = self.package
        out = []
        for qid, q in pkg.catalogue.questions.items():
            if q.respondent == "region" and q.kind in SURVEY_KINDS and not q.options:
                result = region_survey(pkg, qid)
                if result.years:
                    out.append(result)
        return tuple(sorted(out, key=lambda r: (_question_order(r.question.id))))

    def county_survey_for(self, code: str) -> tuple[CountyShare, ...]:
        """A kommun's context in the kommuner's survey: its län's shares beside riket's."""
        area = self.area(code)
        return county_survey(self.package, area.county.code) if area.level == "kommun" else ()

    def survey_for(self, code: str) -> tuple["SurveyAnswer", ...]:
        """A region's own answer to each one-word question in the survey's latest year, against how many regions answered the same."""
        area = self.area(code)
        if area.level != "region":
            return ()
        out = []
        for result in self._questions:
            year = result.years[-1]
            answers = result.answers(year=year)
            mine = next((a for a in answers if a.region.code == code), None)
            if mine is None:
                out.append(SurveyAnswer(result, year, None, None, result.total(year=year)))
                continue
            out.append(SurveyAnswer(result, year, mine.answer, result.count(mine.answer, year=year), result.total(year=year), mine.quantity))
        return tuple(out)


@dataclass(frozen=True)
class CountyShare:
    """The share of the län's kommuner that answered an option of the kommuner's survey, beside riket's."""

    question: object  # SurveyQuestion
    option: str  # the option's label ("" for a question without options)
    year: int
    county: Quantity
    riket: Quantity | None


def county_survey(package: DataPackage, county: str) -> tuple[CountyShare, ...]:
    """The kommuner's survey for one län, in the latest year each question has län rows: the context
    of a kommun profile (empty when the package gives the survey for riket only)."""
    table = package.survey_municipalities
    rows = table[(table.level == "region") & (table.area == county)]
    out = []
    for qid in sorted(set(rows.question), key=_question_order):
        shares = municipality_shares(package, qid)
        q = shares.question
        year = int(rows[rows.question == qid].year.max())
        for option in [o.id for o in q.options] or [""]:
            if rows[(rows.question == qid) & (rows.option == option) & (rows.year == year)].empty:
                continue
            riket = shares.share(option, year) if shares.has(option, year) else None
            out.append(CountyShare(q, q.option(option).label if option else "", year, shares.share(option, year, county), riket))
    return tuple(out)


def _question_order(qid: str) -> tuple:
    """Numbered questions in number order ("2" < "10" < "29b"), the named ones after them."""
    digits = "".join(c for c in qid if c.isdigit())
    return (0, int(digits), qid) if digits and qid[0].isdigit() else (1, 0, qid)


@dataclass(frozen=True)
class SurveyAnswer:
    """A region's answer to one question, and how many regions gave the same answer."""

    question: RegionSurveyResult
    year: int
    answer: str | None  # Ja | Nej | Delvis | …; None when the region did not answer
    same: Quantity | None  # regions (the region included) with this answer
    total: Quantity  # regions that answered
    quantity: Quantity | None = None  # the region's answer as a value

    @property
    def answered(self) -> bool:
        return self.answer is not None

