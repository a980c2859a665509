"""Shared fixtures: the sample report built once per test session, and clients.

Tests that need a program the machine lacks (Chromium, LibreOffice, poppler)
skip with the reason. CI sets NARAVARD_REQUIRE_CLIENTS=1, which turns those
skips into failures, so nothing is silently left out there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIRE_CLIENTS = os.environ.get("NARAVARD_REQUIRE_CLIENTS") == "1"


def need(condition: bool, reason: str) -> None:
    """Skip (locally) or fail (in CI) when a client program is missing."""
    if condition:
        return
    if REQUIRE_CLIENTS:
        pytest.fail(f"{reason} (required: NARAVARD_REQUIRE_CLIENTS=1)")
    pytest.skip(reason)


def need_program(name: str, package: str) -> str:
    path = shutil.which(name)
    need(path is not None, f"{name} is not installed (Debian package {package})")
    return path


def copy_project(target: Path) -> Path:
    """A throw-away copy of the project (templates, data, configuration)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "_quarto.yml", target / "_quarto.yml")
    for folder in ("templates", "data"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample report built with the built-in engine, in a copy of the project, with the
    generated Quarto book kept (``result.sources``)."""
    from naravard.pipeline import BuildOptions, run_build

    project = copy_project(tmp_path_factory.mktemp("project"))
    sources = tmp_path_factory.mktemp("sources") / "book"
    before = tree(project)
    result = run_build(BuildOptions(project_dir=project, engine="builtin", keep_sources=sources))
    result.project_changes = sorted(set(tree(project).items()) ^ set(before.items()))  # for test_build.py
    return result


def tree(folder: Path) -> dict[str, float]:
    """Every file and folder under *folder* with its modification time, by relative path."""
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime for p in folder.rglob("*")}
