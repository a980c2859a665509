"""Chapter 6, Delaktighet: the facts its templates read as ``fakta``.

Sources: the delaktighet index (Nationell patientenkät; an index 0–100, never
"procent"; not every region takes part every year), patient education and
communication tools (Fråga 20, 21, ``k.sarskilda_verktyg``), information about
fasta vårdkontakter (Fråga 19), the dokumenterad överenskommelse (Fråga 18,
``k.dokumenterad_overenskommelse``). Templates: ``templates/chapters/06-delaktighet/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.facts import Ranking, Tally, rank_options, survey_tally
from naravard.analysis.indicators import Change, Extremes, IndicatorResult, RegionChanges, SexGap, indicator_result
from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.analysis.survey import YES, RegionSurveyResult, municipality_shares, region_survey
from naravard.data.models import DataPackage, Definition, Region

INDEX = "delaktighet_index"
EDUCATION, TOOLS, MUNICIPAL_TOOLS = "20", "21", "k.sarskilda_verktyg"
INFORMATION, AGREEMENT, MUNICIPAL_AGREEMENT = "19", "18", "k.dokumenterad_overenskommelse"
OTHER = "andra"  # "Andra åtgärder": counted on its own, never ranked


@dataclass(frozen=True)
class Index:
    resultat: IndicatorResult  # for the figures
    rubrik: str  # the figures' title (the catalogue's)
    förändring: Change  # the whole series
    först: Change | None  # first measurement to the second (None with fewer than three years)
    sedan: Change | None  # the second measurement to the latest
    deltog: Tally | None  # regions that took part in the latest year; None when every region did
    könsskillnad: SexGap | None
    lägre_kön: str | None  # the other sex, when one was higher every year
    lägst_högst: Extremes
    högst: tuple[Region, ...]  # the regions sharing the highest value (the latest measured, up to a year older)
    lägst: tuple[Region, ...]
    regionförändring: RegionChanges
    definition: Definition  # the definition of the report year
    ny_definition: bool  # the index replaced the earlier measure this very year
    index_sedan: int | None  # the report year the index began, when earlier than this one

    @property
    def oförändrad(self) -> bool:
        return self.förändring.direction == "stable"

    @property
    def planade_ut(self) -> bool:
        """It moved at first and has stood still since the second measurement."""
        return self.först is not None and self.först.direction != "stable" and self.sedan.direction == "stable"

    @property
    def svag(self) -> bool:
        """The heading's judgement: no change overall, or none lately."""
        return self.oförändrad or self.planade_ut

    @property
    def ökat(self) -> bool:
        latest = self.sedan if self.sedan is not None else self.förändring
        return latest.direction == "up"

    @property
    def minskat_i(self) -> Quantity | None:
        """Regions lower than in the base year; None when there are none (the sentence stops before it)."""
        return self.regionförändring.worsened if self.regionförändring.worsened.value > 0 else None


@dataclass(frozen=True)
class Kommunikation:
    utbildningar: Tally  # Fråga 20
    verktyg: Tally  # Fråga 21
    kommuner_verktyg: Quantity | None

    @property
    def lika_många(self) -> bool:
        return self.utbildningar.n == self.verktyg.n

    @property
    def färst(self) -> Tally:
        """The smaller of the two counts: the heading says how many do both kinds of work."""
        return self.utbildningar if self.utbildningar.n <= self.verktyg.n else self.verktyg


@dataclass(frozen=True)
class Insatser:
    """A question of ticked efforts (Fråga 18 or 19): the named ones ranked, "Andra åtgärder" apart."""

    rangordning: Ranking
    andra: Tally | None  # regions with other efforts; None when the question has no such option
    någon: Tally  # regions that ticked at least one effort (named or other)

    @property
    def näst_flest(self):
        """The second place, when it is neither the last nor chosen by no one."""
        places = self.rangordning.platser
        return places[1] if len(places) > 2 and not places[1].antal.ingen else None

    @property
    def har_andra(self) -> bool:
        """Some region did something else ("Andra åtgärder")."""
        return self.andra is not None and not self.andra.ingen

    @property
    def färst_ingen(self) -> bool:
        return self.rangordning.färst.antal.ingen


@dataclass(frozen=True)
class KommunernasSamverkan:
    """k.dokumenterad_overenskommelse: shares of län where all, some or none of the kommuner took part."""

    inte: Quantity
    alla: Quantity
    vissa: Quantity
    förra_året: int
    inte_förra: Quantity | None  # None when the question was not asked the year before
    alla_förra: Quantity | None
    vissa_förra: Quantity | None

    @property
    def riktning(self) -> str | None:
        """How the share of län without any kommun taking part moved, as printed: up, down, same; None: no last year."""
        if self.inte_förra is None:
            return None
        now, before = round(self.inte.value, self.inte.decimals), round(self.inte_förra.value, self.inte_förra.decimals)
        return "up" if now > before else "down" if now < before else "same"

    @property
    def ökade(self) -> bool:
        return self.riktning == "up"

    @property
    def minskade(self) -> bool:
        return self.riktning == "down"

    @property
    def oförändrad(self) -> bool:
        return self.riktning == "same"


@dataclass(frozen=True)
class DelaktighetFacts:
    index: Index
    kommunikation: Kommunikation
    information: Insatser  # Fråga 19
    överenskommelse: Insatser  # Fråga 18
    kommunerna: KommunernasSamverkan | None  # None when the kommuner's question was not asked this year
    antal_län_i_studien: int | None  # the deepening study's län (method.toml); None without one
    omställningen_från: int | None  # method.toml's period_from: about when the transition began

    @property
    def dokumentation_och_utbildning_vanligast(self) -> bool:
        """Fråga 19's two most common efforts are routines for documentation and training for staff (the heading)."""
        places = self.information.rangordning.platser
        top = [o.id for rank in places[:2] for o in rank.alternativ][:3]
        return set(top) == {"rutiner_it_stod", "utbildning_personal"} and not self.information.rangordning.alla_lika


def facts(package: DataPackage) -> DelaktighetFacts:
    year = package.settings.year
    tools = municipality_shares(package, MUNICIPAL_TOOLS)
    method = package.method
    study = getattr(method, "deepening_study", None) if method is not None else None
    return DelaktighetFacts(
        index=index(indicator_result(package, INDEX), year),
        kommunikation=Kommunikation(
            utbildningar=survey_tally(region_survey(package, EDUCATION)),
            verktyg=survey_tally(region_survey(package, TOOLS)),
            kommuner_verktyg=tools.share() if tools.has() else None,
        ),
        information=efforts(region_survey(package, INFORMATION)),
        överenskommelse=efforts(region_survey(package, AGREEMENT)),
        kommunerna=municipal_agreement(package, year),
        antal_län_i_studien=len(study.counties) if study is not None else None,
        omställningen_från=getattr(method, "period_from", None),
    )


def index(result: IndicatorResult, year: int) -> Index:
    years = result.national_years
    split = years[1] if len(years) >= 3 else None  # the index rose at first, then levelled off
    took_part = result.regions_with_value(result.latest_year)
    total = len(result.all_regions)
    gap = result.sex_gap
    lower = None
    if gap is not None and gap.higher_every_year:
        lower = gap.second if gap.higher_every_year == gap.first else gap.first
    indicator = result.indicator
    current = indicator.definition_for(year)
    since = current.valid_from if len(indicator.definitions) > 1 and current.valid_from < year else None
    ext = result.extremes(fallback=1)
    return Index(
        resultat=result,
        rubrik=indicator.figure_title or indicator.name,
        förändring=result.change(),
        först=result.change(result.first_year, split) if split else None,
        sedan=result.change(split, result.latest_year) if split else None,
        deltog=None if int(took_part.value) >= total else Tally(took_part, took_part, total),
        könsskillnad=gap,
        lägre_kön=lower,
        lägst_högst=ext,
        högst=tuple(rv.region for rv in ext.highest),
        lägst=tuple(rv.region for rv in ext.lowest),
        regionförändring=result.region_changes(fallback=1),
        definition=current,
        ny_definition=indicator.changed_in(year) is not None,
        index_sedan=since,
    )


def efforts(result: RegionSurveyResult) -> Insatser:
    options = [o.id for o in result.question.options]
    ticked_any = {r.code for o in options for r in result.regions_with(YES, o)}
    answered = {a.region.code for o in options for a in result.answers(o)}
    qid, year = result.question.id, result.report_year
    inputs = [a.quantity for o in options for a in result.answers(o)]
    anyone = Tally(
        derived(len(ticked_any), value_key("enkät", "region", qid, "nagon", year), unit="antal", decimals=0, inputs=inputs,
                label=f"Antal regioner med någon insats, fråga {qid} {year}", dims={"question": qid, "year": str(year)}),
        derived(len(answered), value_key("enkät", "region", qid, "nagon", year, "svarande"), unit="antal", decimals=0, inputs=inputs,
                label=f"Antal regioner som svarat, fråga {qid} {year}", dims={"question": qid, "year": str(year)}),
        len(result.regions),
    )  # fmt: skip
    return Insatser(
        rangordning=rank_options(result, leave_out=(OTHER,)),
        andra=survey_tally(result, YES, OTHER) if OTHER in options else None,
        någon=anyone,
    )


def municipal_agreement(package: DataPackage, year: int) -> KommunernasSamverkan | None:
    shares = municipality_shares(package, MUNICIPAL_AGREEMENT)
    if not shares.has("inte"):
        return None
    prev = year - 1
    before = shares.has("inte", prev)
    return KommunernasSamverkan(
        inte=shares.share("inte"),
        alla=shares.share("alla"),
        vissa=shares.share("vissa"),
        förra_året=prev,
        inte_förra=shares.share("inte", prev) if before else None,
        alla_förra=shares.share("alla", prev) if shares.has("alla", prev) else None,
        vissa_förra=shares.share("vissa", prev) if shares.has("vissa", prev) else None,
    )
