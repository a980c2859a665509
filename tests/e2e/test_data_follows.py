"""Change one answer in the data and every place that states it follows.

The 2025 edition printed "19 av 21" in its text while its own Bilaga 3 said
3/21 for the same question (Appendix B item 1). Here prose, the chapter's
figure (its data, alt text and data table) and the Bilaga 3 table all read the
same result, so one changed answer changes all of them and nothing keeps the
old count. Composing is enough to see it; no rendering is needed.
"""

from __future__ import annotations


import pytest

from naravard.compose import marks
from naravard.compose.composer import compose_report
from naravard.data import load_package
from naravard.project import Project
from naravard.text import phrases
from tests.conftest import copy_project

pytestmark = pytest.mark.e2e

QUESTION = "5"  # Fråga 5: andelsmål för primärvården in the 2024 budget
REGION = "04"  # Sörmland answered Nej


def _compose(project_dir, tmp):
    project = Project(project_dir)
    package = load_package(project.sample_data_dir, project.catalogue_dir)
    return compose_report(package, project, tmp)


def _flip_answer(project_dir, question: str, area: str, new: str) -> None:
    csv = project_dir / "data" / "sample-2024" / "survey_regions.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    prefix = f"{question},,2024,{area},"
    hits = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    assert len(hits) == 1, prefix
    fields = lines[hits[0]].split(",")
    fields[4] = new
    lines[hits[0]] = ",".join(fields)
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _plain(markdown: str) -> str:
    """The composed text without value marks, as a reader sees it."""
    return " ".join(marks.strip(markdown).split())


def _places(composed, n: int, total: int):
    figure = next(f for f in composed.figures if f.key == "styrning-budget-primarvard")
    table = next(t for t in composed.tables if t.key == f"fraga-{QUESTION}")
    title = figure.data.label.iloc[0]
    return {
        "prose": phrases.quantified(n, total).lower() in _plain(composed.spelled("03-styrning.qmd")).lower(),
        "figure data": float(figure.data[figure.data.label == title].value.iloc[0]) == n,
        "figure table": f"{n} av {total}" in set(figure.table.iloc[0]),
        "alt text": f"{title}: {n}" in figure.alt,
        "Bilaga 3 table": table.frame.iloc[0].tolist()[:2] == ["Riket", f"{n}/{total}"],
    }


@pytest.fixture(scope="module")
def before_and_after(tmp_path_factory):
    original = copy_project(tmp_path_factory.mktemp("original"))
    changed = copy_project(tmp_path_factory.mktemp("changed"))
    _flip_answer(changed, QUESTION, REGION, "Ja")
    return (
        _compose(original, tmp_path_factory.mktemp("stage-original")),
        _compose(changed, tmp_path_factory.mktemp("stage-changed")),
    )


def test_published_count_is_stated_everywhere(before_and_after):
    before, _ = before_and_after
    assert _places(before, 3, 21) == dict.fromkeys(_places(before, 3, 21), True)


def test_one_changed_answer_changes_every_place(before_and_after):
    _, after = before_and_after
    places = _places(after, 4, 21)
    assert all(places.values()), places
    # and none of them still says the old count
    assert not any(_places(after, 3, 21).values())
