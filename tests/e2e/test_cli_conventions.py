"""The command line's conventions, run as a user runs them (``python -m naravard`` in a subprocess):
one table of exit codes for every command, the same in the code, ``--help`` and the README;
results on stdout, diagnostics on stderr."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from naravard import __version__
from naravard.errors import EXIT_CODES
from tests.conftest import ROOT, copy_project

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "data" / "sample-2024"


def naravard(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "naravard", *args],
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


def readme_table() -> dict[int, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code): what.strip() for code, what in re.findall(r"^\| (\d) \| (.+?) \|$", section, re.M)}


def test_the_exit_code_table_is_the_same_in_code_help_and_readme():
    assert sorted(EXIT_CODES) == [0, 1, 2, 3, 4]
    assert readme_table() == EXIT_CODES
    for command in ([], ["build"], ["validate"], ["check"], ["diff"], ["init"]):
        shown = naravard(*command, "--help").stdout
        flat = " ".join(shown.split())
        for code, what in EXIT_CODES.items():
            assert f"{code} {' '.join(what.split())}" in flat, (command, code)


def test_version_and_module_entry_point():
    result = naravard("-V")
    assert result.returncode == 0 and result.stdout == f"naravard, version {__version__}\n" and not result.stderr


def test_a_usage_error_is_2_on_stderr():
    result = naravard("build", "--to", "epub")
    assert result.returncode == 2 and "Invalid value" in result.stderr and not result.stdout


def test_validate_defaults_to_the_sample_and_prints_its_summary_on_stdout():
    result = naravard("validate")
    assert result.returncode == 0, result.stderr
    assert "valid data package for reference year 2024" in result.stdout


def test_a_missing_folder_is_2_for_every_command(tmp_path):
    missing = str(tmp_path / "finns-inte")
    for args in (["validate", missing], ["build", "--data", missing, "--engine", "builtin"], ["check", "--data", missing]):
        result = naravard(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "finns-inte" in result.stderr and not result.stdout.strip(), args


def test_invalid_data_is_1_from_validate_and_2_from_build_both_on_stderr(tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(SAMPLE, pkg)
    csv = pkg / "indicators.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[6] = "112,5"  # value
    lines[1] = ",".join(cells)
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked = naravard("validate", str(pkg))
    assert checked.returncode == 1 and "indicators.csv, row 2" in checked.stderr and not checked.stdout
    built = naravard("build", "--data", str(pkg), "--engine", "builtin", "--out", str(tmp_path / "out"))
    assert built.returncode == 2 and "indicators.csv, row 2" in built.stderr and not built.stdout
    assert not (tmp_path / "out").exists()


def test_validation_messages_quote_numbers_as_the_package_wrote_them(tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(SAMPLE, pkg)
    csv = pkg / "indicators.csv"
    text = csv.read_text(encoding="utf-8")
    # The package as Swedish Excel writes it: semicolons and decimal commas.
    lines = [line.replace(",", ";") for line in text.splitlines()]
    header = lines[0].split(";")
    for i, line in enumerate(lines[1:], 1):
        cells = line.split(";")
        if cells[header.index("ci_lower")]:
            cells = [c.replace(".", ",") for c in cells]
            lo, hi = header.index("ci_lower"), header.index("ci_upper")
            cells[lo], cells[hi] = cells[hi], cells[lo]  # crossed limits
            lines[i] = ";".join(cells)
            row = i + 1
            break
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = naravard("validate", str(pkg))
    assert result.returncode == 1
    message = next(line for line in result.stderr.splitlines() if f"row {row}," in line)
    assert re.search(r"lower confidence limit \d+,\d+ is greater than the upper \d+,\d+", message), message


def test_building_outside_a_project_says_how_to_start_one(tmp_path):
    result = naravard("build", cwd=tmp_path)
    assert result.returncode == 2 and not result.stdout
    assert "naravard init" in result.stderr and "--sample" in result.stderr


def test_a_missing_engine_is_3_on_stderr(tmp_path):
    project = copy_project(tmp_path / "p")
    result = naravard("build", "--project", str(project), "--engine", "quarto", env={"PATH": "/nonexistent"})
    assert result.returncode == 3 and "Quarto is not installed" in result.stderr and not result.stdout
    assert not (project / "_output").exists()


def small_project(root: Path) -> Path:
    """A project with one short chapter (no figures), so a build takes seconds."""
    root.mkdir()
    shutil.copytree(ROOT / "templates", root / "templates", ignore=shutil.ignore_patterns("chapters"))
    (root / "templates" / "chapters").mkdir()
    (root / "templates" / "chapters" / "index.qmd.j2").write_text("# Inledning\n\nRapporten för {{ year }}.\n", encoding="utf-8")
    shutil.copytree(ROOT / "data", root / "data")
    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    config["book"] = {"chapters": ["index.qmd"]}
    (root / "_quarto.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def test_a_render_failure_is_4_and_keeps_the_last_good_output(tmp_path):
    project = small_project(tmp_path / "p")
    good = naravard("build", "--project", str(project), "--engine", "builtin", "--to", "pdf")
    assert good.returncode == 0, good.stderr
    pdf = Path(good.stdout.splitlines()[0])
    assert pdf.suffix == ".pdf" and pdf.is_file()
    before = pdf.read_bytes()
    typ = project / "templates" / "typst" / "pandoc.typ"
    typ.write_text(typ.read_text(encoding="utf-8") + "\n#let trasig = (\n", encoding="utf-8")
    broken = naravard("build", "--project", str(project), "--engine", "builtin", "--to", "pdf")
    assert broken.returncode == 4, broken.stderr
    assert "Typst" in broken.stderr and not broken.stdout
    assert pdf.read_bytes() == before


def test_diff_on_a_folder_that_is_not_a_build_says_so(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "anteckningar.txt").write_text("inte ett bygge", encoding="utf-8")
    result = naravard("diff", str(tmp_path / "a"), str(tmp_path / "b"))
    assert result.returncode == 2 and not result.stdout
    assert "is not a naravard build" in result.stderr and "naravard build --out" in result.stderr
    assert "version" not in result.stderr


def test_check_findings_are_1_on_stdout(tmp_path):
    project = copy_project(tmp_path / "p")
    chapter = project / "templates" / "chapters" / "04-samverkan.qmd.j2"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nSe figur 12 för detaljer.\n", encoding="utf-8")
    result = naravard("check", "--project", str(project), "--templates-only", "--no-spelling")
    assert result.returncode == 1
    findings = [line for line in result.stdout.splitlines() if "[literal-ref]" in line]
    assert len(findings) == 1 and findings[0].startswith("templates/chapters/04-samverkan.qmd.j2:")


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_prints_only_results(tmp_path, flag):
    project = small_project(tmp_path / "p")
    result = naravard(flag, "build", "--project", str(project), "--engine", "builtin", "--to", "html")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines()[0].endswith(".html")
