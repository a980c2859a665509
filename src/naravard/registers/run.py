"""The register stage: check an extract, run the definitions, compute the rows.

    extract folder ─ find + check (staging.py) ─▶ typed views (CSV: tables) ─ stages ─▶ definitions (SQL)
        ─▶ counts by stratum ─ statistics.sql (in the engine) ─▶ cells ─ statistics.py (rounding,
        reasons) ─▶ indicators.csv rows + provenance

Nothing is written here (output.py does that, only after everything succeeded).
"""

from __future__ import annotations

import json
import hashlib
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from naravard import __version__
from naravard.data.problems import Problem, error, format_problems
from naravard.errors import NaravardError
import naravard.registers.staging as staging  # the module, not the package: no cycle through __init__
from naravard.registers.definitions import DEFINITIONS, DEFINITIONS_VERSION, Definition, sql_text, stages_for
from naravard.registers.engines import Engine, open_engine
from naravard.registers.extract import EXTRACT_TOML, FILES, FoundFile, file_hash, find_files
from naravard.registers.statistics import (
    COLUMNS,
    DEFAULT_THRESHOLD,
    StandardPopulation,
    read_standard_population,
    register_tables,
    rows_from_cells,
    statistics_sql,
)

REQUIRED_FILES = ("persons", "population")

# How each definition's population is named in a missing reason ("registren har inga uppgifter om …").
POPULATIONS = {
    "paverkbar_slutenvard": "invånare 20 år och äldre",
    "oplanerade_aterinskrivningar": "vårdtillfällen vid utvalda diagnoser för patienter 65 år och äldre",
    "lakemedel_undvikas_ordbo": "personer 75 år och äldre med kommunal hälso- och sjukvård i ordinärt boende",
    "lakemedel_undvikas_sabo": "personer 75 år och äldre med kommunal hälso- och sjukvård i särskilt boende",
    "paverkbar_slutenvard_sabo": "personer 65 år och äldre med kommunal hälso- och sjukvård i särskilt boende",
    "paverkbar_slutenvard_ordbo": "personer 65 år och äldre med kommunal hälso- och sjukvård i ordinärt boende",
    "fallskador_sabo": "personer 65 år och äldre med kommunal hälso- och sjukvård i särskilt boende",
    "fallskador_ordbo": "personer 65 år och äldre med kommunal hälso- och sjukvård i ordinärt boende",
    "akutbesok_80": "invånare 80 år och äldre",
}

# The event files whose dates must cover every year computed, and the date that places a row in a year.
EVENT_YEARS = {
    "inpatient": ("discharge_date", "vårdtillfällen discharged"),
    "outpatient": ("visit_date", "visits"),
    "dispensed": ("dispensed_date", "uttag"),
}


class ExtractError(NaravardError):
    """The extract cannot be used; lists every problem found."""

    def __init__(self, problems: list[Problem], folder: Path):
        self.problems = problems
        super().__init__(
            f"The register extract {folder} has {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
            f"nothing was written:\n{format_problems(problems)}"
        )


@dataclass
class RegisterResult:
    rows: pd.DataFrame
    provenance: dict  # one run: engine, extract files, definitions (see provenance.py)
    years: list[int]
    skipped: dict[str, list[str]] = field(default_factory=dict)  # indicator -> missing extract files
    timings: dict[str, float] = field(default_factory=dict)


def parse_years(text: str | None) -> list[int] | None:
    """``2013-2024`` or ``2013–2024`` or ``2024`` or ``2013,2015``."""
    if not text:
        return None
    years: set[int] = set()
    try:
        for part in text.replace("–", "-").split(","):
            part = part.strip()
            if "-" in part:
                a, b = (int(x) for x in part.split("-", 1))
                if b < a:
                    raise ValueError
                years.update(range(a, b + 1))
            else:
                years.add(int(part))
    except ValueError:
        raise NaravardError(f"--years {text!r}: expected years such as 2013-2024, 2024 or 2013,2015") from None
    return sorted(years)


def read_extract_toml(folder: Path) -> dict:
    path = folder / EXTRACT_TOML
    if not path.exists():
        return {}
    try:
        meta = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ExtractError([error(EXTRACT_TOML, None, None, f"not valid TOML: {exc}", "key = value lines in UTF-8")], folder) from None
    if "synthetic" in meta and not isinstance(meta["synthetic"], bool):
        raise ExtractError([error(EXTRACT_TOML, None, "synthetic", f"{meta['synthetic']!r} is not true or false", "synthetic = true or false")], folder)
    return meta


def compute_indicators(
    registers_dir: Path,
    catalogue,  # naravard.data.models.Catalogue
    *,
    years: list[int] | None = None,
    engine: str | Engine = "duckdb",
    threshold: int = DEFAULT_THRESHOLD,
    package_year: int | None = None,
    indicators: list[str] | None = None,
    standard: StandardPopulation | None = None,
) -> RegisterResult:
    """Check the extract in *registers_dir* and compute the register indicators' rows."""
    folder = Path(registers_dir)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    if not folder.is_dir():
        raise NaravardError(f"{folder}: the register extract folder does not exist")
    meta = read_extract_toml(folder)
    found, duplicate_problems = find_files(folder)
    problems = [error(p.split(":")[0], None, None, p.split(": ", 1)[1]) for p in duplicate_problems]
    for stem in REQUIRED_FILES:
        if stem not in found and not any(p.file.startswith(stem) for p in problems):
            problems.append(error(f"{stem}.parquet", None, None, "the file is missing", f"{stem}.parquet or {stem}.csv in {folder}"))

    wanted = [DEFINITIONS[i] for i in (indicators or DEFINITIONS)]
    unknown = [i for i in (indicators or []) if i not in DEFINITIONS]
    if unknown:
        raise NaravardError(f"no register definition for {', '.join(unknown)} (there are: {', '.join(DEFINITIONS)})")
    skipped = {d.id: [f for f in d.files if f not in found] for d in wanted if any(f not in found for f in d.files)}
    definitions = [d for d in wanted if d.id not in skipped and d.id in catalogue.indicators]
    if not definitions and not problems:
        problems.append(error(folder.name, None, None, "the extract has none of the files any register indicator needs",
                              "persons, population and inpatient, outpatient, municipal_care or dispensed (see docs/registers.md)"))
    used = sorted({f for d in definitions for f in d.files} | set(REQUIRED_FILES), key=list(FILES).index)

    columns: dict[str, dict[str, str]] = {}
    text_columns: dict[str, set[str]] = {}
    for stem in used:
        if stem not in found:
            continue
        f = found[stem]
        try:
            header, text_cols = _header(f)
        except Exception as exc:  # an unreadable file is one problem
            problems.append(error(f.name, None, None, f"cannot read the file: {exc}", "a Parquet file, or a CSV file in UTF-8 with a header row"))
            continue
        mapping = {}
        for col in f.spec.columns:
            if col.name in header:
                mapping[header[col.name]] = col.name
            else:
                problems.append(error(f.name, None, col.name, f"the column is missing (the file has {', '.join(header) or 'no columns'})",
                                      f"the columns {', '.join(c.name for c in f.spec.columns)}"))
        columns[stem] = mapping
        text_columns[stem] = {spec for orig, spec in mapping.items() if orig in text_cols}
    if problems:
        raise ExtractError(problems, folder)

    own_engine = isinstance(engine, str)
    eng = open_engine(engine) if own_engine else engine
    try:
        eng.register_values("kommuner", "kommun", sorted(m.code for m in catalogue.municipalities))
        for stem in used:
            eng.register_file(f"raw_{stem}", found[stem], columns[stem])
        timings["register"] = time.perf_counter() - started

        # typed views over the files as delivered (Parquet is read again column by column where
        # it is needed, far less memory than a typed copy of 20 million rows; a CSV file is
        # parsed once, into a table). Typing never fails: a value that is not of its type is NULL.
        for stem in used:
            typed = staging.typed_select(FILES[stem], f"raw_{stem}", text_columns[stem])
            (eng.view if found[stem].format == "parquet" else eng.materialise)(stem, typed)

        # the extract's period (the years of population) and the years to compute
        period = sorted(int(r[0]) for r in eng.query(staging.years_query("population", "year", is_year=True))[1])
        first, last = (period[0], period[-1]) if period else (0, 0)
        wanted_years = years or period

        # one pass over each file: its cells as delivered, the same cells typed, its people
        # known, its row count and the rows each year computed
        lo, hi = f"DATE '{first - 1}-01-01'", f"DATE '{last + 1}-12-31'"
        used_files = {f for d in definitions for f in d.files}
        file_rows: dict[str, int] = {}
        for stem in used:
            spec = FILES[stem]
            value = staging.typed_value(spec, text_columns[stem])
            checks = staging.raw_checks(spec, text_columns[stem])
            checks += staging.typed_checks(spec, lo, hi, value) if period else []
            source = f"raw_{stem}"
            if stem != "persons":
                checks.append(staging.unknown_people_check(found["persons"].name, value("person_id")))
                source = staging.with_known_people(source, value("person_id"))
            event = EVENT_YEARS.get(stem) if stem in used_files else None
            extra = ("COUNT(*) AS rows",)
            if event:
                extra += tuple(f"COUNT(CASE WHEN YEAR({value(event[0])}) = {y} THEN 1 END) AS y{y}" for y in wanted_years)
            found_problems, (rows, *per_year) = _run_checks(eng, found[stem].name, checks, source, extra)
            problems += found_problems
            file_rows[stem] = int(rows)
            missing = [y for y, n in zip(wanted_years, per_year) if not n and y in period]
            if missing:
                problems.append(error(found[stem].name, None, event[0],
                                      f"the extract is for the wrong years: no {event[1]} in {', '.join(map(str, missing))}",
                                      f"data for every year computed ({wanted_years[0]}–{wanted_years[-1]})"))
        timings["check"] = time.perf_counter() - started - sum(timings.values())
        if not period and not problems:
            raise ExtractError([error(found["population"].name, None, "year", "the file has no rows", "one row per person and year")], folder)
        if period:
            problems += _year_problems(found, wanted_years, period, package_year)
        problems += _structure_problems(eng, found, used, hi)  # NULL-safe: an untyped cell is left out
        if problems:
            raise ExtractError(problems, folder)
        timings["structure"] = time.perf_counter() - started - sum(timings.values())

        # the definitions
        eng.register_values("years", "year", list(range(first, last + 1)))
        for stage in stages_for(definitions):
            eng.materialise(stage, _substitute(sql_text(f"{stage}.sql"), first, last))
        timings["stages"] = time.perf_counter() - started - sum(timings.values())
        standard = standard or read_standard_population()
        municipalities = {m.code: m.county for m in catalogue.municipalities}
        regions = [r.code for r in catalogue.regions]
        indicators = {d.id: catalogue.indicators[d.id] for d in definitions}
        years_of = {d.id: [y for y in wanted_years if y >= indicators[d.id].first_year] for d in definitions}
        rows = pd.DataFrame(columns=list(COLUMNS))
        counted = [d for d in definitions if years_of[d.id]]
        if counted:
            register_tables(eng, counted, indicators, years_of, municipalities, regions, standard)
            eng.materialise("counts", _counts_sql(counted, first, last))
            columns, cells = eng.query(statistics_sql(threshold))
            rows = rows_from_cells(columns, cells, indicators, threshold=threshold,
                                   synthetic=bool(meta.get("synthetic", False)), population_texts=POPULATIONS)
        timings["definitions"] = time.perf_counter() - started - sum(timings.values())
        run = _provenance(eng, found, used, file_rows, definitions, standard, threshold, meta, wanted_years)
    finally:
        if own_engine:
            eng.close()
    return RegisterResult(rows, run, wanted_years, skipped, timings)


def _header(f: FoundFile) -> tuple[dict[str, str], set[str]]:
    """{spec name: name as delivered} and the delivered names that hold text."""
    if f.format == "csv":
        import csv

        with f.path.open("r", encoding="utf-8-sig", newline="") as fh:
            names = next(csv.reader(fh, delimiter=f.delimiter), [])
        return {n.strip().lower(): n for n in names}, set(names)
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.read_schema(f.path)
    text = set()
    for fld in schema:
        t = fld.type
        if pa.types.is_dictionary(t):
            t = t.value_type
        if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_null(t):
            text.add(fld.name)
    return {n.strip().lower(): n for n in schema.names}, text


def _people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def _rows(n: int) -> str:
    return f"{n} row{'s' if n != 1 else ''}"


COUNT_COLUMNS = ["year", "kommun", "sex", "age", "numerator", "denominator"]


def _counts_sql(definitions: list[Definition], first: int, last: int) -> str:
    """Every definition's counts in one query, with an ``indicator`` column (one job on Spark)."""
    parts = [
        f"SELECT '{d.id}' AS indicator, {', '.join(COUNT_COLUMNS)} FROM (\n{d.rendered(first, last)}\n) AS d{i}"
        for i, d in enumerate(definitions)
    ]
    return "\nUNION ALL\n".join(parts)


def _run_checks(eng: Engine, file: str, checks: list[staging.Check], source: str, extra: tuple[str, ...] = ()) -> tuple[list[Problem], tuple]:
    """The problems the checks find in one pass over *source*, and the values of *extra*."""
    _, data = eng.query(staging.aggregate_query(checks, source, extra))
    values = data[0]
    problems = []
    for i, ch in enumerate(checks):
        n, example = values[2 * i], values[2 * i + 1]
        if n:
            quoted = f" (first: {example!r})" if example is not None else ""
            problems.append(error(file, None, ch.column, f"{_rows(n)} {ch.message}{quoted}", ch.expected))
    return problems, tuple(values[2 * len(checks):])


def _structure_problems(eng: Engine, found, used, open_end: str) -> list[Problem]:
    """Duplicate people and person-years, overlapping vårdtillfällen and care periods: one query."""
    queries = [
        ("persons", "person_id", staging.duplicates_query("persons", ("person_id",)),
         "{persons} listed more than once (first: {e})", "each person once"),
        ("population", "year", staging.duplicates_query("population", ("person_id", "year")),
         "{persons} with more than one row for a year (first: person {e})", "one row per person and year"),
    ]
    if "inpatient" in used:
        queries.append(("inpatient", "admission_date",
                        staging.overlaps_query("inpatient", "admission_date", "discharge_date", open_end, same_day_ok=True),
                        "{rows} overlapping an earlier vårdtillfälle of the same person ({people}, first: person {e})",
                        "each admission on or after the person's previous discharge"))
    if "municipal_care" in used:
        queries.append(("municipal_care", "start_date",
                        staging.overlaps_query("municipal_care", "start_date", "end_date", open_end, same_day_ok=False),
                        "{rows} overlapping an earlier care period of the same person ({people}, first: person {e})",
                        "a person's care periods one after another, without shared days"))
    select = ", ".join(f"q{i}.*" for i in range(len(queries)))
    # the columns of each part, renamed so that they stay apart
    renamed = []
    for i, q in enumerate(queries):
        cols = "n, persons, e" if "persons," in q[2] else "n, e"
        renamed.append(f"(SELECT {', '.join(f'{c.strip()} AS {c.strip()}{i}' for c in cols.split(','))} FROM ({q[2]}) AS s{i}) AS q{i}")
    _, data = eng.query(f"SELECT {select} FROM {' CROSS JOIN '.join(renamed)}")
    values = list(data[0])
    problems = []
    for stem, column, sql, message, expected in queries:
        if "persons," in sql:
            n, persons, e = values[:3]
            values = values[3:]
        else:
            (n, e), persons = values[:2], 0
            values = values[2:]
        if n:
            people = _people(persons)
            problems.append(error(found[stem].name, None, column,
                                  message.format(e=e, rows=_rows(n), people=people, persons=_people(n)), expected))
    return problems


def _year_problems(found, wanted, period, package_year) -> list[Problem]:
    problems = []
    outside = [y for y in wanted if y not in period]
    span = f"{period[0]}–{period[-1]}" if len(period) > 1 else str(period[0])
    if outside:
        problems.append(error(found["population"].name, None, "year",
                              f"the extract is for the wrong years: it covers {span}, not {', '.join(map(str, outside))}",
                              f"--years within {span}, or an extract that covers {', '.join(map(str, outside))}"))
    if package_year is not None:
        late = [y for y in wanted if y > package_year + 1]
        if late:
            problems.append(error(found["population"].name, None, "year",
                                  f"the extract is for the wrong years: {', '.join(map(str, late))} is after the package's report year {package_year} + 1",
                                  f"years up to {package_year + 1}, or --years {wanted[0]}-{package_year}"))
    return problems


def _substitute(sql: str, first: int, last: int) -> str:
    from string import Template

    return Template(sql).substitute(first_year=first, last_year=last)


def _provenance(eng, found, used, file_rows, definitions: list[Definition], standard, threshold, meta, years) -> dict:
    std_text = repr((standard.lower, standard.weight, standard.source))
    record = {
        "engine": {"name": eng.name, "version": eng.version()},
        "naravard": __version__,
        "definitions_version": DEFINITIONS_VERSION,
        "extract": {
            "name": str(meta.get("name", "")),
            "synthetic": bool(meta.get("synthetic", False)),
            "files": {found[s].name: {"sha256": file_hash(found[s].path), "rows": file_rows[s]} for s in used},
        },
        "standard_population": {"source": standard.source, "sha256": hashlib.sha256(std_text.encode()).hexdigest()[:16]},
        "disclosure_threshold": threshold,
        "definitions": {
            d.id: {"sql": f"sql/{d.sql_file}", "params": d.params, "digest": d.digest,
                   "files": [found[f].name for f in d.files]}
            for d in definitions
        },
        "years": years,
    }
    record["id"] = hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]
    return record
