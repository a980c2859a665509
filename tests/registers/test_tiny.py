"""The hand-made extract (tests/registers/tiny/): every register indicator computed by hand.

Six people, two kommuner in two regions (0180 Stockholm in län 01, 1480 Göteborg in
län 14), 2023 and 2024. Ages are the year minus the year of birth:

    person  sex      born        died        kommun  age 2023/2024  care
    1       man      1950-03-01              0180    73 / 74        ordinärt 2023-10-15–2023-12-31 (78 days)
    2       kvinna   1940-06-15              0180    83 / 84        ordinärt from 2023-07-01 (184 days, then 366)
    3       kvinna   1935-01-10  2024-07-01  1480    88 / 89        ordinärt 2024 until death (183 days)
    4       man      1995-05-05              1480    28 / 29
    5       kvinna   1960-08-08              1480    63 / 64
    6       man      1930-02-02              0180    93 / 94        särskilt boende from 2023-01-01 (365, 366)

Slutenvårdsperioder (the two vårdtillfällen of person 1 in February are one period,
a transfer on 5 February; "I50.0" is read as I500):

    a  1  2023-02-01–02-09  I500  unplanned
    b  1  2023-03-01–03-03  J441  unplanned   20 days after a: a readmission of a
    c  1  2023-04-03–04-05  N390  unplanned   31 days after b: not a readmission
    d  2  2023-05-10–05-12  E110  planned
    e  2  2023-06-01–06-04  E86   unplanned   20 days after d: a readmission of d
    k  2  2023-08-10–08-12  N390  unplanned   during her ordinärt care
    f  3  2024-06-20–07-01  I500  unplanned   she died on the day of discharge
    g  4  2024-01-10–01-11  J459  unplanned
    h  6  2023-09-01–09-02  S720 + W010 (a fall) in särskilt boende
    i  6  2024-02-01–02-03  I500  unplanned   in särskilt boende
    j  2  2024-03-10–03-11  S062 + W19 (a fall) in ordinärt boende
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

W = 78_500  # the sum of the standard population's weights from 20 years (ESP 2013)
W25, W70, W85 = 6_000, 5_000, 2_500  # weights of the age groups 25–29, 70–74, 85+


def py(days: int, year: int) -> float:
    """Personår: days with care over the days of the year."""
    return days / (366 if year == 2024 else 365)


# (indicator, year, level, area, sex) -> (value, numerator, denominator); None: missing
EXPECTED = {
    # Påverkbar slutenvård vid kronisk sjukdom: periods a, b (2023, person 1, age group 70)
    # and f, g, i (2024); age-standardised per 100 000.
    ("paverkbar_slutenvard", 2023, "riket", "00", "totalt"): (W70 * 2 / 1 / W * 1e5, 2, 6),
    ("paverkbar_slutenvard", 2023, "riket", "00", "män"): (W70 * 2 / 1 / W * 1e5, 2, 3),
    ("paverkbar_slutenvard", 2023, "riket", "00", "kvinnor"): (0.0, 0, 3),
    ("paverkbar_slutenvard", 2023, "region", "14", "totalt"): (0.0, 0, 3),
    ("paverkbar_slutenvard", 2023, "region", "14", "kvinnor"): (0.0, 0, 2),
    ("paverkbar_slutenvard", 2023, "region", "14", "män"): (0.0, 0, 1),
    ("paverkbar_slutenvard", 2023, "region", "01", "totalt"): (W70 * 2 / 1 / W * 1e5, 2, 3),
    ("paverkbar_slutenvard", 2023, "region", "01", "män"): (W70 * 2 / 1 / W * 1e5, 2, 2),
    ("paverkbar_slutenvard", 2023, "region", "01", "kvinnor"): (0.0, 0, 1),
    ("paverkbar_slutenvard", 2024, "riket", "00", "totalt"): ((W25 * 1 / 1 + W85 * 2 / 2) / W * 1e5, 3, 6),
    ("paverkbar_slutenvard", 2024, "riket", "00", "män"): ((W25 * 1 / 1 + W85 * 1 / 1) / W * 1e5, 2, 3),
    ("paverkbar_slutenvard", 2024, "riket", "00", "kvinnor"): (W85 * 1 / 1 / W * 1e5, 1, 3),
    ("paverkbar_slutenvard", 2024, "region", "01", "totalt"): (W85 * 1 / 1 / W * 1e5, 1, 3),
    ("paverkbar_slutenvard", 2024, "region", "01", "män"): (W85 * 1 / 1 / W * 1e5, 1, 2),  # i; person 6 is 01's only 85+
    ("paverkbar_slutenvard", 2024, "region", "01", "kvinnor"): (0.0, 0, 1),
    ("paverkbar_slutenvard", 2024, "region", "14", "totalt"): ((W25 * 1 / 1 + W85 * 1 / 1) / W * 1e5, 2, 3),  # f and g
    ("paverkbar_slutenvard", 2024, "region", "14", "kvinnor"): (W85 * 1 / 1 / W * 1e5, 1, 2),
    ("paverkbar_slutenvard", 2024, "region", "14", "män"): (W25 * 1 / 1 / W * 1e5, 1, 1),
    # Oplanerade återinskrivningar, 65+: index periods a b c h (men) and d e k (women) in 2023,
    # readmitted a and d; in 2024 only i (f ended in death, g is too young, j not selected).
    ("oplanerade_aterinskrivningar", 2023, "riket", "00", "totalt"): (100 * 2 / 7, 2, 7),
    ("oplanerade_aterinskrivningar", 2023, "riket", "00", "män"): (100 * 1 / 4, 1, 4),
    ("oplanerade_aterinskrivningar", 2023, "riket", "00", "kvinnor"): (100 * 1 / 3, 1, 3),
    ("oplanerade_aterinskrivningar", 2023, "region", "01", "totalt"): (100 * 2 / 7, 2, 7),
    ("oplanerade_aterinskrivningar", 2023, "region", "01", "män"): (100 * 1 / 4, 1, 4),
    ("oplanerade_aterinskrivningar", 2023, "region", "01", "kvinnor"): (100 * 1 / 3, 1, 3),
    ("oplanerade_aterinskrivningar", 2023, "region", "14", "totalt"): None,
    ("oplanerade_aterinskrivningar", 2024, "riket", "00", "totalt"): (0.0, 0, 1),
    ("oplanerade_aterinskrivningar", 2024, "riket", "00", "män"): (0.0, 0, 1),
    ("oplanerade_aterinskrivningar", 2024, "region", "01", "totalt"): (0.0, 0, 1),
    ("oplanerade_aterinskrivningar", 2024, "region", "01", "män"): (0.0, 0, 1),
    ("oplanerade_aterinskrivningar", 2024, "riket", "00", "kvinnor"): None,
    # Läkemedel som bör undvikas, 75+, October–December: person 2 (ordinärt) had nitrazepam in
    # November 2023, in 2024 only in September; person 6 (särskilt boende) metoprolol in 2023,
    # amitriptylin in December 2024. Person 1 is under 75, person 3 died before October.
    ("lakemedel_undvikas_ordbo", 2023, "riket", "00", "totalt"): (100.0, 1, 1),
    ("lakemedel_undvikas_ordbo", 2023, "riket", "00", "kvinnor"): (100.0, 1, 1),
    ("lakemedel_undvikas_ordbo", 2023, "region", "01", "totalt"): (100.0, 1, 1),
    ("lakemedel_undvikas_ordbo", 2023, "riket", "00", "män"): None,
    ("lakemedel_undvikas_ordbo", 2023, "region", "01", "kvinnor"): (100.0, 1, 1),
    ("lakemedel_undvikas_ordbo", 2023, "region", "14", "totalt"): None,
    ("lakemedel_undvikas_ordbo", 2024, "riket", "00", "totalt"): (0.0, 0, 1),
    ("lakemedel_undvikas_ordbo", 2024, "riket", "00", "kvinnor"): (0.0, 0, 1),
    ("lakemedel_undvikas_ordbo", 2024, "region", "01", "totalt"): (0.0, 0, 1),
    ("lakemedel_undvikas_ordbo", 2024, "region", "01", "kvinnor"): (0.0, 0, 1),
    ("lakemedel_undvikas_sabo", 2023, "riket", "00", "totalt"): (0.0, 0, 1),
    ("lakemedel_undvikas_sabo", 2023, "riket", "00", "män"): (0.0, 0, 1),
    ("lakemedel_undvikas_sabo", 2024, "riket", "00", "totalt"): (100.0, 1, 1),
    ("lakemedel_undvikas_sabo", 2024, "riket", "00", "män"): (100.0, 1, 1),
    ("lakemedel_undvikas_sabo", 2024, "riket", "00", "kvinnor"): None,
    # Påverkbar slutenvård, kommunal hälso- och sjukvård, per 100 000 personår, 65+:
    # särskilt boende: period i in 2024; ordinärt: k in 2023 (person 2), f in 2024 (person 3).
    ("paverkbar_slutenvard_sabo", 2023, "riket", "00", "totalt"): (0.0, 0, py(365, 2023)),
    ("paverkbar_slutenvard_sabo", 2023, "riket", "00", "män"): (0.0, 0, py(365, 2023)),
    ("paverkbar_slutenvard_sabo", 2024, "riket", "00", "totalt"): (1 / py(366, 2024) * 1e5, 1, py(366, 2024)),
    ("paverkbar_slutenvard_sabo", 2024, "riket", "00", "män"): (1 / py(366, 2024) * 1e5, 1, py(366, 2024)),
    ("paverkbar_slutenvard_ordbo", 2023, "riket", "00", "totalt"): (1 / py(184 + 78, 2023) * 1e5, 1, py(184 + 78, 2023)),
    ("paverkbar_slutenvard_ordbo", 2023, "riket", "00", "kvinnor"): (1 / py(184, 2023) * 1e5, 1, py(184, 2023)),
    ("paverkbar_slutenvard_ordbo", 2023, "riket", "00", "män"): (0.0, 0, py(78, 2023)),
    ("paverkbar_slutenvard_ordbo", 2023, "kommun", "0180", "totalt"): (1 / py(184 + 78, 2023) * 1e5, 1, py(184 + 78, 2023)),
    ("paverkbar_slutenvard_ordbo", 2023, "kommun", "0180", "kvinnor"): (1 / py(184, 2023) * 1e5, 1, py(184, 2023)),
    ("paverkbar_slutenvard_ordbo", 2023, "kommun", "0180", "män"): (0.0, 0, py(78, 2023)),
    ("paverkbar_slutenvard_ordbo", 2023, "kommun", "1480", "totalt"): None,
    ("paverkbar_slutenvard_ordbo", 2024, "riket", "00", "totalt"): (1 / py(366 + 183, 2024) * 1e5, 1, py(366 + 183, 2024)),
    ("paverkbar_slutenvard_ordbo", 2024, "riket", "00", "kvinnor"): (1 / py(366 + 183, 2024) * 1e5, 1, py(366 + 183, 2024)),
    ("paverkbar_slutenvard_ordbo", 2024, "kommun", "0180", "totalt"): (0.0, 0, py(366, 2024)),
    ("paverkbar_slutenvard_ordbo", 2024, "kommun", "0180", "kvinnor"): (0.0, 0, py(366, 2024)),
    ("paverkbar_slutenvard_ordbo", 2024, "kommun", "1480", "totalt"): (1 / py(183, 2024) * 1e5, 1, py(183, 2024)),
    ("paverkbar_slutenvard_ordbo", 2024, "kommun", "1480", "kvinnor"): (1 / py(183, 2024) * 1e5, 1, py(183, 2024)),
    ("paverkbar_slutenvard_ordbo", 2024, "riket", "00", "män"): None,
    # Fallskador per 100 000 personår, 65+: h in särskilt boende 2023, j in ordinärt boende 2024.
    ("fallskador_sabo", 2023, "riket", "00", "totalt"): (1 / py(365, 2023) * 1e5, 1, py(365, 2023)),
    ("fallskador_sabo", 2023, "riket", "00", "män"): (1 / py(365, 2023) * 1e5, 1, py(365, 2023)),
    ("fallskador_sabo", 2024, "riket", "00", "totalt"): (0.0, 0, py(366, 2024)),
    ("fallskador_sabo", 2024, "riket", "00", "män"): (0.0, 0, py(366, 2024)),
    ("fallskador_ordbo", 2023, "riket", "00", "totalt"): (0.0, 0, py(184 + 78, 2023)),
    ("fallskador_ordbo", 2023, "riket", "00", "kvinnor"): (0.0, 0, py(184, 2023)),
    ("fallskador_ordbo", 2023, "riket", "00", "män"): (0.0, 0, py(78, 2023)),
    ("fallskador_ordbo", 2024, "riket", "00", "totalt"): (1 / py(366 + 183, 2024) * 1e5, 1, py(366 + 183, 2024)),
    ("fallskador_ordbo", 2024, "riket", "00", "kvinnor"): (1 / py(366 + 183, 2024) * 1e5, 1, py(366 + 183, 2024)),
    # Akutbesök 80+ per 1 000 invånare: persons 2, 3 and 6 are 80+; person 2 went to the
    # emergency department twice in 2023; in 2024 persons 3 and 6 once (person 2's visit was not
    # at an emergency department). Person 4's visit does not count (28 years).
    ("akutbesok_80", 2023, "riket", "00", "totalt"): (1000 * 2 / 3, 2, 3),
    ("akutbesok_80", 2023, "riket", "00", "kvinnor"): (1000 * 2 / 2, 2, 2),
    ("akutbesok_80", 2023, "riket", "00", "män"): (0.0, 0, 1),
    ("akutbesok_80", 2023, "region", "01", "kvinnor"): (1000 * 2 / 1, 2, 1),
    ("akutbesok_80", 2023, "region", "01", "totalt"): (1000 * 2 / 2, 2, 2),
    ("akutbesok_80", 2023, "region", "01", "män"): (0.0, 0, 1),
    ("akutbesok_80", 2023, "region", "14", "totalt"): (0.0, 0, 1),
    ("akutbesok_80", 2023, "region", "14", "kvinnor"): (0.0, 0, 1),
    ("akutbesok_80", 2023, "kommun", "0180", "totalt"): (1000 * 2 / 2, 2, 2),
    ("akutbesok_80", 2023, "kommun", "0180", "kvinnor"): (1000 * 2 / 1, 2, 1),
    ("akutbesok_80", 2023, "kommun", "0180", "män"): (0.0, 0, 1),
    ("akutbesok_80", 2023, "kommun", "1480", "totalt"): (0.0, 0, 1),
    ("akutbesok_80", 2023, "kommun", "1480", "kvinnor"): (0.0, 0, 1),
    ("akutbesok_80", 2024, "riket", "00", "totalt"): (1000 * 2 / 3, 2, 3),
    ("akutbesok_80", 2024, "riket", "00", "kvinnor"): (1000 * 1 / 2, 1, 2),
    ("akutbesok_80", 2024, "riket", "00", "män"): (1000 * 1 / 1, 1, 1),
    ("akutbesok_80", 2024, "region", "01", "totalt"): (1000 * 1 / 2, 1, 2),
    ("akutbesok_80", 2024, "region", "01", "kvinnor"): (0.0, 0, 1),
    ("akutbesok_80", 2024, "region", "01", "män"): (1000 * 1 / 1, 1, 1),
    ("akutbesok_80", 2024, "region", "14", "kvinnor"): (1000 * 1 / 1, 1, 1),
    ("akutbesok_80", 2024, "region", "14", "totalt"): (1000 * 1 / 1, 1, 1),
    ("akutbesok_80", 2024, "kommun", "0180", "män"): (1000 * 1 / 1, 1, 1),
    ("akutbesok_80", 2024, "kommun", "0180", "totalt"): (1000 * 1 / 2, 1, 2),
    ("akutbesok_80", 2024, "kommun", "0180", "kvinnor"): (0.0, 0, 1),
    ("akutbesok_80", 2024, "kommun", "1480", "totalt"): (1000 * 1 / 1, 1, 1),
    ("akutbesok_80", 2024, "kommun", "1480", "kvinnor"): (1000 * 1 / 1, 1, 1),
    ("akutbesok_80", 2024, "kommun", "1480", "män"): None,
}

INDICATORS = sorted({k[0] for k in EXPECTED})


def _row(rows, key):
    indicator, year, level, area, sex = key
    found = rows.loc[
        rows["indicator"].eq(indicator) & rows["year"].eq(year) & rows["level"].eq(level) & rows["area"].eq(area) & rows["sex"].eq(sex)
    ]
    assert len(found) == 1, key
    return found.iloc[0]


def _decimals(catalogue, indicator: str) -> int:
    return catalogue.indicators[indicator].decimals + 2


@pytest.fixture(params=["duckdb", "spark"])
def tiny(request):
    return request.getfixturevalue(f"tiny_{request.param}")


def test_every_register_indicator_is_checked():
    from naravard.registers.definitions import DEFINITIONS

    assert INDICATORS == sorted(DEFINITIONS)


@pytest.mark.parametrize("key", list(EXPECTED), ids=lambda k: "-".join(map(str, k)))
def test_value_by_hand(tiny, catalogue, key):
    row = _row(tiny.rows, key)
    expected = EXPECTED[key]
    if expected is None:
        assert pd.isna(row["value"])
        assert row["missing"].startswith("Uppgift saknas: registren har inga uppgifter om")
        return
    value, numerator, denominator = expected
    digits = _decimals(catalogue, key[0])
    assert row["value"] == round(value, digits)
    assert row["numerator"] == numerator
    assert row["denominator"] == (round(denominator, 1) if isinstance(denominator, float) else denominator)
    assert row["ci_lower"] <= row["value"] <= row["ci_upper"]
    assert row["missing"] == ""


def test_every_other_row_has_no_population(tiny):
    """EXPECTED holds every row with a value; each other row (the kommuner and regions without
    anyone in the population, a sex without anyone) is missing for that reason."""
    rows = tiny.rows
    keys = pd.Series(list(zip(rows["indicator"], rows["year"], rows["level"], rows["area"], rows["sex"])), index=rows.index)
    others = rows.loc[~keys.isin(set(EXPECTED))]
    assert len(others) == len(rows) - len(EXPECTED)
    assert others["value"].isna().all() and others["numerator"].isna().all()
    assert others["missing"].str.startswith("Uppgift saknas: registren har inga uppgifter om").all()


def test_confidence_limits_by_hand(tiny_duckdb):
    """Wilson for a share, Byar for a rate, Dobson for a standardised rate; rounded outwards."""
    z = 1.959963984540054
    share = _row(tiny_duckdb.rows, ("oplanerade_aterinskrivningar", 2023, "riket", "00", "totalt"))
    n, p = 7, 2 / 7
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert share["ci_lower"] == math.floor((centre - half) * 100 * 1000) / 1000
    assert share["ci_upper"] == math.ceil((centre + half) * 100 * 1000) / 1000

    rate = _row(tiny_duckdb.rows, ("akutbesok_80", 2023, "riket", "00", "totalt"))
    lower = 2 * (1 - 1 / 18 - z / (3 * math.sqrt(2))) ** 3
    upper = 3 * (1 - 1 / 27 + z / (3 * math.sqrt(3))) ** 3
    assert rate["ci_lower"] == math.floor(lower / 3 * 1000 * 100) / 100
    assert rate["ci_upper"] == math.ceil(upper / 3 * 1000 * 100) / 100

    dsr = _row(tiny_duckdb.rows, ("paverkbar_slutenvard", 2024, "riket", "00", "män"))
    # two events, one in age group 25 (1 person) and one in 85+ (1 person)
    value = (W25 + W85) / W
    variance = ((W25 / W) ** 2 * 1 + (W85 / W) ** 2 * 1)
    low_count = 2 * (1 - 1 / 18 - z / (3 * math.sqrt(2))) ** 3
    high_count = 3 * (1 - 1 / 27 + z / (3 * math.sqrt(3))) ** 3
    spread = math.sqrt(variance / 2)
    assert dsr["ci_lower"] == math.floor(max(0.0, value + spread * (low_count - 2)) * 1e5 * 100) / 100
    assert dsr["ci_upper"] == math.ceil((value + spread * (high_count - 2)) * 1e5 * 100) / 100


def test_the_engines_give_identical_rows(tiny_duckdb, tiny_spark):
    a = tiny_duckdb.rows.astype(str).reset_index(drop=True)
    b = tiny_spark.rows.astype(str).reset_index(drop=True)
    assert a.equals(b)


def test_rows_cover_every_area_the_catalogue_expects(tiny_duckdb, catalogue):
    rows = tiny_duckdb.rows
    akut = rows.loc[rows["indicator"].eq("akutbesok_80") & rows["year"].eq(2024)]
    assert set(akut["level"]) == {"riket", "region", "kommun"}
    assert akut.loc[akut["level"].eq("kommun"), "area"].nunique() == len(catalogue.municipalities)
    assert akut.loc[akut["level"].eq("region"), "area"].nunique() == len(catalogue.regions)
    sabo = rows.loc[rows["indicator"].eq("fallskador_sabo")]
    assert set(sabo["level"]) == {"riket"}  # regional = false in the catalogue
    # first_year: the personår indicators start in 2014, so both years are there
    assert set(rows["year"]) == {2023, 2024}


def test_disclosure_control(catalogue):
    """Fewer events than the threshold: missing with the reason; the other sex follows."""
    from tests.registers.conftest import TINY, compute

    rows = compute(TINY, catalogue, "duckdb", threshold=2).rows
    women_2023 = _row(rows, ("akutbesok_80", 2023, "riket", "00", "kvinnor"))
    men_2023 = _row(rows, ("akutbesok_80", 2023, "riket", "00", "män"))
    total_2023 = _row(rows, ("akutbesok_80", 2023, "riket", "00", "totalt"))
    assert "färre än 2 händelser" in men_2023["missing"] and pd.isna(men_2023["numerator"])
    assert women_2023["missing"].startswith("Uppgift saknas: redovisas inte, eftersom värdet för män")
    assert pd.isna(women_2023["value"]) and pd.isna(women_2023["numerator"])
    assert total_2023["value"] == round(1000 * 2 / 3, 2)
    both = _row(rows, ("akutbesok_80", 2024, "riket", "00", "kvinnor")), _row(rows, ("akutbesok_80", 2024, "riket", "00", "män"))
    assert all("färre än 2 händelser" in r["missing"] for r in both)


def test_parquet_and_csv_give_the_same_rows(tmp_path, catalogue, tiny_duckdb):
    from tests.registers.conftest import TINY, compute

    for path in TINY.glob("*.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in frame.columns:
            if column.endswith("date"):
                frame[column] = pd.to_datetime(frame[column].replace("", None)).dt.date
            elif column in ("person_id", "year", "sex"):
                frame[column] = frame[column].astype("int64")
            elif column in ("planned", "emergency"):
                frame[column] = frame[column].isin(["true", "1"])
        frame.to_parquet(tmp_path / f"{path.stem}.parquet", index=False)
    (tmp_path / "extract.toml").write_text((TINY / "extract.toml").read_text(encoding="utf-8"), encoding="utf-8")
    rows = compute(tmp_path, catalogue, "duckdb", threshold=0).rows
    assert rows.astype(str).equals(tiny_duckdb.rows.astype(str))
