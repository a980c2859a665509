"""Words for how series move: two series side by side, a run of years in one direction,
where the latest year stands in its series, the kommuner that were lowest every year.

Each function takes the facts (``naravard.analysis``) and returns the words the case
calls for, so a template names the choice and never spells out its cases.
"""

from __future__ import annotations

from naravard.analysis.indicators import Change
from naravard.analysis.prevention import LatestStanding, LowestEveryYear, SteadyRun
from naravard.text import numbers
from naravard.text.phrases import HANDFUL, join, region_in
from naravard.text.trace import printed

RUN_VERBS = {"up": "ökat", "down": "minskat"}


def two_directions(a: Change, b: Change, *, up: str, down: str, same: str, first: str, second: str, both: str) -> str:
    """Two series' directions in one phrase: ``'minskar i särskilt boende men ökar i ordinärt boende'``;
    ``'minskar i både särskilt och ordinärt boende'`` (*both*) when they move alike."""
    words = {"up": up, "down": down, "stable": same}
    if a.direction == b.direction:
        return f"{words[a.direction]} {both}"
    return f"{words[a.direction]} {first} men {words[b.direction]} {second}"


def run_clause(run: SteadyRun | None, change: Change) -> str:
    """After a change: ``' och har minskat varje år sedan 2018'``; ``' men har ökat varje år sedan 2021'``
    when the latest run goes against the change; ``''`` without a run of two years or more."""
    if run is None or run.direction not in RUN_VERBS:
        return ""
    joiner = "och" if run.direction == change.direction else "men"
    return f" {joiner} har {RUN_VERBS[run.direction]} varje år sedan {run.start_year}"


def standing(st: LatestStanding, measure: str = "Antalet", *, neuter: bool = True) -> str:
    """Where the latest year stands: ``'Antalet år 2024 var det lägsta i tidsserien, som börjar 2014.'``,
    ``'… var det högsta sedan 2014.'``; ``''`` when the year before was already higher (or lower).
    *neuter*: the measure is an ett-word ("antalet": "det lägsta"; "andelen": "den lägsta")."""
    it = "det" if neuter else "den"
    if st.lowest and st.highest:  # every year alike
        return ""
    if st.lowest or st.highest:
        word = "lägsta" if st.lowest else "högsta"
        return f"{measure} år {st.year} var {it} {word} i tidsserien, som börjar {st.first_year}."
    if st.higher_since is not None and st.higher_since < st.year - 1:
        return f"{measure} år {st.year} var {it} högsta sedan {st.higher_since}."
    if st.lower_since is not None and st.lower_since < st.year - 1:
        return f"{measure} år {st.year} var {it} lägsta sedan {st.lower_since}."
    return ""


def municipalities_by_county(low: LowestEveryYear) -> str:
    """``'Avesta i Dalarnas län samt Bollnäs och Ovanåker i Gävleborgs län'``."""
    parts = [f"{join(m.name for m in munis)} {region_in(county)}" for county, munis in low.counties]
    return join(parts, "samt" if len(parts) > 1 and any(len(m) > 1 for _, m in low.counties) else "och")


def lowest_every_year(low: LowestEveryYear, noun: str = "besök") -> str:
    """``'Samma 3 kommuner hade de lägsta antalen besök varje år under perioden: Avesta i Dalarnas län samt …'``;
    ``'En och samma kommun hade det lägsta antalet besök varje år under perioden: Avesta i Dalarnas län.'``;
    more than a handful are counted: ``'Samma 8 kommuner, i 4 län, hade …'``."""
    n = int(low.count.value)
    if n > HANDFUL:  # more than a handful of names are counted
        counties = numbers.count(len(low.counties))
        return f"Samma {printed(low.count, numbers.count(n))} kommuner, i {counties} län, hade de lägsta antalen {noun} varje år under perioden."
    names = municipalities_by_county(low)
    if n == 1:
        return printed(low.count, f"En och samma kommun hade det lägsta antalet {noun} varje år under perioden: {names}.")
    count = printed(low.count, numbers.count(n))
    return f"Samma {count} kommuner hade de lägsta antalen {noun} varje år under perioden: {names}."
