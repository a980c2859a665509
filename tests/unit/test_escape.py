"""The escaping layer (naravard.text.escape): every data string prints as itself."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pypandoc
import pytest

from naravard.compose.environment import make_environment
from naravard.text import escape
from naravard.text.escape import Markdown
from tests.hostile.corpus import PAYLOADS

TEXTS = [p.replace("{secret}", "/tmp/hemlig.txt") for p in PAYLOADS] + [
    "1. Socialstyrelsen", "a) första", "(iv) fjärde", "- punkt", "+ plus", ": definition", "# rubrik",
    "Åsa Öberg-Ñandú", "kl. 10:00", "S2023/01930", "2025-8-0000", "50 % av 100", "a_b_c _x_", "\\", "*", "`",
]


def _pandoc(markdown: str, to: str = "plain", extra: tuple[str, ...] = ()) -> str:
    proc = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", "markdown+emoji", "-t", to, "--wrap=none", *extra],
        input=markdown, capture_output=True, text=True, check=True,
    )
    return proc.stdout


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_markdown_prints_every_payload_as_written():
    """Through pandoc (with emoji and smart punctuation on, as Quarto reads), each
    escaped text is one paragraph of plain text equal to the text, as one line."""
    doc = "\n\n".join(f"START {escape.markdown(t)} END" for t in TEXTS)
    native = json.loads(_pandoc(doc, "json"))
    assert all(block["t"] == "Para" for block in native["blocks"]), [b["t"] for b in native["blocks"]]
    kinds = {inline["t"] for block in native["blocks"] for inline in block["c"]}
    assert kinds <= {"Str", "Space"}, kinds  # no link, image, math, raw, span, code, note, citation, emoji
    paragraphs = _pandoc(doc).strip().split("\n\n")
    assert [_one_line(p) for p in paragraphs] == [_one_line(f"START {t} END") for t in TEXTS]


def test_markdown_at_the_start_of_a_line_makes_no_block():
    for t in TEXTS:
        native = json.loads(_pandoc(str(escape.markdown(t)), "json"))
        assert [b["t"] for b in native["blocks"]] in (["Para"], ["Plain"]), (t, native["blocks"])


def test_placeholders_in_data_are_not_placeholders():
    assert "⟦" not in escape.markdown("⟦referenslista⟧ ⟦figur:x:lower⟧")
    assert "⟦" not in escape.markdown_attribute("⟦figur:x:lower⟧")


def test_attribute_values_print_as_written():
    text = 'a "b" \\ c & d ⟦e⟧ <f>'
    native = json.loads(_pandoc(f'[x]{{key="{escape.markdown_attribute(text)}"}}', "json"))
    span = native["blocks"][0]["c"][0]
    assert span["t"] == "Span" and span["c"][0][2] == [["key", text]]


def test_metadata_in_html_attributes_and_typst_strings(tmp_path: Path):
    meta = tmp_path / "meta.yml"
    text = '"><script>alert(1)</script> `x` \\ ⟦y⟧'
    import yaml

    meta.write_text(yaml.safe_dump({"a": escape.html_attribute_metadata(text), "t": escape.typst_metadata(text)}), encoding="utf-8")
    template = tmp_path / "t.html"
    template.write_text('<meta content="$a$">\n', encoding="utf-8")
    out = _pandoc("", "html", ("--metadata-file", str(meta), "--template", str(template)))
    assert out.strip() == '<meta content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#96;x&#96; \\ ⟦y⟧">'
    typst_template = tmp_path / "t.typ"
    typst_template.write_text("#let t = $t$\n", encoding="utf-8")
    out = _pandoc("", "typst", ("--metadata-file", str(meta), "--template", str(typst_template)))
    assert out.strip() == '#let t = "\\"><script>alert(1)</script> \\u{60}x\\u{60} \\\\ ⟦y⟧"'


def test_templates_escape_by_default(tmp_path: Path):
    (tmp_path / "t.j2").write_text(
        "{{ data }}|{{ data | md }}|{{ (data ~ x) }}|{{ [x, data] | uppräkning }}|{{ data | lower | versal }}|{{ x }}", encoding="utf-8"
    )
    env = make_environment(tmp_path)
    x = Markdown("**fet**")
    out = env.get_template("t.j2").render(data="[a](javascript:b) *c*", x=x)
    e = r"\[a\](javascript\:b) \*c\*"
    assert out.split("|") == [e, e, e + "**fet**", "**fet** och " + e, r"\[A\](javascript\:b) \*c\*", "**fet**"]


def test_spreadsheet_cells_never_run_as_formulas():
    assert escape.spreadsheet_cell('=HYPERLINK("x")') == "'=HYPERLINK(\"x\")"
    assert escape.spreadsheet_cell("+1+1") == "'+1+1"
    assert escape.spreadsheet_cell("@SUM(A1)") == "'@SUM(A1)"
    assert escape.spreadsheet_cell("-3,2") == "-3,2" and escape.spreadsheet_cell("−3,2 %") == "−3,2 %"
    assert escape.spreadsheet_cell(12.5) == 12.5


def test_docx_texts_fit_word():
    assert len(escape.docx_property("x" * 1000)) == 255
    assert escape.docx_text("a\x00b\x0bc\nd\ud800") == "ab c d"


def test_matplotlib_text_keeps_lines_and_drops_controls():
    assert escape.matplotlib_text("a\x07b\nc $x$") == "ab\nc $x$"


@pytest.mark.parametrize("title, stem", [("a" * 300, "a" * 120), ("王小明", "rapport"), ("Uppföljning av vård", "uppfoljning-av-vard")])
def test_file_names_from_titles(title, stem):
    from naravard.compose.metadata import slug

    assert (slug(title) or "rapport") == stem
