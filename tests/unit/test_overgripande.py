"""Chapter 2 analyses: cost changes, regional cost shares, the kärnindikator summary,
survey coverage, missing kommuner and kommun shares over two years."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from naravard.analysis import costs, overview
from naravard.analysis.indicators import IndicatorResult
from naravard.analysis.survey import MunicipalityShares
from naravard.data.models import INDICATOR_COLUMNS, SurveyOption, SurveyQuestion
from tests.fixtures.mini import READMISSIONS, REGIONS

COST = dataclasses.replace(
    READMISSIONS, id="kostnad", name="Kostnader, fasta priser", short_name="Kostnader", unit="kronor_per_invanare",
    decimals=0, direction=None, source="Statistikdatabasen", producer="Statistiska centralbyrån", base_year=2017,
    first_year=2013, sexes=("totalt",),
)
SHARE = dataclasses.replace(COST, id="andel", name="Andel primärvård", unit="procent", decimals=1)


def frame(indicator_id: str, national: dict[int, float], regional: dict[str, dict[int, float | None]] | None = None,
          kommun: dict[str, dict[int, float | None]] | None = None, missing: str = "saknas") -> pd.DataFrame:
    rows = [dict(indicator=indicator_id, year=y, level="riket", area="00", sex="totalt", value=v) for y, v in national.items()]
    for level, per in (("region", regional or {}), ("kommun", kommun or {})):
        for code, by_year in per.items():
            for y, v in by_year.items():
                rows.append(dict(indicator=indicator_id, year=y, level=level, area=code, sex="totalt",
                                 value=np.nan if v is None else v, missing=missing if v is None else ""))
    df = pd.DataFrame(rows)
    for col in INDICATOR_COLUMNS:
        if col not in df:
            df[col] = np.nan if col in ("numerator", "denominator", "ci_lower", "ci_upper") else ""
    df["missing"] = df["missing"].fillna("")
    df["period"] = ""
    df["synthetic"] = False
    df["source_file"] = "costs.csv"
    df["source_row"] = range(2, len(df) + 2)
    return df[list(INDICATOR_COLUMNS)]


def result(indicator, national, regional=None, kommun=None, missing="saknas") -> IndicatorResult:
    return IndicatorResult(indicator, frame(indicator.id, national, regional, kommun, missing), REGIONS, 2024)


FIXED = {2013: 7300, 2017: 7770, 2020: 8150, 2022: 8460, 2023: 8500, 2024: 8250}


def test_cost_change_since_base_year_is_in_kronor_and_has_no_assessment():
    c = costs.change_between(result(COST, FIXED), 2017)
    assert (c.start_year, c.end_year, c.difference.value, c.direction) == (2017, 2024, 480, "up")
    assert c.difference.unit == "kronor_per_invanare"
    assert c.assessment is None  # costs are neither better nor worse


def test_latest_fall_is_the_largest_only_when_no_earlier_year_fell_more():
    r = result(COST, FIXED)
    assert costs.latest_is_largest_decrease(r)
    earlier_bigger = result(COST, {**FIXED, 2020: 7000, 2022: 8460})
    assert not costs.latest_is_largest_decrease(earlier_bigger)
    assert not costs.latest_is_largest_decrease(result(COST, {2022: 1, 2023: 2, 2024: 3}))


def test_lowest_since_names_the_last_year_as_low_or_lower():
    share = {2013: 20.0, 2014: 18.9, 2015: 19.3, 2017: 19.1, 2022: 20.2, 2024: 19.0}
    assert costs.lowest_since(result(SHARE, share)) == 2014
    assert costs.lowest_since(result(SHARE, {**share, 2014: 19.05})) is None  # 19,1 as printed: 2024 is lowest
    assert costs.lowest_since(result(SHARE, {**share, 2024: 19.1})) == 2017  # a tie counts as "as low"


REGIONAL = {
    "01": {2017: 20.9, 2023: 20.4, 2024: 20.2},
    "03": {2017: 21.4, 2023: 20.7, 2024: 21.1},
    "09": {2017: None, 2023: None, 2024: None},
    "10": {2017: 19.2, 2023: 19.4, 2024: 19.4},
    "18": {2017: 18.1, 2023: 19.0, 2024: 18.9},
}


def test_region_moves_count_rises_and_falls_and_leave_out_missing_regions():
    r = result(SHARE, {2017: 19.1, 2023: 19.6, 2024: 19.0}, REGIONAL)
    m = costs.region_moves(r, 2023, 2024)
    assert (m.down.value, m.up.value, m.same.value, m.compared.value) == (2, 1, 1, 4)
    assert [x.code for x in m.down_regions] == ["01", "18"]
    since_base = costs.region_moves(r, 2017)
    assert (since_base.down.value, since_base.up.value) == (2, 2)


def test_spread_is_the_printed_range_and_narrowest_compares_all_years():
    r = result(SHARE, {2017: 19.1, 2023: 19.6, 2024: 19.0}, REGIONAL)
    sp = costs.spread(r, 2024)
    assert (sp.lowest.value, sp.highest.value) == (18.9, 21.1)
    assert sp.width.value == pytest.approx(2.2)
    assert costs.narrowest_spread(r, 2023)  # 19,0–20,7: 1,7
    assert not costs.narrowest_spread(r, 2017)  # 18,1–21,4: 3,3


def indicator(id_, direction, base=2017, source="Patientregistret", producer="Socialstyrelsen"):
    return dataclasses.replace(READMISSIONS, id=id_, name=id_.capitalize(), direction=direction, base_year=base,
                               unit="procent", decimals=0, source=source, producer=producer, sexes=("totalt",))


def test_summary_sorts_improvements_and_deteriorations_and_counts_them():
    results = [
        result(indicator("a", "higher"), {2017: 50, 2024: 60}),  # +20 %
        result(indicator("b", "lower"), {2017: 10, 2024: 12}),  # −20 %
        result(indicator("c", "lower"), {2017: 100, 2024: 75}),  # +25 %
        result(indicator("d", "higher"), {2017: 80, 2024: 80}),  # 0 %
        result(indicator("e", "higher"), {2020: 40, 2024: 38}),  # −5 %, base 2020
    ]
    s = overview.summarise(results)
    assert [d.result.indicator.id for d in s.better] == ["c", "a"]
    assert [d.result.indicator.id for d in s.worse] == ["b", "e"]
    assert (s.n_better.value, s.n_worse.value, s.n_unchanged.value, s.total.value) == (2, 2, 1, 5)
    assert overview.size(s.worse[0]).value == pytest.approx(20)
    assert s.worse[1].base_year == 2020


def test_sources_line_groups_sources_by_producer():
    results = [
        result(indicator("a", "higher", source="Patientregistret"), {2017: 1, 2024: 2}),
        result(indicator("b", "higher", source="Nationell patientenkät", producer="Sveriges Kommuner och Regioner"), {2017: 1, 2024: 2}),
        result(indicator("c", "higher", source="Läkemedelsregistret"), {2017: 1, 2024: 2}),
        result(indicator("d", "higher", source="Patientregistret"), {2017: 1, 2024: 2}),
    ]
    assert overview.sources_line(results) == (
        "Källor: Socialstyrelsen: Patientregistret; Läkemedelsregistret. Sveriges Kommuner och Regioner: Nationell patientenkät."
    )


def test_region_coverage_counts_regions_with_a_value_that_year():
    r = result(indicator("tv", "higher"), {2023: 76, 2024: 75},
               {"01": {2023: 76, 2024: 75}, "03": {2023: 77, 2024: None}, "09": {2023: 70}, "10": {2023: 71, 2024: 72}, "18": {2023: 75}})
    cov = overview.region_coverage(r, 2024)
    assert (cov.n.value, cov.total.value) == (2, 5)
    from naravard.text.phrases import coverage_text

    assert coverage_text(cov) == "2 av 5 regioner"


def test_missing_municipalities_names_the_county_whose_kommuner_all_lack_values():
    reason = "Uppgift saknas: hemsjukvården utförs av regionen"
    r = result(indicator("ordbo", "lower"), {2023: 5650, 2024: 5800},
               kommun={"0114": {2023: None, 2024: None}, "0115": {2023: None, 2024: None}, "0380": {2023: 5000, 2024: 5100},
                       "1080": {2023: 6000, 2024: None}},
               missing=reason)
    mm = overview.missing_municipalities(r, REGIONS)
    assert [c.code for c in mm.counties] == ["01"]  # Blekinge's kommun has a value in 2023: not left out
    assert mm.n.value == 2
    assert mm.reasons == (reason,)


def test_share_changes_and_top_shares_follow_the_data():
    q = SurveyQuestion(id="k.test", respondent="kommun", text="Vilka områden …", kind="share", chapter="overgripande",
                       title="Insatser", options=(SurveyOption("a", "A"), SurveyOption("b", "B"), SurveyOption("c", "C")), answers=())
    rows = []
    for year, values in ((2023, {"a": 43, "b": 59, "c": 90}), (2024, {"a": 52, "b": 46, "c": 91})):
        for opt, v in values.items():
            rows.append(dict(question="k.test", option=opt, year=year, level="riket", area="00", value=v,
                             source_file="survey_municipalities.csv", source_row=len(rows) + 2, synthetic=False))
    k = MunicipalityShares(q, pd.DataFrame(rows), 2024)
    changes = overview.share_changes(k, 2023, 2024)
    assert [(c.option, c.difference.value) for c in changes] == [("a", 9), ("c", 1), ("b", -13)]
    assert [o for o, _ in overview.top_shares(k, 2)] == ["c", "a"]


def test_municipality_extremes_name_ties_together():
    from naravard.data.models import Municipality

    kommuner = [Municipality("0114", "Upplands Väsby", "01"), Municipality("0380", "Uppsala", "03"),
                Municipality("1080", "Karlskrona", "10"), Municipality("1880", "Örebro", "18")]
    r = result(indicator("ordbo", "lower"), {2024: 5800},
               kommun={"0114": {2024: None}, "0380": {2024: 5100.4}, "1080": {2024: 7000}, "1880": {2024: 5099.6}})
    x = overview.municipality_extremes(r, kommuner)
    assert x.year == 2024 and x.n.value == 3
    assert x.lowest_names == ("Uppsala", "Örebro")  # 5 100 both, as printed
    assert x.highest_names == ("Karlskrona",) and x.highest.value == 7000
