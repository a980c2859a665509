"""`naravard check`: each kind of problem planted in a copy of the templates is found
with its template file and line; the shipped templates pass without errors."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from naravard.cli import main
from naravard.project import Project
from naravard.review.check import run_check
from tests.conftest import ROOT, copy_project

CHAPTER = "templates/chapters/04-samverkan/ambulanssjukvard.qmd.j2"  # a section file: findings name the file it is in
IND = "oplanerade_aterinskrivningar"

# Each planted line: (marker, template text). The marker names the line in the assertions.
PLANTED = [
    ("setup", '{% set qq = enkät["13"] %}{% set low, low_n = qq.ranked_options()[-1] %}{% set qt = qq.total(low.id) %}'
              f"{{% set rr = indikator.{IND} %}}{{% set ee = rr.extremes() %}}"),
    ("number", "Andelen var 8,9 procent år {{ år }}."),
    ("year", "Sedan 2017 har andelen minskat."),
    ("exempt", "Sedan 2017 har arbetet pågått. {# check: literal #}"),
    ("ref", "Se figur 12 för utvecklingen i länen."),
    ("quant-typed", "Samtliga regioner (20 av 21) har rutiner för samverkan."),
    ("quant-data", "Samtliga regioner ({{ low_n | antal_av(qt, \"\") }}) har sådana rutiner."),
    ("region-count", "Samtliga 20 regioner har besvarat enkäten."),
    ("source", "Uppgifterna kommer från Hälso- och sjukvårdbarometern."),
    ("tie", "Lägst andel hade {{ ee.lowest[0].region | regionnamn }} ({{ ee.lowest_value | värde }})."),
    ("percent", "Det gäller 13 av 21 regioner (48 procent)."),
    ("placeholder", "Enkäten skickades ut via (webbenkät x) i början av året."),
    ("heading", "## Hälften av regionerna har rutiner för alla områden"),
    ("heading-body", "Det gäller {{ low_n | antal_av(qt) }} för det minst vanliga området."),
    ("fig-make", '{% set bad = fig.series([("Totalt", rr)], key="planterad-figur", title="Planterad figur", '
                 'subtitle="Andel.", source="Socialstyrelsen") %}'),
    ("fig-place", "{{ bad }}"),
    ("leftover", "Arbetet fortsatte under 2023 i länen."),
    ("year-bound", "Under 2024 fortsatte arbetet i länen."),
    ("fact-year", "Arbetet började omkring 2019."),
    ("fact-count", "Studien gjordes i tre län."),
    ("fact-counties", "Studien gjordes i Gävleborg och Skåne."),
    ("direction", "Andelen ökade från 12 procent till 9 procent."),
    ("several", "Ingen region (0 av 21) hade gjort det. Flera regioner beskriver ändå sådana insatser."),
]


def _plant(project, lines) -> dict[str, int]:
    """Append *lines* to the chapter; the template line of each marker."""
    path = project / CHAPTER
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    first = text.count("\n") + 1
    where = {}
    body = []
    for i, (marker, line) in enumerate(lines):
        where[marker] = first + 2 * i
        body.append(line + "\n")
    path.write_text(text + "\n".join(body), encoding="utf-8")
    return where


def _tie_in_data(project) -> None:
    """Give a second region the lowest value of the indicator in its latest year."""
    path = project / "data" / "sample-2024" / "indicators.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = df[(df.indicator == IND) & (df.level == "region") & (df.sex == "totalt") & (df.value != "")]
    latest = rows[rows.year == rows.year.max()]
    lowest = latest.loc[latest.value.astype(float).idxmin()]
    other = latest[latest.area != lowest.area].index[0]
    for col in ("value", "numerator", "denominator", "ci_lower", "ci_upper"):
        df.loc[other, col] = lowest[col]
    df.to_csv(path, index=False)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("checked"))
    _tie_in_data(project)
    where = _plant(project, PLANTED)
    result = run_check(Project(project), spelling=False)
    return result, where


def _found(result, rule, line, severity="error"):
    hits = [f for f in result.findings if f.rule == rule and f.file == CHAPTER and f.line == line]
    assert hits, f"no {rule} finding at {CHAPTER}:{line}; found: " + "; ".join(f.format() for f in result.findings)
    assert hits[0].severity == severity
    return hits[0]


def test_typed_number(planted):
    result, where = planted
    assert "8,9" in _found(result, "literal-number", where["number"]).message


def test_typed_year_warns_and_can_be_exempted(planted):
    result, where = planted
    _found(result, "literal-year", where["year"], "warn")
    assert not [f for f in result.findings if f.line == where["exempt"] and f.file == CHAPTER]


def test_typed_figure_reference(planted):
    result, where = planted
    assert "figur 12" in _found(result, "literal-ref", where["ref"]).message


def test_quantifier_against_typed_count(planted):
    result, where = planted
    assert "20 av 21" in _found(result, "quantifier", where["quant-typed"]).message


def test_quantifier_against_count_from_data(planted):
    result, where = planted
    _found(result, "quantifier", where["quant-data"])


def test_samtliga_with_wrong_number_of_regions(planted):
    result, where = planted
    _found(result, "region-count", where["region-count"])


def test_source_spelled_two_ways(planted):
    result, where = planted
    f = _found(result, "source-name", where["source"])
    assert "Hälso- och sjukvårdsbarometern" in f.message


def test_lowest_names_one_of_two_tied_regions(planted):
    result, where = planted
    _found(result, "tie", where["tie"])
    _found(result, "first-of-tie", where["tie"], "warn")


def test_heading_quantifier_against_its_section(planted):
    result, where = planted
    _found(result, "heading-quantifier", where["heading"])
    _found(result, "literal-quantifier", where["heading"], "warn")


def test_percentage_beside_a_count(planted):
    result, where = planted
    assert "13 av 21" in _found(result, "count-percent", where["percent"]).message


def test_placeholder_left_in_text(planted):
    result, where = planted
    _found(result, "placeholder", where["placeholder"])


def test_figure_source_line(planted):
    result, where = planted
    f = _found(result, "caption", where["fig-place"])
    assert "Källa" in f.message


def test_previous_year_from_fixed_text_is_a_leftover(planted):
    result, where = planted
    assert "2023, the previous reference year" in _found(result, "leftover-year", where["leftover"]).message
    assert "2024 is fixed text" in _found(result, "year-bound", where["year-bound"], "warn").message


def test_facts_the_data_hold_typed(planted):
    result, where = planted
    assert "period_from" in _found(result, "typed-fact", where["fact-year"]).message
    assert '"tre län"' in _found(result, "typed-fact", where["fact-count"]).message
    assert "Gävleborg, Skåne" in _found(result, "typed-fact", where["fact-counties"]).message


def test_a_direction_word_against_its_numbers(planted):
    result, where = planted
    assert "from 12 to 9" in _found(result, "direction", where["direction"]).message


def test_several_regions_after_a_count_of_none(planted):
    result, where = planted
    assert "0 av 21" in _found(result, "quantifier-context", where["several"], "warn").message


def test_reference_to_a_figure_never_placed(tmp_path):
    project = copy_project(tmp_path)
    where = _plant(project, [
        ("make", f"{{% set never = fig.trend(indikator.{IND}, key=\"aldrig-placerad\") %}}"),
        ("ref", "Utvecklingen visas i {{ never.ref }}."),
    ])
    result = run_check(Project(project), spelling=False)
    f = _found(result, "compose", where["ref"])
    assert "aldrig-placerad" in f.message


def test_cli_exit_status_and_format(tmp_path):
    project = copy_project(tmp_path)
    where = _plant(project, [("number", "Andelen var 8,9 procent.")])
    out = CliRunner().invoke(main, ["check", "--project", str(project), "--templates-only", "--no-spelling"])
    assert out.exit_code == 1
    assert f"{CHAPTER}:{where['number']}: error [literal-number]" in out.output
    assert "1 error" in out.output.splitlines()[-1]


def test_shipped_templates_pass():
    result = run_check(Project(ROOT), spelling=False)
    assert not result.errors, "\n".join(f.format() for f in result.errors)


def test_spelling_with_the_project_word_list(tmp_path):
    from tests.conftest import need
    from naravard.review.check_spelling import hunspell_available

    need(hunspell_available() is not None, "hunspell with sv_SE is not installed (Debian packages hunspell hunspell-sv)")
    project = copy_project(tmp_path)
    where = _plant(project, [("typo", "Rutinerna är implementerrade i {{ år }}."), ("listed", "Arbetet breddinförs.")])
    (project / "templates" / "ordlista.txt").write_text("breddinförs\n", encoding="utf-8")
    result = run_check(Project(project), build=False)
    f = _found(result, "spelling", where["typo"], "warn")
    assert "implementerrade" in f.message
    assert not [f for f in result.findings if f.rule == "spelling" and f.line == where["listed"] and f.file == CHAPTER]
