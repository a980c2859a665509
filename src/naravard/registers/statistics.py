"""From counts by stratum to the rows of indicators.csv.

The engines return whole-number counts by year, kommun, sex and age; this
module adds them up to kommun, region (län) and riket, and computes each value
once, the same for every engine:

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
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from importlib import resources

import pandas as pd

from naravard.data.confidence import byar, wilson
from naravard.registers.definitions import PERSON_YEARS, PROPORTION, Definition

SEX_CODES = {1: "män", 2: "kvinnor"}
LEVELS = ("riket", "region", "kommun")
DEFAULT_THRESHOLD = 5

COLUMNS = ("indicator", "year", "period", "level", "area", "sex", "value", "numerator", "denominator",
           "ci_lower", "ci_upper", "missing", "synthetic")


@dataclass(frozen=True)
class StandardPopulation:
    lower: tuple[int, ...]  # lower bound of each age group (the last is open: 85+)
    weight: tuple[float, ...]
    source: str

    def group_of(self, ages: pd.Series) -> pd.Series:
        """The lower bound of each age's group; ages below the first group are NaN."""
        bins = list(self.lower) + [10_000]
        return pd.cut(ages, bins=bins, right=False, labels=list(self.lower)).astype("float")


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


def _days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def areas_of(counts: pd.DataFrame, municipalities: dict[str, str]) -> pd.DataFrame:
    """Counts with the region (länskod) beside the kommun."""
    frame = counts.copy()
    frame["region"] = frame["kommun"].map(municipalities)
    return frame


def compute_rows(
    definition: Definition,
    indicator,  # naravard.data.models.Indicator
    counts: pd.DataFrame,
    *,
    years: list[int],
    municipalities: dict[str, str],  # kommunkod -> länskod
    regions: list[str],
    standard: StandardPopulation,
    threshold: int = DEFAULT_THRESHOLD,
    synthetic: bool = False,
    population_text: str = "",
) -> pd.DataFrame:
    """The indicators.csv rows of one indicator from its counts (columns of COLUMNS)."""
    counts = areas_of(counts, municipalities)
    counts["sex"] = counts["sex"].map(SEX_CODES)
    counts["numerator"] = counts["numerator"].astype("float64")
    counts["denominator"] = counts["denominator"].astype("float64")
    if definition.kind == PERSON_YEARS:
        counts["denominator"] = counts["denominator"] / counts["year"].map(_days_in_year)
    standardised = definition.standardised
    if standardised:
        counts["group"] = standard.group_of(counts["age"])
        counts = counts.loc[counts["group"].notna()]
    strata_keys = ["year", "sex"] + (["group"] if standardised else [])

    levels = [("riket", None)]
    if indicator.regional:
        levels.append(("region", "region"))
    if indicator.municipal:
        levels.append(("kommun", "kommun"))
    frames = []
    for level, column in levels:
        area = pd.Series("00", index=counts.index) if column is None else counts[column]
        frame = counts.assign(level=level, area=area)
        keys = ["level", "area"] + strata_keys
        by_sex = frame.groupby(keys, observed=True)[["numerator", "denominator"]].sum().reset_index()
        total = by_sex.groupby([k for k in keys if k != "sex"], observed=True)[["numerator", "denominator"]].sum().reset_index()
        total["sex"] = "totalt"
        frames.append(pd.concat([total, by_sex], ignore_index=True))
    strata = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    place = ["year", "level", "area", "sex"]
    if standardised and len(strata):
        weights = pd.Series(standard.weight, index=standard.lower) / sum(standard.weight)
        w = strata["group"].astype(int).map(weights)
        has = strata["denominator"] > 0
        n = strata["denominator"].where(has)
        strata["dsr"] = (w * strata["numerator"] / n).where(has, 0.0)
        strata["var"] = (w * w * strata["numerator"] / (n * n)).where(has, 0.0)
        strata["heaviest"] = (w / n).where(has, 0.0)
        sums = strata.groupby(place, observed=True).agg(
            numerator=("numerator", "sum"), denominator=("denominator", "sum"),
            dsr=("dsr", "sum"), var=("var", "sum"), heaviest=("heaviest", "max"))
    else:
        sums = strata.groupby(place, observed=True)[["numerator", "denominator"]].sum() if len(strata) else None

    expected = []
    for level, _ in levels:
        areas = ["00"] if level == "riket" else regions if level == "region" else sorted(municipalities)
        expected.append(pd.MultiIndex.from_product([years, [level], areas, list(indicator.sexes)], names=place))
    grid = expected[0].append(expected[1:]) if len(expected) > 1 else expected[0]
    cells = (sums.reindex(grid) if sums is not None else pd.DataFrame(index=grid, columns=["numerator", "denominator"]))
    cells = cells.loc[grid.get_level_values("sex").isin(indicator.sexes)].reset_index()
    cells["numerator"] = cells["numerator"].fillna(0.0)
    cells["denominator"] = cells["denominator"].fillna(0.0)

    digits = indicator.decimals + 2
    rows = []
    for c in cells.to_dict("records"):
        events, population = int(c["numerator"]), float(c["denominator"])
        row = dict(indicator=indicator.id, year=int(c["year"]), period="", level=c["level"], area=c["area"], sex=c["sex"],
                   synthetic=synthetic, suppressed=False)
        if population <= 0:
            row.update(_missing(f"Uppgift saknas: registren har inga uppgifter om {population_text}" if population_text else "Uppgift saknas: ingen population"))
        elif events < threshold:
            row.update(_missing(_suppressed_reason(threshold)))
            row["suppressed"] = True
        else:
            value, low, high = _value(definition, c, events, population)
            row.update(
                value=_round(value, digits),
                numerator=events,
                denominator=_round(population, 1) if definition.kind == PERSON_YEARS else int(round(population)),
                ci_lower=_floor(low, digits),
                ci_upper=_ceil(high, digits),
                missing="",
            )
        rows.append(row)
    return pd.DataFrame(_complementary(rows), columns=list(COLUMNS))


def _suppressed_reason(threshold: int) -> str:
    events = "någon händelse" if threshold == 1 else f"färre än {threshold} händelser"
    prefix = "inte på " if threshold == 1 else "på "
    return f"Uppgift saknas: värdet bygger {prefix}{events} och redovisas inte (röjandekontroll)"


def _missing(reason: str) -> dict:
    return dict(value=None, numerator=None, denominator=None, ci_lower=None, ci_upper=None, missing=reason)


def _value(definition: Definition, cell: dict, events: int, population: float) -> tuple[float, float, float]:
    per = definition.per
    if definition.kind == PROPORTION:
        low, high = wilson(events, population)
        return 100 * events / population, 100 * low, 100 * high
    low_count, high_count = byar(events)
    if not definition.standardised:
        rate = events / population * per
        return rate, low_count / population * per, high_count / population * per
    # direct standardisation: Σ wᵢ·Oᵢ/nᵢ over the age groups (groups without population add nothing)
    dsr, variance = cell["dsr"], cell["var"]
    if events == 0:
        # no events: the Poisson upper limit of 0 events, placed in the age group where one
        # person weighs most (a conservative upper limit; Dobson's method needs events)
        return 0.0, 0.0, high_count * cell["heaviest"] * per
    spread = math.sqrt(variance / events)
    return dsr * per, max(0.0, dsr + spread * (low_count - events)) * per, (dsr + spread * (high_count - events)) * per


def _complementary(rows: list[dict]) -> list[dict]:
    """Suppress the other sex where one is suppressed (totalt − män would give kvinnor)."""
    hidden: dict[tuple, list[str]] = {}
    for row in rows:
        if row["suppressed"] and row["sex"] in ("kvinnor", "män"):
            hidden.setdefault((row["year"], row["level"], row["area"]), []).append(row["sex"])
    for row in rows:
        sexes = hidden.get((row["year"], row["level"], row["area"]), [])
        if len(sexes) == 1 and row["sex"] in ("kvinnor", "män") and not row["suppressed"] and row["missing"] == "":
            row.update(_missing(
                f"Uppgift saknas: redovisas inte, eftersom värdet för {sexes[0]} annars skulle kunna räknas fram (röjandekontroll)"
            ))
        del row["suppressed"]
    return rows
