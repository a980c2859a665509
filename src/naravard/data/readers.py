"""File formats: CSV (as Excel writes it, in any of its Swedish flavours), XLSX and Parquet.

A reader returns every cell as text, stripped, with the spreadsheet row number
of each line, so that the rest of the data stage parses numbers and codes one
way for all three formats and can always say "row 17". Nothing here knows
what the columns mean.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from naravard.data.problems import Problem, error, warning

SUFFIXES = (".csv", ".xlsx", ".parquet")
ROW = "__row"  # column holding the 1-based spreadsheet row (header = 1)

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


def read_table(path: Path, name: str | None = None) -> RawTable:
    """Read a CSV, XLSX or Parquet file into text cells; problems instead of exceptions."""
    name = name or path.name
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            table = _read_csv(path, name)
        elif suffix == ".xlsx":
            table = _read_xlsx(path, name)
        elif suffix == ".parquet":
            table = _read_parquet(path, name)
        else:
            raise ValueError(f"unsupported file type {suffix!r}")
    except Exception as exc:  # a file we cannot read at all is one problem, not a traceback
        return RawTable(
            name,
            pd.DataFrame({ROW: pd.Series([], dtype="int64")}),
            [error(name, None, None, f"cannot read the file: {exc}", _format_expectation(suffix))],
        )
    return _finish(table)


def _format_expectation(suffix: str) -> str:
    return {
        ".csv": "a CSV file with a header row, separated by ';' or ',', in UTF-8 or Windows-1252",
        ".xlsx": "an Excel workbook (.xlsx) with a header row in the first sheet",
        ".parquet": "a Parquet file",
    }.get(suffix, f"one of {', '.join(SUFFIXES)}")


# --- CSV ---------------------------------------------------------------------


ENCODING_NOTE = "read it as Windows-1252"  # the build names such files together, once


def decode(raw: bytes, name: str) -> tuple[str, list[Problem]]:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 with a warning."""
    if raw.startswith(_UTF8_BOM):
        return raw[len(_UTF8_BOM) :].decode("utf-8", errors="strict"), []
    if raw.startswith(_UTF16_BOMS):  # Excel's "Unicode text" export
        return raw.decode("utf-16"), []
    try:
        return raw.decode("utf-8", errors="strict"), []
    except UnicodeDecodeError as exc:
        # Swedish Excel on Windows saves "CSV (semikolonavgränsad)" in Windows-1252.
        # Five bytes are undefined in cp1252; "replace" keeps the row numbers intact.
        line = raw[: exc.start].count(b"\n") + 1
        return raw.decode("cp1252", errors="replace"), [
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
    delimiter = sniff_delimiter(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
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
    frame.insert(0, ROW, range(2, len(frame) + 2))
    return RawTable(name, frame, problems)


def _delimiter_name(delimiter: str) -> str:
    return {";": "semicolons", ",": "commas", "\t": "tabs"}[delimiter]


# --- Excel and Parquet -------------------------------------------------------------


def _read_xlsx(path: Path, name: str) -> RawTable:
    with pd.ExcelFile(path, engine="openpyxl") as book:
        sheets = book.sheet_names
        wanted = path.stem.lower()
        sheet = next((s for s in sheets if s.strip().lower() == wanted), sheets[0])
        # header=None keeps every row, so the index is the spreadsheet row - 1.
        cells = pd.read_excel(book, sheet_name=sheet, header=None, dtype=object, keep_default_na=False, na_filter=False)
    cells = cells.map(_cell_text)
    nonblank = cells.ne("").any(axis=1)
    if not nonblank.any():
        return RawTable(name, pd.DataFrame({ROW: pd.Series([], dtype="int64")}))
    header_at = int(nonblank.idxmax())  # leading blank rows are common in hand-made sheets
    frame = cells.iloc[header_at + 1 :].copy()
    frame.columns = [str(c) for c in cells.iloc[header_at]]
    frame = frame.loc[:, [c != "" for c in frame.columns]]
    frame.insert(0, ROW, [int(i) + 1 for i in frame.index])
    problems = []
    if len(sheets) > 1 and sheet == sheets[0] and sheets[0].strip().lower() != wanted:
        problems.append(
            warning(name, None, None, f'read the first sheet "{sheet}" of {len(sheets)}', f'a sheet named "{path.stem}"')
        )
    return RawTable(name, frame.reset_index(drop=True), problems)


def _cell_text(value: object) -> str:
    """An Excel cell as text; whole floats (2024.0) lose their '.0', as Excel shows them."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return str(value)


def _read_parquet(path: Path, name: str) -> RawTable:
    try:
        import pyarrow  # noqa: F401 - Parquet is optional: pip install "naravard[parquet]"
    except ImportError:
        raise ValueError('reading Parquet needs pyarrow: pip install "naravard[parquet]" (or save the table as CSV or XLSX)') from None
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
    data_cols = [c for c in frame.columns if c != ROW]
    names = [normalise_header(c) for c in data_cols]
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
    out = pd.DataFrame({names[i]: frame[data_cols[i]].astype(str).str.strip() for i in keep})
    out.insert(0, ROW, frame[ROW].astype("int64").to_numpy())
    if len(out.columns) > 1:
        blank = out.drop(columns=ROW).eq("").all(axis=1)
        out = out.loc[~blank].reset_index(drop=True)
    table.frame = out
    table.columns_found = tuple(names[i] for i in keep)
    return table
