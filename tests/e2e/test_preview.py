"""naravard preview in headless Chromium: an edited template sentence appears in the open page
without a manual reload; a template error shows in the page over the last good version, and
fixing it brings the page back; Ctrl-C stops the server cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tests.conftest import need_program
from tests.e2e.test_cache import CHAPTER, small_project

pytestmark = [pytest.mark.e2e, pytest.mark.client]
WAIT_MS = 600_000  # a rebuild on a busy 2-core machine


def test_preview_follows_the_templates_in_a_real_browser(tmp_path):
    chromium = need_program("chromium", "chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    project = small_project(tmp_path / "p")
    template = project / "templates" / "chapters" / f"{CHAPTER}.j2"
    original = template.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "naravard", "preview", "--project", str(project)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), proc.stderr.read() if proc.poll() is not None else url
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            assert "Tillgänglighet" in page.inner_text("body")
            page.evaluate("window.notReloadedByHand = true")

            sentence = "Förhandsvisningen visar den här nya meningen."
            template.write_text(original.rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")
            page.wait_for_function(f"document.body.innerText.includes({sentence!r})", timeout=WAIT_MS)

            template.write_text(original.rstrip("\n") + f"\n\n{sentence}\n\n{{{{ 1 / 0 }}}}\n", encoding="utf-8")
            page.wait_for_selector("#naravard-preview-error", timeout=WAIT_MS)
            banner = page.inner_text("#naravard-preview-error")
            assert f"templates/chapters/{CHAPTER}.j2" in banner and "division by zero" in banner
            assert sentence in page.inner_text("body")  # the last good page stays up

            template.write_text(original, encoding="utf-8")
            page.wait_for_function("!document.getElementById('naravard-preview-error')"
                                   f" && !document.body.innerText.includes({sentence!r})", timeout=WAIT_MS)
            browser.close()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    err = proc.stderr.read()
    assert code == 0, err
    assert f"templates/chapters/{CHAPTER}.j2" in err and "Preview stopped." in err and "Traceback" not in err
