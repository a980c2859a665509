"""Fixtures for the register stage: the catalogue, the hand-made extract, one Spark session."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, need

CATALOGUE = ROOT / "data" / "catalogue"
TINY = Path(__file__).parent / "tiny"


@pytest.fixture(scope="session")
def catalogue():
    from naravard.data.catalogue import load_catalogue

    return load_catalogue(CATALOGUE)


@pytest.fixture(scope="session")
def spark():
    """One local Spark session (loopback only) shared by every Spark test."""
    need(importlib.util.find_spec("pyspark") is not None, 'pyspark is not installed (pip install -e ".[test]")')
    need(shutil.which("java") is not None, "java is not installed (Debian package openjdk-17-jre-headless)")
    from naravard.registers.engines import spark_session

    session = spark_session("naravard-tests", small=True)
    yield session
    session.stop()


def compute(folder: Path, catalogue, engine, **kwargs):
    from naravard.registers import compute_indicators
    from naravard.registers.engines import SparkEngine

    eng = SparkEngine(engine) if not isinstance(engine, str) else engine
    try:
        return compute_indicators(folder, catalogue, engine=eng, **kwargs)
    finally:
        if not isinstance(eng, str):
            eng.close()


@pytest.fixture(scope="session")
def tiny_duckdb(catalogue):
    return compute(TINY, catalogue, "duckdb", threshold=0)


@pytest.fixture(scope="session")
def tiny_spark(catalogue, spark):
    return compute(TINY, catalogue, spark, threshold=0)
