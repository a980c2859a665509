#!/usr/bin/env python
"""Benchmark the preview alone: the HTML after one template sentence changed, stage by stage.

    python benchmarks/bench_preview.py [--profile]

On a fresh copy of the project (as bench_incremental.py makes it), the preview's
first page is built with its options and session, then a sentence is added to one
chapter template and the page built again: that rebuild is timed, with the time
of each stage. ``--profile`` also prints cProfile's 30 costliest calls (cumulative)
of the rebuild. Measures and prints; asserts nothing (the issue's target: ≤ 2 s).
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_incremental import add_sentence, copy_project  # noqa: E402  (also puts src/ on the path)

from naravard.pipeline import Session, run_build  # noqa: E402
from naravard.preview import preview_options  # noqa: E402
from naravard.progress import Progress  # noqa: E402


def main(profile: bool = False) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = copy_project(work)
        data = project / "data" / "sample-2024"
        session = Session()
        try:
            run_build(preview_options(project, data, work / "first"), session=session)
            add_sentence(project, "En mening som förhandsvisningen visar.")
            progress = Progress(quiet=True)
            profiler = cProfile.Profile() if profile else None
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            run_build(preview_options(project, data, work / "second"), session=session, progress=progress)
            if profiler:
                profiler.disable()
            seconds = time.perf_counter() - start
        finally:
            session.close()  # its pandoc process
    print(f"one template sentence, HTML (preview): {seconds:6.2f} s   (target ≤ 2 s)")
    for stage, spent in progress.timings.items():
        print(f"  {spent:6.2f} s  {stage.split(' /')[0].removesuffix(' from')}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main("--profile" in sys.argv[1:]))
