"""The synthetic extract: seeded, near the sample's national values, and through the whole chain:
``naravard indicators`` -> a package that validates -> a report whose values.json traces register
values to their definition, extract and engine."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from naravard.cli import main
from naravard.registers.synthetic import generate
from tests.conftest import ROOT, copy_project
from tests.registers.conftest import CATALOGUE, compute

SAMPLE = ROOT / "data" / "sample-2024"


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder, persons=30_000, seed=7)
    return folder


@pytest.fixture(scope="session")
def small_synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small-synthetic")
    generate(folder, persons=3_000, seed=11, first_year=2021, last_year=2024)
    return folder


def test_the_generator_is_seeded(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    generate(a, persons=1_500, seed=3, first_year=2023, last_year=2024)
    generate(b, persons=1_500, seed=3, first_year=2023, last_year=2024)
    names = sorted(p.name for p in a.iterdir())
    assert names == ["dispensed.parquet", "extract.toml", "inpatient.parquet", "municipal_care.parquet",
                     "outpatient.parquet", "persons.parquet", "population.parquet"]
    assert all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def test_values_land_near_the_sample(synthetic, catalogue):
    rows = compute(synthetic, catalogue, "duckdb").rows
    sample = pd.read_csv(SAMPLE / "indicators.csv", dtype={"area": str})
    riket = rows.loc[rows["level"].eq("riket") & rows["sex"].eq("totalt")]
    target = sample.loc[sample["level"].eq("riket") & sample["sex"].eq("totalt"), ["indicator", "year", "value"]]
    merged = riket.merge(target, on=["indicator", "year"], suffixes=("", "_sample"))
    merged["ratio"] = merged["value"].astype(float) / merged["value_sample"]
    by_indicator = merged.groupby("indicator")["ratio"].mean()
    assert set(by_indicator.index) == set(rows["indicator"])
    assert by_indicator.between(0.75, 1.33).all(), by_indicator.round(2).to_dict()
    # Stockholm's kommuner have no ordinärt-boende care in the register, as in the sample
    ordbo = rows.loc[rows["indicator"].eq("lakemedel_undvikas_ordbo") & rows["level"].eq("region") & rows["area"].eq("01")]
    assert ordbo["value"].isna().all() and ordbo["missing"].str.contains("registren har inga uppgifter").all()


def test_spark_gives_the_rows_duckdb_gives(small_synthetic, catalogue, spark):
    duck = compute(small_synthetic, catalogue, "duckdb").rows
    spark_rows = compute(small_synthetic, catalogue, spark).rows
    assert len(duck) > 1000
    assert duck.astype(str).equals(spark_rows.astype(str))


@pytest.fixture(scope="session")
def computed_package(synthetic, tmp_path_factory):
    """A copy of the project whose sample package got its register rows from `naravard indicators`."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    package = project / "data" / "sample-2024"
    result = CliRunner().invoke(main, ["indicators", "--registers", str(synthetic), "--out", str(package),
                                       "--years", "2013-2024", "--catalogue", str(CATALOGUE)])
    assert result.exit_code == 0, result.output
    return project, package, result.output


def test_the_command_writes_rows_that_validate(computed_package):
    from naravard.data import validate_package

    project, package, output = computed_package
    assert "Computed 9 register indicators for 2013–2024 with duckdb" in output
    errors = [p for p in validate_package(package, CATALOGUE) if p.is_error]
    assert errors == []
    rows = pd.read_csv(package / "indicators.csv", dtype={"area": str}, keep_default_na=False)
    old = pd.read_csv(SAMPLE / "indicators.csv", dtype={"area": str}, keep_default_na=False)
    registers = {"paverkbar_slutenvard", "oplanerade_aterinskrivningar", "lakemedel_undvikas_ordbo", "lakemedel_undvikas_sabo",
                 "paverkbar_slutenvard_sabo", "paverkbar_slutenvard_ordbo", "fallskador_sabo", "fallskador_ordbo", "akutbesok_80"}
    # the other indicators' rows are untouched, in their order
    keep = old.loc[~old["indicator"].isin(registers)]
    assert rows.loc[~rows["indicator"].isin(registers)].reset_index(drop=True).equals(keep.reset_index(drop=True))
    assert set(rows.loc[rows["indicator"].isin(registers), "synthetic"]) == {True}
    provenance = json.loads((package / "provenance" / "registers.json").read_text(encoding="utf-8"))
    (run,) = provenance["runs"].values()
    assert run["engine"]["name"] == "duckdb" and run["disclosure_threshold"] == 5
    assert set(run["extract"]["files"]) == {"persons.parquet", "population.parquet", "inpatient.parquet", "outpatient.parquet",
                                            "municipal_care.parquet", "dispensed.parquet"}
    assert all(len(f["sha256"]) == 64 for f in run["extract"]["files"].values())
    assert provenance["indicators"]["paverkbar_slutenvard"]["2024"] == run["id"]


def test_running_it_again_gives_the_same_bytes(tmp_path):
    """Into a fresh package twice, and over its own output: byte-identical files."""
    from tests.registers.conftest import TINY

    def run(package):
        result = CliRunner().invoke(main, ["indicators", "--registers", str(TINY), "--out", str(package), "--catalogue", str(CATALOGUE)])
        assert result.exit_code == 0, result.output
        return result.output

    first, second = tmp_path / "a", tmp_path / "b"
    run(first)
    run(second)
    output = run(second)
    assert "replaced 4038 earlier rows" in output
    for name in ("indicators.csv", "provenance/registers.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


@pytest.mark.e2e
def test_the_package_builds_and_values_trace_to_their_definition(computed_package):
    from naravard.pipeline import BuildOptions, run_build

    project, package, _ = computed_package
    result = run_build(BuildOptions(project_dir=project, data_dir=package, formats=("html",), engine="builtin"))
    manifest = json.loads((result.out_dir / "values.json").read_text(encoding="utf-8"))
    traced = [s for v in manifest["values"] for s in v["sources"] if "provenance" in s]
    assert traced, "no printed value traced to a register run"
    run = manifest["provenance"][traced[0]["provenance"]]
    assert run["engine"]["name"] == "duckdb" and run["definitions"]
    printed = {v["dims"].get("indicator") for v in manifest["values"] if any("provenance" in s for s in v["sources"])}
    assert "paverkbar_slutenvard" in printed
    html = result.outputs["html"].read_text(encoding="utf-8")
    assert "Påverkbar slutenvård vid kronisk sjukdom" in html
