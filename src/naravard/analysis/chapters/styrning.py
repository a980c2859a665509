"""Chapter 3, Styrning och ledning: the facts its templates read as ``fakta``.

Sources: the regions' budget decisions for primary care (Fråga 5, 6, 7), the
länsgemensamma planer (``r.lansgemensam_plan`` asked whether a plan exists, up
to the survey on 2023; Fråga 4 whether one was decided on or updated during the
year, from 2024), follow-ups of efforts for the staff (Fråga 26 and the
kommuner's ``k.medarbetare_uppfoljning``) and the deepening study
(``method.toml``). Templates: ``templates/chapters/03-styrning/``.

Every question may be missing from a year's package: its fact is then None and
the passage that reads it is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.facts import Tally, survey_tally
from naravard.analysis.method import MethodResults
from naravard.analysis.plans import PlanCoverage, plan_coverage
from naravard.analysis.quantity import Quantity
from naravard.analysis.survey import YES, RegionSurveyResult, municipality_shares, region_survey
from naravard.data.models import DataPackage, Region

BUDGET_TARGET, BUDGET_LARGER_SHARE, OTHER_EFFORTS = "5", "6", "7"
PLAN_EXISTS, PLAN_DECIDED = "r.lansgemensam_plan", "4"
STAFF_FOLLOW_UP, MUNICIPAL_STAFF_FOLLOW_UP = "26", "k.medarbetare_uppfoljning"
PLAN_EXAMPLES = "planer_fordjupning"  # catalogue/topics.toml


@dataclass(frozen=True)
class Budget:
    """Fråga 5, 6 and 7 of the report year; a question not asked that year is None."""

    mål: Tally | None  # a target in the budget for primary care's share (Fråga 5)
    större_andel: Tally | None  # a larger share budgeted than the year before (Fråga 6)
    andra_insatser: Tally | None  # other efforts for an efficient use of the resources (Fråga 7)
    staplar: list  # fig.counts items: (question title, {year: (count, total)}) for each question asked

    @property
    def andra_vanligast(self) -> bool:
        """Other efforts are more common than each of the budget decisions that were asked about."""
        others = [t for t in (self.mål, self.större_andel) if t is not None]
        return self.andra_insatser is not None and bool(others) and all(self.andra_insatser.n > t.n for t in others)

    @property
    def komplett(self) -> bool:
        """All three questions were asked this year (the section compares them)."""
        return len(self.staplar) == 3


@dataclass(frozen=True)
class Planer:
    """Länsgemensamma planer over every year the package holds (see analysis/plans.py)."""

    basår: int | None  # the last year the survey asked whether a plan exists (None: never)
    hade_plan: Tally | None  # regions with a plan that year
    beslutsår: tuple[int, ...]  # every year of the decision question after basår, up to the report year
    åren: tuple[str, ...]  # every year the figure shows, as printed
    beslutade: Tally  # decided on or updated a plan in the report year
    år_innan: int | None  # the decision year before the report year, when the package holds one
    beslutade_året_innan: Tally | None
    saknade: tuple[Region, ...]  # answered in basår that they had no plan
    nya: tuple[Region, ...]  # of those, the ones that decided on a plan in some decision year since
    alla_har_plan: bool  # every region had a plan in basår or has decided on one since
    staplar: list  # fig.counts items: per answer, the count of each year

    @property
    def ett_beslutsår(self) -> bool:
        """Only the report year asked about decisions: "under 2024" rather than "sedan dess"."""
        return len(self.beslutsår) == 1

    @property
    def två_år(self) -> bool:
        """The figure shows two years (the existence question's and one of decisions)."""
        return len(self.åren) == 2

    @property
    def beslutsårens_år(self) -> tuple[str, ...]:
        return tuple(str(y) for y in self.beslutsår)


@dataclass(frozen=True)
class Medarbetare:
    uppföljning: Tally | None  # Fråga 26: regions that followed up efforts for the staff
    kommuner_uppföljning: Quantity | None  # share of kommuner that did


@dataclass(frozen=True)
class Fördjupning:
    """The deepening study of method.toml (interviews in a few län)."""

    län: tuple[Region, ...]
    antal_län: int
    intervjuer: Quantity
    planexempel: int  # curated examples of the län's plans (topic planer_fordjupning)


@dataclass(frozen=True)
class StyrningFacts:
    förra_året: int  # the year before the report year (Fråga 6 compares the budgets)
    budget: Budget
    planer: Planer | None  # None when Fråga 4 was not asked in the report year
    medarbetare: Medarbetare
    fördjupning: Fördjupning | None  # None when the package's method.toml has no deepening study

    @property
    def planexempel(self) -> bool:
        """The plans section is printed and the package has examples of the study's plans."""
        return self.planer is not None and self.fördjupning is not None and self.fördjupning.planexempel > 0


def facts(package: DataPackage) -> StyrningFacts:
    questions = package.catalogue.questions
    asked = {q: region_survey(package, q) for q in (BUDGET_TARGET, BUDGET_LARGER_SHARE, OTHER_EFFORTS, STAFF_FOLLOW_UP, PLAN_DECIDED)
             if q in questions}  # fmt: skip
    municipal = municipality_shares(package, MUNICIPAL_STAFF_FOLLOW_UP) if MUNICIPAL_STAFF_FOLLOW_UP in questions else None
    existence = region_survey(package, PLAN_EXISTS) if PLAN_EXISTS in questions else None
    return StyrningFacts(
        förra_året=package.settings.year - 1,
        budget=budget(asked.get(BUDGET_TARGET), asked.get(BUDGET_LARGER_SHARE), asked.get(OTHER_EFFORTS)),
        planer=plans(existence or never_asked(package, PLAN_DECIDED), asked.get(PLAN_DECIDED)),
        medarbetare=Medarbetare(
            uppföljning=_tally(asked.get(STAFF_FOLLOW_UP)),
            kommuner_uppföljning=municipal.share() if municipal is not None and municipal.has() else None,
        ),
        fördjupning=study(package),
    )


def _tally(result: RegionSurveyResult | None) -> Tally | None:
    return None if result is None else survey_tally(result, YES)


def budget(target: RegionSurveyResult | None, larger: RegionSurveyResult | None, other: RegionSurveyResult | None) -> Budget:
    tallies = [(r, _tally(r)) for r in (target, larger, other)]
    bars = [(r.question.title, {str(r.report_year): (t.antal, t.av)}) for r, t in tallies if t is not None]
    return Budget(mål=tallies[0][1], större_andel=tallies[1][1], andra_insatser=tallies[2][1], staplar=bars)


def never_asked(package: DataPackage, question_id: str) -> RegionSurveyResult | None:
    """A question with no answers in any year (a catalogue without the earlier plan question)."""
    if question_id not in package.catalogue.questions:
        return None
    rows = package.survey_regions.iloc[0:0]
    return RegionSurveyResult(package.catalogue.questions[question_id], rows, package.catalogue.regions, package.settings.year)


def plans(existence: RegionSurveyResult | None, decision: RegionSurveyResult | None) -> Planer | None:
    """The plans over the years the package holds: the existence question's last year (if any), then each
    year of the decision question up to the report year, none skipped. None when Fråga 4 is not asked this year."""
    if existence is None or decision is None or not decision.has_year(decision.report_year):
        return None
    cov: PlanCoverage = plan_coverage(existence, decision)
    before = [y for y in cov.decision_years if y < decision.report_year]
    year_before = before[-1] if before else None
    had = survey_tally(existence, YES, year=cov.base_year) if cov.base_year is not None else None
    return Planer(
        basår=cov.base_year,
        hade_plan=had,
        beslutsår=cov.decision_years,
        åren=tuple(str(y) for y in cov.years),
        beslutade=survey_tally(decision, YES),
        år_innan=year_before,
        beslutade_året_innan=survey_tally(decision, YES, year=year_before) if year_before is not None else None,
        saknade=cov.without_before,
        nya=cov.new_plans,
        alla_har_plan=cov.all_covered,
        staplar=cov.figure_items(),
    )


def study(package: DataPackage) -> Fördjupning | None:
    method = MethodResults(package.method) if package.method is not None else None
    found = method.deepening_study if method is not None else None
    if found is None:
        return None
    counties = tuple(found.counties)
    examples = sum(1 for e in package.examples if e.topic == PLAN_EXAMPLES)
    return Fördjupning(län=counties, antal_län=len(counties), intervjuer=found.interviews, planexempel=examples)
