"""Diagramunderlag: every figure's data in one Excel workbook, as agencies publish it.

One sheet per figure ("Figur 12"), after a contents sheet. Each sheet holds
the figure's caption and subtitle above its data table, and its notes and
source line below, so a sheet stands on its own when it is copied out.

The cells come from the same table the HTML shows beside the figure and the
CSV holds, so they cannot disagree, but numbers are stored as numbers: a
column whose cells all read as numbers ("10,0 %", "4 245 026") becomes a
numeric column with a Swedish-style display format (percentages as Excel
percentages, thousands grouped, the printed decimals), and a column of ranges
("406–434", a confidence interval) becomes two numeric columns, lower and
upper limit. Missing values stay empty cells. Text is always stored as text,
so a label that looks like a formula ("=…") is never evaluated.

The workbook is deterministic: fixed document dates and zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from naravard.figures.spec import FigureSpec
from naravard.render.zipfix import normalise_zip

CONTENTS = "Innehåll"
MISSING = {"", "–", "-", "..", "…", "·"}
_NUMBER = r"[−-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|[−-]?\d+(?:,\d+)?"
_CELL = re.compile(rf"^(?P<n>{_NUMBER})(?P<pct>\s?%)?$")
_RANGE = re.compile(rf"^(?P<a>{_NUMBER})\s?[–—-]\s?(?P<b>{_NUMBER})(?P<pct>\s?%)?$")
BOLD = Font(bold=True)


@dataclass(frozen=True)
class Number:
    value: float
    decimals: int
    percent: bool


def parse_number(text: str) -> Number | None:
    """``'10,0 %'`` -> Number(0.1, 1, True); ``'4 245 026'`` -> Number(4245026, 0, False); text -> None."""
    m = _CELL.match(text.strip())
    return _number(m.group("n"), bool(m.group("pct"))) if m else None


def parse_range(text: str) -> tuple[Number, Number] | None:
    """``'406–434'`` or ``'54–60 %'`` -> the two limits."""
    m = _RANGE.match(text.strip())
    if not m:
        return None
    pct = bool(m.group("pct"))
    return _number(m.group("a"), pct), _number(m.group("b"), pct)


def _number(text: str, percent: bool) -> Number:
    digits = re.sub(r"[ \u00a0\u202f]", "", text).replace("−", "-").replace(",", ".")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits)
    if percent:
        value = round(value / 100, decimals + 2)
    return Number(value, decimals, percent)


def number_format(decimals: int, percent: bool) -> str:
    """Excel's format code; Swedish Excel shows it with a decimal comma and a space for thousands."""
    body = "#,##0" + ("." + "0" * decimals if decimals else "")
    return (("0" + ("." + "0" * decimals if decimals else "")) + " %") if percent else body


@dataclass
class Column:
    header: str
    cells: list  # Number | None (missing) | str
    kind: str  # "number" | "text"


def columns(spec: FigureSpec) -> list[Column]:
    """The figure's table as typed columns: numeric where every value reads as one number, split where
    every value is a range, text otherwise."""
    out: list[Column] = []
    frame = spec.table
    for i, header in enumerate(frame.columns):
        raw = [str(v).strip() for v in frame.iloc[:, i]]
        present = [t for t in raw if t not in MISSING]
        if i > 0 and present and all(parse_number(t) for t in present):
            out.append(Column(str(header), [parse_number(t) if t not in MISSING else None for t in raw], "number"))
        elif i > 0 and present and all(parse_range(t) for t in present):
            pairs = [parse_range(t) if t not in MISSING else (None, None) for t in raw]
            out.append(Column(f"{header}, nedre gräns", [p[0] for p in pairs], "number"))
            out.append(Column(f"{header}, övre gräns", [p[1] for p in pairs], "number"))
        else:
            out.append(Column(str(header), raw, "text"))
    return out


def _text(cell, value: str) -> None:
    """Store *value* as a string, whatever it starts with (never a formula)."""
    cell.value = value
    cell.data_type = "s"


def figure_sheet(wb: Workbook, spec: FigureSpec) -> None:
    ws = wb.create_sheet(f"Figur {spec.number}")
    _text(ws.cell(1, 1), f"Figur {spec.number}. {spec.title}")
    ws.cell(1, 1).font = BOLD
    row = 2
    if spec.subtitle:
        _text(ws.cell(row, 1), spec.subtitle)
        row += 1
    row += 1
    cols = columns(spec)
    for c, col in enumerate(cols, 1):
        _text(ws.cell(row, c), col.header)
        ws.cell(row, c).font = BOLD
        ws.cell(row, c).alignment = Alignment(wrap_text=True, vertical="bottom")
    header_row = row
    for r in range(len(spec.table)):
        row += 1
        for c, col in enumerate(cols, 1):
            value = col.cells[r]
            cell = ws.cell(row, c)
            if isinstance(value, Number):
                cell.value = value.value
                cell.number_format = number_format(value.decimals, value.percent)
            elif isinstance(value, str) and value not in MISSING:
                _text(cell, value)
    row += 1
    for line in (spec.note, spec.source):
        if line:
            row += 1
            _text(ws.cell(row, 1), line)
    ws.freeze_panes = ws.cell(header_row + 1, 2)
    for c, col in enumerate(cols, 1):
        longest = max([len(col.header) // 2 + 1] + [len(str(v.value if isinstance(v, Number) else v or "")) for v in col.cells])
        ws.column_dimensions[get_column_letter(c)].width = min(60, max(10, longest + 2))


def write_workbook(figures: list[FigureSpec], settings, path: Path) -> Path:
    """The diagramunderlag of *figures* (placed and numbered) into *path*."""
    wb = Workbook()
    toc = wb.active
    toc.title = CONTENTS
    _text(toc.cell(1, 1), f"Diagramunderlag: {settings.title} {settings.publication_year}")
    toc.cell(1, 1).font = Font(bold=True, size=13)
    _text(toc.cell(2, 1), f"{settings.publisher}. Varje figurs data på ett eget blad.")
    for c, head in enumerate(("Figur", "Rubrik", "Källa"), 1):
        _text(toc.cell(4, c), head)
        toc.cell(4, c).font = BOLD
    for i, spec in enumerate(sorted(figures, key=lambda s: s.number or 0), 5):
        figure_sheet(wb, spec)
        link = toc.cell(i, 1)
        _text(link, f"Figur {spec.number}")
        link.hyperlink = f"#'Figur {spec.number}'!A1"
        link.style = "Hyperlink"
        _text(toc.cell(i, 2), spec.title)
        _text(toc.cell(i, 3), spec.source)
    toc.column_dimensions["A"].width = 10
    toc.column_dimensions["B"].width = 90
    toc.column_dimensions["C"].width = 50
    when = dt.datetime(settings.published.year, settings.published.month, settings.published.day, 12, 0, 0)
    wb.properties.creator = settings.publisher
    wb.properties.title = f"Diagramunderlag: {settings.title}"
    wb.properties.language = "sv-SE"
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.lastModifiedBy = settings.publisher
    path.parent.mkdir(parents=True, exist_ok=True)
    # Workbook.save stamps the current time as "modified"; the writer itself keeps ours.
    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    normalise_zip(path)
    return path
