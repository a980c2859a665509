"""Numbering of figures and tables, and references to them.

Figures and numbered tables are Quarto cross-reference targets (``#fig-…``,
``#tbl-…``) and references in prose are Quarto's (``@fig-…``, ``@Fig-…`` at a
sentence start). Quarto numbers them when it renders, the Lua filter does the
same for the built-in engine, both in document order; :meth:`Registry.number`
gives the specs the same numbers, for the values manifest, ``check`` and the
figure data, so "Figur 12" is the same everywhere.

Templates write references as placeholders that are resolved after every
chapter is composed, so a reference can come before the figure and can never
point at the wrong one: a reference to a figure that is never placed stops the
build with the template and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from naravard.tables.spec import TableSpec
from naravard.errors import NaravardError
from naravard.figures.spec import FigureSpec
from naravard.text.escape import Markdown

_REF = re.compile(r"⟦(figur|tabell):([a-z0-9_\-]+):([a-z]+)⟧")
_TARGET = re.compile(r"^::: \{#((?:fig|tbl)-[a-z0-9\-]+)[ }]", re.M)  # a cross-reference target's fence
_CITE = re.compile(r"(?<![\w@\\])@((?:[Ff]ig|[Tt]bl)-[a-z0-9\-]*[a-z0-9])")


@dataclass(frozen=True)
class Location:
    """A place in the templates: ``Location("templates/chapters/04-samverkan.qmd.j2", 37)``; line 0 when unknown."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


class ComposeError(NaravardError):
    """A template that cannot be composed; *location* says where, for messages and ``naravard check``."""

    def __init__(self, message: str, location: Location | None = None):
        super().__init__(f"{location}: {message}" if location else message)
        self.location = location
        self.reason = message


@dataclass
class Registry:
    figures: list[FigureSpec] = field(default_factory=list)
    tables: list[TableSpec] = field(default_factory=list)
    _figure_keys: dict[str, FigureSpec] = field(default_factory=dict)
    _table_keys: dict[str, TableSpec] = field(default_factory=dict)
    where: dict[str, Location] = field(default_factory=dict)  # "figur:key" -> the template line that placed it

    def place_figure(self, spec: FigureSpec, where: Location | None = None) -> FigureSpec:
        if spec.key in self._figure_keys:
            raise ComposeError(f"figure {spec.key!r} is placed twice (first at {self.where.get('figur:' + spec.key)})", where)
        clash = next((f for f in self.figures if f.anchor == spec.anchor), None)
        if clash is not None:
            raise ComposeError(f"figure keys {clash.key!r} and {spec.key!r} give the same id {spec.anchor!r}", where)
        spec.number = len(self.figures) + 1
        self.figures.append(spec)
        self._figure_keys[spec.key] = spec
        self.where["figur:" + spec.key] = where
        return spec

    def place_table(self, spec: TableSpec, where: Location | None = None) -> TableSpec:
        if spec.key in self._table_keys:
            raise ComposeError(f"table {spec.key!r} is placed twice", where)
        if spec.numbered:
            spec.number = 1 + sum(1 for t in self.tables if t.numbered)
        self.tables.append(spec)
        self._table_keys[spec.key] = spec
        self.where["tabell:" + spec.key] = where
        return spec

    referenced: dict[tuple[str, str], Location] = field(default_factory=dict)  # (kind, key) -> first template line that refers to it

    def ref(self, kind: str, key: str, case: str = "lower", where: Location | None = None) -> str:
        """A placeholder for "figur 21", resolved once every figure has its number."""
        if where is not None:
            self.referenced.setdefault((kind, key), where)
        return Markdown(f"⟦{kind}:{key}:{case}⟧")  # ⟦ ⟧: escaping writes them as entities, so data cannot spell one

    def resolve(self, text: str, source: str) -> str:
        """Replace reference placeholders in *text*, the composed chapter made from the template *source*,
        with Quarto references."""

        def sub(m: re.Match) -> str:
            kind, key, case = m.groups()
            spec = (self._figure_keys if kind == "figur" else self._table_keys).get(key)
            if spec is None or spec.number is None:
                raise ComposeError(
                    f"reference to {kind} {key!r}, which is not placed in the report "
                    f"(place it with {{{{ fig... }}}} or remove the reference)",
                    self.referenced.get((kind, key), Location(source)),
                )
            ident = spec.anchor
            return "@" + (ident[0].upper() + ident[1:] if case == "upper" else ident)

        return _REF.sub(sub, text)

    def number(self, chapters: list[str]) -> None:
        """Number figures and numbered tables in the order their blocks stand in *chapters*
        (the composed chapters in book order), as Quarto and the Lua filter do."""
        order = [m.group(1) for text in chapters for m in _TARGET.finditer(text)]
        for specs, prefix in ((self.figures, "fig-"), ([t for t in self.tables if t.numbered], "tbl-")):
            targets = [ident for ident in order if ident.startswith(prefix)]
            position = {ident: i for i, ident in enumerate(targets, 1)}
            for spec in specs:
                if spec.anchor not in position:
                    raise ComposeError(
                        f"{spec.key!r} is placed but its block is not in the text (was it rendered inside a {{% set %}} block?)",
                        self.where.get(("figur:" if prefix == "fig-" else "tabell:") + spec.key),
                    )
                spec.number = position[spec.anchor]
            specs.sort(key=lambda spec: spec.number)

    def spelled(self, text: str) -> str:
        """*text* with ``@fig-…``/``@tbl-…`` written out as the reader sees them ("figur 12")."""

        def sub(m: re.Match) -> str:
            ident = m.group(1)
            spec = self._by_anchor().get(ident.lower())
            if spec is None:
                return m.group(0)
            word = "figur" if ident.lower().startswith("fig-") else "tabell"
            return f"{word.capitalize() if ident[0].isupper() else word} {spec.number}"

        return _CITE.sub(sub, text)

    def _by_anchor(self) -> dict:
        return {s.anchor: s for s in (*self.figures, *self.tables)}
