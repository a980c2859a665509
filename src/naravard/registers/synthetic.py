"""A seeded synthetic register extract whose indicators land near a package's national values.

    python -m naravard.registers.synthetic OUT_DIR [--persons 200000] [--seed 2024]
        [--targets data/sample-2024] [--inpatient N] [--outpatient N] [--format parquet|csv]

The generator reads its targets from a data package (by default the sample):
for every register indicator the national value by year and sex, and the
regions' and kommuner's values relative to riket. It then draws people (age,
sex, kommun, death), their kommunal hälso- och sjukvård, and events at the
rates that give those values: periods for hjärtsvikt, diabetes, astma and KOL
by an age profile calibrated to the age-standardised value; readmissions within
30 days; acute admissions and falls during care; dispensed drugs in
October–December; visits to emergency departments. Filler episodes, visits and
dispensings with other codes bring the files to the requested sizes (for the
benchmark). Kommuner without a value for an indicator in the targets (Stockholms
län in ordinärt boende) get no such care, as in the real register.

The same seed and arguments give byte-identical files. Residence is fixed per
person (no moves), and everyone is at least 7 years old in the first year.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from naravard.registers.statistics import read_standard_population

EPOCH = np.datetime64("1970-01-01", "D")

CHRONIC_CODES = ("I500", "I509", "E119", "E109", "J441", "J449", "J459", "I110")
ACUTE_OLDER_CODES = ("E86", "N390", "A09", "I209", "D509")  # in paverkbar_aldre, not chronic
READMIT_CODES = ("J189", "J159", "K590")  # readmission diagnoses that are not chronic
FALL_INJURIES = ("S720", "S721", "S062", "S420", "S525", "T140")
FALL_CAUSES = ("W010", "W050", "W060", "W100", "W180", "W19")
FILLER_DIAGNOSES = ("K802", "M161", "O800", "C509", "I219", "K358", "M171", "N201", "Z380", "R104")
AVOID_ATC = ("N05BA01", "N05CD02", "N05CD03", "N05BB01", "R06AD02", "N05CM06", "N06AA09", "G04BD07", "N02AX02")
OTHER_ATC = ("C07AB02", "N02BE01", "A02BC01", "B01AC06", "C10AA01", "N06AB06", "C09AA05")


def _days(dates) -> np.ndarray:
    return (np.asarray(dates, dtype="datetime64[D]") - EPOCH).astype("int64")


def _date(year: int, month: int = 1, day: int = 1) -> int:
    return int((np.datetime64(f"{year:04d}-{month:02d}-{day:02d}", "D") - EPOCH).astype("int64"))


@dataclass
class Targets:
    """National values by (indicator, year, sex), and relative risks by (indicator, year, area)."""

    national: dict[tuple[str, int, str], float]
    relative: dict[tuple[str, int, str], float]
    missing_areas: dict[str, set[str]]  # indicator -> kommuner/regions the targets leave without a value
    _cache: dict = field(default_factory=dict)

    def value(self, indicator: str, year: int, sex: str) -> float:
        key = (indicator, year, sex)
        if key not in self._cache:
            self._cache[key] = self._value(indicator, year, sex)
        return self._cache[key]

    def _value(self, indicator: str, year: int, sex: str) -> float:
        years = sorted(y for (i, y, s) in self.national if i == indicator and s == sex)
        if not years:
            years = sorted(y for (i, y, s) in self.national if i == indicator and s == "totalt")
            sex = "totalt"
        y = min(max(year, years[0]), years[-1])
        return self.national[(indicator, y, sex)]

    def rr(self, indicator: str, year: int, *areas: np.ndarray) -> np.ndarray:
        """The relative value of each person's area: the first of *areas* (kommun, then län) that has one."""
        out = np.full(len(areas[0]), np.nan)
        for level in areas:
            for code in np.unique(level):
                key = (indicator, year, code)
                if key in self.relative:
                    out[np.isnan(out) & (level == code)] = self.relative[key]
        return np.nan_to_num(out, nan=1.0)


def read_targets(package_dir: Path) -> Targets:
    rows = pd.read_csv(Path(package_dir) / "indicators.csv", dtype={"area": str}, keep_default_na=False)
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    national, relative, missing = {}, {}, {}
    riket = rows.loc[rows["level"].eq("riket")]
    for r in riket.itertuples(index=False):
        if r.value == r.value:
            national[(r.indicator, int(r.year), r.sex)] = float(r.value)
    areas = rows.loc[rows["level"].isin(["region", "kommun"]) & rows["sex"].eq("totalt")]
    for r in areas.itertuples(index=False):
        base = national.get((r.indicator, int(r.year), "totalt"))
        if r.value != r.value:
            missing.setdefault(r.indicator, set()).add(r.area)
        elif base:
            relative[(r.indicator, int(r.year), r.area)] = float(r.value) / base
    return Targets(national, relative, missing)


def _kommuner(catalogue_dir: Path) -> pd.DataFrame:
    return pd.read_csv(Path(catalogue_dir) / "municipalities.csv", dtype=str)


def generate(
    out_dir: Path,
    *,
    persons: int = 200_000,
    first_year: int = 2013,
    last_year: int = 2024,
    seed: int = 2024,
    targets_dir: Path | None = None,
    catalogue_dir: Path | None = None,
    inpatient: int | None = None,
    outpatient: int | None = None,
    fmt: str = "parquet",
) -> dict[str, int]:
    """Write the extract into *out_dir*; returns the number of rows per file."""
    root = Path(__file__).resolve().parents[3]
    targets = read_targets(targets_dir or root / "data" / "sample-2024")
    kommuner = _kommuner(catalogue_dir or root / "data" / "catalogue")
    rng = np.random.default_rng(seed)
    years = list(range(first_year, last_year + 1))
    start, end = _date(first_year), _date(last_year, 12, 31)

    # ---- people ------------------------------------------------------------------------
    n = persons
    ages0 = np.clip(rng.choice(np.arange(7, 101), size=n, p=_age_weights()), 7, 100)  # age in the first year
    sex = rng.choice([1, 2], size=n)
    birth = _days([f"{first_year - a:04d}-01-01" for a in range(7, 101)])[ages0 - 7] + rng.integers(0, 365, n)
    size = rng.lognormal(0.0, 1.0, len(kommuner))
    for big in ("0180", "1480", "1280"):
        size[kommuner["code"].eq(big).to_numpy()] *= 25
    kommun_idx = rng.choice(len(kommuner), size=n, p=size / size.sum())
    kommun = kommuner["code"].to_numpy()[kommun_idx]
    county = kommuner["county"].to_numpy()[kommun_idx]
    death = np.full(n, np.iinfo("int64").max)
    for year in years:
        age = year - (1970 + birth // 365.2425).astype(int)
        alive = death > _date(year)
        q = np.clip(np.exp(-10.6 + 0.098 * age), 0, 0.6)
        dies = alive & (rng.random(n) < q)
        death[dies] = _date(year) + rng.integers(0, 365, dies.sum())
    birth_year = (np.asarray(birth, dtype="datetime64[D]").astype("datetime64[Y]").astype(int) + 1970)

    def age_in(year):
        return year - birth_year

    # ---- kommunal hälso- och sjukvård ------------------------------------------------------
    # entry ages into ordinärt and särskilt boende; no ordinärt care where the targets have none
    no_ordbo = np.isin(kommun, sorted(targets.missing_areas.get("paverkbar_slutenvard_ordbo", set())))
    ordbo_age = 66 + rng.exponential(14, n)
    sabo_age = np.maximum(ordbo_age, 74) + rng.exponential(9, n)
    ordbo_from = birth + (ordbo_age * 365.25).astype(int)
    sabo_from = birth + (sabo_age * 365.25).astype(int)
    care = []
    for housing, c_from, c_to, allowed in (
        ("ordinart", ordbo_from, sabo_from - 1, ~no_ordbo),
        ("sabo", sabo_from, np.full(n, end), np.ones(n, bool)),
    ):
        c_to = np.minimum(np.minimum(c_to, death), end)
        c_from = np.maximum(c_from, start)
        keep = allowed & (c_from <= c_to) & (c_from <= end)
        care.append(pd.DataFrame({"person": np.nonzero(keep)[0], "housing": housing, "from": c_from[keep], "to": c_to[keep]}))
    care = pd.concat(care, ignore_index=True)

    episodes: list[pd.DataFrame] = []
    visits: list[pd.DataFrame] = []
    dispensed: list[pd.DataFrame] = []

    def add_episodes(person, admit, length, codes, cause=None, planned=False):
        if len(person) == 0:
            return
        episodes.append(pd.DataFrame({
            "person": person, "admit": admit, "discharge": admit + length,
            "diagnosis": rng.choice(codes, len(person)),
            "cause": rng.choice(cause, len(person)) if cause is not None else None,
            "planned": planned,
        }))

    # ---- events, year by year --------------------------------------------------------------
    standard = read_standard_population()
    for year in years:
        y0, y1 = _date(year), _date(year, 12, 31)
        age = age_in(year)
        in_year = (birth <= y1) & (death >= y0)
        live_days = np.clip(np.minimum(death, y1) - np.maximum(birth, y0) + 1, 0, None) * in_year
        share = live_days / (y1 - y0 + 1)

        # påverkbar slutenvård vid kronisk sjukdom: an age profile scaled to the standardised target
        profile = np.exp(0.055 * (np.clip(age, 20, 100) - 20))
        mids = np.array(standard.lower) + 2
        weights = np.array(standard.weight)
        scale = {s: targets.value("paverkbar_slutenvard", year, "män" if s == 1 else "kvinnor") / 1e5
                 * weights.sum() / (weights * np.exp(0.055 * (mids - 20))).sum() for s in (1, 2)}
        chronic_rate = np.where(age >= 20, profile * np.where(sex == 1, scale[1], scale[2]), 0.0)
        chronic_rate *= targets.rr("paverkbar_slutenvard", year, county)
        count = rng.poisson(chronic_rate * share)
        person = np.repeat(np.arange(n), count)
        admit = _admission_in(rng, person, y0, y1, birth, death)
        add_episodes(person, admit, rng.integers(1, 9, len(person)), CHRONIC_CODES)

        # care: acute admissions and falls per personår, drugs in October–December
        for housing, suffix in (("ordinart", "ordbo"), ("sabo", "sabo")):
            part = care.loc[care["housing"].eq(housing) & (care["to"] >= y0) & (care["from"] <= y1)]
            p = part["person"].to_numpy()
            c_from, c_to = np.maximum(part["from"].to_numpy(), y0), np.minimum(part["to"].to_numpy(), y1)
            days = c_to - c_from + 1
            old = age[p] >= 65
            sexes = sex[p]
            for indicator, codes, cause in (
                (f"paverkbar_slutenvard_{suffix}", ACUTE_OLDER_CODES, None),
                (f"fallskador_{suffix}", FALL_INJURIES, FALL_CAUSES),
            ):
                rate = np.where(sexes == 1, targets.value(indicator, year, "män"), targets.value(indicator, year, "kvinnor")) / 1e5
                rate = rate * targets.rr(indicator, year, kommun[p], county[p])
                if indicator.startswith("paverkbar"):  # chronic periods of these people count too
                    rate = np.maximum(rate - chronic_rate[p], 0.0)
                k = rng.poisson(rate * days / 365.25) * old
                pp = np.repeat(p, k)
                offset = (rng.random(len(pp)) * np.repeat(days, k)).astype(int)
                add_episodes(pp, np.repeat(c_from, k) + offset, rng.integers(1, 7, len(pp)), codes, cause)
            # drugs: people 75+ with care in October–December
            q4 = (c_to >= _date(year, 10, 1)) & (age[p] >= 75)
            share_avoid = np.where(sexes == 1, targets.value(f"lakemedel_undvikas_{suffix}", year, "män"),
                                   targets.value(f"lakemedel_undvikas_{suffix}", year, "kvinnor")) / 100
            share_avoid = share_avoid * targets.rr(f"lakemedel_undvikas_{suffix}", year, county[p])
            takes = q4 & (rng.random(len(p)) < share_avoid)
            q4_start = np.maximum(c_from, _date(year, 10, 1))
            when = q4_start + (rng.random(len(p)) * (c_to - q4_start + 1)).astype(int)
            dispensed.append(pd.DataFrame({"person": p[takes], "date": when[takes], "atc": rng.choice(AVOID_ATC, takes.sum())}))
            other = q4 & ~takes & (rng.random(len(p)) < 0.6)
            dispensed.append(pd.DataFrame({"person": p[other], "date": when[other], "atc": rng.choice(OTHER_ATC, other.sum())}))

        # emergency visits of people 80+
        rate = np.where(sex == 1, targets.value("akutbesok_80", year, "män"), targets.value("akutbesok_80", year, "kvinnor")) / 1000
        rate = rate * targets.rr("akutbesok_80", year, kommun, county)
        k = rng.poisson(rate * in_year * (age >= 80))
        pp = np.repeat(np.arange(n), k)
        visits.append(pd.DataFrame({"person": pp, "date": _admission_in(rng, pp, y0, y1, birth, death), "emergency": True}))

    # readmissions: index periods of people 65+ get one 1–30 days after discharge
    first = pd.concat(episodes, ignore_index=True)
    first_age = 1970 + first["discharge"].to_numpy() // 365.2425 - birth_year[first["person"].to_numpy()]
    alive_after = death[first["person"].to_numpy()] > first["discharge"].to_numpy()
    index_codes = ("I50", "J44", "N390", "E10", "E11", "E86", "A09", "S720", "S721")
    is_index = first["diagnosis"].str.startswith(index_codes).to_numpy() & (first_age >= 65) & alive_after
    year_of = (1970 + first["discharge"].to_numpy() // 365.2425).astype(int)
    p_target = np.array([targets.value("oplanerade_aterinskrivningar", int(y), "män" if s == 1 else "kvinnor") / 100
                         for y, s in zip(year_of, sex[first["person"].to_numpy()])])
    p_adj = p_target / (1 - p_target)
    readmit = is_index & (rng.random(len(first)) < p_adj)
    r = first.loc[readmit]
    add_episodes(r["person"].to_numpy(), r["discharge"].to_numpy() + rng.integers(1, 31, len(r)), rng.integers(1, 6, len(r)), READMIT_CODES)
    # transfers: one period in ten continues in another ward the day of discharge
    tr = first.loc[rng.random(len(first)) < 0.1]
    episodes.append(pd.DataFrame({"person": tr["person"].to_numpy(), "admit": tr["discharge"].to_numpy(),
                                  "discharge": tr["discharge"].to_numpy() + rng.integers(0, 4, len(tr)),
                                  "diagnosis": tr["diagnosis"].to_numpy(), "cause": None, "planned": False}))

    # filler up to the requested sizes
    made = sum(len(e) for e in episodes)
    alive_any = np.nonzero(death >= start)[0]
    if inpatient and inpatient > made:
        extra = int((inpatient - made) * 1.03)
        pp = rng.choice(alive_any, extra)
        add_episodes(pp, _admission_in(rng, pp, start, end, birth, death), rng.integers(0, 10, extra), FILLER_DIAGNOSES,
                     planned=rng.random(extra) < 0.5)
    made_v = sum(len(v) for v in visits)
    if outpatient and outpatient > made_v:
        extra = outpatient - made_v
        pp = rng.choice(alive_any, extra)
        visits.append(pd.DataFrame({"person": pp, "date": _admission_in(rng, pp, start, end, birth, death),
                                    "emergency": rng.random(extra) < 0.15}))
    # some avoidable drugs outside October–December or outside care (they must not count)
    pp = rng.choice(alive_any, max(1, n // 20))
    dispensed.append(pd.DataFrame({"person": pp, "date": _admission_in(rng, pp, start, end, birth, death),
                                   "atc": rng.choice(AVOID_ATC + OTHER_ATC, len(pp))}))

    inpatient_frame = _without_overlaps(pd.concat(episodes, ignore_index=True), death, end)
    if inpatient and len(inpatient_frame) > inpatient:
        filler = inpatient_frame["diagnosis"].isin(FILLER_DIAGNOSES).to_numpy()
        drop = rng.choice(np.nonzero(filler)[0], len(inpatient_frame) - inpatient, replace=False)
        inpatient_frame = inpatient_frame.drop(index=inpatient_frame.index[drop])
    return _write(Path(out_dir), fmt, n, sex, birth, death, kommun, years, care, inpatient_frame,
                  pd.concat(visits, ignore_index=True), pd.concat(dispensed, ignore_index=True), seed)


def _age_weights() -> np.ndarray:
    """Sweden's age pyramid, roughly: flat to 70, then falling."""
    ages = np.arange(7, 101)
    w = np.where(ages < 70, 1.0, np.exp(-0.085 * (ages - 70)))
    return w / w.sum()


def _admission_in(rng, person, y0, y1, birth, death) -> np.ndarray:
    """A day between y0 and y1 when the person was alive and born."""
    if len(person) == 0:
        return np.zeros(0, dtype="int64")
    lo = np.maximum(y0, birth[person])
    hi = np.minimum(y1, np.minimum(death[person], np.iinfo("int64").max // 2))
    hi = np.maximum(hi, lo)
    return lo + (rng.random(len(person)) * (hi - lo + 1)).astype("int64")


def _without_overlaps(frame: pd.DataFrame, death: np.ndarray, end: int) -> pd.DataFrame:
    """Episodes cut at death and at the end, and those that overlap an earlier one dropped."""
    frame = frame.copy()
    d = death[frame["person"].to_numpy()]
    frame["discharge"] = np.minimum(np.minimum(frame["discharge"].to_numpy(), d), end + 30)
    frame = frame.loc[frame["admit"] <= frame["discharge"]]
    frame = frame.sort_values(["person", "admit", "discharge"], kind="stable").reset_index(drop=True)
    prev = frame.groupby("person")["discharge"].cummax().groupby(frame["person"]).shift(1)
    keep = prev.isna() | (frame["admit"] >= prev)
    return frame.loc[keep].reset_index(drop=True)


def _write(out: Path, fmt, n, sex, birth, death, kommun, years, care, inpatient, visits, dispensed, seed) -> dict[str, int]:
    """Write the tables with pyarrow (dates as date32, no Python objects per row)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    ids = np.arange(1, n + 1, dtype="int64")
    never = np.iinfo("int64").max

    def dates(values, mask=None):
        values = np.asarray(values, dtype="int64")
        return pa.array(values.astype("int32"), type=pa.date32(), mask=None if mask is None else ~np.asarray(mask))

    def text(values):
        return pa.array(np.asarray(values, dtype=object), type=pa.string())

    tables = {"persons": pa.table({
        "person_id": ids, "sex": sex.astype("int64"), "birth_date": dates(birth),
        "death_date": dates(np.where(death == never, 0, death), death != never),
    })}
    pop = []
    for year in years:
        alive = (birth <= _date(year, 12, 31)) & (death >= _date(year))
        pop.append(pa.table({"person_id": ids[alive], "year": np.full(alive.sum(), year, dtype="int64"), "kommun": text(kommun[alive])}))
    tables["population"] = pa.concat_tables(pop)
    care = care.sort_values(["person", "from"], kind="stable")
    p = care["person"].to_numpy()
    end_day = _date(years[-1], 12, 31)
    to = care["to"].to_numpy()
    tables["municipal_care"] = pa.table({
        "person_id": ids[p], "kommun": text(kommun[p]), "housing": text(care["housing"].to_numpy()),
        "start_date": dates(care["from"].to_numpy()), "end_date": dates(to, to < end_day),  # ongoing: empty
    })
    inpatient = inpatient.sort_values(["person", "admit", "discharge"], kind="stable")
    cause = inpatient["cause"].to_numpy()
    tables["inpatient"] = pa.table({
        "person_id": ids[inpatient["person"].to_numpy()],
        "admission_date": dates(inpatient["admit"].to_numpy()),
        "discharge_date": dates(inpatient["discharge"].to_numpy()),
        "main_diagnosis": text(inpatient["diagnosis"].to_numpy()),
        "external_cause": pa.array(cause, type=pa.string(), from_pandas=True),
        "planned": pa.array(inpatient["planned"].astype(bool).to_numpy()),
    })
    visits = visits.sort_values(["person", "date"], kind="stable")
    tables["outpatient"] = pa.table({
        "person_id": ids[visits["person"].to_numpy()], "visit_date": dates(visits["date"].to_numpy()),
        "emergency": pa.array(visits["emergency"].astype(bool).to_numpy()),
        "main_diagnosis": pa.nulls(len(visits), type=pa.string()),
    })
    dispensed = dispensed.sort_values(["person", "date", "atc"], kind="stable")
    tables["dispensed"] = pa.table({
        "person_id": ids[dispensed["person"].to_numpy()], "dispensed_date": dates(dispensed["date"].to_numpy()),
        "atc": text(dispensed["atc"].to_numpy()),
    })
    counts = {}
    for name, table in tables.items():
        if fmt == "csv":
            pacsv.write_csv(table, out / f"{name}.csv")
        else:
            pq.write_table(table, out / f"{name}.parquet", compression="zstd")
        counts[name] = table.num_rows
    (out / "extract.toml").write_text(
        f'# Generated by naravard.registers.synthetic (seed {seed}); not real data.\n'
        f'name = "synthetic extract, {n} people, {years[0]}–{years[-1]}"\nsynthetic = true\n',
        encoding="utf-8",
    )
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--first-year", type=int, default=2013)
    parser.add_argument("--last-year", type=int, default=2024)
    parser.add_argument("--targets", type=Path, default=None, help="data package with the target values (default: the sample)")
    parser.add_argument("--inpatient", type=int, default=None, help="fill the inpatient file up to this many vårdtillfällen")
    parser.add_argument("--outpatient", type=int, default=None, help="fill the outpatient file up to this many visits")
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    args = parser.parse_args(argv)
    counts = generate(args.out_dir, persons=args.persons, first_year=args.first_year, last_year=args.last_year, seed=args.seed,
                      targets_dir=args.targets, inpatient=args.inpatient, outpatient=args.outpatient, fmt=args.format)
    for name, rows in counts.items():
        print(f"{name:15} {rows:>12,} rows")


if __name__ == "__main__":  # pragma: no cover
    main()
