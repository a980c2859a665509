"""The citations and the reference list citeproc made survive the Lua filter, the Typst
template (the PDF is still PDF/UA-1) and the DOCX finishing: the same numbers and entries
in HTML, PDF and DOCX. The synthetic-values notice is on the cover of all three.
Uses the session's sample build; `--strict` is tried on two chapters, without rendering."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from click.testing import CliRunner

from naravard.cli import main
from tests.conftest import copy_project, need_program

pytestmark = pytest.mark.e2e

FIRST = "1. Prop. 2019/20:164. Inriktningen för nära och tillgänglig vård – en primärvårdsreform."


def _squeeze(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def test_html_links_each_citation_to_its_entry(sample_build):
    html = sample_build.outputs["html"].read_text(encoding="utf-8")
    assert re.search(r'\[<a href="#ref-prop_2019_20_164"[^>]*>1</a>\]', html)
    entry = re.search(r'<div id="ref-prop_2019_20_164" class="csl-entry"[^>]*>(.*?)</div>', html, re.S)
    assert entry and _squeeze(entry.group(1)).startswith(FIRST)
    assert "Utkast med syntetiska uppgifter" in html


def test_pdf_prints_the_same_list_and_stays_pdf_ua(sample_build):
    pikepdf = pytest.importorskip("pikepdf")
    pdftotext = need_program("pdftotext", "poppler-utils")
    text = subprocess.run([pdftotext, str(sample_build.outputs["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    flat = _squeeze(text.replace("-\n", ""))
    assert "Referenser 1. Prop. 2019/20:164. Inriktningen för nära och tillgänglig vård" in flat
    assert "ska leda [1]" in flat and "Utkast med syntetiska uppgifter" in flat
    with pikepdf.open(sample_build.outputs["pdf"]) as pdf, pdf.open_metadata() as meta:
        assert meta.get("pdfuaid:part") == "1"  # Typst made it as PDF/UA-1, links to the list included


def test_docx_keeps_links_bookmarks_and_entries(sample_build):
    with zipfile.ZipFile(sample_build.outputs["docx"]) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert 'w:anchor="ref-prop_2019_20_164"' in xml and 'w:name="ref-prop_2019_20_164"' in xml
    text = _squeeze(re.sub(r"<[^>]+>", "", xml.replace("</w:p>", " ")))
    assert FIRST in text and "Utkast med syntetiska uppgifter" in text


def test_strict_refuses_synthetic_values_before_rendering(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "_quarto.yml").write_text("book:\n  chapters:\n    - 07-kontinuitet.qmd\n    - 10-referenser.qmd\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--project", str(project), "--out", str(out), "--engine", "builtin", "--strict", "-q"])
    assert result.exit_code == 2, result.output
    assert "not published" in result.output and "survey_regions.csv:" in result.output and "synthetic rows" in result.output
    assert not out.exists()  # nothing was published
