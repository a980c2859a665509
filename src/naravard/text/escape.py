"""Text from data is text: the one place where a string meets an output format.

A data package comes from many hands, and the HTML is published on an
agency's website. Whatever a package holds (settings, method texts, periods,
reasons, labels, answers) must print as the characters it holds and never
take effect as markup: no link, image, raw block, placeholder, math or
formula. Every string from data reaches its target only through the function
for that target below:

============================  =========================================================
``markdown``                  Quarto/pandoc markdown prose (returns :class:`Markdown`)
``markdown_attribute``        a value inside ``key="…"`` of a pandoc attribute
``pandoc_metadata``           a metadata value (pandoc parses metadata as markdown)
``typst_string``              a Typst string literal, quotes included
``typst_metadata``            a Typst string literal carried through pandoc metadata
``html_attribute``            an HTML attribute value
``html_attribute_metadata``   an HTML attribute value carried through pandoc metadata
``docx_text``                 text written into a DOCX part (XML 1.0, one line)
``docx_property``             a DOCX core property (title, subject …: at most 255 characters)
``matplotlib_text``           text drawn by matplotlib (which never parses math here)
``spreadsheet_cell``          a cell of a CSV naravard writes (no formulas)
============================  =========================================================

Templates are escaped by default: the Jinja environment (compose/environment.py)
runs every ``{{ … }}`` that is not already :class:`Markdown` through
:func:`markdown`, so an author cannot forget it. Markup that naravard itself
makes (figure blocks, value marks, references) is built as :class:`Markdown`
from escaped parts.
"""

from __future__ import annotations

import html
import re
import unicodedata

from markupsafe import Markup

# ASCII punctuation that pandoc markdown (with Quarto's extensions) can read as
# markup anywhere in a line: emphasis, code, links, images, spans and
# attributes, raw HTML and autolinks, math, citations and cross-references,
# super/subscripts, footnotes, entities, smart quotes and dashes, emoji,
# fenced divs, pipe tables, Quarto shortcodes.
_MARKUP = frozenset("\\`*{}[]<>#|$@^~&\"'")
# At the start of a line: ordered-list markers ("1.", "a)", "(iv)").
_LIST_START = re.compile(r"\(?(?:[0-9]+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)]")
# Characters naravard uses for its own placeholders (compose/registry.py):
# written as entities, so data can never spell a placeholder.
_PLACEHOLDER = {"\u27e6": "&#x27E6;", "\u27e7": "&#x27E7;"}
# Line and paragraph breaks of every kind: data text is one line where it is placed.
_BREAKS = re.compile(r"[\t\n\r\v\f\u0085\u2028\u2029]+")
_MAX_META = 255  # what Word accepts in a core property


class Markdown(Markup):
    """Markdown that is safe to place: naravard's own markup, or data that was escaped.

    Like markupsafe's ``Markup`` for HTML: joining, ``%`` and ``format`` escape
    the plain strings they are given (with :func:`markdown`), so a trusted
    string and an untrusted one can be combined without thinking about it.
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: object) -> Markdown:
        return markdown(s)


def is_markup(value: object) -> bool:
    return hasattr(value, "__html__")


def printable(text: str) -> str:
    """*text* without control characters, as one line (breaks and tabs become a space)."""
    text = _BREAKS.sub(" ", str(text))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


def markdown(value: object) -> Markdown:
    """Data text for markdown prose: every character prints as itself.

    Markdown passes through unchanged (it is already safe), so escaping twice
    is harmless.
    """
    if is_markup(value):
        return Markdown(value.__html__())
    text = printable(value)
    start = _LIST_START.match(text)
    lead = len(start.group()) if start else 0  # "1. Socialstyrelsen" must not start a list
    out = []
    for i, ch in enumerate(text):
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        if (
            ch in _MARKUP
            or (i < lead and ch in "().")
            or (i == 0 and ch in "+-:")  # list item, rule, definition
            or (ch in ".-" and ch in (before, after))  # no smart "…" or "–"
            or (ch == ":" and after.strip() != "")  # no :emoji: or ::: fence
            or (ch == "_" and not (before.isalnum() and after.isalnum()))  # ids keep their "_"
        ):
            out.append("\\" + ch)  # pandoc: any escaped ASCII punctuation is literal
        else:
            out.append(_PLACEHOLDER.get(ch, ch))
    return Markdown("".join(out))


def markdown_attribute(value: object) -> str:
    """A value inside ``key="…"`` of a pandoc attribute (pandoc decodes entities there)."""
    text = printable(value)
    text = text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    for ch, entity in _PLACEHOLDER.items():
        text = text.replace(ch, entity)
    return text


def pandoc_metadata(value: object) -> str:
    """A value for report/_metadata.yml: pandoc reads metadata strings as markdown."""
    return str(markdown(value))


def typst_string(value: object) -> str:
    """A Typst string literal: ``"Socialstyrelsen"``; nothing in it is markup."""
    text = printable(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_metadata(value: object) -> str:
    """A Typst string literal that pandoc passes through untouched from its metadata
    (a raw ``typst`` inline); other formats drop it."""
    literal = typst_string(value).replace("`", "\\u{60}")  # no backtick can end the inline code
    return f"`{literal}`{{=typst}}"


def html_attribute(value: object) -> str:
    return html.escape(printable(value), quote=True)


def html_attribute_metadata(value: object) -> str:
    """An HTML attribute value carried through pandoc metadata as a raw ``html``
    inline (pandoc would write a rendered ``"`` into the attribute unescaped)."""
    return "`" + html_attribute(value).replace("`", "&#96;") + "`{=html}"


def _xml_char(ch: str) -> bool:
    code = ord(ch)
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def docx_text(value: object) -> str:
    """Text for a DOCX part: one line, only characters XML 1.0 allows."""
    return "".join(ch for ch in printable(value) if _xml_char(ch))


def docx_property(value: object, limit: int = _MAX_META) -> str:
    """A DOCX core property; Word (and python-docx) take at most 255 characters."""
    text = docx_text(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def matplotlib_text(value: object) -> str:
    """Text for matplotlib. The house style turns math parsing off
    (``text.parse_math``), so ``$`` is a dollar sign; line breaks are kept
    (figures wrap long labels themselves), control characters are not."""
    lines = str(value).split("\n")
    return "\n".join(printable(line) for line in lines)


_FORMULA_START = tuple("=+-@\t\r|")
_NUMBER = re.compile(r"[+\-\u2212]?\d[\d\s\u00a0\u202f.,]*%?")


def spreadsheet_cell(value: object) -> object:
    """A cell for a CSV that people open in Excel: text that a spreadsheet would
    run as a formula (``=HYPERLINK(…)``, ``+1+1``, ``@SUM``) gets a leading
    apostrophe and stays text. Numbers, also negative ones, stay numbers."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value
