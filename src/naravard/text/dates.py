"""Swedish dates as the report prints them."""

from __future__ import annotations

import datetime as dt

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december")


def long_date(d: dt.date) -> str:
    """``'29 augusti 2025'``."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month_year(d: dt.date) -> str:
    """``'augusti 2025'``."""
    return f"{MONTHS[d.month - 1]} {d.year}"


def month_name(month: int) -> str:
    """``'augusti'`` for 8."""
    return MONTHS[int(month) - 1]


# The seasons as the report names a period that lies within one (vintern spans two years, so it is named by its months).
SEASONS = {"våren": (3, 5), "sommaren": (6, 8), "hösten": (9, 11)}


def period(start: dt.date, end: dt.date) -> str:
    """When something happened, with its preposition: ``'under våren 2025'``,
    ``'i mars 2025'``, ``'mellan mars och juni 2025'``, ``'mellan november 2024 och februari 2025'``."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    if (start.year, start.month) == (end.year, end.month):
        return f"i {month_year(start)}"
    if start.year == end.year:
        for season, (first, last) in SEASONS.items():
            if first <= start.month and end.month <= last:
                return f"under {season} {start.year}"
        return f"mellan {month_name(start.month)} och {month_year(end)}"
    return f"mellan {month_year(start)} och {month_year(end)}"
