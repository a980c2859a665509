"""Drawing: a FigureSpec becomes SVG (HTML, PDF), PNG (DOCX) and CSV (its data).

One routine per chart kind, all in the house style. Drawing runs in worker
processes, so everything here works from the spec alone.
"""

from __future__ import annotations

import dataclasses
import math
import textwrap
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from naravard.figures import style
from naravard.figures.spec import FigureSpec
from naravard.text import escape, numbers, units

style.apply()
import matplotlib.pyplot as plt  # noqa: E402  (after the style sets the backend)
from matplotlib import patheffects  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

# Tick steps a reader can count in: 1, 2, 2,5 or 5 times a power of ten.
NICE_STEPS = [1, 2, 2.5, 5, 10]

# The width the routines draw at: the PDF's full width, or the phone rendition
# of the HTML (see `narrow`). Drawing runs one figure at a time per process.
_width = {"in": style.WIDTH_IN}


@contextmanager
def narrow():
    """Draw at the phone width: rotated labels stand upright, long labels wrap sooner."""
    _width["in"] = style.NARROW_WIDTH_IN
    try:
        yield
    finally:
        _width["in"] = style.WIDTH_IN


def _is_narrow() -> bool:
    return _width["in"] < style.WIDTH_IN


def _locator(nbins: int = 6) -> MaxNLocator:
    return MaxNLocator(nbins=nbins if not _is_narrow() else min(nbins, 5), steps=NICE_STEPS, min_n_ticks=3)


def _tick_decimals(ax, axis: str = "y") -> int:
    """The fewest decimals that print every tick exactly (a step of 2,5 needs one)."""
    ticks = ax.get_yticks() if axis == "y" else ax.get_xticks()
    for decimals in range(4):
        scale = 10**decimals
        if all(abs(t * scale - round(t * scale)) < 1e-6 for t in ticks):
            return decimals
    return 3


def _swedish_axis(ax, axis: str = "y", suffix: str = "") -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(_locator())
    decimals = _tick_decimals(ax, axis)  # the locator's ticks for the limits as they are: no drawing needed
    target.set_major_formatter(FuncFormatter(lambda x, _p: numbers.number(x, decimals) + suffix))


def _new(height: float):
    fig, ax = plt.subplots(figsize=(_width["in"], height), layout="constrained")
    return fig, ax


# ---- trend ----------------------------------------------------------------------------------


def _trend(spec: FigureSpec):
    data = spec.data
    fig, ax = _new(3.6)
    periods = spec.options.get("periods")
    labels = list(dict.fromkeys(data.sort_values("year").label))
    xs_of = {lab: i for i, lab in enumerate(labels)} if periods else None
    styles = iter(style.SERIES_STYLES)
    for name, group in data.groupby("series", sort=False):
        st = style.SEX_STYLE.get(group["sex"].iloc[0]) if "sex" in group else None
        st = st or next(styles)
        group = group.sort_values("year")
        x = [xs_of[lab] for lab in group.label] if periods else group.year.to_numpy(dtype=float)
        ax.plot(x, group.value.to_numpy(dtype=float), label=name, clip_on=False, **st)
    if periods:
        ax.set_xticks(range(len(labels)), labels)
    else:
        years = sorted(data.year.unique())
        step = (1 if len(years) <= 12 else 2) if not _is_narrow() else (1 if len(years) <= 6 else 2 if len(years) <= 12 else 3)
        ax.set_xticks(years[::step] if years[-1] in years[::step] else years[::-step][::-1])
        ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
        if spec.options.get("covid"):
            _covid_band(ax, spec.options["covid"], years[0], years[-1])
    ax.xaxis.grid(False)
    u = units.unit(spec.options["unit"])
    ax.set_ylabel(u.axis_label)
    _pad_limits(ax, data.value.dropna().to_numpy(dtype=float))
    _swedish_axis(ax, "y")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.06), ncol=_legend_columns(list(dict.fromkeys(data.series))), handlelength=2.6)
    return fig


def _legend_columns(labels, wide: int = 6) -> int:
    """Legend columns: up to *wide* at full width; on a phone two short entries a row, or one long one."""
    labels = [str(x) for x in labels]
    if not _is_narrow():
        return max(1, min(len(labels), wide))
    return 2 if len(labels) > 1 and max(len(x) for x in labels) <= 14 else 1


def _region_ticks(ax, x, labels) -> None:
    """Region names under the axis: slanted at full width, upright on a phone."""
    if _is_narrow():
        ax.set_xticks(x, labels, rotation=90, ha="center", fontsize=8.5)
    else:
        ax.set_xticks(x, labels, rotation=55, ha="right", rotation_mode="anchor")


def _pad_limits(ax, values: np.ndarray, *, zero: bool = False) -> None:
    if values.size == 0:
        return
    lo, hi = float(values.min()), float(values.max())
    span = hi - lo or abs(hi) or 1.0
    lower = 0.0 if zero or (lo >= 0 and lo - 0.35 * span <= 0) else lo - 0.25 * span
    ax.set_ylim(lower, hi + 0.2 * span)


# ---- regions --------------------------------------------------------------------------------


def _regions(spec: FigureSpec):
    data = spec.data.sort_values("order")
    fig, ax = _new(3.9)
    x = np.arange(len(data))
    base_year, latest_year = spec.options["base_year"], spec.options["latest_year"]
    if data.base.notna().any() and base_year != latest_year:
        ax.plot(x, data.base.to_numpy(dtype=float), linestyle="none", marker="o", markersize=6.5, clip_on=False,
                markerfacecolor="white", markeredgecolor=style.GREY, markeredgewidth=1.4, label=str(base_year), zorder=3)
    has_ci = data.ci_lower.notna().any()
    if has_ci:
        lo = data.latest.to_numpy(dtype=float) - data.ci_lower.to_numpy(dtype=float)
        hi = data.ci_upper.to_numpy(dtype=float) - data.latest.to_numpy(dtype=float)
        ax.errorbar(x, data.latest.to_numpy(dtype=float), yerr=np.vstack([lo, hi]), fmt="none", ecolor=style.TEXT,
                    elinewidth=0.9, capsize=2.2, label="95 % konfidensintervall", zorder=2)
    ax.plot(x, data.latest.to_numpy(dtype=float), linestyle="none", marker="o", markersize=6.5, color=style.NAVY,
            label=str(latest_year), zorder=4, clip_on=False)
    national = spec.options.get("national")
    if national is not None:
        ax.axhline(national, color=style.NAVY, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1)
        ax.annotate(f"Riket {latest_year}: {units.short(national, spec.options['unit'], spec.options['decimals'])}",
                    xy=(1.0, national), xycoords=("axes fraction", "data"), xytext=(0, 3), textcoords="offset points",
                    ha="right", va="bottom", fontsize=8.5, color=style.NAVY)
    _region_ticks(ax, x, data.region)
    ax.set_xlim(-0.7, len(data) - 0.3)
    ax.xaxis.grid(False)
    values = pd.concat([data.base, data.latest, data.ci_lower, data.ci_upper]).dropna().to_numpy(dtype=float)
    _pad_limits(ax, values)
    ax.set_ylabel(units.unit(spec.options["unit"]).axis_label)
    _swedish_axis(ax, "y")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncol=_legend_columns(ax.get_legend_handles_labels()[1], 3))
    if spec.options.get("direction") and not _is_narrow():
        # Above the plot, level with the legend: below it, it would collide with long region names.
        ax.text(1.0, 1.035, "\u2190 bättre värde till vänster", transform=ax.transAxes, fontsize=8.5, color=style.MUTED_TEXT,
                ha="right", va="bottom")
    return fig


# ---- bars -----------------------------------------------------------------------------------


def _wrap(label: str, width: int = 44) -> str:
    if _is_narrow():
        width = min(width, 22)
    return "\n".join(textwrap.wrap(label, width)) or label


MAX_BARS_HEIGHT_IN = 8.2  # a bar chart taller than this would not fit an A4 page with its caption


def _bars(spec: FigureSpec):
    data = spec.data
    groups = spec.options.get("groups") or [None]
    labels = list(dict.fromkeys(data.label))
    n, g = len(labels), len(groups)
    height = max(1.8, 0.45 + n * (0.28 + 0.2 * g))
    many = height > MAX_BARS_HEIGHT_IN  # e.g. Bilaga 3's ~30 kommun insatser: tighter rows, fits one page
    if many:
        height = max(MAX_BARS_HEIGHT_IN, 0.45 + n * 0.26)
    fig, ax = _new(height)
    if many:
        ax.tick_params(axis="y", labelsize=8.5)
    bar_h = 0.78 / g
    colours = [style.GREY, style.NAVY] if g == 2 else [style.NAVY] * g
    hatches = ["////", None] if g == 2 else [None] * g
    value_format = spec.options.get("value_format", "count")
    if n == 1 and g == 1 and value_format != "count":
        # A single share is read against the whole: the bar sits in an outlined 100 %.
        ax.barh([0], [spec.options["axis_max"]], height=bar_h * 0.92, color="white", edgecolor=style.GREY, linewidth=1.0, zorder=0)
    for j, grp in enumerate(groups):
        sub = data if grp is None else data[data.group.astype(str) == str(grp)]
        vals = [float(sub[sub.label == lab].value.iloc[0]) for lab in labels]
        y = np.arange(n) - 0.39 + bar_h * (j + 0.5)
        bars = ax.barh(y, vals, height=bar_h * 0.92, color="white" if hatches[j] else colours[j], edgecolor=colours[j],
                       hatch=hatches[j], linewidth=1.0, label=str(grp) if grp is not None else None)
        for rect, v in zip(bars, vals):
            text = numbers.count(int(round(v))) if value_format == "count" else numbers.percent_sign(v)
            ax.text(rect.get_width() + spec.options["axis_max"] * 0.01, rect.get_y() + rect.get_height() / 2, text,
                    va="center", ha="left", fontsize=8.5, color=style.TEXT)
    ax.set_yticks(np.arange(n), [_wrap(lab) for lab in labels])
    ax.invert_yaxis()
    ax.set_xlim(0, spec.options["axis_max"] * 1.08)
    ax.grid(axis="x", color=style.GRID, linewidth=0.6)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(spec.options.get("axis_label", ""))
    _swedish_axis(ax, "x")
    if g > 1:  # in the order of the bars, top to bottom
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncol=g)
    return fig


def _stacked(spec: FigureSpec):
    data = spec.data
    labels = list(dict.fromkeys(data.label))
    answers = spec.options["answers"]
    n = len(labels)
    lines = sum(max(1, _wrap(lab).count("\n") + 1) for lab in labels)
    fig, ax = _new(max(1.8, 0.7 + 0.5 * n, 0.7 + 0.19 * lines + 0.2 * n))
    left = np.zeros(n)
    for a in answers:
        vals = np.array([float(data[(data.label == lab) & (data.answer == a)].value.iloc[0]) for lab in labels])
        colour = style.ANSWER_COLOURS.get(a, style.GREY)
        bars = ax.barh(np.arange(n), vals, left=left, color=colour, edgecolor="white", linewidth=1.0, label=a, height=0.62)
        for rect, v in zip(bars, vals):
            if v > 0:
                ax.text(rect.get_x() + rect.get_width() / 2, rect.get_y() + rect.get_height() / 2, numbers.count(int(v)),
                        ha="center", va="center", fontsize=8.5, color=style.ANSWER_TEXT.get(a, "white"))
        left += vals
    ax.set_yticks(np.arange(n), [_wrap(lab) for lab in labels])
    ax.invert_yaxis()
    ax.set_xlim(0, spec.options["axis_max"])
    ax.grid(axis="x", color=style.GRID, linewidth=0.6)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(spec.options.get("axis_label", ""))
    _swedish_axis(ax, "x")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncol=_legend_columns(answers))
    return fig


def _covid_band(ax, period, first: float, last: float, label: bool = True) -> None:
    lo, hi = style.covid_span_years(period)
    if first > hi or last < lo:
        return
    ax.axvspan(max(lo, first - 0.4), min(hi, last + 0.4), color=style.LIGHT_GREY, zorder=0, lw=0)
    if label:
        ax.text((max(lo, first - 0.4) + min(hi, last + 0.4)) / 2, 1.0, style.COVID_LABEL, transform=ax.get_xaxis_transform(),
                ha="center", va="bottom", fontsize=8, color=style.MUTED_TEXT)


def _multiples(spec: FigureSpec):
    """One small panel per indicator, a shared value axis, zero = the base year."""
    data = spec.data
    names = list(dict.fromkeys(data.sort_values("order").indicator))
    cols = (4 if len(names) > 6 else 3) if not _is_narrow() else 2
    rows = math.ceil(len(names) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(_width["in"], 1.75 * rows + 0.5), sharey=True, layout="constrained")
    axes = np.atleast_1d(axes).ravel()
    lo = min(0.0, float(data.value.min()))
    hi = max(0.0, float(data.value.max()))
    span = hi - lo or 1.0
    years = sorted(data.year.unique())
    for ax, name in zip(axes, names):
        sub = data[data.indicator == name].sort_values("year")
        ax.axhline(0, color=style.GREY, linewidth=0.8, zorder=1)  # crosses the covid band: 4.2:1 there
        if spec.options.get("covid"):
            _covid_band(ax, spec.options["covid"], years[0], years[-1], label=False)
        ax.plot(sub.year, sub.value, color=style.NAVY, marker="o", markersize=3, linewidth=1.6, zorder=3)
        last = sub.iloc[-1]
        ax.annotate(numbers.signed(last.value, 0) + "\u00a0%", xy=(last.year, last.value), xytext=(2, 4 if last.value >= 0 else -9),
                    textcoords="offset points", fontsize=7.5, color=style.NAVY)
        ax.set_title(_wrap(name, 26), fontsize=7.8, loc="left", color=style.TEXT)
        ax.set_xlim(years[0] - 0.5, years[-1] + 1.5)
        ax.set_xticks([years[0], years[-1]], [str(years[0]), str(years[-1])])
        ax.tick_params(labelsize=7.5)
        ax.xaxis.grid(False)
    for ax in axes[len(names):]:
        ax.set_visible(False)
    axes[0].set_ylim(lo - 0.12 * span, hi + 0.18 * span)
    axes[0].yaxis.set_major_locator(MaxNLocator(nbins=4, steps=NICE_STEPS))
    axes[0].yaxis.set_major_formatter(FuncFormatter(lambda x, _p: numbers.signed(x, 0)))
    fig.supylabel("Förändring mot basåret (%)  ·  uppåt = förbättring", fontsize=8)
    grey_patch = plt.Rectangle((0, 0), 1, 1, color=style.LIGHT_GREY)
    fig.legend([grey_patch], [style.COVID_LABEL], loc="outside lower right", fontsize=7.5, frameon=False)
    return fig


def _region_dots(spec: FigureSpec):
    data = spec.data
    labels = spec.options["labels"]
    regions = list(dict.fromkeys(data.sort_values("order").region))
    fig, ax = _new(3.9)
    x = np.arange(len(regions))
    markers = [dict(marker="o", color=style.NAVY, markerfacecolor=style.NAVY),
               dict(marker="o", color=style.GREY, markerfacecolor="white"),
               dict(marker="s", color=style.RASPBERRY, markerfacecolor=style.RASPBERRY),
               dict(marker="^", color=style.TEAL, markerfacecolor=style.TEAL),
               dict(marker="D", color=style.ORANGE, markerfacecolor="white")]
    if all(str(label).isdigit() for label in labels):
        # Years mean what they mean in every chart: the latest navy and filled,
        # earlier ones grey and open (square, triangle … going back).
        earlier = [dict(marker=m, color=style.GREY, markerfacecolor="white") for m in ("o", "s", "^", "D", "v")]
        order = sorted(range(len(labels)), key=lambda i: int(labels[i]), reverse=True)
        markers = [None] * len(labels)
        for rank, i in enumerate(order):
            markers[i] = dict(marker="o", color=style.NAVY, markerfacecolor=style.NAVY) if rank == 0 else earlier[(rank - 1) % len(earlier)]
    offsets = np.linspace(-0.18, 0.18, len(labels)) if len(labels) > 1 else [0.0]
    for s, label in enumerate(labels):
        sub = data[data.series == label].set_index("region").reindex(regions)
        m = markers[s % len(markers)]
        xs = x + offsets[s]
        if sub.ci_lower.notna().any():
            v = sub.value.to_numpy(dtype=float)
            err = np.vstack([v - sub.ci_lower.to_numpy(dtype=float), sub.ci_upper.to_numpy(dtype=float) - v])
            ax.errorbar(xs, v, yerr=err, fmt="none", ecolor=style.TEXT, elinewidth=0.8, capsize=2, zorder=2)
        ax.plot(xs, sub.value.to_numpy(dtype=float), linestyle="none", markersize=6, markeredgewidth=1.3, clip_on=False,
                markeredgecolor=m["color"], marker=m["marker"], markerfacecolor=m["markerfacecolor"], label=label, zorder=3)
    _region_ticks(ax, x, regions)
    ax.set_xlim(-0.7, len(regions) - 0.3)
    ax.xaxis.grid(False)
    values = pd.concat([data.value, data.ci_lower, data.ci_upper]).dropna().to_numpy(dtype=float)
    _pad_limits(ax, values)
    ax.set_ylabel(units.unit(spec.options["unit"]).axis_label)
    _swedish_axis(ax, "y")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncol=_legend_columns(labels, 3))
    return fig


def _kommuner(spec: FigureSpec):
    data = spec.data
    fig, ax = _new(3.6)
    years = sorted(data.year.unique())
    if spec.options.get("covid"):
        _covid_band(ax, spec.options["covid"], years[0], years[-1])
    for _, sub in data.groupby("code"):
        sub = sub.sort_values("year")
        ax.plot(sub.year, sub.value, color=style.KOMMUN_LINE, linewidth=0.45, zorder=1)
    national = spec.options.get("national") or []
    if national:
        ys, vs = zip(*national)
        # A white edge sets the national line off from the mass of kommun lines (3:1 against what it crosses).
        ax.plot(ys, vs, color=style.NAVY, linewidth=2.6, marker="o", markersize=4, label="Riket", zorder=3,
                path_effects=[patheffects.withStroke(linewidth=5, foreground="white")])
    ax.plot([], [], color=style.KOMMUN_LINE, linewidth=0.8, label="En kommun")
    ax.set_xticks(years[::2] if len(years) > 8 else years)
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.xaxis.grid(False)
    _pad_limits(ax, data.value.to_numpy(dtype=float))
    ax.set_ylabel(units.unit(spec.options["unit"]).axis_label)
    _swedish_axis(ax, "y")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.06), ncol=2)
    return fig


KINDS = {
    "trend": _trend,
    "regions": _regions,
    "bars": _bars,
    "stacked": _stacked,
    "multiples": _multiples,
    "region_dots": _region_dots,
    "kommuner": _kommuner,
}


def _trend_wide_legend(spec: FigureSpec):
    """A trend chart with many or long series names: the legend wraps into two columns."""
    fig = _trend(spec)
    fig.axes[0].legend(loc="lower left", bbox_to_anchor=(0, 1.04), ncol=2 if not _is_narrow() else 1, handlelength=2.6)
    return fig


KINDS["trend_wide_legend"] = _trend_wide_legend


def _area_multiples(spec: FigureSpec):
    """An area profile's trends: one small panel per measure, the area's line beside riket's, each with its own axis."""
    data = spec.data
    names = list(dict.fromkeys(data.sort_values("order").indicator))
    cols = (3 if len(names) > 4 else max(1, min(2, len(names)))) if not _is_narrow() else 1
    rows = math.ceil(len(names) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(_width["in"], 1.55 * rows + 0.55), layout="constrained", squeeze=False)
    axes = axes.ravel()
    area, riket = spec.options["series"]
    for ax, name in zip(axes, names):
        sub = data[data.indicator == name]
        for label, st in ((riket, dict(color=style.RASPBERRY, linestyle="--", linewidth=1.3)),
                          (area, dict(color=style.NAVY, linewidth=1.8, marker="o", markersize=2.8))):
            line = sub[sub.series == label].sort_values("x")
            ax.plot(line.x.to_numpy(dtype=float), line.value.to_numpy(dtype=float), zorder=3, clip_on=False, **st)
        xs = sorted(sub.x.unique())
        labels = dict(zip(sub.x, sub.tick))
        ax.set_xticks([xs[0], xs[-1]] if len(xs) > 1 else xs, [labels[xs[0]], labels[xs[-1]]] if len(xs) > 1 else [labels[xs[0]]])
        ax.set_xlim(xs[0] - 0.5, xs[-1] + 0.5)
        ax.set_title(_wrap(name, 34), fontsize=7.8, loc="left", color=style.TEXT)
        ax.tick_params(labelsize=7.2)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=3, steps=NICE_STEPS))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: numbers.number(v, 0 if abs(v) >= 10 else 1)))
        ax.xaxis.grid(False)
    for ax in axes[len(names):]:
        ax.set_visible(False)
    handles = [plt.Line2D([], [], color=style.NAVY, linewidth=1.8, marker="o", markersize=2.8),
               plt.Line2D([], [], color=style.RASPBERRY, linestyle="--", linewidth=1.3)]
    fig.legend(handles, [area, riket], loc="outside upper left", ncol=2, fontsize=8, frameon=False)
    return fig


KINDS["area_multiples"] = _area_multiples


# ---- files ----------------------------------------------------------------------------------


def write_csv(spec: FigureSpec, path: Path) -> None:
    """The figure's data as Swedish Excel reads it: ';' separated, BOM, decimal comma.
    A text cell that Excel would run as a formula stays text (escape.spreadsheet_cell)."""
    table = spec.table.map(escape.spreadsheet_cell)
    table.columns = [escape.spreadsheet_cell(str(c)) for c in table.columns]
    path.write_text(table.to_csv(sep=";", index=False, lineterminator="\r\n"), encoding="utf-8-sig")


def _text(value):
    return escape.matplotlib_text(value) if isinstance(value, str) else value


def drawable(spec: FigureSpec) -> FigureSpec:
    """The spec with every text it draws (labels, series, answers) passed through
    ``escape.matplotlib_text``: data reaches matplotlib only as text."""
    data = spec.data.copy()
    for col in data.columns:
        if data[col].dtype == object:
            data[col] = data[col].map(_text)
    options = {
        k: [_text(v) for v in value] if isinstance(value, (list, tuple)) else _text(value) for k, value in spec.options.items()
    }
    return dataclasses.replace(spec, data=data, options=options)


NARROW_SUFFIX = "-smal"  # the phone rendition beside the figure: <key>-smal.svg


def draw(spec: FigureSpec, out_dir: Path) -> list[Path]:
    """Write ``<key>.svg``, ``<key>.png``, ``<key>.csv`` and the phone rendition
    ``<key>-smal.svg`` (for the HTML page on small screens) into *out_dir*."""
    try:
        routine = KINDS[spec.kind]
    except KeyError:
        raise ValueError(f"figure {spec.key}: no drawing routine for kind {spec.kind!r}") from None
    fig = routine(drawable(spec))
    svg, png, csv = (out_dir / f"{spec.key}{ext}" for ext in (".svg", ".png", ".csv"))
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    if spec.options.get("png", True):  # DOCX's rendition; a profile built without DOCX does without
        fig.savefig(png, format="png", dpi=style.PNG_DPI, metadata={"Software": None})
    plt.close(fig)
    with narrow():
        fig = routine(spec)
    small = out_dir / f"{spec.key}{NARROW_SUFFIX}.svg"
    fig.savefig(small, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    write_csv(spec, csv)
    return [p for p in (svg, png, csv, small) if p.exists()]


def _draw_one(args: tuple[FigureSpec, Path]) -> list[Path]:
    return draw(*args)


FIGURE_FILES = (".svg", ".png", ".csv", f"{NARROW_SUFFIX}.svg")


def figure_key(spec: FigureSpec) -> str:
    """Everything the drawing of *spec* depends on: what ``draw`` reads of the spec (key, kind,
    data with its types, table, options) and the drawing code's version (naravard's figures,
    text and fonts, matplotlib's version). Titles, captions and alt text are not drawn."""
    import matplotlib

    from naravard.cache import code_version, digest

    return digest(
        "figure", code_version("figures", "text", "fonts"), matplotlib.__version__,
        spec.key, spec.kind,
        spec.data.to_csv(lineterminator="\n"), [str(t) for t in spec.data.dtypes],
        spec.table.to_csv(lineterminator="\n"), [str(t) for t in spec.table.dtypes],
        sorted((str(k), repr(v)) for k, v in spec.options.items()),
    )


def draw_all(specs: Sequence[FigureSpec], out_dir: Path, *, workers: int | None = None, progress=None, cache=None) -> list[Path]:
    """Draw every figure into *out_dir*, in two processes when there are many; with a
    :class:`naravard.cache.Cache`, a figure whose key is cached is copied instead of drawn."""
    out_dir.mkdir(parents=True, exist_ok=True)
    keys = {s.key: figure_key(s) for s in specs} if cache is not None and cache.enabled else {}
    todo = [s for s in specs if not (keys and cache.fetch("figure", keys[s.key], out_dir))]
    drawn = draw_jobs([(s, out_dir) for s in todo], workers=workers, progress=progress)
    for spec, files in zip(todo, drawn):
        if keys:
            cache.store("figure", keys[spec.key], [(f, f.name) for f in files])
    return [p for s in specs for ext in FIGURE_FILES if (p := out_dir / f"{s.key}{ext}").exists()]


def draw_jobs(jobs: Sequence[tuple[FigureSpec, Path]], *, workers: int | None = None, progress=None,
              pool: Executor | None = None) -> list[list[Path]]:
    """Draw each (figure, folder) pair, in parallel processes when there are many: one pool for the
    figures of many books (the area profiles), the caller's *pool* when given (it stays open).
    Returns each job's files, in the jobs' order."""
    drawn: list[list[Path]] = []
    workers = workers if workers is not None else min(2, len(jobs))
    parallel = pool is not None or (workers > 1 and len(jobs) >= 4)
    own = parallel and pool is None
    if own:
        pool = ProcessPoolExecutor(max_workers=workers)
    results: Iterable[list[Path]] = pool.map(_draw_one, jobs, chunksize=2) if parallel else map(_draw_one, jobs)
    try:
        for i, files in enumerate(results, 1):
            drawn.append(files)
            if progress:
                progress.step(i, len(jobs))
    finally:
        if own:
            pool.shutdown()
    return drawn
