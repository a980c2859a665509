"""Bilaga 1, Metod: the facts its templates read as ``fakta``.

Sources: the package's method.toml (who was asked, who answered, reminders,
the extra question to the kommuner, the how-manieth time the survey is run) and
the catalogue's kärnindikatorer (the base year the län charts compare with).
Templates: ``templates/chapters/bilaga1-metod/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.chapters.uppdrag import ROADMAP_YEAR, everyone_answered
from naravard.data.method import SurveyMethod
from naravard.data.models import DataPackage


@dataclass(frozen=True)
class Bilaga1MetodFacts:
    basår: int | None  # the year the län charts show beside the latest (the earliest base year)
    basåret_är_färdplanens: bool  # the base year is the year the first färdplan was presented
    kvalitetsdeklaration: str  # the quality declaration's diarienummer ("" without one)
    alla_regioner_svarade: bool
    alla_rss_svarade: bool
    inget_bortfall: bool  # every region and every RSS answered (no objektbortfall)
    antal_frågor: bool  # both the regions' and the RSS survey say how many questions they had
    kommunfrågor: bool  # the kommuner's survey says how many questions it had
    påminnelser: int | None  # the reminders sent, when regions and RSS got as many and at least one; None otherwise
    webbenkäter: int  # the surveys answered directly on the web (not through another survey)
    extrafrågan_stort_bortfall: bool  # fewer than half the kommuner answered the extra question
    upprepad: bool  # the survey has been run before, so answers can be compared with earlier years


def facts(package: DataPackage) -> Bilaga1MetodFacts:
    core = package.catalogue.core_indicators
    base = min((i.base_year for i in core), default=None)
    method: SurveyMethod | None = package.method  # type: ignore[assignment]
    if method is None:
        return Bilaga1MetodFacts(base, base == ROADMAP_YEAR, "", False, False, False, False, False, None, 0, False, False)
    extra = method.extra_question
    return Bilaga1MetodFacts(
        basår=base,
        basåret_är_färdplanens=base == ROADMAP_YEAR,
        kvalitetsdeklaration=method.quality_declaration,
        alla_regioner_svarade=method.regioner.everyone_answered,
        alla_rss_svarade=method.rss.everyone_answered,
        inget_bortfall=everyone_answered(method),
        antal_frågor=bool(method.regioner.questions_n and method.rss.questions_n),
        kommunfrågor=bool(method.kommuner.questions_n),
        påminnelser=reminders(method),
        webbenkäter=len(method.web_surveys),
        extrafrågan_stort_bortfall=extra is not None and extra.answered_n * 2 < extra.population_n,
        upprepad=method.edition > 1,
    )


def reminders(method: SurveyMethod) -> int | None:
    """How many reminders regions and RSS got, when they got as many and at least one."""
    n = method.regioner.reminders_n
    return n if n and n == method.rss.reminders_n else None
