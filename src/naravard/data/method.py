"""``method.toml``: how the survey behind the report was run.

Chapter 1 (Metod och genomförande) and Bilaga 1 (Metod) print these facts:
who was asked, how many answered, when, how many reminders, and the deepening
study. The file is optional; when it is there it is validated like
``report.toml`` (every problem named by file, key and what was expected).
This module holds the facts as read; the response rates and the other values
the report prints are made from them in ``naravard.analysis.method``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from naravard.data.models import Catalogue, Region
from naravard.data.problems import Problem, error, quote, warning
from naravard.data.settings import toml_date
from naravard.data.text_fields import read_toml, text_problem

METHOD_FILE = "method.toml"
SURVEY_KEYS = ("regioner", "rss", "kommuner")  # the three surveys, each a [surveys.<key>] table

_EXPECTED = {
    "count": "a whole number such as 21, without quotes",
    "positive": "a whole number of at least 1, without quotes",
    "year": "a whole year such as 2019, without quotes",
    "date": "a date such as 2024-11-29 (TOML date, or text in that form)",
    "text": "text in quotes",
    "flag": "true or false",
    "codes": 'a list of länskoder in quotes, ["21", "05"]',
    "code": 'a länskod in quotes, "17"',
    "table": "a table of keys, [name] followed by key = value lines",
    "month": "a month number 1–12, without quotes",
}

# key -> (kind, required) for each table of the file.
TOP_KEYS: dict[str, tuple[str, bool]] = {
    "edition": ("positive", True),
    "period_from": ("year", True),
    "quality_declaration": ("text", False),
}
SURVEY_FIELDS: dict[str, tuple[str, bool]] = {
    "population": ("positive", True),
    "answered": ("count", False),  # required unless `via` names the survey that carried the answers
    "via": ("text", False),
    "start": ("date", False),
    "end": ("date", False),
    "reminders": ("count", False),
    "questions": ("positive", False),
    "questions_approximate": ("flag", False),
}
EXTRA_FIELDS: dict[str, tuple[str, bool]] = {
    "topic": ("text", True),
    "population": ("positive", True),
    "answered": ("count", True),
    "start": ("date", True),
    "end": ("date", True),
}
STUDY_FIELDS: dict[str, tuple[str, bool]] = {
    "counties": ("codes", True),
    "interviews": ("positive", True),
    "focus": ("text", True),
    "seminar_county": ("code", False),
}
ASSIGNMENT_FIELDS: dict[str, tuple[str, bool]] = {
    "decided": ("date", True),
    "first_interim": ("year", True),
    "last_interim": ("year", True),
    "interim_month": ("month", True),
    "final_report_due": ("date", True),
    "agreement_first": ("year", True),
    "agreement_last": ("year", True),
}
SITE_VISIT_FIELDS: dict[str, tuple[str, bool]] = {
    "regions": ("positive", True),
    "start": ("date", True),
    "end": ("date", True),
    "topic": ("text", True),
}
TABLES = ("assignment", "surveys", "extra_question", "deepening_study", "site_visits")


@dataclass(frozen=True)
class Survey:
    """One of the three surveys: regioner, RSS, kommuner (through RSS)."""

    key: str
    population_n: int
    answered_n: int | None = None
    via: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    reminders_n: int | None = None
    questions_n: int | None = None
    questions_approximate: bool = False

    @property
    def everyone_answered(self) -> bool:
        return self.answered_n is not None and self.answered_n == self.population_n


@dataclass(frozen=True)
class ExtraQuestion:
    """A question sent to every kommun separately, outside the RSS survey."""

    topic: str
    population_n: int
    answered_n: int
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class DeepeningStudy:
    """The qualitative interview study in a few län."""

    counties: tuple[Region, ...]
    interviews_n: int
    focus: str
    seminar_county: Region | None = None


@dataclass(frozen=True)
class SiteVisits:
    """Socialstyrelsen's visits to the regions (verksamhetsbesök): how many, when, about what."""

    regions_n: int
    start: dt.date
    end: dt.date
    topic: str  # printed after "om hur de arbetar med"


@dataclass(frozen=True)
class Assignment:
    """The government assignment: when it was decided, when it reports."""

    decided: dt.date
    first_interim: int
    last_interim: int
    interim_month: int
    final_report_due: dt.date
    agreement_first: int
    agreement_last: int


@dataclass(frozen=True)
class SurveyMethod:
    edition: int  # the how-manieth time the survey is run
    period_from: int  # first year some questions cover
    surveys: Mapping[str, Survey]
    extra_question: ExtraQuestion | None = None
    deepening_study: DeepeningStudy | None = None
    quality_declaration: str = ""
    assignment: Assignment | None = None
    site_visits: SiteVisits | None = None

    @property
    def regioner(self) -> Survey:
        return self.surveys["regioner"]

    @property
    def rss(self) -> Survey:
        return self.surveys["rss"]

    @property
    def kommuner(self) -> Survey:
        return self.surveys["kommuner"]

    @property
    def web_surveys(self) -> list[Survey]:
        """The surveys answered directly (not through another survey)."""
        return [s for s in self.surveys.values() if not s.via]

    @property
    def sent(self) -> dt.date:
        """When the first survey went out."""
        return min(s.start for s in self.surveys.values() if s.start is not None)

    @property
    def due(self) -> dt.date:
        """When the last survey closed (the reports were due)."""
        return max(s.end for s in self.surveys.values() if s.end is not None)


# ---- reading and validating ---------------------------------------------------------------


def read_method(data_dir: Path, catalogue: Catalogue | None = None) -> tuple[SurveyMethod | None, list[Problem]]:
    """The survey method from ``method.toml`` in *data_dir* (``None`` without the file), and its problems."""
    path = Path(data_dir) / METHOD_FILE
    if not path.is_file():
        return None, []
    doc, problems = read_toml(path, METHOD_FILE)
    if doc is None:
        return None, problems
    return method_from_mapping(doc, catalogue)


def method_from_mapping(doc: Mapping[str, Any], catalogue: Catalogue | None = None) -> tuple[SurveyMethod | None, list[Problem]]:
    problems: list[Problem] = []
    top = _fields(doc, TOP_KEYS, "", problems, extra=TABLES)
    surveys = _surveys(doc.get("surveys"), problems)
    extra = _extra_question(doc.get("extra_question"), problems)
    assignment = _assignment(doc.get("assignment"), problems)
    study = _study(doc.get("deepening_study"), catalogue, problems)
    visits = _site_visits(doc.get("site_visits"), problems)
    if catalogue is not None and surveys is not None:  # checked even when another table has errors, so all are told at once
        problems += check_against_catalogue(surveys, extra, visits, catalogue)
    if any(p.is_error for p in problems) or surveys is None:
        return None, problems
    method = SurveyMethod(
        edition=top["edition"],
        period_from=top["period_from"],
        surveys=surveys,
        extra_question=extra,
        deepening_study=study,
        quality_declaration=top.get("quality_declaration", ""),
        assignment=assignment,
        site_visits=visits,
    )
    return method, problems


def check_against_catalogue(surveys: Mapping[str, Survey], extra, visits, catalogue: Catalogue) -> list[Problem]:
    """The regions and kommuner asked (and visited) must be those of the catalogue."""
    problems: list[Problem] = []
    n_regions = len(catalogue.regions)
    regioner = surveys["regioner"].population_n
    if regioner != n_regions:
        problems.append(
            error(METHOD_FILE, None, "surveys.regioner.population", f"{regioner} regions, but the catalogue has {n_regions}", f"{n_regions}, the regions in regions.csv")
        )
    n_kommuner = len(catalogue.municipalities)
    if n_kommuner:
        for key, n in (("surveys.kommuner.population", surveys["kommuner"].population_n), ("extra_question.population", extra.population_n if extra else None)):
            if n is not None and n != n_kommuner:
                problems.append(error(METHOD_FILE, None, key, f"{n} kommuner, but the catalogue has {n_kommuner}", f"{n_kommuner}, the kommuner in municipalities.csv"))
    if visits is not None and visits.regions_n > n_regions:
        problems.append(
            error(METHOD_FILE, None, "site_visits.regions", f"{visits.regions_n} regions visited, but the catalogue has {n_regions}", f"at most {n_regions}, the regions in regions.csv")
        )
    return problems


def check_against_answers(method: SurveyMethod, survey_regions: pd.DataFrame, year: int) -> list[Problem]:
    """A warning when the number of regions said to have answered differs from the answers in the data."""
    if survey_regions is None or survey_regions.empty or method.regioner.answered_n is None:
        return []
    areas = survey_regions.loc[survey_regions["year"] == year, "area"].nunique()
    if areas and areas != method.regioner.answered_n:
        return [
            warning(
                METHOD_FILE,
                None,
                "surveys.regioner.answered",
                f"{method.regioner.answered_n} regions answered, but survey_regions has answers from {areas} regions for {year}",
                "the number of regions with answers in survey_regions",
            )
        ]
    return []


def _surveys(value: Any, problems: list[Problem]) -> dict[str, Survey] | None:
    if value is None:
        problems.append(error(METHOD_FILE, None, "surveys", "the table is missing", f"[surveys.{SURVEY_KEYS[0]}], [surveys.{SURVEY_KEYS[1]}] and [surveys.{SURVEY_KEYS[2]}]"))
        return None
    if not isinstance(value, dict):
        problems.append(error(METHOD_FILE, None, "surveys", f"{value!r} is not a table", _EXPECTED["table"]))
        return None
    surveys: dict[str, Survey] = {}
    for key in SURVEY_KEYS:
        if key not in value:
            problems.append(error(METHOD_FILE, None, f"surveys.{key}", "the table is missing", f"[surveys.{key}] with population, answered (or via), start, end"))
            continue
        survey = _survey(key, value[key], problems)
        if survey is not None:
            surveys[key] = survey
    for key in value:
        if key not in SURVEY_KEYS:
            problems.append(warning(METHOD_FILE, None, f"surveys.{key}", "unknown survey ignored", f"one of {', '.join(SURVEY_KEYS)}"))
    for key, survey in surveys.items():
        if survey.via and survey.via not in SURVEY_KEYS:
            problems.append(error(METHOD_FILE, None, f"surveys.{key}.via", f"{survey.via!r} is not a survey", f"one of {', '.join(k for k in SURVEY_KEYS if k != key)}"))
    return surveys if len(surveys) == len(SURVEY_KEYS) else None


def _survey(key: str, value: Any, problems: list[Problem]) -> Survey | None:
    where = f"surveys.{key}"
    if not isinstance(value, dict):
        problems.append(error(METHOD_FILE, None, where, f"{value!r} is not a table", _EXPECTED["table"]))
        return None
    before = len(problems)
    f = _fields(value, SURVEY_FIELDS, where, problems)
    if "answered" not in f and "via" not in f and "answered" not in value:
        problems.append(error(METHOD_FILE, None, f"{where}.answered", "the key is missing", "how many answered, or via = the survey that carried the answers"))
    if "via" not in value:  # the report prints when each survey answered directly was open
        for date_key in ("start", "end"):
            if date_key not in value:
                problems.append(
                    error(METHOD_FILE, None, f"{where}.{date_key}", "the key is missing (the report prints when the survey was open)", _EXPECTED["date"])
                )
    _check_answered(f, where, problems)
    _check_period(f, where, problems)
    if any(p.is_error for p in problems[before:]):
        return None
    return Survey(
        key=key,
        population_n=f["population"],
        answered_n=f.get("answered"),
        via=f.get("via", ""),
        start=f.get("start"),
        end=f.get("end"),
        reminders_n=f.get("reminders"),
        questions_n=f.get("questions"),
        questions_approximate=f.get("questions_approximate", False),
    )


def _extra_question(value: Any, problems: list[Problem]) -> ExtraQuestion | None:
    read = _table(value, "extra_question", EXTRA_FIELDS, problems)
    if read is None:
        return None
    f, before = read
    _check_answered(f, "extra_question", problems)
    _check_period(f, "extra_question", problems)
    if any(p.is_error for p in problems[before:]):
        return None
    return ExtraQuestion(f["topic"], f["population"], f["answered"], f["start"], f["end"])


def _assignment(value: Any, problems: list[Problem]) -> Assignment | None:
    read = _table(value, "assignment", ASSIGNMENT_FIELDS, problems)
    if read is None:
        return None
    f, before = read
    for first, last in (("first_interim", "last_interim"), ("agreement_first", "agreement_last")):
        if first in f and last in f and f[last] < f[first]:
            problems.append(error(METHOD_FILE, None, f"assignment.{last}", f"{f[last]} is before {first} = {f[first]}", f"a year no earlier than {first}"))
    if any(p.is_error for p in problems[before:]):
        return None
    return Assignment(**f)


def _site_visits(value: Any, problems: list[Problem]) -> SiteVisits | None:
    read = _table(value, "site_visits", SITE_VISIT_FIELDS, problems)
    if read is None:
        return None
    f, before = read
    _check_period(f, "site_visits", problems)
    if any(p.is_error for p in problems[before:]):
        return None
    return SiteVisits(f["regions"], f["start"], f["end"], f["topic"])


def _study(value: Any, catalogue: Catalogue | None, problems: list[Problem]) -> DeepeningStudy | None:
    read = _table(value, "deepening_study", STUDY_FIELDS, problems)
    if read is None:
        return None
    f, before = read
    if any(p.is_error for p in problems[before:]):
        return None
    codes = {r.code: r for r in catalogue.regions} if catalogue is not None else None

    def region(code: str, key: str) -> Region | None:
        if codes is None:
            return Region(code, code, code, code, code)  # structure-only check without a catalogue
        if code not in codes:
            problems.append(error(METHOD_FILE, None, key, f"unknown länskod {code!r}", f"one of {', '.join(codes)}"))
            return None
        return codes[code]

    counties = tuple(region(c, "deepening_study.counties") for c in f["counties"])
    seminar = region(f["seminar_county"], "deepening_study.seminar_county") if "seminar_county" in f else None
    if any(p.is_error for p in problems[before:]):
        return None
    return DeepeningStudy(counties, f["interviews"], f["focus"], seminar)


def _table(value: Any, name: str, spec: dict[str, tuple[str, bool]], problems: list[Problem]) -> tuple[dict[str, Any], int] | None:
    """An optional table's typed fields and where its problems begin (``None`` when it is absent or not a table)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(error(METHOD_FILE, None, name, f"{value!r} is not a table", _EXPECTED["table"]))
        return None
    before = len(problems)
    return _fields(value, spec, name, problems), before


def _check_answered(f: dict[str, Any], where: str, problems: list[Problem]) -> None:
    if "answered" in f and "population" in f and f["answered"] > f["population"]:
        problems.append(
            error(METHOD_FILE, None, f"{where}.answered", f"{f['answered']} answered, more than the {f['population']} asked (population)", "a number no larger than population")
        )


def _check_period(f: dict[str, Any], where: str, problems: list[Problem]) -> None:
    if "start" in f and "end" in f and f["end"] < f["start"]:
        problems.append(error(METHOD_FILE, None, f"{where}.end", f"the period ends ({f['end']}) before it starts ({f['start']})", "an end date on or after start"))


def _fields(doc: Mapping[str, Any], spec: dict[str, tuple[str, bool]], where: str, problems: list[Problem], extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """The typed values of *spec*'s keys in *doc*; a problem for each missing, mistyped or unknown key."""
    prefix = f"{where}." if where else ""
    values: dict[str, Any] = {}
    for key, (kind, required) in spec.items():
        if key not in doc:
            if required:
                problems.append(error(METHOD_FILE, None, prefix + key, "the key is missing", _EXPECTED[kind]))
            continue
        value, ok = _coerce(doc[key], kind)
        if not ok:
            problems.append(error(METHOD_FILE, None, prefix + key, f"{quote(doc[key])} is not {_what(kind)}", _EXPECTED[kind]))
            continue
        unprintable = text_problem(METHOD_FILE, None, prefix + key, value) if isinstance(value, str) else None
        if unprintable is not None:
            problems.append(unprintable)
            continue
        values[key] = value
    for key in doc:
        if key not in spec and key not in extra:
            problems.append(warning(METHOD_FILE, None, prefix + key, "unknown key ignored", f"one of {', '.join((*spec, *extra))}"))
    return values


def _what(kind: str) -> str:
    return {
        "count": "a whole number",
        "positive": "a whole number of at least 1",
        "year": "a year",
        "date": "a date",
        "text": "text",
        "flag": "true or false",
        "codes": "a list of länskoder",
        "code": "a länskod",
        "month": "a month number",
    }[kind]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_code(value: Any) -> bool:
    return isinstance(value, str) and len(value.strip()) == 2 and value.strip().isdigit()


def _coerce(value: Any, kind: str) -> tuple[Any, bool]:
    if kind == "count":
        return value, _is_int(value) and value >= 0
    if kind == "positive":
        return value, _is_int(value) and value >= 1
    if kind == "year":
        return value, _is_int(value) and 1990 <= value <= 2100
    if kind == "month":
        return value, _is_int(value) and 1 <= value <= 12
    if kind == "text":
        return value, isinstance(value, str) and value.strip() != ""
    if kind == "flag":
        return value, isinstance(value, bool)
    if kind == "code":
        return (value.strip() if isinstance(value, str) else value), _is_code(value)
    if kind == "codes":
        ok = isinstance(value, list) and len(value) > 0 and all(_is_code(v) for v in value)
        return (tuple(v.strip() for v in value) if ok else value), ok
    if kind == "date":
        return toml_date(value)
    raise ValueError(kind)
