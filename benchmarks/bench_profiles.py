#!/usr/bin/env python
"""Benchmark the area profiles against one national build, in the same run.

    python benchmarks/bench_profiles.py [--to html --to pdf] [--skip-region] [--skip-kommun] [--workers N]

Builds, from one fresh copy of the project each: the national report (HTML and
PDF), all 21 region profiles and all 290 kommun profiles (HTML and PDF), and
prints each one's wall time and stages, the profiles' time as a ratio to the
national build's, the machine's load, and the peak memory of the process and
of its largest worker. Measures, prints, asserts nothing.
"""

from __future__ import annotations

import os
import sys
import time

from _common import formats as chosen_formats, fresh_project, parser, print_peak_memory

from naravard.pipeline import BuildOptions, run_build  # noqa: E402  (after _common puts src/ on the path)
from naravard.profiles import ProfileOptions, run_profiles  # noqa: E402
from naravard.progress import Progress  # noqa: E402


def timed(what: str, run) -> float:
    with fresh_project() as project:
        progress = Progress(quiet=True)
        start = time.perf_counter()
        result = run(project, progress)
        total = time.perf_counter() - start
    stages = ", ".join(f"{name.split(' /')[0][:40]} {t:.1f} s" for name, t in progress.timings.items())
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{what}: {total:.1f} s ({result}; load average after it {load})\n    {stages}", flush=True)
    return total


def main(argv: list[str] | None = None) -> int:
    args_parser = parser(__doc__, ("html", "pdf"))
    args_parser.add_argument("--skip-region", action="store_true", help="leave out the 21 region profiles")
    args_parser.add_argument("--skip-kommun", action="store_true", help="leave out the 290 kommun profiles")
    args_parser.add_argument("--workers", type=int, default=None, help="engine processes for the profiles (default: the cores)")
    args = args_parser.parse_args(argv)
    formats = chosen_formats(args)

    national = timed("national report", lambda p, pr: f"{run_build(BuildOptions(project_dir=p, formats=formats, engine='builtin'), progress=pr).figures} figures")

    def profiles(level):
        return lambda p, pr: f"{len(run_profiles(ProfileOptions(level=level, project_dir=p, formats=formats, engine='builtin', workers=args.workers), progress=pr).profiles)} profiles"

    if not args.skip_region:
        region = timed("21 region profiles", profiles("region"))
        print(f"    ratio to the national build: {region / national:.2f} (target: at most 1)")
    if not args.skip_kommun:
        kommun = timed("290 kommun profiles", profiles("kommun"))
        print(f"    ratio to the national build: {kommun / national:.2f} (target: at most 120 s in all)")
    print_peak_memory("largest worker; target: at most 1 500 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
