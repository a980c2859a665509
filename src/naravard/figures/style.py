"""The house style of every chart: one font, one palette, Swedish numbers.

Every colour that carries meaning has at least 3:1 contrast against white and
against the covid band behind it (WCAG 2.1 1.4.11, graphical objects); text
has at least 4,5:1 against what it is drawn on (1.4.3). Series are also told
apart by marker and line style so that colour is never the only cue (1.4.1).
The same meaning has the same colour in every chart: the latest year navy
and filled, earlier years grey and open; kvinnor raspberry, män teal.
``tests/unit/test_chart_style.py`` checks every colour draw.py uses.
"""

from __future__ import annotations

import datetime as dt

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from naravard import fonts  # noqa: E402
from naravard.data.models import Period  # noqa: E402

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
MUTED_TEXT = "#4A4A4A"  # 8.9:1 – small labels (covid band, direction)
AXIS = "#8A8A8A"  # 3.5:1 – axis lines
KOMMUN_LINE = GREY  # one thin line per kommun: 5.3:1 on white, 4.2:1 on the covid band
# Stacked bars, labelled in the bars: white text on Ja and Delvis (>= 4.5:1),
# ink on Nej; each at least 3:1 against the white page.
ANSWER_COLOURS = {"Ja": NAVY, "Delvis": "#3A6EA5", "Nej": "#8F8F8F"}
ANSWER_TEXT = {"Ja": "white", "Delvis": "white", "Nej": TEXT}

# The covid-19 pandemic is marked in time series; its dates are the catalogue's [pandemic] (a spec's options["covid"]).
COVID_LABEL = "covid-19-pandemi"

WIDTH_IN = 6.3  # the PDF's full width (16 cm) at 100 %
NARROW_WIDTH_IN = 3.4  # the HTML's phone rendition: about a phone's width, so text stays about 11 px
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
    "axes.edgecolor": AXIS,
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


def covid_span_years(period: Period) -> tuple[float, float]:
    """The covid *period* on a year axis where a value for year Y is drawn at Y."""

    def frac(d: dt.date) -> float:
        start = dt.date(d.year, 1, 1)
        return d.year + (d - start).days / 365.25

    # Annual values are plotted at the year; the band covers the pandemic's share of the axis.
    return frac(period.start) - 0.5, frac(period.end) - 0.5
