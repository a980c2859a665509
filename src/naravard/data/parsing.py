"""Text cells to typed columns, vectorised, the Swedish way and the English way.

Each parser returns the parsed column and a mask of the cells that could not
be parsed, so the caller can name every bad row in one go.

Numbers: ``8,9`` and ``8.9``; thousands grouped with a space, a no-break space
or a narrow no-break space (``4 245 026``); ``1,234.5`` and ``1.234,5`` when
both separators appear; the true minus sign (``−3``); a trailing ``%``.
An empty cell or ``..`` (Statistics Sweden's "no data") is missing, not bad.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MISSING_TOKENS = ("", "..")
_SPACES = r"[\s\u00a0\u202f\u2009]"

TRUE_WORDS = frozenset({"true", "1", "ja", "yes", "sant", "x", "y", "j"})
FALSE_WORDS = frozenset({"false", "0", "nej", "no", "falskt", "n", ""})


def is_missing(text: pd.Series) -> pd.Series:
    return text.isin(MISSING_TOKENS)


def number_text(text: pd.Series) -> pd.Series:
    """Rewrite Swedish or grouped numbers into the form ``float()`` reads."""
    s = text.str.replace(_SPACES, "", regex=True).str.replace("\u2212", "-", regex=False)
    s = s.str.replace(r"%$", "", regex=True)
    both = s.str.contains(",", regex=False) & s.str.contains(".", regex=False)
    comma_last = both & (s.str.rfind(",") > s.str.rfind("."))
    point_last = both & ~comma_last
    # "1.234,5": points group thousands; "1,234.5": commas do.
    s = s.mask(comma_last, s.str.replace(".", "", regex=False))
    s = s.mask(point_last, s.str.replace(",", "", regex=False))
    # A lone comma is a decimal comma ("8,9"), the Swedish default.
    return s.str.replace(",", ".", regex=False)


def parse_numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(floats with NaN for missing cells, mask of cells that are not numbers)."""
    text = text.astype(str).str.strip()
    missing = is_missing(text)
    # Fast path: most cells are plain numbers ("8.9", "2024"); only the rest are rewritten.
    values = pd.to_numeric(text.where(~missing), errors="coerce").astype("float64")
    bad = pd.Series(False, index=text.index)
    rest = values.isna() & ~missing
    if rest.any():
        cleaned = number_text(text[rest])
        # Only plain decimal notation after the rewrite: "nan" or "12 st" are not numbers.
        well_formed = cleaned.str.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)").astype(bool)
        values.loc[rest] = pd.to_numeric(cleaned.where(well_formed), errors="coerce").astype("float64")
        bad.loc[rest] = ~well_formed
    infinite = values.notna() & ~np.isfinite(values)
    values = values.where(~infinite)
    return values, bad | infinite


def parse_integers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(float column of whole numbers, NaN for missing; mask of bad cells incl. fractions)."""
    values, bad = parse_numbers(text)
    fractional = values.notna() & (values != np.floor(values))
    return values.where(~fractional), bad | fractional


def parse_bools(text: pd.Series, default: bool = False) -> tuple[pd.Series, pd.Series]:
    """true/false, 1/0, ja/nej, yes/no and Swedish Excel's SANT/FALSKT; empty is *default*."""
    low = text.astype(str).str.strip().str.lower()
    is_true = low.isin(TRUE_WORDS)
    is_false = low.isin(FALSE_WORDS)
    values = pd.Series(np.where(is_true, True, False), index=text.index, dtype=bool)
    if default:
        values = values | low.eq("")
    return values, ~(is_true | is_false)


def normalise_codes(text: pd.Series, width: pd.Series | int) -> pd.Series:
    """Give back the leading zeros Excel takes away: ``1`` -> ``"01"``, ``114`` -> ``"0114"``.

    Only all-digit codes are padded (a trailing ``.0`` from a float column is
    dropped first); anything else is left for the validator to report.
    """
    s = text.astype(str).str.strip().str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    digits = s.str.fullmatch(r"\d+")
    if isinstance(width, int):
        return s.where(~digits, s.str.zfill(width))
    out = s.copy()
    for w in pd.unique(width):
        if w:
            rows = digits & width.eq(w)
            out = out.where(~rows, s.str.zfill(int(w)))
    return out
