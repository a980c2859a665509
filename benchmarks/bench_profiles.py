#!/usr/bin/env python
"""Benchmark the area profiles against one national build, in the same run.

    python benchmarks/bench_profiles.py [--to html --to pdf] [--skip-kommun] [--workers N]

Builds, from one fresh copy of the project each: the national report (HTML and
PDF), all 21 region profiles and all 290 kommun profiles (HTML and PDF), and
prints each one's wall time and stages, the profiles' time as a ratio to the
national build's, and the peak memory of the process and of its largest
worker. Measures, prints, asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from naravard.pipeline import BuildOptions, run_build  # noqa: E402
from naravard.profiles import ProfileOptions, run_profiles  # noqa: E402
from naravard.progress import Progress  # noqa: E402

from bench_build import copy_project  # noqa: E402  (beside this script: a fresh copy of the project)


def timed(what: str, run) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp))
        progress = Progress(quiet=True)
        start = time.perf_counter()
        result = run(project, progress)
        total = time.perf_counter() - start
    stages = ", ".join(f"{name.split(' /')[0][:40]} {t:.1f} s" for name, t in progress.timings.items())
    print(f"{what}: {total:.1f} s ({result})\n    {stages}", flush=True)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--to", action="append", choices=("html", "pdf", "docx"), help="format(s); default html and pdf")
    parser.add_argument("--skip-kommun", action="store_true", help="leave out the 290 kommun profiles")
    parser.add_argument("--workers", type=int, default=None, help="engine processes for the profiles (default: the cores)")
    args = parser.parse_args(argv)
    formats = tuple(args.to or ("html", "pdf"))

    national = timed("national report", lambda p, pr: f"{run_build(BuildOptions(project_dir=p, formats=formats, engine='builtin'), progress=pr).figures} figures")

    def profiles(level):
        return lambda p, pr: f"{len(run_profiles(ProfileOptions(level=level, project_dir=p, formats=formats, engine='builtin', workers=args.workers), progress=pr).profiles)} profiles"

    region = timed("21 region profiles", profiles("region"))
    print(f"    ratio to the national build: {region / national:.2f}")
    if not args.skip_kommun:
        kommun = timed("290 kommun profiles", profiles("kommun"))
        print(f"    ratio to the national build: {kommun / national:.2f}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own:.0f} MB in the build process, {workers:.0f} MB in the largest worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
