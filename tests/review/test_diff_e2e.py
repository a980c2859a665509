"""Two builds of the sample report, one data value apart: the diff reports exactly that value,
the sentences that state it, and the figures that draw it; identical inputs give exit 0."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from click.testing import CliRunner

from naravard.cli import main
from naravard.review.diff import diff_builds
from naravard.review.manifest import read_manifest
from tests.conftest import copy_project, need_program

pytestmark = pytest.mark.e2e

KEY = "indikator/oplanerade_aterinskrivningar/2024/00/totalt"
ROW = "oplanerade_aterinskrivningar,2024,,riket,00,totalt,"
OLD, NEW = "8.9", "8.8"  # inside the row's confidence interval
OLD_TEXT, NEW_TEXT = "8,9", "8,8"


def build(root, change: bool):
    from naravard.pipeline import BuildOptions, run_build

    project = copy_project(root / "project")
    data = project / "data" / "sample-2024"
    if change:
        csv = data / "indicators.csv"
        text = csv.read_text(encoding="utf-8")
        assert text.count(ROW + OLD + ",") == 1
        csv.write_text(text.replace(ROW + OLD + ",", ROW + NEW + ","), encoding="utf-8")
    out = root / "out"
    run_build(BuildOptions(project_dir=project, data_dir=data, out_dir=out, formats=("html", "docx"), engine="builtin"))
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    return build(tmp_path_factory.mktemp("old"), False), build(tmp_path_factory.mktemp("new"), True)


@pytest.fixture(scope="module")
def diff(builds):
    return diff_builds(*builds)


def test_exactly_that_data_value_changed(diff):
    assert {(v.key, v.origin) for v in diff.values if v.origin == "data"} == {(KEY, "data")}
    assert diff.count("changed", "data") == 1
    assert not [v for v in diff.values if v.status != "changed"]
    for v in diff.values:  # derived values that changed are computed from that row
        assert {"file": "indicators.csv", "row": 1504} in v.sources, v.key
    text = next(v for v in diff.values if v.key == KEY and v.kind == "text")
    assert (text.old_text, text.new_text) == (f"{OLD_TEXT}\u00a0procent", f"{NEW_TEXT}\u00a0procent")
    assert text.delta_text == "\u22120,1\u00a0procentenheter"


def test_the_sentences_that_state_it_changed_and_no_others(diff):
    stated = {(loc["chapter"], loc["paragraph"]) for v in diff.values if v.kind == "text" for loc in v.locations}
    changed = {(t.chapter, t.new_paragraph) for t in diff.text if t.kind != "heading"}
    assert stated and changed == stated
    # A paragraph that states a value computed from the row may change its words too ("var i stort
    # sett oförändrad" → "minskade"): every changed paragraph states a changed value (above), and the
    # row's own value reads 8,8 where it read 8,9.
    assert all(t.status == "changed" for t in diff.text)
    assert any(("-", OLD_TEXT) in t.ops and ("+", NEW_TEXT) in t.ops for t in diff.text)


def test_the_figures_that_draw_it_changed_and_no_others(diff, builds):
    manifest = read_manifest(builds[1])
    changed = {v.id for v in diff.values}
    drawing = {f["key"] for f in manifest["figures"] if changed & set(f["values"])}
    assert any(f"{KEY}@figure" in f["values"] for f in manifest["figures"])
    assert {f.key for f in diff.figures} == drawing
    assert all(f.status == "changed" and f.values for f in diff.figures)
    showing = {t["key"] for t in manifest["tables"] if changed & set(t["values"])}
    assert {t.key for t in diff.tables} == showing
    assert diff.structure == []


def test_cli_reports_the_change_and_writes_html_json_docx(builds, tmp_path):
    old, new = builds
    html, js, docx = tmp_path / "diff.html", tmp_path / "diff.json", tmp_path / "redline.docx"
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--html", str(html), "--json", str(js), "--docx", str(docx)])
    assert result.exit_code == 1, result.output
    assert KEY in result.output and f"[-{OLD_TEXT}-]{{+{NEW_TEXT}+}}" in result.output
    page = html.read_text(encoding="utf-8")
    assert f"<del>{OLD_TEXT}</del><ins>{NEW_TEXT}</ins>" in page
    assert page.count("data:image/svg+xml;base64,") >= 2  # old and new side by side
    assert "http://" not in page and "https://" not in page
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["identical"] is False and KEY in {v["key"] for v in data["values"] if v["origin"] == "data"}
    assert docx.exists()


def test_identical_builds_exit_0(builds):
    old, _ = builds
    result = CliRunner().invoke(main, ["diff", str(old), str(old)])
    assert result.exit_code == 0, result.output
    assert "No differences" in result.output


def test_manifest_is_deterministic_and_complete(builds):
    old, new = builds
    a, b = read_manifest(old), read_manifest(new)
    assert [c["file"] for c in a["chapters"]] == [c["file"] for c in b["chapters"]]
    assert all(v["locations"] for v in a["values"])
    assert [v["id"] for v in a["values"]] == sorted(v["id"] for v in a["values"])
    entry = next(v for v in a["values"] if v["id"] == f"{KEY}@text")
    assert entry["origin"] == "data" and entry["sources"] == [{"file": "indicators.csv", "row": 1504}]
    assert entry["dims"]["year"] == "2024" and entry["dims"]["sex"] == "totalt"
    assert {loc["kind"] for loc in entry["locations"]} <= {"paragraph", "box", "heading", "note"}


@pytest.mark.client
def test_redline_opens_in_libreoffice_with_the_tracked_change(builds, tmp_path):
    soffice = need_program("soffice", "libreoffice-writer")
    old, new = builds
    docx = tmp_path / "redline.docx"
    CliRunner().invoke(main, ["diff", str(old), str(new), "--docx", str(docx)])
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "fodt", "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=240,
    )
    fodt = (tmp_path / "redline.fodt").read_text(encoding="utf-8")
    kinds = dict(re.findall(r'<text:changed-region[^>]*text:id="([^"]+)">\s*<text:(insertion|deletion)>', fodt))
    assert set(kinds.values()) == {"insertion", "deletion"}
    spans = re.findall(r'<text:change-start text:change-id="([^"]+)"/>(.*?)<text:change-end text:change-id="\1"/>', fodt)
    changed = {(kinds[i], text) for i, text in spans}
    assert ("deletion", OLD_TEXT) in changed and ("insertion", NEW_TEXT) in changed


def test_identical_inputs_give_identical_manifests_and_exit_0(builds, sample_build):
    """The session's sample build (all formats) and the old build here: same inputs, separate builds."""
    old, _ = builds
    assert (sample_build.out_dir / "values.json").read_bytes() == (old / "values.json").read_bytes()
    result = CliRunner().invoke(main, ["diff", str(sample_build.out_dir), str(old)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("No differences")
