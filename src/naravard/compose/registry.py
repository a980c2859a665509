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
from naravard.text.escape import Markdown

_REF = re.compile(r"⟦(figur|tabell):([a-z0-9_\-]+):([a-z]+)⟧")


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
        """Replace reference placeholders in *text*, the composed chapter made from the template *source*."""

        def sub(m: re.Match) -> str:
            kind, key, case = m.groups()
            spec = (self._figure_keys if kind == "figur" else self._table_keys).get(key)
            if spec is None or spec.number is None:
                raise ComposeError(
                    f"reference to {kind} {key!r}, which is not placed in the report "
                    f"(place it with {{{{ fig... }}}} or remove the reference)",
                    self.referenced.get((kind, key), Location(source)),
                )
            word = kind if case == "lower" else kind.capitalize()
            return f"[{word} {spec.number}](#{spec.anchor})"

        return _REF.sub(sub, text)
