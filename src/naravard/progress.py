"""Progress on the terminal: one line per stage with its time, and counts for long steps."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, quiet: bool = False, stream=None):
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self._start = time.perf_counter()
        self._stage_start = self._start
        self._stage: str | None = None
        self.timings: dict[str, float] = {}

    def _print(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.stream, flush=True)

    def _close_stage(self) -> None:
        if self._stage is not None:
            took = time.perf_counter() - self._stage_start
            self.timings[self._stage] = took
            self._print(f"      {took:5.1f} s")

    def stage(self, name: str) -> None:
        self._close_stage()
        self._stage = name
        self._stage_start = time.perf_counter()
        self._print(f"• {name} …")

    def step(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if done == total or done % 10 == 0:
            self._print(f"    {done}/{total}")

    def done(self, summary: str) -> None:
        self._close_stage()
        self._stage = None
        total = time.perf_counter() - self._start
        self._print(f"{summary}\nDone in {total:.1f} s.")

    def fail(self, message: str) -> None:
        self._stage = None
        print(f"Error: {message}", file=sys.stderr, flush=True)
