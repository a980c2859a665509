"""Chapter 2, Omställningens övergripande utveckling med primärvården som nav: the facts its templates read as ``fakta``.

Sources: the kärnindikatorer (Figur 1's development since each base year), the
kommuner's central efforts (k.insatser), tillgodosett vårdbehov (patient survey:
not every region takes part every year), påverkbar slutenvård (also for people
with kommunal hälso- och sjukvård), changed ways of working for target groups
(Fråga 15, k.andrat_arbetssatt), primary-care costs (costs.csv), projects made
permanent (Fråga 2), follow-ups (Fråga 8–10, k.uppfoljning_malomrade) and
förtroende. Templates: ``templates/chapters/02-overgripande/``.

Every comparison is made on values as printed, so a judgement never contradicts
the number beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from naravard.analysis import costs, overview
from naravard.analysis.facts import Comparison, RegionMoves, Ranking, Tally, all_options_tally, by_year, compare, rank_options
from naravard.analysis.facts import region_moves, survey_tally
from naravard.analysis.indicators import Change, Extremes, IndicatorResult, Point, indicator_result
from naravard.analysis.overview import Development, DevelopmentSummary, ShareChange
from naravard.analysis.prevention import LatestStanding, latest_standing
from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.analysis.rounding import rounded
from naravard.analysis.shares import ShareRank, ShareRanking, none_share, rank_shares
from naravard.analysis.survey import MunicipalityShares, RegionSurveyResult, municipality_shares, region_survey
from naravard.data.models import DataPackage, Indicator, Period, Region, SurveyOption

NEEDS_MET, AVOIDABLE = "tillgodosett_vardbehov", "paverkbar_slutenvard"
AVOIDABLE_SPECIAL, AVOIDABLE_ORDINARY = "paverkbar_slutenvard_sabo", "paverkbar_slutenvard_ordbo"
COST_FIXED, COST_CURRENT = "kostnad_primarvard_fasta", "kostnad_primarvard_lopande"
NET_FIXED, NET_CURRENT = "nettokostnad_primarvard_fasta", "nettokostnad_primarvard_lopande"
SHARE, SHARE_REGIONS, SHARE_MUNICIPALITIES = "andel_primarvard_regioner", "kostnadsandel_primarvard_regioner", "kostnadsandel_primarvard_kommuner"
TRUST_CARE, TRUST_CENTRES = "fortroende_hs", "fortroende_vc"
EFFORTS, TARGET_GROUPS_KOMMUN, FOLLOW_UP_KOMMUN = "k.insatser", "k.andrat_arbetssatt", "k.uppfoljning_malomrade"
PERMANENT, TARGET_GROUPS, FOLLOW_UP, KEY_FIGURES, EFFECTS = "2", "15", "8", "9", "10"
GROUP_ELDERLY, GROUP_CHILDREN, GROUP_CHRONIC, GROUP_DISABILITY = "aldre", "barn_unga", "kroniska", "funktionsnedsattning"
MOBILE_MUNICIPAL, MOBILE_REGION = "mobila_team_kommun", "mobila_team_region"
REMOTE_MONITORING, CARE_CONTACTS = "distansmonitorering", "fasta_vardkontakter"  # k.insatser, for chronic illness
FIGURE_OPTIONS = 10  # Figur 2 shows the most common kommun efforts: this many, and any tied with the last
TEXT_OPTIONS = 3  # the text names the largest ones: at least this many, and any tied with the last
THEMES = {"kontinuitet": ("Kontinuitet", "Samordnad"), "tillgänglighet": ("Tillgänglig",),
          "delaktighet": ("Delaktig", "Personcentrerad", "Stärker hälsan")}  # fmt: skip
PATIENT_SURVEY = "Nationell patientenkät"  # the source of the indicators the patient survey's coverage concerns
MISSING_PREFIX = "Uppgift saknas: "  # how the data package starts a reason for a missing value


@dataclass(frozen=True)
class Alternativ:
    """Answer options named together (``alternativen`` lists them with small letters)."""

    alternativ: tuple[SurveyOption, ...]


@dataclass(frozen=True)
class Tema:
    """The kärnindikatorer whose first nyckelord (the catalogue's keywords) belongs to one theme."""

    indikatorer: tuple[Indicator, ...]
    bättre: tuple[Development, ...]  # largest improvement first
    sämre: tuple[Development, ...]
    oförändrade: tuple[Indicator, ...]

    def __bool__(self) -> bool:
        """A theme without indicators (the catalogue's nyckelord changed) has no section."""
        return bool(self.indikatorer)

    @property
    def alla_bättre(self) -> bool:
        return bool(self.indikatorer) and len(self.bättre) == len(self.indikatorer)

    @property
    def alla_sämre(self) -> bool:
        return bool(self.indikatorer) and len(self.sämre) == len(self.indikatorer)

    @property
    def alla_oförändrade(self) -> bool:
        return bool(self.indikatorer) and len(self.oförändrade) == len(self.indikatorer)

    @property
    def blandad(self) -> bool:
        """Some indicators moved differently from the others."""
        return bool(self.indikatorer) and not (self.alla_bättre or self.alla_sämre or self.alla_oförändrade)


@dataclass(frozen=True)
class Kärnindikatorer:
    """Figur 1: each kärnindikator's development since its base year, oriented so that positive is better."""

    resultat: tuple[IndicatorResult, ...]  # in the catalogue's order, for the figure
    antal: int
    utveckling: DevelopmentSummary
    störst_förbättring: tuple[Development, ...]  # the two largest improvements (fewer when fewer improved)
    basår: int  # the earliest base year
    källor: str  # the figure's source line
    patientenkät: int  # how many rest on the national patient survey
    kontinuitet: Tema  # themes by first nyckelord: Kontinuitet or Samordnad
    tillgänglighet: Tema  # Tillgänglig
    delaktighet: Tema  # Delaktig, Personcentrerad or Stärker hälsan


@dataclass(frozen=True)
class Patientenkät:
    """Tillgodosett vårdbehov: the national patient survey, which not every region takes part in every year."""

    år: int
    täckning: overview.Coverage  # for the figure note
    deltog: Quantity  # regions with a value in the latest year
    av: Quantity
    alla_deltog: bool
    få_deltog: bool  # at most half of the regions took part ("bara 10 av 21")


@dataclass(frozen=True)
class Tillgodosett:
    förändring: Change  # from the base year
    lägst_högst: Extremes  # the regions' latest values; a region that did not take part shows its previous measurement


@dataclass(frozen=True)
class Påverkbar:
    """Påverkbar slutenvård vid kronisk sjukdom."""

    förändring: Change  # the whole series
    senaste_året: Change
    senaste_året_oförändrat: bool
    varje_år: EveryYear | None  # "har minskat varje år utom 2021"
    första_året: int | None  # the first year with values for both sexes, when they differed
    första_året_skillnad: Quantity | None  # how much higher the higher sex was then, in per cent of the lower
    första_året_högre: str | None  # that sex ("män")
    första_året_lägre: str | None
    län: RegionMoves | None  # each län's latest value against the base year
    alla_län_lägre: bool


@dataclass(frozen=True)
class EveryYear:
    """How a series moved year by year against its overall change: "minskat varje år utom 2021"."""

    riktning: str  # "up" | "down": the overall change
    från_år: int
    till_år: int
    undantag: tuple[int, ...]  # the years the series did not move in that direction (at most one is said)


@dataclass(frozen=True)
class Kommunal:
    """Påverkbar slutenvård for people 65 and older with kommunal hälso- och sjukvård, in both kinds of boende."""

    särskilt: Change  # from the base year
    ordinärt: Change
    ordinärt_mot_särskilt: Comparison  # year by year
    efter_lägsta: bool  # both series rose or fell after a lowest year that is not their latest
    lägsta_särskilt: int | None
    lägsta_ordinärt: int | None
    samma_lägsta_år: bool
    sedan_lägsta_särskilt: Change | None
    sedan_lägsta_ordinärt: Change | None
    kommuner_lägst: tuple[str, ...]  # kommun names (ties named together)
    kommuner_högst: tuple[str, ...]
    kommun_lägst: Quantity
    kommun_högst: Quantity
    kommun_år: int
    saknade_län: tuple[Region, ...]  # län whose kommuner all lack a value
    saknade_skäl: str  # the data's reason, without "Uppgift saknas: "


@dataclass(frozen=True)
class Målgrupper:
    """Fråga 15 (regions) and k.andrat_arbetssatt (kommuner): changed ways of working per target group."""

    alternativen: Alternativ  # every target group, in the catalogue's order
    regioner: Ranking
    ordning: tuple[str, ...]  # option ids, most regions first: the figure's order
    alla_grupper: Tally  # regions that changed their ways for every group
    äldre: Tally | None  # each group: regions that changed their ways for it
    barn_och_unga: Tally | None
    kroniska: Tally | None
    funktionsnedsättning: Tally | None
    kommuner: ShareRanking
    kommuner_ordning: tuple[str, ...]
    kommuner_övriga: tuple[ShareRank, ...]  # the places after the first
    övriga_lägst: Quantity | None  # the range of the other groups' shares among kommuner
    övriga_högst: Quantity | None
    övriga_lika: bool


@dataclass(frozen=True)
class Kostnader:
    """Primary-care costs per invånare (fixed and current prices) and primary care's share of the costs."""

    fasta: Change  # from the base year
    fasta_ändrad: bool  # not "i stort sett oförändrade"
    löpande: Change
    netto_fasta: Change
    netto_löpande: Change
    senaste_året: Change  # fixed prices, the year before the latest to the latest
    senaste_året_ändrat: bool
    senaste_året_samma_riktning: bool  # moved like the whole period (not stable)
    senaste_året_motsatt: bool  # moved against it
    största_minskningen: bool  # the latest year's fall is the largest of the series
    största_ökningen: Change | None  # the largest rise from one year to the next (when not the latest)
    netto_senaste_året: Change
    netto_som_kostnaderna: bool  # net costs moved like the costs in the latest year (neither stable)
    netto_mot_kostnaderna: bool
    andel: Change  # primary care's share of the regions' costs, from the base year
    andel_senaste_året: Change
    andel_läge: LatestStanding
    andel_senaste_året_ändrad: bool
    andel_lägst_sedan: int | None  # "den lägsta sedan 2014": the year before the latest was higher, an earlier one lower
    andel_lägst_hela_perioden: bool  # the latest share is the lowest of the series (and not all years alike)
    andel_samma_riktning: bool  # the share moved like the costs since the base year
    andel_annan_riktning: bool  # the costs moved, the share did not move with them
    regionernas_andel: Change  # hälsoräkenskaperna: the regions' share of all costs
    kommunernas_andel: Change
    regionserier: tuple[tuple[str, IndicatorResult, int], ...]  # the region figure's three years: (label, result, year)
    regioner_från: int  # the region figure's years: the base year, the year before the latest, the latest
    regioner_året_innan: int
    regioner_till: int
    saknade_regioner: tuple[Region, ...]
    saknade_skäl: str  # the data's reason for the first missing region
    minsta_spridningen: bool  # the latest year has the smallest regional range of all years
    första_regionåret: int
    jämfört_med_året_innan: costs.RegionMoves
    jämfört_med_basåret: costs.RegionMoves


@dataclass(frozen=True)
class Breddinfört:
    """Fråga 2: regions that made projects part of their ordinary work."""

    i_år: Tally
    året_innan: Tally | None  # None when the question was not asked the year before
    föregående_år: int
    år: tuple[int, ...]  # the figure's years: the year before (when asked) and this year


@dataclass(frozen=True)
class Uppföljning:
    """Fråga 8–10 (regions) and k.uppfoljning_malomrade (kommuner)."""

    kommuner: ShareRanking
    kommuner_ordning: tuple[str, ...]
    kommuner_näst_flest: ShareRank | None
    regioner: Ranking
    ordning: tuple[str, ...]
    något_mål: Tally  # regions that followed up at least one goal
    nyckeltal: Tally | None  # Fråga 9
    effekter: Tally | None  # Fråga 10
    lika_många: bool  # Fråga 9 and 10 have the same count of the same respondents


@dataclass(frozen=True)
class Förtroende:
    hälso_och_sjukvård: Change  # the year before to the latest
    vårdcentraler: Change
    mindre_ökning: bool  # both rose, the vårdcentraler less
    högsta_året: Point | None  # the highest year of förtroende för hälso- och sjukvården, when not the latest
    under_pandemin: bool  # the highest year lies in the covid-19 pandemic
    län: RegionMoves | None
    län_vårdcentraler: RegionMoves | None


@dataclass(frozen=True)
class OvergripandeFacts:
    kärnindikatorer: Kärnindikatorer
    patientenkät: Patientenkät
    tillgodosett: Tillgodosett
    påverkbar: Påverkbar
    kommunal: Kommunal
    kommun_insatser: ShareRanking
    kommun_insatser_i_text: tuple[ShareRank, ...]  # the largest ones, ties kept
    kommun_insatser_i_figuren: tuple[str, ...]  # option ids
    kommun_insatser_antal: int  # options in the figure
    kommun_insatser_alternativ: int  # options the kommuner were asked about
    insatser_året_innan: int | None  # the year the changes compare with; None when not asked then
    ökat_mest: tuple[ShareChange, ...]  # the largest increase since the year before (ties kept); () when none rose
    minskat_mest: tuple[ShareChange, ...]
    mobila_team_region: Quantity | None
    mobila_team_kommun: Quantity | None
    distansmonitorering: Quantity | None  # share of kommuner that initiated or strengthened it this year
    fasta_vårdkontakter: Quantity | None  # the same for fasta vårdkontakter
    ingen_distansmonitorering: bool  # no kommun did (the text says "Ingen av kommunerna", not "0 procent av")
    ingen_fasta_vårdkontakter: bool
    målgrupper: Målgrupper
    kostnader: Kostnader
    breddinfört: Breddinfört
    uppföljning: Uppföljning
    förtroende: Förtroende


def facts(package: DataPackage) -> OvergripandeFacts:
    result = _results(package)
    needs = result(NEEDS_MET)
    efforts = municipality_shares(package, EFFORTS)
    previous = package.settings.year - 1
    changes = overview.share_changes(efforts, previous, package.settings.year) if previous in efforts.years else []
    ranking = rank_shares(efforts)
    return OvergripandeFacts(
        kärnindikatorer=core([result(i.id) for i in package.catalogue.core_indicators]),
        patientenkät=survey_coverage(needs),
        tillgodosett=Tillgodosett(needs.change(needs.base_year), needs.extremes(fallback=1)),
        påverkbar=avoidable(result(AVOIDABLE)),
        kommunal=municipal_care(result(AVOIDABLE_SPECIAL), result(AVOIDABLE_ORDINARY), package),
        kommun_insatser=ranking,
        kommun_insatser_i_text=top(ranking, TEXT_OPTIONS),
        kommun_insatser_i_figuren=tuple(o.id for rank in top(ranking, FIGURE_OPTIONS) for o in rank.alternativ),
        kommun_insatser_antal=sum(len(rank.alternativ) for rank in top(ranking, FIGURE_OPTIONS)),
        kommun_insatser_alternativ=len(efforts.question.options),
        insatser_året_innan=previous if changes else None,
        ökat_mest=largest(changes, rise=True),
        minskat_mest=largest(changes, rise=False),
        mobila_team_region=efforts.share(MOBILE_REGION) if efforts.has(MOBILE_REGION) else None,
        mobila_team_kommun=efforts.share(MOBILE_MUNICIPAL) if efforts.has(MOBILE_MUNICIPAL) else None,
        distansmonitorering=efforts.share(REMOTE_MONITORING) if efforts.has(REMOTE_MONITORING) else None,
        fasta_vårdkontakter=efforts.share(CARE_CONTACTS) if efforts.has(CARE_CONTACTS) else None,
        ingen_distansmonitorering=efforts.has(REMOTE_MONITORING) and none_share(efforts.share(REMOTE_MONITORING)),
        ingen_fasta_vårdkontakter=efforts.has(CARE_CONTACTS) and none_share(efforts.share(CARE_CONTACTS)),
        målgrupper=target_groups(region_survey(package, TARGET_GROUPS), municipality_shares(package, TARGET_GROUPS_KOMMUN)),
        kostnader=primary_care_costs(result),
        breddinfört=permanent(region_survey(package, PERMANENT)),
        uppföljning=follow_up(package),
        förtroende=trust(result(TRUST_CARE), result(TRUST_CENTRES), package.catalogue.pandemic),
    )


def _results(package: DataPackage):
    cache: dict[str, IndicatorResult] = {}

    def result(indicator_id: str) -> IndicatorResult:
        if indicator_id not in cache:
            cache[indicator_id] = indicator_result(package, indicator_id)
        return cache[indicator_id]

    return result


# ---- the kärnindikatorer ---------------------------------------------------------------------------


def core(results: Sequence[IndicatorResult]) -> Kärnindikatorer:
    summary = overview.summarise(results)
    return Kärnindikatorer(
        resultat=tuple(results),
        antal=len(results),
        utveckling=summary,
        störst_förbättring=summary.better[:2],
        basår=min(r.indicator.base_year for r in results),
        källor=overview.sources_line(results),
        patientenkät=sum(1 for r in results if r.indicator.source == PATIENT_SURVEY),
        **{name: theme(results, summary, keywords) for name, keywords in THEMES.items()},
    )


def theme(results: Sequence[IndicatorResult], summary: DevelopmentSummary, keywords: Sequence[str]) -> Tema:
    """The kärnindikatorer whose first nyckelord is one of *keywords*, split as Figur 1 splits them."""
    ids = {r.indicator.id for r in results if r.indicator.keywords and r.indicator.keywords[0] in keywords}
    members = tuple(r.indicator for r in results if r.indicator.id in ids)
    unchanged = {d.result.indicator.id for d in summary.unchanged}
    return Tema(
        indikatorer=members,
        bättre=tuple(d for d in summary.better if d.result.indicator.id in ids),
        sämre=tuple(d for d in summary.worse if d.result.indicator.id in ids),
        oförändrade=tuple(i for i in members if i.id in unchanged),
    )


def survey_coverage(result: IndicatorResult) -> Patientenkät:
    cov = overview.region_coverage(result, result.latest_year)
    n, total = int(cov.n.value), int(cov.total.value)
    return Patientenkät(cov.year, cov, cov.n, cov.total, alla_deltog=n == total, få_deltog=2 * n <= total)


# ---- påverkbar slutenvård ------------------------------------------------------------------------


def avoidable(result: IndicatorResult) -> Påverkbar:
    latest = result.change(result.previous_year)
    first = first_gap(result)
    sexes = result.sex_gap
    moves = region_moves(result.region_changes(), result.indicator.direction, len(result.all_regions)) if result.has_regions else None
    return Påverkbar(
        förändring=result.change(),
        senaste_året=latest,
        senaste_året_oförändrat=latest.direction == "stable",
        varje_år=every_year(result),
        första_året=None if first is None else first[0],
        första_året_skillnad=None if first is None else first[1],
        första_året_högre=None if first is None else first[2],
        första_året_lägre=None if first is None else (sexes.second if first[2] == sexes.first else sexes.first),
        län=moves,
        alla_län_lägre=bool(moves and moves.alla_lägre),
    )


def every_year(result: IndicatorResult, start_year: int | None = None) -> EveryYear | None:
    """The years a series did not move in the direction of its overall change, from *start_year* (the first
    year) to the latest. None when the series did not change overall or has fewer than three years."""
    points = [p for p in result.series() if p.quantity is not None and (start_year is None or p.year >= start_year)]
    if len(points) < 3:
        return None
    first, last = points[0], points[-1]
    if first.shown == last.shown:
        return None
    down = last.shown < first.shown
    against = tuple(b.year for a, b in zip(points, points[1:]) if (b.shown >= a.shown if down else b.shown <= a.shown))
    return EveryYear("down" if down else "up", first.year, last.year, against)


def first_gap(result: IndicatorResult) -> tuple[int, Quantity, str] | None:
    """The relative gap between the sexes in the first year both have a value: (year, per cent of the lower
    value, the higher sex). None without both sexes or when they were equal that year."""
    gap = result.sex_gap
    if gap is None or not gap.years:
        return None
    year = gap.years[0]
    a, b = result.point(year, gap.first), result.point(year, gap.second)
    if a.shown == b.shown or not min(a.shown, b.shown):
        return None
    (hi, hi_sex), lo = ((a, gap.first), b) if a.shown > b.shown else ((b, gap.second), a)
    q = derived((hi.shown - lo.shown) / lo.shown * 100.0, value_key("indikator", result.indicator.id, "könsskillnad", "relativ", year),
                unit="procent", decimals=0, inputs=(hi.quantity, lo.quantity),
                label=f"{result.indicator.name}: relativ skillnad mellan könen {year}", dims={"indicator": result.indicator.id, "year": str(year)})
    return year, q, hi_sex


def municipal_care(special: IndicatorResult, ordinary: IndicatorResult, package: DataPackage) -> Kommunal:
    low_s, low_o = special.extreme_years()[0], ordinary.extreme_years()[0]
    after = low_s.year < special.latest_year and low_o.year < ordinary.latest_year
    ext = overview.municipality_extremes(ordinary, package.catalogue.municipalities)
    missing = overview.missing_municipalities(ordinary, package.catalogue.regions)
    return Kommunal(
        särskilt=special.change(special.base_year),
        ordinärt=ordinary.change(ordinary.base_year),
        ordinärt_mot_särskilt=compare(by_year(ordinary.series()), by_year(special.series())),
        efter_lägsta=after,
        lägsta_särskilt=low_s.year,
        lägsta_ordinärt=low_o.year,
        samma_lägsta_år=low_s.year == low_o.year,
        sedan_lägsta_särskilt=special.change(low_s.year) if after else None,
        sedan_lägsta_ordinärt=ordinary.change(low_o.year) if after else None,
        kommuner_lägst=ext.lowest_names,
        kommuner_högst=ext.highest_names,
        kommun_lägst=ext.lowest,
        kommun_högst=ext.highest,
        kommun_år=ext.year,
        saknade_län=missing.counties,
        saknade_skäl=missing.reasons[0].removeprefix(MISSING_PREFIX) if missing.reasons else "",
    )


# ---- the kommuner's central efforts ----------------------------------------------------------------


def top(ranking: ShareRanking | None, n: int) -> tuple[ShareRank, ...]:
    """The places that hold the *n* largest shares; a tie with the last of them is kept whole."""
    out, count = [], 0
    for rank in ranking.platser if ranking else ():
        if count >= n:
            break
        out.append(rank)
        count += len(rank.alternativ)
    return tuple(out)


def largest(changes: Sequence[ShareChange], *, rise: bool) -> tuple[ShareChange, ...]:
    """The options with the largest rise (or fall) as printed, ties kept; () when none rose (fell)."""
    moved = [c for c in changes if (_shown(c.difference) > 0 if rise else _shown(c.difference) < 0)]
    if not moved:
        return ()
    best = max(moved, key=lambda c: _shown(c.difference)) if rise else min(moved, key=lambda c: _shown(c.difference))
    return tuple(c for c in moved if _shown(c.difference) == _shown(best.difference))


def _shown(q: Quantity) -> float:
    return rounded(q.value, q.decimals)


# ---- target groups ------------------------------------------------------------------------------


def target_groups(regions: RegionSurveyResult, kommuner: MunicipalityShares) -> Målgrupper:
    ranking = rank_options(regions)
    shares = rank_shares(kommuner)
    rest = shares.platser[1:] if shares else ()
    return Målgrupper(
        alternativen=Alternativ(tuple(regions.question.options)),
        regioner=ranking,
        ordning=tuple(o.id for rank in ranking.platser for o in rank.alternativ),
        alla_grupper=all_options_tally(regions),
        äldre=group(regions, GROUP_ELDERLY),
        barn_och_unga=group(regions, GROUP_CHILDREN),
        kroniska=group(regions, GROUP_CHRONIC),
        funktionsnedsättning=group(regions, GROUP_DISABILITY),
        kommuner_övriga=tuple(rest),
        kommuner=shares,
        kommuner_ordning=shares.ordning if shares else (),
        övriga_lägst=rest[-1].andel if rest else None,
        övriga_högst=rest[0].andel if rest else None,
        övriga_lika=len(rest) == 1,
    )


def group(result: RegionSurveyResult, option: str) -> Tally | None:
    """Regions that changed their ways for one target group; None when the question has no such option or was not asked."""
    if option not in {o.id for o in result.question.options}:
        return None
    return survey_tally(result, option=option)


# ---- costs --------------------------------------------------------------------------------------


def primary_care_costs(result) -> Kostnader:
    fixed, current, net_fixed, net_current = result(COST_FIXED), result(COST_CURRENT), result(NET_FIXED), result(NET_CURRENT)
    share = result(SHARE)
    fixed_c = costs.change_between(fixed, fixed.base_year)
    last = costs.change_between(fixed, fixed.previous_year)
    net_last = costs.change_between(net_fixed, net_fixed.previous_year)
    share_c = share.change(share.base_year)
    years = (share.region_base_year, share.region_latest_year - 1, share.region_latest_year)
    missing = share.missing_regions()
    reason = ""
    if missing:
        p = share.point(years[2], area=missing[0].code)
        reason = (p.missing if p is not None else "") or ""
    moving = fixed_c.direction != "stable"
    standing = latest_standing(share)
    share_last = share.change(share.previous_year)
    return Kostnader(
        fasta=fixed_c,
        fasta_ändrad=moving,
        löpande=costs.change_between(current, current.base_year),
        netto_fasta=costs.change_between(net_fixed, net_fixed.base_year),
        netto_löpande=costs.change_between(net_current, net_current.base_year),
        senaste_året=last,
        senaste_året_ändrat=last.direction != "stable",
        senaste_året_samma_riktning=moving and last.direction == fixed_c.direction,
        senaste_året_motsatt=moving and last.direction not in ("stable", fixed_c.direction),
        största_minskningen=costs.latest_is_largest_decrease(fixed),
        största_ökningen=largest_rise(fixed),
        netto_senaste_året=net_last,
        netto_som_kostnaderna="stable" not in (net_last.direction, last.direction) and net_last.direction == last.direction,
        netto_mot_kostnaderna="stable" not in (net_last.direction, last.direction) and net_last.direction != last.direction,
        andel=share_c,
        andel_senaste_året=share_last,
        andel_läge=standing,
        andel_senaste_året_ändrad=share_last.direction != "stable",
        andel_lägst_sedan=lowest_since(standing),
        andel_lägst_hela_perioden=standing.lowest and not standing.highest,
        andel_samma_riktning=moving and share_c.direction == fixed_c.direction,
        andel_annan_riktning=moving and share_c.direction != fixed_c.direction,
        regionernas_andel=costs.change_between(result(SHARE_REGIONS), result(SHARE_REGIONS).base_year),
        kommunernas_andel=costs.change_between(result(SHARE_MUNICIPALITIES), result(SHARE_MUNICIPALITIES).base_year),
        regionserier=tuple((str(y), share, y) for y in years),
        regioner_från=years[0],
        regioner_året_innan=years[1],
        regioner_till=years[2],
        saknade_regioner=missing,
        saknade_skäl=reason.rstrip("."),
        minsta_spridningen=costs.narrowest_spread(share),
        första_regionåret=share.region_years[0],
        jämfört_med_året_innan=costs.region_moves(share, years[1], years[2]),
        jämfört_med_basåret=costs.region_moves(share, years[0], years[2]),
    )


def lowest_since(st: LatestStanding) -> int | None:
    """The year the latest value is the lowest since, when that says something: the year before was higher."""
    if st.lowest or st.lower_since is None or st.lower_since >= st.year - 1:
        return None
    return st.lower_since


def largest_rise(result: IndicatorResult) -> Change | None:
    """The largest rise from one year to the next, as printed; None when no year rose or the latest did
    (the text already says how the latest year moved). The first such year on a tie."""
    rises = [c for c in costs.annual_changes(result) if c.direction == "up"]
    if not rises:
        return None
    best = max(rises, key=lambda c: (_shown(c.difference), -c.end_year))
    return None if best.end_year == result.latest_year else best


# ---- projects made permanent, follow-ups ------------------------------------------------------------


def permanent(result: RegionSurveyResult) -> Breddinfört:
    previous = result.report_year - 1
    before = survey_tally(result, year=previous)
    return Breddinfört(survey_tally(result), before, previous, (previous, result.report_year) if before else (result.report_year,))


def follow_up(package: DataPackage) -> Uppföljning:
    kommuner = rank_shares(municipality_shares(package, FOLLOW_UP_KOMMUN))
    regions = region_survey(package, FOLLOW_UP)
    ranking = rank_options(regions)
    any_goal = overview.count_any(regions)
    key_figures = survey_tally(region_survey(package, KEY_FIGURES))
    effects = survey_tally(region_survey(package, EFFECTS))
    return Uppföljning(
        kommuner=kommuner,
        kommuner_ordning=kommuner.ordning,
        kommuner_näst_flest=kommuner.platser[1] if len(kommuner.platser) > 2 else None,
        regioner=ranking,
        ordning=tuple(o.id for rank in ranking.platser for o in rank.alternativ),
        något_mål=Tally(any_goal, regions.total(ranking.flest.alternativ[0].id), len(regions.regions)),
        nyckeltal=key_figures,
        effekter=effects,
        lika_många=bool(key_figures and effects and key_figures.n == effects.n and key_figures.svarande == effects.svarande),
    )


# ---- förtroende ---------------------------------------------------------------------------------


def trust(care: IndicatorResult, centres: IndicatorResult, pandemic: Period | None) -> Förtroende:
    """The förtroende facts; a highest year is said to lie in the covid-19 pandemic by the catalogue's *pandemic*."""
    care_last, centres_last = care.change(care.previous_year), centres.change(centres.previous_year)
    high = care.extreme_years()[1]
    highest = high if high.year != care.latest_year and high.shown > care.point(care.latest_year).shown else None
    regions = len(care.all_regions)
    return Förtroende(
        hälso_och_sjukvård=care_last,
        vårdcentraler=centres_last,
        mindre_ökning=care_last.direction == "up" and centres_last.direction == "up"
        and _shown(centres_last.difference) < _shown(care_last.difference),
        högsta_året=highest,
        under_pandemin=highest is not None and pandemic is not None and pandemic.holds_year(highest.year),
        län=region_moves(care.region_changes(), care.indicator.direction, regions) if care.has_regions else None,
        län_vårdcentraler=region_moves(centres.region_changes(), centres.indicator.direction, regions) if centres.has_regions else None,
    )

