"""Report projects: the one naravard ships, `naravard init`, and where a build reads and writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from naravard import __version__
from naravard.data.package import check_package
from naravard.errors import NaravardError
from naravard.pipeline import BuildOptions, package_notes, resolve_paths
from naravard.project import InitError, bundled_project, find_project, init_project
from tests.conftest import ROOT


def test_in_a_clone_the_bundled_project_is_the_repository():
    assert bundled_project().root == ROOT


def test_init_writes_a_project_an_author_can_build(tmp_path):
    target = tmp_path / "minrapport"
    init_project(target)
    for path in ("_quarto.yml", "templates/chapters/index.qmd.j2", "templates/docx/reference.docx", "templates/filters/naravard.lua",
                 "data/catalogue/regions.csv", "data/sample-2024/indicators.csv", "constraints.txt", ".gitignore"):
        assert (target / path).is_file(), path
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert f"naravard=={__version__}" in readme and "naravard build --data data/2025" in readme
    assert "/_output/" in (target / ".gitignore").read_text(encoding="utf-8")
    assert find_project(target / "templates" / "chapters").root == target.resolve()
    assert not check_package(target / "data" / "sample-2024", target / "data" / "catalogue").errors
    assert not (target / "report").exists() and not (target / "figures").exists()


def test_init_never_writes_into_a_folder_that_has_files(tmp_path):
    (tmp_path / "anteckning.txt").write_text("min", encoding="utf-8")
    with pytest.raises(InitError, match="not empty"):
        init_project(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anteckning.txt"]


def test_init_empty_writes_next_years_skeleton_that_validate_explains(tmp_path):
    init_project(tmp_path / "p", sample=False)
    package = tmp_path / "p" / "data" / "2025"
    assert not (tmp_path / "p" / "data" / "sample-2024").exists()
    settings = (package / "report.toml").read_text(encoding="utf-8")
    assert "year = 2025" in settings and "published = 2026-08-29" in settings
    header = (package / "indicators.csv").read_text(encoding="utf-8").splitlines()
    assert header == [(ROOT / "data" / "sample-2024" / "indicators.csv").read_text(encoding="utf-8").splitlines()[0]]
    problems = check_package(package, tmp_path / "p" / "data" / "catalogue")
    assert problems.errors and all(p.file for p in problems.errors)
    assert any("no rows" in p.message for p in problems.errors)


def test_a_project_without_the_sample_needs_data(tmp_path):
    init_project(tmp_path / "p", sample=False)
    with pytest.raises(NaravardError, match="--data"):
        resolve_paths(BuildOptions(project_dir=tmp_path / "p"))


def test_the_sample_builds_from_the_bundled_project_into_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project, out_dir, data_dir, keep = resolve_paths(BuildOptions(sample=True))
    assert project == bundled_project() and out_dir == tmp_path.resolve() / "_output"
    assert data_dir == bundled_project().sample_data_dir and keep is None
    with pytest.raises(NaravardError, match="--project"):
        resolve_paths(BuildOptions(sample=True, project_dir=ROOT))


def test_outside_a_project_the_error_says_how_to_start_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NaravardError, match=r"naravard init DIR.*naravard build --sample"):
        resolve_paths(BuildOptions())


@pytest.mark.parametrize("where", ["_output/kallor", ".", "templates"])
def test_kept_sources_never_overlap_the_output_or_the_project(tmp_path, where):
    init_project(tmp_path / "p")
    with pytest.raises(NaravardError, match="keep-sources"):
        resolve_paths(BuildOptions(project_dir=tmp_path / "p", keep_sources=tmp_path / "p" / where))


def test_windows_1252_files_are_named_once_in_one_note(tmp_path):
    package = tmp_path / "pkg"
    shutil.copytree(ROOT / "data" / "sample-2024", package)
    for name in ("indicators.csv", "costs.csv"):  # as Swedish Excel saves them
        path = package / name
        path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    from naravard.data import load_package

    notes = package_notes(load_package(package, ROOT / "data" / "catalogue"))
    encoding = [n for n in notes if "Windows-1252" in n]
    assert encoding == [
        "note: costs.csv, indicators.csv are not UTF-8; read as Windows-1252 (as Swedish Excel saves CSV). "
        "Check that å, ä and ö came out right, or save as UTF-8."
    ]
