"""Corrections of and notes on single survey answers: ``survey_regions``' optional
``reported`` and ``note`` columns.

A note that states a fact about an answer ("one region gave 179; 179 000 is
meant") lives on the row it explains, so the note under a table is written from
the rows and can never disagree with them:

* ``answer`` is what the report counts (Socialstyrelsen's corrected answer);
* ``reported`` is what the region itself answered, only when it differs;
* ``note`` says why (free Swedish text, a sentence), or anything else the table
  should say about this answer.

The rules here run after :func:`naravard.data.validation.normalise_region_answers`.
"""

from __future__ import annotations

import re

import pandas as pd

from naravard.data.problems import Problem, error, warning
from naravard.data.tables import BAD
from naravard.data.validation import REPORTED_RAW, SEP, Context, _allowed_text, per_row

_NUMBER_IN_TEXT = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")


def check_corrections(df: pd.DataFrame, ctx: Context) -> list[Problem]:
    """``reported`` must be an allowed answer that differs from ``answer``; a note must not repeat the row's values."""
    if "reported" not in df.columns and "note" not in df.columns:
        return []
    questions = {k: q for k, q in ctx.catalogue.questions.items() if q.respondent == "region"}
    ok = ~df[BAD] & df["question"].isin(list(questions))
    problems: list[Problem] = []
    if "reported" in df.columns and REPORTED_RAW in df.columns:
        written = df[REPORTED_RAW].ne("")
        allowed = {f"{q.id}{SEP}{a}" for q in questions.values() for a in q.answers}
        numeric = df["question"].map({q.id: q.kind in ("percent", "count") for q in questions.values()}).fillna(False).astype(bool)
        valid = (df["question"] + SEP + df["reported"]).isin(allowed) | (numeric & df["reported_number"].notna())
        wrong = ok & written & ~valid
        problems += per_row(
            df,
            wrong,
            lambda r: error(
                r["source_file"], int(r["source_row"]), "reported",
                f"question {r['question']}: {r[REPORTED_RAW]!r} is not an allowed answer",
                _allowed_text(questions[r["question"]]) + " (what the region answered, when the answer column holds the correction)",
            ),
        )
        same_number = df["reported_number"].notna() & df["number"].eq(df["reported_number"])
        same_text = df["reported_number"].isna() & df["reported"].eq(df["answer"])
        same = ok & written & valid & (same_number | same_text)
        problems += per_row(
            df,
            same,
            lambda r: warning(
                r["source_file"], int(r["source_row"]), "reported",
                f"question {r['question']}: reported {r[REPORTED_RAW]!r} is the same as the answer",
                "an empty cell unless Socialstyrelsen corrected the answer",
            ),
        )
    if "note" in df.columns:
        noted = ok & df["note"].ne("")
        for _, r in df.loc[noted].iterrows():
            repeated = _repeated_value(r["note"], (r["number"], r.get("reported_number")))
            if repeated:
                problems.append(
                    warning(
                        r["source_file"], int(r["source_row"]), "note",
                        f"question {r['question']}: the note repeats the value {repeated}, which the report prints from the row",
                        "a note that says why, without the row's numbers (they are printed beside it)",
                    )
                )
    return problems


def _repeated_value(note: str, values: tuple) -> str:
    """The first number in *note* that equals one of the row's *values* ('' when none)."""
    wanted = {float(v) for v in values if v is not None and v == v}
    for m in _NUMBER_IN_TEXT.finditer(note):
        text = m.group(0)
        number = float(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))
        if number in wanted:
            return text
    return ""
