"""Numbering of figures and tables, and references to them.

Numbers are given when a figure or table is *placed* in the text, in the order
of the chapters, so they are the same in HTML, PDF and DOCX whichever engine
renders them. References in prose ("figur 21") are written as placeholders and
resolved after every chapter is composed, so a reference can come before the
figure and can never point at the wrong one: a reference to a figure that is
never placed stops the build with the template and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from naravard.tables.spec import TableSpec
from naravard.errors import NaravardError
from naravard.figures.spec import FigureSpec

_REF = re.compile(r"⟦(figur|tabell):([a-z0-9_\-]+):([a-z]+)⟧")


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
        """Replace reference placeholders in *text* (from *source*, for messages)."""

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
            word = kind if case == "lower" else kind.capitalize()
            return f"[{word} {spec.number}](#{spec.anchor})"

        return _REF.sub(sub, text)
