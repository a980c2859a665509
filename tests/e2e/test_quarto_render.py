"""The Quarto engine: the sample report rendered by Quarto itself, where Quarto is installed.

This is the one test that skips in CI, and NARAVARD_REQUIRE_CLIENTS=1 does not
turn the skip into a failure: Quarto cannot be installed from the package
registries these machines reach (its PyPI package, quarto-cli, downloads the
binaries from GitHub while it is built). test_quarto_book.py checks the
generated book against Quarto's documented options instead.
"""

from __future__ import annotations

import shutil

import pytest

from naravard.pipeline import BuildOptions, run_build
from tests.conftest import copy_project

pytestmark = pytest.mark.e2e

STEM = "uppfoljning-av-omstallningen-till-en-god-och-nara-vard-2025"


@pytest.mark.skipif(
    shutil.which("quarto") is None,
    reason="Quarto is not on PATH (it cannot be installed from the registries this machine reaches; "
    "NARAVARD_REQUIRE_CLIENTS does not apply to it)",
)
def test_quarto_renders_the_generated_book(tmp_path):
    project = copy_project(tmp_path / "p")
    result = run_build(BuildOptions(project_dir=project, engine="quarto", keep_sources=tmp_path / "book"))
    assert result.engine == "quarto"
    out = project / "_output"
    assert (out / f"{STEM}.pdf").stat().st_size > 50_000
    assert (out / f"{STEM}.docx").stat().st_size > 50_000
    index = out / STEM / "index.html"
    assert index.is_file() and result.outputs["html"] == index
    pages = "".join(p.read_text(encoding="utf-8") for p in (out / STEM).glob("*.html"))
    # Quarto numbers the cross-references with the project's crossref options: "Figur 1." and "figur 1".
    assert "Figur 1." in pages and ">figur 1<" in pages.replace("&nbsp;", " ").replace("figur&nbsp;", "figur ")
