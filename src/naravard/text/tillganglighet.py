"""Phrases of chapter 5 (Tillgänglighet) that other chapters may use too."""

from __future__ import annotations

from naravard.analysis.chapters.tillganglighet import KommunAndel
from naravard.text import phrases


def share_with_year_before(share: KommunAndel) -> str:
    """``'42 procent, jämfört med 41 procent år 2023'``; only the share when the year before was not asked."""
    text = phrases.value(share.värde)
    if share.året_före is None:
        return text
    return f"{text}, jämfört med {phrases.value(share.året_före)} år {share.år_före}"
