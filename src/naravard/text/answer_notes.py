"""The notes under a survey question's table and figure, written from the answers.

A correction or a note on one region's answer lives on that answer's row in the
data package (``reported``, ``note``); the sentence that tells the reader about
it is made here from the row, so it always says what the row holds::

    Region Kalmar län angav antalet 179; tabellen räknar med 179 000. Socialstyrelsen bedömer …
    Region Värmland hade inte markerat specialistläkare i allmänmedicin och ST-läkare i
    allmänmedicin, vilket Socialstyrelsen har rättat. Rättelsen bygger på …
"""

from __future__ import annotations

from itertools import groupby

from naravard.analysis.survey import CANNOT, NOT_TICKED, Answer, RegionSurveyResult
from naravard.text import numbers
from naravard.text.phrases import join

_PLAIN = {"Ja": "ja", "Nej": "nej", "Delvis": "delvis"}  # answers that read as words; others are quoted


def answer_notes(result: RegionSurveyResult, year: int | None = None) -> list[str]:
    """One note per region whose answer (in *year*, default the report year) was corrected or carries a note."""
    q = result.question
    notes = []
    for _, group in groupby(result.noted(year), key=lambda oa: oa[1].region.code):
        group = list(group)
        region = group[0][1].region.region_name
        sentences = []
        corrected = [(o, a) for o, a in group if a.corrected]
        if corrected:
            sentences.append(_correction(region, q, corrected))
        for note in dict.fromkeys(a.note for _, a in group if a.note):
            sentences.append(note if corrected else f"{region}: {note}")
        notes.append(" ".join(_sentence(s) for s in sentences))
    return notes


def notes_text(result: RegionSurveyResult, year: int | None = None) -> str:
    """:func:`answer_notes` as one paragraph (a figure's note)."""
    return " ".join(answer_notes(result, year))


def _correction(region: str, q, corrected: list[tuple[str, Answer]]) -> str:
    if q.kind in ("percent", "count"):
        _, a = corrected[0]
        return f"{region} angav {_said(q.kind, a.reported, a.reported_number)}; tabellen räknar med {_counted(q.kind, a.answer, a.number)}"
    if q.kind == "ticked":
        parts = []
        for reported, items in groupby(corrected, key=lambda oa: oa[1].reported):
            labels = join(_label(q, o) for o, _ in items)
            parts.append(f"hade inte markerat {labels}" if reported == NOT_TICKED else f"hade markerat {labels}")
        return f"{region} {join(parts)}, vilket Socialstyrelsen har rättat"
    parts = []
    for o, a in corrected:
        where = f" för {_label(q, o)}" if o else ""
        parts.append(f"svarade {_word(a.reported)}{where}, vilket Socialstyrelsen har rättat till {_word(a.answer)}")
    return f"{region} {join(parts)}"


def _said(kind: str, answer: str, number: float | None) -> str:
    noun = "andelen" if kind == "percent" else "antalet"
    if number is None or answer == CANNOT:
        return f"att {noun} inte kan uppskattas"
    return f"{noun} {_number(kind, number)}"


def _counted(kind: str, answer: str, number: float | None) -> str:
    if number is None or answer == CANNOT:
        return "att " + ("andelen" if kind == "percent" else "antalet") + " inte kan uppskattas"
    return _number(kind, number)


def _number(kind: str, number: float) -> str:
    return numbers.percent(number) if kind == "percent" else numbers.count(int(round(number)))


def _word(answer: str) -> str:
    return _PLAIN.get(answer, f"”{answer}”")


def _label(q, option: str) -> str:
    """An option's label inside a sentence: lower-case first letter unless it is an abbreviation ("ST-läkare")."""
    label = q.option(option).label
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."

