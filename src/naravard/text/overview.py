"""Words for chapter 2 (Omställningens övergripande utveckling): the kärnindikatorer's developments named
with their size, answer options named with their shares, the places of a ranking after the first, a
count of regions after "i", and how a series moved year by year.

Each function takes the facts (``naravard.analysis``) and returns the words the case calls for, so
a template names the choice and never spells out its cases. Comparisons are made as printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from naravard.analysis.chapters.overgripande import EveryYear
from naravard.analysis.chapters.overgripande import every_year as every_year_of
from naravard.analysis.indicators import IndicatorResult
from naravard.analysis.facts import Ranking, Tally
from naravard.analysis.overview import Development, ShareChange, size
from naravard.analysis.quantity import Quantity
from naravard.analysis.shares import ShareRank
from naravard.text import numbers
from naravard.text.phrases import HANDFUL, count_of, join, lower_first, value
from naravard.text.trace import printed

DEFINITE = {"län": "länen", "regioner": "regionerna", "kommuner": "kommunerna"}
MOVED = {"up": "ökat", "down": "minskat"}


def developments(devs: Sequence[Development], word: str = "bättre") -> str:
    """``'tillgodosett vårdbehov (25 procent bättre än 2017) och förtroende för … (9 procent bättre än 2017)'``."""
    return join(f"{lower_first(d.result.indicator.name)} ({value(size(d))} {word} än {d.base_year})" for d in devs)


def shares_named(places: Sequence[ShareRank]) -> str:
    """Options with their share, largest first; a tie is named together with its share once:
    ``'samverkansinsatser (93 procent), hälsofrämjande insatser (88 procent) samt utskrivningsprocessen och
    fasta omsorgskontakter (78 procent vardera)'``."""
    parts = []
    for rank in places:
        if len(rank.alternativ) > HANDFUL:  # more than a handful of names are counted
            parts.append(f"{numbers.count(len(rank.alternativ))} av alternativen ({value(rank.andel)} vardera)")
            continue
        names = join(lower_first(o.label) for o in rank.alternativ)
        parts.append(f"{names} ({value(rank.andel)}{' vardera' if rank.delad else ''})")
    return join(parts, "samt" if any(rank.delad for rank in places) and len(parts) > 1 else "och")


def later_places(ranking: Ranking, noun: str = "regioner") -> str:
    """Every place of a ranking after the first, one sentence each:
    ``'För personer med kroniska sjukdomar gäller det 19 av 21 regioner. För barn och unga gäller det 13 av 21 regioner.'``"""
    sentences = []
    for rank in ranking.platser[1:]:
        names = join((lower_first(o.label) for o in rank.alternativ), "samt" if len(rank.alternativ) > 2 else "och")
        definite = DEFINITE.get(noun, noun)
        who = count_of(rank.antal, noun=noun, zero=f"ingen av {definite}")
        sentences.append(f"För {names} gäller det {who}.")
    return " ".join(sentences)


def in_count(n: Quantity | Tally, of: Quantity | None = None, noun: str = "län", *, answers: bool = False) -> str:
    """After a verb: ``'i 15 av 21 län'``; ``'i samtliga 21 län'``; ``'i ingen av de 21 länen'``
    (``'i 8 av 20'``, ``'i samtliga 20'``, ``'i ingen av dem'`` without a noun). *answers*: the Tally
    counts survey answers, and regions that did not answer are said to: ``'i samtliga 20 regioner som svarade'``."""
    who = ""
    if isinstance(n, Tally):
        who = " som svarade" if answers and n.bortfall and noun else ""
        n, of = n.antal, n.av
    k, total = int(round(n.value)), int(round(of.value))
    word = f" {noun}" if noun else ""
    if k == 0:
        there = f"de {numbers.count(total)} {DEFINITE.get(noun, noun)}" if noun else "dem"
        return printed(n, f"i ingen av {there}{who}")
    if k == total:
        return printed(n, f"i samtliga {numbers.count(total)}{word}{who}")
    return "i " + printed(n, numbers.count(k)) + f" av {numbers.count(total)}{word}{who}"


def every_year(e: EveryYear | IndicatorResult | None, measure: str = "Värdet") -> str:
    """``'Värdet har minskat varje år sedan 2013.'``; with one year against the rest:
    ``'Med undantag för 2021 har värdet minskat varje år sedan 2013.'``; nothing otherwise.
    *e* is the fact (``analysis.chapters.overgripande.every_year``) or the indicator result it is made from."""
    if isinstance(e, IndicatorResult):
        e = every_year_of(e)
    if e is None or len(e.undantag) > 1:
        return ""
    verb = MOVED[e.riktning]
    if not e.undantag:
        return f"{measure} har {verb} varje år sedan {e.från_år}."
    return f"Med undantag för {e.undantag[0]} har {lower_first(measure)} {verb} varje år sedan {e.från_år}."


def shares_moved(changes: Sequence[ShareChange]) -> str:
    """Options whose share moved, with from and to: ``'familjecentraler i samverkan med regionen, från 43 procent
    till 52 procent'``; several (a tie): ``'a (från 40 procent till 50 procent) och b (från 30 procent till 40 procent)'``."""
    parts = [(lower_first(c.label), f"från {value(c.start)} till {value(c.end)}") for c in changes]
    if len(parts) == 1:
        return f"{parts[0][0]}, {parts[0][1]}"
    return join(f"{name} ({moved})" for name, moved in parts)
