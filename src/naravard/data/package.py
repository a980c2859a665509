"""Load a data package: find its files, read, type, validate, and hand over the tables.

:func:`check_package` does all the work once and keeps every problem;
:func:`validate_package` returns the problems, :func:`load_package` returns a
:class:`~naravard.data.models.DataPackage` or raises :class:`DataPackageError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from naravard.data.catalogue import read_catalogue
from naravard.data.method import check_against_answers, read_method
from naravard.data.models import (
    INDICATOR_COLUMNS,
    SURVEY_MUNICIPALITY_COLUMNS,
    SURVEY_REGION_COLUMNS,
    Catalogue,
    DataPackage,
    ReportSettings,
)
from naravard.data.problems import DataPackageError, Problem, error, errors_in, sort_problems, warning, warnings_in
from naravard.data.readers import SUFFIXES, data_files, locate, read_table
from naravard.data.settings import read_settings
from naravard.data.sources import SPECS as SOURCE_SPECS
from naravard.data.sources import Sources, check_sources
from naravard.data.text_fields import text_column_problems
from naravard.data.tables import (
    BAD,
    COST_SPEC,
    INDICATOR_SPEC,
    SURVEY_MUNICIPALITY_SPEC,
    SURVEY_REGION_SPEC,
    contract_frame,
    typed_table,
)
from naravard.data.validation import (
    Context,
    check_indicators,
    check_survey_municipalities,
    check_survey_regions,
    normalise_region_answers,
)
from naravard.errors import ProjectNotFound

TABLES = {spec.stem: spec for spec in (INDICATOR_SPEC, COST_SPEC, SURVEY_REGION_SPEC, SURVEY_MUNICIPALITY_SPEC, *SOURCE_SPECS)}
REQUIRED_TABLES = ("indicators", "survey_regions", "survey_municipalities")


@dataclass
class CheckResult:
    """Everything one pass over a package found: problems, and the tables when readable."""

    data_dir: Path
    catalogue_dir: Path | None
    problems: list[Problem] = field(default_factory=list)
    settings: ReportSettings | None = None
    catalogue: Catalogue | None = None
    indicators: pd.DataFrame | None = None
    survey_regions: pd.DataFrame | None = None
    survey_municipalities: pd.DataFrame | None = None
    method: object | None = None  # naravard.data.method.SurveyMethod, from the optional method.toml
    sources: Sources = field(default_factory=Sources)  # references, examples, facts, exclusions (data/sources.py)

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)

    def package(self) -> DataPackage:
        if self.errors or self.settings is None or self.catalogue is None:
            raise DataPackageError(self.problems, what=f"The data package {self.data_dir}")
        return DataPackage(
            root=self.data_dir,
            settings=self.settings,
            catalogue=self.catalogue,
            indicators=self.indicators if self.indicators is not None else _empty(INDICATOR_COLUMNS),
            survey_regions=self.survey_regions if self.survey_regions is not None else _empty(SURVEY_REGION_COLUMNS),
            survey_municipalities=(
                self.survey_municipalities if self.survey_municipalities is not None else _empty(SURVEY_MUNICIPALITY_COLUMNS)
            ),
            warnings=tuple(self.warnings),
            method=self.method,
            **self.sources.package_fields(),
        )


def load_package(data_dir: Path, catalogue_dir: Path | None = None) -> DataPackage:
    """The validated package; raises :class:`DataPackageError` listing every problem on errors."""
    return check_package(data_dir, catalogue_dir).package()  # its warnings travel on the package


def validate_package(data_dir: Path, catalogue_dir: Path | None = None) -> list[Problem]:
    """Every problem in the package, errors first; never stops at the first."""
    return check_package(data_dir, catalogue_dir).problems


def find_catalogue(data_dir: Path) -> Path | None:
    """The project's ``data/catalogue``, else ``../catalogue`` beside the package."""
    from naravard.project import find_project

    for start in (None, Path(data_dir)):
        try:
            candidate = find_project(start).catalogue_dir
        except ProjectNotFound:
            continue
        if candidate.is_dir():
            return candidate
    sibling = Path(data_dir).resolve().parent / "catalogue"
    return sibling if sibling.is_dir() else None


def check_package(data_dir: Path, catalogue_dir: Path | None = None) -> CheckResult:
    data_dir = Path(data_dir)
    cat_dir = Path(catalogue_dir) if catalogue_dir is not None else find_catalogue(data_dir)
    result = CheckResult(data_dir, cat_dir)
    problems = result.problems
    if not data_dir.is_dir():
        problems.append(error(str(data_dir), None, None, "the data package folder does not exist", "a folder with report.toml and the data files"))
        return result

    if cat_dir is None:
        problems.append(
            error("catalogue", None, None, "no catalogue found", "--catalogue DIR, data/catalogue in the project, or a catalogue/ folder beside the package")
        )
    else:
        catalogue, cat_problems = read_catalogue(cat_dir)
        problems += [replace(p, file=f"{cat_dir.name}/{p.file}") for p in cat_problems]
        result.catalogue = catalogue if not errors_in(cat_problems) else None

    settings, settings_problems = read_settings(data_dir)
    problems += settings_problems
    result.settings = settings

    typed = _read_tables(data_dir, problems)
    if result.catalogue is None:  # without a catalogue only the structure can be checked
        result.problems = sort_problems(problems)
        return result
    if settings is not None:
        result.catalogue = _with_year(result.catalogue, settings.year)
    ctx = Context(result.catalogue, settings.year if settings else None)

    # Rows with a cell of the wrong type are reported and left out of the tables
    # (a package with errors never loads; the summary counts only typed rows).
    frames = [typed[s] for s in ("indicators", "costs") if s in typed]
    if frames:
        ind = pd.concat(frames, ignore_index=True)
        problems += check_indicators(ind, ctx, frozenset(s for s in ("indicators", "costs") if s in typed))
        for column in ("period", "missing"):  # the free texts the report prints
            problems += text_column_problems(ind.loc[~ind[BAD]], column)
        result.indicators = contract_frame(ind.loc[~ind[BAD]], INDICATOR_COLUMNS)
    if "survey_regions" in typed:
        sr = normalise_region_answers(typed["survey_regions"], ctx)
        problems += check_survey_regions(sr, ctx)
        result.survey_regions = contract_frame(sr.loc[~sr[BAD]], SURVEY_REGION_COLUMNS)
    if "survey_municipalities" in typed:
        sm = typed["survey_municipalities"]
        problems += check_survey_municipalities(sm, ctx)
        result.survey_municipalities = contract_frame(sm.loc[~sm[BAD]], SURVEY_MUNICIPALITY_COLUMNS)
    method, method_problems = read_method(data_dir, result.catalogue)
    problems += method_problems
    result.method = method
    if method is not None and settings is not None and result.survey_regions is not None:
        problems += check_against_answers(method, result.survey_regions, settings.year)
    result.sources, found = check_sources(data_dir, cat_dir, ctx, typed, result.survey_regions)
    problems += found
    result.problems = sort_problems(problems)
    return result


def _read_tables(data_dir: Path, problems: list[Problem]) -> dict[str, pd.DataFrame]:
    files = data_files(data_dir)
    for stem, paths in files.items():
        if stem not in TABLES:
            problems.append(
                warning(
                    paths[0].name,
                    None,
                    None,
                    "not a table of a data package; ignored",
                    f"one of {', '.join(TABLES)} as {', '.join(SUFFIXES)}",
                )
            )
    typed: dict[str, pd.DataFrame] = {}
    for stem, spec in TABLES.items():
        path, found = locate(data_dir, stem, files)
        problems += found
        if path is None:
            if not found and stem in REQUIRED_TABLES:
                problems.append(
                    error(f"{stem}.csv", None, None, "the file is missing", f"{stem}.csv, {stem}.xlsx or {stem}.parquet in the data package")
                )
            continue
        raw = read_table(path)
        problems += raw.problems
        if raw.problems and any(p.is_error and p.column is None for p in raw.problems) and raw.frame.empty:
            continue  # unreadable: already reported
        frame, table_problems = typed_table(raw, spec)
        problems += table_problems
        if frame is not None:
            typed[stem] = frame
    return typed


def _with_year(catalogue: Catalogue, year: int) -> Catalogue:
    """Fill in ``{year}`` (the reference year): "Regionernas redovisningar ... 2024", "2024 års prisnivå"."""
    y = str(year)
    sources = {k: v.replace("{year}", y) for k, v in catalogue.sources.items()}
    indicators = {
        k: replace(i, subtitle=i.subtitle.replace("{year}", y)) if "{year}" in i.subtitle else i
        for k, i in catalogue.indicators.items()
    }
    return replace(catalogue, sources=sources, indicators=indicators)


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    frame[BAD] = False
    return contract_frame(frame, columns)
