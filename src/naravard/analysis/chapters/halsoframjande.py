"""Chapter 8, Hälsofrämjande och förebyggande insatser: the facts its templates read as ``fakta``.

Sources: the indicators diskuterat levnadsvanor (patient survey; only some
regions take part some years), läkemedel som bör undvikas (särskilt and
ordinärt boende), fallskador (both kinds of boende) and akutbesök 80 år och
äldre (riket, län, kommuner); the regions' answers on hälsofrämjande insatser
(r.halsoframjande) and the län's answers on the kommuners' insatser
(k.halsoframjande). Templates: ``templates/chapters/08-halsoframjande/``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from naravard.analysis.facts import Comparison, IndicatorFacts, RegionMoves, Ranking, Tally, by_year, compare, indicator_facts
from naravard.analysis.facts import rank_options, region_moves, survey_tally
from naravard.analysis.indicators import Change, Extremes, IndicatorResult, Point, SexGap, indicator_result
from naravard.analysis.prevention import Coverage, LatestStanding, LowestEveryYear, RelativeGapRange, SteadyRun
from naravard.analysis.prevention import coverage, latest_standing, lowest_every_year, relative_gap_range, steady_run
from naravard.analysis.quantity import Quantity
from naravard.analysis.survey import YES, municipality_shares, region_survey
from naravard.data.models import DataPackage

LIFESTYLE = "levnadsvanor"
MEDICINES_SPECIAL, MEDICINES_ORDINARY = "lakemedel_undvikas_sabo", "lakemedel_undvikas_ordbo"
FALLS_SPECIAL, FALLS_ORDINARY = "fallskador_sabo", "fallskador_ordbo"
EMERGENCY = "akutbesok_80"
REGIONS_EFFORTS, MUNICIPALITIES_EFFORTS = "r.halsoframjande", "k.halsoframjande"
HEALTH_TALKS, HOME_VISITS, OTHER = "riktade_halsosamtal", "hembesoksprogram", "ovriga"


@dataclass(frozen=True)
class Levnadsvanor:
    """Diskuterat levnadsvanor: the patient survey, which not every region takes part in every year."""

    värde: Quantity  # the latest national value
    år: int
    män: Quantity | None
    kvinnor: Quantity | None
    täckning: Coverage
    alla_deltog: bool  # every region took part in the latest year
    förändring: Change  # the judgement: over the years every region took part when the latest did not, else the whole series
    jämförbara_år: bool  # förändring runs over the years every region took part (not the latest)
    könsskillnad: SexGap | None
    lägst_högst: Extremes  # the regions that took part in the latest year
    sedan_basåret: RegionMoves | None  # each region's latest measured value (up to a year older) against the base year


@dataclass(frozen=True)
class Läkemedel:
    """Äldre med läkemedel som bör undvikas: ordinärt boende (the core indicator) beside särskilt boende."""

    ordinärt: IndicatorFacts  # from the first year of the series
    särskilt: IndicatorFacts
    sedan_basåret: Change  # ordinärt boende from the indicator's base year (the summary's figure)
    ordinärt_i_följd: SteadyRun | None  # the latest run of moves in one direction, when longer than one year
    särskilt_i_följd: SteadyRun | None
    ordinärt_mot_särskilt: Comparison  # year by year, ordinärt against särskilt boende
    könen_omvänt: bool  # one sex is higher every year in ordinärt boende, the other in särskilt boende


@dataclass(frozen=True)
class Fallskador:
    särskilt: Change  # from the base year
    ordinärt: Change
    särskilt_läge: LatestStanding  # the latest year against the rest of the series
    ordinärt_läge: LatestStanding
    högre_bland: str | None  # the sex with more falls every year in both kinds of boende
    lägre_bland: str | None


@dataclass(frozen=True)
class Akutbesök:
    fakta: IndicatorFacts  # the series from its first year, the län
    förändring: Change  # from the base year
    lägsta_året: Point | None  # the lowest year of the series, when it is neither the first nor the latest
    kön: RelativeGapRange | None  # the relative gap between the sexes; None unless one sex was higher every year
    könsskillnad: SexGap | None
    kommuner_lägst_varje_år: LowestEveryYear | None


@dataclass(frozen=True)
class HalsoframjandeFacts:
    levnadsvanor: Levnadsvanor
    läkemedel: Läkemedel
    fallskador: Fallskador
    akutbesök: Akutbesök
    insatser: Ranking | None  # r.halsoframjande: the named kinds of effort (not "Övriga") by regions; None when not asked
    hälsosamtal: Tally | None  # regions with efforts on riktade hälsosamtal
    övriga_insatser: Tally | None  # regions with other efforts
    kommuner_hälsosamtal: Quantity | None  # k.halsoframjande: share of län whose kommuner held riktade hälsosamtal
    kommuner_hembesök: Quantity | None
    kommuner_övriga: Quantity | None
    många_hälsosamtal: bool  # most regions that answered, and most län, work with riktade hälsosamtal

    @property
    def har_övriga_insatser(self) -> bool:
        return self.övriga_insatser is not None and not self.övriga_insatser.ingen


def facts(package: DataPackage) -> HalsoframjandeFacts:
    efforts = region_survey(package, REGIONS_EFFORTS)
    talks = survey_tally(efforts, YES, HEALTH_TALKS)
    municipal = municipality_shares(package, MUNICIPALITIES_EFFORTS)
    share = {o: municipal.share(o) if municipal.has(o) else None for o in (HEALTH_TALKS, HOME_VISITS, OTHER)}
    return HalsoframjandeFacts(
        levnadsvanor=lifestyle(indicator_result(package, LIFESTYLE)),
        läkemedel=medicines(indicator_result(package, MEDICINES_ORDINARY), indicator_result(package, MEDICINES_SPECIAL)),
        fallskador=falls(indicator_result(package, FALLS_SPECIAL), indicator_result(package, FALLS_ORDINARY)),
        akutbesök=emergency(indicator_result(package, EMERGENCY), package),
        insatser=rank_options(efforts, leave_out=(OTHER,)),
        hälsosamtal=talks,
        övriga_insatser=survey_tally(efforts, YES, OTHER),
        kommuner_hälsosamtal=share[HEALTH_TALKS],
        kommuner_hembesök=share[HOME_VISITS],
        kommuner_övriga=share[OTHER],
        många_hälsosamtal=most_work_with(talks, share[HEALTH_TALKS]),
    )


# ---- diskuterat levnadsvanor --------------------------------------------------------------------


def lifestyle(result: IndicatorResult) -> Levnadsvanor:
    cov = coverage(result)
    change, over_full_years = judged_change(result, cov)
    moves = region_moves(result.region_changes(fallback=1), result.indicator.direction, len(result.all_regions))
    latest = result.latest_year
    return Levnadsvanor(
        värde=result.latest,
        år=latest,
        män=_value(result, latest, "män"),
        kvinnor=_value(result, latest, "kvinnor"),
        täckning=cov,
        alla_deltog=int(cov.participants.value) == int(cov.total.value),
        förändring=change,
        jämförbara_år=over_full_years,
        könsskillnad=result.sex_gap,
        lägst_högst=dataclasses.replace(result.extremes(), missing=()),  # the regions that took part; the text says so
        sedan_basåret=moves,
    )


def judged_change(result: IndicatorResult, cov: Coverage) -> tuple[Change, bool]:
    """The change a heading may judge: when only some regions took part in the latest year, its national
    value is not comparable, so the judgement runs over the years every region took part (when there are two);
    otherwise over the whole series, as the figure's alt text does. Returns (change, over the full years)."""
    partial = int(cov.participants.value) < int(cov.total.value)
    if partial and len(cov.full_years) >= 2:
        first, last = cov.full_years[0], cov.full_years[-1]
        return result.change(first, last), True
    return result.change(), False


def _value(result: IndicatorResult, year: int, sex: str) -> Quantity | None:
    p = result.point(year, sex)
    return None if p is None else p.quantity


# ---- läkemedel som bör undvikas -----------------------------------------------------------------


def medicines(ordinary: IndicatorResult, special: IndicatorResult) -> Läkemedel:
    o_gap, s_gap = ordinary.sex_gap, special.sex_gap
    return Läkemedel(
        ordinärt=indicator_facts(ordinary),
        särskilt=indicator_facts(special),
        sedan_basåret=ordinary.change(ordinary.base_year),
        ordinärt_i_följd=run(ordinary),
        särskilt_i_följd=run(special),
        ordinärt_mot_särskilt=compare(by_year(ordinary.series()), by_year(special.series())),
        könen_omvänt=bool(o_gap and s_gap and o_gap.higher_every_year and s_gap.higher_every_year
                          and o_gap.higher_every_year != s_gap.higher_every_year),  # fmt: skip
    )


def run(result: IndicatorResult) -> SteadyRun | None:
    """The latest run of moves in one direction ("minskat varje år sedan 2018"), when it spans two moves or more."""
    r = steady_run(result)
    return r if r.direction != "stable" and r.steps > 1 else None


# ---- fallskador -----------------------------------------------------------------------------------


def falls(special: IndicatorResult, ordinary: IndicatorResult) -> Fallskador:
    higher = None
    if special.sex_gap and ordinary.sex_gap and special.sex_gap.higher_every_year == ordinary.sex_gap.higher_every_year:
        higher = special.sex_gap.higher_every_year
    pair = (special.sex_gap.first, special.sex_gap.second) if special.sex_gap else (None, None)
    return Fallskador(
        särskilt=special.change(special.base_year),
        ordinärt=ordinary.change(ordinary.base_year),
        särskilt_läge=latest_standing(special),
        ordinärt_läge=latest_standing(ordinary),
        högre_bland=higher,
        lägre_bland=None if higher is None else (pair[1] if higher == pair[0] else pair[0]),
    )


# ---- akutbesök 80 år och äldre ---------------------------------------------------------------------


def emergency(result: IndicatorResult, package: DataPackage) -> Akutbesök:
    change = result.change(result.base_year)
    gap = relative_gap_range(result)
    cat = package.catalogue
    return Akutbesök(
        fakta=indicator_facts(result),
        förändring=change,
        lägsta_året=lowest_between(result, change),
        kön=gap if gap is not None and gap.higher else None,
        könsskillnad=result.sex_gap,
        kommuner_lägst_varje_år=lowest_every_year(result, cat.municipalities, cat.regions),
    )


def lowest_between(result: IndicatorResult, change: Change) -> Point | None:
    """The lowest year of the series since the change's start, when it is neither its first nor its last year."""
    points = [p for p in result.series() if p.quantity is not None and change.start_year <= p.year <= change.end_year]
    lowest = min(points, key=lambda p: p.shown)
    lowest_shown = [p for p in points if p.shown == lowest.shown]
    if any(p.year in (change.start_year, change.end_year) for p in lowest_shown):
        return None
    return lowest


# ---- the survey -------------------------------------------------------------------------------------


def most_work_with(regions: Tally | None, municipalities: Quantity | None) -> bool:
    """More than half of the regions that answered, and more than half of the län, work with riktade hälsosamtal."""
    if regions is None or municipalities is None:
        return False
    return 2 * regions.n > regions.svarande and round(municipalities.value) > 50

