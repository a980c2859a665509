"""Diagramunderlag: every figure's data in one Excel workbook, as agencies publish it.

One sheet per figure ("Figur 12"), after a contents sheet. Each sheet holds
the figure's caption and subtitle above its data table, and its notes and
source line below, so a sheet stands on its own when it is copied out.

The cells come from the same table the HTML shows beside the figure and the
CSV holds, so they cannot disagree, but numbers are stored as numbers: a
column whose cells all read as numbers ("10,0 %", "4 245 026", "+12 %",
"5 092 kr") becomes a numeric column with a Swedish-style display format
(percentages as Excel percentages, thousands grouped, the printed decimals,
the unit), and parts that the page prints together become columns of their
own: a range ("406–434", a confidence interval) its lower and upper limit,
"3 av 21" the count and its total, "47 % (2023)" the value and its year.
Missing values stay empty cells. Text is always stored as text,
so a label that looks like a formula ("=…") is never evaluated.

The workbook is deterministic: fixed document dates and zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import astuple, dataclass
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.writer.excel import ExcelWriter

from naravard.figures.spec import FigureSpec
from naravard.render.zipfix import normalise_zip

CONTENTS = "Innehåll"
MISSING = {"", "–", "-", "..", "…", "·"}
_NUMBER = r"[+−-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|[+−-]?\d+(?:,\d+)?"
_UNIT = r"(?:[ \u00a0\u202f]?(?P<unit>%|kr|[a-zåäö]+))?"
_NOTE = r"(?:[ \u00a0\u202f]\((?P<note>[^()]+)\))?"
_CELL = re.compile(rf"^(?P<n>{_NUMBER}){_UNIT}{_NOTE}$")
_RANGE = re.compile(rf"^(?P<a>{_NUMBER})[ \u00a0\u202f]?[–—][ \u00a0\u202f]?(?P<b>{_NUMBER}){_UNIT}{_NOTE}$")
_COUNT = re.compile(r"^(?P<a>\d+) av (?P<b>\d+)$")
BOLD = Font(bold=True)


@dataclass(frozen=True)
class Number:
    value: float
    decimals: int
    unit: str = ""  # "%" (stored as an Excel percentage), "kr", … or ""

    @property
    def format(self) -> str:
        """Excel's format code; Swedish Excel shows it with a decimal comma and a space for thousands."""
        digits = "0" + ("." + "0" * self.decimals if self.decimals else "")
        if self.unit == "%":
            return digits + " %"
        return "#,##" + digits + (f' "{self.unit}"' if self.unit else "")


def parse_cell(text: str) -> list[tuple[str, object]] | None:
    """A table cell as typed parts: ``[("", Number)]``, a range as lower and upper limit, ``"3 av 21"`` as
    the count and its total, a trailing ``(2023)`` as its own part; None for text."""
    text = text.strip()
    if m := _COUNT.match(text):
        return [("", _number(m.group("a"), "")), ("av totalt", _number(m.group("b"), ""))]
    if m := _RANGE.match(text):
        unit = m.group("unit") or ""
        parts = [("nedre gräns", _number(m.group("a"), unit)), ("övre gräns", _number(m.group("b"), unit))]
    elif m := _CELL.match(text):
        parts = [("", _number(m.group("n"), m.group("unit") or ""))]
    else:
        return None
    note = m.group("note")
    if note:
        parts.append(("år", _number(note, "")) if note.isdigit() else ("anmärkning", note))
    return parts


def parse_number(text: str) -> Number | None:
    """``'10,0 %'`` -> Number(0.1, 1, "%"); ``'4 245 026'`` -> Number(4245026, 0); anything else -> None."""
    parts = parse_cell(text)
    return parts[0][1] if parts and len(parts) == 1 and isinstance(parts[0][1], Number) else None


def _number(text: str, unit: str) -> Number:
    digits = re.sub(r"[ \u00a0\u202f+]", "", text).replace("−", "-").replace(",", ".")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits)
    if unit == "%":
        value = round(value / 100, decimals + 2)
    elif decimals == 0:
        value = int(value)
    return Number(value, decimals, unit)


@dataclass
class Column:
    header: str
    cells: list  # Number | str | None (missing)
    kind: str  # "number" | "text"


@dataclass(frozen=True)
class Sheet:
    """What a figure's sheet shows, and so all the writer may read of a figure."""

    number: int
    title: str
    subtitle: str
    note: str
    source: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Contents:
    """What the workbook is made of: the report's texts and date, and one sheet per figure in order.
    The cache key is taken from this, so the key covers everything the writer reads by construction."""

    title: str
    year: int
    publisher: str
    published: dt.date
    sheets: tuple[Sheet, ...]


def contents(figures: list[FigureSpec], settings) -> Contents:
    sheets = tuple(
        Sheet(spec.number or 0, spec.title, spec.subtitle or "", spec.note or "", spec.source or "",
              tuple(str(c) for c in spec.table.columns),
              tuple(tuple(str(v) for v in row) for row in spec.table.itertuples(index=False)))
        for spec in sorted(figures, key=lambda s: s.number or 0)
    )
    return Contents(settings.title, settings.publication_year, settings.publisher, settings.published, sheets)


def columns(sheet: Sheet) -> list[Column]:
    """The figure's table as typed columns: a column whose every value reads as a number becomes
    numeric (split into its parts: limits, count and total, year), any other stays text."""
    out: list[Column] = []
    for i, header in enumerate(sheet.header):
        raw = [row[i].strip() for row in sheet.rows]
        parsed = [None if t in MISSING else parse_cell(t) for t in raw]
        present = [p for t, p in zip(raw, parsed) if t not in MISSING]
        if i == 0 or not present or any(p is None for p in present):
            out.append(Column(header, raw, "text"))
            continue
        names = list(dict.fromkeys(name for p in present for name, _ in p))
        for name in names:
            cells = [dict(p).get(name) if p else None for p in parsed]
            kind = "number" if all(isinstance(c, Number) or c is None for c in cells) else "text"
            out.append(Column(f"{header}, {name}" if name else header, cells, kind))
    return out


def _text(cell, value: str) -> None:
    """Store *value* as a string, whatever it starts with (never a formula)."""
    cell.value = value
    cell.data_type = "s"


def figure_sheet(wb: Workbook, sheet: Sheet) -> None:
    ws = wb.create_sheet(f"Figur {sheet.number}")
    _text(ws.cell(1, 1), f"Figur {sheet.number}. {sheet.title}")
    ws.cell(1, 1).font = BOLD
    row = 2
    if sheet.subtitle:
        _text(ws.cell(row, 1), sheet.subtitle)
        row += 1
    row += 1
    cols = columns(sheet)
    for c, col in enumerate(cols, 1):
        _text(ws.cell(row, c), col.header)
        ws.cell(row, c).font = BOLD
        ws.cell(row, c).alignment = Alignment(wrap_text=True, vertical="bottom")
    header_row = row
    for r in range(len(sheet.rows)):
        row += 1
        for c, col in enumerate(cols, 1):
            value = col.cells[r]
            cell = ws.cell(row, c)
            if isinstance(value, Number):
                cell.value = value.value
                cell.number_format = value.format
            elif isinstance(value, str) and value not in MISSING:
                _text(cell, value)
    row += 1
    for line in (sheet.note, sheet.source):
        if line:
            row += 1
            _text(ws.cell(row, 1), line)
    ws.freeze_panes = ws.cell(header_row + 1, 2)
    for c, col in enumerate(cols, 1):
        longest = max([len(col.header) // 2 + 1] + [len(str(v.value if isinstance(v, Number) else v or "")) for v in col.cells])
        ws.column_dimensions[get_column_letter(c)].width = min(60, max(10, longest + 2))


def write_workbook(figures: list[FigureSpec], settings, path: Path) -> Path:
    """The diagramunderlag of *figures* (placed and numbered) into *path*."""
    return write_contents(contents(figures, settings), path)


def write_contents(book: Contents, path: Path) -> Path:
    wb = Workbook()
    toc = wb.active
    toc.title = CONTENTS
    _text(toc.cell(1, 1), f"Diagramunderlag: {book.title} {book.year}")
    toc.cell(1, 1).font = Font(bold=True, size=13)
    _text(toc.cell(2, 1), f"{book.publisher}. Varje figurs data på ett eget blad.")
    for c, head in enumerate(("Figur", "Rubrik", "Källa"), 1):
        _text(toc.cell(4, c), head)
        toc.cell(4, c).font = BOLD
    for i, sheet in enumerate(book.sheets, 5):
        figure_sheet(wb, sheet)
        link = toc.cell(i, 1)
        _text(link, f"Figur {sheet.number}")
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'Figur {sheet.number}'!A1")  # within the workbook
        link.style = "Hyperlink"
        _text(toc.cell(i, 2), sheet.title)
        _text(toc.cell(i, 3), sheet.source)
    toc.column_dimensions["A"].width = 10
    toc.column_dimensions["B"].width = 90
    toc.column_dimensions["C"].width = 50
    when = dt.datetime(book.published.year, book.published.month, book.published.day, 12, 0, 0)
    wb.properties.creator = book.publisher
    wb.properties.title = f"Diagramunderlag: {book.title}"
    wb.properties.language = "sv-SE"
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.lastModifiedBy = book.publisher
    path.parent.mkdir(parents=True, exist_ok=True)
    # Workbook.save stamps the current time as "modified"; the writer itself keeps ours.
    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    normalise_zip(path)
    return path


def workbook_key(book: Contents, name: str) -> str:
    """The writer's whole input, the code that writes it, openpyxl's version, and the file's *name*
    (the entry holds the file under it)."""
    import openpyxl

    from naravard.cache import code_version, digest

    return digest("workbook", name, code_version("render"), openpyxl.__version__, repr(astuple(book)))


def cached_workbook(figures: list[FigureSpec], settings, path: Path, cache=None) -> Path:
    """:func:`write_workbook`, or its file from the build cache when no figure's table or text changed."""
    book = contents(figures, settings)
    if cache is None or not cache.enabled:
        return write_contents(book, path)
    key = workbook_key(book, path.name)
    if cache.fetch("workbook", key, path.parent) and path.is_file():
        return path
    write_contents(book, path)
    cache.store("workbook", key, [(path, path.name)])
    return path
