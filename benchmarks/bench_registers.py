#!/usr/bin/env python
"""Benchmark the register stage: all register indicators from a large synthetic extract.

    python benchmarks/bench_registers.py [--inpatient 10000000] [--outpatient 20000000]
        [--persons 2000000] [--dir DIR] [--spark-episodes 1000000] [--no-spark]

Measures, prints, asserts nothing:

* DuckDB: every register indicator for 2013–2024, riket, 21 regions and 290
  kommuner, totalt/kvinnor/män, from an extract of 10 million vårdtillfällen and
  20 million outpatient visits: wall time, peak memory of the process (DuckDB is
  capped at 2 GB and spills beyond it), input rows per second, and the ratio to a
  bare DuckDB scan that reads every column of the same files once;
* Spark in local mode on a 1-million-episode extract: the same rows as DuckDB?

Extracts are generated into a temporary folder (or --dir, kept for the next run)
and never into the project. Each measurement runs in its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SCAN = r"""
import json, resource, sys, time
import duckdb
files = json.loads(sys.argv[1])
con = duckdb.connect(config={"memory_limit": "2GB"})
con.execute("SET enable_progress_bar = false")  # it prints to stdout on long scans
t0 = time.perf_counter()
rows = 0
for path in files:
    names = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()]
    # min() of every column: each column is read and decoded once
    rows += con.execute(f"SELECT COUNT(*), {', '.join(f'MIN({n})' for n in names)} FROM read_parquet('{path}')").fetchone()[0]
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - t0, "rows": rows, "peak_mb": use.ru_maxrss / 1024, "cpu": use.ru_utime + use.ru_stime}))
"""

COMPUTE = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from naravard.data.catalogue import load_catalogue
from naravard.registers import compute_indicators
from naravard.registers.engines import DuckDBEngine
catalogue = load_catalogue(Path(sys.argv[2]))
# the time of each statement the engine runs (the benchmark's profile, not the product's output)
statements = []
def timed(method):
    def run(self, *args):
        t = time.perf_counter()
        try:
            return method(self, *args)
        finally:
            sql = args[-1] if isinstance(args[-1], str) else ""
            flat = " ".join(sql.split())
            label = f"{method.__name__} {args[0]}" if len(args) > 1 else f"query {flat[:40]} … {flat[-50:]}"
            statements.append((time.perf_counter() - t, label))
    return run
for name in ("query", "materialise", "view", "register_file"):
    setattr(DuckDBEngine, name, timed(getattr(DuckDBEngine, name)))
t0 = time.perf_counter()
result = compute_indicators(Path(sys.argv[1]), catalogue, engine="duckdb")
seconds = time.perf_counter() - t0
result.rows.to_csv(sys.argv[4], index=False)
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "rows": len(result.rows), "timings": result.timings,
                  "statements": sorted(statements, reverse=True)[:12],
                  "peak_mb": use.ru_maxrss / 1024, "cpu": use.ru_utime + use.ru_stime}))
"""

SPARK = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from naravard.data.catalogue import load_catalogue
from naravard.registers import compute_indicators
from naravard.registers.engines import SparkEngine, spark_session
catalogue = load_catalogue(Path(sys.argv[2]))
session = spark_session("naravard-bench")
t0 = time.perf_counter()
result = compute_indicators(Path(sys.argv[1]), catalogue, engine=SparkEngine(session))
seconds = time.perf_counter() - t0
result.rows.to_csv(sys.argv[4], index=False)
session.stop()
print(json.dumps({"seconds": seconds, "rows": len(result.rows)}))
"""


def run(script: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def extract(folder: Path, persons: int, inpatient: int, outpatient: int) -> dict[str, int]:
    from naravard.registers.synthetic import generate

    marker = folder / "extract.toml"
    if marker.exists() and f"{persons} people" in marker.read_text(encoding="utf-8"):
        import pyarrow.parquet as pq

        print(f"  reusing {folder}")
        return {p.stem: pq.ParquetFile(p).metadata.num_rows for p in sorted(folder.glob("*.parquet"))}
    t0 = time.perf_counter()
    counts = generate(folder, persons=persons, inpatient=inpatient, outpatient=outpatient)
    print(f"  generated in {time.perf_counter() - t0:.0f} s")
    return counts


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inpatient", type=int, default=10_000_000)
    parser.add_argument("--outpatient", type=int, default=20_000_000)
    parser.add_argument("--persons", type=int, default=2_000_000)
    parser.add_argument("--spark-episodes", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=None, help="keep the extracts here (default: a temporary folder)")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--spark-only", action="store_true", help="only the Spark comparison")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="naravard-bench-") if args.dir is None else None
    base = Path(tmp.name) if tmp else args.dir
    catalogue = str(ROOT / "data" / "catalogue")
    src = str(ROOT / "src")
    try:
        large = base / "large"
        if not args.spark_only:
            bench_duckdb(args, large, catalogue, src, base)
        if not args.no_spark:
            bench_spark(args, base, catalogue, src)
    finally:
        if tmp:
            tmp.cleanup()


def bench_duckdb(args, large: Path, catalogue: str, src: str, base: Path) -> None:
    from naravard.registers.engines import DUCKDB_MEMORY_LIMIT

    print(f"Extract: {args.persons:,} people, {args.inpatient:,} vårdtillfällen, {args.outpatient:,} outpatient visits, 2013–2024")
    counts = extract(large, args.persons, args.inpatient, args.outpatient)
    for name, n in counts.items():
        print(f"  {name:15} {n:>12,} rows")
    total = sum(counts.values())
    files = json.dumps([str(p) for p in sorted(large.glob("*.parquet"))])

    load = os.getloadavg()[0]
    scan = run(SCAN, files)
    computed = run(COMPUTE, str(large), catalogue, src, str(base / "duckdb_large.csv"))
    print(f"\nDuckDB (memory_limit {DUCKDB_MEMORY_LIMIT}, all threads; load average {load:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"  bare scan of every column   {scan['seconds']:7.1f} s wall  {scan['cpu']:7.1f} s CPU   peak {scan['peak_mb']:6.0f} MB")
    print(f"  all register indicators     {computed['seconds']:7.1f} s wall  {computed['cpu']:7.1f} s CPU   peak {computed['peak_mb']:6.0f} MB   "
          f"({computed['rows']:,} rows written)")
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in computed["timings"].items())
    print(f"    stages: {stages}")
    print("    slowest statements:")
    for seconds, label in computed["statements"]:
        print(f"      {seconds:6.1f} s  {label}")
    print(f"  input rows per second       {total / computed['seconds']:,.0f}")
    print(f"  ratio to the bare scan      {computed['seconds'] / scan['seconds']:.1f}× wall, {computed['cpu'] / scan['cpu']:.1f}× CPU")


def bench_spark(args, base: Path, catalogue: str, src: str) -> None:
    small = base / "spark"
    persons = max(10_000, args.persons * args.spark_episodes // args.inpatient)
    print(f"\nSpark local mode: {persons:,} people, {args.spark_episodes:,} vårdtillfällen")
    extract(small, persons, args.spark_episodes, args.spark_episodes * 2)
    duck = run(COMPUTE, str(small), catalogue, src, str(base / "duckdb_small.csv"))
    spark = run(SPARK, str(small), catalogue, src, str(base / "spark_small.csv"))
    same = (base / "duckdb_small.csv").read_bytes() == (base / "spark_small.csv").read_bytes()
    print(f"  DuckDB {duck['seconds']:.1f} s, Spark {spark['seconds']:.1f} s, {spark['rows']:,} rows")
    print(f"  identical rows: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
