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


def test_figures_are_files_beside_the_page_and_styles_are_inside(html, sample_build):
    # A light page: styles and fonts inside it, figures as SVG files in figurer/
    # (no base64), loaded lazily, with their size reserved and a phone rendition.
    srcs = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert len(srcs) == sample_build.figures
    folder = sample_build.outputs["html"].parent
    for src in srcs:
        assert src.startswith("figurer/") and src.endswith(".svg") and (folder / src).is_file(), src
    assert "data:image" not in html
    assert html.count('loading="lazy"') == sample_build.figures
    assert len(re.findall(r'<img[^>]+ width="\d+" height="\d+"', html)) == sample_build.figures
    phone = re.findall(r'<source media="\(max-width: 40rem\)" srcset="(figurer/[^"]+-smal\.svg)"', html)
    assert len(phone) == sample_build.figures and all((folder / p).is_file() for p in phone)
    assert not re.search(r'<link[^>]+rel="stylesheet"', html)
    assert "@font-face" in html
    assert len(html.encode("utf-8")) < 2_000_000, "the page itself should stay light"


def test_every_table_has_row_and_column_headers(html, sample_build):
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) == sample_build.tables + sample_build.figures  # report tables and each figure's data
    for table in tables:
        body = table.split("<tbody>", 1)[1]
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
        assert rows and all(re.match(r'\s*<th[^>]* scope="row"', row) for row in rows), table[:200]
        assert '<th style="text-align: left;" scope="col">' in table or ' scope="col"' in table


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


AXE_TAGS = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']"


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_core_finds_no_wcag21_aa_or_best_practice_violations(browser, sample_build, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(sample_build.outputs["html"].as_uri())
    page.eval_on_selector_all("details", "els => els.forEach(d => d.open = true)")  # the figures' data too
    page.add_script_tag(content=axe_source())
    result = page.evaluate(f"async () => await axe.run(document, {{runOnly: {{type: 'tag', values: {AXE_TAGS}}}}})")
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
    assert len(result["passes"]) > 10  # axe really ran
    page.close()


def test_page_reflows_at_320_px_with_data_tables_scrolling_in_their_own_box(browser, sample_build):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(sample_build.outputs["html"].as_uri())
    page.eval_on_selector_all("details", "els => els.forEach(d => d.open = true)")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page is {width} px wide at 320 px"
    # Every table wider than the screen sits in a focusable, named box that scrolls.
    boxes = page.evaluate("""() => [...document.querySelectorAll('table')].map(t => {
        const box = t.closest('.nv-scroll, .nv-table');
        return box && {label: box.getAttribute('aria-label'), tab: box.tabIndex, overflow: getComputedStyle(box).overflowX,
                       fits: box.getBoundingClientRect().right <= 320};
    })""")
    assert boxes and all(b and b["label"] and b["tab"] == 0 and b["overflow"] == "auto" and b["fits"] for b in boxes)
    page.close()


def test_charts_keep_readable_text_on_a_phone(browser, sample_build):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(sample_build.outputs["html"].as_uri())
    page.eval_on_selector_all("img", "els => els.forEach(i => i.loading = 'eager')")
    page.wait_for_load_state("load")
    shown = page.evaluate("""async () => {
        const imgs = [...document.querySelectorAll('.nv-figure img')];
        await Promise.all(imgs.map(i => i.decode().catch(() => null)));
        return imgs.map(i => ({src: i.currentSrc, scale: i.getBoundingClientRect().width / i.naturalWidth}));
    }""")
    assert shown and all(s["src"].endswith("-smal.svg") for s in shown)
    # Tick labels are 9,5 pt in the drawing (about 12,7 px at full size): at least about 10 px on screen.
    assert min(s["scale"] for s in shown) * 9.5 * 4 / 3 >= 9.5
    page.close()


def contrast_js() -> str:
    return """
    (() => {
      const rgb = s => (s.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
      const lum = ([r, g, b]) => { const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
                                   return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const background = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                                   if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3); } return [255, 255, 255]; };
      return el => { const s = getComputedStyle(el); const ring = rgb(s.outlineColor).slice(0, 3);
                     const halo = rgb(s.boxShadow).slice(0, 3); const bg = background(el.parentElement);
                     return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                             best: Math.max(ratio(ring, bg), halo.length === 3 ? ratio(halo, bg) : 0),
                             between: halo.length === 3 ? ratio(ring, halo) : 21}; };
    })()"""


def test_focus_indicator_has_3_to_1_on_every_background(browser, sample_build):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(sample_build.outputs["html"].as_uri())
    measure = contrast_js()
    results = []
    for selector in (".nv-skip", ".nv-nav a", ".nv-main a[href^='#']", ".nv-box a", "summary", ".nv-scroll", ".nv-table", ".nv-download"):
        handle = page.query_selector(selector)
        if handle is None:
            continue
        handle.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
        results.append((selector, page.evaluate(f"({measure})(document.activeElement)")))
    assert len(results) >= 6
    for selector, r in results:
        assert r["outline"] != "none" and r["width"] >= 2, (selector, r)
        assert r["best"] >= 3 and r["between"] >= 3, (selector, r)
    page.close()


def test_page_renders_figures_in_chromium(browser, sample_build, tmp_path):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(sample_build.outputs["html"].as_uri())
    widths = page.evaluate("""async () => {
        const imgs = [...document.querySelectorAll('.nv-figure img')];
        imgs.forEach(i => i.loading = 'eager');
        await Promise.all(imgs.map(i => i.decode().catch(() => null)));
        return imgs.map(i => i.naturalWidth);
    }""")
    assert widths and all(w > 100 for w in widths)
    page.screenshot(path=str(tmp_path / "page.png"), full_page=False)
    assert (tmp_path / "page.png").stat().st_size > 10_000
