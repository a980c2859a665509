"""Small numbers in words, as Swedish prose writes them: "två påminnelser", "tredje gången"."""

from __future__ import annotations

NUMBER_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")
ORDINAL_WORDS = ("", "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde")


def number_word(n: int) -> str:
    """``'två'`` for 2; numbers above twelve as digits (Språkrådet's rule of thumb)."""
    n = int(n)
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def ordinal_word(n: int) -> str:
    """``'tredje'`` for 3; above ten ``'11:e'``."""
    n = int(n)
    return ORDINAL_WORDS[n] if 0 < n < len(ORDINAL_WORDS) else f"{n}:e"
