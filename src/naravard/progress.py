"""Progress on the terminal: one line per stage with its time, and counts for long steps.

Everything here goes to stderr (diagnostics); a command's results (paths,
reports) go to stdout. Verbosity: ``quiet`` prints only errors, the default
prints stages and notes, ``verbose`` adds the steps inside long stages.
"""

from __future__ import annotations

import sys
import time

QUIET, NORMAL, VERBOSE = 0, 1, 2


class Progress:
    def __init__(self, quiet: bool = False, stream=None, verbosity: int | None = None):
        self.verbosity = verbosity if verbosity is not None else (QUIET if quiet else NORMAL)
        self.stream = stream or sys.stderr
        self._start = time.perf_counter()
        self._stage_start = self._start
        self._stage: str | None = None
        self.timings: dict[str, float] = {}

    @property
    def quiet(self) -> bool:
        return self.verbosity <= QUIET

    def _print(self, text: str, level: int = NORMAL) -> None:
        if self.verbosity >= level:
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
        if done == total or done % 10 == 0:
            self._print(f"    {done}/{total}", VERBOSE)

    def note(self, text: str) -> None:
        """A warning or note the user should see once (not in --quiet)."""
        self._print(text)

    def done(self, summary: str) -> None:
        self._close_stage()
        self._stage = None
        total = time.perf_counter() - self._start
        self._print(f"{summary} Done in {total:.1f} s.")

    def fail(self, message: str) -> None:
        self._stage = None
        print(f"Error: {message}", file=sys.stderr, flush=True)
