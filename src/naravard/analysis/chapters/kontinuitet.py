"""Chapter 7, Kontinuitet: the facts its templates read as ``fakta``.

Sources: the regions' answers on fast läkarkontakt (Fråga 29, 29b, 30, 33–36,
38, r.plan_fast_lakarkontakt, r.kontinuitet_insatser), Vårdanalys'
befolkningspanel (fast_lakarkontakt_panel), ordinarie läkare for persons 65+
(ordinarie_lakare_65) and the län's answers on the kommuners' fasta kontakter
(k.rutin_fast_kontakt, k.fast_kontakt_okat). Templates:
``templates/chapters/07-kontinuitet/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.facts import Overlap, Ranking, Tally, overlap, rank_options, survey_tally
from naravard.analysis.indicators import Change, IndicatorResult, Point, indicator_result
from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.analysis.rounding import rounded
from naravard.analysis.survey import YES, Answer, NumericExtremes, RegionSurveyResult
from naravard.analysis.survey import municipality_shares, region_survey
from naravard.data.models import DataPackage, Region, SurveyOption

ROUTINES, SHARE, COUNT, SPECIAL_HOUSING = "33", "35", "36", "38"
INFORMATION, GUIDELINES, DOCTOR_KINDS, BENCHMARK = "34", "29", "29b", "30"
PLAN, EFFORTS = "r.plan_fast_lakarkontakt", "r.kontinuitet_insatser"
PANEL, REGULAR_DOCTOR = "fast_lakarkontakt_panel", "ordinarie_lakare_65"
K_ROUTINE, K_MORE = "k.rutin_fast_kontakt", "k.fast_kontakt_okat"
DOCTOR_CONTACT, CARE_CONTACT = "fast_lakarkontakt", "fast_vardkontakt"
CARE_GIVER_CONTACT = "fast_omsorgskontakt"


@dataclass(frozen=True)
class Jämförd:
    """A count of regions this year, and the year before when the question was asked then."""

    nu: Tally
    året_före: Tally | None
    år_före: int


@dataclass(frozen=True)
class Registrerad:
    """Fråga 35 and 36: the regions' own registers of fast, namngiven läkarkontakt, against the panel."""

    kunde_ange: Jämförd  # regions that gave a share
    medel: Quantity  # unweighted mean of the shares
    medel_före: Quantity | None
    medel_lika: bool  # the mean as printed is the same as the year before
    lägst_högst: NumericExtremes
    utan_andel: tuple[Region, ...]
    per_region: dict[str, Quantity]  # the comparable shares, for the figure
    utelämnade: tuple[Answer, ...]  # answers the figure leaves out, with their reason
    utelämnade_koder: tuple[str, ...]
    antal_angivet: Tally  # Fråga 36: regions that gave a number of persons
    antal_summa: Quantity
    panel: Quantity
    panel_år: int
    panel_lägre: Tally | None  # regions whose panel share is below their registered share, of those with both


@dataclass(frozen=True)
class Ordinarie:
    """Ordinarie läkare among persons 65+ (asked every third year): each survey against the one before."""

    första: Point
    steg: tuple[tuple[Point, Change], ...]  # each later survey with its change from the one before
    senaste: Change  # the last step (the heading)


@dataclass(frozen=True)
class Läkartyper:
    """Fråga 29b: which doctors can be fast läkarkontakt."""

    specialist: Tally
    st: Tally
    specialist_som_st: bool  # as many regions allow both
    annan_specialitet: Tally
    legitimerade: Jämförd
    hyrläkare: Jämförd

    @property
    def färre_hyrläkare(self) -> bool:
        before = self.hyrläkare.året_före
        return before is not None and self.hyrläkare.nu.n < before.n


@dataclass(frozen=True)
class KontinuitetFacts:
    # A question not asked this year (or whose option has no answers) gives None and its passage is left out.
    rutin_läkarkontakt: Jämförd | None  # Fråga 33
    rutin_vårdkontakt: Jämförd | None
    registrerad: Registrerad | None  # Fråga 35 and 36
    ordinarie: Ordinarie
    information: Overlap | None  # Fråga 34: via 1177.se and in another way
    via_1177: Tally | None
    annat_sätt: Tally | None
    alla_utan_1177_på_annat_sätt: bool  # every region that does not use 1177.se informs in another way (some do not use it)
    riktlinjer: Tally | None  # Fråga 29
    läkartyper: Läkartyper | None  # Fråga 29b
    riktvärde_insatser: Tally | None  # Fråga 30
    plan: Tally | None
    insatser: Ranking | None
    insatser_därefter: tuple[tuple[SurveyOption, Tally], ...]  # the options after the first place, each with its own count
    särskilt_boende_kan: Tally | None  # Fråga 38: regions that could estimate the share
    särskilt_boende_medel: Quantity | None
    särskilt_boende_lägst_högst: NumericExtremes | None
    kommuner_rutin_omsorg: Quantity
    kommuner_rutin_vård: Quantity
    kommuner_ökat_omsorg: Quantity
    kommuner_ökat_vård: Quantity

    @property
    def vårdkontakt_mot_läkarkontakt(self) -> int | None:
        """-1, 0, 1: routines for fast vårdkontakt are rarer, as common, commoner; None when Fråga 33 was not asked."""
        care, doctor = self.rutin_vårdkontakt, self.rutin_läkarkontakt
        if care is None or doctor is None:
            return None
        return (care.nu.n > doctor.nu.n) - (care.nu.n < doctor.nu.n)

    @property
    def majoritet_ökat_omsorg(self) -> bool:
        """More than half of the kommuner, as printed, say more brukare have a fast omsorgskontakt."""
        q = self.kommuner_ökat_omsorg
        return rounded(q.value, q.decimals) > 50


def facts(package: DataPackage) -> KontinuitetFacts:
    routines = region_survey(package, ROUTINES)
    info = region_survey(package, INFORMATION)
    doctor = compared(routines, YES, DOCTOR_CONTACT)
    care = compared(routines, YES, CARE_CONTACT)
    k_routine, k_more = municipality_shares(package, K_ROUTINE), municipality_shares(package, K_MORE)
    via, other = survey_tally(info, YES, "via_1177"), survey_tally(info, YES, "annat_satt")
    both = overlap(info, "via_1177", "annat_satt")
    housing = region_survey(package, SPECIAL_HOUSING)
    efforts = region_survey(package, EFFORTS)
    has_housing = housing.has_year(housing.report_year) and bool(housing.numeric())
    return KontinuitetFacts(
        rutin_läkarkontakt=doctor,
        rutin_vårdkontakt=care,
        registrerad=registered(package, region_survey(package, SHARE), region_survey(package, COUNT)),
        ordinarie=regular_doctor(indicator_result(package, REGULAR_DOCTOR)),
        information=both,
        via_1177=via,
        annat_sätt=other,
        alla_utan_1177_på_annat_sätt=both is not None and via is not None and via.n < via.svarande
        and both.bara_b.n == via.svarande - via.n,  # fmt: skip
        riktlinjer=survey_tally(region_survey(package, GUIDELINES)),
        läkartyper=doctor_kinds(region_survey(package, DOCTOR_KINDS)),
        riktvärde_insatser=survey_tally(region_survey(package, BENCHMARK)),
        plan=survey_tally(region_survey(package, PLAN)),
        insatser=rank_options(efforts),
        insatser_därefter=after_first_place(efforts),
        särskilt_boende_kan=numeric_tally(housing) if has_housing else None,
        särskilt_boende_medel=housing.mean() if has_housing else None,
        särskilt_boende_lägst_högst=housing.numeric_extremes() if has_housing else None,
        kommuner_rutin_omsorg=k_routine.share(CARE_GIVER_CONTACT),
        kommuner_rutin_vård=k_routine.share(CARE_CONTACT),
        kommuner_ökat_omsorg=k_more.share(CARE_GIVER_CONTACT),
        kommuner_ökat_vård=k_more.share(CARE_CONTACT),
    )


def after_first_place(result: RegionSurveyResult) -> tuple[tuple[SurveyOption, Tally], ...]:
    """The options after the first place of the ranking, in order, each with its own count."""
    ranking = rank_options(result)
    if ranking is None:
        return ()
    return tuple((o, survey_tally(result, YES, o.id)) for rank in ranking.platser[1:] for o in rank.alternativ)


def compared(result: RegionSurveyResult, answer: str = YES, option: str = "") -> Jämförd | None:
    """This year's count against last year's; None when the question has no answers this year."""
    before = result.report_year - 1
    now = survey_tally(result, answer, option)
    if now is None:
        return None
    return Jämförd(now, survey_tally(result, answer, option, before), before)


def numeric_tally(result: RegionSurveyResult, year: int | None = None) -> Tally:
    """Regions that gave a number, of those that answered."""
    return Tally(result.numeric_count(year=year), result.total(year=year), len(result.regions))


# ---- Fråga 35 and 36 against the befolkningspanel -------------------------------------------------


def registered(package: DataPackage, share: RegionSurveyResult, count: RegionSurveyResult) -> Registrerad | None:
    """None when Fråga 35 was not asked this year: the section on registered shares is left out."""
    if not share.has_year(share.report_year) or not share.numeric():
        return None
    panel = indicator_result(package, PANEL)
    before = share.report_year - 1
    asked_before = share.has_year(before) and bool(share.numeric(year=before))
    mean = share.mean()
    mean_before = share.mean(year=before) if asked_before else None
    comparable = share.comparable()
    excluded = share.excluded()
    return Registrerad(
        kunde_ange=Jämförd(numeric_tally(share), numeric_tally(share, before) if asked_before else None, before),
        medel=mean,
        medel_före=mean_before,
        medel_lika=mean_before is not None and rounded(mean.value, mean.decimals) == rounded(mean_before.value, mean_before.decimals),
        lägst_högst=share.numeric_extremes(),
        utan_andel=share.numeric_extremes().without_number,
        per_region={a.region.code: a.quantity for a in comparable},
        utelämnade=excluded,
        utelämnade_koder=tuple(a.region.code for a in excluded),
        antal_angivet=numeric_tally(count),
        antal_summa=count.total_sum(),
        panel=panel.latest,
        panel_år=panel.latest_year,
        panel_lägre=panel_below(share, panel),
    )


def panel_below(share: RegionSurveyResult, panel: IndicatorResult) -> Tally | None:
    """Regions whose panel share (as printed) is below the share their own register gives, of those with both."""
    pairs = []
    for a in share.comparable():
        p = panel.point(panel.latest_year, area=a.region.code)
        if p is not None and p.quantity is not None:
            pairs.append((a, p))
    if not pairs:
        return None
    inputs = [q for a, p in pairs for q in (a.quantity, p.quantity)]
    key = value_key("enkät", "region", share.question.id, PANEL, share.report_year)
    dims = {"question": share.question.id, "year": str(share.report_year)}
    lower = derived(sum(1 for a, p in pairs if p.shown < a.number), value_key(key, "panel_lägre"), unit="antal", decimals=0,
                    inputs=inputs, label="Antal regioner där befolkningspanelens andel är lägre än den registrerade", dims=dims)  # fmt: skip
    both = derived(len(pairs), value_key(key, "båda"), unit="antal", decimals=0, inputs=inputs,
                   label="Antal regioner med både registrerad andel och befolkningspanelens andel", dims=dims)  # fmt: skip
    return Tally(lower, both, len(pairs))  # of the regions with both values, not of those that answered


# ---- ordinarie läkare ----------------------------------------------------------------------------------


def regular_doctor(result: IndicatorResult) -> Ordinarie:
    points = [p for p in result.series() if p.quantity is not None]
    if len(points) < 2:
        raise LookupError(f"{result.indicator.id}: the chapter compares two surveys; the package has {len(points)}")
    steps = tuple((b, result.change(a.year, b.year)) for a, b in zip(points, points[1:]))
    return Ordinarie(första=points[0], steg=steps, senaste=steps[-1][1])


# ---- Fråga 29b -----------------------------------------------------------------------------------------


def doctor_kinds(result: RegionSurveyResult) -> Läkartyper | None:
    """None when Fråga 29b (or one of its options) has no answers this year."""
    kinds = {o: survey_tally(result, YES, o) for o in ("spec_allmanmedicin", "st_allmanmedicin", "spec_annan")}
    legitimate, hired = compared(result, YES, "leg_lakare"), compared(result, YES, "hyrlakare")
    if None in kinds.values() or legitimate is None or hired is None:
        return None
    specialist, st = kinds["spec_allmanmedicin"], kinds["st_allmanmedicin"]
    return Läkartyper(
        specialist=specialist,
        st=st,
        specialist_som_st=specialist.n == st.n,
        annan_specialitet=kinds["spec_annan"],
        legitimerade=legitimate,
        hyrläkare=hired,
    )
