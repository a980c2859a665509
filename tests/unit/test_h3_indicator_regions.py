"""IndicatorResult.regions_with_value: how many regions have a value in a year."""

from __future__ import annotations

import pandas as pd

from naravard.analysis.indicators import IndicatorResult
from naravard.data.models import Indicator, Region


def _regions() -> tuple[Region, ...]:
    return (
        Region("01", "Stockholm", "Region Stockholm", "Stockholms län", "i Stockholms län"),
        Region("03", "Uppsala", "Region Uppsala", "Uppsala län", "i Uppsala län"),
        Region("09", "Gotland", "Region Gotland", "Gotland", "på Gotland"),
    )


def _result() -> IndicatorResult:
    ind = Indicator(
        id="x", name="X", short_name="X", core_number=None, definitions=(), subtitle="", unit="index",
        decimals=1, direction="higher", keywords=(), chapter="delaktighet", source="", producer="",
        base_year=2017, first_year=2017,
    )
    rows = pd.DataFrame.from_records(
        [
            dict(year=2023, period="", level="region", area="01", sex="totalt", value=80.0),
            dict(year=2023, period="", level="region", area="03", sex="totalt", value=81.0),
            dict(year=2023, period="", level="region", area="09", sex="totalt", value=79.0),
            dict(year=2024, period="", level="region", area="01", sex="totalt", value=None),
            dict(year=2024, period="", level="region", area="03", sex="totalt", value=82.0),
        ]
    )
    for col in ("ci_lower", "ci_upper"):
        rows[col] = None
    rows["missing"] = ""
    rows["synthetic"] = False
    rows["source_file"] = "indicators.csv"
    rows["source_row"] = range(2, 2 + len(rows))
    return IndicatorResult(ind, rows, _regions(), 2024)


def test_counts_regions_with_a_value_in_the_latest_year():
    n = _result().regions_with_value()
    assert n.value == 1
    assert n.unit == "antal"
    assert n.key == "indikator/x/regioner/2024/med_värde"


def test_counts_any_year():
    assert _result().regions_with_value(2023).value == 3
