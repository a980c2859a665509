"""The development of all kärnindikatorer against their base year (the edition's Figur 1).

Each indicator's national value (totalt) every year is expressed as the
percentage change from its base-year value, with the sign turned so that a
positive number is always an improvement: a fall in overbeläggningar counts
as +, a fall in förtroende as −.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from naravard.analysis.indicators import IndicatorResult
from naravard.analysis.quantity import Quantity, derived
from naravard.text.numbers import rounded


@dataclass(frozen=True)
class Development:
    result: IndicatorResult
    base_year: int
    points: tuple[tuple[int, Quantity], ...]  # (year, oriented per cent change)

    @property
    def latest(self) -> tuple[int, Quantity]:
        return self.points[-1]

    @property
    def improved(self) -> bool:
        return self.latest[1].value > 0


def development(result: IndicatorResult, base_year: int | None = None) -> Development:
    ind = result.indicator
    base_year = base_year or result.base_year
    base = result.value(base_year)
    sign = -1.0 if ind.direction == "lower" else 1.0
    base_shown = rounded(base.value, base.decimals)
    points = []
    for p in result.series():
        if p.quantity is None or p.year < base_year:
            continue
        change = sign * (p.shown - base_shown) / abs(base_shown) * 100.0
        points.append(
            (
                p.year,
                derived(
                    change,
                    f"indikator/{ind.id}/utveckling/{base_year}-{p.year}",
                    unit="procent",
                    decimals=0,
                    inputs=(base, p.quantity),
                    label=f"{ind.name}: förändring {base_year}–{p.year}, positivt = bättre",
                    dims={"indicator": ind.id, "year": str(p.year)},
                ),
            )
        )
    return Development(result, base_year, tuple(points))


def developments(results: Sequence[IndicatorResult]) -> list[Development]:
    """One Development per indicator that has a direction and at least two years."""
    out = []
    for r in results:
        if r.indicator.direction is None:
            continue
        d = development(r)
        if len(d.points) >= 2:
            out.append(d)
    return out
