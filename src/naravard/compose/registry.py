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

_REF = re.compile(r"⟦(figur|tabell):([a-z0-9_\-]+):([a-z]+)⟧")
_TARGET = re.compile(r"^::: \{#((?:fig|tbl)-[a-z0-9\-]+)[ }]", re.M)  # a cross-reference target's fence
_CITE = re.compile(r"(?<![\w@])@((?:[Ff]ig|[Tt]bl)-[a-z0-9\-]*[a-z0-9])")


class ComposeError(NaravardError):
    def __init__(self, message: str, composed_line: str = ""):
        super().__init__(message)
        self.composed_line = composed_line  # the generated line it concerns, to find its template line


@dataclass
class Registry:
    figures: list[FigureSpec] = field(default_factory=list)
    tables: list[TableSpec] = field(default_factory=list)
    _figure_keys: dict[str, FigureSpec] = field(default_factory=dict)
    _table_keys: dict[str, TableSpec] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)  # key -> "template:line" of placement

    def place_figure(self, spec: FigureSpec, where: str = "") -> FigureSpec:
        if spec.key in self._figure_keys:
            raise ComposeError(f"{where}: figure {spec.key!r} is placed twice (first at {self.where.get('figur:' + spec.key)})")
        clash = next((f for f in self.figures if f.anchor == spec.anchor), None)
        if clash is not None:
            raise ComposeError(f"{where}: figure keys {clash.key!r} and {spec.key!r} give the same id {spec.anchor!r}")
        spec.number = len(self.figures) + 1
        self.figures.append(spec)
        self._figure_keys[spec.key] = spec
        self.where["figur:" + spec.key] = where
        return spec

    def place_table(self, spec: TableSpec, where: str = "") -> TableSpec:
        if spec.key in self._table_keys:
            raise ComposeError(f"{where}: table {spec.key!r} is placed twice")
        if spec.numbered:
            spec.number = 1 + sum(1 for t in self.tables if t.numbered)
        self.tables.append(spec)
        self._table_keys[spec.key] = spec
        self.where["tabell:" + spec.key] = where
        return spec

    @staticmethod
    def ref(kind: str, key: str, case: str = "lower") -> str:
        return f"⟦{kind}:{key}:{case}⟧"

    def resolve(self, text: str, source: str) -> str:
        """Replace reference placeholders in *text* (from *source*, for messages) with Quarto references."""

        def sub(m: re.Match) -> str:
            kind, key, case = m.groups()
            spec = (self._figure_keys if kind == "figur" else self._table_keys).get(key)
            if spec is None or spec.number is None:
                line = text.count("\n", 0, m.start()) + 1
                raise ComposeError(
                    f"{source}, line {line}: reference to {kind} {key!r}, which is not placed in the report "
                    f"(place it with {{{{ fig... }}}} or remove the reference)",
                    composed_line=text.split("\n")[line - 1],
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
                        f"{self.where.get(('figur:' if prefix == 'fig-' else 'tabell:') + spec.key, '(template)')}: "
                        f"{spec.key!r} is placed but its block is not in the text (was it rendered inside a {{% set %}} block?)"
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
