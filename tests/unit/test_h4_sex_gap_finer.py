"""IndicatorResult.sex_gap_finer: a small sex gap that rounding to the printed
precision would hide (87,8 and 88,3 procent both print as "88 procent")."""

from __future__ import annotations

import dataclasses

import pandas as pd

from naravard.analysis.indicators import IndicatorResult
from naravard.text.phrases import sex_gap
from tests.fixtures.mini import READMISSIONS, REGIONS

INDICATOR = dataclasses.replace(READMISSIONS, decimals=0, direction="higher", base_year=2020, first_year=2020)


def _result(women: list[float], men: list[float]) -> IndicatorResult:
    rows = []
    for sex, values in (("kvinnor", women), ("män", men), ("totalt", [(w + m) / 2 for w, m in zip(women, men)])):
        for i, v in enumerate(values):
            rows.append(dict(level="riket", area="00", sex=sex, year=2020 + i, value=v, period="",
                             ci_lower=None, ci_upper=None, missing="", source_file="indicators.csv",
                             source_row=len(rows) + 2, synthetic=False))
    return IndicatorResult(INDICATOR, pd.DataFrame(rows), REGIONS, 2024)


def test_rounding_hides_the_gap_but_the_finer_gap_shows_it():
    r = _result([80.8, 82.8, 87.8], [81.4, 83.3, 88.3])
    assert r.sex_gap.latest_difference.value == 0  # both print as whole per cent
    g = r.sex_gap_finer()
    assert g.higher_every_year == "män"
    assert round(g.latest_difference.value, 1) == 0.5
    text = sex_gap(g)
    assert "konsekvent varit högre bland män än bland kvinnor" in text
    assert "0,5\u00a0procentenheter" in text


def test_finer_gap_follows_the_data_when_women_are_higher():
    r = _result([81.4, 83.3, 88.3], [80.8, 82.8, 87.8])
    g = r.sex_gap_finer()
    assert g.higher_every_year == "kvinnor"


def test_no_gap_without_both_sexes():
    rows = [dict(level="riket", area="00", sex="totalt", year=2020, value=50.0, period="", ci_lower=None,
                 ci_upper=None, missing="", source_file="x.csv", source_row=2, synthetic=False)]
    r = IndicatorResult(INDICATOR, pd.DataFrame(rows), REGIONS, 2024)
    assert r.sex_gap_finer() is None
