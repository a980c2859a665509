"""naravard as an agency installs it: the wheel, in a fresh virtualenv outside any clone.

One session fixture does the slow part once: it builds the wheel, installs it
into a new virtualenv with every dependency at its declared floor (the lowest
version pyproject.toml allows), starts a report project with `naravard init`
and builds it there, exactly as the README tells a new user. The floors are
therefore what this test proves: if one stops working, raise it in
pyproject.toml. (The pinned set in constraints.txt is what the rest of the
suite runs on; .ci/run installs from it.)

Slow (an install and a full build, a few minutes): marked `install`;
`pytest -m "not install"` leaves it out.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
from packaging.version import Version

from tests.conftest import ROOT

pytestmark = [pytest.mark.install, pytest.mark.e2e]

STEM = "uppfoljning-av-omstallningen-till-en-god-och-nara-vard-2025"


def floors() -> dict[str, str]:
    """``{"pandas": "2.2.2", …}``: the lower bound of every runtime dependency."""
    with (ROOT / "pyproject.toml").open("rb") as fh:
        deps = tomllib.load(fh)["project"]["dependencies"]
    out = {}
    for dep in deps:
        m = re.match(r"^([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][^,;\s]*)", dep)
        assert m, f"dependency {dep!r} has no floor (>=)"
        out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def run(args, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="session")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("install")
    assert ROOT not in work.parents, "the test must run outside the clone"
    wheel_dir = work / "dist"
    made = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(ROOT)], work, dict(os.environ))
    assert made.returncode == 0, made.stderr
    wheel = next(wheel_dir.glob("naravard-*.whl"))

    declared = floors()
    constraints = work / "floors.txt"
    constraints.write_text("".join(f"{name}=={version}\n" for name, version in declared.items()), encoding="utf-8")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    pip = run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-c", str(constraints), str(wheel)], work, env)
    assert pip.returncode == 0, pip.stderr
    listed = run([str(venv / "bin" / "python"), "-m", "pip", "list", "--format=json"], work, env)
    versions = {p["name"].lower().replace("_", "-"): p["version"] for p in json.loads(listed.stdout)}

    init = run(["naravard", "init", "myreport"], work, env)
    project = work / "myreport"
    build = run(["naravard", "build"], project, env) if init.returncode == 0 else None
    return SimpleNamespace(work=work, venv=venv, env=env, declared=declared, versions=versions, init=init, project=project, build=build)


def test_the_declared_floors_install_and_build_the_sample(installed):
    for name, version in installed.declared.items():
        got = installed.versions.get(name)
        assert got is not None and Version(got) == Version(version), f"{name}: installed {got}, floor {version}"
    assert installed.build is not None and installed.build.returncode == 0, installed.build.stderr if installed.build else installed.init.stderr


def test_init_writes_a_project_and_build_makes_the_three_formats_there(installed):
    assert installed.init.returncode == 0, installed.init.stderr
    assert installed.init.stdout.strip() == str(installed.project)
    project = installed.project
    for path in ("_quarto.yml", "templates/chapters/04-samverkan.qmd.j2", "templates/filters/naravard.lua",
                 "data/catalogue/indicators.toml", "data/sample-2024/report.toml", "README.md", ".gitignore", "constraints.txt"):
        assert (project / path).exists(), path
    assert installed.build.returncode == 0, installed.build.stderr
    out = project / "_output"
    for ext in ("html", "pdf", "docx"):
        made = out / f"{STEM}.{ext}"
        assert made.is_file() and made.stat().st_size > 50_000, made
    assert (out / f"{STEM}-diagramunderlag.xlsx").is_file() and (out / "values.json").is_file()
    assert (out / "figurer").is_dir()
    # Results on stdout, one path a line; progress on stderr.
    assert str(out / f"{STEM}.pdf") in installed.build.stdout.splitlines()
    assert "Drawing" in installed.build.stderr and "Drawing" not in installed.build.stdout
    # The build wrote into _output/ and its cache (.naravard/, which the .gitignore names) only: no generated sources.
    assert sorted(p.name for p in project.iterdir()) == sorted(
        [".gitignore", ".naravard", "README.md", "_output", "_quarto.yml", "constraints.txt", "data", "templates"]
    )
    assert "/.naravard/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_installed_package_carries_its_project_files(installed):
    python = str(installed.venv / "bin" / "python")
    where = run([python, "-c", "from naravard.project import bundled_project; print(bundled_project().root)"], installed.work, installed.env)
    assert "site-packages" in where.stdout and where.stdout.strip().endswith("naravard/project_files"), where.stdout + where.stderr
    version = run([python, "-m", "naravard", "-V"], installed.work, installed.env)
    assert version.returncode == 0 and re.fullmatch(r"naravard, version \d+\.\d+\.\d+\n", version.stdout)
    outside = run(["naravard", "build"], installed.work, installed.env)  # not a project: says how to start one
    assert outside.returncode == 2 and "naravard init" in outside.stderr and "--sample" in outside.stderr and not outside.stdout
