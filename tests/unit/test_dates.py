"""text/dates.py: when something happened, as the report says it."""

import datetime as dt

import pytest

from naravard.text.dates import period


@pytest.mark.parametrize(
    "start,end,said",
    [
        (dt.date(2025, 3, 1), dt.date(2025, 5, 31), "under våren 2025"),
        (dt.date(2025, 6, 10), dt.date(2025, 8, 20), "under sommaren 2025"),
        (dt.date(2025, 9, 1), dt.date(2025, 11, 30), "under hösten 2025"),
        (dt.date(2025, 4, 2), dt.date(2025, 4, 30), "i april 2025"),
        (dt.date(2025, 3, 1), dt.date(2025, 6, 15), "mellan mars och juni 2025"),  # past the spring: named by its months
        (dt.date(2024, 12, 1), dt.date(2025, 2, 28), "mellan december 2024 och februari 2025"),  # winter spans two years
        (dt.date(2025, 1, 10), dt.date(2025, 2, 20), "mellan januari och februari 2025"),
    ],
)
def test_a_period_is_named_by_its_season_or_its_months(start, end, said):
    assert period(start, end) == said


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        period(dt.date(2025, 5, 1), dt.date(2025, 3, 1))
