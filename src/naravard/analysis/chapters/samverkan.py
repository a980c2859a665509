"""Chapter 4, Samverkan och samordning: the facts its templates read as ``fakta``.

Sources: the indicator oplanerade återinskrivningar (register), the regions'
routines for collaboration (Fråga 13), their efforts for ambulance care
(r.ambulanssjukvard) and their follow-ups of those efforts (Fråga 28).
Templates: ``templates/chapters/04-samverkan/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.facts import HighestRegions, IndicatorFacts, Rank, Ranking, Tally, all_options_tally, answered_any, highest_regions
from naravard.analysis.facts import indicator_facts
from naravard.analysis.facts import rank_options, survey_tally
from naravard.analysis.indicators import indicator_result
from naravard.analysis.survey import NO, PARTLY, YES, RegionSurveyResult, region_survey
from naravard.data.models import DataPackage

READMISSIONS = "oplanerade_aterinskrivningar"
ROUTINES = "13"
AMBULANCE = "r.ambulanssjukvard"
AMBULANCE_OTHER = "ovriga"  # "Övriga insatser": shown in the figure, never named as the most common
AMBULANCE_COLLABORATION = "samverkan"
AMBULANCE_DISPATCH = "prehospital_ledning"  # "inre befäl", explained when the text names it
FOLLOW_UPS = "28"
HIGHEST = 3  # "de tre län med störst andel": how many län the readmissions section names at the top


@dataclass(frozen=True)
class SamverkanFacts:
    återinskrivningar: IndicatorFacts
    högst_andel: HighestRegions | None  # the three län with the largest share of readmissions (more on a tie)
    rutiner: Ranking | None  # Fråga 13: the areas by how many regions have routines (Ja); None when not asked
    rutiner_färst_delvis: Tally | None  # how many answered Delvis for the least common area; None when shared or none did
    rutiner_alla_områden: Tally | None  # regions with routines (Ja) for every area
    rutiner_helt_eller_delvis: Rank | None  # the most common areas for which every region answered Ja or Delvis
    ambulans: Ranking | None  # the named kinds of effort (not "Övriga") by how many regions describe them
    ambulans_samverkan_i_fokus: bool  # collaboration alone is the most common kind of effort
    ambulans_nämnda_inre_befäl: bool  # the text names "inre befäl" (then it explains it)
    uppföljning: Tally | None  # Fråga 28: regions that followed up their efforts this year
    uppföljning_året_innan: Tally | None  # the same the year before; None when not asked then
    året_innan: int  # the year before the report year

    @property
    def ambulans_vanligast(self) -> Rank | None:
        """The most common named kind of effort; None when the question was not asked or no region described one."""
        return None if self.ambulans is None or self.ambulans.ingen else self.ambulans.flest

    @property
    def har_ambulans(self) -> bool:
        """The ambulance section has something to say (its questions were asked)."""
        return self.ambulans is not None or self.uppföljning is not None


def facts(package: DataPackage) -> SamverkanFacts:
    routines = region_survey(package, ROUTINES)
    ambulance = region_survey(package, AMBULANCE)
    follow_ups = region_survey(package, FOLLOW_UPS)
    year = package.settings.year
    readmissions = indicator_result(package, READMISSIONS)
    ranked = rank_options(routines)
    efforts = rank_options(ambulance, leave_out=(AMBULANCE_OTHER,))
    return SamverkanFacts(
        återinskrivningar=indicator_facts(readmissions),
        högst_andel=highest_regions(readmissions, HIGHEST),
        rutiner=ranked,
        rutiner_färst_delvis=least_partly(routines, ranked),
        rutiner_alla_områden=all_options_tally(routines),
        rutiner_helt_eller_delvis=without_no(routines, ranked),
        ambulans=efforts,
        ambulans_samverkan_i_fokus=alone_first(efforts, AMBULANCE_COLLABORATION),
        ambulans_nämnda_inre_befäl=named(efforts, AMBULANCE_DISPATCH),
        uppföljning=survey_tally(follow_ups, YES, year=year),
        uppföljning_året_innan=survey_tally(follow_ups, YES, year=year - 1),
        året_innan=year - 1,
    )


def least_partly(result: RegionSurveyResult, ranked: Ranking | None) -> Tally | None:
    """Delvis for the least common area, when one area alone is least common and some region answered Delvis."""
    if ranked is None or ranked.alla_lika or ranked.färst.delad:
        return None
    partly = survey_tally(result, PARTLY, ranked.färst.alternativ[0].id)
    return None if partly.ingen else partly


def without_no(result: RegionSurveyResult, ranked: Ranking | None) -> Rank | None:
    """The most common areas for which no region answered Nej, with the regions answering Ja or Delvis."""
    if ranked is None:
        return None
    options = tuple(o for o in ranked.flest.alternativ if survey_tally(result, NO, o.id).ingen)
    if not options:
        return None
    tally = answered_any(result, (YES, PARTLY), options[0].id)
    return Rank(options, tally) if tally.alla else None


def alone_first(ranked: Ranking | None, option_id: str) -> bool:
    """*option_id* is the most common, not tied with another, and some region chose it."""
    return ranked is not None and not ranked.ingen and not ranked.flest.delad and ranked.flest.alternativ[0].id == option_id


def named(ranked: Ranking | None, option_id: str) -> bool:
    """Whether the ambulance section names *option_id*: it names the most common kind of
    effort and, when that one is not shared, the next."""
    if ranked is None or ranked.ingen:
        return False
    places = [ranked.flest] if ranked.flest.delad or ranked.näst_flest is None else [ranked.flest, ranked.näst_flest]
    return any(o.id == option_id for rank in places for o in rank.alternativ)
