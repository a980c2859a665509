"""Facts from other sources (``facts.csv``) and survey answers left out of comparisons (``exclusions.csv``).

``facts.csv``: one number per row that the report takes from another source
(IVO's supervision, Vårdanalys' population panel …), with its unit, what it is,
the year it describes and the reference it comes from::

    id, value, unit, label, year, reference, noun, qualifier, decimals, synthetic

``exclusions.csv``: region answers that figures and region-by-region
comparisons leave out, with the reason the figure's note prints::

    question, option, year, area, reason
"""

from __future__ import annotations

import pandas as pd

from naravard.data.models import Exclusion, References, SourceFact
from naravard.data.problems import Problem, error
from naravard.data.row_checks import (
    check_id,
    check_qualifier,
    check_reference,
    check_unit,
    check_year,
    required_text,
    rows,
    text,
    value_and_decimals,
)
from naravard.data.tables import TableSpec
from naravard.data.validation import Context, suggest

FACTS_SPEC = TableSpec(
    stem="facts",
    required=("id", "value", "unit", "label", "year", "reference"),
    optional={"noun": "", "qualifier": "", "decimals": "", "synthetic": ""},
    numbers=("value",),
)
EXCLUSIONS_SPEC = TableSpec(
    stem="exclusions",
    required=("question", "year", "area", "reason"),
    optional={"option": ""},
    booleans=(),
)


def check_facts(frame: pd.DataFrame | None, ctx: Context, references: References | None) -> tuple[dict[str, SourceFact], list[Problem]]:
    problems: list[Problem] = []
    facts: dict[str, SourceFact] = {}
    seen: dict[str, int] = {}
    for n, file, row in rows(frame):
        ident = required_text(row, "id", file, n, "an id for the fact, such as ivo_brister_fast_vardkontakt", problems)
        ok = bool(ident) and check_id(ident, file, n, "id", seen, problems)
        value, decimals = value_and_decimals(row, file, n, problems)
        unit, qualifier = text(row, "unit"), text(row, "qualifier")
        ok &= check_unit(unit, file, n, problems) and value is not None
        label = required_text(row, "label", file, n, "what the number is, in Swedish", problems)
        reference = required_text(row, "reference", file, n, "the reference id or role the number comes from", problems)
        ok &= bool(label) and bool(reference) and check_reference(reference, references, file, n, problems)
        check_qualifier(qualifier, file, n, problems)
        year = int(row["year"])
        ok &= check_year(year, file, n, ctx, problems, latest_offset=1)
        if ok:
            facts[ident] = SourceFact(ident, value, unit, decimals, label, year, reference, text(row, "noun"), qualifier, bool(row["synthetic"]), file, n)
    return facts, problems


def check_exclusions(frame: pd.DataFrame | None, ctx: Context, survey_regions: pd.DataFrame | None) -> tuple[tuple[Exclusion, ...], list[Problem]]:
    problems: list[Problem] = []
    out: list[Exclusion] = []
    seen: dict[tuple, int] = {}
    region_questions = [k for k, q in ctx.catalogue.questions.items() if q.respondent == "region"]
    answered = set()
    if survey_regions is not None:
        answered = set(zip(survey_regions["question"], survey_regions["option"], survey_regions["year"].astype(int), survey_regions["area"], strict=True))
    for n, file, row in rows(frame):
        question, option, area, year = text(row, "question"), text(row, "option"), text(row, "area"), int(row["year"])
        reason = required_text(row, "reason", file, n, "why the answer is left out, in Swedish (the figure's note prints it)", problems)
        q = ctx.catalogue.questions.get(question)
        if q is None or q.respondent != "region":
            problems.append(error(file, n, "question", f"unknown region question {question!r}{suggest(question, region_questions)}", "a region question id from survey.toml"))
            continue
        options = [o.id for o in q.options]
        if option not in (options or [""]):
            expected = f"one of {', '.join(options)}" if options else "an empty cell (the question has no options)"
            problems.append(error(file, n, "option", f"question {question}: unknown option {option!r}{suggest(option, options)}", expected))
            continue
        key = (question, option, year, area)
        if key not in answered:
            problems.append(error(file, n, "area", f"no answer to exclude: survey_regions has no answer to question {question}{' ' + option if option else ''} from {ctx.region_label(area)} in {year}", "the question, option, year and area of an answer in survey_regions"))
            continue
        if key in seen:
            problems.append(error(file, n, None, f"the same answer is excluded twice (first at row {seen[key]})", "one row per excluded answer"))
            continue
        seen[key] = n
        if reason:
            out.append(Exclusion(question, option, year, area, reason, file, n))
    return tuple(out), problems
