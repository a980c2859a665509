"""What the build benchmarks share: their command line, a fresh copy of the project, the peak memory line."""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # the naravard beside the benchmarks, installed or not

FORMATS = ("html", "pdf", "docx")


def parser(doc: str, default_formats: tuple[str, ...]) -> argparse.ArgumentParser:
    """The script's docstring as its help, and ``--to`` (repeat it) with *default_formats*."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--to", action="append", choices=FORMATS,
                   help=f"format; repeat for several (default: {', '.join(default_formats)})")
    p.set_defaults(default_formats=default_formats)
    return p


def formats(args: argparse.Namespace) -> tuple[str, ...]:
    return tuple(dict.fromkeys(args.to)) if args.to else args.default_formats


def copy_project(target: Path) -> Path:
    shutil.copy(ROOT / "_quarto.yml", target / "_quarto.yml")
    for folder in ("templates", "data"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@contextmanager
def fresh_project() -> Iterator[Path]:
    """A copy of the project in a temporary folder, removed afterwards: nothing is cached between runs."""
    with tempfile.TemporaryDirectory() as tmp:
        yield copy_project(Path(tmp))


def print_peak_memory(worker: str = "largest worker or tool") -> None:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own:.0f} MB (build process), {workers:.0f} MB ({worker})")
