"""From the delivered files to typed tables, and the checks on the way.

One pass, one SQL query per file (DuckDB dialect, transpiled like the
definitions), reads the file as delivered and counts the cells that are empty
where a value is required, are not of their type, or are not a valid code, and,
on the same rows typed, dates out of range, ends before starts and unknown
people; duplicates and overlapping episodes are counted after it. Each count
that is not zero becomes one problem naming the file, the column, the number of
rows and the first offending value.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.registers.extract import (
    ATC,
    ATC_PATTERN,
    BOOL,
    DATE,
    HOUSING,
    HOUSING_CODES,
    ICD10,
    ICD10_PATTERN,
    ID,
    KOMMUN,
    SEX,
    SQL_TYPES,
    YEAR,
    Column,
    ExtractFile,
)

EARLIEST_BIRTH = 1880  # the first date of birth accepted (statistics.py places every later age in an age group)

_EXPECTED = {
    ID: "a whole number (the person's löpnummer)",
    YEAR: "a year such as 2024",
    DATE: "a date as YYYY-MM-DD",
    BOOL: "true or false (or 1 or 0)",
    SEX: "1 (man) or 2 (kvinna)",
    KOMMUN: "a four-digit kommunkod from the catalogue, such as 0114",
    ICD10: "an ICD-10-SE code such as I500 or J441: a letter, two digits and up to four more letters or digits",
    ATC: "a full ATC code such as N05BA01: a letter, two digits, two letters, two digits",
    HOUSING: "sabo (särskilt boende) or ordinart (ordinärt boende)",
}


@dataclass(frozen=True)
class Check:
    """One counted condition: which column, what is wrong, what was expected."""

    column: str | None
    condition: str  # SQL, true for an offending row
    example: str  # SQL for the value to quote
    message: str  # "{n} rows ..." is put before it
    expected: str = ""


def text(column: str) -> str:
    return f"NULLIF(TRIM(CAST({column} AS VARCHAR)), '')"


def normalised_code(column: str) -> str:
    return f"UPPER(REPLACE(REPLACE({text(column)}, '.', ''), ' ', ''))"


def typed(col: Column, is_text: bool) -> str:
    """The SQL expression for a column's typed value (NULL when it cannot be typed)."""
    c = col.name
    t = text(c)
    if col.kind == BOOL:
        if not is_text:
            return f"CAST({c} AS BOOLEAN)"
        return f"CASE WHEN LOWER({t}) IN ('true', '1') THEN TRUE WHEN LOWER({t}) IN ('false', '0') THEN FALSE END"
    if col.kind in (ID, YEAR, SEX):
        sql_type = SQL_TYPES[col.kind]
        if not is_text:
            return f"TRY_CAST({c} AS {sql_type})"
        return f"CASE WHEN REGEXP_MATCHES({t}, '^-?[0-9]+$') THEN TRY_CAST({t} AS {sql_type}) END"
    if col.kind == DATE:
        if not is_text:
            return f"TRY_CAST({c} AS DATE)"
        return f"CASE WHEN REGEXP_MATCHES({t}, '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$') THEN TRY_CAST({t} AS DATE) END"
    if col.kind == KOMMUN:
        return f"LPAD({t}, 4, '0')"
    if col.kind in (ICD10, ATC):
        return f"NULLIF({normalised_code(c)}, '')"
    if col.kind == HOUSING:
        return f"LOWER({t})"
    return t


def typed_select(spec: ExtractFile, raw: str, text_columns: set[str]) -> str:
    cols = ",\n    ".join(f"{typed(c, c.name in text_columns)} AS {c.name}" for c in spec.columns)
    return f"SELECT\n    {cols}\nFROM {raw}"


_NOUNS = {ID: "a whole number", YEAR: "a year", DATE: "a date", BOOL: "true or false", SEX: "a sex code",
          KOMMUN: "a kommunkod of the catalogue", ICD10: "an ICD-10 code", ATC: "an ATC code", HOUSING: "a housing code"}


def raw_checks(spec: ExtractFile, text_columns: set[str]) -> list[Check]:
    """On the file as delivered: empty cells, cells not of their type, invalid codes."""
    checks: list[Check] = []
    for col in spec.columns:
        is_text = col.name in text_columns
        c, v = col.name, typed(col, is_text)
        # a typed column (Parquet's integers, dates, booleans) is empty only when NULL: no text to trim
        t = text(c) if is_text else c
        if col.required:
            checks.append(Check(c, f"{t} IS NULL", "NULL", "with an empty cell", "a value in every row"))
        if col.kind == ICD10:
            bad = f"({v}) IS NULL OR NOT REGEXP_MATCHES({v}, '{ICD10_PATTERN}')"
        elif col.kind == ATC:
            bad = f"({v}) IS NULL OR NOT REGEXP_MATCHES({v}, '{ATC_PATTERN}')"
        elif col.kind == SEX:
            bad = f"({v}) IS NULL OR ({v}) NOT IN (1, 2)"
        elif col.kind == KOMMUN:
            bad = f"({v}) NOT IN (SELECT kommun FROM kommuner)"
        elif col.kind == HOUSING:
            bad = f"({v}) NOT IN ({', '.join(repr(h) for h in HOUSING_CODES)})"
        else:
            bad = f"({v}) IS NULL"
        example = t if is_text else f"CAST({c} AS VARCHAR)"
        checks.append(Check(c, f"{t} IS NOT NULL AND ({bad})", example, f"with a value that is not {_NOUNS[col.kind]}", _EXPECTED[col.kind]))
    return checks


def typed_value(spec: ExtractFile, text_columns: set[str]):
    """name -> the SQL of that column's typed value, read from the file as delivered."""
    return lambda name: f"({typed(spec.column(name), name in text_columns)})"


def typed_checks(spec: ExtractFile, first: str, last: str, value) -> list[Check]:
    """On the typed values (*value*: name -> SQL): dates in the extract's period, ends after starts.

    *first* and *last* are SQL date literals: the first and last day a date may have.
    """
    checks: list[Check] = []
    period = f"{first[6:10]}–{last[6:10]}"

    def later(column: str, earlier: str, message: str, expected: str) -> Check:
        c = value(column)
        return Check(column, f"{c} < {value(earlier)}", f"CAST({c} AS VARCHAR)", message, expected)

    for name in spec.dates:
        v = value(name)
        checks.append(
            Check(name, f"{v} IS NOT NULL AND ({v} < {first} OR {v} > {last})", f"CAST({v} AS VARCHAR)",
                  "with a date out of range", f"dates from {first[6:16]} to {last[6:16]}, within the extract's years and one year either side ({period})")
        )
    if spec.stem == "persons":
        birth = value("birth_date")
        checks.append(Check("birth_date", f"{birth} < DATE '{EARLIEST_BIRTH}-01-01' OR {birth} > {last}", f"CAST({birth} AS VARCHAR)",
                            "with a date of birth out of range", f"a date of birth from {EARLIEST_BIRTH}-01-01 to {last[6:16]}"))
        checks.append(later("death_date", "birth_date", "with a date of death before the date of birth", "a date of death on or after the date of birth"))
    if spec.stem == "inpatient":
        checks.append(later("discharge_date", "admission_date", "with a discharge before the admission", "a discharge date on or after the admission date"))
    if spec.stem == "municipal_care":
        checks.append(later("end_date", "start_date", "with an end before the start", "an end date on or after the start date"))
    return checks


def aggregate_query(checks: list[Check], source: str, extra: tuple[str, ...] = ()) -> str:
    """One pass over *source*: for each check the number of offending rows and the smallest
    example, then the *extra* expressions (row counts, rows per year)."""
    parts = []
    for i, ch in enumerate(checks):
        parts.append(f"COUNT(CASE WHEN {ch.condition} THEN 1 END) AS n{i}")
        parts.append(f"MIN(CASE WHEN {ch.condition} THEN {ch.example} END) AS e{i}")
    parts.extend(extra)
    return f"SELECT {', '.join(parts)} FROM {source}"


def with_known_people(source: str, person: str) -> str:
    """*source* with ``known_person``: NULL for a person (SQL *person*) who is not in persons."""
    return f"{source} LEFT JOIN (SELECT person_id AS known_person FROM persons) AS known ON known.known_person = {person}"


def unknown_people_check(persons_file: str, person: str) -> Check:
    return Check("person_id", f"known_person IS NULL AND {person} IS NOT NULL", person,
                 f"with a person who is not in {persons_file}", "every person_id in persons")


def duplicates_query(stem: str, keys: tuple[str, ...]) -> str:
    k = ", ".join(keys)
    return (
        f"SELECT COUNT(*) AS n, MIN(person_id) AS e FROM "
        f"(SELECT {k} FROM {stem} GROUP BY {k} HAVING COUNT(*) > 1) AS d"
    )


def overlaps_query(stem: str, start: str, end: str, open_end: str, same_day_ok: bool) -> str:
    """Episodes that start before the person's previous one ended. For vårdtillfällen a
    transfer (admission on the day of the previous discharge) is no overlap; care periods
    may not share a day."""
    end_expr = f"COALESCE({end}, {open_end})"
    overlap = "<" if same_day_ok else "<="
    return f"""
SELECT COUNT(*) AS n, COUNT(DISTINCT person_id) AS persons, MIN(person_id) AS e
FROM (
    SELECT person_id, {start} AS starts,
           LAG({end_expr}) OVER (PARTITION BY person_id ORDER BY {start}, {end_expr}) AS previous_end
    FROM {stem}
) AS ordered
WHERE starts {overlap} previous_end
"""


def years_query(stem: str, column: str, is_year: bool = False) -> str:
    expr = column if is_year else f"YEAR({column})"
    return f"SELECT DISTINCT {expr} AS year FROM {stem} WHERE {column} IS NOT NULL"
