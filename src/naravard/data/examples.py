"""The regions' examples: ``examples.csv``, ``example_numbers.csv`` and the free text they come from.

An example is a statement in the authors' own words about what a region, a
kommun or a län's RSS reported, with holes for its numbers::

    examples.csv          id, topic, level, area, year, statement, source_answer, reference
    example_numbers.csv   example, name, value, unit, counts, noun, qualifier, decimals
    free_text.csv         id, question, level, area, year, text        (the survey's own words)

The topics come from the catalogue (``topics.toml``); templates place the
examples of a topic. Free text is the source and is never printed itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from naravard.data.catalogue import CHAPTERS
from naravard.data.models import Example, ExampleNumber, FreeTextAnswer, References, Topic
from naravard.data.problems import Problem, error, warning
from naravard.data.row_checks import (
    check_area,
    check_id,
    check_qualifier,
    check_reference,
    check_unit,
    check_year,
    read_catalogue_toml,
    required_text,
    rows,
    text,
    value_and_decimals,
)
from naravard.data.tables import TableSpec
from naravard.data.validation import Context, suggest

TOPICS_FILE = "topics.toml"

EXAMPLES_SPEC = TableSpec(
    stem="examples",
    required=("id", "topic", "level", "area", "year", "statement"),
    optional={"source_answer": "", "reference": "", "synthetic": ""},
    lower=("level",),
)
EXAMPLE_NUMBERS_SPEC = TableSpec(
    stem="example_numbers",
    required=("example", "name", "value", "unit", "counts"),
    optional={"noun": "", "qualifier": "", "decimals": "", "synthetic": ""},
    numbers=("value",),
    integers=(),
)
FREE_TEXT_SPEC = TableSpec(
    stem="free_text",
    required=("id", "question", "level", "area", "year", "text"),
    optional={"synthetic": ""},
    lower=("level",),
)

# Holes every statement may use besides its numbers: who reported, and the year.
NAME_HOLES = ("namn", "län", "i_län", "år")
HOLE = re.compile(r"\{([^{}]*)\}")
HOLE_NAME = re.compile(r"^[a-zåäö_][a-zåäö0-9_]*$")


def statement_holes(statement: str) -> tuple[list[str], str]:
    """The hole names of a statement in order, and what is wrong with its braces ("" when fine)."""
    names = HOLE.findall(statement)
    rest = HOLE.sub("", statement)
    if "{" in rest or "}" in rest:
        return names, "a { without its } (or the other way round)"
    bad = [n for n in names if not HOLE_NAME.match(n)]
    if bad:
        return names, f"{{{bad[0]}}} is not a hole name (lower-case letters, digits and _)"
    return names, ""


def read_topics(catalogue_dir: Path) -> tuple[dict[str, Topic], list[Problem]]:
    """``topics.toml``: ``[[topic]] id = "mobila_team" chapter = "tillganglighet" title = "…"``."""
    doc, shown, problems = read_catalogue_toml(catalogue_dir, TOPICS_FILE, "TOML with one [[topic]] table per topic")
    if doc is None:
        return {}, problems
    topics: dict[str, Topic] = {}
    for n, entry in enumerate(doc.get("topic", []), 1):
        ident, chapter, title = (str(entry.get(k, "")).strip() for k in ("id", "chapter", "title"))
        label = f"topic {n} ({ident or 'no id'})"
        if not re.match(r"^[a-z0-9_]+$", ident):
            problems.append(error(shown, None, "id", f"{label}: {ident!r} cannot be used as an id", "lower-case ASCII letters, digits and _"))
            continue
        if ident in topics:
            problems.append(error(shown, None, "id", f"{label}: the id is used twice", "one [[topic]] per id"))
            continue
        if chapter not in CHAPTERS:
            problems.append(error(shown, None, "chapter", f"{label}: unknown chapter {chapter!r}", f"one of {', '.join(CHAPTERS)}"))
            continue
        topics[ident] = Topic(ident, chapter, title)
    return topics, problems


def check_free_text(frame: pd.DataFrame | None, ctx: Context) -> tuple[dict[str, FreeTextAnswer], list[Problem]]:
    problems: list[Problem] = []
    answers: dict[str, FreeTextAnswer] = {}
    seen: dict[str, int] = {}
    questions = list(ctx.catalogue.questions)
    for n, file, row in rows(frame):
        ident = required_text(row, "id", file, n, "an id for the answer, such as varmland_fraga10", problems)
        question = required_text(row, "question", file, n, "a question id from survey.toml", problems)
        body = required_text(row, "text", file, n, "the answer as the respondent wrote it", problems)
        level, area, year = text(row, "level"), text(row, "area"), int(row["year"])
        ok = bool(ident) and check_id(ident, file, n, "id", seen, problems)
        if question and question not in ctx.catalogue.questions:
            problems.append(error(file, n, "question", f"unknown question {question!r}{suggest(question, questions)}", "a question id from the catalogue's survey.toml"))
            ok = False
        ok &= check_area(level, area, file, n, ctx, problems)
        ok &= check_year(year, file, n, ctx, problems)
        if ok and body:
            answers[ident] = FreeTextAnswer(ident, question, level, area, year, body, bool(row["synthetic"]), file, n)
    return answers, problems


def check_examples(
    examples: pd.DataFrame | None,
    numbers: pd.DataFrame | None,
    ctx: Context,
    topics: dict[str, Topic],
    free_text: dict[str, FreeTextAnswer],
    references: References | None,
) -> tuple[tuple[Example, ...], list[Problem]]:
    """Every rule for the examples and their numbers; the examples that passed, in file order."""
    problems: list[Problem] = []
    if numbers is not None and examples is None:
        problems.append(error("example_numbers.csv", None, None, "numbers without examples", "examples.csv beside example_numbers.csv"))
    rows_of: dict[str, list[tuple[int, str, pd.Series]]] = {}
    for n, file, row in rows(examples):
        rows_of.setdefault(text(row, "id"), []).append((n, file, row))
    by_example: dict[str, dict[str, ExampleNumber]] = {}
    for n, file, row in rows(numbers):
        example, name = text(row, "example"), text(row, "name")
        if example not in rows_of:
            problems.append(error(file, n, "example", f"unknown example {example!r}{suggest(example, list(rows_of))}", "an id from examples.csv"))
            continue
        if not HOLE_NAME.match(name) or name in NAME_HOLES:
            why = "is one of the names every statement has" if name in NAME_HOLES else "cannot be a hole name"
            problems.append(error(file, n, "name", f"{name!r} {why}", f"lower-case letters, digits and _, not {', '.join(NAME_HOLES)}"))
            continue
        mine = by_example.setdefault(example, {})
        if name in mine:
            problems.append(error(file, n, "name", f"example {example!r} has two numbers named {name!r} (first at row {mine[name].source_row})", "one name per number of an example"))
            continue
        value, decimals = value_and_decimals(row, file, n, problems)
        unit, qualifier = text(row, "unit"), text(row, "qualifier")
        counts = required_text(row, "counts", file, n, "what the number counts, in Swedish (for reviewers and values.json)", problems)
        ok = check_unit(unit, file, n, problems) and value is not None and bool(counts)
        check_qualifier(qualifier, file, n, problems)
        if ok:
            mine[name] = ExampleNumber(name, value, unit, decimals, counts, text(row, "noun"), qualifier, bool(row["synthetic"]), file, n)

    out: list[Example] = []
    seen: dict[str, int] = {}
    for n, file, row in rows(examples):
        ident = required_text(row, "id", file, n, "an id for the example", problems)
        if not ident or not check_id(ident, file, n, "id", seen, problems):
            continue
        topic = text(row, "topic")
        level, area, year = text(row, "level"), text(row, "area"), int(row["year"])
        statement = required_text(row, "statement", file, n, "the example in the authors' words, with {holes} for its numbers", problems)
        ok = True
        if topic not in topics:
            listed = ", ".join(sorted(topics)) or "none (the catalogue has no topics.toml)"
            problems.append(error(file, n, "topic", f"unknown topic {topic!r}: no template places it{suggest(topic, list(topics))}", f"a topic from the catalogue's topics.toml: {listed}"))
            ok = False
        ok &= check_area(level, area, file, n, ctx, problems)
        ok &= check_year(year, file, n, ctx, problems)
        if ctx.report_year is not None and year < ctx.report_year - 1:
            problems.append(warning(file, n, "year", f"an example from {year} in the report on {ctx.report_year}", f"{ctx.report_year} or {ctx.report_year - 1}"))
        mine = by_example.get(ident, {})
        if statement:
            holes, wrong = statement_holes(statement)
            if wrong:
                problems.append(error(file, n, "statement", wrong, "text with {name} holes, one per number in example_numbers.csv"))
                ok = False
            for hole in holes:
                if hole not in mine and hole not in NAME_HOLES:
                    problems.append(
                        error(file, n, "statement", f"{{{hole}}}: example {ident!r} has no number named {hole!r} in example_numbers.csv{suggest(hole, list(mine))}", f"a number's name, or one of {', '.join('{' + h + '}' for h in NAME_HOLES)}")
                    )
                    ok = False
            for name, number in mine.items():
                if name not in holes:
                    problems.append(error(number.source_file, number.source_row, "name", f"number {name!r} of example {ident!r} is not used in its statement", f"a {{{name}}} hole in the statement, or no row"))
                    ok = False
        source_answer, reference = text(row, "source_answer"), text(row, "reference")
        if not source_answer and not reference:
            problems.append(error(file, n, "source_answer", f"example {ident!r} names neither its source answer nor a reference", "the id of a free-text answer (free_text.csv) in source_answer, or a reference in reference"))
            ok = False
        if source_answer:
            answer = free_text.get(source_answer)
            if answer is None:
                problems.append(error(file, n, "source_answer", f"unknown free-text answer {source_answer!r}{suggest(source_answer, list(free_text))}", "an id from free_text.csv"))
                ok = False
            elif (answer.level, answer.area) != (level, area):
                problems.append(warning(file, n, "source_answer", f"the answer {source_answer!r} is from {answer.level} {answer.area}, the example from {level} {area}", "an answer from the same region, kommun or RSS"))
        if reference:
            ok &= check_reference(reference, references, file, n, problems)
        if ok and statement:
            out.append(
                Example(ident, topic, level, area, year, statement, tuple(mine.values()), source_answer, reference, bool(row["synthetic"]), file, n)
            )
    return tuple(out), problems
