"""How each unit of the catalogue is written in prose, tables and on axes."""

from __future__ import annotations

from dataclasses import dataclass

from naravard.text import numbers


@dataclass(frozen=True)
class Unit:
    key: str
    prose_suffix: str  # after the number in running text
    table_suffix: str  # after the number in tables, figures and alt text
    axis_label: str  # value-axis label in charts
    is_percent: bool = False
    # Differences are printed in "procentenheter" for percentages, in per cent otherwise.
    noun: str = ""  # what is counted ("besök"), for prose like "600 besök per 1 000 invånare"


NBSP = numbers.NBSP

UNITS: dict[str, Unit] = {
    u.key: u
    for u in (
        Unit("procent", f"{NBSP}procent", f"{NBSP}%", "Procent", is_percent=True),
        Unit("index", "", "", "Indexvärde (0–100)"),
        Unit("antal", "", "", "Antal"),
        Unit("per_100000_invanare", f" per 100{NBSP}000 invånare", "", f"Per 100{NBSP}000 invånare"),
        Unit("per_100000_personar", f" per 100{NBSP}000 personår", "", f"Per 100{NBSP}000 personår"),
        Unit("per_1000_invanare", f" per 1{NBSP}000 invånare", "", f"Per 1{NBSP}000 invånare"),
        Unit("per_100_vardplatser", " per 100 disponibla vårdplatser", "", "Per 100 disponibla vårdplatser"),
        Unit("kronor_per_invanare", " kronor per invånare", f"{NBSP}kr", "Kronor per invånare"),
        Unit("kronor", " kronor", f"{NBSP}kr", "Kronor"),
        # Units of the facts and examples tables (facts.csv, example_numbers.csv).
        Unit("miljoner", f"{NBSP}miljoner", f"{NBSP}milj.", "Miljoner"),
        Unit("miljoner_kronor", f"{NBSP}miljoner kronor", f"{NBSP}mnkr", "Miljoner kronor"),
        Unit("timmar_per_vecka", f"{NBSP}timmar per vecka", f"{NBSP}tim/v", "Timmar per vecka"),
        Unit("av_10", " av 10", " av 10", "Antal av 10"),
    )
}


def unit(key: str) -> Unit:
    try:
        return UNITS[key]
    except KeyError:
        raise KeyError(f"unknown unit {key!r}; known: {', '.join(sorted(UNITS))}") from None


def prose(value: float, unit_key: str, decimals: int, *, noun: str = "") -> str:
    """``'8,9 procent'``, ``'562 slutenvårdsperioder per 100 000 invånare'``."""
    u = unit(unit_key)
    text = numbers.number(value, decimals)
    if noun:
        return f"{text} {noun}{u.prose_suffix}"
    return text + u.prose_suffix


def short(value: float, unit_key: str, decimals: int) -> str:
    """The compact form for tables, figures and alt text: ``'8,9 %'``, ``'562'``."""
    return numbers.number(value, decimals) + unit(unit_key).table_suffix
