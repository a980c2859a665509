"""The build cache and the concurrent engines give the outputs a cold build gives.

A small project (the title pages, one chapter with figures and the references) is built cold,
warm, after one template sentence and after one data value changed, each
compared byte for byte with a build that uses no cache; then two builds share
one cold cache at once, and a build killed half-way is followed by a good one.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from naravard.pipeline import BuildOptions, run_build
from tests.conftest import copy_project

pytestmark = pytest.mark.e2e
CHAPTER = "05-tillganglighet.qmd"


def small_project(target: Path) -> Path:
    project = copy_project(target)
    config = (project / "_quarto.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?s)  chapters:\n.*?\n  appendices:\n(    - .*?\n)+", f"  chapters:\n    - index.qmd\n    - {CHAPTER}\n    - 10-referenser.qmd\n", config)
    (project / "_quarto.yml").write_text(config, encoding="utf-8")
    return project


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, out: Path, *, no_cache: bool = False):
    return run_build(BuildOptions(project_dir=project, out_dir=out, engine="builtin", no_cache=no_cache))


def cli(project: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "naravard", "-q", "build", "--engine", "builtin", "--project", str(project), "--out", str(out)]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return small_project(tmp_path_factory.mktemp("cache") / "p")


@pytest.fixture(scope="module")
def reference(project, tmp_path_factory) -> dict[str, bytes]:
    """The project's outputs from a build without the cache."""
    out = tmp_path_factory.mktemp("ref") / "out"
    build(project, out, no_cache=True)
    assert not (project / ".naravard").exists()  # --no-cache writes no cache
    return files(out)


def test_cold_warm_and_changed_builds_are_byte_identical_to_uncached_ones(project, reference, tmp_path):
    cold = build(project, tmp_path / "cold")
    assert files(tmp_path / "cold") == reference and not cold.cached
    warm = build(project, tmp_path / "warm")
    assert warm.cached and files(tmp_path / "warm") == reference

    # One template sentence: the chapter's text changes, the figures come from the cache.
    template = project / "templates" / "chapters" / f"{CHAPTER}.j2"
    original = template.read_text(encoding="utf-8")
    template.write_text(original.rstrip("\n") + "\n\nEn ny mening om tillgängligheten.\n", encoding="utf-8")
    try:
        changed = build(project, tmp_path / "sentence")
        assert not changed.cached
        got = files(tmp_path / "sentence")
        assert got == files_uncached(project, tmp_path / "sentence-ref")
        assert got != reference
        assert "En ny mening om tillgängligheten." in got[next(k for k in got if k.endswith(".html"))].decode()
    finally:
        template.write_text(original, encoding="utf-8")

    # One data value: the figures and the text that use it change, and only they.
    indicators = project / "data" / "sample-2024" / "indicators.csv"
    text = indicators.read_text(encoding="utf-8")
    row = "medicinsk_bedomning_3d,2024,,riket,00,kvinnor,87.8,"
    assert row in text
    indicators.write_text(text.replace(row, row.replace("87.8", "86.9")), encoding="utf-8")
    value = build(project, tmp_path / "value")
    assert files(tmp_path / "value") == files_uncached(project, tmp_path / "value-ref") != reference
    assert not value.cached


def files_uncached(project: Path, out: Path) -> dict[str, bytes]:
    build(project, out, no_cache=True)
    return files(out)


def test_two_builds_at_once_share_one_cache(tmp_path, reference, project):
    shared = small_project(tmp_path / "p")  # a cold cache of its own
    procs = [subprocess.Popen(cli(shared, tmp_path / f"out{i}"), stderr=subprocess.PIPE, text=True) for i in (1, 2)]
    for proc in procs:
        assert proc.wait(timeout=900) == 0, proc.stderr.read()
    assert files(tmp_path / "out1") == files(tmp_path / "out2") == _relocated(reference, project, shared)
    assert not any((shared / ".naravard" / "cache" / "tmp").iterdir())


def test_a_killed_build_is_followed_by_a_good_one(tmp_path, reference, project):
    killed = small_project(tmp_path / "p")
    cache = killed / ".naravard" / "cache"
    proc = subprocess.Popen(cli(killed, tmp_path / "out"), stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and not (cache / "figure").is_dir():  # killed while drawing
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    result = build(killed, tmp_path / "out")
    assert not result.cached
    assert files(tmp_path / "out") == _relocated(reference, project, killed)
    assert not any((cache / "tmp").iterdir())


def _relocated(reference: dict[str, bytes], old: Path, new: Path) -> dict[str, bytes]:
    """The reference outputs of another copy of the project (the outputs do not name the project's folder)."""
    return reference
