#!/usr/bin/env python
"""Benchmark the whole build: the sample report in all three formats.

    python benchmarks/bench_build.py [--repeat 3] [--to pdf]

Measures, prints, asserts nothing. Each run builds a fresh copy of the
project (templates, catalogue, sample data) into a temporary folder, so
nothing is cached between runs, and prints the wall time of each stage,
the total, and the peak memory of the build process and its workers.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from naravard.pipeline import BuildOptions, run_build  # noqa: E402
from naravard.progress import Progress  # noqa: E402


def copy_project(target: Path) -> Path:
    shutil.copy(ROOT / "_quarto.yml", target / "_quarto.yml")
    for folder in ("templates", "data"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def one_build(formats: tuple[str, ...]) -> tuple[float, dict[str, float], int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp))
        progress = Progress(quiet=True)
        start = time.perf_counter()
        result = run_build(BuildOptions(project_dir=project, formats=formats, engine="builtin"), progress=progress)
        progress.done("")
        return time.perf_counter() - start, dict(progress.timings), result.figures, result.tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--to", action="append", choices=("html", "pdf", "docx"), help="format(s); default all three")
    args = parser.parse_args(argv)
    formats = tuple(args.to or ("html", "pdf", "docx"))

    totals, stages = [], {}
    for i in range(args.repeat):
        total, timings, figures, tables = one_build(formats)
        totals.append(total)
        for name, t in timings.items():
            name = name.split(" /")[0]  # stage names carry the run's temporary paths
            stages.setdefault(name, []).append(t)
        print(f"run {i + 1}: {total:6.1f} s  ({figures} figures, {tables} tables)")

    print(f"\nbuild of {', '.join(formats)}: best {min(totals):.1f} s, median {statistics.median(totals):.1f} s over {len(totals)} runs")
    print("stages (median):")
    for name, times in stages.items():
        print(f"  {statistics.median(times):6.2f} s  {name}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own:.0f} MB (build process), {workers:.0f} MB (largest worker or tool)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
