"""The HTML page as browsers and screen readers see it, checked with axe-core in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import need, need_program

pytestmark = pytest.mark.e2e

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def html(sample_build) -> str:
    return sample_build.outputs["html"].read_text(encoding="utf-8")


def test_language_title_and_structure(html):
    assert re.search(r'<html[^>]* lang="sv"', html)
    assert "<title>Uppföljning av omställningen till en god och nära vård</title>" in html
    assert '<nav class="nv-nav" aria-label="Innehållsförteckning">' in html
    assert re.search(r"<h1[^>]*>Samverkan och samordning</h1>", html)


def test_self_contained(html):
    # No file or network references: figures, styles and fonts are embedded.
    assert not re.search(r'<img[^>]+src="(?!data:)', html)
    assert not re.search(r'<link[^>]+rel="stylesheet"', html)


def test_every_image_has_alt_and_its_data(html, sample_build):
    imgs = re.findall(r"<img[^>]*>", html)
    assert len(imgs) == sample_build.figures
    for img in imgs:
        alt = re.search(r'(?:alt|aria-label)="([^"]+)"', img)
        assert alt and alt.group(1).strip(), img[:120]
    assert html.count('<details class="nv-data">') == sample_build.figures


def test_values_are_traceable(html):
    assert 'class="nv-value" data-key="indikator/oplanerade_aterinskrivningar/' in html


@pytest.fixture(scope="module")
def browser():
    chromium = need_program("chromium", "chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


def axe_source() -> str:
    try:
        import axe_playwright_python
    except ImportError:
        need(False, "axe-core not installed (pip package axe-playwright-python)")
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def test_axe_core_finds_no_wcag21_aa_violations(browser, sample_build):
    page = browser.new_page()
    page.goto(sample_build.outputs["html"].as_uri())
    page.add_script_tag(content=axe_source())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
    assert len(result["passes"]) > 10  # axe really ran


def test_page_renders_figures_in_chromium(browser, sample_build, tmp_path):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(sample_build.outputs["html"].as_uri())
    widths = page.eval_on_selector_all(".nv-figure img", "els => els.map(e => e.naturalWidth)")
    assert widths and all(w > 100 for w in widths)
    page.screenshot(path=str(tmp_path / "page.png"), full_page=False)
    assert (tmp_path / "page.png").stat().st_size > 10_000
