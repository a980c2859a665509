"""Series facts for the chapter on hälsofrämjande och förebyggande insatser
and the summary: latest standing, steady runs, sex-gap range, the kommuner
that were lowest every year, missing-data notes and the core summary."""

from __future__ import annotations

import dataclasses

import pandas as pd

from naravard.analysis import prevention as P
from naravard.analysis.indicators import IndicatorResult
from naravard.data.models import INDICATOR_COLUMNS, Municipality
from tests.fixtures.mini import READMISSIONS, REGIONS

IND = dataclasses.replace(READMISSIONS, id="test", decimals=0, direction="lower")


def rows(records):
    """records: (year, level, area, sex, value[, missing])."""
    out = []
    for i, rec in enumerate(records):
        year, level, area, sex, value, *rest = rec
        out.append(
            dict(
                indicator="test", year=year, period="", level=level, area=area, sex=sex,
                value=float("nan") if value is None else float(value), numerator=float("nan"),
                denominator=float("nan"), ci_lower=float("nan"), ci_upper=float("nan"),
                missing=rest[0] if rest else "", synthetic=True, source_file="t.csv", source_row=i + 2,
            )
        )
    return pd.DataFrame(out, columns=list(INDICATOR_COLUMNS))


def national(values, sex="totalt", first=2014):
    return [(first + i, "riket", "00", sex, v) for i, v in enumerate(values)]


def result(records, indicator=IND):
    return IndicatorResult(indicator, rows(records), REGIONS, 2024)


def test_latest_standing_lowest_and_highest_since():
    low = P.latest_standing(result(national([10, 9, 8, 7])))
    assert low.lowest and not low.highest and low.lower_since is None
    # 6300, 6000, 5800, 6200: the latest is the highest since the first year
    since = P.latest_standing(result(national([6300, 6000, 5800, 6200])))
    assert not since.highest and not since.lowest
    assert since.higher_since == 2014 and since.first_year == 2014


def test_steady_run_finds_the_last_run():
    r = result(national([13, 14, 12, 11, 10]))
    run = P.steady_run(r)
    assert (run.direction, run.start_year, run.steps) == ("down", 2015, 3)
    assert P.steady_run(result(national([5, 5]))).direction == "stable"


def test_relative_gap_range_men_higher_every_year():
    recs = national([100, 100, 100]) + national([120, 112, 117], "män") + national([100, 100, 100], "kvinnor")
    g = P.relative_gap_range(result(recs))
    assert (g.higher, g.lower) == ("män", "kvinnor")
    assert round(g.smallest.value) == 12 and g.smallest_year == 2015
    assert round(g.largest.value) == 20 and g.largest_year == 2014


def test_relative_gap_range_none_higher_when_it_varies():
    recs = national([100, 100]) + national([110, 90], "män") + national([100, 100], "kvinnor")
    assert P.relative_gap_range(result(recs)).higher is None


MUNIS = (
    Municipality("0114", "Upplands Väsby", "01"),
    Municipality("0115", "Vallentuna", "01"),
    Municipality("0360", "Tierp", "03"),
    Municipality("0380", "Uppsala", "03"),
)


def kommun_rows(table):
    return [(y, "kommun", code, "totalt", v) for y, vals in table.items() for code, v in vals.items()]


def test_lowest_every_year_is_the_largest_stable_group():
    table = {
        2017: {"0114": 300, "0360": 310, "0115": 400, "0380": 500},
        2018: {"0114": 320, "0360": 305, "0115": 600, "0380": 450},
    }
    low = P.lowest_every_year(result(national([1, 1]) + kommun_rows(table)), MUNIS, REGIONS)
    assert [m.name for m in low.municipalities] == ["Upplands Väsby", "Tierp"]
    assert low.count.value == 2
    assert [r.code for r, _ in low.counties] == ["01", "03"]


def test_lowest_every_year_none_when_a_tie_sits_at_the_edge():
    table = {2017: {"0114": 300, "0360": 300, "0115": 300, "0380": 300}, 2018: {"0114": 300, "0360": 300, "0115": 300, "0380": 300}}
    assert P.lowest_every_year(result(national([1, 1]) + kommun_rows(table)), MUNIS, REGIONS) is None


def test_missing_note_uses_the_reason_in_the_data():
    reason = "Uppgift saknas: den basala hemsjukvården utförs av regionen"
    recs = national([1, 1], first=2023) + [(y, "region", r.code, "totalt", 5) for y in (2023, 2024) for r in REGIONS[1:]]
    recs += [(y, "region", "01", "totalt", None, reason) for y in (2023, 2024)]
    from naravard.text.phrases import missing_note

    note = missing_note(result(recs))
    assert note == "Uppgift saknas för Stockholm: den basala hemsjukvården utförs av regionen."


def test_coverage_counts_participants_and_full_years():
    recs = national([48, 50, 51], first=2022)
    recs += [(2022, "region", r.code, "totalt", 50) for r in REGIONS]
    recs += [(2023, "region", r.code, "totalt", 50) for r in REGIONS]
    recs += [(2024, "region", r.code, "totalt", 50) for r in REGIONS[:2]]
    c = P.coverage(result(recs))
    assert (c.participants.value, c.total.value) == (2, len(REGIONS))
    assert c.full_years == (2022, 2023)
    assert (c.full_lowest.value, c.full_highest.value) == (48, 50)


def test_core_summary_uses_the_chapters_change():
    better = result(national([10, 8], first=2017))
    worse = result(national([10, 12], first=2017))
    same = result(national([100, 101], first=2017))
    cs = P.core_summary([better, worse, same])
    assert (cs.n_better.value, cs.n_worse.value, cs.n_unchanged.value, cs.total.value) == (1, 1, 1, 3)
