"""Issue 9's measures of how much of the templates is code, per chapter and overall.

    python scripts/template_stats.py               # every chapter, and all templates
    python scripts/template_stats.py 04-samverkan  # one chapter (with its section files)

Logic lines are lines that open with ``{%``; the longest line is the longest that
holds ``{%``; "before heading" counts the lines above a file's first heading.
Targets: at most 10 % logic lines, no ``{%`` line over 120 characters, at most 15
lines before the first heading.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "templates" / "chapters"


def files_of(stem: str) -> list[Path]:
    return [CHAPTERS / f"{stem}.qmd.j2", *sorted((CHAPTERS / stem).glob("*.j2"))]


def measure(paths: list[Path]) -> tuple[int, int, int, int]:
    """(lines, logic lines, longest line holding {%, most lines before a first heading)."""
    lines, logic, longest, before = 0, 0, 0, 0
    for path in paths:
        text = path.read_text(encoding="utf-8").split("\n")
        lines += len(text)
        logic += sum(1 for line in text if line.lstrip().startswith("{%"))
        longest = max([longest] + [len(line) for line in text if "{%" in line])
        first = next((i for i, line in enumerate(text) if line.startswith("#")), None)
        before = max(before, first or 0)
    return lines, logic, longest, before


def row(name: str, paths: list[Path]) -> str:
    lines, logic, longest, before = measure(paths)
    return f"{name:32} {lines:6} {logic:6} {100 * logic / lines:6.1f} % {longest:8} {before:8}"


def main(stems: list[str]) -> None:
    stems = stems or sorted(p.name.removesuffix(".qmd.j2") for p in CHAPTERS.glob("*.qmd.j2"))
    print(f"{'chapter':32} {'lines':>6} {'logic':>6} {'share':>8} {'longest':>8} {'before #':>8}")
    for stem in stems:
        print(row(stem, files_of(stem)))
    everything = sorted(CHAPTERS.rglob("*.j2")) + sorted((ROOT / "templates" / "partials").glob("*.j2"))
    print(row("all chapters and partials", everything))


if __name__ == "__main__":
    main(sys.argv[1:])
