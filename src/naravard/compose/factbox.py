"""Bilaga 2's fact box per kärnindikator: labelled lines filled from the catalogue.

The labels are the edition's; the texts come from ``Indicator`` (nyckelord,
the definition valid for the report year, focus, delområde, berörda
verksamheter, källa), so the box and Tabell 1 can never disagree.
"""

from __future__ import annotations

from naravard.compose.blocks import inline
from naravard.text.escape import Markdown
from naravard.analysis.keywords import keyword_usage, used_keywords, vocabulary
from naravard.data.models import Catalogue, Indicator

LABEL_KEYWORDS = "Mål för god och nära vård, nyckelord:"
LABEL_MEASURE = "Mått:"
LABEL_FOCUS = "Fokus:"
LABEL_SUBAREA = "Delområde:"
LABEL_SERVICES = "Berörda verksamheter:"
LABEL_SOURCE = "Källa:"
LABEL_CHANGE = "Ändrat mått:"

BOX_TITLE = "Om indikatorn"


def changed_indicators(catalogue: Catalogue, year: int) -> list[Indicator]:
    """Kärnindikatorer (Tabell 1 order) whose measure changed in *year*."""
    return [i for i in catalogue.core_indicators if i.changed_in(year) is not None]


def source_text(indicator: Indicator) -> str:
    """``'Patientregistret, Socialstyrelsen'`` (the source line without "Källa:" and period)."""
    return indicator.source_line.removeprefix("Källa: ").removesuffix(".")


def fact_rows(indicator: Indicator, year: int) -> list[tuple[str, str]]:
    """(label, text) per line of the box; Fokus and Delområde only when set."""
    definition = indicator.definition_for(year)
    rows = [
        (LABEL_KEYWORDS, ", ".join(indicator.keywords)),
        (LABEL_MEASURE, definition.text),
    ]
    if indicator.focus:
        rows.append((LABEL_FOCUS, indicator.focus))
    if indicator.subarea:
        rows.append((LABEL_SUBAREA, indicator.subarea))
    rows.append((LABEL_SERVICES, indicator.services))
    rows.append((LABEL_SOURCE, source_text(indicator)))
    changed = indicator.changed_in(year)
    if changed is not None and changed.note:
        rows.append((LABEL_CHANGE, changed.note))
    return rows


def fact_box_body(indicator: Indicator, year: int) -> Markdown:
    """Markdown for the box body: one paragraph per line, the label in bold."""
    return Markdown("\n\n").join(Markdown(f"**{inline(label)}** {inline(text)}") for label, text in fact_rows(indicator, year) if text)


class FactBoxes:
    """``facts`` in templates: the Bilaga 2 boxes and the keyword facts for one report year."""

    def __init__(self, catalogue: Catalogue, year: int):
        self._catalogue = catalogue
        self.year = year
        self.title = BOX_TITLE

    def body(self, indicator: Indicator) -> str:
        return fact_box_body(indicator, self.year)

    def changed(self) -> list[Indicator]:
        return changed_indicators(self._catalogue, self.year)

    def vocabulary(self) -> list[str]:
        return vocabulary(self._catalogue)

    def used(self) -> list[str]:
        return used_keywords(self._catalogue)

    def unused(self) -> list[str]:
        used = set(used_keywords(self._catalogue))
        return [k for k in vocabulary(self._catalogue) if k not in used]

    def usage(self) -> list[tuple[str, list[Indicator]]]:
        return keyword_usage(self._catalogue)

    def producers(self) -> list[str]:
        """Producers of the kärnindikatorernas data, in Tabell 1 order."""
        return list(dict.fromkeys(i.producer for i in self._catalogue.core_indicators if i.producer))
