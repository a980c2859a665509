"""What a figure is before it is drawn: data, texts and the chart to make.

A :class:`FigureSpec` is built from results (``indicator_figures``,
``survey_figures``); the same object yields the caption, the subtitle, the
source line, the alt text, the data table shown beside the figure in HTML and
the CSV in the output, and the drawing. So none of them can disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from naravard.analysis.quantity import Quantity


@dataclass
class FigureSpec:
    key: str  # stable file stem: "oplanerade_aterinskrivningar-trend"
    kind: str  # drawing routine in naravard.figures.draw
    title: str  # after "Figur N."
    subtitle: str  # population and unit, one sentence
    source: str  # "Källa: …"
    alt: str  # alt text written from the data
    data: pd.DataFrame  # tidy numeric data the chart draws
    table: pd.DataFrame  # the same data for readers (formatted strings, first column = labels)
    options: dict = field(default_factory=dict)
    quantities: tuple[Quantity, ...] = ()  # every value the figure shows
    note: str = ""  # printed between chart and source ("* …")
    number: int | None = None  # assigned when the figure is placed in the report
    printed_quantities: tuple[Quantity, ...] = ()  # values its builder printed (alt text, notes), for the manifest

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z0-9_\-]+", self.key):
            raise ValueError(f"figure key {self.key!r}: use a–z, 0–9, '_' and '-' only")
        for name in ("title", "source", "alt"):
            if not getattr(self, name).strip():
                raise ValueError(f"figure {self.key} has no {name}")

    @property
    def label(self) -> str:
        return f"Figur {self.number}." if self.number is not None else "Figur."

    @property
    def anchor(self) -> str:
        """The Quarto cross-reference id (``fig-…``): ``@fig-…`` in the text refers to it."""
        return "fig-" + self.key.replace("_", "-")
