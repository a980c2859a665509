"""From counts by stratum to the rows of indicators.csv.

The engines return whole-number counts by year, kommun, sex and age; the
statistics are one SQL query over them (sql/statistics.sql, transpiled like the
definitions), so that only the cells of indicators.csv leave the engine. It adds
the counts up to kommun, region (län) and riket and computes each value:

* proportions: 100 × numerator / denominator, Wilson score interval;
* rates per invånare: events / population × per, and per personår: events /
  (days with care / days of the year) × per; Byar's approximation of the exact
  Poisson interval for the count, scaled to the rate;
* age-standardised rates: direct standardisation, Σ wᵢ·rateᵢ / Σ wᵢ over the
  standard population's age groups, with Dobson's interval (the Poisson limits
  of the total count carried over to the standardised rate through its variance).

Disclosure control: a value resting on fewer events than the threshold is
written as missing with the reason, its counts and limits left out; and when one
sex is suppressed the other is too, so that totalt minus one sex cannot give it.

Python only lays out the engine's cells: rounding (two decimals more than the
catalogue prints, limits outwards) and the Swedish reasons for a missing value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from importlib import resources
from string import Template

import pandas as pd

from naravard.data.confidence import Z95
from naravard.registers.definitions import PERSON_YEARS, Definition, sql_text
from naravard.registers.staging import EARLIEST_BIRTH

DEFAULT_THRESHOLD = 5

COLUMNS = ("indicator", "year", "period", "level", "area", "sex", "value", "numerator", "denominator",
           "ci_lower", "ci_upper", "missing", "synthetic")


@dataclass(frozen=True)
class StandardPopulation:
    lower: tuple[int, ...]  # lower bound of each age group (the last is open: 85+)
    weight: tuple[float, ...]
    source: str

    def groups(self) -> list[tuple[int, int, float]]:
        """(age_from, age_to, weight / Σ weights) of each age group; the last is open."""
        total = sum(self.weight)
        bounds = list(self.lower[1:]) + [10_000]
        return [(a, b, w / total) for a, b, w in zip(self.lower, bounds, self.weight)]


def read_standard_population(text: str | None = None) -> StandardPopulation:
    """The standard population (CSV: ``age_from,weight`` and a ``# source:`` line)."""
    if text is None:
        text = resources.files("naravard.registers").joinpath("standard_population.csv").read_text(encoding="utf-8")
    source, rows = "", []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.lower().startswith("# source:"):
                source = line.split(":", 1)[1].strip()
            continue
        if line.lower().startswith("age_from"):
            continue
        age, weight = line.split(",")[:2]
        rows.append((int(age), float(weight)))
    rows.sort()
    return StandardPopulation(tuple(a for a, _ in rows), tuple(w for _, w in rows), source)


def _round(x: float, digits: int) -> float:
    return round(x, digits) + 0.0  # +0.0 turns -0.0 into 0.0


def _floor(x: float, digits: int) -> float:
    f = 10**digits
    return math.floor(x * f + 1e-9) / f + 0.0


def _ceil(x: float, digits: int) -> float:
    f = 10**digits
    return math.ceil(x * f - 1e-9) / f + 0.0


def _double(x: float) -> str:
    """A float as an SQL double, exactly (a bare decimal literal would be a DECIMAL)."""
    return f"CAST('{x!r}' AS DOUBLE)"


def register_tables(eng, definitions: list[Definition], indicators: dict, years: dict[str, list[int]],
                    municipalities: dict[str, str], regions: list[str], standard: StandardPopulation) -> None:
    """The facts statistics.sql reads: the measures, the cells to write, the areas, the standard population.

    *indicators* are the catalogue's indicators by id, *years* the years to write for each.
    """
    eng.register_rows("indicator_measures", ("indicator", "indicator_order", "measure", "per", "standardised"),
                      [(d.id, i, d.kind, d.per, d.standardised) for i, d in enumerate(definitions)])
    cells = []
    for d in definitions:
        ind = indicators[d.id]
        levels = ["riket"] + (["region"] if ind.regional else []) + (["kommun"] if ind.municipal else [])
        cells += [(d.id, y, level, sex, i) for y in years[d.id] for level in levels for i, sex in enumerate(ind.sexes)]
    eng.register_rows("indicator_cells", ("indicator", "year", "level", "sex", "sex_order"), cells)
    areas = [("riket", "00", 0)] + [("region", r, i) for i, r in enumerate(regions)]
    areas += [("kommun", k, i) for i, k in enumerate(sorted(municipalities))]
    eng.register_rows("areas", ("level", "area", "area_order"), areas)
    eng.register_rows("kommun_regions", ("kommun", "region"), sorted(municipalities.items()))
    groups = standard.groups()
    eng.register_rows("standard_groups", ("age_from", "weight"), [(a, _double(w)) for a, _, w in groups], raw=("weight",))
    # every age a person can reach in the years computed, in its group: an equality join, not a range join
    oldest = max(max(y, default=EARLIEST_BIRTH) for y in years.values()) - EARLIEST_BIRTH
    eng.register_rows("standard_ages", ("age", "age_from"), [(age, a) for a, b, _ in groups for age in range(a, min(b, oldest + 1))])


def statistics_sql(threshold: int) -> str:
    """statistics.sql, over the table ``counts`` (the definitions' count columns and ``indicator``)."""
    return Template(sql_text("statistics.sql")).substitute(threshold=int(threshold), z=_double(Z95))


def rows_from_cells(columns: list[str], data: list[tuple], indicators: dict, *, threshold: int,
                    synthetic: bool, population_texts: dict[str, str]) -> pd.DataFrame:
    """The indicators.csv rows (columns of COLUMNS) from statistics.sql's cells, in their order."""
    at = {c: i for i, c in enumerate(columns)}
    suppressed = _suppressed_reason(threshold)
    rows = []
    for cell in data:
        indicator = indicators[cell[at["indicator"]]]
        row = dict(indicator=indicator.id, year=int(cell[at["year"]]), period="", level=cell[at["level"]],
                   area=cell[at["area"]], sex=cell[at["sex"]])
        status = cell[at["status"]]
        if status == "no_population":
            text = population_texts.get(indicator.id, "")
            row.update(_missing(f"Uppgift saknas: registren har inga uppgifter om {text}" if text else "Uppgift saknas: ingen population"))
        elif status == "suppressed":
            row.update(_missing(suppressed))
        elif status == "complementary":
            row.update(_missing(
                f"Uppgift saknas: redovisas inte, eftersom värdet för {cell[at['suppressed_sex']]} annars skulle kunna räknas fram (röjandekontroll)"
            ))
        else:
            digits = indicator.decimals + 2
            population = float(cell[at["population"]])
            row.update(
                value=_round(float(cell[at["value"]]), digits),
                numerator=int(cell[at["events"]]),
                denominator=_round(population, 1) if cell[at["measure"]] == PERSON_YEARS else int(round(population)),
                ci_lower=_floor(float(cell[at["ci_lower"]]), digits),
                ci_upper=_ceil(float(cell[at["ci_upper"]]), digits),
                missing="",
            )
        row["synthetic"] = synthetic
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _suppressed_reason(threshold: int) -> str:
    events = "någon händelse" if threshold == 1 else f"färre än {threshold} händelser"
    prefix = "inte på " if threshold == 1 else "på "
    return f"Uppgift saknas: värdet bygger {prefix}{events} och redovisas inte (röjandekontroll)"


def _missing(reason: str) -> dict:
    return dict(value=None, numerator=None, denominator=None, ci_lower=None, ci_upper=None, missing=reason)
