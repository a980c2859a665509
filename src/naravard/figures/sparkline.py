"""Sparklines: a word-sized line chart of one measure, the area beside riket, for a table cell.

Written directly as SVG (HTML, PDF) and, when DOCX is asked for, as PNG, without matplotlib:
a profile's overview table has one per row, and a few thousand matplotlib figures would cost
more than all of a profile build's other drawing. The area's line is solid with a dot on its
latest value, riket's dashed, so the two differ in more than colour. A sparkline has no axes or
numbers; its alt text says what it shows (``sparkline_alt`` in ``area_figures``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from naravard.figures.style import NAVY, RASPBERRY

WIDTH, HEIGHT = 72.0, 18.0  # points: about one inch by a line of table text
PAD = 2.5  # room for the end dot and the line caps
PNG_SCALE = 300 / 72  # pixels per point: 300 dpi, sharp in Word at any zoom
DASH = (3.0, 2.0)


def _lines(area: Sequence[tuple[int, float]], riket: Sequence[tuple[int, float]]) -> tuple[list, list]:
    """Both series as (x, y) points in the sparkline's box (y down), on one shared scale."""
    years = sorted({y for y, _ in (*area, *riket)})
    values = [v for _, v in (*area, *riket)]
    low, high = min(values), max(values)
    span = high - low or 1.0  # a flat line sits in the middle
    first, last = years[0], years[-1]

    def point(year: int, value: float) -> tuple[float, float]:
        x = PAD + (WIDTH - 2 * PAD) * ((year - first) / (last - first) if last > first else 0.5)
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * ((value - low) / span if high > low else 0.5)
        return round(x, 2), round(y, 2)

    return [point(*p) for p in sorted(area)], [point(*p) for p in sorted(riket)]


def sparkline_svg(area: Sequence[tuple[int, float]], riket: Sequence[tuple[int, float]]) -> str:
    """*area* and *riket*: (year, value) pairs; the area has at least two."""
    mine, nation = _lines(area, riket)

    def polyline(points, colour, extra=""):
        coords = " ".join(f"{x},{y}" for x, y in points)
        return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-linejoin="round" stroke-linecap="round"{extra}/>'

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:g}pt" height="{HEIGHT:g}pt" viewBox="0 0 {WIDTH:g} {HEIGHT:g}">',
    ]
    if len(nation) >= 2:
        parts.append(polyline(nation, RASPBERRY, f' stroke-width="1" stroke-dasharray="{DASH[0]:g} {DASH[1]:g}"'))
    parts.append(polyline(mine, NAVY, ' stroke-width="1.5"'))
    x, y = mine[-1]
    parts.append(f'<circle cx="{x}" cy="{y}" r="2" fill="{NAVY}"/>')
    parts.append("</svg>\n")
    return "".join(parts)


def sparkline_png(area: Sequence[tuple[int, float]], riket: Sequence[tuple[int, float]], path: Path) -> None:
    """The same sparkline as a 300 dpi PNG (DOCX), drawn with Pillow."""
    from PIL import Image, ImageDraw

    s = PNG_SCALE
    mine, nation = _lines(area, riket)
    image = Image.new("RGBA", (round(WIDTH * s), round(HEIGHT * s)), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    if len(nation) >= 2:
        for (x0, y0), (x1, y1) in zip(nation, nation[1:]):
            _dashed(draw, (x0 * s, y0 * s), (x1 * s, y1 * s), RASPBERRY, round(1 * s))
    draw.line([(x * s, y * s) for x, y in mine], fill=NAVY, width=round(1.5 * s), joint="curve")
    x, y = mine[-1]
    draw.ellipse([(x - 2) * s, (y - 2) * s, (x + 2) * s, (y + 2) * s], fill=NAVY)
    image.save(path, dpi=(300, 300))


def _dashed(draw, start, end, colour, width) -> None:
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    on, off = DASH[0] * PNG_SCALE, DASH[1] * PNG_SCALE
    t = 0.0
    while t < length:
        a, b = t / length, min(t + on, length) / length
        draw.line([(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a), (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)], fill=colour, width=width)
        t += on + off


def write_sparkline(area: Sequence[tuple[int, float]], riket: Sequence[tuple[int, float]], folder: Path, key: str,
                    png: bool) -> Path:
    """``<key>.svg`` (and ``<key>.png`` for DOCX) in *folder*; returns the SVG's path."""
    folder.mkdir(parents=True, exist_ok=True)
    svg = folder / f"{key}.svg"
    svg.write_text(sparkline_svg(area, riket), encoding="utf-8")
    if png:
        sparkline_png(area, riket, folder / f"{key}.png")
    return svg
