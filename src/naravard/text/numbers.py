"""Swedish number formats: the one place where a number becomes characters.

Text, tables, axis ticks and alt text all format through these functions, so
the report cannot print the same value in two ways. The conventions follow
the model edition and Språkrådet:

* decimal comma: ``8,9``
* no-break space (U+00A0) between groups of three digits: ``4 245 026``
* the true minus sign (U+2212): ``−3,2``
* "procent" in running text, "%" (after a no-break space) in tables
* differences between percentages in "procentenheter"

Rounding is ``naravard.analysis.rounding``'s (half away from zero on the
decimal value as written), so a printed number and the comparisons made on it
agree.
"""

from __future__ import annotations

from decimal import Decimal

from naravard.analysis.rounding import to_decimal

NBSP = "\u00a0"
MINUS = "\u2212"
EN_DASH = "\u2013"
DECIMAL_COMMA = ","


def number(value: float | int | Decimal, decimals: int = 0, *, group: bool = True) -> str:
    """Format a number: ``number(4245026)`` -> ``'4 245 026'``, ``number(-3.25, 1)`` -> ``'−3,3'``."""
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    d = to_decimal(value, decimals)
    if d == 0:
        d = abs(d)  # never print "−0,0"
    sign = MINUS if d < 0 else ""
    digits = f"{abs(d):f}"
    whole, _, fraction = digits.partition(".")
    if group and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = NBSP.join([whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)])
    return sign + whole + (DECIMAL_COMMA + fraction if fraction else "")


def signed(value: float | int, decimals: int = 0) -> str:
    """Format with an explicit sign: ``'+25'``, ``'−3,2'``, ``'0'``."""
    text = number(value, decimals)
    if text.startswith(MINUS) or to_decimal(value, decimals) == 0:
        return text
    return "+" + text


def percent(value: float, decimals: int = 0) -> str:
    """Percent in running text: ``'88 procent'``, ``'8,9 procent'``."""
    return f"{number(value, decimals)}{NBSP}procent"


def percent_sign(value: float, decimals: int = 0) -> str:
    """Percent in tables, figures and alt text: ``'88 %'`` (no-break space before %)."""
    return f"{number(value, decimals)}{NBSP}%"


def percentage_points(difference: float, decimals: int = 1, *, absolute: bool = True, with_sign: bool = False) -> str:
    """A difference between two percentages: ``'0,1 procentenheter'``, ``'1 procentenhet'``;
    *with_sign*: ``'+1 procentenhet'``, ``'−0,1 procentenheter'``."""
    if with_sign:
        text = signed(difference, decimals)
    else:
        text = number(abs(difference) if absolute else difference, decimals)
    unit = "procentenhet" if text.lstrip("+" + MINUS) == "1" else "procentenheter"
    return f"{text}{NBSP}{unit}"


def count(value: int) -> str:
    """An integer count, grouped: ``'1 600 000'``."""
    return number(value, 0)


def year_span(first: int, last: int) -> str:
    """``'2017–2024'`` with an en dash; a single year if they are equal."""
    return str(first) if first == last else f"{first}{EN_DASH}{last}"
