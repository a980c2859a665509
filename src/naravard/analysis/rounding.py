"""Values as the reader sees them: rounded to the precision the report prints.

Comparisons (which region is lowest, whether a value changed) are made on these
rounded values, so a sentence never contradicts the numbers printed beside it.
The text stage formats from the same Decimal (``naravard.text.numbers``).

Rounding is half away from zero on the decimal value as written (8.25 -> 8.3),
not Python's banker's rounding and not on the binary float.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from numbers import Integral


def to_decimal(value: float | int | Decimal, decimals: int) -> Decimal:
    """*value* rounded to *decimals* places, as a Decimal."""
    exponent = Decimal(1).scaleb(-decimals)
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, Integral):
        d = Decimal(int(value))
    else:
        value = float(value)  # also numpy floats, whose repr() is not a number
        if not math.isfinite(value):
            raise ValueError(f"cannot format {value!r} as a number")
        # repr() gives the shortest decimal string that round-trips, so 0.15 stays 0.15.
        d = Decimal(repr(value))
    return d.quantize(exponent, rounding=ROUND_HALF_UP)


def rounded(value: float, decimals: int) -> float:
    """The value as the reader sees it, for comparisons that must agree with the print."""
    return float(to_decimal(value, decimals))
