#!/usr/bin/env python
"""Benchmark the data stage: load the sample package, validate a large package.

    python benchmarks/bench_data.py [--repeat 5]

Measures, prints, asserts nothing:

* loading (reading + validating) ``data/sample-2024``;
* validating a generated package with 290 kommuner x 12 indicators x 12 years
  x 3 sexes (plus riket and the 21 regions), as CSV and as Parquet. The package
  uses a catalogue of 12 generated indicators (all kommun-level, 2013–2024) so
  that it is valid and every rule runs over every row.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from naravard.data import check_package, load_package  # noqa: E402

CATALOGUE = ROOT / "data" / "catalogue"
SAMPLE = ROOT / "data" / "sample-2024"
YEARS = range(2013, 2025)
SEXES = ("totalt", "kvinnor", "män")
N_INDICATORS = 12


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times), result


def bench_catalogue(target: Path) -> Path:
    """The real catalogue with 12 generated kommun-level indicators instead of the real ones."""
    shutil.copytree(CATALOGUE, target)
    entries = []
    for n in range(1, N_INDICATORS + 1):
        entries.append(
            f"""
[[indicator]]
id = "bench_{n:02d}"
core_number = {n}
name = "Indikator {n}"
short_name = "Indikator {n}"
subtitle = "Andel för benchmark."
unit = "procent"
decimals = 1
direction = "higher"
keywords = []
chapter = "overgripande"
source = "Benchmark"
producer = "naravard"
base_year = 2017
first_year = {YEARS[0]}
municipal = true

[[indicator.definitions]]
valid_from = {YEARS[0]}
text = "Benchmark"
"""
        )
    sources = tomllib.loads((CATALOGUE / "indicators.toml").read_text(encoding="utf-8"))["sources"]
    text = "".join(entries) + "\n[sources]\n" + "".join(f'{k} = "{v}"\n' for k, v in sources.items())
    (target / "indicators.toml").write_text(text, encoding="utf-8")
    return target


def bench_package(target: Path, catalogue: Path) -> int:
    """290 kommuner x 12 indicators x 12 years x 3 sexes, plus riket and regions."""
    target.mkdir()
    rng = random.Random(2024)
    regions = pd.read_csv(catalogue / "regions.csv", dtype=str)["code"].tolist()
    kommuner = pd.read_csv(catalogue / "municipalities.csv", dtype=str)["code"].tolist()
    areas = [("riket", "00")] + [("region", c) for c in regions] + [("kommun", c) for c in kommuner]
    rows = []
    for n in range(1, N_INDICATORS + 1):
        for level, area in areas:
            for sex in SEXES:
                for year in YEARS:
                    v = round(rng.uniform(20, 80), 1)
                    den = rng.randint(200, 20000)
                    rows.append((f"bench_{n:02d}", year, "", level, area, sex, v, round(v * den / 100), den, round(v - 1.5, 1), round(v + 1.5, 1), "", "true"))
    frame = pd.DataFrame(
        rows,
        columns=["indicator", "year", "period", "level", "area", "sex", "value", "numerator", "denominator", "ci_lower", "ci_upper", "missing", "synthetic"],
    )
    frame.to_csv(target / "indicators.csv", index=False)
    for name in ("survey_regions.csv", "survey_municipalities.csv", "report.toml"):
        shutil.copy(SAMPLE / name, target / name)
    return len(frame)


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the data stage.")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    best, median, package = timed(lambda: load_package(SAMPLE, CATALOGUE), args.repeat)
    n_rows = len(package.indicators) + len(package.survey_regions) + len(package.survey_municipalities)
    print(f"load sample-2024 ({n_rows} rows):            best {best:6.3f} s   median {median:6.3f} s")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        catalogue = bench_catalogue(tmp / "catalogue")
        t0 = time.perf_counter()
        n = bench_package(tmp / "big", catalogue)
        print(f"generate large package ({n} indicator rows):  {time.perf_counter() - t0:6.3f} s")

        best, median, result = timed(lambda: check_package(tmp / "big", catalogue), args.repeat)
        status = f"{len(result.errors)} errors, {len(result.warnings)} warnings"
        print(f"validate large package, CSV:                  best {best:6.3f} s   median {median:6.3f} s   ({status})")

        frame = pd.read_csv(tmp / "big" / "indicators.csv", dtype={"area": str, "period": str, "missing": str}, keep_default_na=False)
        frame["synthetic"] = frame["synthetic"].astype(str).str.lower().eq("true")
        (tmp / "big" / "indicators.csv").unlink()
        frame.to_parquet(tmp / "big" / "indicators.parquet", index=False)
        best, median, result = timed(lambda: check_package(tmp / "big", catalogue), args.repeat)
        status = f"{len(result.errors)} errors, {len(result.warnings)} warnings"
        print(f"validate large package, Parquet:              best {best:6.3f} s   median {median:6.3f} s   ({status})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
