"""What templates see of the regions' examples and of facts from other sources.

In a template::

    {{ exempel.ruta("mobila_team") }}              a box "Exempel från regionerna"
    {{ exempel.stycke("mobila_team") }}            the statements as one paragraph
    {% for e in exempel("mobila_team") %}{{ e }}{% endfor %}
    {% if exempel.finns("mobila_team") %} … {% endif %}

    I IVO:s tillsyn brister {{ källfakta.ivo_brister | v }} av
    {{ källfakta.ivo_granskade | v }} ({{ andel(källfakta.ivo_brister, källfakta.ivo_granskade) | v }})
    {{ cite(källfakta.ivo_brister) }}.

Every number goes through the report's formatting and value marks, so it is in
values.json and ``naravard diff``; the statements' own words are data text and
are escaped for markdown (``_data_text``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.compose import api, blocks, marks
from naravard.text import escape
from naravard.text.escape import Markdown
from naravard.compose.registry import ComposeError
from naravard.data.examples import HOLE
from naravard.data.models import DataPackage, Example, ExampleNumber, SourceFact

EXAMPLE_KEY = "exempel"
FACT_KEY = "källfakta"


def _data_text(text: str) -> str:
    """Words from data placed in markdown, escaped (naravard.text.escape)."""
    return escape.markdown(text)


def _capitalize(text: str) -> str:
    return marks.capitalize(text)


def _value(q: Quantity) -> str:
    """A number in prose with its value mark: the template filter ``| värde``."""
    return api.värde(q)


def example_quantity(example: Example, number: ExampleNumber) -> Quantity:
    return Quantity(
        value=number.value,
        unit=number.unit,
        decimals=number.decimals,
        key=value_key(EXAMPLE_KEY, example.id, number.name),
        label=number.counts,
        sources=((number.source_file, number.source_row),),  # the example's own row is dims["example"]
        synthetic=number.synthetic or example.synthetic,
        dims={"example": example.id, "topic": example.topic, "area": example.area, "year": str(example.year)}
        | ({"noun": number.noun} if number.noun else {}),
        qualifier=number.qualifier,
    )


def fact_quantity(fact: SourceFact) -> Quantity:
    return Quantity(
        value=fact.value,
        unit=fact.unit,
        decimals=fact.decimals,
        key=value_key(FACT_KEY, fact.id),
        label=f"{fact.label} ({fact.year})",
        sources=((fact.source_file, fact.source_row),),
        synthetic=fact.synthetic,
        dims={"fact": fact.id, "year": str(fact.year), "reference": fact.reference} | ({"noun": fact.noun} if fact.noun else {}),
        qualifier=fact.qualifier,
    )


class PlacedExample:
    """One example as a template places it: ``{{ e }}`` is its statement, numbers marked."""

    def __init__(self, example: Example, package: DataPackage, cite: Callable[..., str]):
        self.example = example
        self._package = package
        self._cite = cite

    @property
    def level(self) -> str:
        return self.example.level

    @property
    def area(self) -> str:
        return self.example.area

    def names(self) -> dict[str, str]:
        """The name holes: {namn}, {län}, {i_län}, {år}."""
        e, cat = self.example, self._package.catalogue
        if e.level == "kommun":
            kommun = next(m for m in cat.municipalities if m.code == e.area)
            region = cat.region(kommun.county)
            name = kommun.name
        else:
            region = cat.region(e.area)
            name = region.region_name if e.level == "region" else f"RSS {region.county_locative}"
        return {"namn": name, "län": region.county_name, "i_län": region.county_locative, "år": str(e.year)}

    def __str__(self) -> str:
        e = self.example
        numbers = {n.name: n for n in e.numbers}
        names = self.names()
        out, last = [], 0
        for m in HOLE.finditer(e.statement):
            out.append(_data_text(e.statement[last : m.start()]))
            hole = m.group(1)
            out.append(_value(example_quantity(e, numbers[hole])) if hole in numbers else _data_text(names[hole]))
            last = m.end()
        tail = e.statement[last:]
        if e.reference:  # the citation goes before the closing full stop
            stripped = tail.rstrip()
            stop = stripped[-1:] if stripped[-1:] in ".!?" else ""
            out += [_data_text(stripped[: len(stripped) - len(stop)]), " ", self._cite(e.reference), _data_text(stop)]
        else:
            out.append(_data_text(tail))
        return _capitalize(Markdown("".join(str(o) for o in out).strip()))  # a statement is a sentence, even when it opens with {i_län}

    __html__ = __str__


class ExamplePlacer:
    """``exempel`` in templates: the package's curated examples by topic."""

    def __init__(self, package: DataPackage, cite: Callable[..., str], where: Callable[[], str]):
        self._package = package
        self._cite = cite
        self._where = where
        self.placed: dict[str, str] = {}  # example id -> template:line that placed it

    def _topic(self, topic: str) -> tuple[Example, ...]:
        if topic not in self._package.topics:
            known = ", ".join(sorted(self._package.topics)) or "none"
            raise ComposeError(f"{self._where()}: unknown topic {topic!r} (topics in the catalogue's topics.toml: {known})")
        return tuple(e for e in self._package.examples if e.topic == topic)

    def __call__(self, topic: str) -> tuple[PlacedExample, ...]:
        """The examples of *topic*, in the order of examples.csv; placing them marks them placed."""
        where = self._where()
        found = self._topic(topic)
        for e in found:
            self.placed.setdefault(e.id, where)
        return tuple(PlacedExample(e, self._package, self._cite) for e in found)

    def finns(self, topic: str) -> bool:
        """``{% if exempel.finns("mobila_team") %}``: the package has examples of the topic."""
        return bool(self._topic(topic))

    def antal(self, topic: str) -> int:
        return len(self._topic(topic))

    def stycke(self, topic: str) -> str:
        """The statements of *topic* as one paragraph ("" when there are none)."""
        return Markdown(" ").join(Markdown(str(e)) for e in self(topic))

    def ruta(self, topic: str, rubrik: str = "") -> str:
        """A box with the statements of *topic*, titled "Exempel från regionerna" (or from kommunerna …)."""
        placed = self(topic)
        if not placed:
            return ""
        title = rubrik or box_title({e.level for e in placed})
        return blocks.box_block(title, Markdown("\n\n").join(Markdown(str(e)) for e in placed), kind="examples")

    def unplaced(self) -> list[Example]:
        """Examples no template placed (the build warns about them)."""
        return [e for e in self._package.examples if e.id not in self.placed]


def unplaced_message(example: Example) -> str:
    return (
        f"example {example.id!r} is not placed by any template "
        f'(place its topic with {{{{ exempel.ruta("{example.topic}") }}}} or {{{{ exempel.stycke("{example.topic}") }}}})'
    )


def unplaced_warning(example: Example) -> str:
    return f"{example.source_file}, row {example.source_row}: {unplaced_message(example)}"


def box_title(levels: set[str]) -> str:
    """``Exempel från regionerna``; from kommuner and RSS ``… kommunerna``; both: ``… regioner och kommuner``."""
    regions = "region" in levels
    kommuner = bool(levels & {"kommun", "rss"})
    if regions and kommuner:
        return "Exempel från regioner och kommuner"
    return "Exempel från kommunerna" if kommuner else "Exempel från regionerna"


class SourceFacts(Mapping):
    """``källfakta.ivo_brister`` in templates: a value from facts.csv, printed with ``| v``."""

    def __init__(self, facts: Mapping[str, SourceFact], where: Callable[[], str]):
        self._facts = facts
        self._where = where

    def __getitem__(self, key: str) -> Quantity:
        if key not in self._facts:
            raise ComposeError(
                f"{self._where()}: no fact {key!r} in the package's facts.csv"
                f" (put the sentence inside {{% if källfakta.finns({key!r}) %}} … {{% endif %}} if it may be missing)"
            )
        return fact_quantity(self._facts[key])

    def __getattr__(self, key: str) -> Quantity:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def finns(self, *keys: str) -> bool:
        """``{% if källfakta.finns("ivo_brister", "ivo_granskade") %}``: the package has every one of them."""
        return all(k in self._facts for k in keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)


def share(part: Quantity, whole: Quantity, decimals: int = 0) -> Quantity:
    """``andel(a, b)``: *a* as a percentage of *b* (``40 av 43`` -> 93 procent), traced to both."""
    if not whole.value:
        raise ComposeError(f"andel(): {whole.key} is 0, so no share can be computed")
    return derived(
        100.0 * part.value / whole.value,
        value_key("andel", part.key, whole.key),
        unit="procent",
        decimals=decimals,
        inputs=(part, whole),
        label=f"{part.label} i procent av {whole.label}",
        dims={"part": part.key, "whole": whole.key},
    )
