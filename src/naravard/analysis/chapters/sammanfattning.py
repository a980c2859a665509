"""The Sammanfattning: the facts its templates read as ``fakta``.

The summary states the conclusions of chapter 9 (Analys och slutsatser), so its facts are that chapter's
facts (``analys.facts``): each bold lead sentence and each number comes from the same object as the
section it sums up, and the two chapters can never disagree. What the summary adds is only what its
paragraphs name and chapter 9 does not: the share of län whose kommuner held riktade hälsosamtal
(k.halsoframjande, as chapter 8 counts it). Templates: ``templates/chapters/00-sammanfattning/``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from naravard.analysis.chapters.analys import AnalysFacts
from naravard.analysis.chapters.analys import facts as conclusions
from naravard.analysis.quantity import Quantity
from naravard.analysis.survey import municipality_shares
from naravard.data.models import DataPackage

MUNICIPALITIES_EFFORTS, HEALTH_TALKS = "k.halsoframjande", "riktade_halsosamtal"


@dataclass(frozen=True)
class SammanfattningFacts(AnalysFacts):
    kommuner_hälsosamtal: Quantity | None = None  # share of län whose kommuner held riktade hälsosamtal; None when not asked


def facts(package: DataPackage) -> SammanfattningFacts:
    chapter_9 = conclusions(package)
    fields = {f.name: getattr(chapter_9, f.name) for f in dataclasses.fields(chapter_9)}
    return SammanfattningFacts(**fields, kommuner_hälsosamtal=municipal_health_talks(package))


def municipal_health_talks(package: DataPackage) -> Quantity | None:
    if MUNICIPALITIES_EFFORTS not in package.catalogue.questions:
        return None
    shares = municipality_shares(package, MUNICIPALITIES_EFFORTS)
    return shares.share(HEALTH_TALKS) if shares.has(HEALTH_TALKS) else None
