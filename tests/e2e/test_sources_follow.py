"""Next year's source says something else: one example's number and one fact from another
source change in the sample package, and the composed text, values.json and `naravard diff`
follow. Composing the chapters that place them is enough; nothing is rendered.
"""

from __future__ import annotations

import re

import pytest

from naravard.compose.composer import compose_report
from naravard.data import load_package
from naravard.project import Project
from naravard.review.diff import diff_builds
from naravard.review.manifest import read_manifest, write_manifest
from tests.conftest import copy_project

pytestmark = pytest.mark.e2e

# The chapters that place Skåne's landsbygd example and IVO's supervision, and the list.
CHAPTERS = ("05-tillganglighet", "07-kontinuitet", "10-referenser")
EXAMPLE = "exempel/skane_filialer/oppettid"
FACT = "källfakta/ivo_brister_fast_vardkontakt"


def _build(root, change: bool, no_agreement: bool = False):
    project_dir = copy_project(root / "project")
    chapters = "\n".join(f"    - {c}.qmd" for c in CHAPTERS)
    (project_dir / "_quarto.yml").write_text(f"book:\n  chapters:\n{chapters}\n", encoding="utf-8")
    data = project_dir / "data" / "sample-2024"
    if change:
        _replace(data / "example_numbers.csv", "skane_filialer,oppettid,15,", "skane_filialer,oppettid,20,")
        _replace(data / "facts.csv", "ivo_brister_fast_vardkontakt,40,", "ivo_brister_fast_vardkontakt,38,")
    if no_agreement:  # a year without an agreement between staten and SKR (as from 2025)
        _replace(data / "citations.toml", 'overenskommelse = "overenskommelse_2024"\n', "")
        facts = data / "facts.csv"
        facts.write_text("".join(l for l in facts.read_text(encoding="utf-8").splitlines(True) if not l.startswith("landsbygd_medel,")), encoding="utf-8")
    project = Project(project_dir)
    composed = compose_report(load_package(data, project.catalogue_dir), project, root / "stage")
    out = root / "out"
    out.mkdir()
    write_manifest(composed, out)
    return composed, out


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _plain(markdown: str) -> str:
    markdown = re.sub(r"\[([^\[\]]*)\]\{\.nv-value[^}]*\}", r"\1", markdown)
    return " ".join(markdown.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("before"), False), _build(tmp_path_factory.mktemp("after"), True)


def test_the_sample_states_the_examples_and_facts_with_their_citation(builds):
    (composed, out), _ = builds
    tillg = _plain(composed.chapters["05-tillganglighet.qmd"])
    kont = _plain(composed.chapters["07-kontinuitet.qmd"])
    assert "Region Skåne har vidgat ersättningen" in tillg and "filialer som har öppet minst 15 timmar per vecka" in tillg
    assert re.search(r"fått 300 miljoner kronor för att utveckla primärvården på landsbygden \\\[\[\d+\]\(#ref-overenskommelse_2024\)\\\]\.\s+\S", tillg)
    assert re.search(r"brister 40 av 43 vårdgivare \(93 procent\) i att informera om och erbjuda fast vårdkontakt \\\[\[\d\]\(#ref-ivo_tillsyn_primarvard_2024\)\\\]", kont)
    refs = composed.chapters["10-referenser.qmd"]
    assert "Inspektionen för vård och omsorg. Tillsyn av primärvårdens tillgänglighet" in refs
    values = {v["id"]: v for v in read_manifest(out)["values"]}
    assert values[f"{EXAMPLE}@text"]["text"] == "minst 15\u00a0timmar per vecka"
    assert values[f"{FACT}@text"]["sources"] == [{"file": "facts.csv", "row": 3}]


def test_the_exclusion_leaves_sormland_out_of_the_figure_and_its_count(builds):
    (composed, _), _ = builds
    figure = next(f for f in composed.figures if f.key == "fast-lakarkontakt-regioner")
    rows = figure.data[(figure.data.code == "04") & (figure.data.series_index == 0)]
    assert rows.value.isna().all()  # no registered share drawn for Sörmland
    assert "Region Sörmland visas inte i figuren. Regionen kan bara följa upp" in figure.note
    assert "Sörmland" not in figure.note.split("Uppgift saknas för", 1)[-1]  # not called missing
    kont = _plain(composed.chapters["07-kontinuitet.qmd"])
    assert "lägre än den registrerade i 14 av 16 regioner" in kont  # the edition's comparison, Sörmland left out


def test_a_changed_number_and_fact_change_text_values_and_diff(builds):
    (_, old), (composed, new) = builds
    tillg = _plain(composed.chapters["05-tillganglighet.qmd"])
    kont = _plain(composed.chapters["07-kontinuitet.qmd"])
    assert "öppet minst 20 timmar per vecka" in tillg and "minst 15 timmar" not in tillg
    assert "brister 38 av 43 vårdgivare (88 procent)" in kont and "40 av 43" not in kont
    values = {v["id"]: v for v in read_manifest(new)["values"]}
    assert values[f"{EXAMPLE}@text"]["value"] == 20.0

    diff = diff_builds(old, new)
    changed = {v.id: v for v in diff.values if v.status == "changed"}
    share = "andel/källfakta/ivo_brister_fast_vardkontakt/källfakta/ivo_granskade_vardgivare@text"
    assert set(changed) == {f"{EXAMPLE}@text", f"{FACT}@text", share}  # nothing else moved
    assert (changed[f"{EXAMPLE}@text"].old_text, changed[f"{EXAMPLE}@text"].new_text) == ("minst 15\u00a0timmar per vecka", "minst 20\u00a0timmar per vecka")
    assert (changed[f"{FACT}@text"].old_value, changed[f"{FACT}@text"].new_value) == (40.0, 38.0)
    assert (changed[share].old_text, changed[share].new_text) == ("93\u00a0procent", "88\u00a0procent")
    # the word diff shows the two sentences, in their chapters, with the values they state
    assert {t.chapter for t in diff.text} == {"05-tillganglighet", "07-kontinuitet"}
    assert all(t.status == "changed" for t in diff.text)
    assert any(EXAMPLE in t.keys and "20" in t.new_text for t in diff.text)
    assert any(FACT in t.keys and "38 av 43" in t.new_text for t in diff.text)


def test_values_json_marks_what_rests_on_synthetic_rows(builds):
    """values.json says which printed values rest on the sample's synthetic rows, value by value and in sum;
    the published example and the other source's fact are not among them."""
    (_, out), _ = builds
    manifest = read_manifest(out)
    values = {v["id"]: v for v in manifest["values"]}
    flagged = [v for v in values.values() if v["synthetic"]]
    assert flagged and len(flagged) < len(values)
    assert not values[f"{EXAMPLE}@text"]["synthetic"] and not values[f"{FACT}@text"]["synthetic"]
    summary = manifest["synthetic"]
    assert 0 < summary["values"] < summary["of"] and summary["sources"]


def test_a_year_without_an_agreement_leaves_out_the_sentences_that_cite_it(tmp_path):
    composed, _ = _build(tmp_path, False, no_agreement=True)
    text = " ".join(composed.chapters.values())
    assert "ref-overenskommelse_2024" not in text and "God och nära vård 2024" not in text
    tillg = _plain(composed.chapters["05-tillganglighet.qmd"])
    assert "Inom överenskommelsen" not in tillg and "300 miljoner" not in tillg
    assert "Region Skåne har vidgat ersättningen" in tillg  # the rest of the section stays
