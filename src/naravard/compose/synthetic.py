"""Values that rest on synthetic (illustrative) rows: counted, announced on the cover and colophon.

A data package marks generated rows ``synthetic = true``. A report built from
it must not pass for published statistics: the cover and the colophon say so
(``{{ syntetiska_uppgifter() }}`` in ``index.qmd.j2``), values.json counts the
values and the files they come from, and ``naravard build --strict`` (or
``strict = true`` in report.toml) refuses to publish such a report.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from naravard.analysis.quantity import Quantity
from naravard.text.numbers import number

NOTICE = "⟦syntetiska-uppgifter:{where}⟧"
PLACES = ("omslag", "kolofon")


@dataclass(frozen=True)
class SyntheticSummary:
    values: int  # printed values that rest on at least one synthetic row
    total: int  # printed values
    rows: dict[str, int] = field(default_factory=dict)  # file -> synthetic rows behind printed values
    what: dict[str, list[str]] = field(default_factory=dict)  # file -> indicators/questions concerned

    @property
    def any(self) -> bool:
        return self.values > 0

    def to_json(self) -> dict:
        return {
            "values": self.values,
            "of": self.total,
            "sources": [{"file": f, "rows": n, "about": self.what.get(f, [])} for f, n in sorted(self.rows.items())],
        }

    def brief(self, limit: int = 6) -> str:
        """Where the synthetic values come from, one line per file."""
        lines = []
        for file, n in sorted(self.rows.items()):
            about = self.what.get(file, [])
            shown = ", ".join(about[:limit]) + (f" and {len(about) - limit} more" if len(about) > limit else "")
            lines.append(f"  {file}: {n} synthetic row{'s' if n != 1 else ''}" + (f" ({shown})" if shown else ""))
        return "\n".join(lines)


def summarise(quantities: Iterable[Quantity], synthetic_rows: Collection[tuple[str, int]], about: dict[tuple[str, int], str]) -> SyntheticSummary:
    """Count the printed *quantities* resting on a synthetic row.

    A derived value keeps every row it was computed from but only whether any
    of them was synthetic; *synthetic_rows* (from the package) says which.
    """
    distinct = {q.key: q for q in quantities}
    values, rows = 0, set()
    for q in distinct.values():
        if not q.synthetic:
            continue
        values += 1
        rows.update(s for s in q.sources if s in synthetic_rows)
    per_file: dict[str, int] = {}
    what: dict[str, set[str]] = {}
    for file, row in rows:
        per_file[file] = per_file.get(file, 0) + 1
        if (file, row) in about:
            what.setdefault(file, set()).add(about[(file, row)])
    return SyntheticSummary(values, len(distinct), per_file, {f: sorted(v) for f, v in what.items()})


def notice(summary: SyntheticSummary, where: str) -> str:
    """The Swedish notice for the cover (``omslag``) or the colophon (``kolofon``); "" without synthetic values."""
    if not summary.any:
        return ""
    if where == "omslag":
        return "::: {.nv-synthetic custom-style=\"Rapportundertitel\"}\nUtkast med syntetiska uppgifter – inte för publicering\n:::\n"
    return (
        "::: {.nv-synthetic}\n"
        f"**Rapporten innehåller syntetiska uppgifter.** Av de {number(summary.total, 0)} värden som redovisas "
        f"bygger {number(summary.values, 0)} helt eller delvis på syntetiska data, som tagits fram för att visa "
        "rapportens utformning. De är inte publicerad statistik. I filen values.json är varje sådant värde "
        "markerat.\n:::\n"
    )
