"""Bilaga 3, Tabeller och figurer: the facts its templates read as ``fakta``.

Sources: the kommuner's övergripande insatser (k.insatser: one figure of every
option by share) and every question of the regions' survey that the catalogue
numbers for Bilaga 3 (``number = "Fråga 2"``) and that was asked this year, one
table each. Templates: ``templates/chapters/bilaga3-tabeller/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.shares import ShareRanking, rank_shares
from naravard.analysis.survey import NOT_TICKED, RegionSurveyResult, municipality_shares, region_survey
from naravard.data.models import DataPackage

MUNICIPAL_EFFORTS = "k.insatser"
NUMERIC_KINDS = ("percent", "count")


@dataclass(frozen=True)
class Bilaga3TabellerFacts:
    insatser: ShareRanking | None  # k.insatser this year, largest share first; None when not asked
    tabeller: tuple[RegionSurveyResult, ...]  # the numbered questions asked this year, in the catalogue's order
    har_ja_svar: bool  # some table counts answers (Ja, Nej, Delvis, a ticked option): Riket is "n/N"
    har_andelar: bool  # some table holds percentages: Riket is their unweighted mean
    har_antal: bool  # some table holds counts: Riket is their sum
    har_omarkerade: bool  # some table shows an option a region did not tick ("–")

    @property
    def har_siffersvar(self) -> bool:
        """Some table holds numbers as well as answers: the text then says which Riket is which."""
        return self.har_andelar or self.har_antal


def facts(package: DataPackage) -> Bilaga3TabellerFacts:
    tables = published_tables(package)
    kinds = {t.question.kind for t in tables}
    return Bilaga3TabellerFacts(
        insatser=municipal_efforts(package),
        tabeller=tables,
        har_ja_svar=bool(kinds - set(NUMERIC_KINDS)),
        har_andelar="percent" in kinds,
        har_antal="count" in kinds,
        har_omarkerade=any(shows_not_ticked(t) for t in tables),
    )


def municipal_efforts(package: DataPackage) -> ShareRanking | None:
    if MUNICIPAL_EFFORTS not in package.catalogue.questions:
        return None
    return rank_shares(municipality_shares(package, MUNICIPAL_EFFORTS))


def published_tables(package: DataPackage) -> tuple[RegionSurveyResult, ...]:
    """The regions' questions Bilaga 3 prints: numbered in the catalogue and asked in the report year."""
    year = package.settings.year
    out = []
    for qid, q in package.catalogue.questions.items():
        if q.respondent == "region" and q.number:
            result = region_survey(package, qid)
            if result.has_year(year):
                out.append(result)
    return tuple(out)


def shows_not_ticked(result: RegionSurveyResult) -> bool:
    """Whether the question's table has a "–" cell: some region left an option unticked this year."""
    options = [o.id for o in result.question.options] or [""]
    return any(a.answer == NOT_TICKED for o in options for a in result.answers(o))
