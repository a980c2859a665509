"""Bilaga 1's table of response rates, from the survey method's values."""

from __future__ import annotations

import pandas as pd

from naravard.analysis.method import MethodResults
from naravard.tables.spec import TableSpec
from naravard.text import numbers
from naravard.text.dates import long_date

LABELS = {"regioner": "Regionerna", "rss": "RSS", "kommuner": "Kommunerna", "extrafraga": "Kommunerna (extrafråga)"}
COLUMNS = ("Enkät", "Tillfrågade", "Svarande", "Svarsfrekvens", "Insamlingsperiod")


def _period(start, end) -> str:
    return "" if start is None or end is None else f"{long_date(start)}{numbers.EN_DASH}{long_date(end)}"


def response_rate_table(method: MethodResults, *, key: str = "svarsfrekvens", title: str = "Svarsfrekvens för enkäterna", **kw) -> TableSpec:
    rows, quantities = [], []
    for survey, asked, answered, rate, start, end in method.response_rows():
        rows.append((LABELS.get(survey, survey), numbers.count(int(asked.value)), numbers.count(int(answered.value)),
                     numbers.percent_sign(rate.value, rate.decimals), _period(start, end)))
        quantities += [asked, answered, rate]
    kw.setdefault("align", ["l", "r", "r", "r", "l"])
    return TableSpec(key=key, title=title, frame=pd.DataFrame(rows, columns=list(COLUMNS)), quantities=tuple(quantities), **kw)
