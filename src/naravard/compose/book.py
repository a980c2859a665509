"""Reading the Quarto book configuration (_quarto.yml) the engines share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from naravard.errors import NaravardError


@dataclass(frozen=True)
class Book:
    chapters: tuple[str, ...]  # paths relative to the project, in order ("report/04-samverkan.qmd")
    lua_filters: tuple[str, ...]
    reference_doc: str
    css: tuple[str, ...]
    toc_depth: int


def _chapter_paths(items) -> list[str]:
    out = []
    for item in items or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):  # a part: {part: "...", chapters: [...]}
            out.extend(_chapter_paths(item.get("chapters")))
    return out


def read_book(config: Path) -> Book:
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise NaravardError(f"{config}: cannot read the Quarto configuration: {exc}") from exc
    book = data.get("book") or {}
    chapters = _chapter_paths(book.get("chapters")) + _chapter_paths(book.get("appendices"))
    if not chapters:
        raise NaravardError(f"{config}: book.chapters lists no chapters")
    fmt = data.get("format") or {}
    html = fmt.get("html") or {}
    docx = fmt.get("docx") or {}
    css = html.get("css") or []
    return Book(
        chapters=tuple(chapters),
        lua_filters=tuple(data.get("filters") or ()),
        reference_doc=docx.get("reference-doc", "templates/docx/reference.docx"),
        css=tuple([css] if isinstance(css, str) else css),
        toc_depth=int(html.get("toc-depth", 2)),
    )
