"""The report font for HTML, subset to what a Swedish report prints.

Embedding the whole Source Sans 3 family would add about a megabyte to the
page; the subset (Latin-1 plus typographic punctuation, the minus sign and
the no-break space), compressed as WOFF, is some twenty kilobytes per style,
embedded in the page's style sheet.
"""

from __future__ import annotations

import base64
import functools
import io
from pathlib import Path

from fontTools import subset

from naravard import fonts

# Two weights (regular, semibold) as in the PDF; bold text is set semibold.
STYLES = (("Regular", 400, "normal"), ("It", 400, "italic"), ("Semibold", 600, "normal"))
UNICODES = list(range(0x20, 0x7F)) + list(range(0xA0, 0x180)) + [
    0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E,
    0x2022, 0x2026, 0x2030, 0x2032, 0x2033, 0x2039, 0x203A, 0x20AC, 0x2122, 0x2212, 0x2264, 0x2265, 0x2248,
]


def write_font_css(out_dir: Path) -> Path:
    """Write subset fonts and fonts.css into *out_dir*; returns the CSS path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    src = fonts.report_font_dir()
    rules = []
    for name, weight, style in STYLES:
        source = src / f"SourceSans3-{name}.ttf"
        woff = _subset(source, source.stat().st_mtime_ns)
        (out_dir / f"SourceSans3-{name}.subset.woff").write_bytes(woff)
        data = base64.b64encode(woff).decode("ascii")
        rules.append(
            f"@font-face {{ font-family: \"{fonts.FAMILY}\"; "
            f"src: url(\"data:font/woff;base64,{data}\") format(\"woff\"); font-weight: {weight}; font-style: {style}; font-display: swap; }}"
        )
    css = out_dir / "fonts.css"
    css.write_text("\n".join(rules) + "\n", encoding="utf-8")
    return css


@functools.lru_cache(maxsize=len(STYLES))
def _subset(source: Path, mtime_ns: int) -> bytes:
    """One style subset as WOFF. Kept for the process (keyed by the file's time too): subsetting
    takes about 0,2 s a style, which a preview would otherwise spend on every page."""
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["kern", "liga", "lnum", "tnum"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
