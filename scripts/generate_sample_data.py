#!/usr/bin/env python
"""Generate the sample data package ``data/sample-2024`` (reference year 2024).

Every value the model edition publishes is written down below as data
(``synthetic = false``); everything else is generated around those values,
deterministically, and marked ``synthetic = true``. Generated values respect
the edition's qualitative statements too ("worse in all län since 2017 except
the two best", "8 of 20 regions decreased"); the script checks them and fails
rather than write a package that contradicts the edition.

The regions' survey answers for 2024 are the published ones, read from the
package's own copy of Bilaga 3 (``data/sample-2024/sources/``).

Usage::

    python scripts/generate_sample_data.py            # rewrite data/sample-2024
    python scripts/generate_sample_data.py --out DIR  # write a copy elsewhere

Same inputs, same bytes: fixed seeds (Python's ``random``, whose sequences are
stable across versions), sorted rows, fixed number formats, "\\n" line ends.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import random
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "data" / "sample-2024"
CATALOGUE = ROOT / "data" / "catalogue"
BILAGA3 = PACKAGE / "sources" / "bilaga3_regionenkat_2024.csv"

sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

from naravard.data.catalogue import load_catalogue  # noqa: E402
from naravard.data.confidence import rate_limits, wilson  # noqa: E402

SEED = 2024
YEAR = 2024

REGIONS = ("01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
           "14", "17", "18", "19", "20", "21", "22", "23", "24", "25")  # fmt: skip

# Approximate population in thousands: only to size the synthetic numerators,
# denominators and confidence limits plausibly.
POPULATION = {
    "01": 2470, "03": 405, "04": 300, "05": 470, "06": 370, "07": 205, "08": 246,
    "09": 61, "10": 157, "12": 1420, "13": 348, "14": 1760, "17": 283, "18": 307,
    "19": 281, "20": 288, "21": 287, "22": 243, "23": 132, "24": 277, "25": 249,
}  # fmt: skip
TOTAL_POPULATION = sum(POPULATION.values())

# Nationell patientenkät in primary care 2024: 10 regions took part (published);
# which ten is not published. This choice includes every region the edition
# names for 2024 (Kronoberg, Blekinge, Jämtland Härjedalen, Värmland, Uppsala, Västerbotten).
NPE_2024 = ("03", "04", "07", "09", "10", "17", "19", "23", "24", "25")
# Regions without first-line data for 2025 (several, published; which, not).
BARN_UNGA_MISSING_2025 = ("14", "21", "25")

MISSING_NPE = "Regionen deltog inte i 2024 års mätning, senaste värde avser 2023"
MISSING_2025 = "Regionen kunde inte rapportera uppgifter för mätperioden 2025"
MISSING_STOCKHOLM = (
    "Uppgift saknas: den basala hemsjukvården i Stockholms län utförs av regionen "
    "och saknas i registret över kommunal hälso- och sjukvård"  # reads right also after "att"
)
MISSING_GOTLAND = "Region Gotland saknar uppgifter om kostnader för det egna åtagandet för primärvård"


def rng_for(*key: object) -> random.Random:
    """A generator of its own for each purpose, so adding one never shifts another."""
    return random.Random(":".join(str(k) for k in (SEED, *key)))


# =============================================================================
# National series (published points marked), with the split by sex
# =============================================================================


@dataclass
class National:
    """A national series: totals per year, which of them are published, and the sex split.

    The split is given as the gap (first sex minus second: män − kvinnor, or
    pojkar − flickor) per year and the weight ``w`` of the second sex in the
    total: second = total − (1 − w)·gap, first = total + w·gap. ``ratio`` instead
    gives first/second (relative gaps, "23 procent fler").
    """

    totals: Mapping[int, float]
    published: Iterable[int] = ()
    gap: Mapping[int, float] | float | None = None
    ratio: Mapping[int, float] | None = None
    w: float = 0.5
    sex_override: Mapping[tuple[int, str], float] = field(default_factory=dict)
    published_sex: Iterable[tuple[int, str]] = ()
    sex_decimals: int = 1


def years(a: int, b: int) -> range:
    return range(a, b + 1)


def series(first: int, values: list[float]) -> dict[int, float]:
    return dict(zip(years(first, first + len(values) - 1), values, strict=True))


def linear(first: int, last: int, a: float, b: float) -> dict[int, float]:
    return {y: a + (b - a) * (y - first) / (last - first) for y in years(first, last)}


NATIONAL: dict[str, National] = {
    # 67 % 2024, 61 % 2023; higher in the pandemic than in 2024; women slightly lower.
    "fortroende_hs": National(
        series(2013, [59, 60, 59, 60, 60, 61, 62, 71, 69, 64, 61, 67]),
        published=(2023, 2024),
        gap=series(2013, [2.2, 2.0, 2.1, 1.9, 2.0, 1.8, 1.9, 1.5, 1.6, 1.8, 2.0, 1.7]),
    ),
    # 63 % 2024; rose less than fortroende_hs from 2023.
    "fortroende_vc": National(
        series(2013, [58, 58, 57, 58, 60, 59, 60, 66, 65, 61, 60, 63]),
        published=(2024,),
        gap=1.5,
    ),
    # 81 % 2020 -> 88 % 2024, weaker last year; men ahead by 0,5 procentenheter in 2024.
    "medicinsk_bedomning_3d": National(
        series(2020, [81, 83, 85, 87, 88]),
        published=(2020, 2024),
        gap=series(2020, [0.6, 0.5, 0.7, 0.4, 0.5]),
        w=0.6,
    ),
    # February–March periods: 81 % 2024, 72 % 2025; pojkar ahead in 3 of 4 periods.
    "barn_unga_psykisk_ohalsa_3d": National(
        series(2022, [70, 76, 81, 72]),
        published=(2024, 2025),
        gap=series(2022, [2.0, -1.0, 1.5, 1.0]),
        w=0.6,
    ),
    # Falling every year 2013–2022 to 45 %, then up to 50 % in 2024.
    "lakare_sabo": National(
        series(2013, [62, 60, 59, 57, 56, 54, 52, 49, 47, 45, 47, 50]),
        published=(2022, 2024),
        gap=series(2013, [1.2, 1.0, 1.1, 0.9, 1.0, 1.2, 0.8, 1.0, 0.9, 1.1, 1.0, 0.9]),
        w=0.65,
    ),
    # "knappt 75 procent" in 2024.
    "sjukskoterska_sabo": National(
        series(2013, [80, 79, 79, 78, 77, 76, 75, 73, 72, 72, 73, 74.6]),
        gap=0.8,
        w=0.65,
    ),
    # cirka 61 % 2017, 66 % 2021, cirka 64 % 2024; riket only.
    "ordinarie_lakare_65": National({2017: 61, 2021: 66, 2024: 64}, published=(2017, 2021, 2024)),
    # 75 % 2024 (10 regions); no improvement since before the pandemic; men higher every year.
    "tillgodosett_vardbehov": National(
        {2015: 78, 2017: 77, 2019: 77, 2021: 76, 2023: 76, 2024: 75},
        published=(2024,),
        gap=2.0,
        w=0.58,
    ),
    # Index 78,4 (2017) -> 79,8 (2019), unchanged since, 79,8 also in 2024; men higher.
    "delaktighet_index": National(
        {2017: 78.4, 2019: 79.8, 2021: 79.8, 2023: 79.8, 2024: 79.8},
        published=(2017, 2019, 2024),
        gap=1.2,
        w=0.58,
        sex_decimals=2,
    ),
    # 51 % 2024 (men 56, women 48); 48–51 % in the years all regions took part.
    "levnadsvanor": National(
        {2015: 51, 2017: 48, 2019: 49, 2021: 48, 2023: 50, 2024: 51},
        published=(2024,),
        gap={2015: 7.0, 2017: 7.2, 2019: 7.4, 2021: 7.0, 2023: 7.6, 2024: 8.0},
        w=0.625,
        sex_override={(2024, "män"): 56, (2024, "kvinnor"): 48},
        published_sex=((2024, "män"), (2024, "kvinnor")),
    ),
    # 817 (2013) -> 562 (2024), falling every year but 2021; men 37 % above women
    # in 2013 and 23 % in 2024 (men 626). See the note in indicators.toml.
    "paverkbar_slutenvard": National(
        series(2013, [817, 795, 770, 745, 718, 690, 665, 590, 600, 585, 572, 562]),
        published=(2013, 2024),
        ratio=linear(2013, 2024, 1.37, 1.23),
        w=0.547,
        sex_override={(2024, "män"): 626, (2024, "kvinnor"): 509},
        published_sex=((2024, "män"),),
        sex_decimals=0,
    ),
    # 10,0 % 2013 -> 8,9 % 2024, about the same in 2022 and 2023; men higher, by 0,1 in 2024.
    "oplanerade_aterinskrivningar": National(
        series(2013, [10.0, 9.9, 9.8, 9.7, 9.6, 9.5, 9.4, 9.3, 9.1, 8.9, 9.0, 8.9]),
        published=(2013, 2024),
        gap=linear(2013, 2024, 0.6, 0.1),
        sex_override={(2024, "män"): 8.96, (2024, "kvinnor"): 8.86},
        sex_decimals=2,
    ),
    # 25 % fewer 2024 than 2017 (figur 1); small rise in 2018, falling every year since;
    # women about 2 procentenheter higher.
    "lakemedel_undvikas_ordbo": National(
        series(2013, [13.4, 13.0, 12.6, 12.3, 12.0, 12.2, 11.7, 11.1, 10.5, 10.0, 9.5, 9.0]),
        gap=-2.0,
        w=0.65,
        sex_decimals=2,
    ),
    # Falling every year since 2013, always below ordinärt boende; men slightly higher.
    "lakemedel_undvikas_sabo": National(
        series(2013, [11.6, 11.0, 10.3, 9.7, 9.0, 8.4, 7.8, 7.3, 6.8, 6.3, 5.9, 5.5]),
        gap=0.4,
        w=0.7,
        sex_decimals=2,
    ),
    # 8,9 (2023) -> 7,3 (2024); still above the years before the pandemic.
    "overbelaggningar": National(
        series(2017, [5.6, 6.0, 6.1, 4.4, 5.9, 8.2, 8.9, 7.3]),
        published=(2023, 2024),
    ),
    # Both better than 2017, higher in ordinärt boende, rising 2022–2024.
    "paverkbar_slutenvard_sabo": National(
        series(2014, [4300, 4150, 4050, 3950, 3850, 3750, 3400, 3450, 3300, 3400, 3500]),
        gap=600,
        w=0.68,
        sex_decimals=0,
    ),
    "paverkbar_slutenvard_ordbo": National(
        series(2014, [7100, 6950, 6800, 6650, 6500, 6350, 5700, 5800, 5500, 5650, 5800]),
        gap=900,
        w=0.62,
        sex_decimals=0,
    ),
    # Säbo: 2024 the lowest of the series; ordinärt boende: 2024 the highest since 2014.
    # Women fall more often.
    "fallskador_sabo": National(
        series(2014, [9800, 9700, 9650, 9500, 9450, 9300, 9100, 9000, 8900, 8800, 8600]),
        gap=-600,
        w=0.68,
        sex_decimals=0,
    ),
    "fallskador_ordbo": National(
        series(2014, [6300, 6000, 5900, 5850, 5800, 5750, 5600, 5700, 5800, 6000, 6200]),
        gap=-700,
        w=0.62,
        sex_decimals=0,
    ),
    # 600 per 1 000 in 2024; men 12–17 % more visits than women every year.
    "akutbesok_80": National(
        series(2017, [690, 685, 680, 590, 600, 625, 615, 600]),
        published=(2024,),
        ratio=series(2017, [1.17, 1.16, 1.15, 1.12, 1.13, 1.14, 1.13, 1.14]),
        w=0.6,
        sex_decimals=0,
    ),
    # 29 % in 2024 (Vårdanalys' befolkningspanel).
    "fast_lakarkontakt_panel": National({2024: 29}, published=(2024,)),
}

# Costs per inhabitant: fixed prices (2024 price level, LPIK) and current prices.
# +knappt 500 kr 2017–2024 in fixed prices, +drygt 2 000 kr in current prices,
# a clear rise 2020–2021, and 2024 the largest fall of the period.
LPIK = series(2013, [0.745, 0.76, 0.775, 0.79, 0.80, 0.82, 0.845, 0.86, 0.885, 0.925, 0.965, 1.0])
COST_FIXED = series(2013, [7300, 7380, 7450, 7560, 7770, 7850, 7900, 8150, 8420, 8460, 8500, 8250])
NET_FIXED = series(2013, [6650, 6700, 6760, 6830, 6950, 7000, 7050, 7120, 7180, 7420, 7560, 7400])
COSTS: dict[str, National] = {
    "kostnad_primarvard_fasta": National(COST_FIXED),
    "kostnad_primarvard_lopande": National({y: round(v * LPIK[y]) for y, v in COST_FIXED.items()}),
    "nettokostnad_primarvard_fasta": National(NET_FIXED),
    "nettokostnad_primarvard_lopande": National({y: round(v * LPIK[y]) for y, v in NET_FIXED.items()}),
    # Falling 2013–2017, some rise to 2022, clear fall 2023 and 2024 back to the 2017
    # level, 2024 the lowest since 2014. Riket without Gotland.
    "andel_primarvard_regioner": National(
        series(2013, [20.0, 18.9, 19.3, 19.2, 19.1, 19.3, 19.5, 19.8, 20.0, 20.2, 19.6, 19.0])
    ),
    # Hälsoräkenskaper (to 2023): the total rises only marginally, more from the regions.
    "kostnadsandel_primarvard_regioner": National(series(2017, [17.0, 17.1, 17.1, 17.2, 17.3, 17.3, 17.3])),
    "kostnadsandel_primarvard_kommuner": National(series(2017, [8.3, 8.2, 8.3, 8.2, 8.3, 8.3, 8.3])),
}


# =============================================================================
# Regions: the latest and the base year, with the published extremes
# =============================================================================


@dataclass
class RegionSpec:
    """How the regions' values are generated for one indicator.

    ``latest``: published region values in the latest year (highest, lowest);
    the others are drawn strictly between ``lo`` and ``hi`` around ``mode``.
    ``improved``: how many regions are better in the latest year than in the
    base year (or a set of codes); the rest are worse. ``step``: typical size
    of the change. ``latest_year`` per region defaults to the indicator's latest.
    """

    lo: float
    hi: float
    mode: float
    latest: Mapping[str, float] = field(default_factory=dict)
    improved: int | Iterable[str] = 21
    step: tuple[float, float] = (1.0, 4.0)  # size of an improvement
    worse_step: tuple[float, float] = (0.5, 2.0)  # size of a deterioration
    fixed_change: Mapping[str, float] = field(default_factory=dict)  # base - latest, by code
    top_change: tuple[float, ...] = ()  # base - latest for the highest regions in the latest year
    codes: tuple[str, ...] = REGIONS
    missing: Mapping[str, tuple[tuple[int, ...] | None, str, bool]] = field(default_factory=dict)
    latest_year_of: Mapping[str, int] = field(default_factory=dict)
    base_year: int | None = None
    latest_year: int | None = None
    unpublished: tuple[str, ...] = ()  # codes in ``latest`` whose value is not published exactly


def npe_latest_years() -> dict[str, int]:
    return {c: (2024 if c in NPE_2024 else 2023) for c in REGIONS}


REGION_SPECS: dict[str, RegionSpec] = {
    "fortroende_hs": RegionSpec(54, 82, 67, latest={"06": 82, "22": 54}, improved=20, step=(3, 11), worse_step=(1, 2)),
    "fortroende_vc": RegionSpec(52, 74, 63, improved=14, step=(1, 6), worse_step=(1, 4)),
    "medicinsk_bedomning_3d": RegionSpec(74, 96, 87, latest={"01": 96}, improved=18, step=(3, 12), worse_step=(1, 4)),
    "barn_unga_psykisk_ohalsa_3d": RegionSpec(
        17, 100, 76, latest={"03": 100, "08": 100, "20": 17}, improved=9, step=(3, 15), worse_step=(3, 20),
        unpublished=("20",),  # "under 20 procent"
        latest_year_of={c: 2024 for c in BARN_UNGA_MISSING_2025},
        missing={c: ((2025,), MISSING_2025, True) for c in BARN_UNGA_MISSING_2025},
    ),
    "lakare_sabo": RegionSpec(38, 64, 50, improved=(), step=(2, 4), worse_step=(3, 11)),
    "tillgodosett_vardbehov": RegionSpec(
        70, 77, 75, latest={"07": 77, "10": 70}, improved=6, step=(0.5, 2), worse_step=(1, 4),
        latest_year_of=npe_latest_years(),
        missing={c: ((2024,), MISSING_NPE, True) for c in REGIONS if c not in NPE_2024},
    ),
    "delaktighet_index": RegionSpec(
        76, 84, 80, latest={"23": 84.0, "17": 76.0}, improved=14, step=(0.4, 2.5), worse_step=(0.3, 1.5),
        latest_year_of=npe_latest_years(),
        missing={c: ((2024,), MISSING_NPE, True) for c in REGIONS if c not in NPE_2024},
    ),
    "levnadsvanor": RegionSpec(
        44, 56, 50, latest={"03": 56, "24": 44}, improved=12, step=(1, 5), worse_step=(1, 4),
        latest_year_of=npe_latest_years(),
        missing={c: ((2024,), MISSING_NPE, True) for c in REGIONS if c not in NPE_2024},
    ),
    "paverkbar_slutenvard": RegionSpec(407, 761, 555, latest={"18": 407, "01": 761}, improved=21, step=(80, 220)),
    "oplanerade_aterinskrivningar": RegionSpec(
        5.8, 11.8, 8.8, latest={"18": 5.8, "12": 11.8}, improved=15, step=(0.3, 1.5), worse_step=(0.1, 0.5),
        top_change=(0.0, 0.1, 0.2),  # "ingen eller endast marginell minskning" for the three highest
    ),
    "lakemedel_undvikas_ordbo": RegionSpec(
        6.5, 12.5, 9.0, improved=19, step=(1.5, 4.5), worse_step=(0.2, 1.0),
        codes=tuple(c for c in REGIONS if c != "01"),
        missing={"01": (None, MISSING_STOCKHOLM, False)},
    ),
    "overbelaggningar": RegionSpec(1.0, 14.1, 7.0, latest={"08": 1.0, "24": 14.1}, improved=9, step=(0.5, 3), worse_step=(0.5, 5)),
    "akutbesok_80": RegionSpec(420, 779, 600, latest={"10": 420, "09": 779}, improved=19, step=(40, 140), worse_step=(10, 40)),
    "fast_lakarkontakt_panel": RegionSpec(18, 45, 29, improved=21, step=(0, 0)),
}

# Which kind of confidence limits (if any) an indicator's rows carry, and the
# national denominator (respondents, events or population) they rest on.
CI = {
    "fortroende_hs": ("share", 40000),
    "fortroende_vc": ("share", 40000),
    "lakare_sabo": ("share", 32000),
    "sjukskoterska_sabo": ("share", 32000),
    "ordinarie_lakare_65": ("share", 2500),
    "tillgodosett_vardbehov": ("share", 110000),
    "levnadsvanor": ("share", 110000),
    "oplanerade_aterinskrivningar": ("share", 160000),
    "lakemedel_undvikas_ordbo": ("share", 95000),
    "lakemedel_undvikas_sabo": ("share", 70000),
    "fast_lakarkontakt_panel": ("share", 9000),
    "paverkbar_slutenvard": ("rate", 8_100_000),
    "akutbesok_80": ("rate", 580_000),
    "paverkbar_slutenvard_sabo": ("rate", 80_000),
    "paverkbar_slutenvard_ordbo": ("rate", 190_000),
    "fallskador_sabo": ("rate", 80_000),
    "fallskador_ordbo": ("rate", 190_000),
}
SCALE = {
    "per_100000_invanare": 100_000,
    "per_100000_personar": 100_000,
    "per_1000_invanare": 1_000,
}


# =============================================================================
# Rows
# =============================================================================

INDICATOR_HEADER = ("indicator", "year", "period", "level", "area", "sex", "value", "numerator",
                    "denominator", "ci_lower", "ci_upper", "missing", "synthetic")  # fmt: skip


@dataclass
class Row:
    indicator: str
    year: int
    level: str
    area: str
    sex: str
    value: float | None
    synthetic: bool
    period: str = ""
    numerator: float | None = None
    denominator: float | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    missing: str = ""


def rnd(value: float, decimals: int) -> float:
    """Round half away from zero on the decimal value, as the report prints it."""
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def add_counts(row: Row, kind: str, n: float, unit: str, decimals: int) -> None:
    """Numerator, denominator and 95 % limits (Wilson for shares, Byar for rates)."""
    if row.value is None:
        return
    ci_dec = decimals + 1
    scale = 10**ci_dec
    if kind == "share":
        n = max(int(round(n)), 30)
        x = int(round(row.value / 100 * n))
        lo, hi = wilson(x, n)
        lo, hi = lo * 100, hi * 100
    else:
        per = SCALE[unit]
        n = max(int(round(n)), 1000)
        x = max(int(round(row.value * n / per)), 1)
        lo, hi = rate_limits(row.value, x)
    # Outward rounding keeps the value inside the stored interval.
    row.numerator, row.denominator = float(x), float(n)
    row.ci_lower = math.floor(min(lo, row.value) * scale) / scale
    row.ci_upper = math.ceil(max(hi, row.value) * scale) / scale


class Builder:
    def __init__(self) -> None:
        self.catalogue = load_catalogue(CATALOGUE)
        self.rows: list[Row] = []
        self.cost_ids = {i.id for i in self.catalogue.indicators.values() if i.kind == "cost"}
        self.kommuner = [m for m in self.catalogue.municipalities]

    # --- national ----------------------------------------------------------------
    def national(self, ident: str, spec: National) -> None:
        ind = self.catalogue.indicators[ident]
        period = "februari–mars" if ident == "barn_unga_psykisk_ohalsa_3d" else ""
        published = set(spec.published)
        published_sex = set(spec.published_sex)
        first, second = (("pojkar", "flickor") if "pojkar" in ind.sexes else ("män", "kvinnor"))
        for year, total in sorted(spec.totals.items()):
            rows = [Row(ident, year, "riket", "00", "totalt", float(total), year not in published, period)]
            if len(ind.sexes) > 1:
                if spec.ratio is not None:
                    r = spec.ratio[year]
                    low = total / (spec.w + (1 - spec.w) * r)
                    high = low * r
                else:
                    gap = spec.gap[year] if isinstance(spec.gap, Mapping) else spec.gap
                    low = total - (1 - spec.w) * gap
                    high = total + spec.w * gap
                for sex, value in ((first, high), (second, low)):
                    value = spec.sex_override.get((year, sex), rnd(value, spec.sex_decimals))
                    rows.append(Row(ident, year, "riket", "00", sex, float(value), (year, sex) not in published_sex, period))
            for row in rows:
                if ident in CI:
                    kind, n = CI[ident]
                    share = {"totalt": 1.0, second: spec.w, first: 1 - spec.w}[row.sex]
                    add_counts(row, kind, n * share, ind.unit, ind.decimals)
                self.rows.append(row)

    # --- regions -----------------------------------------------------------------
    def regions(self, ident: str, spec: RegionSpec, national: Mapping[int, float]) -> dict[str, dict[int, float]]:
        ind = self.catalogue.indicators[ident]
        rng = rng_for("regions", ident)
        dec = ind.decimals
        step = 10.0 ** -dec
        better = -1 if ind.direction == "lower" else 1
        years_ = sorted(national)
        base_year = spec.base_year or ind.base_year
        latest_year = spec.latest_year or max(years_)
        codes = list(spec.codes)

        # latest values: published extremes, the rest strictly between them
        latest: dict[str, float] = {}
        for c in codes:
            if c in spec.latest:
                latest[c] = float(spec.latest[c])
            else:
                v = rng.triangular(spec.lo + step, spec.hi - step, spec.mode)
                latest[c] = min(max(rnd(v, dec), spec.lo + step), spec.hi - step)

        # base values: improved or worse as the edition says
        fixed = dict(spec.fixed_change)
        if spec.top_change:  # "the three highest" must be three: no tie with the fourth
            k = len(spec.top_change)
            ranked = sorted(codes, key=lambda c: (-latest[c], c))
            if latest[ranked[k]] == latest[ranked[k - 1]]:
                latest[ranked[k]] = rnd(latest[ranked[k]] - step, dec)
            tops = sorted(codes, key=lambda c: (-latest[c], c))[: len(spec.top_change)]
            fixed.update(zip(tops, spec.top_change, strict=True))
        rest = [c for c in codes if c not in fixed]
        if isinstance(spec.improved, int):
            n = spec.improved - sum(better * -change > 0 for change in fixed.values())
            ranked = sorted(rest, key=lambda c: (rng.random(), c))
            improved = set(ranked[:n])
        else:
            improved = set(spec.improved)
        if ident == "lakare_sabo":  # worse everywhere except the two best in 2024
            improved = set(sorted(codes, key=lambda c: -latest[c])[:2])
        base: dict[str, float] = {}
        for c in codes:
            if c in fixed:
                base[c] = rnd(latest[c] + fixed[c], dec)
                continue
            if c in improved:
                delta = rng.uniform(*spec.step)
            else:
                delta = -rng.uniform(*spec.worse_step)
            delta = max(abs(rnd(delta, dec)), step) * (1 if delta > 0 else -1)
            b = latest[c] - better * delta
            if ind.unit in ("procent", "index"):
                b = min(max(b, 0.0), 100.0)
            base[c] = rnd(b, dec)

        # every year: the national value plus an offset moving from base to latest
        out: dict[str, dict[int, float]] = {}
        for c in codes:
            ly = spec.latest_year_of.get(c, latest_year)
            off_b = base[c] - national[base_year]
            off_l = latest[c] - national[ly]
            vals: dict[int, float] = {}
            for y in years_:
                if y == base_year:
                    v = base[c]
                elif y == ly:
                    v = latest[c]
                elif y > ly:
                    continue
                else:
                    t = 0.0 if y < base_year else (y - base_year) / (ly - base_year)
                    noise = rng.uniform(-0.6, 0.6) * abs(off_l - off_b + step) * 0.3
                    v = national[y] + off_b + (off_l - off_b) * t + noise
                    if ind.unit in ("procent", "index"):
                        v = min(max(v, 0.0), 100.0)
                    v = rnd(max(v, 0.0), dec)
                vals[y] = v
            out[c] = vals
        return out

    def add_regions(self, ident: str, values: Mapping[str, Mapping[int, float]], spec: RegionSpec) -> None:
        ind = self.catalogue.indicators[ident]
        period = "februari–mars" if ident == "barn_unga_psykisk_ohalsa_3d" else ""
        latest_year = max(max(v) for v in values.values())
        for c, by_year in values.items():
            for y, v in by_year.items():
                published = (
                    c in spec.latest
                    and c not in spec.unpublished
                    and y == spec.latest_year_of.get(c, latest_year)
                )
                row = Row(ident, y, "region", c, "totalt", float(v), not published, period)
                if ident in CI:
                    kind, n = CI[ident]
                    add_counts(row, kind, n * POPULATION[c] / TOTAL_POPULATION * (1.6 if kind == "share" else 1.0) + (300 if kind == "share" else 0), ind.unit, ind.decimals)
                self.rows.append(row)
        all_years = sorted({y for v in values.values() for y in v} | set(NATIONAL.get(ident, COSTS.get(ident)).totals))
        for c, (when, reason, synthetic) in spec.missing.items():
            for y in when or all_years:
                self.rows.append(Row(ident, y, "region", c, "totalt", None, synthetic, period, missing=reason))

    # --- kommuner ------------------------------------------------------------------
    def kommuner_akutbesok(self, regional: Mapping[str, Mapping[int, float]]) -> None:
        ident = "akutbesok_80"
        rng = rng_for("kommuner", ident)
        lowest = ("2084", "2183", "2121")  # Avesta, Bollnäs, Ovanåker: lowest every year
        factor = {m.code: rng.uniform(0.82, 1.22) for m in self.kommuner}
        noise = {(m.code, y): rng.uniform(-0.04, 0.04) for m in self.kommuner for y in years(2017, 2024)}
        for y in years(2017, 2024):
            vals = {
                m.code: rnd(regional[m.county][y] * factor[m.code] * (1 + noise[(m.code, y)]), 0)
                for m in self.kommuner
                if m.code not in lowest
            }
            floor = min(vals.values())
            for k, code in enumerate(lowest):
                vals[code] = rnd(floor * (0.95 - 0.03 * k) - 3, 0)
            for code, v in vals.items():
                self.rows.append(Row(ident, y, "kommun", code, "totalt", v, True))

    def kommuner_paverkbar_ordbo(self, national: Mapping[int, float]) -> None:
        ident = "paverkbar_slutenvard_ordbo"
        rng = rng_for("kommuner", ident)
        factor = {m.code: rng.uniform(0.7, 1.35) for m in self.kommuner}
        for m in self.kommuner:
            for y, total in sorted(national.items()):
                if m.county == "01":
                    self.rows.append(Row(ident, y, "kommun", m.code, "totalt", None, False, missing=MISSING_STOCKHOLM))
                    continue
                v = rnd(total * factor[m.code] * (1 + rng.uniform(-0.12, 0.12)), 0)
                self.rows.append(Row(ident, y, "kommun", m.code, "totalt", v, True))

    # --- cost share per region -------------------------------------------------------
    def cost_share_regions(self) -> None:
        """andel_primarvard_regioner per region: range 17,8–22,7 % in 2024 (the narrowest of
        2013–2024), 8 of 20 regions lower than 2023 (the three largest among them),
        10 of 20 lower than 2017 and 10 of 20 lower than 2013. Gotland is missing."""
        ident = "andel_primarvard_regioner"
        rng = rng_for("regions", ident)
        codes = [c for c in REGIONS if c != "09"]
        lo_code, hi_code = "25", "13"  # which regions hold the published extremes is not published
        v24 = {lo_code: 17.8, hi_code: 22.7}
        for c in codes:
            if c not in v24:
                v24[c] = rnd(rng.triangular(18.3, 22.2, 19.5), 1)
        down_2023 = {"01", "12", "14", hi_code}  # lower 2024 than 2023
        down_2023 |= set(sorted((c for c in codes if c not in down_2023 | {lo_code}), key=lambda c: (rng.random(), c))[:4])
        order = sorted((c for c in codes), key=lambda c: (rng.random(), c))
        down_2017 = set([hi_code] + [c for c in order if c not in (hi_code, lo_code)][:9])
        down_2013 = set([hi_code] + [c for c in reversed(order) if c not in (hi_code, lo_code)][:9])

        def anchor(down: set[str], size: tuple[float, float]) -> dict[str, float]:
            out = {}
            for c in codes:
                d = rng.uniform(*size)
                if c == hi_code:
                    d = size[1] + 0.4  # keeps the earlier ranges wider than 2024's
                if c == lo_code:  # never in *down*: lower in earlier years
                    d = size[1] + 0.3
                out[c] = rnd(v24[c] + (d if c in down else -d), 1)
            return out

        v23 = anchor(down_2023, (0.1, 0.5))
        v17 = anchor(down_2017, (0.2, 1.2))
        v13 = anchor(down_2013, (0.3, 1.6))
        nat = COSTS[ident].totals
        values: dict[str, dict[int, float]] = {}
        for c in codes:
            vals = {2013: v13[c], 2017: v17[c], 2023: v23[c], 2024: v24[c]}
            for y in years(2014, 2016):
                t = (y - 2013) / 4
                vals[y] = rnd(v13[c] + (v17[c] - v13[c]) * t + (nat[y] - (nat[2013] + (nat[2017] - nat[2013]) * t)), 1)
            for y in years(2018, 2022):
                t = (y - 2017) / 6
                vals[y] = rnd(v17[c] + (v23[c] - v17[c]) * t + (nat[y] - (nat[2017] + (nat[2023] - nat[2017]) * t)), 1)
            values[c] = dict(sorted(vals.items()))
        # the edition's statements, checked
        ranges = {y: max(v[y] for v in values.values()) - min(v[y] for v in values.values()) for y in years(2013, 2024)}
        assert min(v[2024] for v in values.values()) == 17.8 and max(v[2024] for v in values.values()) == 22.7
        assert all(ranges[y] > ranges[2024] for y in ranges if y != 2024), ranges
        assert sum(values[c][2024] < values[c][2023] for c in codes) == 8
        assert all(values[c][2024] < values[c][2023] for c in ("01", "12", "14"))
        assert sum(values[c][2024] < values[c][2017] for c in codes) == 10
        assert sum(values[c][2024] < values[c][2013] for c in codes) == 10
        for c, by_year in values.items():
            for y, v in by_year.items():
                self.rows.append(Row(ident, y, "region", c, "totalt", v, True))
        for y in years(2013, 2024):
            self.rows.append(Row(ident, y, "region", "09", "totalt", None, False, missing=MISSING_GOTLAND))

    # --- everything ------------------------------------------------------------------
    def build(self) -> None:
        for ident, spec in {**NATIONAL, **COSTS}.items():
            self.national(ident, spec)
        regional_values = {}
        for ident, spec in REGION_SPECS.items():
            values = self.regions(ident, spec, NATIONAL[ident].totals)
            check_regions(self.catalogue, ident, spec, values)
            self.add_regions(ident, values, spec)
            regional_values[ident] = values
        self.kommuner_akutbesok(regional_values["akutbesok_80"])
        self.kommuner_paverkbar_ordbo(NATIONAL["paverkbar_slutenvard_ordbo"].totals)
        self.cost_share_regions()

    def tables(self) -> tuple[list[Row], list[Row]]:
        order = {ident: n for n, ident in enumerate(self.catalogue.indicators)}
        levels = {"riket": 0, "region": 1, "kommun": 2}
        sexes = {s: n for n, s in enumerate(("totalt", "kvinnor", "män", "pojkar", "flickor"))}
        rows = sorted(self.rows, key=lambda r: (order[r.indicator], levels[r.level], r.area, sexes[r.sex], r.year))
        return [r for r in rows if r.indicator not in self.cost_ids], [r for r in rows if r.indicator in self.cost_ids]


def check_regions(catalogue, ident: str, spec: RegionSpec, values: Mapping[str, Mapping[int, float]]) -> None:
    """The edition's statements about regions hold in the generated values."""
    ind = catalogue.indicators[ident]
    better = -1 if ind.direction == "lower" else 1
    latest_year = max(max(v) for v in values.values())
    latest = {c: v[spec.latest_year_of.get(c, latest_year)] for c, v in values.items()}
    base = {c: v[ind.base_year] for c, v in values.items()}
    if spec.latest:
        top, bottom = max(latest.values()), min(latest.values())
        for c, v in spec.latest.items():
            assert latest[c] == v, (ident, c)
        tops = {c for c, v in latest.items() if v == top}
        bottoms = {c for c, v in latest.items() if v == bottom}
        named_tops = {c for c, v in spec.latest.items() if v == top}
        named_bottoms = {c for c, v in spec.latest.items() if v == bottom}
        assert named_tops | named_bottoms == set(spec.latest), (ident, "a published value is not an extreme")
        assert not named_tops or tops == named_tops, (ident, tops)
        assert not named_bottoms or bottoms == named_bottoms, (ident, bottoms)
    n_improved = sum(better * (latest[c] - base[c]) > 0 for c in latest)
    if ident == "lakare_sabo":
        best_two = sorted(latest, key=lambda c: -latest[c])[:2]
        assert latest[best_two[1]] > sorted(latest.values())[-3], ident
        assert all((latest[c] > base[c]) == (c in best_two) for c in latest), ident
    elif isinstance(spec.improved, int) and spec.step != (0, 0):
        assert n_improved == spec.improved, (ident, n_improved)
    if ident == "oplanerade_aterinskrivningar":
        top3 = sorted(latest, key=lambda c: -latest[c])[:3]
        assert all(0 <= round(base[c] - latest[c], 1) <= 0.2 for c in top3), [(c, base[c], latest[c]) for c in top3]


# =============================================================================
# Survey answers
# =============================================================================

# Bilaga 3's column labels -> (question id, option id) in survey.toml.
BILAGA3_COLUMNS = {
    ("2", "breddinfört"): ("2", ""),
    ("4", "länsplan"): ("4", ""),
    ("5", "andelsmål"): ("5", ""),
    ("6", "större andel"): ("6", ""),
    ("7", "andra insatser"): ("7", ""),
    ("8", "Samverkan"): ("8", "samverkan"),
    ("8", "Delaktighet"): ("8", "delaktighet"),
    ("8", "Tillgänglighet"): ("8", "tillganglighet"),
    ("8", "Kontinuitet"): ("8", "kontinuitet"),
    ("8", "Primärvården som nav"): ("8", "primarvarden_som_nav"),
    ("8", "Hälsofrämjande…"): ("8", "halsoframjande"),
    ("9", "indikatorer"): ("9", ""),
    ("10", "uppf. slutenvård"): ("10", ""),
    ("11", "kommunikationsplan"): ("11", ""),
    ("13", "vård i hemmet"): ("13", "vard_i_hemmet"),
    ("13", "bedömn. sjukhusvård"): ("13", "bedomning_sjukhusvard"),
    ("13", "utskrivning"): ("13", "utskrivning"),
    ("14", "vårdutbud"): ("14", ""),
    ("15", "funktionsnedsättning"): ("15", "funktionsnedsattning"),
    ("15", "äldre"): ("15", "aldre"),
    ("15", "kroniska"): ("15", "kroniska"),
    ("15", "barn och unga"): ("15", "barn_unga"),
    ("18", "utbildn. personal"): ("18", "utbildning_personal"),
    ("18", "rutiner it-stöd"): ("18", "rutiner_it_stod"),
    ("18", "informerat"): ("18", "informerat"),
    ("18", "försök"): ("18", "forsok"),
    ("18", "infört brett"): ("18", "infort_brett"),
    ("18", "följt upp"): ("18", "foljt_upp"),
    ("18", "andra"): ("18", "andra"),
    ("19", "utbildn. personal"): ("19", "utbildning_personal"),
    ("19", "rutiner it-stöd"): ("19", "rutiner_it_stod"),
    ("19", "informerat patienter"): ("19", "informerat_patienter"),
    ("19", "infört brett"): ("19", "infort_brett"),
    ("19", "följt upp"): ("19", "foljt_upp"),
    ("19", "andra"): ("19", "andra"),
    ("20", "patientutbildn."): ("20", ""),
    ("21", "särskilda verktyg"): ("21", ""),
    ("26", "uppf. medarbetare"): ("26", ""),
    ("28", "uppf. ambulans"): ("28", ""),
    ("29", "riktlinjer"): ("29", ""),
    ("29", "spec. allmänmed."): ("29b", "spec_allmanmedicin"),
    ("29", "spec. annan"): ("29b", "spec_annan"),
    ("29", "ST allmänmed."): ("29b", "st_allmanmedicin"),
    ("29", "ST annan"): ("29b", "st_annan"),
    ("29", "leg. läkare"): ("29b", "leg_lakare"),
    ("29", "hyrläkare"): ("29b", "hyrlakare"),
    ("30", "riktvärde"): ("30", ""),
    ("33", "fast läkarkontakt"): ("33", "fast_lakarkontakt"),
    ("33", "fast vårdkontakt"): ("33", "fast_vardkontakt"),
    ("34", "via 1177.se"): ("34", "via_1177"),
    ("34", "på annat sätt"): ("34", "annat_satt"),
    ("35", "andel fast läkarkontakt"): ("35", ""),
    ("36", "antal personer"): ("36", ""),
    ("38", "andel säbo"): ("38", ""),
}

# Fråga 35 in 2023 (synthetic): 16 regions gave a share (one fewer than 2024:
# Västernorrland could not), with the same unweighted mean as 2024, 59 %.
Q35_2023 = {
    "01": 70, "03": 38, "04": 56, "05": 73, "07": 41, "08": 72, "09": 59, "10": 18, "12": 77,
    "13": 68, "14": 95, "18": 46, "19": 88, "20": 85, "21": 38, "24": 18,
}  # fmt: skip

# Region questions reported only in the text: published Ja counts per option.
TEXT_ONLY_COUNTS = {
    ("r.digitala_vardtjanster", ""): 20,
    ("r.utbildning_kommunal_hsv", ""): 16,
    ("r.lakartillgang_kommuner", ""): 13,
    ("r.landsbygd_samverkan", ""): 15,
    ("r.plan_fast_lakarkontakt", ""): 11,
    ("r.halsoframjande", "riktade_halsosamtal"): 20,
    ("r.halsoframjande", "hembesoksprogram"): 16,
    ("r.halsoframjande", "ovriga"): 18,
    ("r.kontinuitet_insatser", "krav_vardcentraler"): 5,
    ("r.kontinuitet_insatser", "ekonomiska_incitament"): 5,
    ("r.kontinuitet_insatser", "ekonomiska_satsningar"): 4,
    ("r.kontinuitet_insatser", "kompetensforsorjning"): 10,  # "knappt hälften"
    ("r.ambulanssjukvard", "samverkan"): 15,  # themes without published counts
    ("r.ambulanssjukvard", "prehospital_ledning"): 11,
    ("r.ambulanssjukvard", "ovriga"): 9,
}


# Socialstyrelsen's corrections of published answers, and notes on single answers,
# from the edition's footnotes. (question, option, länskod) -> (answer counted, note).
# The region's own answer (Bilaga 3 as printed) goes in `reported`; the table, its
# Riket row and the text count the corrected answer, and the note under the table
# is written from these rows (naravard.text.answer_notes), so it cannot disagree.
CORRECTIONS: dict[tuple[str, str, str], tuple[str, str]] = {
    # fn 56: Kalmar's "179" persons read as 179 000 (73 % of its population, as in Fråga 35).
    ("36", "", "08"): ("179 000", "Socialstyrelsen bedömer att regionen avsåg ett hundratusental; "
                                  "då stämmer antalet med den andel som regionen själv angav."),
    # fn 58: Värmland ticked only legitimerad läkare; corrected after its förfrågningsunderlag,
    # so that "samtliga regioner" holds for specialists and ST in allmänmedicin.
    ("29b", "spec_allmanmedicin", "17"): ("Ja", "Rättelsen bygger på regionens förfrågningsunderlag för vårdval vårdcentral."),
    ("29b", "st_allmanmedicin", "17"): ("Ja", "Rättelsen bygger på regionens förfrågningsunderlag för vårdval vårdcentral."),
}
# fn 55: one region's share is of those listed at its own vårdcentraler. Which region is
# not published; the sample puts the note on Uppsala.
ANSWER_NOTES: dict[tuple[str, str, str], str] = {
    ("35", "", "03"): "Andelen gäller invånare som är listade vid regionens egna vårdcentraler, "
                      "där enligt regionen cirka två tredjedelar av befolkningen är listad.",
}


def read_bilaga3() -> list[dict[str, str]]:
    with BILAGA3.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def survey_regions(catalogue) -> list[tuple]:
    rows: list[tuple] = []  # (question, option, year, area, answer, reported, note, synthetic)
    published: dict[tuple[str, str], dict[str, str]] = {}
    for rec in read_bilaga3():
        q, opt = BILAGA3_COLUMNS[(rec["fraga"], rec["delfraga"])]
        code = rec["lanskod"]
        answer, reported, note = rec["svar"], "", ANSWER_NOTES.get((q, opt, code), "")
        if (q, opt, code) in CORRECTIONS:
            answer, note = CORRECTIONS[(q, opt, code)]
            reported = rec["svar"]
        published.setdefault((q, opt), {})[code] = answer
        rows.append((q, opt, YEAR, code, answer, reported, note, False))

    def pick(key: str, pool: Iterable[str], k: int) -> set[str]:
        return set(rng_for("survey", key).sample(sorted(pool), k))

    def add(q: str, opt: str, year: int, answers: Mapping[str, str]) -> None:
        for c in REGIONS:
            rows.append((q, opt, year, c, answers[c], "", "", True))

    # Fråga 2 in 2023: 16 of 21 had broadened project work (19 in 2024).
    no_2024 = {c for c, a in published[("2", "")].items() if a == "Nej"}
    no_2023 = no_2024 | pick("2", set(REGIONS) - no_2024, 5 - len(no_2024))
    add("2", "", 2023, {c: "Nej" if c in no_2023 else "Ja" for c in REGIONS})

    # Fråga 28 in 2023: 17 of 21 had followed up the ambulance service; of the regions
    # that had not in 2024, 5 had in 2023.
    ja_2024 = {c for c, a in published[("28", "")].items() if a == "Ja"}
    ja_2023 = pick("28a", set(REGIONS) - ja_2024, 5) | pick("28b", ja_2024, 12)
    add("28", "", 2023, {c: "Ja" if c in ja_2023 else "Nej" for c in REGIONS})

    # Fråga 29b in 2023: legitimerade läkare in 4 regions (3 in 2024), hyrläkare in 8 (4).
    for opt in ("spec_allmanmedicin", "spec_annan", "st_allmanmedicin", "st_annan", "leg_lakare", "hyrlakare"):
        now = {c for c, a in published[("29b", opt)].items() if a == "Ja"}
        if opt == "leg_lakare":
            then = now | pick("29b-leg", set(REGIONS) - now, 1)
        elif opt == "hyrlakare":
            then = now | pick("29b-hyr", set(REGIONS) - now, 4)
        elif opt in ("spec_allmanmedicin", "st_allmanmedicin"):
            then = set(REGIONS)  # every region, as in 2024 after Värmland's correction (fn 58)
        else:
            then = now
        add("29b", opt, 2023, {c: "Ja" if c in then else "." for c in REGIONS})

    # Fråga 33 in 2023: routines for fast vårdkontakt in 12 regions, 2 more than 2024.
    for opt, extra in (("fast_vardkontakt", 2), ("fast_lakarkontakt", -1)):
        now = {c for c, a in published[("33", opt)].items() if a == "Ja"}
        then = now | pick(f"33-{opt}", set(REGIONS) - now, extra) if extra > 0 else now - pick(f"33-{opt}", now, -extra)
        add("33", opt, 2023, {c: "Ja" if c in then else "Nej" for c in REGIONS})

    # Fråga 35 in 2023.
    add("35", "", 2023, {c: f"{Q35_2023[c]} %" if c in Q35_2023 else "kan ej" for c in REGIONS})

    # Länsgemensam plan in 2023: 18 regions had one, among them every region that said
    # no in 2024 (fn 94); 3 of the 2024 yes-regions had none or only a proposal.
    ja_q4 = {c for c, a in published[("4", "")].items() if a == "Ja"}
    without = sorted(pick("plan", ja_q4, 3))
    plan = {c: "Ja" for c in REGIONS}
    plan[without[0]] = "Nej"
    plan[without[1]] = plan[without[2]] = "Nej, men förslag finns framtaget"
    add("r.lansgemensam_plan", "", 2023, plan)

    # Text-only questions, 2024: per-region answers with the published Ja counts.
    for (q, opt), n in TEXT_ONLY_COUNTS.items():
        ja = pick(f"{q}-{opt}", REGIONS, n)
        no = "." if catalogue.questions[q].kind == "ticked" else "Nej"
        add(q, opt, YEAR, {c: "Ja" if c in ja else no for c in REGIONS})

    question_order = {q: n for n, q in enumerate(catalogue.questions)}
    option_order = {(q.id, o.id): n for q in catalogue.questions.values() for n, o in enumerate(q.options)}
    rows.sort(key=lambda r: (question_order[r[0]], option_order.get((r[0], r[1]), 0), r[2], r[3]))
    return rows


# Kommun shares (riket). (question, option) -> {year: (value, published)}.
MUNICIPAL: dict[tuple[str, str], dict[int, tuple[float, bool]]] = {
    # Figur 9 (values leaked from the chart, in its order).
    ("k.andrat_arbetssatt", "aldre"): {2024: (91, True)},
    ("k.andrat_arbetssatt", "kroniska"): {2024: (70, True)},
    ("k.andrat_arbetssatt", "barn_unga"): {2024: (71, True)},
    ("k.andrat_arbetssatt", "funktionsnedsattning"): {2024: (72, True)},
    ("k.medarbetare_uppfoljning", ""): {2024: (59, True)},
    ("k.sarskilda_verktyg", ""): {2024: (88, True)},
    ("k.dokumenterad_overenskommelse", "alla"): {2023: (29, True), 2024: (25, True)},
    ("k.dokumenterad_overenskommelse", "vissa"): {2023: (25, True), 2024: (8, True)},
    ("k.dokumenterad_overenskommelse", "inte"): {2023: (46, True), 2024: (67, True)},
    ("k.rutin_fast_kontakt", "fast_omsorgskontakt"): {2024: (92, True)},
    ("k.rutin_fast_kontakt", "fast_vardkontakt"): {2024: (83, True)},
    ("k.fast_kontakt_okat", "fast_omsorgskontakt"): {2024: (68, True)},
    ("k.fast_kontakt_okat", "fast_vardkontakt"): {2024: (43, True)},
    ("k.halsoframjande", "riktade_halsosamtal"): {2024: (71, True)},
    ("k.halsoframjande", "hembesoksprogram"): {2024: (48, True)},
    ("k.halsoframjande", "ovriga"): {2024: (90, False)},
    # Figur 15: samverkan highest, then hälsofrämjande (order published, values not).
    ("k.uppfoljning_malomrade", "samverkan"): {2024: (61, False)},
    ("k.uppfoljning_malomrade", "halsoframjande"): {2024: (47, False)},
    ("k.uppfoljning_malomrade", "tillganglighet"): {2024: (33, False)},
    ("k.uppfoljning_malomrade", "kontinuitet"): {2024: (29, False)},
    ("k.uppfoljning_malomrade", "delaktighet"): {2024: (26, False)},
    ("k.uppfoljning_malomrade", "primarvarden_som_nav"): {2024: (17, False)},
}
# Bilaga 3 figur 1: (2024, 2023); None = not published. Samverkan is the most common
# insats both years; distansmonitorering and äldrecentraler are among the least common.
INSATSER = {
    "samverkan": (None, None, 93, 92),
    "halsoframjande": (88, None, 88, 87),
    "utskrivningsprocess": (78, None, 78, 77),
    "fasta_omsorgskontakter": (78, None, 78, 75),
    "fasta_vardkontakter": (None, None, 64, 62),
    "kompetensforsorjning": (None, None, 72, 73),
    "medicinsk_kompetens": (None, None, 70, 68),
    "fallprevention": (None, None, 69, 70),
    "sip": (None, None, 66, 65),
    "trygg_hemgang": (None, None, 61, 58),
    "personcentrerat": (None, None, 60, 61),
    "lakemedelsgenomgangar": (None, None, 57, 57),
    "palliativ_vard": (None, None, 56, 54),
    "anhorigstod": (None, None, 55, 56),
    "valfardsteknik": (None, None, 53, 50),
    "familjecentraler": (52, 43, 52, 43),
    "ofrivillig_ensamhet": (None, None, 50, 47),
    "lakarmedverkan": (None, None, 48, 46),
    "rehab_hab": (46, 59, 46, 59),
    "brukarmedverkan": (None, None, 45, 44),
    "gemensam_uppfoljning": (None, None, 44, 41),
    "digitala_besok": (42, None, 42, 41),
    "tidiga_insatser_barn_unga": (None, None, 40, 38),
    "elevhalsa": (None, None, 37, 36),
    "mobila_team_region": (34, None, 34, 33),
    "forebyggande_hembesok": (None, None, 31, 32),
    "mobila_team_kommun": (28, None, 28, 27),
    "kunskapsstyrning": (None, None, 26, 24),
    "distansmonitorering": (None, None, 17, 16),
    "aldrecentraler": (None, None, 9, 8),
}


def survey_municipalities(catalogue) -> list[tuple]:
    rows = []  # (question, option, year, level, area, value, synthetic)
    for (q, opt), by_year in MUNICIPAL.items():
        for y, (v, published) in by_year.items():
            rows.append((q, opt, y, "riket", "00", v, not published))
    for opt, (pub24, pub23, v24, v23) in INSATSER.items():
        rows.append(("k.insatser", opt, 2024, "riket", "00", v24, pub24 is None))
        rows.append(("k.insatser", opt, 2023, "riket", "00", v23, pub23 is None))
    question_order = {q: n for n, q in enumerate(catalogue.questions)}
    option_order = {(q.id, o.id): n for q in catalogue.questions.values() for n, o in enumerate(q.options)}
    rows.sort(key=lambda r: (question_order[r[0]], option_order.get((r[0], r[1]), 0), r[2]))
    return rows


# =============================================================================
# Writing
# =============================================================================


def num(value: float | None) -> str:
    """Stable number text: shortest form, no exponent, no trailing zeros."""
    if value is None:
        return ""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def write_csv(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def bool_text(b: bool) -> str:
    return "true" if b else "false"


def indicator_records(rows: list[Row]) -> Iterable[list[str]]:
    for r in rows:
        yield [r.indicator, str(r.year), r.period, r.level, r.area, r.sex, num(r.value), num(r.numerator),
               num(r.denominator), num(r.ci_lower), num(r.ci_upper), r.missing, bool_text(r.synthetic)]  # fmt: skip


REPORT_TOML = """\
# Report settings for the sample package (reference year 2024).
# Names and titles are those of the model edition's Förord. The edition's
# extracted text has no artikelnummer, so none is given (the colophon leaves
# the line out and `naravard validate` warns); the publication date is a
# placeholder.

year = 2024
title = "Uppföljning av omställningen till en god och nära vård"
subtitle = "Delredovisning 2025"
publisher = "Socialstyrelsen"
published = 2025-08-29
edition = "andra delredovisningen"
assignment = "S2023/01930"
foreword_signature = "Björn Eriksson"
foreword_signature_title = "Generaldirektör"
project_leads = ["Johanna Jupiter", "Louise Strandendahl"]
contributors = ["Ann Bergman", "Martin Lindblom", "Kristina Lindholm", "Ylva Westander"]
unit_head = "Petra Rinman"
language = "sv"
"""


def generate(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    builder = Builder()
    builder.build()
    indicators, costs = builder.tables()
    catalogue = builder.catalogue
    written = []
    path = out / "indicators.csv"
    write_csv(path, INDICATOR_HEADER, indicator_records(indicators))
    written.append(path)
    path = out / "costs.csv"
    write_csv(path, INDICATOR_HEADER, indicator_records(costs))
    written.append(path)
    path = out / "survey_regions.csv"
    write_csv(
        path,
        ("question", "option", "year", "area", "answer", "reported", "note", "synthetic"),
        ([q, o, str(y), a, ans, rep, note, bool_text(s)] for q, o, y, a, ans, rep, note, s in survey_regions(catalogue)),
    )
    written.append(path)
    path = out / "survey_municipalities.csv"
    write_csv(
        path,
        ("question", "option", "year", "level", "area", "value", "synthetic"),
        ([q, o, str(y), lv, a, num(v), bool_text(s)] for q, o, y, lv, a, v, s in survey_municipalities(catalogue)),
    )
    written.append(path)
    path = out / "report.toml"
    path.write_text(REPORT_TOML, encoding="utf-8", newline="")
    written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=PACKAGE, help="output folder (default: data/sample-2024)")
    args = parser.parse_args(argv)
    for path in generate(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
