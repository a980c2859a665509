"""File formats: CSV (as Excel writes it, in any of its Swedish flavours), XLSX and Parquet.

A reader returns every cell as text, stripped, with the spreadsheet row number
of each line, so that the rest of the data stage parses numbers and codes one
way for all three formats and can always say "row 17". Nothing here knows
what the columns mean.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from naravard.data.problems import Problem, error, warning

SUFFIXES = (".csv", ".xlsx", ".xlsm", ".parquet")
EXCEL = (".xlsx", ".xlsm")  # .xlsm: a workbook with macros, which are never run
ROW = "__row"  # column holding the 1-based spreadsheet row (header = 1)
MAX_BYTES = 100_000_000  # one table file; docs/data-package.md states the limit

_DELIMITERS = (";", "\t", ",")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class RawTable:
    """A data file read as text: one column per header cell, plus ``__row``."""

    file: str  # name relative to the package folder, as messages print it
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    columns_found: tuple[str, ...] = ()  # normalised header names, in file order


def normalise_header(name: object) -> str:
    """``" CI lower "`` -> ``"ci_lower"``: case, spaces and BOM do not matter in headers."""
    text = str(name).replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def data_files(folder: Path) -> dict[str, list[Path]]:
    """The data files directly in *folder* by stem (``indicators`` -> [indicators.csv]).

    Excel's lock files (``~$indicators.xlsx``) and hidden files are not data.
    """
    found: dict[str, list[Path]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith(("~$", ".")):
            continue
        if path.suffix.lower() in SUFFIXES:
            found.setdefault(path.stem.lower(), []).append(path)
    return found


def locate(folder: Path, stem: str, files: dict[str, list[Path]] | None = None) -> tuple[Path | None, list[Problem]]:
    """The one file for *stem*, or a problem when there are several."""
    files = data_files(folder) if files is None else files
    candidates = files.get(stem, [])
    if len(candidates) > 1:
        names = ", ".join(p.name for p in candidates)
        return None, [
            error(
                candidates[0].name,
                None,
                None,
                f"{len(candidates)} files hold the same table: {names}",
                f"exactly one of {', '.join(stem + s for s in SUFFIXES)}; remove or rename the others",
            )
        ]
    return (candidates[0] if candidates else None), []


class Unreadable(Exception):
    """The file cannot be read as its kind; the message says why, for the user."""


_MAGIC = {
    b"PK\x03\x04": "an Excel workbook (or another zip file)",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls) or an encrypted one",
    b"PAR1": "a Parquet file",
    b"%PDF": "a PDF document",
}


def _sniff(head: bytes, suffix: str) -> None:
    """Refuse a file whose first bytes say it is something else than its name says."""
    if suffix in EXCEL:
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise Unreadable("the workbook is password-protected (encrypted), or an old Excel 97–2003 file (.xls)")
        if not head.startswith(b"PK\x03\x04"):
            raise Unreadable("the file is not an Excel workbook (.xlsx)")
        return
    if suffix == ".parquet":
        if not head.startswith(b"PAR1"):
            raise Unreadable("the file is not a Parquet file")
        return
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise Unreadable(f"the file is {what}, not a CSV; save it as CSV or give it the right name")


def read_table(path: Path, name: str | None = None) -> RawTable:
    """Read a CSV, XLSX or Parquet file into text cells; problems instead of exceptions."""
    name = name or path.name
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Unreadable(
                f"the file is {size / 1e6:.0f} MB; a table file may be at most {MAX_BYTES / 1e6:.0f} MB "
                "(split it by year into a package per report, or use Parquet)"
            )
        with path.open("rb") as fh:
            _sniff(fh.read(8), suffix)
        if suffix == ".csv":
            table = _read_csv(path, name)
        elif suffix in EXCEL:
            table = _read_xlsx(path, name)
        elif suffix == ".parquet":
            table = _read_parquet(path, name)
        else:
            raise Unreadable(f"unsupported file type {suffix!r}")
    except Unreadable as exc:
        return _unreadable(name, f"cannot read the file: {exc}", suffix)
    except OSError as exc:
        return _unreadable(name, f"cannot read the file: {exc.strerror or exc}", suffix)
    except Exception as exc:  # a file we cannot read at all is one problem, not a traceback
        return _unreadable(name, f"cannot read the file: {type(exc).__name__}: {str(exc)[:200]}", suffix)
    return _finish(table)


def _unreadable(name: str, message: str, suffix: str) -> RawTable:
    return RawTable(name, pd.DataFrame({ROW: pd.Series([], dtype="int64")}), [error(name, None, None, message, _format_expectation(suffix))])


def _format_expectation(suffix: str) -> str:
    return {
        ".csv": "a CSV file with a header row, separated by ';' or ',', in UTF-8 or Windows-1252",
        ".xlsx": "an Excel workbook (.xlsx) with a header row in the first sheet",
        ".xlsm": "an Excel workbook (.xlsm) with a header row in the first sheet",
        ".parquet": "a Parquet file",
    }.get(suffix, f"one of {', '.join(SUFFIXES)}")


# --- CSV ---------------------------------------------------------------------


ENCODING_NOTE = "read it as Windows-1252"  # the build names such files together, once


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when *raw* looks like UTF-16 text without a BOM
    (a zero byte beside nearly every ASCII character)."""
    sample = raw[:4000]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.8 * len(sample[1::2]) and even < 0.2 * len(sample[0::2]):
        return "utf-16-le"
    if even > 0.8 * len(sample[0::2]) and odd < 0.2 * len(sample[1::2]):
        return "utf-16-be"
    return None


def _binary(text: str) -> bool:
    """Text with zero bytes or many control characters is not a CSV someone saved."""
    sample = text[:4000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return "\x00" in sample or controls > len(sample) // 100


def decode(raw: bytes, name: str) -> tuple[str, list[Problem]]:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 with a warning.

    UTF-16 without a BOM is read with a warning; binary data is refused."""
    if raw.startswith(_UTF8_BOM):
        text = raw[len(_UTF8_BOM) :].decode("utf-8", errors="replace")
        if _binary(text):
            raise Unreadable("the file is not text (it holds binary data); a CSV is text")
        return text, []
    if raw.startswith(_UTF16_BOMS):  # Excel's "Unicode text" export
        return raw.decode("utf-16", errors="replace"), []
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return raw.decode(utf16, errors="replace"), [
            warning(name, None, None, f"the file is UTF-16 without a byte order mark; read it as {utf16.upper()}", "UTF-8, or UTF-16 with a byte order mark")
        ]
    if b"\x00" in raw[:4000]:
        raise Unreadable("the file is not text (it holds binary data); a CSV is text")
    try:
        text = raw.decode("utf-8", errors="strict")
        if _binary(text):
            raise Unreadable("the file is not text (it holds binary data); a CSV is text")
        return text, []
    except UnicodeDecodeError as exc:
        # Swedish Excel on Windows saves "CSV (semikolonavgränsad)" in Windows-1252.
        # Five bytes are undefined in cp1252; "replace" keeps the row numbers intact.
        line = raw[: exc.start].count(b"\n") + 1
        text = raw.decode("cp1252", errors="replace")
        if _binary(text):
            raise Unreadable("the file is not text (it holds binary data); a CSV is text")
        return text, [
            warning(
                name,
                None,
                None,
                f"the file is not UTF-8 (first non-UTF-8 byte on line {line}); {ENCODING_NOTE}",
                "UTF-8, with or without BOM; check that å, ä and ö came out right",
            )
        ]


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: headers hold names, never decimal commas."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: (counts[d], -_DELIMITERS.index(d)))
    return best if counts[best] else ","


def _read_csv(path: Path, name: str) -> RawTable:
    text, problems = decode(path.read_bytes(), name)
    if not text.strip():
        raise Unreadable("the file is empty")
    delimiter = sniff_delimiter(text)
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0].rstrip("\r")), delimiter=delimiter), [])
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            header=0,
            names=[f"__col{i}" for i in range(len(header))],  # the names as written, below: pandas would rename twins
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,  # keep blank lines so row numbers match the file
            engine="c",
        )
    except pd.errors.ParserError as exc:
        match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if not match:
            raise
        expected, line, saw = (int(g) for g in match.groups())
        hint = {
            ",": "; a decimal comma in a comma-separated file must be in quotes, or use ';' as the separator",
            ";": "; a ';' inside a cell must be in quotes",
        }.get(delimiter, "")
        problems.append(
            error(
                name,
                line,
                None,
                f"the row has {saw} fields but the header has {expected}{hint}",
                f"{expected} fields separated by {_delimiter_name(delimiter)}",
            )
        )
        return RawTable(name, pd.DataFrame({ROW: pd.Series([], dtype="int64")}), problems)
    frame.columns = header[: len(frame.columns)]
    frame.insert(0, ROW, range(2, len(frame) + 2))
    return RawTable(name, frame, problems)


def _delimiter_name(delimiter: str) -> str:
    return {";": "semicolons", ",": "commas", "\t": "tabs"}[delimiter]


# --- Excel and Parquet -------------------------------------------------------------


def _read_xlsx(path: Path, name: str) -> RawTable:
    """A sheet as text cells, as Excel shows them: a cell formatted as a percentage
    (0,089 shown as "8,9 %") is read as "8.9 %". A formula without a value saved
    with it (the workbook was written by a program that does not calculate) is an
    error naming the cells: its value is unknown."""
    import openpyxl

    try:
        values_book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_vba=False)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise Unreadable(f"the workbook cannot be opened ({exc}); save it again from Excel as .xlsx") from exc
    try:
        sheets = values_book.sheetnames
        wanted = path.stem.lower()
        sheet = next((s for s in sheets if s.strip().lower() == wanted), sheets[0])
        rows = [[_cell_text(c) for c in row] for row in values_book[sheet].iter_rows()]
    finally:
        values_book.close()
    problems = []
    blank_formulas = _formulas_without_values(path, sheet, rows)
    if blank_formulas:
        shown = ", ".join(blank_formulas[:10]) + (f" and {len(blank_formulas) - 10} more" if len(blank_formulas) > 10 else "")
        problems.append(
            error(
                name,
                None,
                None,
                f"{len(blank_formulas)} formula cell{'s' if len(blank_formulas) != 1 else ''} without a saved value: {shown}",
                "values: open the workbook in Excel and save it (Excel saves each formula's value), or paste the values",
            )
        )
    width = max((len(r) for r in rows), default=0)
    cells = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object) if rows else pd.DataFrame()
    nonblank = cells.ne("").any(axis=1) if len(cells) else pd.Series([], dtype=bool)
    if not nonblank.any():
        return RawTable(name, pd.DataFrame({ROW: pd.Series([], dtype="int64")}), problems)
    header_at = int(nonblank.idxmax())  # leading blank rows are common in hand-made sheets
    frame = cells.iloc[header_at + 1 :].copy()
    frame.columns = [str(c) for c in cells.iloc[header_at]]
    frame = frame.loc[:, [c != "" for c in frame.columns]]
    frame.insert(0, ROW, [int(i) + 1 for i in frame.index])
    if len(sheets) > 1 and sheet == sheets[0] and sheets[0].strip().lower() != wanted:
        problems.append(
            warning(name, None, None, f'read the first sheet "{sheet}" of {len(sheets)}', f'a sheet named "{path.stem}"')
        )
    return RawTable(name, frame.reset_index(drop=True), problems)


def _formulas_without_values(path: Path, sheet: str, values: list[list[str]]) -> list[str]:
    """Cells ("D7") holding a formula whose saved value is empty."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_vba=False)
    try:
        out = []
        for r, row in enumerate(book[sheet].iter_rows()):
            for c, cell in enumerate(row):
                formula = cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))
                if formula and (r >= len(values) or c >= len(values[r]) or values[r][c] == ""):
                    out.append(f"{get_column_letter(c + 1)}{r + 1}")
        return out
    finally:
        book.close()


def _cell_text(cell) -> str:
    """An Excel cell as text, as Excel shows it: whole floats (2024.0) without '.0',
    percentages (number format with %) in percent."""
    value = getattr(cell, "value", cell)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    fmt = getattr(cell, "number_format", "") or ""
    if isinstance(value, (int, float)) and "%" in fmt.replace('"%"', "").replace("\\%", ""):
        return f"{value * 100:.10g} %"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_parquet(path: Path, name: str) -> RawTable:
    try:
        import pyarrow  # noqa: F401 - Parquet is optional: pip install "naravard[parquet]"
    except ImportError:
        raise Unreadable('reading Parquet needs pyarrow: pip install "naravard[parquet]" (or save the table as CSV or XLSX)') from None
    typed = pd.read_parquet(path)
    frame = pd.DataFrame({col: _parquet_text(typed[col]) for col in typed.columns})
    frame.insert(0, ROW, range(2, len(frame) + 2))  # as if the table were opened in a spreadsheet
    return RawTable(name, frame)


def _parquet_text(series: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(series):
        return series.map({True: "true", False: "false"}).fillna("").astype(object)
    if pd.api.types.is_integer_dtype(series):
        return series.astype("Int64").astype(str).replace("<NA>", "").astype(object)
    if pd.api.types.is_float_dtype(series):
        # astype(str) gives the shortest round-trip form ("8.9", "2024.0"); whole numbers lose ".0".
        text = series.astype("float64").astype(str).str.replace(r"\.0$", "", regex=True)
        return text.where(series.notna(), "").astype(object)
    return series.where(series.notna(), "").astype(str).astype(object)


# --- common ----------------------------------------------------------------------


def _finish(table: RawTable) -> RawTable:
    """Normalise headers, strip cells, drop blank rows; report duplicate headers."""
    frame = table.frame
    positions = [i for i, c in enumerate(frame.columns) if c != ROW]  # by position: names may repeat
    names = [normalise_header(frame.columns[i]) for i in positions]
    seen: dict[str, int] = {}
    keep: list[int] = []
    for i, col in enumerate(names):
        if col == "" or col.startswith("unnamed:"):
            continue  # trailing separators make empty headers; they hold nothing
        if col in seen:
            table.problems.append(
                error(table.file, 1, col, f'the column "{col}" appears twice', "each column once in the header")
            )
            continue
        seen[col] = i
        keep.append(i)
    out = pd.DataFrame({names[i]: frame.iloc[:, positions[i]].astype(str).str.strip() for i in keep})
    out.insert(0, ROW, frame[ROW].astype("int64").to_numpy())
    if len(out.columns) > 1:
        blank = out.drop(columns=ROW).eq("").all(axis=1)
        out = out.loc[~blank].reset_index(drop=True)
    table.frame = out
    table.columns_found = tuple(names[i] for i in keep)
    return table
