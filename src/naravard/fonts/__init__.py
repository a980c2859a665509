"""The report's fonts, where they are, and which characters they can show.

The one place that finds fonts. The charts (matplotlib), the PDF (Typst,
system fonts ignored) and the HTML (a subset, render/fonts.py) use Source
Sans 3, the report font (Latin with diacritics, Greek, Cyrillic,
Vietnamese), which ships in this folder (README.md, OFL.txt), with DejaVu
Sans as the fallback for what it lacks (Armenian, Georgian, Hebrew, Arabic,
more symbols), as matplotlib ships it. No system font and no font package
is involved, so every machine prints the same glyphs and the PDFs stay
byte-identical, this year and when the report is rebuilt years later.

A character neither font has would come out as an empty box, and PDF/UA
forbids that: :func:`unprintable` lets validation name the field that holds
one, long before rendering.
"""

from __future__ import annotations

import shutil
import unicodedata
from functools import lru_cache
from pathlib import Path

FALLBACK_FACES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
SCRIPTS = "Latin (with diacritics), Greek, Cyrillic, Armenian, Georgian, Hebrew or Arabic letters"
# Invisible controls that reorder text on screen (bidirectional overrides and
# isolates): printed text must read as it is stored.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Whitespace that text escaping turns into a space.
_SPACE_LIKE = frozenset("\t\n\r\v\f\u0085\u2028\u2029")


FAMILY = "Source Sans 3"
REPORT_FONT_DIR = Path(__file__).resolve().parent  # the six static TTFs of Source Sans 3.052


def report_font_dir() -> Path:
    """The folder with Source Sans 3 (shipped with the package)."""
    return REPORT_FONT_DIR


def fallback_fonts() -> list[Path]:
    """DejaVu Sans as matplotlib ships it."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return [folder / name for name in FALLBACK_FACES if (folder / name).is_file()]


def report_fonts() -> list[Path]:
    return sorted(REPORT_FONT_DIR.glob("SourceSans3-*.ttf"))


def install(target: Path) -> Path:
    """Copy the report font and its fallback into *target* (a font folder for Typst), with
    the report font's licence; returns *target*."""
    target.mkdir(parents=True, exist_ok=True)
    for path in report_fonts() + fallback_fonts() + [REPORT_FONT_DIR / "OFL.txt"]:
        shutil.copy(path, target / path.name)
    return target


@lru_cache(maxsize=1)
def coverage() -> frozenset[int]:
    """Code points the report font or its fallback can draw."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    regular = [p for p in report_fonts() if p.name == "SourceSans3-Regular.ttf"] + fallback_fonts()[:1]
    for path in regular:
        with TTFont(str(path), lazy=True) as font:
            points.update(font.getBestCmap() or {})
    return frozenset(points)


def unprintable(text: str) -> list[str]:
    """The characters of *text* that the PDF cannot show, each once, in order.

    Controls and bidirectional overrides count as unprintable; ordinary
    whitespace does not (escaping makes it a space). Joiners and variation
    selectors are judged with the character they belong to.
    """
    covered = coverage()
    if not covered:  # fonts missing: nothing to judge by (the build will say so)
        return []
    bad: dict[str, None] = {}
    for ch in text:
        if ch in _SPACE_LIKE or ch == " ":
            continue
        cat = unicodedata.category(ch)
        if ch in BIDI_CONTROLS or cat == "Cc":
            bad[ch] = None
        elif cat in ("Cf", "Mn") and ord(ch) not in covered:
            if ch in ("\u200d", "\ufe0f", "\ufe0e"):  # emoji joiners: the emoji itself is reported
                continue
            bad[ch] = None
        elif ord(ch) not in covered:
            bad[ch] = None
    return list(bad)


def describe(chars: list[str], limit: int = 5) -> str:
    """``'王' (U+738B CJK UNIFIED IDEOGRAPH-738B), …`` for messages."""
    parts = []
    for ch in chars[:limit]:
        name = unicodedata.name(ch, "")
        shown = f"'{ch}' " if unicodedata.category(ch)[0] not in "CZ" and ch not in BIDI_CONTROLS else ""
        parts.append(f"{shown}(U+{ord(ch):04X}{' ' + name if name else ''})")
    more = f" and {len(chars) - limit} more" if len(chars) > limit else ""
    return ", ".join(parts) + more
