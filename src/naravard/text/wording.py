"""Word choices over the chapter facts: which word the data call for.

Each function takes facts or results (``naravard.analysis.facts``), never a
typed number, and returns the words for the case at hand, so a template names
the choice (``riktning``, ``jämförelse``, ``lägre_högre`` …) instead of
spelling out the cases. Comparisons are made as printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from naravard.analysis.facts import Rank, Ranking, RegionMoves, Tally
from naravard.analysis.indicators import Change, Extremes
from naravard.analysis.quantity import Quantity
from naravard.analysis.rounding import rounded
from naravard.text import numbers
from naravard.text.phrases import REGION_NOUNS, count_of, join, lower_first, quantified, spread, value
from naravard.text.trace import printed


def direction_word(c: Change, *, up: str, down: str, same: str) -> str:
    """The word for the change's direction: ``direction_word(c, up="Fler", down="Färre", same="Lika många")``."""
    return {"up": up, "down": down, "stable": same}[c.direction]


def comparison_word(
    a: Quantity | Tally | int, b: Quantity | Tally | int, *, more: str = "fler än", fewer: str = "färre än", same: str = "lika många som"
) -> str:
    """How *a* compares with *b*, as printed: ``'färre än'`` for 13 against 17."""
    x, y = _shown(a), _shown(b)
    return more if x > y else fewer if x < y else same


def _shown(v: Quantity | Tally | int) -> float:
    if isinstance(v, Tally):
        v = v.antal
    if isinstance(v, Quantity):
        return rounded(v.value, v.decimals)
    return float(v)


def singular_or_plural(what: Rank | Tally | Sequence | Quantity | int, *, singular: str, plural: str) -> str:
    """*plural* for a shared place in a ranking, several items, or a count other than one; else *singular*."""
    if isinstance(what, Rank):
        many = what.delad
    elif isinstance(what, Tally):
        many = what.n != 1
    elif isinstance(what, Quantity):
        many = rounded(what.value, what.decimals) != 1
    elif isinstance(what, int):
        many = what != 1
    else:
        many = len(what) != 1
    return plural if many else singular


def options_named(rank: Rank, conjunction: str = "och") -> str:
    """The options of a place in a ranking, as they read inside a sentence:
    ``'stöd vid utskrivning från sjukhus'``, ``'äldre och barn och unga'``."""
    return join((lower_first(o.label) for o in rank.alternativ), conjunction)


def most(ranking: Ranking, noun: str = "regioner", *, none: str = "ingen region") -> str:
    """The subject of a sentence on the most common option(s) of a ranking:
    ``'flest regioner, 18 av 21,'``; ``'samtliga 21 regioner'`` when every region that answered
    chose it; ``'lika många regioner, 19 av 21,'`` when every option has the same count;
    *none* (``'ingen region'``) when no region chose any."""
    top = ranking.flest.antal
    if top.ingen:
        return none
    if top.alla:
        return quantified(top, noun=noun)
    if ranking.alla_lika and len(ranking.flest.alternativ) > 1:
        return f"lika många {noun}, {count_of(top, noun='')},"
    return f"flest {noun}, {count_of(top, noun='')},"


def regions_differ(e: Extremes, *, form: str = "county", noun: str = "", neuter: bool = False) -> str:
    """After "Andelen": ``'skilde sig mellan länen, från 5,8 procent i Örebro län till 11,8 procent i Skåne län'``;
    ``'var densamma i samtliga 21 län (9,0 procent)'`` when every region has the same value.
    *neuter*: the subject is an ett-word ("värdet"): "detsamma"."""
    where = "länen" if form == "county" else "regionerna"
    if not e.all_equal:
        return f"skilde sig mellan {where}, {spread(e, form=form, noun=noun)}"
    same = "detsamma" if neuter else "densamma"
    return f"var {same} i samtliga {numbers.count(e.compared)} {REGION_NOUNS[form]} ({value(e.lowest_value, noun=noun)})"


def region_moves(m: RegionMoves, noun: str = "län", *, neuter: bool = False) -> str:
    """Where the value was lower or higher than in the base year, after "var andelen":
    ``'lägre i 15 av 21 län och högre i 5'``, ``'lägre i samtliga 21 län'``, ``'oförändrad i samtliga 21 län'``.

    The larger group comes first; regions where the value did not change are named only
    when they are all the rest (``'högre i 3 av 21 län och oförändrad i övriga'``).
    *neuter*: the subject is an ett-word ("värdet"): "oförändrat".
    """
    same_word = "oförändrat" if neuter else "oförändrad"
    for tally, word in ((m.lägre, "lägre"), (m.högre, "högre"), (m.oförändrade, same_word)):
        if tally.alla:
            return f"{word} i samtliga {_count(tally.av)} {noun}"
    groups = sorted(((m.lägre, "lägre"), (m.högre, "högre")), key=lambda g: -g[0].n)  # stable: lägre first on a tie
    groups = [(t, w) for t, w in groups if t.n]
    first, word = groups[0]
    text = f"{word} i {_count(first.antal)} av {_count(first.av)} {noun}"
    if len(groups) == 2:
        return text + f" och {groups[1][1]} i {_count(groups[1][0].antal)}"
    return text + f" och {same_word} i övriga"


def _count(q: Quantity) -> str:
    return printed(q, numbers.count(int(round(q.value))))
