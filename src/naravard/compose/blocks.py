"""Quarto markdown for the report's building blocks: figures, tables, boxes.

The blocks use only pandoc markdown that Quarto and plain pandoc read alike:
fenced divs with classes (for HTML and the Typst filter) and ``custom-style``
(the DOCX paragraph style). The Lua filter ``templates/filters/naravard.lua``
turns the classes into Typst calls and handles HTML-only parts.

Figures and numbered tables are Quarto cross-reference targets: a div with the
id ``fig-…``/``tbl-…`` whose last paragraph is the caption, referred to as
``@fig-…``. The blocks carry no numbers: Quarto numbers them, and so does the
Lua filter for the built-in engine, both in document order ("Figur 12."), and
the house style prints the caption first.
"""

from __future__ import annotations

import pandas as pd

from naravard.figures.spec import FigureSpec
from naravard.tables.spec import TableSpec
from naravard.text import escape
from naravard.text.escape import Markdown

FIGURES_REL = "figures"  # figures/ beside the chapters in the generated book

# DOCX paragraph styles (defined in templates/docx/reference.docx). The
# captions get theirs ("Bildtext", "Tabellrubrik") from the Lua filter.
STYLE_FIGURE_TEXT = "Figurtext"
STYLE_SOURCE = "Källa"
STYLE_NOTE = "Not"
STYLE_BOX = "Faktaruta"
STYLE_BOX_TITLE = "Faktarutans rubrik"


def attr(value: str) -> str:
    """A value for a markdown attribute in double quotes."""
    return escape.markdown_attribute(value)


def inline(text: str) -> Markdown:
    """Data text placed in markdown prose: escape what markdown would read as markup."""
    return escape.markdown(text)


def _div(classes: str, body: str, style: str | None = None, ident: str = "") -> str:
    parts = ([f"#{ident}"] if ident else []) + [classes]
    if style:
        parts.append(f'custom-style="{style}"')
    return f"::: {{{' '.join(parts)}}}\n{body}\n:::\n"


def markdown_table(frame: pd.DataFrame, align: list[str] | None = None, widths: list[int] | None = None) -> str:
    """A pipe table; *align* per column: 'l' or 'r' (numbers right).

    *widths* (optional): relative column widths. The separator line then gets
    dashes in proportion and is made longer than pandoc's line width, so pandoc
    spreads the table over the text width with these proportions."""
    align = align or ["l"] + ["r"] * (frame.shape[1] - 1)
    head = "| " + " | ".join(inline(str(c)) for c in frame.columns) + " |"
    dashes = _dashes(widths) if widths else [3] * len(align)
    rule = "|" + "|".join(":" + "-" * d if a == "l" else "-" * d + ":" for a, d in zip(align, dashes)) + "|"
    # A cell of naravard's own markdown (a profile's sparkline image) is placed as it is.
    rows = ["| " + " | ".join(inline(v if escape.is_markup(v) else str(v)) if str(v) else " " for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return Markdown("\n".join([head, rule, *rows]))


def figure_block(spec: FigureSpec) -> str:
    """A figure: subtitle, chart, notes, source, (HTML) its data, and the title as Quarto's caption."""
    body = []
    if spec.subtitle:
        body.append(_div(".nv-figure-subtitle", inline(spec.subtitle), STYLE_FIGURE_TEXT))
    body.append(f'![]({FIGURES_REL}/{spec.key}.svg){{fig-alt="{attr(spec.alt)}" width="100%"}}\n')
    if spec.note:
        body.append(_div(".nv-note", inline(spec.note), STYLE_NOTE))
    body.append(_div(".nv-source", inline(spec.source), STYLE_SOURCE))
    data = (
        _div(".nv-data-summary", f"Data för @{spec.anchor}")
        + f"\n{markdown_table(spec.table)}\n\n"
        f"[Ladda ner data (CSV)](figurer/{spec.key}.csv){{.nv-download}}"
    )
    body.append(_div('.nv-figure-data .content-visible when-format="html"', data))
    body.append(str(inline(spec.title)) + "\n")  # the last paragraph: Quarto's caption
    # Blank lines around: a block must never run into the paragraph before it.
    return Markdown("\n" + _div(".nv-figure", "\n".join(body), ident=spec.anchor) + "\n")


def table_block(spec: TableSpec) -> str:
    """A table: subtitle, the table, notes, source, and the title last (as for figures)."""
    body = []
    if spec.subtitle:
        body.append(_div(".nv-table-subtitle", inline(spec.subtitle), STYLE_FIGURE_TEXT))
    body.append(str(markdown_table(spec.frame, spec.align, spec.widths)) + "\n")
    for note in spec.notes:
        body.append(_div(".nv-note", inline(note), STYLE_NOTE))
    if spec.source:
        body.append(_div(".nv-source", inline(spec.source), STYLE_SOURCE))
    body.append(str(inline(spec.title)) + "\n")  # the last paragraph: Quarto's caption
    return Markdown("\n" + _div(".nv-table", "\n".join(body), ident=spec.anchor) + "\n")


def box_block(title: str, body: str, kind: str = "results") -> str:
    """A framed box ("Huvudsakliga resultat", fact boxes) that looks like a box in every format."""
    head = _div(".nv-box-title", f"**{inline(title)}**", STYLE_BOX_TITLE) if title else ""
    return Markdown("\n" + _div(f".nv-box .nv-box-{kind}", head + "\n" + str(body).strip() + "\n", STYLE_BOX) + "\n")


def _dashes(widths: list[int], total: int = 120) -> list[int]:
    """Dash counts in proportion to *widths*, summing to about *total* (more
    than pandoc's 72 columns, so pandoc reads them as relative widths)."""
    whole = sum(widths)
    return [max(3, round(total * w / whole)) for w in widths]
