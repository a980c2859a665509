"""Länsgemensamma planer over the years: one fact from two questions.

Until the survey on 2023 the regions were asked whether a länsgemensam plan
exists (``r.lansgemensam_plan``); from 2024 whether one was decided on or
updated during the year (Fråga 4). Which regions have a plan by the report
year is therefore the regions that had one when the survey last asked, plus
every region that decided on one in any year since, not only in the report
year. :func:`plan_coverage` works that out for whatever years the package
holds: no existence question at all, one just before the report year, or one
several years back.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.quantity import Quantity
from naravard.analysis.survey import YES, RegionSurveyResult
from naravard.data.models import Region


@dataclass(frozen=True)
class PlanCoverage:
    """``plan_coverage(enkat["r.lansgemensam_plan"], enkat["4"])`` in templates."""

    existence: RegionSurveyResult  # "is there a plan?"
    decision: RegionSurveyResult  # "was a plan decided on or updated during the year?"
    base_year: int | None  # the last year the existence question was asked, before the decisions (None: never)
    decision_years: tuple[int, ...]  # years of the decision question after base_year, up to the report year

    @property
    def years(self) -> tuple[int, ...]:
        """Every year the figure shows: the base year, then each year of decisions."""
        return ((self.base_year,) if self.base_year is not None else ()) + self.decision_years

    @property
    def had(self) -> tuple[Region, ...]:
        """Regions with a plan in the base year."""
        return self.existence.regions_with(YES, year=self.base_year) if self.base_year is not None else ()

    @property
    def had_count(self) -> Quantity | None:
        return self.existence.count(YES, year=self.base_year) if self.base_year is not None else None

    @property
    def had_total(self) -> Quantity | None:
        return self.existence.total(year=self.base_year) if self.base_year is not None else None

    def decided(self, year: int | None = None) -> tuple[Region, ...]:
        """Regions that decided on or updated a plan in *year*, or (without a year) in any decision year."""
        years = self.decision_years if year is None else (year,)
        found = {r.code for y in years for r in self.decision.regions_with(YES, year=y)}
        return tuple(r for r in self.existence.regions if r.code in found)

    @property
    def without_before(self) -> tuple[Region, ...]:
        """Regions that answered in the base year that they had no plan."""
        if self.base_year is None:
            return ()
        answered = {a.region.code for a in self.existence.answers(year=self.base_year)}
        had = {r.code for r in self.had}
        return tuple(r for r in self.existence.regions if r.code in answered and r.code not in had)

    @property
    def new_plans(self) -> tuple[Region, ...]:
        """Regions without a plan in the base year that have decided on one since."""
        decided = {r.code for r in self.decided()}
        return tuple(r for r in self.without_before if r.code in decided)

    @property
    def all_covered(self) -> bool:
        """Every region has a plan: all answered in the base year, and every one without a plan has decided on one since."""
        if self.base_year is None:
            return False
        everyone = len(self.existence.answers(year=self.base_year)) == len(self.existence.regions)
        return everyone and len(self.new_plans) == len(self.without_before)

    def figure_items(self) -> list[tuple[str, dict[str, tuple[Quantity, Quantity]]]]:
        """``fig.counts`` items: per answer, the count and total of each year (existence in the base year)."""
        items = []
        for answer in self.decision.question.answers:
            by_year = {}
            if self.base_year is not None:
                by_year[str(self.base_year)] = (self.existence.count(answer, year=self.base_year), self.existence.total(year=self.base_year))
            for y in self.decision_years:
                by_year[str(y)] = (self.decision.count(answer, year=y), self.decision.total(year=y))
            items.append((answer, by_year))
        return items


def plan_coverage(existence: RegionSurveyResult, decision: RegionSurveyResult) -> PlanCoverage:
    """The plans' years in the package: the existence question's last year up to the report
    year (or none), and every decision year after it up to the report year."""
    year = decision.report_year
    asked = [y for y in existence.years if y <= year]
    base = max(asked) if asked else None
    decision_years = tuple(y for y in decision.years if y <= year and (base is None or y > base))
    return PlanCoverage(existence, decision, base, decision_years)
