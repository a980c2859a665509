"""The curated tables of a package: references, citation roles, examples, facts, exclusions.

Each rule is tried on a small table written for the test; a problem must name
the file, the row and the column, and say what was expected.
"""

from __future__ import annotations

import csv

import json
from pathlib import Path

import pytest

from naravard.data import load_catalogue
from naravard.data.examples import EXAMPLE_NUMBERS_SPEC, EXAMPLES_SPEC, FREE_TEXT_SPEC, check_examples, check_free_text, read_topics
from naravard.data.facts import EXCLUSIONS_SPEC, FACTS_SPEC, check_exclusions, check_facts
from naravard.data.readers import read_table
from naravard.data.references import check_references
from naravard.data.tables import SURVEY_REGION_SPEC, typed_table
from naravard.data.validation import Context

from .conftest import CATALOGUE, SAMPLE


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(load_catalogue(CATALOGUE), 2024)


@pytest.fixture(scope="module")
def topics():
    return read_topics(CATALOGUE)[0]


@pytest.fixture(scope="module")
def references():
    refs, problems = check_references(CATALOGUE, SAMPLE, 2024)
    assert not [p for p in problems if p.is_error], problems
    return refs


def typed(tmp_path: Path, spec, text: str):
    path = tmp_path / f"{spec.stem}.csv"
    path.write_text(text, encoding="utf-8")
    frame, problems = typed_table(read_table(path), spec)
    assert not problems, problems
    return frame


EXAMPLE = "id,topic,level,area,year,statement,source_answer,reference\n"
NUMBERS = "example,name,value,unit,counts,noun,qualifier\n"


def examples(tmp_path, ctx, topics, references, rows: str, numbers: str = "", free: dict | None = None):
    ex = typed(tmp_path, EXAMPLES_SPEC, EXAMPLE + rows)
    nums = typed(tmp_path, EXAMPLE_NUMBERS_SPEC, NUMBERS + numbers) if numbers else None
    return check_examples(ex, nums, ctx, topics, free if free is not None else {}, references)


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_the_sample_package_sources_load_with_every_example_and_fact(sample_package):
    package = sample_package
    with (package.root / "examples.csv").open(encoding="utf-8", newline="") as rows:
        assert len(package.examples) == len(list(csv.DictReader(rows)))  # every row, none dropped
    assert {"ivo_brister_fast_vardkontakt", "landsbygd_medel", "befolkning_regioner_antal_fast_lakarkontakt"} <= set(package.facts)
    assert package.facts["befolkning_regioner_antal_fast_lakarkontakt"].decimals == 1  # "7,3" as written
    assert package.references.resolve("overenskommelse") == "overenskommelse_2024"
    # the edition's 47 works (40 stable, 7 of the year) and three the templates cite besides
    assert len(package.references.items) == 50
    assert [(e.question, e.area) for e in package.exclusions] == [("35", "04")]
    # every example names its source answer, every fact its reference
    free = {a.id for a in package.free_text}
    assert all(e.source_answer in free or e.reference for e in package.examples)
    assert all(package.references.resolve(f.reference) for f in package.facts.values())


def test_a_good_example_loads_with_its_numbers(tmp_path, ctx, topics, references):
    got, problems = examples(
        tmp_path, ctx, topics, references,
        'a,mobila_team,region,17,2024,"{namn} minskade med {minskning}.",,fordjupningsstudie\n',
        "a,minskning,\"65,0\",procent,minskning av inskrivningar,,cirka\n",
    )
    assert problems == []
    (e,) = got
    assert (e.area, e.numbers[0].value, e.numbers[0].decimals, e.numbers[0].qualifier) == ("17", 65.0, 1, "cirka")


@pytest.mark.parametrize(
    "row, numbers, expected",
    [
        ('a,mobila_team,region,99,2024,"{namn}",,fordjupningsstudie\n', "", 'examples.csv, row 2, column "area": unknown region code \'99\''),
        ('a,mobila_team,kommun,17,2024,"{namn}",,fordjupningsstudie\n', "", 'examples.csv, row 2, column "area": unknown kommun code \'0017\''),
        ('a,mobil_team,region,17,2024,"{namn}",,fordjupningsstudie\n', "", 'column "topic": unknown topic \'mobil_team\': no template places it; did you mean "mobila_team"?'),
        ('a,mobila_team,lan,17,2024,"{namn}",,fordjupningsstudie\n', "", 'column "level": unknown level \'lan\''),
        ('a,mobila_team,region,17,2024,"{namn} {antal}",,fordjupningsstudie\n', "", "{antal}: example 'a' has no number named 'antal'"),
        ('a,mobila_team,region,17,2024,"{namn} {antal",,fordjupningsstudie\n', "", "a { without its }"),
        ('a,mobila_team,region,17,2024,"{namn}",,\n', "", "names neither its source answer nor a reference"),
        ('a,mobila_team,region,17,2024,"{namn}",svar_x,\n', "", "unknown free-text answer 'svar_x'"),
        ('a,mobila_team,region,17,2024,"{namn}",,okand_referens\n', "", "unknown reference 'okand_referens'"),
        ('a,mobila_team,region,17,2025,"{namn}",,fordjupningsstudie\n', "", 'column "year": 2025 is after the report year 2024'),
        ('a,mobila_team,region,17,2024,"{namn} {x}",,fordjupningsstudie\n', "a,x,65,,något\n", 'example_numbers.csv, row 2, column "unit": a number without a unit'),
        ('a,mobila_team,region,17,2024,"{namn} {x}",,fordjupningsstudie\n', "a,x,65,procen,något\n", 'unknown unit \'procen\'; did you mean "procent"?'),
        ('a,mobila_team,region,17,2024,"{namn} {x}",,fordjupningsstudie\n', "a,x,,procent,något\n", 'example_numbers.csv, row 2, column "value": the cell is empty'),
        ('a,mobila_team,region,17,2024,"{namn} {x}",,fordjupningsstudie\n', "a,x,65,procent,\n", 'column "counts": the cell is empty'),
        ('a,mobila_team,region,17,2024,"{namn} {x}",,fordjupningsstudie\n', "a,x,65,procent,något,,ungefärligen\n", "unknown qualifier 'ungefärligen'"),
        ('a,mobila_team,region,17,2024,"{namn}",,fordjupningsstudie\n', "a,x,65,procent,något\n", "number 'x' of example 'a' is not used in its statement"),
        ('a,mobila_team,region,17,2024,"{namn}",,fordjupningsstudie\n', "b,x,65,procent,något\n", 'example_numbers.csv, row 2, column "example": unknown example \'b\''),
        ('a,mobila_team,region,17,2024,"{namn} {namn}",,fordjupningsstudie\n', "a,namn,65,procent,något\n", "'namn' is one of the names every statement has"),
    ],
)
def test_bad_examples_are_reported_with_file_row_and_column(tmp_path, ctx, topics, references, row, numbers, expected):
    got, problems = examples(tmp_path, ctx, topics, references, row, numbers)
    assert any(expected in m for m in messages(problems)), messages(problems)
    assert all(p.file in ("examples.csv", "example_numbers.csv") and p.row == 2 for p in problems if p.is_error)


def test_duplicate_example_ids_name_the_first_row(tmp_path, ctx, topics, references):
    rows = 'a,mobila_team,region,17,2024,"{namn}",,fordjupningsstudie\n' * 2
    _, problems = examples(tmp_path, ctx, topics, references, rows)
    assert "examples.csv, row 3, column \"id\": 'a' is used twice (first at row 2)" in messages(problems)[0]


def test_free_text_answers_are_checked_and_matched_to_their_example(tmp_path, ctx, topics, references):
    free = typed(tmp_path, FREE_TEXT_SPEC, "id,question,level,area,year,text\ns1,10,region,17,2024,Vi har följt upp.\ns2,99x,region,17,2024,Text\ns3,10,rss,03,2024,\n")
    answers, problems = check_free_text(free, ctx)
    assert set(answers) == {"s1"}
    assert any("row 3" in m and "unknown question '99x'" in m for m in messages(problems))
    assert any("row 4" in m and '"text": the cell is empty' in m for m in messages(problems))
    # an example citing an answer from another region is suspicious (a warning)
    _, problems = examples(tmp_path, ctx, topics, references, 'a,mobila_team,region,03,2024,"{namn}",s1,\n', free=answers)
    assert [p.severity for p in problems] == ["warning"] and "from region 17" in problems[0].message


def test_facts_need_a_unit_a_label_and_a_reference_that_resolves(tmp_path, ctx, references):
    text = (
        "id,value,unit,label,year,reference,qualifier\n"
        "ok,\"7,3\",miljoner,folkmängd,2024,scb_folkmangd_2024,knappt\n"
        "no_unit,40,,vårdgivare,2024,ivo_tillsyn_primarvard_2024,\n"
        "bad_ref,40,antal,vårdgivare,2024,ivo_tilsyn,\n"
        "no_label,40,antal,,2024,ivo_tillsyn_primarvard_2024,\n"
        "future,40,antal,vårdgivare,2026,ivo_tillsyn_primarvard_2024,\n"
        "ok,1,antal,dubbel,2024,scb_folkmangd_2024,\n"
    )
    facts, problems = check_facts(typed(tmp_path, FACTS_SPEC, text), ctx, references)
    assert list(facts) == ["ok"] and facts["ok"].decimals == 1 and facts["ok"].qualifier == "knappt"
    got = messages(problems)
    for expected in (
        'facts.csv, row 3, column "unit": a number without a unit',
        'facts.csv, row 4, column "reference": unknown reference \'ivo_tilsyn\'',
        'facts.csv, row 5, column "label": the cell is empty',
        'facts.csv, row 6, column "year": 2026 is after the report year 2024',
        "facts.csv, row 7, column \"id\": 'ok' is used twice (first at row 2)",
    ):
        assert any(expected in m for m in got), (expected, got)


def test_a_role_without_a_work_this_year_cannot_source_a_fact(tmp_path, ctx):
    refs, _ = check_references(CATALOGUE, tmp_path, 2024)  # a package without citations.toml
    facts, problems = check_facts(typed(tmp_path, FACTS_SPEC, "id,value,unit,label,year,reference\nx,300,miljoner_kronor,medel,2024,overenskommelse\n"), ctx, refs)
    assert facts == {} and "no work plays the role 'overenskommelse' this year" in messages(problems)[0]


def test_exclusions_must_match_an_answer(tmp_path, ctx):
    survey = typed(tmp_path, SURVEY_REGION_SPEC, "question,option,year,area,answer\n35,,2024,04,57 %\n")
    text = "question,option,year,area,reason\n35,,2024,04,Mäts på annat sätt.\n35,,2024,05,Saknas.\n35,x,2024,04,Fel.\n99,,2024,04,Fel.\n35,,2024,04,Igen.\n"
    got, problems = check_exclusions(typed(tmp_path, EXCLUSIONS_SPEC, text), ctx, survey)
    assert [(e.area, e.reason) for e in got] == [("04", "Mäts på annat sätt.")]
    m = messages(problems)
    assert any("row 3" in x and "no answer to exclude" in x and "05 Östergötland" in x for x in m)
    assert any("row 4" in x and "unknown option 'x'" in x for x in m)
    assert any("row 5" in x and "unknown region question '99'" in x for x in m)
    assert any("row 6" in x and "excluded twice (first at row 2)" in x for x in m)


# ---- references ----------------------------------------------------------------------------


def package_refs(tmp_path: Path, items: list, roles: str = "") -> list[str]:
    (tmp_path / "references.json").write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    if roles:
        (tmp_path / "citations.toml").write_text(roles, encoding="utf-8")
    return messages(check_references(CATALOGUE, tmp_path, 2025)[1])


def test_bad_csl_items_are_reported_at_their_line(tmp_path):
    got = package_refs(
        tmp_path,
        [
            {"id": "ok", "type": "report", "title": "T", "issued": {"date-parts": [[2025]]}},
            {"id": "no title", "type": "report", "issued": {"date-parts": [[2025]]}},
            {"id": "x", "type": "rapport", "title": "T", "URL": "javascript:alert(1)"},
            {"id": "prop_2019_20_164", "type": "bill", "title": "Dubbel", "issued": {"date-parts": [[2020]]}},
        ],
    )
    for expected in (
        "references.json, row 15, column \"id\": reference 'no title': the id 'no title' cannot be cited",
        "column \"title\": reference 'no title': no title",
        "column \"type\": reference 'x': unknown type 'rapport'",
        "column \"URL\": reference 'x': 'javascript:alert(1)' is not a web address",
        "column \"issued\": reference 'x': no year of publication",
        "reference 'prop_2019_20_164' is defined twice (first at catalogue/references.json",
    ):
        assert any(expected in m for m in got), (expected, got)


def test_not_json_names_the_line(tmp_path):
    (tmp_path / "references.json").write_text('[\n {"id": "a",\n}\n]', encoding="utf-8")
    (problem,) = check_references(None, tmp_path, 2025)[1]
    assert problem.file == "references.json" and problem.row == 3 and "not valid JSON" in problem.message


def test_a_role_copied_into_next_years_package_is_caught(tmp_path):
    """The 2024 agreement named again for the report on 2025 (as a copied citations.toml would)."""
    got = package_refs(tmp_path, [], '[roles]\n\noverenskommelse = "overenskommelse_2021"\nstodrapporten = "x"\n')
    assert any(
        'citations.toml, row 3, column "roles.overenskommelse": role \'overenskommelse\': \'overenskommelse_2021\' was issued in 2021, '
        "but for the report year 2025 this role needs a work issued in 2025" in m
        for m in got
    ), got
    assert any("row 4" in m and "unknown role 'stodrapporten'; did you mean \"stodrapport\"?" in m for m in got)


def test_roles_resolve_for_the_year_and_a_missing_role_is_none(tmp_path):
    refs, problems = check_references(CATALOGUE, SAMPLE, 2024)
    assert refs.resolve("overenskommelse") == "overenskommelse_2024" and refs.resolve("sou_2017_53") == "sou_2017_53"
    empty, _ = check_references(CATALOGUE, tmp_path, 2025)
    assert empty.resolve("overenskommelse") is None and "overenskommelse" in empty.declared_roles
