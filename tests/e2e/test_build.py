"""The build as a user runs it: the command, its options, atomic and deterministic output."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from click.testing import CliRunner

from naravard.cli import main
from naravard.render.publish import MARKER
from tests.conftest import copy_project

pytestmark = pytest.mark.e2e

STEM = "uppfoljning-av-omstallningen-till-en-god-och-nara-vard-2025"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_outputs_are_named_from_title_and_year(sample_build):
    names = sorted(p.name for p in sample_build.outputs.values())
    assert names == [f"{STEM}.docx", f"{STEM}.html", f"{STEM}.pdf"]
    assert (sample_build.out_dir / "figurer").is_dir()
    svgs = list((sample_build.out_dir / "figurer").glob("*.svg"))
    assert len(svgs) == 2 * sample_build.figures  # each figure, and its phone rendition (-smal.svg)
    assert len([p for p in svgs if p.stem.endswith("-smal")]) == sample_build.figures


def test_a_build_writes_nothing_into_the_project_but_its_output_folder_and_cache(sample_build):
    """The generated book lives in the build's staging; only _output/ and the build cache
    (.naravard/cache, ignored by git) appear (or change)."""
    changed = {path for path, _ in sample_build.project_changes}
    assert {path.split("/")[0] for path in changed} == {"_output", ".naravard"}
    assert all(p.startswith(("_output", ".naravard/cache")) or p == ".naravard" for p in changed)


def test_help_explains_itself():
    runner = CliRunner()
    for args in ([], ["build"], ["validate"]):
        result = runner.invoke(main, [*args, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
    assert "--engine" in runner.invoke(main, ["build", "--help"]).output


def test_engine_quarto_without_quarto_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    project = copy_project(tmp_path / "p")
    result = CliRunner().invoke(main, ["build", "--project", str(project), "--engine", "quarto"])
    assert result.exit_code == 3
    assert "Quarto is not installed" in result.output and "--engine builtin" in result.output
    assert not (project / "_output").exists()


def test_deterministic_and_failed_build_keeps_previous(tmp_path):
    project = copy_project(tmp_path / "p")
    runner = CliRunner()
    args = ["build", "--project", str(project), "--engine", "builtin", "--to", "pdf", "--to", "html", "--to", "docx", "-q"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    out = project / "_output"
    assert sorted(p.suffix for p in out.glob(f"{STEM}.*")) == [".docx", ".html", ".pdf"]
    assert (out / MARKER).exists()
    before = {p.name: digest(p) for p in out.glob(f"{STEM}.*")}
    before_figs = {p.name: digest(p) for p in (out / "figurer").iterdir()}

    # The same inputs give byte-identical files.
    second = runner.invoke(main, args)
    assert second.exit_code == 0, second.output
    assert {p.name: digest(p) for p in out.glob(f"{STEM}.*")} == before
    assert {p.name: digest(p) for p in (out / "figurer").iterdir()} == before_figs

    # A template error stops the build and leaves the last good report in place.
    chapter = project / "templates" / "chapters" / "04-samverkan.qmd.j2"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n{{ indikator.finns_inte.latest | värde }}\n", encoding="utf-8")
    broken = runner.invoke(main, args)
    assert broken.exit_code != 0
    assert "04-samverkan.qmd.j2" in broken.output and "finns_inte" in broken.output
    assert {p.name: digest(p) for p in out.glob(f"{STEM}.*")} == before
    assert not list(project.glob(".naravard-staging-*"))


def test_refuses_to_replace_a_foreign_folder(tmp_path):
    project = copy_project(tmp_path / "p")
    foreign = tmp_path / "mina-dokument"
    foreign.mkdir()
    (foreign / "viktigt.txt").write_text("behåll mig", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(project), "--out", str(foreign), "--to", "html"])
    assert result.exit_code != 0
    assert "not a naravard output folder" in result.output
    assert (foreign / "viktigt.txt").read_text(encoding="utf-8") == "behåll mig"


def test_bad_data_is_reported_and_loses_nothing(tmp_path):
    project = copy_project(tmp_path / "p")
    data = project / "data" / "sample-2024"
    csv = data / "indicators.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("value")] = "tio"
    lines[1] = ",".join(row)
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(project), "--to", "html"])
    assert result.exit_code != 0
    assert "indicators.csv" in result.output and "row 2" in result.output and "value" in result.output
    assert not (project / "_output").exists()
    shutil.rmtree(project)
