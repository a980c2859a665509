"""Edge packages for the whole session: next year's package is made once and copied per variant."""

from __future__ import annotations

import pytest

from tests.edgecases.packages import make


@pytest.fixture(scope="session")
def next_year_base(tmp_path_factory):
    """The sample moved on to reference year 2025 and filled with a year of data."""
    return make("next-year", tmp_path_factory.mktemp("edge") / "next-year")


@pytest.fixture
def edge_package(next_year_base, tmp_path):
    """``edge_package("ties")``: a variant of next year's package (tests/edgecases/packages.py)."""

    def build(name: str):
        return make(name, tmp_path / name, base=next_year_base)

    return build
