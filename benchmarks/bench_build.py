#!/usr/bin/env python
"""Benchmark the whole build: the sample report in all three formats.

    python benchmarks/bench_build.py [--repeat 3] [--to pdf]

Measures, prints, asserts nothing. Each run builds a fresh copy of the
project (templates, catalogue, sample data) into a temporary folder, so
nothing is cached between runs, and prints the wall time of each stage,
the total, and the peak memory of the build process and its workers.
"""

from __future__ import annotations

import statistics
import sys
import time

from _common import FORMATS, formats as chosen_formats, fresh_project, parser, print_peak_memory

from naravard.pipeline import BuildOptions, run_build  # noqa: E402  (after _common puts src/ on the path)
from naravard.progress import Progress  # noqa: E402


def one_build(formats: tuple[str, ...]) -> tuple[float, dict[str, float], int, int]:
    with fresh_project() as project:
        progress = Progress(quiet=True)
        start = time.perf_counter()
        result = run_build(BuildOptions(project_dir=project, formats=formats, engine="builtin"), progress=progress)
        progress.done("")
        return time.perf_counter() - start, dict(progress.timings), result.figures, result.tables


def main(argv: list[str] | None = None) -> int:
    args_parser = parser(__doc__, FORMATS)
    args_parser.add_argument("--repeat", type=int, default=3)
    args = args_parser.parse_args(argv)
    formats = chosen_formats(args)

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
    print_peak_memory()
    return 0


if __name__ == "__main__":
    sys.exit(main())
