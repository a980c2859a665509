"""The report's metadata for the engines, from the data package's settings."""

from __future__ import annotations

import re
import unicodedata

from naravard.data.models import ReportSettings


def slug(text: str) -> str:
    """``'Uppföljning av …'`` -> ``'uppfoljning-av-…'`` for file names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def output_stem(settings: ReportSettings) -> str:
    """File name of the outputs: the title and the publication year."""
    return f"{slug(settings.title)}-{settings.publication_year}"


def metadata(settings: ReportSettings) -> dict:
    """Variables for the book's _metadata.yml (Quarto, and pandoc in the built-in engine)."""
    d = settings.published
    return {
        "title": settings.title,
        "title-plain": settings.title,
        "subtitle": settings.subtitle,
        "publisher": settings.publisher,
        "author": settings.publisher,
        "lang": settings.language,
        "date": d.isoformat(),
        "published": d.isoformat(),
        "published-year": d.year,
        "published-month": d.month,
        "published-day": d.day,
        "reference-year": settings.year,
        "article-number": settings.article_number,
        "description": f"{settings.title}. {settings.subtitle}. {settings.publisher} {d.year}.",
    }
