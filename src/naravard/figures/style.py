"""The house style of every chart: one font, one palette, Swedish numbers.

The palette's colours all have at least 3:1 contrast against white (WCAG 2.1
1.4.11, graphical objects), and series are also told apart by marker and line
style so that colour is never the only cue (1.4.1).
"""

from __future__ import annotations

import datetime as dt

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from naravard import fonts  # noqa: E402

FONT_FAMILY = fonts.FAMILY

# Colours with their contrast ratio against white.
NAVY = "#12436D"  # 10.4:1 – totals, the latest year
RASPBERRY = "#A8275F"  # 6.6:1 – kvinnor / flickor
TEAL = "#1A6E66"  # 6.0:1 – män / pojkar
ORANGE = "#B4511A"  # 4.6:1 – a fourth series
GREY = "#6B6B6B"  # 5.3:1 – the base year, secondary series
LIGHT_GREY = "#E4E4E4"  # backgrounds only (covid band), never information alone
TEXT = "#1A1A1A"
GRID = "#D0D0D0"

SEX_STYLE = {
    "totalt": dict(color=NAVY, marker="o", linestyle="-", linewidth=2.4),
    "kvinnor": dict(color=RASPBERRY, marker="s", linestyle="--", linewidth=1.8),
    "män": dict(color=TEAL, marker="^", linestyle=":", linewidth=1.8),
    "flickor": dict(color=RASPBERRY, marker="s", linestyle="--", linewidth=1.8),
    "pojkar": dict(color=TEAL, marker="^", linestyle=":", linewidth=1.8),
}
SERIES_STYLES = (
    dict(color=NAVY, marker="o", linestyle="-", linewidth=2.2),
    dict(color=RASPBERRY, marker="s", linestyle="--", linewidth=1.8),
    dict(color=TEAL, marker="^", linestyle=":", linewidth=1.8),
    dict(color=ORANGE, marker="D", linestyle="-.", linewidth=1.8),
    dict(color=GREY, marker="v", linestyle=(0, (5, 1)), linewidth=1.8),
)
ANSWER_COLOURS = {"Ja": NAVY, "Delvis": "#5B8DB8", "Nej": "#B9B9B9"}  # stacked bars, labelled in bars

# The covid-19 pandemic as the edition marks it in time series.
COVID_START = dt.date(2020, 2, 1)
COVID_END = dt.date(2022, 4, 1)
COVID_LABEL = "covid-19-pandemi"

WIDTH_IN = 6.3  # fits A4 text width at 100 %
PNG_DPI = 220  # DOCX gets PNG; 220 dpi stays sharp when printed at full width


def _register_fonts() -> None:
    """The report font from the package (naravard.fonts), never a system font of the same name."""
    for path in fonts.report_fonts():
        font_manager.fontManager.addfont(str(path))


RC = {
    "font.family": [FONT_FAMILY, "DejaVu Sans"],
    "font.size": 10.5,
    "axes.titlesize": 10.5,
    "axes.labelsize": 10,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": "#8A8A8A",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "legend.frameon": False,
    "legend.fontsize": 9.5,
    "axes.unicode_minus": True,
    # Labels come from data: a "$" is a dollar sign, never math (text/escape.py).
    "text.parse_math": False,
    "svg.fonttype": "path",  # no font needed to view the SVG
    "svg.hashsalt": "naravard",  # stable ids: byte-identical SVGs for identical data
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.05,
    "lines.markersize": 5.5,
}


def apply() -> None:
    """Apply the house style to matplotlib (idempotent)."""
    _register_fonts()
    plt.rcParams.update(RC)


def covid_span_years() -> tuple[float, float]:
    """The covid period on a year axis where a value for year Y is drawn at Y."""

    def frac(d: dt.date) -> float:
        start = dt.date(d.year, 1, 1)
        return d.year + (d - start).days / 365.25

    # Annual values are plotted at the year; the band covers the pandemic's share of the axis.
    return frac(COVID_START) - 0.5, frac(COVID_END) - 0.5
