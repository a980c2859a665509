"""How each unit of the catalogue is written in prose, tables and on axes."""

from __future__ import annotations

from dataclasses import dataclass

from naravard.data import models
from naravard.text import numbers


@dataclass(frozen=True)
class Unit:
    key: str  # one of naravard.data.models.UNITS
    prose_suffix: str  # after the number in running text
    table_suffix: str  # after the number in tables, figures and alt text
    subject: str = "Antalet"  # what a sentence about the value is about: "Antalet … har varit högre"
    is_percent: bool = False
    # Differences are printed in "procentenheter" for percentages, in per cent otherwise.

    @property
    def subject_neuter(self) -> bool:
        """Whether the subject is an ett-word ("Antalet", "Indexvärdet"), so a predicate agrees: oförändrat."""
        return self.subject.endswith("et")

    @property
    def axis_label(self) -> str:
        """The value-axis label in charts: ``'Per 100 000 invånare'``."""
        name = models.UNITS[self.key]
        return name[:1].upper() + name[1:]


NBSP = numbers.NBSP

UNITS: dict[str, Unit] = {
    u.key: u
    for u in (
        Unit("procent", f"{NBSP}procent", f"{NBSP}%", "Andelen", is_percent=True),
        Unit("index", "", "", "Indexvärdet"),
        Unit("antal", "", ""),
        Unit("per_100000_invanare", f" per 100{NBSP}000 invånare", ""),
        Unit("per_100000_personar", f" per 100{NBSP}000 personår", ""),
        Unit("per_1000_invanare", f" per 1{NBSP}000 invånare", ""),
        Unit("per_100_vardplatser", " per 100 disponibla vårdplatser", ""),
        Unit("kronor_per_invanare", " kronor per invånare", f"{NBSP}kr", "Kostnaden"),
        Unit("kronor", " kronor", f"{NBSP}kr", "Kostnaden"),
        # Units of the facts and examples tables (facts.csv, example_numbers.csv).
        Unit("miljoner", f"{NBSP}miljoner", f"{NBSP}milj."),
        Unit("miljoner_kronor", f"{NBSP}miljoner kronor", f"{NBSP}mnkr", "Kostnaden"),
        Unit("timmar_per_vecka", f"{NBSP}timmar per vecka", f"{NBSP}tim/v", "Tiden"),
        Unit("av_10", " av 10", " av 10"),
    )
}
assert set(UNITS) == set(models.UNITS), "every unit the data stage accepts is written here"


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
