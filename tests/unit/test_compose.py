"""Composing templates: Quarto cross-references, numbering, and errors that name the template line."""

import re
import shutil
from pathlib import Path

import pytest

from naravard.compose.composer import compose_report
from naravard.compose.registry import ComposeError
from naravard.project import Project
from tests.fixtures.mini import package

ROOT = Path(__file__).resolve().parents[2]


def project_with(tmp_path: Path, chapters: dict[str, str]) -> Project:
    (tmp_path / "templates" / "chapters").mkdir(parents=True)
    shutil.copytree(ROOT / "templates" / "partials", tmp_path / "templates" / "partials")
    names = []
    for name, text in chapters.items():
        (tmp_path / "templates" / "chapters" / f"{name}.qmd.j2").write_text(text, encoding="utf-8")
        names.append(f"    - {name}.qmd")
    (tmp_path / "_quarto.yml").write_text("book:\n  chapters:\n" + "\n".join(names) + "\n", encoding="utf-8")
    return Project(tmp_path)


TWO_FIGURES = """{% set r = indikator.oplanerade_aterinskrivningar %}
{% set a = fig.trend(r) %}
{% set b = fig.regions(r) %}
Se {{ b.ref }} och {{ a.ref }}.

{{ a }}

{{ b }}
"""


def test_figures_are_quarto_targets_and_refs_are_quarto_references(tmp_path):
    project = project_with(tmp_path, {"a": "# A\n\n" + TWO_FIGURES})
    composed = compose_report(package(), project, tmp_path / "stage")
    text = composed.chapters["a.qmd"]
    assert "Se @fig-oplanerade-aterinskrivningar-regioner och @fig-oplanerade-aterinskrivningar-trend." in text
    assert "::: {#fig-oplanerade-aterinskrivningar-trend .nv-figure}" in text
    assert [f.key for f in composed.figures] == ["oplanerade_aterinskrivningar-trend", "oplanerade_aterinskrivningar-regioner"]
    assert [f.number for f in composed.figures] == [1, 2]
    # The caption is the target's last paragraph (Quarto's rule), without a number.
    block = text.split("::: {#fig-oplanerade-aterinskrivningar-trend .nv-figure}")[1]
    assert re.search(r"\n:::\n\nOplanerade återinskrivningar bland äldre[^\n]*\n+:::\n", block.split("::: {#fig-")[0])
    assert "Figur 1" not in text
    # Readers of the composed text (values manifest, check) see the references as printed.
    assert "Se figur 2 och figur 1." in composed.spelled("a.qmd")
    assert (tmp_path / "stage" / "a.qmd").is_file()
    assert (tmp_path / "stage" / "_metadata.yml").is_file()


def test_numbers_follow_the_document_order_not_the_order_of_placing(tmp_path):
    # b is placed (rendered) first into a variable, but stands after a in the text.
    text = TWO_FIGURES.replace("{{ a }}\n\n{{ b }}", "{% set placed_b %}{{ b }}{% endset %}{{ a }}\n\n{{ placed_b }}")
    project = project_with(tmp_path, {"a": "# A\n\n" + text})
    composed = compose_report(package(), project, tmp_path / "stage")
    assert {f.key: f.number for f in composed.figures} == {
        "oplanerade_aterinskrivningar-trend": 1,
        "oplanerade_aterinskrivningar-regioner": 2,
    }


def test_numbering_continues_across_chapters_and_forward_refs_work(tmp_path):
    first = "{% set r = indikator.oplanerade_aterinskrivningar %}{% set t = fig.trend(r) %}# A\n\n{{ t }}\n"
    second = "{% set r = indikator.oplanerade_aterinskrivningar %}{% set g = fig.regions(r) %}# B\n\n{{ g.Ref }} visar länen.\n\n{{ g }}\n"
    project = project_with(tmp_path, {"a": first, "b": second})
    composed = compose_report(package(), project, tmp_path / "stage")
    assert "@Fig-oplanerade-aterinskrivningar-regioner visar länen." in composed.chapters["b.qmd"]
    assert "Figur 2 visar länen." in composed.spelled("b.qmd")


def test_reference_to_unplaced_figure_names_template_and_line(tmp_path):
    text = "{% set r = indikator.oplanerade_aterinskrivningar %}\n{% set a = fig.trend(r) %}\n# A\n\nSe {{ a.ref }}.\n"
    project = project_with(tmp_path, {"a": text})
    with pytest.raises(ComposeError, match=r"templates/chapters/a.qmd.j2.*not placed"):
        compose_report(package(), project, tmp_path / "stage")


def test_placing_a_figure_twice_is_an_error(tmp_path):
    text = "{% set a = fig.trend(indikator.oplanerade_aterinskrivningar) %}\n# A\n\n{{ a }}\n\n{{ a }}\n"
    project = project_with(tmp_path, {"a": text})
    with pytest.raises(ComposeError, match=r"a.qmd.j2:6: figure .* placed twice"):
        compose_report(package(), project, tmp_path / "stage")


def test_bare_value_in_prose_is_an_error_with_line(tmp_path):
    text = "# A\n\nAndelen var {{ indikator.oplanerade_aterinskrivningar.latest }}.\n"
    project = project_with(tmp_path, {"a": text})
    with pytest.raises(ComposeError, match=r"templates/chapters/a.qmd.j2:3: a value .* without a format"):
        compose_report(package(), project, tmp_path / "stage")


def test_unknown_indicator_names_the_template_line(tmp_path):
    project = project_with(tmp_path, {"a": "# A\n\n\n{{ indikator.no_such_indicator.latest | värde }}\n"})
    with pytest.raises(ComposeError, match=r"a.qmd.j2:4: unknown indicator 'no_such_indicator'"):
        compose_report(package(), project, tmp_path / "stage")


def test_undefined_variable_names_the_template_line(tmp_path):
    project = project_with(tmp_path, {"a": "# A\n\n{{ nothing_here }}\n"})
    with pytest.raises(ComposeError, match=r"a.qmd.j2:3: UndefinedError"):
        compose_report(package(), project, tmp_path / "stage")


def test_values_in_prose_carry_their_keys(tmp_path):
    text = "# A\n\nAndelen var {{ indikator.oplanerade_aterinskrivningar.latest | värde }}.\n"
    project = project_with(tmp_path, {"a": text})
    composed = compose_report(package(), project, tmp_path / "stage")
    assert (
        'Andelen var [8,9\u00a0procent]{.nv-value key="indikator/oplanerade_aterinskrivningar/2024/00/totalt"}.'
        in composed.chapters["a.qmd"]
    )


def test_missing_template_for_a_listed_chapter(tmp_path):
    project = project_with(tmp_path, {"a": "# A\n"})
    (tmp_path / "_quarto.yml").write_text("book:\n  chapters:\n    - a.qmd\n    - b.qmd\n", encoding="utf-8")
    with pytest.raises(ComposeError, match=r"lists b.qmd.*no template templates/chapters/b.qmd.j2"):
        compose_report(package(), project, tmp_path / "stage")
