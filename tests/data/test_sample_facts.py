"""The published figures of the model edition come out of the sample package.

Each assertion cites what the edition says (domain/000.md §3 and §6); the
sample's synthetic values must not contradict any of it.
"""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

from .conftest import SAMPLE

# --- helpers -------------------------------------------------------------------------------


def riket(pkg, ident: str, sex: str = "totalt") -> pd.Series:
    d = pkg.indicators
    rows = d[(d.indicator == ident) & (d.level == "riket") & (d.sex == sex)]
    return rows.set_index("year")["value"].sort_index()


def regions(pkg, ident: str, year: int) -> pd.Series:
    d = pkg.indicators
    rows = d[(d.indicator == ident) & (d.level == "region") & (d.year == year) & (d.sex == "totalt")]
    return rows.set_index("area")["value"]


def latest_available(pkg, ident: str) -> pd.Series:
    """Each region's most recent value (the edition's regional charts, fn 18)."""
    d = pkg.indicators
    rows = d[(d.indicator == ident) & (d.level == "region") & (d.sex == "totalt") & d.value.notna()]
    return rows.sort_values("year").groupby("area")["value"].last()


def extremes(values: pd.Series) -> tuple[set[str], float, set[str], float]:
    values = values.dropna()
    lo, hi = values.min(), values.max()
    return set(values[values == lo].index), lo, set(values[values == hi].index), hi


def answers(pkg, question: str, year: int = 2024, option: str = "") -> pd.DataFrame:
    s = pkg.survey_regions
    return s[(s.question == question) & (s.year == year) & (s.option == option)].set_index("area")


def ja(pkg, question: str, year: int = 2024, option: str = "") -> int:
    return int((answers(pkg, question, year, option)["answer"] == "Ja").sum())


def share(pkg, question: str, option: str = "", year: int = 2024) -> float:
    s = pkg.survey_municipalities
    row = s[(s.question == question) & (s.option == option) & (s.year == year) & (s.level == "riket")]
    assert len(row) == 1, (question, option, year)
    return float(row["value"].iloc[0])


def print_round(value: float, decimals: int = 0) -> float:
    """Half away from zero, as the report prints numbers."""
    return math.floor(value * 10**decimals + 0.5) / 10**decimals


# --- the regions' survey (Bilaga 3) -------------------------------------------------------------


def test_question_2_breddinfort(sample_package):
    assert ja(sample_package, "2") == 19
    assert ja(sample_package, "2", 2023) == 16  # "något fler än 2023 då 16 av 21"


def test_every_bilaga3_column_matches_its_riket_count(sample_package, generator):
    with (SAMPLE / "sources" / "bilaga3_regionenkat_2024.csv").open(encoding="utf-8", newline="") as f:
        published = list(csv.DictReader(f))
    checked = 0
    for (fraga, delfraga), (q, opt) in generator.BILAGA3_COLUMNS.items():
        rows = [r for r in published if r["fraga"] == fraga and r["delfraga"] == delfraga]
        assert len(rows) == 21
        total = rows[0]["riket"]
        got = answers(sample_package, q, 2024, opt).sort_index()
        assert len(got) == 21
        # As printed, except Socialstyrelsen's corrections: there the region's own answer is `reported`.
        corrected = {code: answer for (cq, co, code), (answer, _) in generator.CORRECTIONS.items() if (cq, co) == (q, opt)}
        printed = [r["svar"] for r in sorted(rows, key=lambda r: r["lanskod"])]
        assert list(got["raw"]) == [corrected.get(r["lanskod"], r["svar"]) for r in sorted(rows, key=lambda r: r["lanskod"])]
        assert [rep for rep in got["reported"] if rep] == [{".": "ej markerad"}.get(p, p) for code, p in zip(got.index, printed) if code in corrected]
        if "%" in total or " " in total:
            continue  # 35, 36, 38: a mean or a sum, checked below
        more = sum(1 for code, answer in corrected.items() if answer == "Ja")
        assert ja(sample_package, q, 2024, opt) == int(total.split("/")[0]) + more, (fraga, delfraga)
        checked += 1
    assert checked == 51


def test_question_35_mean_59_with_two_regions_tied_at_18(sample_package):
    a = answers(sample_package, "35")
    numbers = a["number"].dropna()
    assert len(numbers) == 17  # "Det var 17 av regionerna som gav ett svar om andelen"
    assert print_round(numbers.mean()) == 59
    lo_codes, lo, hi_codes, hi = extremes(numbers)
    assert (lo, lo_codes) == (18, {"10", "24"})  # Blekinge and Västerbotten
    assert (hi, hi_codes) == (96, {"14"})  # Västra Götaland
    assert set(a.index[a["answer"] == "kan ej"]) == {"06", "17", "23", "25"}
    # 2023: 16 regions gave a share, and the mean was the same 59 %.
    n23 = answers(sample_package, "35", 2023)["number"].dropna()
    assert len(n23) == 16 and print_round(n23.mean()) == 59


def test_question_36_sum_and_question_38_mean(sample_package):
    # Bilaga 3's sum, 4 245 026, with Kalmar's 179 read as 179 000 (fn 56: the table and the text agree)
    assert answers(sample_package, "36")["number"].sum() == 4_245_026 - 179 + 179_000
    assert answers(sample_package, "36")["number"].notna().sum() == 15
    n38 = answers(sample_package, "38")["number"].dropna()
    assert len(n38) == 11 and print_round(n38.mean()) == 96 and (n38.min(), n38.max()) == (85, 100)


def test_question_13_all_three_routines_in_seven_regions(sample_package):
    opts = ("vard_i_hemmet", "bedomning_sjukhusvard", "utskrivning")
    all_three = set.intersection(*(set(answers(sample_package, "13", option=o).query("answer == 'Ja'").index) for o in opts))
    assert len(all_three) == 7
    assert (answers(sample_package, "13", option="vard_i_hemmet")["answer"] == "Delvis").sum() == 5


def test_year_on_year_survey_comparisons(sample_package):
    p = sample_package
    # Fråga 28: 17 regions followed up the ambulance service in 2023; of those that did not in 2024, 5 had in 2023.
    assert ja(p, "28", 2023) == 17
    no_2024 = set(answers(p, "28").query("answer == 'Nej'").index)
    assert len(no_2024 & set(answers(p, "28", 2023).query("answer == 'Ja'").index)) == 5
    # Fråga 29: legitimerade läkare 4 -> 3, hyrläkare 8 -> 4.
    assert (ja(p, "29b", 2023, "leg_lakare"), ja(p, "29b", 2024, "leg_lakare")) == (4, 3)
    assert (ja(p, "29b", 2023, "hyrlakare"), ja(p, "29b", 2024, "hyrlakare")) == (8, 4)
    # Fråga 33: routines for fast vårdkontakt in 2 regions fewer than the year before.
    assert ja(p, "33", 2023, "fast_vardkontakt") - ja(p, "33", 2024, "fast_vardkontakt") == 2
    # Länsgemensamma planer: 18 in 2023; every region without a decision in 2024 had one in 2023 (fn 94).
    plan = answers(p, "r.lansgemensam_plan", 2023)
    assert (plan["answer"] == "Ja").sum() == 18
    assert set(answers(p, "4").query("answer != 'Ja'").index) <= set(plan.query("answer == 'Ja'").index)
    assert ja(p, "4") == 13


@pytest.mark.parametrize(
    ("question", "option", "count"),
    [
        ("r.digitala_vardtjanster", "", 20),
        ("r.utbildning_kommunal_hsv", "", 16),
        ("r.lakartillgang_kommuner", "", 13),
        ("r.landsbygd_samverkan", "", 15),
        ("r.plan_fast_lakarkontakt", "", 11),
        ("r.halsoframjande", "riktade_halsosamtal", 20),
        ("r.halsoframjande", "hembesoksprogram", 16),
        ("r.halsoframjande", "ovriga", 18),
        ("r.kontinuitet_insatser", "krav_vardcentraler", 5),
        ("r.kontinuitet_insatser", "ekonomiska_incitament", 5),
        ("r.kontinuitet_insatser", "ekonomiska_satsningar", 4),
    ],
)
def test_text_only_region_questions(sample_package, question, option, count):
    assert ja(sample_package, question, 2024, option) == count
    assert answers(sample_package, question, 2024, option)["synthetic"].all()


def test_the_published_answers_are_not_synthetic(sample_package):
    s = sample_package.survey_regions
    bilaga3 = s[(s.year == 2024) & ~s.question.str.startswith("r.")]
    assert len(bilaga3) == 54 * 21 and not bilaga3["synthetic"].any()
    assert s[s.year == 2023]["synthetic"].all()


# --- the municipalities' survey -------------------------------------------------------------------


def test_municipal_shares(sample_package):
    p = sample_package
    assert share(p, "k.andrat_arbetssatt", "aldre") == 91
    assert {share(p, "k.andrat_arbetssatt", o) for o in ("kroniska", "barn_unga", "funktionsnedsattning")} == {70, 71, 72}
    insatser = {o: share(p, "k.insatser", o) for o in ("utskrivningsprocess", "halsoframjande", "fasta_omsorgskontakter", "familjecentraler", "rehab_hab", "digitala_besok", "mobila_team_region", "mobila_team_kommun")}
    assert insatser == {"utskrivningsprocess": 78, "halsoframjande": 88, "fasta_omsorgskontakter": 78, "familjecentraler": 52, "rehab_hab": 46, "digitala_besok": 42, "mobila_team_region": 34, "mobila_team_kommun": 28}
    assert (share(p, "k.insatser", "familjecentraler", 2023), share(p, "k.insatser", "rehab_hab", 2023)) == (43, 59)
    s = p.survey_municipalities
    for year in (2023, 2024):  # samverkan the most common insats both years
        ins = s[(s.question == "k.insatser") & (s.year == year)].set_index("option")["value"]
        assert ins.idxmax() == "samverkan"
    assert abs(share(p, "k.insatser", "digitala_besok", 2023) - 42) <= 2  # "ungefär lika stor andel"
    assert share(p, "k.medarbetare_uppfoljning") == 59
    assert share(p, "k.sarskilda_verktyg") == 88
    assert [share(p, "k.dokumenterad_overenskommelse", o, 2024) for o in ("alla", "vissa", "inte")] == [25, 8, 67]
    assert [share(p, "k.dokumenterad_overenskommelse", o, 2023) for o in ("alla", "vissa", "inte")] == [29, 25, 46]
    assert (share(p, "k.rutin_fast_kontakt", "fast_omsorgskontakt"), share(p, "k.rutin_fast_kontakt", "fast_vardkontakt")) == (92, 83)
    assert (share(p, "k.fast_kontakt_okat", "fast_omsorgskontakt"), share(p, "k.fast_kontakt_okat", "fast_vardkontakt")) == (68, 43)
    assert (share(p, "k.halsoframjande", "riktade_halsosamtal"), share(p, "k.halsoframjande", "hembesoksprogram")) == (71, 48)
    uppf = s[s.question == "k.uppfoljning_malomrade"].set_index("option")["value"].sort_values(ascending=False)
    assert list(uppf.index[:2]) == ["samverkan", "halsoframjande"]


# --- indicators: national values ---------------------------------------------------------------------


def test_oplanerade_aterinskrivningar(sample_package):
    p = sample_package
    t = riket(p, "oplanerade_aterinskrivningar")
    assert (t[2013], t[2024]) == (10.0, 8.9)
    assert abs(t[2022] - 8.9) <= 0.1 and abs(t[2023] - 8.9) <= 0.1
    men, women = riket(p, "oplanerade_aterinskrivningar", "män"), riket(p, "oplanerade_aterinskrivningar", "kvinnor")
    assert (men > women).all()
    assert print_round(men[2024] - women[2024], 1) == 0.1
    assert print_round(men[2024], 1) - print_round(women[2024], 1) == pytest.approx(0.1)


def test_paverkbar_slutenvard(sample_package):
    p = sample_package
    t = riket(p, "paverkbar_slutenvard")
    assert (t[2013], t[2024]) == (817, 562)
    falls = [y for y in range(2014, 2025) if t[y] < t[y - 1]]
    assert falls == [y for y in range(2014, 2025) if y != 2021]  # every year but the pandemic year 2021
    men, women = riket(p, "paverkbar_slutenvard", "män"), riket(p, "paverkbar_slutenvard", "kvinnor")
    assert (men > women).all() and men[2024] == 626
    assert print_round((men[2013] / women[2013] - 1) * 100) == 37
    assert print_round((men[2024] / women[2024] - 1) * 100) == 23
    assert women[2024] < t[2024] < men[2024]


def test_national_values_per_indicator(sample_package):
    p = sample_package
    assert (riket(p, "fortroende_hs")[2023], riket(p, "fortroende_hs")[2024]) == (61, 67)
    assert riket(p, "fortroende_hs")[[2020, 2021]].min() > 67  # higher during the pandemic
    assert (riket(p, "fortroende_hs", "kvinnor") < riket(p, "fortroende_hs", "män")).all()
    vc = riket(p, "fortroende_vc")
    assert vc[2024] == 63 and vc[2024] - vc[2023] < 67 - 61
    m = riket(p, "medicinsk_bedomning_3d")
    assert (m[2020], m[2024]) == (81, 88) and m[2024] - m[2023] < m[2023] - m[2022]
    gap = riket(p, "medicinsk_bedomning_3d", "män") - riket(p, "medicinsk_bedomning_3d", "kvinnor")
    assert (gap > 0).all() and print_round(gap[2024], 1) == 0.5
    b = riket(p, "barn_unga_psykisk_ohalsa_3d")
    assert (b[2024], b[2025]) == (81, 72)
    boys_ahead = riket(p, "barn_unga_psykisk_ohalsa_3d", "pojkar") > riket(p, "barn_unga_psykisk_ohalsa_3d", "flickor")
    assert boys_ahead.sum() == 3 and len(boys_ahead) == 4
    assert set(p.indicators.query("indicator == 'barn_unga_psykisk_ohalsa_3d'")["period"]) == {"februari–mars"}
    läk = riket(p, "lakare_sabo")
    assert (läk[2022], läk[2024]) == (45, 50) and läk.idxmin() == 2022
    assert all(läk[y] < läk[y - 1] for y in range(2014, 2023)) and läk[2022] < läk[2023] < läk[2024]
    nurse = riket(p, "sjukskoterska_sabo")[2024]
    assert 74 <= nurse < 75  # "knappt 75 procent"
    assert dict(riket(p, "ordinarie_lakare_65")) == {2017: 61, 2021: 66, 2024: 64}
    assert riket(p, "tillgodosett_vardbehov")[2024] == 75
    assert riket(p, "tillgodosett_vardbehov")[2024] <= riket(p, "tillgodosett_vardbehov")[2019]  # no improvement
    assert (riket(p, "tillgodosett_vardbehov", "män") > riket(p, "tillgodosett_vardbehov", "kvinnor")).all()
    d = riket(p, "delaktighet_index")
    assert (d[2017], d[2019], d[2024]) == (78.4, 79.8, 79.8)
    assert (riket(p, "delaktighet_index", "män") > riket(p, "delaktighet_index", "kvinnor")).all()
    lv = riket(p, "levnadsvanor")
    assert lv[2024] == 51 and (riket(p, "levnadsvanor", "män")[2024], riket(p, "levnadsvanor", "kvinnor")[2024]) == (56, 48)
    assert lv[[y for y in lv.index if y % 2 == 1]].between(48, 51).all() and lv[2024] > lv[2017] and lv[2023] > lv[2021]
    ö = riket(p, "overbelaggningar")
    assert (ö[2023], ö[2024]) == (8.9, 7.3) and ö[2024] > ö[[2017, 2018, 2019]].max()


def test_complementary_national_series(sample_package):
    p = sample_package
    säbo, ordbo = riket(p, "lakemedel_undvikas_sabo"), riket(p, "lakemedel_undvikas_ordbo")
    assert all(säbo[y] < säbo[y - 1] for y in range(2014, 2025))
    assert ordbo[2018] > ordbo[2017] and all(ordbo[y] < ordbo[y - 1] for y in range(2019, 2025))
    assert (säbo < ordbo).all()
    assert print_round((ordbo[2017] - ordbo[2024]) / ordbo[2017] * 100) == 25  # figur 1: +25 %
    gap = riket(p, "lakemedel_undvikas_ordbo", "kvinnor") - riket(p, "lakemedel_undvikas_ordbo", "män")
    assert gap.between(1.5, 2.5).all()
    assert (riket(p, "lakemedel_undvikas_sabo", "män") > riket(p, "lakemedel_undvikas_sabo", "kvinnor")).all()
    fs, fo = riket(p, "fallskador_sabo"), riket(p, "fallskador_ordbo")
    assert fs.idxmin() == 2024 and fo[2024] == fo.loc[2015:].max() and fo[2014] > fo[2024]
    ps, po = riket(p, "paverkbar_slutenvard_sabo"), riket(p, "paverkbar_slutenvard_ordbo")
    assert ps[2024] < ps[2017] and po[2024] < po[2017] and (po > ps).all()
    assert ps[2024] > ps[2022] and po[2024] > po[2022]
    a = riket(p, "akutbesok_80")
    assert a[2024] == 600
    ratio = (riket(p, "akutbesok_80", "män") / riket(p, "akutbesok_80", "kvinnor") - 1) * 100
    assert print_round(ratio.max()) == 17 and print_round(ratio.min()) == 12
    assert riket(p, "fast_lakarkontakt_panel")[2024] == 29


def test_costs(sample_package):
    p = sample_package
    fixed, current = riket(p, "kostnad_primarvard_fasta"), riket(p, "kostnad_primarvard_lopande")
    assert 450 <= fixed[2024] - fixed[2017] < 500  # "knappt 500 kronor"
    assert 2000 < current[2024] - current[2017] < 2100  # "drygt 2 000 kronor"
    changes = fixed.diff().dropna()
    assert changes.idxmin() == 2024 and changes[2024] < 0  # the largest fall of the period
    assert changes[2020] > 100 and changes[2021] > 100
    share_ = riket(p, "andel_primarvard_regioner")
    assert share_[2013] > share_[2017] and share_[2022] > share_[2017] and share_[2023] < share_[2022]
    assert share_[2024] == share_.loc[2015:].min() and abs(share_[2024] - share_[2017]) <= 0.2
    r, k = riket(p, "kostnadsandel_primarvard_regioner"), riket(p, "kostnadsandel_primarvard_kommuner")
    assert r.index.max() == 2023 and 0 < (r + k)[2023] - (r + k)[2017] <= 0.5 and r[2023] - r[2017] > k[2023] - k[2017]


# --- indicators: regions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "year", "low", "low_value", "high", "high_value"),
    [
        ("oplanerade_aterinskrivningar", 2024, {"18"}, 5.8, {"12"}, 11.8),
        ("paverkbar_slutenvard", 2024, {"18"}, 407, {"01"}, 761),
        ("fortroende_hs", 2024, {"22"}, 54, {"06"}, 82),
        ("overbelaggningar", 2024, {"08"}, 1.0, {"24"}, 14.1),
        ("akutbesok_80", 2024, {"10"}, 420, {"09"}, 779),
        ("andel_primarvard_regioner", 2024, None, 17.8, None, 22.7),
    ],
)
def test_highest_and_lowest_region(sample_package, ident, year, low, low_value, high, high_value):
    lo_codes, lo, hi_codes, hi = extremes(regions(sample_package, ident, year))
    assert (lo, hi) == (low_value, high_value)
    if low is not None:
        assert (lo_codes, hi_codes) == (low, high)


@pytest.mark.parametrize(
    ("ident", "low", "low_value", "high", "high_value"),
    [
        ("tillgodosett_vardbehov", "10", 70, "07", 77),  # Blekinge, Kronoberg
        ("delaktighet_index", "17", 76, "23", 84),  # Värmland, Jämtland Härjedalen
        ("levnadsvanor", "24", 44, "03", 56),  # Västerbotten, Uppsala
    ],
)
def test_patient_survey_regions(sample_package, ident, low, low_value, high, high_value):
    p = sample_package
    now = regions(p, ident, 2024)
    assert now.notna().sum() == 10  # only 10 regions took part in 2024
    d = p.indicators
    gaps = d[(d.indicator == ident) & (d.level == "region") & (d.year == 2024) & d.value.isna()]
    assert len(gaps) == 11 and gaps["missing"].str.len().gt(0).all()
    assert extremes(now) == ({low}, low_value, {high}, high_value)
    assert extremes(latest_available(p, ident)) == ({low}, low_value, {high}, high_value)


def test_medicinsk_bedomning_stockholm_best(sample_package):
    r24, r20 = regions(sample_package, "medicinsk_bedomning_3d", 2024), regions(sample_package, "medicinsk_bedomning_3d", 2020)
    assert extremes(r24)[2:] == ({"01"}, 96)
    worse = (r24 < r20).sum()
    assert 0 < worse <= 4 and (r24 > r20).sum() > 10  # "ett litet antal regioner" worse than 2020


def test_barn_unga_2025(sample_package):
    p = sample_package
    r25 = regions(p, "barn_unga_psykisk_ohalsa_3d", 2025)
    assert set(r25[r25 == 100].index) == {"03", "08"}  # Uppsala and Kalmar
    assert r25.idxmin() == "20" and r25.min() < 20  # Dalarna under 20 %
    assert r25.isna().sum() >= 2  # "Från flera regioner saknas utfallsdata avseende 2025"
    r22 = regions(p, "barn_unga_psykisk_ohalsa_3d", 2022)
    both = r25.dropna().index
    assert (r25[both] > r22[both]).any() and (r25[both] < r22[both]).any()


def test_regional_changes_since_the_base_year(sample_package):
    p = sample_package
    # läkare i säbo: worse in all län since 2017 except the two best in 2024
    now, then = regions(p, "lakare_sabo", 2024), regions(p, "lakare_sabo", 2017)
    best_two = set(now.sort_values(ascending=False).index[:2])
    assert set(now.index[now >= then]) == best_two
    # påverkbar slutenvård: lower in every län than in 2017
    assert (regions(p, "paverkbar_slutenvard", 2024) < regions(p, "paverkbar_slutenvard", 2017)).all()
    # återinskrivningar: most but not all lower; the three highest with no or marginal fall
    now, then = regions(p, "oplanerade_aterinskrivningar", 2024), regions(p, "oplanerade_aterinskrivningar", 2017)
    assert 11 <= (now < then).sum() < 21
    top3 = now.sort_values(ascending=False).index[:3]
    assert ((then[top3] - now[top3]).round(1).between(0, 0.2)).all()
    # förtroende: higher in nearly every region; vårdcentraler: 14 of 21 improved
    assert (regions(p, "fortroende_hs", 2024) > regions(p, "fortroende_hs", 2017)).sum() in (19, 20)
    assert (regions(p, "fortroende_vc", 2024) > regions(p, "fortroende_vc", 2017)).sum() == 14
    # levnadsvanor: an increase in slightly more than half of the regions
    assert (latest_available(p, "levnadsvanor") > regions(p, "levnadsvanor", 2017)).sum() in (11, 12, 13)
    # delaktighet: a positive change in most regions
    assert (latest_available(p, "delaktighet_index") > regions(p, "delaktighet_index", 2017)).sum() > 10
    # tillgodosett vårdbehov: fewer in most regions
    assert (latest_available(p, "tillgodosett_vardbehov") < regions(p, "tillgodosett_vardbehov", 2017)).sum() > 10
    # akutbesök: fewer in nearly every region
    assert (regions(p, "akutbesok_80", 2024) < regions(p, "akutbesok_80", 2017)).sum() in (19, 20)
    # läkemedel ordinärt boende: lower in nearly every region; Stockholm has no data
    lm24, lm17 = regions(p, "lakemedel_undvikas_ordbo", 2024), regions(p, "lakemedel_undvikas_ordbo", 2017)
    assert pd.isna(lm24["01"]) and (lm24 < lm17).sum() in (18, 19)


def test_cost_share_per_region(sample_package):
    p = sample_package
    d = p.indicators
    gotland = d[(d.indicator == "andel_primarvard_regioner") & (d.area == "09")]
    assert gotland["value"].isna().all() and (gotland["missing"] != "").all()
    by_year = {y: regions(p, "andel_primarvard_regioner", y).dropna() for y in range(2013, 2025)}
    ranges = {y: v.max() - v.min() for y, v in by_year.items()}
    assert min(ranges, key=ranges.get) == 2024  # the narrowest range of 2013–2024
    v24, v23 = by_year[2024], by_year[2023]
    assert len(v24) == 20 and (v24 < v23).sum() == 8
    assert all(v24[c] < v23[c] for c in ("01", "12", "14"))  # the three largest regions decreased
    assert (v24 < by_year[2017]).sum() == 10 and (v24 < by_year[2013]).sum() == 10


def test_kommuner(sample_package):
    d = sample_package.indicators
    ak = d[(d.indicator == "akutbesok_80") & (d.level == "kommun")]
    assert ak["area"].nunique() == 290 and sorted(ak["year"].unique()) == list(range(2017, 2025))
    for _, g in ak.groupby("year"):
        assert set(g.nsmallest(3, "value")["area"]) == {"2084", "2183", "2121"}  # Avesta, Bollnäs, Ovanåker
    po = d[(d.indicator == "paverkbar_slutenvard_ordbo") & (d.level == "kommun")]
    assert po["area"].nunique() == 290
    stockholm = po[po["area"].str.startswith("01")]
    assert stockholm["value"].isna().all() and (stockholm["missing"] != "").all()


def test_figure_1_three_core_indicators_moved_away_from_the_goals(sample_package):
    p = sample_package
    worse = []
    changes = {}
    for ind in p.catalogue.core_indicators:
        t = riket(p, ind.id).dropna()
        sign = -1 if ind.direction == "lower" else 1
        change = sign * (t[t.index.max()] - t[ind.base_year]) / t[ind.base_year] * 100
        changes[ind.id] = change
        if change < 0:
            worse.append(ind.id)
    assert sorted(worse) == ["lakare_sabo", "overbelaggningar", "tillgodosett_vardbehov"]
    ranked = sorted(changes, key=changes.get)
    assert set(ranked[-2:]) == {"lakemedel_undvikas_ordbo", "paverkbar_slutenvard"}  # largest improvements
    assert set(ranked[:2]) == {"lakare_sabo", "overbelaggningar"}  # largest deteriorations


def test_published_values_are_marked_as_published(sample_package):
    d = sample_package.indicators

    def flag(ident, year, level="riket", area="00", sex="totalt"):
        row = d[(d.indicator == ident) & (d.year == year) & (d.level == level) & (d.area == area) & (d.sex == sex)]
        return bool(row["synthetic"].iloc[0])

    assert not flag("oplanerade_aterinskrivningar", 2013) and not flag("oplanerade_aterinskrivningar", 2024)
    assert flag("oplanerade_aterinskrivningar", 2018)
    assert not flag("paverkbar_slutenvard", 2024, sex="män") and flag("paverkbar_slutenvard", 2024, sex="kvinnor")
    assert not flag("oplanerade_aterinskrivningar", 2024, "region", "18")
    assert flag("oplanerade_aterinskrivningar", 2024, "region", "01")
    assert not flag("barn_unga_psykisk_ohalsa_3d", 2025, "region", "03")
    assert flag("barn_unga_psykisk_ohalsa_3d", 2025, "region", "20")  # "under 20 procent": the 17 is illustrative


def test_confidence_limits_enclose_values_and_rest_on_counts(sample_package):
    d = sample_package.indicators
    with_ci = d[d.ci_lower.notna()]
    assert len(with_ci) > 1000
    assert ((with_ci.ci_lower <= with_ci.value) & (with_ci.value <= with_ci.ci_upper)).all()
    assert with_ci.numerator.notna().all() and with_ci.denominator.notna().all()
    assert set(with_ci.indicator) >= {"lakare_sabo", "oplanerade_aterinskrivningar", "paverkbar_slutenvard", "fast_lakarkontakt_panel"}
