"""The facts each chapter's templates read as ``fakta``: one module per chapter.

A chapter's module has a frozen dataclass of named facts and a function
``facts(package)`` that builds it from the result objects. Register it below
under the chapter's name: its file stem without the number, ``-`` as ``_``
(``templates/chapters/04-samverkan.qmd.j2`` -> ``samverkan``). Its templates
then read ``fakta.<field>``; any template can read ``alla_fakta.samverkan``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from naravard.analysis.chapters import (
    analys, bilaga1_metod, bilaga2_karnindikatorer, bilaga3_tabeller, delaktighet, halsoframjande, kontinuitet,
    overgripande, sammanfattning, samverkan, styrning, tillganglighet, uppdrag,
)
from naravard.data.models import DataPackage

CHAPTERS: dict[str, Callable[[DataPackage], object]] = {
    "samverkan": samverkan.facts,
    "halsoframjande": halsoframjande.facts,
    "bilaga2_karnindikatorer": bilaga2_karnindikatorer.facts,
    "bilaga3_tabeller": bilaga3_tabeller.facts,
    "analys": analys.facts,
    "sammanfattning": sammanfattning.facts,
    "tillganglighet": tillganglighet.facts,
    "kontinuitet": kontinuitet.facts,
    "overgripande": overgripande.facts,
    "styrning": styrning.facts,
    "delaktighet": delaktighet.facts,
    "uppdrag": uppdrag.facts,
    "bilaga1_metod": bilaga1_metod.facts,
}


def facts_name(stem: str) -> str:
    """``'04-samverkan'`` -> ``'samverkan'``; ``'bilaga1-metod'`` -> ``'bilaga1_metod'``."""
    return re.sub(r"^\d+-", "", stem).replace("-", "_")
