"""The nyckelord of the kärnindikatorer: which goal words the catalogue uses, and how often.

Read by Bilaga 2's text (through compose/factbox.py) and by its keyword table
(tables/builders.py), so both count the same way.
"""

from __future__ import annotations

from naravard.data.models import Catalogue, Indicator

# The nyckelord Socialstyrelsen drew from the goals in prop. 2019/20:164, in
# the order the goals name them. God, Nära and Effektiv describe the whole set
# and are not meant to tag single indicators.
GOAL_KEYWORDS = ("God", "Nära", "Samordnad", "Stärker hälsan", "Delaktig", "Effektiv", "Tillgänglig", "Personcentrerad", "Kontinuitet")
OVERARCHING_KEYWORDS = ("God", "Nära", "Effektiv")


def used_keywords(catalogue: Catalogue) -> list[str]:
    """Nyckelord the kärnindikatorer carry, in the goals' order (others after, as first met)."""
    used = list(dict.fromkeys(k for i in catalogue.core_indicators for k in i.keywords))
    return [k for k in GOAL_KEYWORDS if k in used] + [k for k in used if k not in GOAL_KEYWORDS]


def vocabulary(catalogue: Catalogue) -> list[str]:
    """All nyckelord: the goals' words plus any the catalogue adds."""
    return list(GOAL_KEYWORDS) + [k for k in used_keywords(catalogue) if k not in GOAL_KEYWORDS]


def keyword_usage(catalogue: Catalogue) -> list[tuple[str, list[Indicator]]]:
    """(nyckelord, kärnindikatorer carrying it), most used first; ties in the goals' order."""
    usage = [(k, [i for i in catalogue.core_indicators if k in i.keywords]) for k in used_keywords(catalogue)]
    return sorted(usage, key=lambda ku: -len(ku[1]))
