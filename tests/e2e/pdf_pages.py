"""Measures of the PDF's pages as a reader sees them, from pages rendered by poppler.

``blank_share`` is the part of a page's text area left empty in runs taller
than a few lines (the gaps between lines and paragraphs do not count), so a
half-empty page before a figure pushed to the next one reads about 0,5.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import numpy as np

DPI = 36
CM = DPI / 2.54
# The house style's text area (templates/typst/naravard.typ): the full width
# between the outer margins, from the top margin to the bottom one.
AREA = {"left": 2.3 * CM, "right": (21 - 2.3) * CM, "top": 2.4 * CM, "bottom": (29.7 - 2.6) * CM}
GAP_PT = 40  # a white run taller than this (about three lines) is blank space


def render_pages(pdf: Path, out_dir: Path | None = None) -> list[np.ndarray]:
    """Every page as a grey-scale array (0 black … 255 white)."""
    from PIL import Image

    out_dir = Path(out_dir or tempfile.mkdtemp(prefix="nv-pages-"))
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(out_dir / "p")], check=True)
    return [np.asarray(Image.open(p).convert("L")) for p in sorted(out_dir.glob("p-*.png"))]


def blank_share(page: np.ndarray) -> float:
    """The share of the text area's height in white runs taller than GAP_PT."""
    area = page[round(AREA["top"]):round(AREA["bottom"]), round(AREA["left"]):round(AREA["right"])]
    inked = (area < 200).any(axis=1)
    gap = GAP_PT / 72 * DPI
    blank, run = 0, 0
    for ink in list(inked) + [True]:
        if ink:
            if run > gap:
                blank += run
            run = 0
        else:
            run += 1
    return blank / len(inked)


def chapter_starts(pdf: Path) -> list[int]:
    """1-based page numbers where a level-1 bookmark (a chapter) starts."""
    import pikepdf

    with pikepdf.open(pdf) as doc:
        pages = {p.objgen: i + 1 for i, p in enumerate(doc.pages)}
        with doc.open_outline() as outline:
            starts = []
            for item in outline.root:
                dest = item.destination
                if dest is None and item.action is not None:
                    dest = item.action.get("/D")
                if isinstance(dest, pikepdf.Array) and len(dest):
                    starts.append(pages[dest[0].objgen])
                elif dest is not None:
                    starts.append(_named_page(doc, dest, pages))
    return sorted(s for s in starts if s)


def _named_page(doc, name, pages) -> int | None:
    from pikepdf import NameTree

    tree = NameTree(doc.Root.Names.Dests)
    target = tree.get(str(name))
    if target is None:
        return None
    if not isinstance(target, list) and "/D" in target:
        target = target.D
    return pages.get(target[0].objgen)


def half_empty_pages(pdf: Path, threshold: float = 0.25) -> dict[int, float]:
    """Pages (1-based) with more than *threshold* of the text area blank,
    except the cover, the colophon and the last page of each chapter."""
    pages = render_pages(pdf)
    starts = chapter_starts(pdf)
    excepted = {1, 2, len(pages)} | {s - 1 for s in starts}
    return {n: round(share, 2) for n, share in ((i + 1, blank_share(p)) for i, p in enumerate(pages))
            if share > threshold and n not in excepted}
