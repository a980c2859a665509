"""Broken packages, one rule each: every problem names file, row and column and says what was expected."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from naravard.data import load_package

from .conftest import (
    CATALOGUE,
    append_row,
    delete_row,
    broken,
    expect_broken,
    expect_problem,
    find_row,
    problems_of,
    read_rows,
    row_values,
    set_cells,
    write_rows,
)

IND = "indicators.csv"
SR = "survey_regions.csv"
SM = "survey_municipalities.csv"


def test_the_sample_package_has_no_problems():
    from .conftest import SAMPLE

    # Only the missing artikelnummer: the model edition's text gives none.
    assert [(p.file, p.column) for p in problems_of(SAMPLE)] == [("report.toml", "article_number")]


# --- indicators ------------------------------------------------------------------------


def test_unknown_indicator_is_reported_once_with_its_rows_and_a_suggestion(pkg: Path):
    path = pkg / IND
    rows = [find_row(path, indicator="fortroende_hs", level="riket", sex="totalt", year=str(y)) for y in (2013, 2014)]
    for r in rows:
        set_cells(path, r, indicator="fortroende_hx")
    problems = broken(pkg)
    p = expect_problem(
        problems, file=IND, row=rows[0], column="indicator", message="unknown indicator 'fortroende_hx'", expected="indicators.toml"
    )
    assert f"also row {rows[1]}" in p.message
    assert 'did you mean "fortroende_hs"?' in p.message


def test_unknown_region_code(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="oplanerade_aterinskrivningar", level="region", area="18", year="2024")
    set_cells(path, r, area="02")
    problems = broken(pkg)
    expect_problem(problems, file=IND, row=r, column="area", message="unknown region code '02'", expected="regions.csv")


def test_riket_must_be_00(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="overbelaggningar", level="riket", year="2020")
    set_cells(path, r, area="01")
    expect_problem(broken(pkg), file=IND, row=r, column="area", message="unknown riket code '01'", expected='"00" for riket')


def test_unknown_kommun_code(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="akutbesok_80", level="kommun", area="2084", year="2020")
    set_cells(path, r, area="2099")
    expect_problem(broken(pkg), file=IND, row=r, column="area", message="unknown kommun code '2099'", expected="municipalities.csv")


def test_unknown_level_and_sex(pkg: Path):
    path = pkg / IND
    r1 = find_row(path, indicator="fortroende_hs", level="riket", sex="totalt", year="2015")
    r2 = find_row(path, indicator="fortroende_hs", level="riket", sex="män", year="2015")
    set_cells(path, r1, level="land")
    set_cells(path, r2, sex="man")
    problems = problems_of(pkg)
    expect_problem(problems, file=IND, row=r1, column="level", message="unknown level 'land'", expected="riket, region or kommun")
    expect_problem(problems, file=IND, row=r2, column="sex", message="unknown sex 'man'", expected="totalt, kvinnor, män")


def test_missing_required_column_names_the_columns_found(pkg: Path):
    path = pkg / IND
    rows = read_rows(path)
    i = rows[0].index("value")
    write_rows(path, [r[:i] + r[i + 1 :] for r in rows])
    p = expect_problem(broken(pkg), file=IND, row=1, column="value", message='missing required column "value"', expected="indicator, year, level")
    assert "columns found: indicator, year, period, level, area, sex, numerator" in p.message


def test_a_value_that_is_not_a_number(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="paverkbar_slutenvard", level="riket", sex="totalt", year="2016")
    set_cells(path, r, value="7 45x")
    expect_problem(broken(pkg), file=IND, row=r, column="value", message="'7 45x' is not a number", expected="a number, such as 8,9")


def test_a_year_that_is_not_an_integer(pkg: Path):
    path = pkg / IND
    r1 = find_row(path, indicator="paverkbar_slutenvard", level="riket", sex="totalt", year="2016")
    r2 = find_row(path, indicator="paverkbar_slutenvard", level="riket", sex="totalt", year="2017")
    set_cells(path, r1, year="2016.5")
    set_cells(path, r2, year="år 2017")
    problems = broken(pkg)
    expect_problem(problems, file=IND, row=r1, column="year", message="'2016.5' is not a whole year", expected="a whole year such as 2024")
    expect_problem(problems, file=IND, row=r2, column="year", message="'år 2017' is not a whole year")


def test_a_percentage_outside_0_100(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="lakare_sabo", level="region", area="05", year="2020")
    set_cells(path, r, value="112.5", ci_lower="", ci_upper="")
    p = expect_problem(broken(pkg), file=IND, row=r, column="value", message="112.5 is outside 0–100 for a percentage")
    assert str(p) == f'indicators.csv, row {r}, column "value": 112.5 is outside 0–100 for a percentage (expected a value between 0 and 100)'


def test_an_index_outside_0_100_and_a_negative_rate(pkg: Path):
    path = pkg / IND
    r1 = find_row(path, indicator="delaktighet_index", level="region", area="03", year="2017")
    r2 = find_row(path, indicator="akutbesok_80", level="kommun", area="0114", year="2018")
    set_cells(path, r1, value="101,5")
    set_cells(path, r2, value="−12")
    problems = problems_of(pkg)
    expect_problem(problems, file=IND, row=r1, column="value", message="101,5 is outside 0–100 for an index")
    expect_problem(problems, file=IND, row=r2, column="value", message="−12 is negative", expected="a value of 0 or more")


def test_confidence_limits_must_enclose_the_value(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="oplanerade_aterinskrivningar", level="region", area="12", year="2024")
    set_cells(path, r, ci_lower="11.9", ci_upper="12.4")
    p = expect_problem(broken(pkg), file=IND, row=r, column="ci_lower", message="does not enclose the value 11.8", expected="ci_lower ≤ value ≤ ci_upper")
    assert "11.9–12.4" in p.message


def test_lower_limit_above_upper_and_a_lone_limit(pkg: Path):
    path = pkg / IND
    r1 = find_row(path, indicator="oplanerade_aterinskrivningar", level="region", area="01", year="2024")
    r2 = find_row(path, indicator="oplanerade_aterinskrivningar", level="region", area="03", year="2024")
    v = row_values(path, r1)
    set_cells(path, r1, ci_lower=v["ci_upper"], ci_upper=v["ci_lower"])
    set_cells(path, r2, ci_upper="")
    problems = broken(pkg)
    expect_problem(problems, file=IND, row=r1, column="ci_lower", message="lower confidence limit", expected="ci_lower ≤ ci_upper")
    expect_problem(problems, file=IND, row=r2, column="ci_upper", message="only one confidence limit", expected="both ci_lower and ci_upper")


def test_numerator_above_denominator_for_a_percentage(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="levnadsvanor", level="riket", sex="totalt", year="2017")
    set_cells(path, r, numerator="200000", denominator="110000")
    expect_problem(problems_of(pkg), file=IND, row=r, column="numerator", message="greater than the denominator", expected="numerator ≤ denominator")


def test_duplicate_keys_name_both_rows(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="fortroende_vc", level="region", area="14", year="2017")
    copy = row_values(path, r)
    new = append_row(path, list(copy.values()))
    p = expect_problem(broken(pkg), file=IND, row=new, column=None, message=f"duplicate of row {r}", expected="one row per indicator, year, period, level, area and sex")
    assert "indicator=fortroende_vc" in p.message and "area=14" in p.message


def test_duplicates_across_indicators_and_costs(pkg: Path):
    costs = pkg / "costs.csv"
    r = find_row(costs, indicator="kostnad_primarvard_fasta", year="2020")
    new = append_row(pkg / IND, list(row_values(costs, r).values()))
    problems = problems_of(pkg)
    expect_problem(problems, file=IND, row=new, column=None, message=f"duplicate of costs.csv row {r}")
    expect_problem(problems, file=IND, row=new, column="indicator", message="is a cost measure", severity="warning", expected="costs.csv")


def test_year_outside_the_series(pkg: Path):
    path = pkg / IND
    early = row_values(path, find_row(path, indicator="fortroende_hs", level="riket", sex="totalt", year="2013"))
    early["year"] = "2012"
    r1 = append_row(path, list(early.values()))
    late = dict(early, year="2026")
    r2 = append_row(path, list(late.values()))
    problems = broken(pkg)
    expect_problem(problems, file=IND, row=r1, column="year", message="2012 is outside the series of fortroende_hs", expected="from 2013")
    expect_problem(problems, file=IND, row=r2, column="year", message="2026 is outside the series of fortroende_hs", expected="to 2025")


def test_a_region_missing_in_the_latest_year(pkg: Path):
    path = pkg / IND
    delete_row(path, find_row(path, indicator="fortroende_hs", level="region", area="09", year="2024"))
    p = expect_problem(
        broken(pkg),
        file=IND,
        row=None,
        column="area",
        message="fortroende_hs has no region row (sex totalt) in 2024 for 1 of 21 regions: 09 Gotland",
        expected='an empty value with a reason in "missing" is fine',
    )
    assert "base year (2017)" in p.expected


def test_a_region_missing_in_the_base_year(pkg: Path):
    path = pkg / IND
    for area in ("12", "13"):
        delete_row(path, find_row(path, indicator="paverkbar_slutenvard", level="region", area=area, year="2017"))
    expect_problem(broken(pkg), file=IND, row=None, column="area", message="in 2017 for 2 of 21 regions: 12 Skåne, 13 Halland")


def test_an_explicit_missing_row_is_fine(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="fortroende_hs", level="region", area="09", year="2024")
    set_cells(path, r, value="", numerator="", denominator="", ci_lower="", ci_upper="", missing="Uppgift saknas")
    assert [p for p in problems_of(pkg) if p.is_error] == []
    package = load_package(pkg, CATALOGUE)
    row = package.indicators[(package.indicators.source_row == r)].iloc[0]
    assert pd.isna(row["value"]) and row["missing"] == "Uppgift saknas"


def test_a_value_missing_without_a_reason(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="fortroende_hs", level="region", area="09", year="2020")
    set_cells(path, r, value="")
    expect_problem(broken(pkg), file=IND, row=r, column="value", message="the value is empty and no reason is given", expected='a reason in the "missing" column')


def test_a_core_indicator_without_rows(pkg: Path):
    path = pkg / IND
    rows = read_rows(path)
    write_rows(path, [r for r in rows if r[0] != "ordinarie_lakare_65"])
    expect_problem(broken(pkg), file=IND, row=None, column="indicator", message="no rows for core indicator ordinarie_lakare_65")


def test_a_bad_synthetic_flag(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="fortroende_hs", level="riket", sex="totalt", year="2016")
    set_cells(path, r, synthetic="kanske")
    expect_problem(problems_of(pkg), file=IND, row=r, column="synthetic", message="'kanske' is not true or false")


def test_an_unknown_column_is_a_warning(pkg: Path):
    path = pkg / IND
    rows = read_rows(path)
    write_rows(path, [r + (["kommentar"] if i == 0 else [""]) for i, r in enumerate(rows)])
    problems = problems_of(pkg)
    expect_problem(problems, file=IND, row=1, column="kommentar", message='unknown column "kommentar" ignored', severity="warning")
    assert not [p for p in problems if p.is_error]
    load_package(pkg, CATALOGUE)  # warnings do not stop a build


# --- the regions' survey ------------------------------------------------------------------


def test_unknown_survey_question(pkg: Path):
    path = pkg / SR
    r = find_row(path, question="2", year="2024", area="01")
    set_cells(path, r, question="3")
    expect_problem(broken(pkg), file=SR, row=r, column="question", message="unknown question '3'", expected="survey.toml")


def test_a_kommun_question_in_the_region_file(pkg: Path):
    path = pkg / SR
    r = find_row(path, question="2", year="2024", area="01")
    set_cells(path, r, question="k.sarskilda_verktyg")
    expect_problem(problems_of(pkg), file=SR, row=r, column="question", message="'k.sarskilda_verktyg' is a kommun question", expected="survey_municipalities")


def test_unknown_survey_option(pkg: Path):
    path = pkg / SR
    r = find_row(path, question="8", option="samverkan", year="2024", area="03")
    set_cells(path, r, option="samverka")
    p = expect_problem(broken(pkg), file=SR, row=r, column="option", message="question 8: unknown option 'samverka'", expected="samverkan, delaktighet")
    assert 'did you mean "samverkan"?' in p.message


def test_an_option_where_the_question_has_none(pkg: Path):
    path = pkg / SR
    r = find_row(path, question="14", year="2024", area="01")
    set_cells(path, r, option="aldre")
    expect_problem(problems_of(pkg), file=SR, row=r, column="option", message="question 14 has no options", expected="an empty option")


def test_an_answer_outside_the_allowed_answers(pkg: Path):
    path = pkg / SR
    r1 = find_row(path, question="2", year="2024", area="05")
    r2 = find_row(path, question="18", option="andra", year="2024", area="04")
    set_cells(path, r1, answer="Kanske")
    set_cells(path, r2, answer="Nej")
    problems = broken(pkg)
    expect_problem(problems, file=SR, row=r1, column="answer", message="question 2: 'Kanske' is not an allowed answer", expected="one of Ja, Nej")
    expect_problem(problems, file=SR, row=r2, column="answer", message="question 18: 'Nej' is not an allowed answer", expected='Ja, "." (ej markerad)')


def test_numeric_survey_answers(pkg: Path):
    path = pkg / SR
    r1 = find_row(path, question="35", year="2024", area="01")
    r2 = find_row(path, question="36", year="2024", area="03")
    r3 = find_row(path, question="38", year="2024", area="04")
    set_cells(path, r1, answer="112 %")
    set_cells(path, r2, answer="-5")
    set_cells(path, r3, answer="många")
    problems = broken(pkg)
    expect_problem(problems, file=SR, row=r1, column="answer", message="question 35: '112 %' is outside 0–100", expected="between 0 and 100")
    expect_problem(problems, file=SR, row=r2, column="answer", message="question 36: '-5' is negative")
    expect_problem(problems, file=SR, row=r3, column="answer", message="question 38: 'många' is not an allowed answer", expected='"kan ej"')


def test_duplicate_survey_answers(pkg: Path):
    path = pkg / SR
    r = find_row(path, question="13", option="utskrivning", year="2024", area="07")
    new = append_row(path, list(row_values(path, r).values()))
    expect_problem(broken(pkg), file=SR, row=new, column=None, message=f"duplicate of row {r}", expected="question, option, year and region")


def test_a_region_without_an_answer_is_a_warning(pkg: Path):
    path = pkg / SR
    delete_row(path, find_row(path, question="20", year="2024", area="25"))
    problems = problems_of(pkg)
    expect_problem(problems, file=SR, row=None, column="area", message="question 20 2024: no answer from 1 of 21 regions: 25 Norrbotten", severity="warning")
    assert not [p for p in problems if p.is_error]


# --- the municipalities' survey -------------------------------------------------------------


def test_municipal_share_outside_0_100_and_empty(pkg: Path):
    path = pkg / SM
    r1 = find_row(path, question="k.sarskilda_verktyg", year="2024")
    r2 = find_row(path, question="k.medarbetare_uppfoljning", year="2024")
    set_cells(path, r1, value="188")
    set_cells(path, r2, value="")
    problems = broken(pkg)
    expect_problem(problems, file=SM, row=r1, column="value", message="188 is outside 0–100 for a percentage")
    expect_problem(problems, file=SM, row=r2, column="value", message="the value is empty", expected="a share in percent")


def test_municipal_unknown_question_and_option(pkg: Path):
    path = pkg / SM
    r1 = find_row(path, question="k.sarskilda_verktyg", year="2024")
    r2 = find_row(path, question="k.insatser", option="samverkan", year="2024")
    set_cells(path, r1, question="k.verktyg")
    set_cells(path, r2, option="samverkansinsatser")
    problems = problems_of(pkg)
    expect_problem(problems, file=SM, row=r1, column="question", message="unknown question 'k.verktyg'", expected="a kommun question id")
    expect_problem(problems, file=SM, row=r2, column="option", message="question k.insatser: unknown option 'samverkansinsatser'")


# --- report.toml and files ------------------------------------------------------------------------


def test_report_settings_missing_keys_and_wrong_types(pkg: Path):
    path = pkg / "report.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('title = "Uppföljning av omställningen till en god och nära vård"\n', "")
    text = text.replace("year = 2024", 'year = "2024"').replace("published = 2025-08-29", 'published = "29 augusti"')
    path.write_text(text, encoding="utf-8")
    problems = broken(pkg)
    expect_problem(problems, file="report.toml", row=None, column="title", message="the key is missing", expected="text in quotes")
    expect_problem(problems, file="report.toml", row=None, column="year", message="'2024' is not a year", expected="without quotes")
    expect_problem(problems, file="report.toml", row=None, column="published", message="'29 augusti' is not a date", expected="2025-08-29")


def test_report_settings_missing(pkg: Path):
    (pkg / "report.toml").unlink()
    expect_problem(broken(pkg), file="report.toml", row=None, column=None, message="the file is missing")


def test_two_files_with_the_same_stem(pkg: Path):
    frame = pd.read_csv(pkg / SM, dtype=str, keep_default_na=False)
    frame.to_excel(pkg / "survey_municipalities.xlsx", index=False)
    p = expect_problem(broken(pkg), file="survey_municipalities.csv", row=None, column=None, message="2 files hold the same table")
    assert "survey_municipalities.csv, survey_municipalities.xlsx" in p.message
    assert "exactly one of" in p.expected


def test_a_required_file_missing(pkg: Path):
    (pkg / SM).unlink()
    expect_problem(broken(pkg), file=SM, row=None, column=None, message="the file is missing", expected="survey_municipalities.xlsx")


def test_a_comma_separated_file_with_unquoted_decimal_commas(pkg: Path):
    path = pkg / "costs.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace("7560", "7560,5")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expect_problem(broken(pkg), file="costs.csv", row=5, column=None, message="the row has 14 fields but the header has 13; a decimal comma")


def test_an_unknown_file_is_a_warning(pkg: Path):
    (pkg / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    expect_problem(problems_of(pkg), file="notes.csv", row=None, column=None, message="not a table of a data package", severity="warning")


def test_errors_come_first_and_the_error_message_lists_them(pkg: Path):
    path = pkg / IND
    r = find_row(path, indicator="fortroende_hs", level="riket", sex="totalt", year="2016")
    set_cells(path, r, value="abc")
    (pkg / "notes.csv").write_text("a\n1\n", encoding="utf-8")
    problems = problems_of(pkg)
    assert problems[0].is_error and not problems[-1].is_error
    err = expect_broken(pkg)
    assert "1 error and 2 warnings" in str(err)  # notes.csv, and the sample's missing artikelnummer
    assert f"indicators.csv, row {r}, column \"value\": 'abc' is not a number" in str(err)


# ---- the artikelnummer: printed only when the package gives a real one ---------------------


def _settings(**changes):
    from naravard.data.settings import settings_from_mapping

    doc = {
        "year": 2024, "title": "T", "subtitle": "S", "publisher": "Socialstyrelsen", "published": "2025-08-29",
        "edition": "andra", "assignment": "S2023/01930", "foreword_signature": "A", "foreword_signature_title": "B",
    }
    doc.update(changes)
    doc = {k: v for k, v in doc.items() if v is not None}
    return settings_from_mapping(doc)


def test_a_missing_artikelnummer_warns_and_leaves_it_empty():
    settings, problems = _settings()
    assert settings is not None and settings.article_number == ""
    assert [(p.severity, p.column) for p in problems] == [("warning", "article_number")]
    assert "leaves the line out" in problems[0].message


def test_a_placeholder_artikelnummer_never_reaches_the_report():
    settings, problems = _settings(article_number="2025-8-0000")
    assert settings.article_number == ""
    assert len(problems) == 1 and "placeholder" in problems[0].message


def test_a_real_artikelnummer_is_kept_without_warning():
    settings, problems = _settings(article_number="2025-8-17")
    assert settings.article_number == "2025-8-17" and problems == []
