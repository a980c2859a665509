"""The Lua filter's cross-references: Quarto's @fig-/#fig- syntax numbered by the built-in engine.

Runs pandoc (from pypandoc-binary) with templates/filters/naravard.lua on small
documents, as the built-in engine does, and checks that the numbers and the
reference texts are those Quarto prints with the project's crossref options
("Figur 12." in the caption, "figur 12" / "Figur 12" in the text).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypandoc
import pytest

from naravard.compose import blocks
from tests.conftest import ROOT

FILTER = ROOT / "templates" / "filters" / "naravard.lua"


def render(markdown: str, to: str, tmp_path: Path) -> str:
    source = tmp_path / "in.md"
    source.write_text(markdown, encoding="utf-8")
    proc = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", "markdown-implicit_figures", "-t", to, "--wrap=none", "--lua-filter", str(FILTER), str(source)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    return proc.stdout


def figure(ident: str, title: str) -> str:
    return f"""
::: {{#{ident} .nv-figure}}
![](figures/x.svg){{fig-alt="Alt för {title}" width="100%"}}

::: {{.nv-source custom-style="Källa"}}
Källa: Testregistret.
:::

::: {{.nv-figure-data .content-visible when-format="html"}}
::: {{.nv-data-summary}}
Data för @{ident}
:::

| A | B |
|:--|--:|
| x | 1 |
:::

{title}
:::
"""


def table(ident: str, title: str) -> str:
    return f"""
::: {{#{ident} .nv-table}}
| A | B |
|:--|--:|
| x | 1 |

{title}
:::
"""


DOC = (
    "@Fig-andra visar länen och @fig-forsta riket; se även @tbl-lista.\n"
    + figure("fig-forsta", "Första figuren")
    + table("tbl-lista", "Listan")
    + table("tabell-fraga-1", "Fråga 1. Utan nummer")
    + figure("fig-andra", "Andra figuren")
)


def test_targets_are_numbered_in_document_order_and_references_read_as_quarto_prints_them(tmp_path):
    html = render(DOC, "html5", tmp_path)
    assert '<a href="#fig-andra">Figur 2</a> visar länen och <a href="#fig-forsta">figur 1</a> riket' in html
    assert '<a href="#tbl-lista">tabell 1</a>' in html
    captions = re.findall(r"<strong>((?:Figur|Tabell) \d+\.)</strong> ([^<]+)", html)
    assert captions == [("Figur 1.", "Första figuren"), ("Tabell 1.", "Listan"), ("Figur 2.", "Andra figuren")]
    # An unnumbered table keeps its own title, in bold, and takes no number.
    assert "<strong>Fråga 1. Utan nummer</strong>" in html
    # The caption is printed first, before the chart, although Quarto's source has it last.
    first = html.index('id="fig-forsta"')
    assert html.index("Första figuren", first) < html.index("<img", first)


def test_the_figure_data_summary_names_the_figure_without_a_link(tmp_path):
    html = render(DOC, "html5", tmp_path)
    assert '<details class="nv-data"><summary>\nData för figur 1\n</summary>' in html
    assert "Data för figur 2" in html


def test_docx_captions_get_the_caption_styles(tmp_path):
    native = " ".join(render(DOC, "native", tmp_path).split())  # the attributes as they go to Word
    assert '( "" , [ "nv-figure-title" ] , [ ( "custom-style" , "Bildtext" ) ] )' in native
    assert '( "" , [ "nv-table-title" ] , [ ( "custom-style" , "Tabellrubrik" ) ] )' in native


def test_typst_figures_carry_number_title_and_alt_text(tmp_path):
    typ = render(DOC, "typst", tmp_path)
    assert re.search(r"#nv-figure\(\s*title: \[#strong\[Figur 1\.\] Första figuren\]", typ)
    assert 'alt: "Alt för Första figuren"' in typ
    assert "<fig-forsta>" in typ and "#link(<fig-forsta>)[figur 1]" in typ


def test_a_reference_to_a_missing_target_stops_the_render(tmp_path):
    with pytest.raises(RuntimeError, match=r"@fig-finns-inte"):
        render("Se @fig-finns-inte.\n" + figure("fig-forsta", "Första"), "html5", tmp_path)


def test_blocks_write_what_the_filter_reads():
    """The composer's blocks are the filter's input: ids first, caption last."""
    fence = blocks._div(".nv-figure", "body", ident="fig-x")
    assert fence.startswith("::: {#fig-x .nv-figure}\n")
