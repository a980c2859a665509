"""Bad extracts: each problem names the file, the column and how many rows; nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from naravard.cli import main
from naravard.registers import ExtractError, compute_indicators
from tests.registers.conftest import CATALOGUE, TINY


@pytest.fixture
def extract(tmp_path) -> Path:
    folder = tmp_path / "extract"
    shutil.copytree(TINY, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(folder: Path, catalogue, **kwargs) -> list[str]:
    with pytest.raises(ExtractError) as caught:
        compute_indicators(folder, catalogue, **kwargs)
    assert "nothing was written" in str(caught.value)
    return [str(p) for p in caught.value.problems]


def test_missing_column(extract, catalogue):
    edit(extract, "inpatient.csv", "external_cause,planned", "external_cause,planerad")
    found = problems(extract, catalogue)
    assert found == [
        'inpatient.csv, column "planned": the column is missing (the file has person_id, admission_date, discharge_date, '
        "main_diagnosis, external_cause, planerad) (expected the columns person_id, admission_date, discharge_date, "
        "main_diagnosis, external_cause, planned)"
    ]


def test_missing_file(extract, catalogue):
    (extract / "persons.csv").unlink()
    assert problems(extract, catalogue) == ["persons.parquet: the file is missing (expected persons.parquet or persons.csv in " + str(extract) + ")"]


def test_codes_that_are_not_icd10_or_atc(extract, catalogue):
    edit(extract, "inpatient.csv", "J441", "XYZ")
    edit(extract, "inpatient.csv", "N390,,false\n2,2023-05-10", "12345,,false\n2,2023-05-10")
    edit(extract, "dispensed.csv", "N06AA09", "N06A")
    found = "\n".join(problems(extract, catalogue))
    assert 'inpatient.csv, column "main_diagnosis": 2 rows with a value that is not an ICD-10 code (first: \'12345\')' in found
    assert 'dispensed.csv, column "atc": 1 row with a value that is not an ATC code (first: \'N06A\') (expected a full ATC code such as N05BA01' in found


def test_other_bad_cells(extract, catalogue):
    edit(extract, "persons.csv", "4,1,1995-05-05", "4,3,1995-05-05")
    edit(extract, "population.csv", "5,2024,1480", "5,2024,9999")
    edit(extract, "outpatient.csv", "2023-08-01,1", "2023-08-01,kanske")
    edit(extract, "municipal_care.csv", "2,0180,ordinart", "2,0180,hemma")
    edit(extract, "inpatient.csv", "2024-01-10", "2024-13-10")
    found = "\n".join(problems(extract, catalogue))
    assert 'persons.csv, column "sex": 1 row with a value that is not a sex code (first: \'3\')' in found
    assert 'population.csv, column "kommun": 1 row with a value that is not a kommunkod of the catalogue (first: \'9999\')' in found
    assert 'outpatient.csv, column "emergency": 1 row with a value that is not true or false (first: \'kanske\')' in found
    assert 'municipal_care.csv, column "housing": 1 row with a value that is not a housing code (first: \'hemma\')' in found
    assert 'inpatient.csv, column "admission_date": 1 row with a value that is not a date (first: \'2024-13-10\')' in found


def test_dates_out_of_range(extract, catalogue):
    edit(extract, "outpatient.csv", "2024-04-04", "2031-04-04")
    edit(extract, "inpatient.csv", "2023-04-03,2023-04-05", "2023-04-03,2023-04-02")
    found = problems(extract, catalogue)
    assert found == [
        'inpatient.csv, column "discharge_date": 1 row with a discharge before the admission (first: \'2023-04-02\') '
        "(expected a discharge date on or after the admission date)",
        'outpatient.csv, column "visit_date": 1 row with a date out of range (first: \'2031-04-04\') '
        "(expected dates from 2022-01-01 to 2025-12-31, within the extract's years and one year either side (2022–2025))",
    ]


def test_overlapping_episodes(extract, catalogue):
    # person 1 is admitted again on 2023-02-07, before the discharge on 2023-02-09
    edit(extract, "inpatient.csv", "1,2023-03-01,2023-03-03", "1,2023-02-07,2023-03-03")
    edit(extract, "municipal_care.csv", "6,0180,sabo,2023-01-01,", "6,0180,sabo,2023-01-01,\n6,0180,ordinart,2024-05-01,2024-06-01")
    found = problems(extract, catalogue)
    assert found == [
        'inpatient.csv, column "admission_date": 1 row overlapping an earlier vårdtillfälle of the same person (1 person, first: person 1) '
        "(expected each admission on or after the person's previous discharge)",
        'municipal_care.csv, column "start_date": 1 row overlapping an earlier care period of the same person (1 person, first: person 6) '
        "(expected a person's care periods one after another, without shared days)",
    ]


def test_unknown_people_and_duplicates(extract, catalogue):
    edit(extract, "dispensed.csv", "6,2023-10-01", "77,2023-10-01")
    edit(extract, "population.csv", "6,2024,0180", "6,2024,0180\n6,2024,0181")
    found = "\n".join(problems(extract, catalogue))
    assert 'dispensed.csv, column "person_id": 1 row with a person who is not in persons.csv (first: 77)' in found
    assert 'population.csv, column "year": 1 person with more than one row for a year (first: person 6)' in found


def test_wrong_years(extract, catalogue):
    found = problems(extract, catalogue, years=[2022, 2023, 2024])
    assert found == [
        'population.csv, column "year": the extract is for the wrong years: it covers 2023–2024, not 2022 '
        "(expected --years within 2023–2024, or an extract that covers 2022)"
    ]
    assert "after the package's report year 2022 + 1" in problems(extract, catalogue, package_year=2022)[0]
    # an event file without events in a year computed
    edit(extract, "outpatient.csv", "3,2024-03-03", "3,2023-03-03")
    edit(extract, "outpatient.csv", "6,2024-04-04", "6,2023-04-04")
    edit(extract, "outpatient.csv", "2,2024-05-05", "2,2023-05-05")
    assert problems(extract, catalogue) == [
        'outpatient.csv, column "visit_date": the extract is for the wrong years: no visits in 2024 '
        "(expected data for every year computed (2023–2024))"
    ]


# The five kinds of bad input, each through the command: (edits, extra arguments, expected message).
BAD_INPUT = {
    "missing column": ([("inpatient.csv", "external_cause,planned", "external_cause,planerad")], [],
                       'inpatient.csv, column "planned": the column is missing'),
    "not ICD-10": ([("inpatient.csv", "J441", "XYZ")], [],
                   'inpatient.csv, column "main_diagnosis": 1 row with a value that is not an ICD-10 code'),
    "not ATC": ([("dispensed.csv", "N06AA09", "N06A")], [],
                'dispensed.csv, column "atc": 1 row with a value that is not an ATC code'),
    "date out of range": ([("outpatient.csv", "2024-04-04", "2031-04-04")], [],
                          'outpatient.csv, column "visit_date": 1 row with a date out of range'),
    "overlapping episodes": ([("inpatient.csv", "1,2023-03-01,2023-03-03", "1,2023-02-07,2023-03-03")], [],
                             'inpatient.csv, column "admission_date": 1 row overlapping an earlier vårdtillfälle'),
    "wrong years": ([], ["--years", "2022-2024"],
                    'population.csv, column "year": the extract is for the wrong years: it covers 2023–2024, not 2022'),
}


@pytest.mark.parametrize("kind", list(BAD_INPUT))
def test_the_command_writes_nothing_on_errors(kind, extract, tmp_path):
    edits, arguments, message = BAD_INPUT[kind]
    for name, old, new in edits:
        edit(extract, name, old, new)
    package = tmp_path / "package"
    package.mkdir()
    (package / "indicators.csv").write_text("indicator,year,level,area,sex,value\n", encoding="utf-8")
    before = (package / "indicators.csv").read_bytes()
    fresh = tmp_path / "fresh"  # a package folder that does not exist yet is not created
    for out in (package, fresh):
        result = CliRunner().invoke(main, ["indicators", "--registers", str(extract), "--out", str(out),
                                           "--catalogue", str(CATALOGUE), *arguments])
        assert result.exit_code == 2, result.output  # input that is invalid (errors.EXIT_CODES)
        assert message in result.output and "nothing was written" in result.output
    assert (package / "indicators.csv").read_bytes() == before
    assert sorted(p.name for p in package.iterdir()) == ["indicators.csv"]  # no provenance/, no temporary files
    assert not fresh.exists()


def test_a_file_not_delivered_leaves_out_only_its_indicators(extract, catalogue):
    (extract / "dispensed.csv").unlink()
    result = compute_indicators(extract, catalogue, threshold=0)
    assert result.skipped == {"lakemedel_undvikas_ordbo": ["dispensed"], "lakemedel_undvikas_sabo": ["dispensed"]}
    assert set(result.rows["indicator"]) == {
        "paverkbar_slutenvard", "oplanerade_aterinskrivningar", "paverkbar_slutenvard_sabo", "paverkbar_slutenvard_ordbo",
        "fallskador_sabo", "fallskador_ordbo", "akutbesok_80"}
    assert "dispensed.csv" not in result.provenance["extract"]["files"]
