"""Typst's compile in a process of its own, which returns all its memory when it ends.

Typst keeps what it computed in a memo cache for the life of the process that
compiled, about 250 MB for this report, and a build's book lies in a staging
folder of its own, so the next build's compile finds nothing of it to reuse:
in the build process every PDF rendered added its cache to the last (650 MB
after one build, 1 220 MB after three). Compiled here instead, in a short-lived
``python -m naravard.render.typst_compile`` (about 0,1 s to start), the build
process stays as large as its own work and the PDF is the same, byte for byte.

The arguments go in as JSON on stdin; Typst's diagnostics come back on stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import naravard


class TypstFailed(Exception):
    """Typst refused the document; the message is its diagnostics."""


def compile_pdf(typ: Path, out: Path, *, root: Path, font_paths: list[str], standards: list[str], timestamp: int,
                in_process: bool = False) -> None:
    """``typst.compile`` of *typ* into *out* in a child process (the same interpreter and naravard).

    *in_process*: compile here instead, for a process that compiles many small books and ends
    (an area profiles' worker: 0,1 s a start would be a tenth of each profile's time)."""
    args = {"input": str(typ), "output": str(out), "root": str(root), "font_paths": font_paths,
            "pdf_standards": standards, "timestamp": timestamp}
    if in_process:
        if message := _compile(args):
            raise TypstFailed(message)
        return
    package_parent = str(Path(naravard.__file__).resolve().parents[1])  # this naravard, installed or not
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-m", "naravard.render.typst_compile"], input=json.dumps(args),
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise TypstFailed(proc.stderr.strip() or f"the Typst process ended with code {proc.returncode}")


def _compile(args: dict) -> str:
    """Typst's diagnostics, or "" when the PDF is written."""
    import typst

    try:
        typst.compile(
            args["input"], output=args["output"], root=args["root"], font_paths=args["font_paths"],
            ignore_system_fonts=True,  # the same fonts on every machine: identical PDFs
            pdf_standards=args["pdf_standards"], timestamp=args["timestamp"],
        )
    except Exception as exc:  # typst.TypstError carries the diagnostics
        return str(exc) or type(exc).__name__
    return ""


def main() -> int:
    message = _compile(json.loads(sys.stdin.read()))
    if message:
        print(message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
