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
