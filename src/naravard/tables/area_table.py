"""An area profile's overview table: every measure's latest value beside riket's (and the län's),
its place among the areas, and whether it is better or worse, in words (never by colour alone)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from naravard.analysis.areas import AreaIndicator
from naravard.tables.spec import TableSpec
from naravard.text import phrases
from naravard.text.areas import rank_short, versus_word

MISSING_MARK = "–"


def _value(a: AreaIndicator) -> str:
    if not a.has_value:
        return "Uppgift saknas"
    text = phrases.short_value(a.latest.quantity)
    return f"{text} ({a.latest.year})" if a.older else text


def _change(a: AreaIndicator) -> str:
    if a.change is None:
        return MISSING_MARK
    word = {"better": "Förbättring", "worse": "Försämring", "unchanged": "Oförändrat"}.get(a.change.assessment or "", "")
    if not word:
        word = {"up": "Ökning", "down": "Minskning", "stable": "Oförändrat"}[a.change.direction]
    return f"{word} sedan {a.change.start_year}"


def _widths(kommun: bool, trend: bool) -> list[int]:
    """Relative column widths: room for "Förbättring sedan 2017" and "239–240 av 290" on few lines."""
    if kommun:  # Mått, År, kommun, Länet, Riket, Jämfört, Plats, Plats i länet, Utveckling (, Trend)
        return [17, 5, 9, 8, 8, 9, 12, 9, 16] + ([9] if trend else [])
    return [23, 5, 10, 8, 9, 11, 17] + ([10] if trend else [])


def area_overview_table(results: Sequence[AreaIndicator], *, key: str, label: str,
                        trend: Callable[[AreaIndicator], str] | None = None) -> TableSpec:
    """*label* heads the area's column ("Kalmar län", "Gotland"); *trend* gives the "Trend"
    column's cell of a measure (its sparkline, as markdown), or None for no such column."""
    kommun = bool(results) and results[0].area.level == "kommun"
    # The län's columns only where there is a län to show (Gotland is its län's only kommun: none)
    county = kommun and any(a.county is not None or a.county_rank is not None for a in results)
    rows, quantities = [], []
    for a in results:
        row = {"Mått": a.indicator.short_name, "År": str(a.year), label: _value(a)}
        if county:
            row["Länet"] = phrases.short_value(a.county.quantity) if a.county is not None and a.county.quantity is not None else MISSING_MARK
        row["Riket"] = phrases.short_value(a.riket.quantity) if a.riket is not None and a.riket.quantity is not None else MISSING_MARK
        row["Jämfört med riket"] = versus_word(a.versus_riket)
        row["Plats"] = rank_short(a.rank) if a.rank is not None else MISSING_MARK
        if county:
            row["Plats i länet"] = rank_short(a.county_rank) if a.county_rank is not None else MISSING_MARK
        row["Utveckling"] = _change(a)
        if trend is not None:
            row["Trend"] = trend(a) or MISSING_MARK
        rows.append(row)
        quantities += [p.quantity for p in (a.latest, a.riket, a.county) if p is not None and p.quantity is not None]
    frame = pd.DataFrame(rows, dtype=object)  # object: a sparkline cell stays Markdown (pandas would make it str)
    best = "Plats 1 är det bästa värdet; för mått utan önskad riktning det lägsta. Delade platser anges som ett intervall."
    return TableSpec(
        key=key,
        title=f"Resultatprofil för {label}",
        subtitle="Senaste värde för varje mått jämfört med riket" + (" och länet" if county else "") + ", med plats bland "
        + ("kommunerna" if kommun else "regionerna") + " och utvecklingen sedan basåret.",
        frame=frame,
        align=["l"] + ["r"] * (frame.shape[1] - 1) if len(frame) else None,
        notes=(best,) + ((f"I kolumnen Trend visar den heldragna linjen {label} och den streckade riket, från det första "
                          "året med värde till det senaste; punkten är det senaste värdet.",) if trend else ()),
        widths=_widths(county, trend is not None) if len(frame) else None,
        quantities=tuple(quantities),
    )
