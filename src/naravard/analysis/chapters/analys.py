"""Chapter 9, Analys och slutsatser: the facts its templates read as ``fakta``.

The chapter sums up the body, so every number and judgement here comes from the
same result objects as the chapters it sums up: the kärnindikatorer's split
(``overview.summarise``, as Figur 1), the regions' survey and the indicators.
The Sammanfattning (``sammanfattning.py``) builds its conclusions from these same
objects, so the two can never disagree. Templates: ``templates/chapters/09-analys/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis import overview
from naravard.analysis.facts import RegionMoves, Ranking, Tally, all_options_tally, rank_options, region_moves, survey_tally
from naravard.analysis.indicators import Change, IndicatorResult, Point, indicator_result
from naravard.analysis.prevention import Coverage, coverage
from naravard.analysis.quantity import Quantity
from naravard.analysis.rounding import rounded
from naravard.analysis.survey import YES, region_survey
from naravard.data.models import DataPackage

# questions of the regions' survey
PROJECTS, PLAN, BUDGET_SHARE, ROUTINES = "2", "4", "6", "13"
TARGET_GROUPS, AGREEMENTS, NAMED_DOCTOR = "15", "18", "35"
TRAINING, DOCTORS_FOR_MUNICIPALITIES, HEALTH_EFFORTS = "r.utbildning_kommunal_hsv", "r.lakartillgang_kommuner", "r.halsoframjande"
HEALTH_TALKS = "riktade_halsosamtal"
# indicators
COST, SHARE = "kostnad_primarvard_fasta", "andel_primarvard_regioner"
AVOIDABLE, READMISSIONS = "paverkbar_slutenvard", "oplanerade_aterinskrivningar"
INVOLVEMENT, PANEL = "delaktighet_index", "fast_lakarkontakt_panel"
ASSESSMENT, DOCTOR_SABO, NURSE_SABO = "medicinsk_bedomning_3d", "lakare_sabo", "sjukskoterska_sabo"
OVERCROWDING, TRUST_CARE, TRUST_CENTRES = "overbelaggningar", "fortroende_hs", "fortroende_vc"
LIFESTYLE, FALLS, MEDICINES = "levnadsvanor", "fallskador_ordbo", "lakemedel_undvikas_ordbo"


@dataclass(frozen=True)
class Kärnindikatorer:
    """The kärnindikatorer that can be compared with their base year, split as in Figur 1."""

    jämförda: Quantity
    bättre: Quantity
    sämre: Quantity
    oförändrade: Quantity
    sämre_namn: tuple[str, ...]  # short names in lower case, largest deterioration first
    oförändrade_namn: tuple[str, ...]

    @property
    def blandad(self) -> bool:
        """Some developed in the desired direction and some in the other."""
        return self.bättre.value > 0 and self.sämre.value > 0

    @property
    def bara_bättre(self) -> bool:
        return self.bättre.value > 0 and self.sämre.value == 0

    @property
    def bara_sämre(self) -> bool:
        return self.sämre.value > 0 and self.bättre.value == 0


@dataclass(frozen=True)
class Resurser:
    kostnad: Change  # costs per invånare in fixed prices, from the base year
    andel: Change  # primary care's share of the regions' costs, from the base year
    samma_riktning: bool  # costs and share moved the same way ("och", else "men")
    större_budgetandel: Tally | None  # Fråga 6; None when not asked this year


@dataclass(frozen=True)
class Styrning:
    ordinarie: Tally | None  # Fråga 2: projects made ordinary work this year
    ordinarie_året_före: Tally | None  # the same the year before; None when not asked then
    planer: Tally | None  # Fråga 4: a länsgemensam plan decided or updated this year
    fördjupningsstudie: bool  # method.toml describes a deepening study of governance


@dataclass(frozen=True)
class Samverkan:
    rutiner_alla_områden: Tally | None  # Fråga 13: routines in every area asked about
    slutenvård_län: RegionMoves | None  # påverkbar slutenvård per län since the base year
    återinskrivningar: Change  # the whole series
    utbildning: Tally | None  # regions that trained staff of the kommunal hälso- och sjukvård
    läkartillgång: Tally | None  # regions that gave the kommuner more access to doctors
    läkare_sabo: Quantity  # äldre i särskilt boende who find it easy to see a doctor, latest year

    @property
    def slutenvård_minskat(self) -> bool:
        """Påverkbar slutenvård is lower in more than half of the län compared."""
        return self.slutenvård_län is not None and 2 * self.slutenvård_län.lägre.n > self.slutenvård_län.jämförda

    @property
    def slutenvård_ingenstans_lägre(self) -> bool:
        return self.slutenvård_län is not None and self.slutenvård_län.lägre.ingen

    @property
    def förbättrad(self) -> bool:
        """Both outcome measures of collaboration point the desired way."""
        return self.slutenvård_minskat and self.återinskrivningar.assessment == "better"

    @property
    def försämrad(self) -> bool:
        """Neither does."""
        return not self.slutenvård_minskat and self.återinskrivningar.assessment != "better"


@dataclass(frozen=True)
class Delaktighet:
    sedan_basåret: Change
    senaste_mätningarna: Change | None  # the two latest measurements; None with only one
    överenskommelser: Ranking | None  # Fråga 18: the work with documented agreements

    @property
    def ökat(self) -> bool:
        """Better than in the base year, and not at a standstill between the two latest measurements."""
        recent = self.senaste_mätningarna
        return self.sedan_basåret.assessment == "better" and (recent is None or recent.assessment != "unchanged")

    @property
    def båda_oförändrade(self) -> bool:
        recent = self.senaste_mätningarna
        return recent is not None and recent.direction == "stable" and self.sedan_basåret.direction == "stable"


@dataclass(frozen=True)
class Målgrupper:
    ändrat_arbetssätt: Ranking | None  # Fråga 15: the target groups ranked, ties together

    @property
    def ingen(self) -> bool:
        """No region changed its ways of working for any group (or the question was not asked)."""
        return self.ändrat_arbetssätt is None or self.ändrat_arbetssätt.ingen

    @property
    def ingen_svarade_ja(self) -> bool:
        """The question was asked and no region changed its ways of working for any group."""
        return self.ändrat_arbetssätt is not None and self.ändrat_arbetssätt.ingen


@dataclass(frozen=True)
class FastLäkarkontakt:
    regionernas_andel: Quantity | None  # Fråga 35: the regions' mean share; None when not asked
    panelens_andel: Quantity  # Vårdanalys' population panel, latest year
    registrerad_högre: bool  # the regions' registered share is higher than what the inhabitants perceive


@dataclass(frozen=True)
class Förtroende:
    vården: Change  # hälso- och sjukvården i stort, from the base year
    vårdcentralerna: Change

    @property
    def vårdcentralerna_ökat_mindre(self) -> bool:
        """Trust in care rose, and trust in the vårdcentraler rose less (or not at all)."""
        return self.vården.direction == "up" and _shown(self.vårdcentralerna.difference) < _shown(self.vården.difference)

    @property
    def vårdcentralerna_bättre(self) -> bool:
        """Trust in the vårdcentraler developed more favourably (and is not the case above)."""
        return _shown(self.vårdcentralerna.difference) > _shown(self.vården.difference)

    @property
    def vårdcentralerna_sämre(self) -> bool:
        return not self.vårdcentralerna_ökat_mindre and _shown(self.vårdcentralerna.difference) < _shown(self.vården.difference)


@dataclass(frozen=True)
class Tillgänglighet:
    bedömning: Change  # medicinsk bedömning inom tre dagar, from the base year
    bedömning_lägst: Quantity  # the lowest and highest län in the latest year
    bedömning_högst: Quantity
    länen_skiljer_sig: bool
    läkare_sabo: Quantity  # äldre i särskilt boende who find it easy to see a doctor, latest year
    läkare_sabo_år: int
    läkare_lägsta_året: Point | None  # the lowest year, when it is before the latest and lower than it
    sjuksköterska_sabo: Quantity
    överbeläggningar_senaste: Change  # the year before the latest to the latest
    överbeläggningar_basår: Change  # from the base year

    @property
    def bättre(self) -> bool:
        return self.bedömning.assessment == "better"

    @property
    def olika_riktning(self) -> bool:
        """Medical assessments improved while overcrowding is worse than in the base year."""
        return self.bättre and self.överbeläggningar_basår.assessment == "worse"

    @property
    def överbeläggningar_fortfarande_fler(self) -> bool:
        """Fewer in the latest year but still more than in the base year ("men är fortfarande fler")."""
        return self.överbeläggningar_basår.direction == "up" and self.överbeläggningar_senaste.direction == "down"

    @property
    def överbeläggningar_fler_än_basåret(self) -> bool:
        return self.överbeläggningar_basår.direction == "up"


@dataclass(frozen=True)
class Hälsofrämjande:
    hälsosamtal: Tally | None  # regions with efforts on riktade hälsosamtal
    läkemedel: Change  # äldre i ordinärt boende with medicines to avoid, from the base year
    fallskador: Change  # fallskador i ordinärt boende, from the base year
    levnadsvanor: Coverage  # regions in the latest patient survey

    @property
    def blandad(self) -> bool:
        """The two indicators are judged differently."""
        return self.läkemedel.assessment != self.fallskador.assessment

    @property
    def alla_deltog(self) -> bool:
        return int(self.levnadsvanor.participants.value) == int(self.levnadsvanor.total.value)


@dataclass(frozen=True)
class AnalysFacts:
    kärnindikatorer: Kärnindikatorer
    resurser: Resurser
    styrning: Styrning
    samverkan: Samverkan
    delaktighet: Delaktighet
    målgrupper: Målgrupper
    fast_läkarkontakt: FastLäkarkontakt
    förtroende: Förtroende
    tillgänglighet: Tillgänglighet
    hälsofrämjande: Hälsofrämjande


def facts(package: DataPackage) -> AnalysFacts:
    def ind(indicator_id: str) -> IndicatorResult:
        return indicator_result(package, indicator_id)

    def survey(question_id: str):
        return region_survey(package, question_id)

    return AnalysFacts(
        kärnindikatorer=core(package),
        resurser=resources(ind(COST), ind(SHARE), survey_tally(survey(BUDGET_SHARE))),
        styrning=governance(package),
        samverkan=collaboration(package),
        delaktighet=involvement(ind(INVOLVEMENT), rank_options(survey(AGREEMENTS))),
        målgrupper=Målgrupper(rank_options(survey(TARGET_GROUPS))),
        fast_läkarkontakt=named_doctor(survey(NAMED_DOCTOR), ind(PANEL)),
        förtroende=Förtroende(since_base(ind(TRUST_CARE)), since_base(ind(TRUST_CENTRES))),
        tillgänglighet=accessibility(ind(ASSESSMENT), ind(DOCTOR_SABO), ind(NURSE_SABO), ind(OVERCROWDING)),
        hälsofrämjande=Hälsofrämjande(
            hälsosamtal=survey_tally(survey(HEALTH_EFFORTS), YES, HEALTH_TALKS),
            läkemedel=since_base(ind(MEDICINES)),
            fallskador=since_base(ind(FALLS)),
            levnadsvanor=coverage(ind(LIFESTYLE)),
        ),
    )


def since_base(result: IndicatorResult) -> Change:
    return result.change(result.base_year)


def _shown(q: Quantity) -> float:
    return rounded(q.value, q.decimals)


# ---- the kärnindikatorer -------------------------------------------------------------------------


def core(package: DataPackage) -> Kärnindikatorer:
    results = [indicator_result(package, i.id) for i in package.catalogue.core_indicators]
    split = overview.summarise(results)

    def names(devs) -> tuple[str, ...]:
        return tuple(d.result.indicator.short_name.lower() for d in devs)

    return Kärnindikatorer(split.total, split.n_better, split.n_worse, split.n_unchanged, names(split.worse), names(split.unchanged))


# ---- resources, governance ----------------------------------------------------------------------


def resources(cost: IndicatorResult, share: IndicatorResult, budget: Tally | None) -> Resurser:
    cost_change, share_change = since_base(cost), since_base(share)
    return Resurser(cost_change, share_change, cost_change.direction == share_change.direction, budget)


def governance(package: DataPackage) -> Styrning:
    projects = region_survey(package, PROJECTS)
    year = package.settings.year
    method = package.method
    return Styrning(
        ordinarie=survey_tally(projects),
        ordinarie_året_före=survey_tally(projects, year=year - 1),
        planer=survey_tally(region_survey(package, PLAN)),
        fördjupningsstudie=bool(method is not None and method.deepening_study),
    )


# ---- collaboration -------------------------------------------------------------------------------


def collaboration(package: DataPackage) -> Samverkan:
    avoidable = indicator_result(package, AVOIDABLE)
    moves = None
    if avoidable.has_regions:
        moves = region_moves(avoidable.region_changes(), avoidable.indicator.direction, len(avoidable.all_regions))
    return Samverkan(
        rutiner_alla_områden=all_options_tally(region_survey(package, ROUTINES)),
        slutenvård_län=moves,
        återinskrivningar=indicator_result(package, READMISSIONS).change(),
        utbildning=survey_tally(region_survey(package, TRAINING)),
        läkartillgång=survey_tally(region_survey(package, DOCTORS_FOR_MUNICIPALITIES)),
        läkare_sabo=indicator_result(package, DOCTOR_SABO).latest,
    )


# ---- the patient's involvement, target groups, fast läkarkontakt -------------------------------------


def involvement(result: IndicatorResult, agreements: Ranking | None) -> Delaktighet:
    years = [p.year for p in result.series() if p.quantity is not None]
    recent = result.change(years[-2], years[-1]) if len(years) >= 2 else None
    return Delaktighet(since_base(result), recent, agreements)


def named_doctor(question, panel: IndicatorResult) -> FastLäkarkontakt:
    mean = question.mean() if question.has_year(question.report_year) and question.answers("", question.report_year) else None
    perceived = panel.latest
    return FastLäkarkontakt(mean, perceived, mean is not None and _shown(mean) > _shown(perceived))


# ---- accessibility --------------------------------------------------------------------------------


def accessibility(assessment: IndicatorResult, doctor: IndicatorResult, nurse: IndicatorResult, overcrowding: IndicatorResult) -> Tillgänglighet:
    extremes = assessment.extremes()
    return Tillgänglighet(
        bedömning=since_base(assessment),
        bedömning_lägst=extremes.lowest_value,
        bedömning_högst=extremes.highest_value,
        länen_skiljer_sig=not extremes.all_equal,
        läkare_sabo=doctor.latest,
        läkare_sabo_år=doctor.latest_year,
        läkare_lägsta_året=lowest_before_latest(doctor),
        sjuksköterska_sabo=nurse.latest,
        överbeläggningar_senaste=overcrowding.change(overcrowding.previous_year, overcrowding.latest_year),
        överbeläggningar_basår=since_base(overcrowding),
    )


def lowest_before_latest(result: IndicatorResult) -> Point | None:
    """The series' lowest year ("var som lägst år 2021 … och har sedan dess ökat"), when it is an earlier
    year than the latest and lower than the latest as printed."""
    lowest, _ = result.extreme_years()
    if lowest.year == result.latest_year or lowest.shown >= _shown(result.latest):
        return None
    return lowest
