"""The report's metadata for the engines, from the data package's settings."""

from __future__ import annotations

import re
import unicodedata

from naravard.data.models import ReportSettings
from naravard.text import escape


MAX_SLUG = 120  # file systems allow 255 bytes a name; this leaves room for the year, suffix and backups
FALLBACK_STEM = "rapport"


def slug(text: str, limit: int = MAX_SLUG) -> str:
    """``'Uppföljning av …'`` -> ``'uppfoljning-av-…'`` for file names: ASCII
    letters and digits, at most *limit* characters, cut between words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(out) > limit:
        out = out[:limit + 1].rsplit("-", 1)[0] if "-" in out[:limit + 1] else out[:limit]
    return out.strip("-")


def output_stem(settings: ReportSettings) -> str:
    """File name of the outputs: the title and the publication year
    (``rapport-2025`` for a title with no Latin letters)."""
    return f"{slug(settings.title) or FALLBACK_STEM}-{settings.publication_year}"


def metadata(settings: ReportSettings) -> dict:
    """Variables for the book's _metadata.yml (Quarto, and pandoc in the built-in engine).

    Pandoc reads metadata strings as markdown, so every text is escaped for it;
    the Typst templates get the texts as Typst strings (``*-typst``), never as markup.
    """
    d = settings.published
    md = escape.pandoc_metadata
    description = f"{settings.title}. {settings.subtitle}. {settings.publisher} {d.year}."
    return {
        "title": md(settings.title),
        "title-plain": md(settings.title),
        "subtitle": md(settings.subtitle),
        "publisher": md(settings.publisher),
        "author": md(settings.publisher),
        "lang": md(settings.language),
        "date": d.isoformat(),
        "published": d.isoformat(),
        "published-year": d.year,
        "published-month": d.month,
        "published-day": d.day,
        "reference-year": settings.year,
        "article-number": md(settings.article_number),
        "description": md(description),
        "publisher-attribute": escape.html_attribute_metadata(settings.publisher),
        "description-attribute": escape.html_attribute_metadata(description),
        "title-typst": escape.typst_metadata(settings.title),
        "subtitle-typst": escape.typst_metadata(settings.subtitle),
        "publisher-typst": escape.typst_metadata(settings.publisher),
        "lang-typst": escape.typst_metadata(settings.language),
    }
