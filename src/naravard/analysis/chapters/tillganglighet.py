"""Chapter 5, Tillgänglighet: the facts its templates read as ``fakta``.

Sources: the indicators läkare and sjuksköterska i särskilt boende (the survey
Vad tycker de äldre om äldreomsorgen?), medicinsk bedömning inom tre dagar, the
same for barn och unga med psykisk ohälsa (measured in a period each year) and
överbeläggningar; the regions' answers on digitala vårdtjänster, vårdutbud
(Fråga 14), utbildning and läkartillgång for the kommuner and landsbygd; the
län's answers on the kommuners' insatser (k.insatser). Templates:
``templates/chapters/05-tillganglighet/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.facts import RegionMoves, Tally, region_moves, survey_tally
from naravard.analysis.indicators import Change, Extremes, IndicatorResult, Point, SexGap, indicator_result
from naravard.analysis.quantity import Quantity
from naravard.analysis.rounding import rounded
from naravard.analysis.survey import MunicipalityShares, municipality_shares, region_survey
from naravard.data.models import DataPackage, Region

DOCTOR, NURSE = "lakare_sabo", "sjukskoterska_sabo"
ASSESSMENT, YOUNG = "medicinsk_bedomning_3d", "barn_unga_psykisk_ohalsa_3d"
OVERCROWDING = "overbelaggningar"
DIGITAL, CARE_SUPPLY = "r.digitala_vardtjanster", "14"
TRAINING, DOCTORS_FOR_KOMMUNER, RURAL = "r.utbildning_kommunal_hsv", "r.lakartillgang_kommuner", "r.landsbygd_samverkan"
MUNICIPAL_EFFORTS = "k.insatser"
HANDFUL_OF_NAMES = 3  # "Så är det inte i …" names the regions that said no only when they are this few


@dataclass(frozen=True)
class Läkare:
    """Läkare i särskilt boende, with sjuksköterska beside it."""

    förändring: Change  # base year to the latest (the heading and the box)
    värde: Quantity
    år: int
    hela_perioden: Change  # the first year to the latest
    lägsta_året: Point | None  # the lowest year, when it is neither the first nor the latest
    ned_till_lägsta: Change | None  # the first year to the lowest
    upp_från_lägsta: Change | None  # the lowest year to the latest
    könsskillnad: SexGap | None
    sjuksköterska: Quantity
    sjuksköterska_år: int
    sjuksköterska_förändring: Change  # base year to the latest
    sjuksköterska_samma_riktning: bool  # the two changes go the same way ("Även den andelen …")
    lägst_högst: Extremes
    sedan_basåret: RegionMoves | None


@dataclass(frozen=True)
class Bedömning:
    """Medicinsk bedömning inom tre dagar."""

    förändring: Change  # base year to the latest
    varje_år: bool  # every year since the base year moved the way the change does (two moves or more)
    senaste_året: Change | None  # the year before the latest to the latest; None when that year is missing
    avtagit: bool  # the latest year barely moved although every year before moved one way
    planat_ut: bool  # the latest year barely moved after a change over the period
    könsskillnad: SexGap | None  # with one more decimal, so a small gap is not rounded away
    lägst_högst: Extremes
    sedan_basåret: RegionMoves | None

    @property
    def könsskillnad_liten(self) -> bool:
        """The latest gap between the sexes is at most one unit as printed (one procentenhet for a share)."""
        g = self.könsskillnad
        return g is not None and rounded(g.latest_difference.value, g.latest_difference.decimals) <= 1


@dataclass(frozen=True)
class BarnOchUnga:
    """Barn och unga med psykisk ohälsa: one measurement period a year."""

    förändring: Change  # the previous measurement to the latest
    senaste: Point
    föregående: Point
    könsskillnad: SexGap | None
    högre_bland: str | None  # the group higher in most measurement periods; None when neither is
    lägre_bland: str | None
    högre_perioder: int  # how many periods the higher group was higher
    perioder: int  # periods with a value for both

    @property
    def högre_alla_perioder(self) -> bool:
        return self.perioder > 0 and self.högre_perioder == self.perioder

    @property
    def saknas(self) -> bool:
        """Some region has no value for the latest measurement period."""
        return bool(self.lägst_högst.missing)

    @property
    def bedömd(self) -> bool:
        """The change is judged a förbättring or försämring (not "ingen tydlig förändring")."""
        return self.förändring.assessment in ("better", "worse")
    lägst_högst: Extremes
    sedan_basåret: RegionMoves | None


@dataclass(frozen=True)
class Överbeläggningar:
    senaste_året: Change  # the previous year to the latest
    sedan_basåret: Change  # base year to the latest
    samma_riktning: bool  # both changes go the same way ("och" rather than "men")
    värde: Quantity
    år: int
    lägst_högst: Extremes
    regioner_sedan_basåret: RegionMoves | None

    @property
    def förändrat_sedan_basåret(self) -> bool:
        return self.sedan_basåret.direction != "stable"


@dataclass(frozen=True)
class KommunAndel:
    """A share of the kommuner (k.insatser), with the year before when that year was asked."""

    värde: Quantity
    året_före: Quantity | None
    år_före: int


@dataclass(frozen=True)
class TillganglighetFacts:
    läkare: Läkare
    bedömning: Bedömning
    barn_och_unga: BarnOchUnga
    överbeläggningar: Överbeläggningar
    digitala: Tally | None  # regions that introduced digitala vårdtjänster; None when not asked
    digitala_många: bool  # more than half of the regions that answered
    vårdutbud: Tally | None  # Fråga 14
    vårdutbud_inte: tuple[Region, ...]  # the regions that said no, when they are a handful or fewer
    utbildning: Tally | None
    läkartillgång: Tally | None
    landsbygd: Tally | None
    landsbygd_många: bool
    kommuner_digitala: KommunAndel | None
    kommuner_mobila_team: KommunAndel | None
    kommuner_mobila_team_region: KommunAndel | None
    kommuner_medicinsk_kompetens: KommunAndel | None
    kommuner_läkarmedverkan: KommunAndel | None

    @property
    def kommuner_utvecklar_mobila_team(self) -> bool:
        """Some kommuner initiated or strengthened mobila team, their own or with the region (as printed)."""
        return any(some(s) for s in (self.kommuner_mobila_team, self.kommuner_mobila_team_region))

    @property
    def kompetensen_stärkts(self) -> bool:
        """Some region trained the kommunal personnel or gave it more doctors, or some kommuner strengthened it."""
        regions = any(t is not None and not t.ingen for t in (self.utbildning, self.läkartillgång))
        return regions or some(self.kommuner_medicinsk_kompetens)


def facts(package: DataPackage) -> TillganglighetFacts:
    digital = survey_tally(region_survey(package, DIGITAL))
    supply = region_survey(package, CARE_SUPPLY)
    rural = survey_tally(region_survey(package, RURAL))
    municipal = municipality_shares(package, MUNICIPAL_EFFORTS)
    return TillganglighetFacts(
        läkare=doctor(indicator_result(package, DOCTOR), indicator_result(package, NURSE)),
        bedömning=assessment(indicator_result(package, ASSESSMENT)),
        barn_och_unga=young(indicator_result(package, YOUNG)),
        överbeläggningar=overcrowding(indicator_result(package, OVERCROWDING)),
        digitala=digital,
        digitala_många=majority(digital),
        vårdutbud=survey_tally(supply),
        vårdutbud_inte=said_no(supply),
        utbildning=survey_tally(region_survey(package, TRAINING)),
        läkartillgång=survey_tally(region_survey(package, DOCTORS_FOR_KOMMUNER)),
        landsbygd=rural,
        landsbygd_många=majority(rural),
        kommuner_digitala=municipal_share(municipal, "digitala_besok"),
        kommuner_mobila_team=municipal_share(municipal, "mobila_team_kommun"),
        kommuner_mobila_team_region=municipal_share(municipal, "mobila_team_region"),
        kommuner_medicinsk_kompetens=municipal_share(municipal, "medicinsk_kompetens"),
        kommuner_läkarmedverkan=municipal_share(municipal, "lakarmedverkan"),
    )


def moves(result: IndicatorResult) -> RegionMoves | None:
    return region_moves(result.region_changes(), result.indicator.direction, len(result.all_regions))


def points(result: IndicatorResult, since: int | None = None) -> list[Point]:
    return [p for p in result.series() if p.quantity is not None and (since is None or p.year >= since)]


# ---- läkare och sjuksköterska i särskilt boende ----------------------------------------------------


def doctor(doctor: IndicatorResult, nurse: IndicatorResult) -> Läkare:
    change = doctor.change(doctor.base_year, doctor.latest_year)
    nurse_change = nurse.change(nurse.base_year, nurse.latest_year)
    low = lowest_inside(doctor)
    return Läkare(
        förändring=change,
        värde=doctor.latest,
        år=doctor.latest_year,
        hela_perioden=doctor.change(),
        lägsta_året=low,
        ned_till_lägsta=None if low is None else doctor.change(doctor.first_year, low.year),
        upp_från_lägsta=None if low is None else doctor.change(low.year, doctor.latest_year),
        könsskillnad=doctor.sex_gap,
        sjuksköterska=nurse.latest,
        sjuksköterska_år=nurse.latest_year,
        sjuksköterska_förändring=nurse_change,
        sjuksköterska_samma_riktning=nurse_change.direction == change.direction,
        lägst_högst=doctor.extremes(),
        sedan_basåret=moves(doctor),
    )


def lowest_inside(result: IndicatorResult) -> Point | None:
    """The lowest year of the series (the first of a tie), when it is neither the first year nor the latest."""
    low, _ = result.extreme_years()
    return None if low.year in (result.first_year, result.latest_year) else low


# ---- medicinsk bedömning inom tre dagar ----------------------------------------------------------


def assessment(result: IndicatorResult) -> Bedömning:
    change = result.change(result.base_year, result.latest_year)
    before = result.latest_year - 1
    last = result.change(before, result.latest_year) if before in result.national_years else None
    steady = every_year(points(result, since=change.start_year), change.direction)
    quiet = last is not None and last.direction == "stable"
    return Bedömning(
        förändring=change,
        varje_år=steady,
        senaste_året=last,
        avtagit=quiet and steady,
        planat_ut=quiet and not steady and change.direction != "stable",
        könsskillnad=result.sex_gap_finer(),
        lägst_högst=result.extremes(),
        sedan_basåret=moves(result),
    )


def every_year(series: list[Point], direction: str) -> bool:
    """Every value as printed moved *direction* ("up"/"down") from the one before, over two moves or more."""
    if direction == "stable" or len(series) < 3:
        return False
    steps = [(a.shown, b.shown) for a, b in zip(series, series[1:])]
    return all(b > a for a, b in steps) if direction == "up" else all(b < a for a, b in steps)


# ---- barn och unga med psykisk ohälsa ----------------------------------------------------------------


def young(result: IndicatorResult) -> BarnOchUnga:
    measured = points(result)
    if len(measured) < 2:
        raise LookupError(f"{result.indicator.id}: the chapter compares two measurement periods; the package has {len(measured)}")
    now, before = measured[-1], measured[-2]
    gap = result.sex_gap
    higher, lower, count = more_often_higher(gap)
    return BarnOchUnga(
        förändring=result.change(before.year, now.year),
        senaste=now,
        föregående=before,
        könsskillnad=gap,
        högre_bland=higher,
        lägre_bland=lower,
        högre_perioder=count,
        perioder=len(gap.years) if gap else 0,
        lägst_högst=result.extremes(),
        sedan_basåret=moves(result),
    )


def more_often_higher(gap: SexGap | None) -> tuple[str | None, str | None, int]:
    """The group that was higher in more measurement periods than the other, the other, and in how many."""
    if gap is None:
        return None, None, 0
    a, b = gap.higher_years.get(gap.first, 0), gap.higher_years.get(gap.second, 0)
    if a == b:
        return None, None, 0
    return (gap.first, gap.second, a) if a > b else (gap.second, gap.first, b)


# ---- överbeläggningar ----------------------------------------------------------------------------------


def overcrowding(result: IndicatorResult) -> Överbeläggningar:
    last = result.change(result.previous_year, result.latest_year)
    since = result.change(result.base_year, result.latest_year)
    return Överbeläggningar(
        senaste_året=last,
        sedan_basåret=since,
        samma_riktning=last.direction == since.direction,
        värde=result.latest,
        år=result.latest_year,
        lägst_högst=result.extremes(),
        regioner_sedan_basåret=moves(result),
    )


# ---- the survey ---------------------------------------------------------------------------------------------


def majority(tally: Tally | None) -> bool:
    """More than half of the regions that answered."""
    return tally is not None and 2 * tally.n > tally.svarande


def said_no(result) -> tuple[Region, ...]:
    """The regions that answered no, when some did and they are a handful or fewer (else the count says it)."""
    if not result.has_year(result.report_year):
        return ()
    no = result.regions_with("Nej")
    return no if len(no) <= HANDFUL_OF_NAMES else ()


def some(share: KommunAndel | None) -> bool:
    """A share of the kommuner that is above zero as printed."""
    return share is not None and rounded(share.värde.value, share.värde.decimals) > 0


def municipal_share(shares: MunicipalityShares, option: str) -> KommunAndel | None:
    if not shares.has(option):
        return None
    before = shares.report_year - 1
    return KommunAndel(shares.share(option), shares.share(option, before) if shares.has(option, before) else None, before)
