"""Alt texts that state a figure's finding briefly; the values are in the data table beside it.

A screen reader reads an alt text in one go, so it says what kind of chart it
is, what it shows and what the chart is there to show, in about 300
characters. Every value stays available in the figure's data table (HTML)
and its CSV.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

LIMIT = 300


def within(lead: str, *sentences: str, limit: int = LIMIT) -> str:
    """*lead* always, then each of *sentences* (in order of importance) that still fits."""
    text = lead.strip()
    for sentence in sentences:
        sentence = sentence.strip()
        if sentence and len(text) + 1 + len(sentence) <= limit:
            text += " " + sentence
    return text


def in_sentence(label: str) -> str:
    """A label inside a sentence: lower-case first letter, unless it starts an abbreviation ("ST-läkare", "SIP")."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def extremes(items: Sequence[tuple[str, float]], show: Callable[[float], str], *, high: str = "högst", low: str = "lägst") -> str:
    """"högst för A (93 procent), lägst för B och C (9 procent)": compared as
    printed, ties named together; items are (label, value)."""
    if not items:
        return ""
    from naravard.text import phrases

    printed = [(label, show(v), v) for label, v in items]
    top = max(v for *_x, v in printed)
    bottom = min(v for *_x, v in printed)

    def named(target: float) -> str:
        shown = show(target)
        labels = [in_sentence(label) for label, s, _v in printed if s == shown]
        return f"{phrases.join(labels)} ({shown})"

    if show(top) == show(bottom):
        return f"lika för alla ({show(top)})"
    return f"{high} för {named(top)}, {low} för {named(bottom)}"
