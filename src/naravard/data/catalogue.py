"""The catalogue: what may appear in a data package, and how the report names it.

``data/catalogue/`` holds four files a maintainer edits, not code:
``indicators.toml`` (indicators and complementary measures), ``survey.toml``
(survey questions), ``regions.csv`` and ``municipalities.csv``. This module
reads them into :class:`~naravard.data.models.Catalogue` and checks them, so a
typo in the catalogue is reported like a typo in the data.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from naravard.data.models import (
    DIRECTIONS,
    SEXES,
    Catalogue,
    Definition,
    Indicator,
    Municipality,
    Region,
    SurveyOption,
    SurveyQuestion,
    UNITS,
)
from naravard.data.periods import PANDEMIC_TABLE, read_period
from naravard.data.problems import DataPackageError, Problem, error, errors_in, warning
from naravard.data.readers import ROW, read_table
from naravard.data.yeartexts import DEFINITION_PLACEHOLDERS, INDICATOR_PLACEHOLDERS, PLACEHOLDERS, fill, unknown_placeholders

INDICATORS_FILE = "indicators.toml"
SURVEY_FILE = "survey.toml"
REGIONS_FILE = "regions.csv"
MUNICIPALITIES_FILE = "municipalities.csv"

CHAPTERS = (
    "uppdrag",
    "overgripande",
    "styrning",
    "samverkan",
    "tillganglighet",
    "delaktighet",
    "kontinuitet",
    "halsoframjande",
    "analys",
    "bilaga1",
    "bilaga2",
    "bilaga3",
)
INDICATOR_KINDS = ("indicator", "cost")
RESPONDENTS = ("region", "kommun")
QUESTION_KINDS = ("yes_no", "yes_partly_no", "ticked", "choice", "percent", "count", "share")
NUMERIC_KINDS = ("percent", "count")
MUNICIPAL_UNITS = ("andel_kommuner", "andel_lan")
KEYWORDS = ("Samordnad", "Stärker hälsan", "Delaktig", "Tillgänglig", "Personcentrerad", "Kontinuitet")

# Normalised answers (see docs/data-package.md) and the defaults per kind.
JA, NEJ, DELVIS, NOT_TICKED, CANNOT = "Ja", "Nej", "Delvis", "ej markerad", "kan ej"
DEFAULT_ANSWERS: Mapping[str, tuple[str, ...]] = {
    "yes_no": (JA, NEJ),
    "yes_partly_no": (JA, DELVIS, NEJ),
    "ticked": (JA, NOT_TICKED),
    "choice": (),
    "percent": (CANNOT,),
    "count": (CANNOT,),
    "share": (),
}

_ID = re.compile(r"[a-z][a-z0-9_]*")
_QUESTION_ID = re.compile(r"(\d+[a-z]?|[rk]\.[a-z0-9_]+)")
_OPTION_ID = re.compile(r"[a-z0-9_]+")

_INDICATOR_REQUIRED = {
    "id": str,
    "name": str,
    "short_name": str,
    "subtitle": str,
    "unit": str,
    "decimals": int,
    "keywords": list,
    "chapter": str,
    "source": str,
    "producer": str,
    "base_year": int,
    "first_year": int,
    "definitions": list,
}
_INDICATOR_OPTIONAL = {
    "core_number": int,
    "direction": str,
    "sexes": list,
    "regional": bool,
    "municipal": bool,
    "covid_band": bool,
    "focus": str,
    "services": str,
    "subarea": str,
    "notes": list,
    "kind": str,
    "figure_title": str,
    "table_note": str,
}
SHORT_LABEL_MAX = 30  # a survey option's short label (a table column header)
_QUESTION_REQUIRED = {"id": str, "respondent": str, "text": str, "kind": str, "chapter": str}
_QUESTION_OPTIONAL = {
    "title": str,
    "number": str,
    "options": list,
    "answers": list,
    "unit": str,
    "footnote": str,
}
# Keys the catalogue once had: read past with a warning that says where the fact lives now.
_QUESTION_RETIRED = {"years": "the years a question was asked are the years its answers hold in the data package"}


def load_catalogue(catalogue_dir: Path) -> Catalogue:
    """Read and check the catalogue; raises :class:`DataPackageError` when it has errors."""
    catalogue, problems = read_catalogue(catalogue_dir)
    if catalogue is None or errors_in(problems):
        raise DataPackageError(problems, what=f"The catalogue in {catalogue_dir}")
    return catalogue


def read_catalogue(catalogue_dir: Path) -> tuple[Catalogue | None, list[Problem]]:
    """The catalogue and every problem with it (``None`` when a file is unreadable)."""
    catalogue_dir = Path(catalogue_dir)
    problems: list[Problem] = []
    if not catalogue_dir.is_dir():
        return None, [
            error(str(catalogue_dir), None, None, "the catalogue folder does not exist", "a folder with indicators.toml, survey.toml, regions.csv and municipalities.csv")
        ]
    regions = _read_regions(catalogue_dir / REGIONS_FILE, problems)
    municipalities = _read_municipalities(catalogue_dir / MUNICIPALITIES_FILE, {r.code for r in regions}, problems)
    ind_doc = _read_toml(catalogue_dir / INDICATORS_FILE, problems)
    survey_doc = _read_toml(catalogue_dir / SURVEY_FILE, problems)
    indicators = _indicators(ind_doc, _lines_of(catalogue_dir / INDICATORS_FILE), problems) if ind_doc is not None else {}
    questions = _questions(survey_doc, _lines_of(catalogue_dir / SURVEY_FILE), problems) if survey_doc is not None else {}
    sources: dict[str, str] = {}
    for doc, file in ((ind_doc, INDICATORS_FILE), (survey_doc, SURVEY_FILE)):
        table = (doc or {}).get("sources", {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            problems.append(error(file, None, "sources", "[sources] must map names to text", 'name = "Källa"'))
            continue
        sources.update(table)
        for name, text in table.items():
            for p in unknown_placeholders([text], INDICATOR_PLACEHOLDERS):
                problems.append(error(file, None, f"sources.{name}", f"unknown placeholder {{{p}}}", _placeholders_expected(INDICATOR_PLACEHOLDERS)))
    if ind_doc is None or survey_doc is None or not regions:
        return None, problems
    pandemic = read_period(ind_doc, PANDEMIC_TABLE, INDICATORS_FILE, problems)
    # An indicator with covid_band marks the catalogue's one pandemic period (none without [pandemic]).
    indicators = {k: dataclasses.replace(i, covid_period=pandemic if i.covid_band else None) for k, i in indicators.items()}
    return (
        Catalogue(
            indicators=indicators,
            questions=questions,
            regions=tuple(regions),
            municipalities=tuple(municipalities),
            sources=sources,
            pandemic=pandemic,
        ),
        problems,
    )


# --- TOML helpers ------------------------------------------------------------------


def _read_toml(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    if not path.is_file():
        problems.append(error(path.name, None, None, "the file is missing", f"{path.name} in the catalogue folder"))
        return None
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(error(path.name, None, None, f"not valid TOML: {exc}", "TOML as described in docs/data-package.md"))
        return None


def _lines_of(path: Path) -> dict[str, int]:
    """Line numbers of ``id = "..."`` entries, so messages can point into the TOML file."""
    lines: dict[str, int] = {}
    if path.is_file():
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            m = re.match(r'\s*id\s*=\s*"([^"]*)"', line)
            if m and m.group(1) not in lines:
                lines[m.group(1)] = n
    return lines


def _where(kind: str, ident: str, lines: Mapping[str, int]) -> str:
    line = lines.get(ident)
    return f"{kind} {ident!r}" + (f" (line {line})" if line else "")


def _check_fields(
    entry: Mapping[str, Any],
    required: Mapping[str, type],
    optional: Mapping[str, type],
    file: str,
    label: str,
    problems: list[Problem],
) -> bool:
    ok = True
    for key, typ in {**required, **optional}.items():
        if key not in entry:
            if key in required:
                problems.append(error(file, None, key, f"{label}: the key is missing", f"{key} ({typ.__name__})"))
                ok = False
            continue
        value = entry[key]
        if typ is int and isinstance(value, bool) or not isinstance(value, typ):
            problems.append(
                error(file, None, key, f"{label}: {value!r} is a {type(value).__name__}", f"a {typ.__name__}")
            )
            ok = False
    for key in entry:
        if key not in required and key not in optional:
            problems.append(warning(file, None, key, f"{label}: unknown key ignored", f"one of {', '.join(sorted({**required, **optional}))}"))
    return ok


# --- indicators --------------------------------------------------------------------


def _indicators(doc: Mapping[str, Any], lines: Mapping[str, int], problems: list[Problem]) -> dict[str, Indicator]:
    file = INDICATORS_FILE
    entries = doc.get("indicator", [])
    if not isinstance(entries, list) or not entries:
        problems.append(error(file, None, None, "no [[indicator]] entries", "one [[indicator]] table per indicator"))
        return {}
    out: dict[str, Indicator] = {}
    core_numbers: dict[int, str] = {}
    for n, entry in enumerate(entries, start=1):
        ident = entry.get("id", f"#{n}")
        label = _where("indicator", str(ident), lines)
        if not _check_fields(entry, _INDICATOR_REQUIRED, _INDICATOR_OPTIONAL, file, label, problems):
            continue
        bad = len(problems)
        if not _ID.fullmatch(ident):
            problems.append(error(file, None, "id", f"{label}: not a valid id", "lower-case ASCII letters, digits and _"))
        if ident in out:
            problems.append(error(file, None, "id", f"{label}: the id is used twice", "unique ids"))
        if entry["unit"] not in UNITS:
            problems.append(error(file, None, "unit", f"{label}: unknown unit {entry['unit']!r}", f"one of {', '.join(UNITS)}"))
        for p in unknown_placeholders([entry["subtitle"]], INDICATOR_PLACEHOLDERS):
            problems.append(error(file, None, "subtitle", f"{label}: unknown placeholder {{{p}}}", _placeholders_expected(INDICATOR_PLACEHOLDERS)))
        if not 0 <= entry["decimals"] <= 3:
            problems.append(error(file, None, "decimals", f"{label}: decimals {entry['decimals']}", "0 to 3"))
        direction = entry.get("direction") or None
        if direction is not None and direction not in DIRECTIONS:
            problems.append(error(file, None, "direction", f"{label}: direction {direction!r}", '"higher", "lower" or none'))
        for kw in entry["keywords"]:
            if kw not in KEYWORDS:
                problems.append(error(file, None, "keywords", f"{label}: unknown nyckelord {kw!r}", f"one of {', '.join(KEYWORDS)}"))
        if entry["chapter"] not in CHAPTERS:
            problems.append(error(file, None, "chapter", f"{label}: unknown chapter {entry['chapter']!r}", f"one of {', '.join(CHAPTERS)}"))
        if entry["first_year"] > entry["base_year"]:
            problems.append(
                error(file, None, "base_year", f"{label}: base year {entry['base_year']} is before the first year {entry['first_year']}", "first_year <= base_year")
            )
        sexes = tuple(entry.get("sexes", ("totalt", "kvinnor", "män")))
        if not sexes or "totalt" not in sexes or any(s not in SEXES for s in sexes):
            problems.append(error(file, None, "sexes", f"{label}: sexes {list(sexes)}", f'"totalt" plus any of {", ".join(SEXES[1:])}'))
        kind = entry.get("kind", "indicator")
        if kind not in INDICATOR_KINDS:
            problems.append(error(file, None, "kind", f"{label}: kind {kind!r}", f"one of {', '.join(INDICATOR_KINDS)}"))
        core = entry.get("core_number")
        if core is not None:
            if not 1 <= core <= 12 or core in core_numbers:
                problems.append(error(file, None, "core_number", f"{label}: core number {core}", "1 to 12, each used once"))
            core_numbers[core] = ident
        definitions = _definitions(entry["definitions"], file, label, problems, entry)
        if len(problems) > bad or not definitions:
            continue
        out[ident] = Indicator(
            id=ident,
            name=entry["name"],
            short_name=entry["short_name"],
            core_number=core,
            definitions=definitions,
            subtitle=entry["subtitle"],
            unit=entry["unit"],
            decimals=entry["decimals"],
            direction=direction,
            keywords=tuple(entry["keywords"]),
            chapter=entry["chapter"],
            source=entry["source"],
            producer=entry["producer"],
            base_year=entry["base_year"],
            first_year=entry["first_year"],
            sexes=sexes,
            regional=entry.get("regional", True),
            covid_band=entry.get("covid_band", True),
            focus=entry.get("focus", ""),
            services=entry.get("services", ""),
            subarea=entry.get("subarea", ""),
            notes=tuple(entry.get("notes", ())),
            kind=kind,
            figure_title=entry.get("figure_title", ""),
            municipal=entry.get("municipal", False),
            table_note=entry.get("table_note", ""),
        )
    return out


def _definitions(entries: list, file: str, label: str, problems: list[Problem], indicator: Mapping[str, Any]) -> tuple[Definition, ...]:
    out: list[Definition] = []
    for d in entries:
        if not isinstance(d, dict) or not isinstance(d.get("valid_from"), int) or not isinstance(d.get("text"), str):
            problems.append(
                error(file, None, "definitions", f"{label}: each definition needs valid_from (int) and text", "[[indicator.definitions]] valid_from = 2024, text = \"...\"")
            )
            return ()
        texts = [d["text"], d.get("note", "")]
        for p in unknown_placeholders(texts, DEFINITION_PLACEHOLDERS):
            problems.append(error(file, None, "definitions", f"{label}: unknown placeholder {{{p}}} in a definition", _placeholders_expected(DEFINITION_PLACEHOLDERS)))
        # "Från och med uppföljningen av {valid_from} …", "desamma sedan {base_year}"
        value = {"valid_from": d["valid_from"], "base_year": indicator["base_year"], "first_year": indicator["first_year"]}
        out.append(Definition(valid_from=d["valid_from"], text=fill(d["text"], value), note=fill(d.get("note", ""), value)))
    years = [d.valid_from for d in out]
    if not out:
        problems.append(error(file, None, "definitions", f"{label}: no definition", "at least one [[indicator.definitions]]"))
    elif years != sorted(set(years)):
        problems.append(error(file, None, "definitions", f"{label}: valid_from years {years}", "increasing and distinct"))
    return tuple(out)


# --- survey questions ---------------------------------------------------------------


def _questions(doc: Mapping[str, Any], lines: Mapping[str, int], problems: list[Problem]) -> dict[str, SurveyQuestion]:
    file = SURVEY_FILE
    entries = doc.get("question", [])
    if not isinstance(entries, list) or not entries:
        problems.append(error(file, None, None, "no [[question]] entries", "one [[question]] table per question"))
        return {}
    out: dict[str, SurveyQuestion] = {}
    for n, entry in enumerate(entries, start=1):
        ident = str(entry.get("id", f"#{n}"))
        label = _where("question", ident, lines)
        entry = dict(entry)
        for key, where_now in _QUESTION_RETIRED.items():
            if key in entry:
                entry.pop(key)
                problems.append(warning(file, None, key, f"{label}: {key} is no longer read ({where_now})", f"no {key} key"))
        if not _check_fields(entry, _QUESTION_REQUIRED, _QUESTION_OPTIONAL, file, label, problems):
            continue
        bad = len(problems)
        if not _QUESTION_ID.fullmatch(ident):
            problems.append(error(file, None, "id", f"{label}: not a valid question id", '"2", "29b", "r.<slug>" or "k.<slug>"'))
        if ident in out:
            problems.append(error(file, None, "id", f"{label}: the id is used twice", "unique ids"))
        respondent, kind = entry["respondent"], entry["kind"]
        if respondent not in RESPONDENTS:
            problems.append(error(file, None, "respondent", f"{label}: respondent {respondent!r}", "region or kommun"))
        if kind not in QUESTION_KINDS:
            problems.append(error(file, None, "kind", f"{label}: kind {kind!r}", f"one of {', '.join(QUESTION_KINDS)}"))
        elif (respondent == "kommun") != (kind == "share"):
            problems.append(error(file, None, "kind", f"{label}: kind {kind!r} for respondent {respondent!r}", 'kind "share" for kommun questions and only for them'))
        if entry["chapter"] not in CHAPTERS:
            problems.append(error(file, None, "chapter", f"{label}: unknown chapter {entry['chapter']!r}", f"one of {', '.join(CHAPTERS)}"))
        unit = entry.get("unit", "")
        if respondent == "kommun" and unit not in MUNICIPAL_UNITS:
            problems.append(error(file, None, "unit", f"{label}: unit {unit!r}", f"one of {', '.join(MUNICIPAL_UNITS)}"))
        options = []
        for opt in entry.get("options", []):
            if not isinstance(opt, dict) or not isinstance(opt.get("id"), str) or not isinstance(opt.get("label"), str):
                problems.append(error(file, None, "options", f"{label}: each option needs id and label", '[[question.options]] id = "x", label = "..."'))
                continue
            if not _OPTION_ID.fullmatch(opt["id"]) or opt["id"] in {o.id for o in options}:
                problems.append(error(file, None, "options", f"{label}: option id {opt['id']!r}", "unique lower-case ASCII ids"))
            short = opt.get("short", "")
            if not isinstance(short, str) or ("short" in opt and not short.strip()):
                problems.append(error(file, None, "options", f"{label}: option {opt['id']!r} has short = {short!r}", 'a short text, e.g. short = "Utbildning av personal"'))
                continue
            if len(short) > SHORT_LABEL_MAX:
                problems.append(warning(file, None, "options", f"{label}: option {opt['id']!r} has a short label of {len(short)} characters", f"at most {SHORT_LABEL_MAX} characters"))
            options.append(SurveyOption(opt["id"], opt["label"], short.strip()))
        answers = tuple(entry.get("answers", DEFAULT_ANSWERS.get(kind, ())))
        if kind == "choice" and not answers:
            problems.append(error(file, None, "answers", f"{label}: a choice question lists its answers", 'answers = ["Ja", "Nej", ...]'))
        texts = [entry["text"], entry.get("title", ""), entry.get("footnote", ""), *(o.label for o in options), *(o.short for o in options)]
        for p in unknown_placeholders(texts, PLACEHOLDERS):
            problems.append(error(file, None, "text", f"{label}: unknown placeholder {{{p}}}", _placeholders_expected(PLACEHOLDERS)))
        if errors_in(problems[bad:]):  # warnings (a long short label) keep the question
            continue
        out[ident] = SurveyQuestion(
            id=ident,
            respondent=respondent,
            text=entry["text"],
            kind=kind,
            chapter=entry["chapter"],
            title=entry.get("title", ""),
            number=entry.get("number", ""),
            options=tuple(options),
            answers=answers,
            unit=unit,
            footnote=entry.get("footnote", ""),
        )
    return out


def _placeholders_expected(allowed) -> str:
    return "one of " + ", ".join("{" + p + "}" for p in allowed) + " (see naravard.data.yeartexts)"


# --- regions and municipalities -------------------------------------------------------

REGION_COLUMNS = ("code", "short_name", "region_name", "county_name", "county_locative")
MUNICIPALITY_COLUMNS = ("code", "name", "county")


def _read_csv_rows(path: Path, columns: tuple[str, ...], problems: list[Problem]) -> list[dict[str, Any]]:
    if not path.is_file():
        problems.append(error(path.name, None, None, "the file is missing", f"{path.name} in the catalogue folder"))
        return []
    table = read_table(path)
    problems.extend(table.problems)
    missing = [c for c in columns if c not in table.frame.columns]
    if missing:
        found = ", ".join(table.columns_found) or "none"
        problems.extend(
            error(table.file, 1, c, f'missing required column "{c}" (columns found: {found})', f"columns {', '.join(columns)}")
            for c in missing
        )
        return []
    return table.frame[[ROW, *columns]].to_dict("records")


def _read_regions(path: Path, problems: list[Problem]) -> list[Region]:
    out: list[Region] = []
    for rec in _read_csv_rows(path, REGION_COLUMNS, problems):
        code = rec["code"].zfill(2) if rec["code"].isdigit() else rec["code"]
        if not re.fullmatch(r"\d\d", code) or code == "00" or code in {r.code for r in out}:
            problems.append(error(path.name, rec[ROW], "code", f"region code {rec['code']!r}", "a unique two-digit länskod, 01–25"))
            continue
        if any(not rec[c] for c in REGION_COLUMNS):
            problems.append(error(path.name, rec[ROW], None, f"region {code}: an empty name field", "every name form filled in"))
            continue
        out.append(Region(code, rec["short_name"], rec["region_name"], rec["county_name"], rec["county_locative"]))
    codes = [r.code for r in out]
    if codes != sorted(codes):
        problems.append(error(path.name, None, "code", "the regions are not in länskod order", "rows sorted by code"))
    return out


def _read_municipalities(path: Path, counties: set[str], problems: list[Problem]) -> list[Municipality]:
    out: list[Municipality] = []
    seen: set[str] = set()
    for rec in _read_csv_rows(path, MUNICIPALITY_COLUMNS, problems):
        code = rec["code"].zfill(4) if rec["code"].isdigit() else rec["code"]
        county = rec["county"].zfill(2) if rec["county"].isdigit() else rec["county"]
        if not re.fullmatch(r"\d{4}", code) or code in seen:
            problems.append(error(path.name, rec[ROW], "code", f"kommun code {rec['code']!r}", "a unique four-digit kommunkod"))
            continue
        if counties and county not in counties:
            problems.append(error(path.name, rec[ROW], "county", f"county {rec['county']!r} is not in regions.csv", "a länskod from regions.csv"))
            continue
        if not code.startswith(county):
            problems.append(error(path.name, rec[ROW], "county", f"kommun {code} is not in county {county}", "the kommunkod starts with the länskod"))
            continue
        if not rec["name"]:
            problems.append(error(path.name, rec[ROW], "name", f"kommun {code} has no name", "the kommun's name"))
            continue
        seen.add(code)
        out.append(Municipality(code, rec["name"], county))
    return out
