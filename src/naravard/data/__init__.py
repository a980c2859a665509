"""Data stage: the data package on disk in, validated tables out.

Public API::

    from naravard.data import load_package, validate_package, load_catalogue, Problem, DataPackageError

The package format is documented in ``docs/data-package.md``.
"""

from naravard.data.catalogue import load_catalogue, read_catalogue
from naravard.data.models import (
    INDICATOR_COLUMNS,
    SURVEY_MUNICIPALITY_COLUMNS,
    SURVEY_REGION_COLUMNS,
    Catalogue,
    DataPackage,
    Definition,
    Indicator,
    Municipality,
    Region,
    ReportSettings,
    SurveyOption,
    SurveyQuestion,
)
from naravard.data.package import check_package, find_catalogue, load_package, validate_package
from naravard.data.problems import DataPackageError, Problem

__all__ = [
    "INDICATOR_COLUMNS",
    "SURVEY_MUNICIPALITY_COLUMNS",
    "SURVEY_REGION_COLUMNS",
    "Catalogue",
    "DataPackage",
    "DataPackageError",
    "Definition",
    "Indicator",
    "Municipality",
    "Problem",
    "Region",
    "ReportSettings",
    "SurveyOption",
    "SurveyQuestion",
    "check_package",
    "find_catalogue",
    "load_catalogue",
    "load_package",
    "read_catalogue",
    "validate_package",
]
