"""The filter writes a table's cells and a caption's parts as Typst with one write of pandoc's writer
(cut at markers, templates/filters/naravard.lua typst_of_many): each piece is what writing that cell
by itself gives, for cells that start like Typst markup, are empty or hold emphasis, code or escapes."""

from __future__ import annotations

import subprocess

import pypandoc

from tests.unit.test_xref_filter import render

CELLS = ["- inte en lista", "", "1. inte numrerad", "= ingen rubrik", "**fet** och *kursiv*", "a /* b */ c",
         "#text(red)[x]", "$ 5 $", "\\<etikett>", "\\@fig-x", "`kod`", "snedstreck \\\\ bakåt", "42 %", "\\*"]


def alone(markdown: str, tmp_path) -> tuple[list[str], dict[str, str]]:
    """The table's cells and the caption's parts of *markdown*, each written by pandoc's Typst writer
    by itself (as the filter wrote them one at a time)."""
    (tmp_path / "doc.md").write_text(markdown, encoding="utf-8")
    script = tmp_path / "alone.lua"
    script.write_text("""
local function typst(blocks) return (pandoc.write(pandoc.Pandoc(blocks), "typst"):gsub("%s+$", "")) end
local doc = pandoc.read(io.open(arg[1]):read("a"), "markdown-implicit_figures")
doc:walk({
  Table = function(tbl)
    for _, row in ipairs(tbl.head.rows) do for _, c in ipairs(row.cells) do io.write("cell\\t", typst(c.contents), "\\0") end end
    for _, row in ipairs(tbl.bodies[1].body) do for _, c in ipairs(row.cells) do io.write("cell\\t", typst(c.contents), "\\0") end end
  end,
  Div = function(div)
    if div.classes[1] ~= "nv-table" then io.write(div.classes[1], "\\t", typst(div.content), "\\0") end
  end,
})
""", encoding="utf-8")
    proc = subprocess.run([pypandoc.get_pandoc_path(), "lua", str(script), str(tmp_path / "doc.md")],
                          capture_output=True, text=True, check=True)
    pieces = [piece.split("\t", 1) for piece in proc.stdout.split("\0")[:-1]]
    return [text for kind, text in pieces if kind == "cell"], {kind: text for kind, text in pieces if kind != "cell"}


def test_each_cell_and_caption_part_is_what_writing_it_alone_gives(tmp_path):
    rows = "\n".join(f"| {c} | {i} |" for i, c in enumerate(CELLS))
    markdown = f"""
::: {{#tbl-prov .nv-table}}
::: {{.nv-table-title}}
**Tabell 1.** En *rubrik* med - tecken
:::

| Kolumn | Nummer |
|:--|--:|
{rows}

::: {{.nv-note}}
= Not som börjar som en rubrik.
:::

::: {{.nv-source}}
Källa: Registret.
:::
:::
"""
    typst = render(markdown, "typst", tmp_path)
    texts, parts = alone(markdown, tmp_path)
    assert len(texts) == 2 + 2 * len(CELLS) and "" in texts and any("\\=" in x for x in texts)  # the cells test what they are meant to
    rows = [f"    table.header([{texts[0]}], [{texts[1]}]),"] + [f"    [{a}], [{b}]," for a, b in zip(texts[2::2], texts[3::2])]
    assert "\n".join(rows) + "\n  )" in typst
    assert f"  title: [{parts['nv-table-title']}],\n" in typst and f"  notes: [{parts['nv-note']}],\n" in typst
    assert f"  source: [{parts['nv-source']}],\n" in typst
    assert "nv-split" not in typst and "  rows: 14,\n" in typst
