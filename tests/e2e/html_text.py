"""Reading the built HTML as a reader sees it, for the chapter tests."""

from __future__ import annotations

import html as htmllib
import re


def visible_text(fragment: str, *, figure_data: bool = False, tidy: bool = False) -> str:
    """Text with tags removed, entities decoded, no-break spaces plain and white space collapsed.

    *figure_data*: keep the data tables folded under each figure (left out by default).
    *tidy*: no space before closing punctuation or after "(" (value marks are spans).
    """
    if not figure_data:
        fragment = re.sub(r"<details.*?</details>", " ", fragment, flags=re.S)
    plain = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\u00a0", " ").split())
    return re.sub(r" ([.,;:)])", r"\1", plain).replace("( ", "(") if tidy else plain


def chapter_html(page: str, title: str) -> str:
    """One chapter's HTML: from the h1 with *title* to the next h1."""
    start = next(m.start() for m in re.finditer(r"<h1[^>]*>(.*?)</h1>", page, flags=re.S) if visible_text(m.group(1)) == title)
    end = page.find("<h1", start + 1)
    return page[start : end if end != -1 else len(page)]


def headings(fragment: str, level: int) -> list[str]:
    return [visible_text(h) for h in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", fragment, flags=re.S)]


def captions(fragment: str, *, numbered: bool = True) -> list[str]:
    """Figure captions, "Figur 12. Titel" (or only the title)."""
    found = [visible_text(c) for c in re.findall(r'<div class="nv-figure-title"[^>]*>(.*?)</div>', fragment, flags=re.S)]
    return found if numbered else [re.sub(r"^Figur \d+\. ", "", c) for c in found]
