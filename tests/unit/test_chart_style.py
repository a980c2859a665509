"""Every chart kind, drawn at full width and as the phone rendition: every
colour it puts on the page carries enough contrast (WCAG 2.1 1.4.11 for
marks, 1.4.3 for text), ticks step by 1, 2, 2,5 or 5 × 10ⁿ, legends follow
the marks, and the same meaning has the same colour."""

from __future__ import annotations

import datetime as dt
import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from naravard.data.models import Period
from naravard.figures import draw, style
from naravard.figures.spec import FigureSpec
from tests.fixtures.builder import PANDEMIC  # indicators.toml's [pandemic], as the figure builders pass it

REGIONS = ["Stockholm", "Uppsala", "Sörmland", "Östergötland", "Jönköping", "Kronoberg", "Kalmar", "Gotland"]


def luminance(colour) -> float:
    def lin(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def spec(kind: str, data: pd.DataFrame, **options) -> FigureSpec:
    return FigureSpec(key=f"t-{kind}", kind=kind, title="Titel", subtitle="", source="Källa: test.", alt="Alt 1.",
                      data=data, table=pd.DataFrame({"a": [1]}), options=options)


def all_specs() -> list[FigureSpec]:
    years = list(range(2013, 2025))
    rng = np.random.default_rng(1)
    trend = pd.DataFrame([dict(series=s, sex=s.lower(), year=y, label=str(y), value=10 - 0.1 * i + (0.3 if s == "Män" else 0))
                          for s in ("Totalt", "Kvinnor", "Män") for i, y in enumerate(years)])
    regions = pd.DataFrame(dict(order=range(len(REGIONS)), region=REGIONS, base=np.linspace(0, 9, len(REGIONS)),
                                latest=np.linspace(0, 10, len(REGIONS)), ci_lower=np.linspace(0, 9.5, len(REGIONS)),
                                ci_upper=np.linspace(0.5, 10.5, len(REGIONS))))
    bars = pd.DataFrame([dict(label=lab, group=g, value=v) for lab, v0 in (("Samverkan", 80), ("Hälsofrämjande insatser i samverkan med regionen", 40))
                         for g, v in (("2023", v0), ("2024", v0 + 3))])
    stacked = pd.DataFrame([dict(label=lab, answer=a, value=v) for lab in ("Vård i hemmet", "Stöd vid utskrivning")
                            for a, v in (("Ja", 12), ("Delvis", 6), ("Nej", 3))])
    dots = pd.DataFrame([dict(region=r, order=i, series=s, value=20 + rng.random() * 3, ci_lower=np.nan, ci_upper=np.nan)
                         for s in ("2017", "2023", "2024") for i, r in enumerate(REGIONS)])
    kommuner = pd.DataFrame([dict(code=f"{c:04d}", year=y, value=5000 + 100 * c - 50 * i) for c in range(12) for i, y in enumerate(years)])
    multiples = pd.DataFrame([dict(indicator=f"Indikator {k}", order=k, year=y, value=(k - 3) * i) for k in range(6) for i, y in enumerate(years)])
    return [
        spec("trend", trend, unit="procent", covid=PANDEMIC),
        spec("regions", regions, unit="procent", decimals=1, base_year=2017, latest_year=2024, national=5.0, direction="lower"),
        spec("bars", bars, groups=["2023", "2024"], axis_max=100.0, axis_label="Andel kommuner (procent)", value_format="percent"),
        spec("bars", bars[bars.group == "2024"].head(1), groups=None, axis_max=100.0, axis_label="Andel", value_format="percent"),
        spec("stacked", stacked, answers=["Ja", "Delvis", "Nej"], axis_max=21, axis_label="Antal regioner"),
        spec("region_dots", dots, unit="procent", labels=["2017", "2023", "2024"]),
        spec("kommuner", kommuner, unit="per_100000_personar", covid=PANDEMIC, national=[(y, 5500 - 40 * i) for i, y in enumerate(years)]),
        spec("multiples", multiples, covid=PANDEMIC),
    ]


@pytest.fixture(scope="module")
def drawn():
    """Every kind at full width and as the phone rendition, drawn once for all tests here."""
    out = []
    for s in all_specs():
        for narrow in (False, True):
            if narrow:
                with draw.narrow():
                    fig = draw.KINDS[s.kind](s)
            else:
                fig = draw.KINDS[s.kind](s)
            fig.canvas.draw()
            out.append((s, narrow, fig))
    yield out
    for *_x, fig in out:
        plt.close(fig)


EXEMPT = {to_rgb(c) for c in ("white", style.LIGHT_GREY, style.GRID)}  # backgrounds and grid lines carry no meaning alone


def marks(fig):
    """(colour, what) of every mark: lines, markers, bars, in the plot and the legends."""
    for ax in fig.axes:
        legend_artists = []
        if ax.get_legend() is not None:
            legend_artists = list(ax.get_legend().legend_handles)
        grid = set(ax.get_xgridlines()) | set(ax.get_ygridlines())
        for artist in list(ax.get_children()) + legend_artists:
            if isinstance(artist, Line2D) and artist not in grid and artist.get_visible():
                if artist.get_linestyle() not in ("None", "none", "") and artist.get_linewidth() > 0:
                    yield artist.get_color(), "line"
                if artist.get_marker() not in (None, "None", "none", ""):
                    yield artist.get_markeredgecolor(), "marker"
            elif isinstance(artist, Rectangle) and artist.get_visible() and artist is not ax.patch:
                if artist.get_width() == 0 or artist.get_height() == 0:
                    continue
                yield artist.get_facecolor(), "bar"
                if artist.get_linewidth() > 0:
                    yield artist.get_edgecolor(), "bar edge"


def test_every_mark_has_3_to_1_against_white_and_the_covid_band(drawn):
    bad = []
    for s, narrow, fig in drawn:
        for colour, what in marks(fig):
            rgb = to_rgb(colour)
            if rgb in EXEMPT:
                continue
            for bg in ("white", *([style.LIGHT_GREY] if s.options.get("covid") else [])):  # the covid band lies behind lines
                if contrast(rgb, bg) < 3.0:
                    bad.append((s.kind, narrow, what, colour, bg, round(contrast(rgb, bg), 2)))
    assert bad == []


def test_every_text_has_4_5_to_1_against_what_it_is_drawn_on(drawn):
    bad = []
    for s, narrow, fig in drawn:
        bars = [p for ax in fig.axes for p in ax.patches if isinstance(p, Rectangle) and to_rgb(p.get_facecolor()) not in EXEMPT]
        for text in fig.findobj(plt.Text):
            if not text.get_visible() or not text.get_text().strip():
                continue
            x, y = text.get_position()
            under = "white"
            if text.axes is not None and text.get_transform() == text.axes.transData:
                for p in bars:
                    if p.axes is text.axes and p.get_x() <= x <= p.get_x() + p.get_width() and p.get_y() <= y <= p.get_y() + p.get_height():
                        under = p.get_facecolor()
            if contrast(text.get_color(), under) < 4.5:
                bad.append((s.kind, narrow, text.get_text(), text.get_color(), under))
    assert bad == []


def test_the_palette_itself():
    for colour in (style.NAVY, style.RASPBERRY, style.TEAL, style.ORANGE, style.GREY, style.KOMMUN_LINE):
        assert contrast(colour, "white") >= 3.0 and contrast(colour, style.LIGHT_GREY) >= 3.0, colour  # lines cross the covid band
    for colour in (style.AXIS, *style.ANSWER_COLOURS.values()):
        assert contrast(colour, "white") >= 3.0, colour
    for answer, colour in style.ANSWER_COLOURS.items():
        assert contrast(style.ANSWER_TEXT[answer], colour) >= 4.5, answer
    for colour in (style.TEXT, style.MUTED_TEXT):
        assert contrast(colour, "white") >= 4.5 and contrast(colour, style.LIGHT_GREY) >= 4.5


def nice(step: float) -> bool:
    mantissa = step / 10 ** math.floor(math.log10(step))
    return any(abs(mantissa - m) < 1e-6 for m in (1, 2, 2.5, 5, 10))


def test_value_axes_step_by_nice_numbers(drawn):
    for s, narrow, fig in drawn:
        for ax in fig.axes:
            if not ax.get_visible():
                continue
            value_axis = ax.xaxis if s.kind in ("bars", "stacked") else ax.yaxis
            ticks = value_axis.get_majorticklocs()
            steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
            assert all(nice(st) for st in steps), (s.kind, narrow, steps)


def test_grouped_bar_legend_lists_groups_in_the_order_of_the_bars():
    s = all_specs()[2]
    fig = draw.KINDS["bars"](s)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    # the y axis is inverted: the group drawn first sits on top
    assert names == ["2023", "2024"]
    plt.close(fig)


def test_years_have_one_colour_meaning_in_every_chart():
    """The latest year navy and filled, earlier years grey and open: in region charts and region dot charts alike."""
    for s in (all_specs()[1], all_specs()[5]):
        fig = draw.KINDS[s.kind](s)
        handles, labels = fig.axes[0].get_legend_handles_labels()
        for handle, label in zip(handles, labels):
            if not label.isdigit():
                continue
            face = to_rgb(handle.get_markerfacecolor())
            if label == "2024":
                assert face == to_rgb(style.NAVY), (s.kind, label)
            else:
                assert face == to_rgb("white") and to_rgb(handle.get_markeredgecolor()) == to_rgb(style.GREY), (s.kind, label)
        plt.close(fig)


@pytest.mark.parametrize("kind_index", [1, 5])
def test_a_zero_value_is_not_clipped_by_the_axis(kind_index):
    s = all_specs()[kind_index]
    fig = draw.KINDS[s.kind](s)
    points = [a for a in fig.axes[0].lines if a.get_marker() in ("o", "s", "^", "D", "v")]
    assert points and all(not a.get_clip_on() for a in points)
    plt.close(fig)


def test_the_covid_band_spans_the_catalogue_s_pandemic():
    # The band follows the period it is given (indicators.toml's [pandemic]), drawn half a year early as values sit on the year.
    lo, hi = style.covid_span_years(PANDEMIC)
    assert (round(lo, 2), round(hi, 2)) == (2019.58, 2021.75)
    later = style.covid_span_years(Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31)))
    assert round(later[0], 2) == 2020.5 and round(later[1], 2) == 2021.5
