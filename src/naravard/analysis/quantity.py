"""A number the report may print, with where it came from.

Every value that reaches prose, a table, a figure or an alt text is a
:class:`Quantity`. It carries a stable key (so two builds can be compared value
by value), its unit and print precision, and the data rows it was computed
from. Formatting it is the text stage's job; the manifest of printed values is
built from the same objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SourceRef = tuple[str, int]  # (file relative to the data package, spreadsheet row)


def value_key(*parts: object) -> str:
    """A value's stable id from its dimensions: ``value_key("indikator", "x", 2024, "00", "totalt")``.

    The one place a key is spelled. A key is an id to compare two builds by, never
    parsed: code that needs a value's indicator, year or area reads ``Quantity.dims``.
    """
    return "/".join(str(p) for p in parts)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # key into naravard.text.units.UNITS
    decimals: int
    key: str  # stable id, e.g. "indikator/oplanerade_aterinskrivningar/2024/00/totalt"
    label: str = ""  # what it is, in Swedish, for reviewers
    sources: tuple[SourceRef, ...] = ()
    synthetic: bool = False
    dims: Mapping[str, str] = field(default_factory=dict)
    shown: str = ""  # what a reader sees when it is not the number itself: a survey answer ("Nej")
    computed: bool = False  # made by derived(): a difference, mean, count … rather than a value read from a row
    qualifier: str = ""  # how exact the source is: "cirka", "knappt", "minst" … printed before the number in prose

    def __post_init__(self) -> None:
        if self.value != self.value:  # NaN
            raise ValueError(f"Quantity {self.key} has no value")


def derived(
    value: float,
    key: str,
    *,
    unit: str,
    decimals: int,
    inputs: Iterable[Quantity],
    label: str = "",
    dims: Mapping[str, str] | None = None,
) -> Quantity:
    inputs = tuple(inputs)
    sources: list[SourceRef] = []
    for q in inputs:
        sources.extend(s for s in q.sources if s not in sources)
    return Quantity(
        value=float(value),
        unit=unit,
        decimals=decimals,
        key=key,
        label=label,
        sources=tuple(sources),
        synthetic=any(q.synthetic for q in inputs),
        dims=dims or {},
        computed=True,
    )


def count_quantity(n: int, key: str, *, label: str = "", sources: Iterable[SourceRef] = (), synthetic=False, dims=None) -> Quantity:
    return Quantity(
        value=float(n),
        unit="antal",
        decimals=0,
        key=key,
        label=label,
        sources=tuple(sources),
        synthetic=synthetic,
        dims=dims or {},
    )
