"""The report font for HTML, subset to what a Swedish report prints.

Embedding the whole Source Sans 3 family would add about a megabyte to the
self-contained page; the subset (Latin-1 plus typographic punctuation, the
minus sign and the no-break space) is a few dozen kilobytes per style.
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset

from naravard import fonts

STYLES = (("Regular", 400, "normal"), ("It", 400, "italic"), ("Semibold", 600, "normal"), ("Bold", 700, "normal"))
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
        target = out_dir / f"SourceSans3-{name}.subset.ttf"
        options = subset.Options()
        options.layout_features = ["kern", "liga", "lnum", "tnum"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=UNICODES)
        subsetter.subset(font)
        font.save(str(target))
        rules.append(
            "@font-face { font-family: \"Source Sans 3\"; "
            f"src: url(\"{target.name}\") format(\"truetype\"); font-weight: {weight}; font-style: {style}; }}"
        )
    css = out_dir / "fonts.css"
    css.write_text("\n".join(rules) + "\n", encoding="utf-8")
    return css
