"""``edition.toml``: what a new year's package still needs, checked by ``naravard validate``.

``naravard new-edition`` writes next year's package from this year's and, beside
it, this file: the year each indicator's next value is expected, the survey
questions that were answered last year, and a list of things to do that no rule
can check (the artikelnummer, the year's references). While the file is there,
``naravard validate`` reports each expectation the data do not meet yet as an
error, naming the file to add to, and each to-do as a warning. An author who
knows a value will not come deletes its line; when everything is in, the file
can go.

Format::

    year = 2025            # the report year the expectations are for
    previous = 2024        # the package it was made from

    [indicators]           # indicator id = the year its new value is expected
    fortroende_hs = 2025

    [survey_regions]       # questions answered last year: each needs this year's answers
    questions = ["2", "4"]

    [survey_municipalities]
    questions = ["k.insatser"]

    [[todo]]
    file = "report.toml"
    what = "article_number: this year's artikelnummer"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from naravard.data.problems import Problem, error, warning

EDITION_FILE = "edition.toml"


@dataclass(frozen=True)
class Todo:
    file: str
    what: str


@dataclass(frozen=True)
class Expectations:
    year: int
    previous: int
    indicators: dict[str, int] = field(default_factory=dict)  # id -> year expected
    region_questions: tuple[str, ...] = ()
    municipal_questions: tuple[str, ...] = ()
    todo: tuple[Todo, ...] = ()


def read_expectations(data_dir: Path) -> tuple[Expectations | None, list[Problem]]:
    """``edition.toml`` in *data_dir* (``None`` without the file), and its problems."""
    path = Path(data_dir) / EDITION_FILE
    if not path.is_file():
        return None, []
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return None, [error(EDITION_FILE, None, None, f"not valid TOML: {exc}", "the file as naravard new-edition wrote it, or no file")]
    problems: list[Problem] = []

    def year(key: str) -> int | None:
        value = doc.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(error(EDITION_FILE, None, key, f"{value!r} is not a year", "a whole year such as 2025"))
            return None
        return value

    def questions(table: str) -> tuple[str, ...]:
        value = doc.get(table, {}).get("questions", []) if isinstance(doc.get(table, {}), dict) else None
        if not isinstance(value, list) or not all(isinstance(q, str) for q in value):
            problems.append(error(EDITION_FILE, None, f"{table}.questions", f"{value!r} is not a list of question ids", '["2", "4"]'))
            return ()
        return tuple(value)

    y, prev = year("year"), year("previous")
    indicators = doc.get("indicators", {})
    if not isinstance(indicators, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in indicators.values()):
        problems.append(error(EDITION_FILE, None, "indicators", "each indicator needs a year", "indicator_id = 2025"))
        indicators = {}
    todo = []
    for n, entry in enumerate(doc.get("todo", []), start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("what"), str):
            problems.append(error(EDITION_FILE, None, "todo", f"entry {n} has no text", '[[todo]] file = "report.toml", what = "…"'))
            continue
        todo.append(Todo(str(entry.get("file", "")), entry["what"]))
    regions, municipal = questions("survey_regions"), questions("survey_municipalities")
    if y is None or prev is None:
        return None, problems
    return Expectations(y, prev, dict(indicators), regions, municipal, tuple(todo)), problems


def check_expectations(data_dir: Path, result: Any) -> list[Problem]:
    """Every expectation of ``edition.toml`` the package's data do not meet (a
    :class:`~naravard.data.package.CheckResult` with its tables read)."""
    expected, problems = read_expectations(data_dir)
    if expected is None:
        return problems
    settings = result.settings
    if settings is not None and settings.year != expected.year:
        return problems + [
            warning(EDITION_FILE, None, "year", f"written for reference year {expected.year}, but report.toml says {settings.year}; not checked", "the file removed, or report.toml's year")
        ]
    keep = "or delete the line from edition.toml if it will not come"
    ind = result.indicators
    if ind is not None and result.catalogue is not None:
        latest = ind.groupby("indicator")["year"].max().to_dict()
        for ident, year in sorted(expected.indicators.items()):
            indicator = result.catalogue.indicators.get(ident)
            if indicator is None:
                problems.append(warning(EDITION_FILE, None, f"indicators.{ident}", "not an indicator of the catalogue", "an indicator id"))
                continue
            if latest.get(ident, 0) < year:
                file = "costs.csv" if indicator.kind == "cost" else "indicators.csv"
                have = f"its latest year is {latest[ident]}" if ident in latest else "it has no rows"
                problems.append(
                    error(file, None, "year", f"{ident} ({indicator.name}) has no rows for {year} yet; {have}", f"rows for {year} (edition.toml), {keep}")
                )
    for table, qids, frame in (
        ("survey_regions", expected.region_questions, result.survey_regions),
        ("survey_municipalities", expected.municipal_questions, result.survey_municipalities),
    ):
        if frame is None:
            continue
        answered = set(frame.loc[frame["year"] == expected.year, "question"])
        missing = [q for q in qids if q not in answered]
        for qid in missing:
            problems.append(
                error(
                    f"{table}.csv",
                    None,
                    "question",
                    f"question {qid} has no answers for {expected.year} yet (it was answered for {expected.previous})",
                    f"the {expected.year} answers, {keep}",
                )
            )
    for item in expected.todo:
        problems.append(warning(item.file or EDITION_FILE, None, None, f"to do: {item.what}", f"the [[todo]] entry deleted from {EDITION_FILE} when done"))
    return problems
