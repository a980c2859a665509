"""The register extract: which files a delivery holds, their columns and types.

This is the delivery specification as data (docs/registers.md prints it for a
register unit). Each file may be Parquet or CSV (UTF-8, comma or semicolon,
header row); names are case-insensitive. A file the extract lacks only leaves
out the indicators that need it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".parquet", ".csv")

# Column kinds: how a value is typed and which codes it may hold.
ID = "id"  # person id (löpnummer), a whole number
YEAR = "year"
DATE = "date"  # ISO 8601, YYYY-MM-DD
BOOL = "bool"  # true/false or 1/0
SEX = "sex"  # 1 = man, 2 = kvinna (SCB's kön)
KOMMUN = "kommun"  # four-digit kommunkod, as in the catalogue
ICD10 = "icd10"  # ICD-10-SE without dot: I500, J441, S7200
ATC = "atc"  # a full ATC code at level 5: N05BA01
HOUSING = "housing"  # sabo | ordinart

SQL_TYPES = {ID: "BIGINT", YEAR: "INTEGER", DATE: "DATE", BOOL: "BOOLEAN", SEX: "INTEGER"}  # others: VARCHAR

# The patterns codes must match once upper-cased and stripped of dots and spaces.
ICD10_PATTERN = "^[A-Z][0-9][0-9][0-9A-Z]{0,4}$"
ATC_PATTERN = "^[A-Z][0-9][0-9][A-Z][A-Z][0-9][0-9]$"
HOUSING_CODES = ("sabo", "ordinart")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool = True  # False: may be empty
    meaning: str = ""


@dataclass(frozen=True)
class ExtractFile:
    stem: str
    register: str  # the register it comes from, as the register unit names it
    meaning: str
    columns: tuple[Column, ...]
    dates: tuple[str, ...] = ()  # date columns that must fall inside the extract's period

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


FILES: dict[str, ExtractFile] = {
    f.stem: f
    for f in (
        ExtractFile(
            "persons",
            "Registret över totalbefolkningen och dödsorsaksregistret",
            "Everyone in the extract, once: sex, date of birth, date of death.",
            (
                Column("person_id", ID, meaning="the person's löpnummer, the same in every file"),
                Column("sex", SEX, meaning="1 = man, 2 = kvinna"),
                Column("birth_date", DATE, meaning="date of birth"),
                Column("death_date", DATE, required=False, meaning="date of death; empty when alive at the end of the extract"),
            ),
            dates=("death_date",),
        ),
        ExtractFile(
            "population",
            "Registret över totalbefolkningen",
            "One row per person and year the person was folkbokförd in Sweden, with the kommun at the end of the "
            "year (for a person who died or emigrated during the year: the last kommun).",
            (
                Column("person_id", ID),
                Column("year", YEAR, meaning="calendar year"),
                Column("kommun", KOMMUN, meaning="folkbokföringskommun, four-digit kommunkod"),
            ),
        ),
        ExtractFile(
            "inpatient",
            "Patientregistret, sluten vård",
            "One row per vårdtillfälle (episode of inpatient care).",
            (
                Column("person_id", ID),
                Column("admission_date", DATE, meaning="inskrivningsdatum"),
                Column("discharge_date", DATE, meaning="utskrivningsdatum"),
                Column("main_diagnosis", ICD10, meaning="huvuddiagnos, ICD-10-SE"),
                Column("external_cause", ICD10, required=False, meaning="yttre orsak (ICD-10-SE chapter XX, V01–Y98), for injuries"),
                Column("planned", BOOL, meaning="true for planned admissions (planerad vård), false for unplanned"),
            ),
            dates=("admission_date", "discharge_date"),
        ),
        ExtractFile(
            "outpatient",
            "Patientregistret, specialiserad öppen vård",
            "One row per visit (besök) in specialised outpatient care.",
            (
                Column("person_id", ID),
                Column("visit_date", DATE, meaning="besöksdatum"),
                Column("emergency", BOOL, meaning="true for a visit at a hospital emergency department (sjukhusbunden akutmottagning)"),
                Column("main_diagnosis", ICD10, required=False, meaning="huvuddiagnos, ICD-10-SE, when recorded"),
            ),
            dates=("visit_date",),
        ),
        ExtractFile(
            "municipal_care",
            "Registret över insatser inom kommunal hälso- och sjukvård",
            "One row per continuous period in which a person had kommunal hälso- och sjukvård, with the "
            "kommun that gave it and the housing.",
            (
                Column("person_id", ID),
                Column("kommun", KOMMUN, meaning="the kommun responsible for the care"),
                Column("housing", HOUSING, meaning="sabo = särskilt boende, ordinart = ordinärt boende"),
                Column("start_date", DATE, meaning="first day with insatser"),
                Column("end_date", DATE, required=False, meaning="last day with insatser; empty when ongoing at the end of the extract"),
            ),
            dates=("start_date", "end_date"),
        ),
        ExtractFile(
            "dispensed",
            "Läkemedelsregistret",
            "One row per dispensed prescription (uttag på apotek).",
            (
                Column("person_id", ID),
                Column("dispensed_date", DATE, meaning="expedieringsdatum"),
                Column("atc", ATC, meaning="ATC code of the dispensed product, level 5"),
            ),
            dates=("dispensed_date",),
        ),
    )
}

# The metadata file beside the data files (optional).
EXTRACT_TOML = "extract.toml"


@dataclass(frozen=True)
class FoundFile:
    spec: ExtractFile
    path: Path
    format: str  # parquet | csv
    delimiter: str = ","

    @property
    def name(self) -> str:
        return self.path.name


def find_files(folder: Path) -> tuple[dict[str, FoundFile], list[str]]:
    """The extract files in *folder* by stem, and the problems finding them (two files for one stem)."""
    found: dict[str, FoundFile] = {}
    problems: list[str] = []
    candidates: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in SUFFIXES and path.stem.lower() in FILES:
            candidates.setdefault(path.stem.lower(), []).append(path)
    for stem, paths in candidates.items():
        if len(paths) > 1:
            problems.append(f"{', '.join(p.name for p in paths)}: {len(paths)} files hold the same extract; keep one")
            continue
        path = paths[0]
        fmt = path.suffix.lower().lstrip(".")
        found[stem] = FoundFile(FILES[stem], path, fmt, sniff_delimiter(path) if fmt == "csv" else ",")
    return found, problems


def sniff_delimiter(path: Path) -> str:
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        header = fh.readline()
    return ";" if header.count(";") > header.count(",") else ","


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
