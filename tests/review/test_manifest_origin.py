"""A value is 'data' when read from one row, 'derived' when the analysis computed it."""

from naravard.analysis.quantity import Quantity, derived
from naravard.review.manifest import origin


def test_a_value_read_from_one_row_is_data():
    q = Quantity(8.9, "procent", 1, "indikator/x/2024/00/totalt", sources=(("indicators.csv", 1504),))
    assert origin(q) == "data"


def test_a_value_computed_from_one_row_is_still_derived():
    q = Quantity(8.9, "procent", 1, "indikator/x/2024/00/totalt", sources=(("indicators.csv", 1504),))
    half = derived(q.value / 2, "indikator/x/halva", unit="procent", decimals=1, inputs=(q,))
    assert half.sources == q.sources and origin(half) == "derived"


def test_a_count_over_many_rows_is_derived():
    rows = [Quantity(1.0, "antal", 0, f"enkät/{i}", sources=(("survey_regions.csv", i),)) for i in range(2, 5)]
    assert origin(derived(3, "enkät/antal", unit="antal", decimals=0, inputs=rows)) == "derived"
