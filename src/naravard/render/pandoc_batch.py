"""One pandoc process for many documents: the built-in engine's HTML and Typst for the area profiles.

Starting pandoc, its Lua interpreter and the filter costs about as much as converting a
profile of a few pages, twice a profile (HTML, Typst), 290 times for the kommuner. A
:class:`PandocBatch` keeps one ``pandoc lua`` process running (``pandoc_batch.lua``) and
sends it one document at a time; the output is byte-identical to pandoc's command line
(tests/unit/test_profile_pandoc_batch.py compares them). The DOCX stays on the command line.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path

from naravard.errors import RenderError

DRIVER = Path(__file__).with_name("pandoc_batch.lua")


class PandocBatch:
    """A ``pandoc lua`` process that converts the jobs it is sent, one after another.

    Started at the first job, restarted after a job that ended it (a filter's os.exit);
    one per process and thread that uses it (the lock keeps a shared one safe)."""

    def __init__(self, pandoc: str, epoch: int):
        self.pandoc = pandoc
        self.epoch = epoch  # SOURCE_DATE_EPOCH: the same for every document of the process
        self._proc: subprocess.Popen | None = None
        self._stderr = None
        self._lock = threading.Lock()

    def _start(self) -> subprocess.Popen:
        self._stderr = tempfile.TemporaryFile()  # a file, not a pipe: pandoc's warnings never fill it up and stall it
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(self.epoch))
        return subprocess.Popen([self.pandoc, "lua", str(DRIVER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=self._stderr, env=env, text=True, encoding="utf-8", bufsize=1)

    def convert(self, *, cwd: Path, source: Path, out: Path, fmt: str, template: Path, filters: list[Path],
                metadata: Path | None = None, toc_depth: int | None = None, header: Path | None = None,
                chapters: list[Path] | None = None) -> None:
        """Convert *source* (or, given *chapters*, the book's chapters in order: see pandoc_batch.lua) to *out*."""
        job = dict(cwd=str(cwd), source=str(source), out=str(out), format=fmt, template=str(template),
                   chapters=chapters and [str(c) for c in chapters],
                   filters=[str(f) for f in filters], metadata=metadata and str(metadata), toc_depth=toc_depth,
                   header=header and str(header))
        job = {k: v for k, v in job.items() if v is not None}  # JSON null is not nil in Lua
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
            logged = os.fstat(self._stderr.fileno()).st_size  # what stderr held before this job
            try:
                self._proc.stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
                self._proc.stdin.flush()
                answer = self._proc.stdout.readline()
            except (BrokenPipeError, OSError):
                answer = ""
            if answer == "ok\n":
                return
            if not answer:  # the process ended (a filter stopped the build): its message is on stderr
                self._proc.wait()
                self._stderr.seek(logged)
                message = self._stderr.read().decode("utf-8", "replace").strip()
                self._proc = None
            else:
                message = answer.removeprefix("error ").strip()
            raise RenderError(f"pandoc failed ({source.name} -> {out.name}):\n{message}")

    def close(self) -> None:
        with self._lock:
            if self._proc is not None:
                self._proc.stdin.close()
                self._proc.wait()
                self._proc = None
            if self._stderr is not None:
                self._stderr.close()
                self._stderr = None
