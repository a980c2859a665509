"""Swedish number formats, pinned character by character."""

import pytest

from naravard.text import numbers as n

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (8.9, 1, "8,9"),
        (10, 1, "10,0"),
        (0.05, 1, "0,1"),  # half away from zero, on the decimal value
        (0.15, 1, "0,2"),  # not banker's rounding (round(0.15, 1) == 0.1 in Python)
        (2.675, 2, "2,68"),  # not the binary float (2.67499999…)
        (8.25, 1, "8,3"),
        (-8.25, 1, f"{MINUS}8,3"),
        (-0.04, 1, "0,0"),  # no "−0,0"
        (999, 0, "999"),
        (1000, 0, f"1{NBSP}000"),
        (4245026, 0, f"4{NBSP}245{NBSP}026"),
        (-1234567.891, 2, f"{MINUS}1{NBSP}234{NBSP}567,89"),
        (100000, 0, f"100{NBSP}000"),
    ],
)
def test_number(value, decimals, expected):
    assert n.number(value, decimals) == expected


def test_number_accepts_numpy_types():
    np = pytest.importorskip("numpy")
    assert n.number(np.float64(8.85), 1) == "8,9"
    assert n.number(np.int64(1600000)) == f"1{NBSP}600{NBSP}000"


def test_number_rejects_nan():
    with pytest.raises(ValueError):
        n.number(float("nan"))


def test_minus_is_u2212_and_space_is_nbsp():
    text = n.number(-12345.5, 1)
    assert text[0] == "\u2212"
    assert "\u00a0" in text and " " not in text and "-" not in text and "." not in text


def test_percent_forms():
    assert n.percent(88) == f"88{NBSP}procent"
    assert n.percent(8.94, 1) == f"8,9{NBSP}procent"
    assert n.percent_sign(59) == f"59{NBSP}%"
    assert n.percent_sign(-2.5, 1) == f"{MINUS}2,5{NBSP}%"


def test_percentage_points():
    assert n.percentage_points(0.1) == f"0,1{NBSP}procentenheter"
    assert n.percentage_points(-0.5) == f"0,5{NBSP}procentenheter"
    assert n.percentage_points(-0.5, absolute=False) == f"{MINUS}0,5{NBSP}procentenheter"
    assert n.percentage_points(1, 0) == f"1{NBSP}procentenhet"
    assert n.percentage_points(7, 0) == f"7{NBSP}procentenheter"


def test_signed():
    assert n.signed(25) == "+25"
    assert n.signed(-3.24, 1) == f"{MINUS}3,2"
    assert n.signed(0.01, 1) == "0,0"


def test_year_span_uses_en_dash():
    assert n.year_span(2017, 2024) == "2017\u20132024"
    assert n.year_span(2024, 2024) == "2024"


def test_rounded_matches_print():
    from naravard.analysis.rounding import rounded

    assert rounded(8.85, 1) == 8.9 and n.number(8.85, 1) == "8,9"
    assert rounded(-0.04, 1) == 0 and n.number(-0.04, 1) == "0,0"
