"""Which values went into a piece of text.

The phrase functions report every Quantity they print here. The compose stage
wraps each filter call in :func:`collect`, so a sentence in the generated
report knows the values it states (for the values manifest and `naravard diff`).
Outside a :func:`collect` block, reporting costs nothing.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from naravard.analysis.quantity import Quantity


@dataclass(frozen=True)
class Printed:
    quantity: Quantity
    text: str  # the characters printed for it


_current: contextvars.ContextVar[list[Printed] | None] = contextvars.ContextVar("naravard_printed", default=None)


def printed(quantity: Quantity, text: str) -> str:
    """Report that *quantity* was printed as *text*; returns *text*."""
    sink = _current.get()
    if sink is not None:
        sink.append(Printed(quantity, text))
    return text


@contextmanager
def collect() -> Iterator[list[Printed]]:
    sink: list[Printed] = []
    token = _current.set(sink)
    try:
        yield sink
    finally:
        _current.reset(token)
        outer = _current.get()
        if outer is not None:  # nested collections also count for the outer one
            outer.extend(sink)
