"""The Jinja environment the chapter templates are rendered in.

Numbers reach prose only through the filters below. Each filter marks its
output with the keys of the values it printed (``[8,9 procent]{.nv-value
key="…"}``), which HTML keeps as ``data-key`` and the values manifest reads;
PDF and DOCX print the text alone. A bare Quantity in a template is an error:
it must be formatted by a filter, so its form is the report's form.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from naravard.analysis.quantity import Quantity
from naravard.compose import blocks
from naravard.compose.context import template_location
from naravard.compose.registry import ComposeError
from naravard.text import answer_notes, dates, numbers, phrases, words
from naravard.text.trace import collect


def _marked(fn):
    """Wrap a phrase function so its output carries the keys of the values it printed."""

    def filter_(*args, **kwargs):
        with collect() as sink:
            text = fn(*args, **kwargs)
        if not sink:
            return text
        keys = " ".join(dict.fromkeys(p.quantity.key for p in sink))
        return f'[{text}]{{.nv-value key="{blocks.attr(keys)}"}}'

    filter_.__name__ = fn.__name__
    filter_.__doc__ = fn.__doc__
    return filter_


def capitalize(text: str) -> str:
    """Upper-case the first letter, also inside a value mark (``[nästan …]{…}``)."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch.isdigit():  # "4 av 5 län" starts with its number
            return text
    return text


FILTERS = {
    # values
    "v": _marked(phrases.value),
    "short": _marked(phrases.short_value),
    "num": _marked(phrases.bare),
    "diff": _marked(phrases.difference),
    # changes
    "change": _marked(phrases.change),
    "change_short": phrases.change_short,
    "assessment": phrases.assessment,
    "change_size": _marked(phrases.change_size),
    # regions
    "extremes": _marked(phrases.extremes),
    "numeric_extremes": _marked(phrases.numeric_extremes),
    "region": phrases.region_name,
    "region_in": phrases.region_in,
    "regions_in": phrases.regions_in,
    "missing_regions": phrases.missing_regions,
    "counties": phrases.counties,  # several län, "län" once: {{ method.deepening_study.counties | counties }}
    "exclusion_note": phrases.exclusion_note,
    # counts
    "count_of": _marked(phrases.count_of),
    "quantified": _marked(phrases.quantified),
    "quantifier": phrases.quantifier,
    # sex
    "sex_gap": _marked(phrases.sex_gap),
    # survey answers: the notes on corrected or annotated answers, from their rows ({{ q | answer_notes }})
    "answer_notes": answer_notes.notes_text,
    # text
    "join": phrases.join,
    "capitalize": capitalize,
    "cap": capitalize,
    "year_span": numbers.year_span,
    "md": blocks.inline,
    "long_date": dates.long_date,
    "month_year": dates.month_year,
}


def _finalize(value):
    if isinstance(value, Quantity):
        raise ComposeError(
            f"{template_location()}: a value ({value.key}) is printed without a format; "
            "use a filter such as | v, | short or | num"
        )
    if isinstance(value, float):
        raise ComposeError(f"{template_location()}: a bare number ({value!r}) is printed; format it with a filter")
    return value


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is markdown, not HTML
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.filters.update(FILTERS)
    env.globals.update(
        box_block=blocks.box_block,
        quantifier_for=phrases.quantifier,
        # small counts in words ("två påminnelser", "tredje gången", "i augusti")
        in_words=words.number_word,
        ordinal=words.ordinal_word,
        month_name=dates.month_name,
    )
    return env
