"""The register indicators: one definition each, written once as SQL.

A definition is its SQL file in ``sql/`` (population, events and rules, in the
words of Bilaga 2 in its header) and a few facts the statistics need: what kind
of measure it is, per how many, and whether it is age-standardised. The SQL is
written in DuckDB's dialect and transpiled by sqlglot for every other engine, so
no engine has its own copy of the logic.

Every definition query returns the same columns, counts by stratum:
``year, kommun, sex, age, numerator, denominator`` (whole numbers). Rates,
standardisation, confidence limits and disclosure control are computed from
those counts once, by sql/statistics.sql in the engine, so both engines give identical rows.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from string import Template

# Bump when a definition's logic changes; recorded with every computed row.
DEFINITIONS_VERSION = "2025.1"

PROPORTION = "proportion"  # percent of the denominator
RATE = "rate"  # events per `per` people
PERSON_YEARS = "person_years"  # events per `per` personår (denominator in days)

# Staged tables every definition may read, built in this order from the extract.
STAGES = (
    ("person_years", ("persons", "population")),
    ("periods", ("inpatient",)),
    ("care_years", ("persons", "municipal_care")),
)
STAGE_NEEDS = dict(STAGES)


@dataclass(frozen=True)
class Definition:
    id: str  # catalogue id
    sql_file: str
    kind: str
    per: int = 100  # 100 for percent, 100 000 for per 100 000
    standardised: bool = False  # directly age-standardised against the standard population
    params: dict = field(default_factory=dict)
    files: tuple[str, ...] = ()  # extract files it reads (through the stages or directly)

    @property
    def sql(self) -> str:
        """The definition as written (before parameters and code lists are filled in)."""
        return sql_text(self.sql_file)

    def rendered(self, first_year: int, last_year: int) -> str:
        """The SQL with its shared fragments, parameters and code lists filled in, in DuckDB's dialect."""
        text = Template(include_fragments(self.sql)).substitute(first_year=first_year, last_year=last_year, **self.params)
        return expand_codes(text)

    @property
    def digest(self) -> str:
        """A hash of what decides the values: the SQL, its parameters, the code lists it uses."""
        sql = include_fragments(self.sql)
        lists = {name: code_lists()[name]["codes"] for name in sorted(set(_CODES_CALL.findall(sql)))}
        stages = [sql_text(f"{s}.sql") for s, needs in STAGES if set(needs) <= set(self.files)]
        text = repr((DEFINITIONS_VERSION, sql, sorted(self.params.items()), lists, stages, self.kind, self.per, self.standardised))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


DEFINITIONS: dict[str, Definition] = {
    d.id: d
    for d in (
        Definition("paverkbar_slutenvard", "paverkbar_slutenvard.sql", RATE, 100_000, standardised=True,
                   files=("persons", "population", "inpatient")),
        Definition("oplanerade_aterinskrivningar", "oplanerade_aterinskrivningar.sql", PROPORTION,
                   files=("persons", "population", "inpatient")),
        Definition("lakemedel_undvikas_ordbo", "lakemedel_undvikas.sql", PROPORTION, params={"housing": "ordinart"},
                   files=("persons", "municipal_care", "dispensed")),
        Definition("lakemedel_undvikas_sabo", "lakemedel_undvikas.sql", PROPORTION, params={"housing": "sabo"},
                   files=("persons", "municipal_care", "dispensed")),
        Definition("paverkbar_slutenvard_sabo", "paverkbar_slutenvard_khsv.sql", PERSON_YEARS, 100_000,
                   params={"housing": "sabo"}, files=("persons", "municipal_care", "inpatient")),
        Definition("paverkbar_slutenvard_ordbo", "paverkbar_slutenvard_khsv.sql", PERSON_YEARS, 100_000,
                   params={"housing": "ordinart"}, files=("persons", "municipal_care", "inpatient")),
        Definition("fallskador_sabo", "fallskador_khsv.sql", PERSON_YEARS, 100_000, params={"housing": "sabo"},
                   files=("persons", "municipal_care", "inpatient")),
        Definition("fallskador_ordbo", "fallskador_khsv.sql", PERSON_YEARS, 100_000, params={"housing": "ordinart"},
                   files=("persons", "municipal_care", "inpatient")),
        Definition("akutbesok_80", "akutbesok_80.sql", RATE, 1_000, files=("persons", "population", "outpatient")),
    )
}


# Parts shared by several definitions, each its own file in sql/: a definition names one
# as $name on a line of its own, and it is put there before the parameters are filled in.
FRAGMENTS = ("care_days",)
_FRAGMENT = re.compile(r"\$(" + "|".join(FRAGMENTS) + r")\b")


def include_fragments(sql: str) -> str:
    return _FRAGMENT.sub(lambda m: sql_text(f"{m.group(1)}.sql").rstrip("\n"), sql)


@cache
def sql_text(name: str) -> str:
    return resources.files("naravard.registers").joinpath("sql", name).read_text(encoding="utf-8")


@cache
def code_lists() -> dict[str, dict]:
    text = resources.files("naravard.registers").joinpath("codes.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


_CODES_CALL = re.compile(r"in_codes\(\s*[\w.]+\s*,\s*'(\w+)'\s*\)")
_CODES_ARGS = re.compile(r"in_codes\(\s*([\w.]+)\s*,\s*'(\w+)'\s*\)")


def expand_codes(sql: str) -> str:
    """``in_codes(col, 'list')`` -> a prefix test against the list's codes, grouped by length:
    ``(SUBSTR(col, 1, 3) IN ('I50', ...) OR SUBSTR(col, 1, 4) IN ('I110', ...))``."""

    def expand(match: re.Match) -> str:
        column, name = match.group(1), match.group(2)
        lists = code_lists()
        if name not in lists:
            raise KeyError(f"unknown code list {name!r} in a definition (codes.toml has {', '.join(lists)})")
        by_length: dict[int, list[str]] = {}
        for code in lists[name]["codes"]:
            by_length.setdefault(len(code), []).append(code)
        tests = [
            f"SUBSTR({column}, 1, {n}) IN ({', '.join(repr(c) for c in sorted(codes))})"
            for n, codes in sorted(by_length.items())
        ]
        return "(" + " OR ".join(tests) + ")"

    return _CODES_ARGS.sub(expand, sql)


def stages_for(definitions) -> list[str]:
    """The staged tables the given definitions need, in build order."""
    files = set().union(*(d.files for d in definitions)) if definitions else set()
    return [name for name, needs in STAGES if set(needs) <= files]
