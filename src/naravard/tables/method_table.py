"""Bilaga 1's table of response rates, from the survey method's values."""

from __future__ import annotations

import pandas as pd

from naravard.analysis.method import MethodResults
from naravard.tables.spec import TableSpec
from naravard.text import numbers
from naravard.text.dates import long_date

LABELS = {"regioner": "Regionerna", "rss": "RSS", "kommuner": "Kommunerna", "extrafraga": "Kommunerna (extrafråga)"}
COLUMNS = ("Enkät", "Tillfrågade", "Svarande", "Svarsfrekvens", "Insamlingsperiod")
SUBTITLE = "Antal tillfrågade och svarande samt svarsfrekvens per enkät, och insamlingsperiod."
SOURCE = "Källa: Socialstyrelsens enkäter till regioner, RSS och kommuner om god och nära vård {year}."
OWNERS = {"regioner": "Regionernas", "rss": "RSS", "kommuner": "Kommunernas"}  # whose survey (genitive)


def _period(start, end) -> str:
    return "" if start is None or end is None else f"{long_date(start)}{numbers.EN_DASH}{long_date(end)}"


def response_rate_table(method: MethodResults, year: int, *, key: str = "svarsfrekvens", title: str = "Svarsfrekvens för enkäterna",
                        **kw) -> TableSpec:  # fmt: skip
    """The table of Bilaga 1; its subtitle, source (for *year*) and the note on surveys answered through
    another survey are the defaults unless the template gives its own."""
    kw.setdefault("subtitle", SUBTITLE)
    kw.setdefault("source", SOURCE.format(year=year))
    kw.setdefault("notes", via_notes(method))
    rows, quantities = [], []
    for survey, asked, answered, rate, start, end in method.response_rows():
        rows.append((LABELS.get(survey, survey), numbers.count(int(asked.value)), numbers.count(int(answered.value)),
                     numbers.percent_sign(rate.value, rate.decimals), _period(start, end)))
        quantities += [asked, answered, rate]
    kw.setdefault("align", ["l", "r", "r", "r", "l"])
    return TableSpec(key=key, title=title, frame=pd.DataFrame(rows, columns=list(COLUMNS)), quantities=tuple(quantities), **kw)


def via_notes(method: MethodResults) -> tuple[str, ...]:
    """Kommunernas enkät besvarades via RSS och ingår i svaren från RSS (one note per survey answered through another)."""
    return tuple(f"{OWNERS.get(s.key, s.key)} enkät besvarades via {OWNERS.get(s.via, s.via)} och ingår i svaren från {OWNERS.get(s.via, s.via)}."
                 for s in method.surveys.values() if s.via)  # fmt: skip
