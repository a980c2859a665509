"""What a table is before it is written: formatted cells, caption, source."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from naravard.analysis.quantity import Quantity


@dataclass
class TableSpec:
    key: str
    title: str
    frame: pd.DataFrame  # formatted strings; first column labels
    subtitle: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()
    align: list[str] | None = None
    numbered: bool = True  # Bilaga 3's per-question tables carry "Fråga N" instead of a number
    quantities: tuple[Quantity, ...] = ()
    number: int | None = field(default=None)
    widths: list[int] | None = None  # relative column widths for wide tables (None: pandoc decides)

    @property
    def label(self) -> str:
        return f"Tabell {self.number}." if self.numbered else ""

    @property
    def anchor(self) -> str:
        """A numbered table is a Quarto cross-reference target (``tbl-…``); the others are plain ids."""
        ident = self.key.replace("_", "-")
        return f"tbl-{ident}" if self.numbered else f"tabell-{ident}"
