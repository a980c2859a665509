"""The value mark: how the composed markdown says which values a phrase printed.

``[8,9 procent]{.nv-value key="indikator/x/2024/00/totalt"}`` is a pandoc span;
HTML keeps it (``class="nv-value" data-key="…"``), the Lua filter unwraps it for
PDF and DOCX, and the values manifest and ``naravard check`` read it back. This
module is the one place that writes and reads the syntax (the Lua filter,
``templates/filters/naravard.lua``, matches the class name below).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from naravard.text import escape
from naravard.text.escape import Markdown, is_markup

CLASS = "nv-value"
KEY_ATTRIBUTE = "key"

_MARK = re.compile(r'\[((?:[^\[\]\\]|\\.)*)\]\{\.' + CLASS + " " + KEY_ATTRIBUTE + r'="([^"]*)"\}')


def mark(text: str, keys: Iterable[str]) -> str:
    """*text* marked with the *keys* of the values it states (each once, in order); the text is
    escaped for markdown unless it is markup already (a mark inside a mark)."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return text
    return Markdown(f'[{escape.markdown(text)}]{{.{CLASS} {KEY_ATTRIBUTE}="{escape.markdown_attribute(" ".join(keys))}"}}')


def keys_of(attributes: dict[str, str]) -> list[str]:
    """The keys of a mark from its span's attributes (pandoc's AST)."""
    return attributes.get(KEY_ATTRIBUTE, "").split()


@dataclass(frozen=True)
class Mark:
    start: int  # where the mark's text starts in the unmarked text
    end: int
    keys: tuple[str, ...]


def unmark(markdown: str) -> tuple[str, list[Mark]]:
    """The markdown with every mark replaced by its text, and where each mark was."""
    out, found, pos, length = [], [], 0, 0
    for m in _MARK.finditer(markdown):
        before = markdown[pos : m.start()]
        out.append(before)
        length += len(before)
        text = m.group(1)
        found.append(Mark(length, length + len(text), tuple(m.group(2).split())))
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(markdown[pos:])
    return "".join(out), found


def strip(markdown: str) -> str:
    """The markdown without marks (also a mark inside a mark)."""
    while True:
        plain = unmark(markdown)[0]
        if plain == markdown:
            return plain
        markdown = plain


def capitalize(text: str) -> str:
    """Upper-case the first letter, also inside a mark (``[nästan …]{…}`` -> ``[Nästan …]{…}``)."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            upper = str(text)[:i] + ch.upper() + str(text)[i + 1 :]
            return Markdown(upper) if is_markup(text) else upper
        if ch.isdigit():  # "4 av 5 län" starts with its number
            return text
    return text
