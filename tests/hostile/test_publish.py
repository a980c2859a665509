"""Publishing never loses a file a user put anywhere, and a killed build is cleaned up by the next.

The refusals run through ``run_build`` (they happen before any work, so they
are fast); the states a kill leaves behind are made by killing a real process
at each point of publishing, or laid out as such a process leaves them.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from naravard.cli import main
from naravard.pipeline import BuildOptions, run_build
from naravard.render import publish
from naravard.render.publish import OutputFolderError
from tests.conftest import ROOT, copy_project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"))


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def staged(root: Path, files: dict[str, str]) -> Path:
    folder = publish.staging_dir(root / "ut") / "_output"
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def published(root: Path, files: dict[str, str]) -> Path:
    """What a build does: prepare, stage, publish, remove its staging folder."""
    out = root / "ut"
    publish.prepare(out)
    output = staged(root, files)
    publish.publish_output(output, out)
    output.parent.rmdir()
    return out


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# ---- refusals: nothing is touched -------------------------------------------------------------


def test_a_file_the_user_added_stops_the_build_with_the_list(tmp_path, project):
    out = published(tmp_path, {"rapport.html": "gammal", "figurer/a.csv": "x"})
    (out / "mina-anteckningar.txt").write_text("viktigt", encoding="utf-8")
    (out / "figurer" / "egen.png").write_bytes(b"png")
    with pytest.raises(OutputFolderError) as err:
        run_build(BuildOptions(project_dir=project, out_dir=out, engine="builtin"))
    assert "mina-anteckningar.txt" in str(err.value) and "figurer/egen.png" in str(err.value)
    assert (out / "mina-anteckningar.txt").read_text(encoding="utf-8") == "viktigt"
    assert (out / "rapport.html").read_text(encoding="utf-8") == "gammal"


def test_a_folder_naravard_did_not_make_is_refused(tmp_path, project):
    out = tmp_path / "dokument"
    out.mkdir()
    (out / "brev.docx").write_bytes(b"mitt")
    with pytest.raises(OutputFolderError, match="brev.docx"):
        run_build(BuildOptions(project_dir=project, out_dir=out, engine="builtin"))
    assert (out / "brev.docx").read_bytes() == b"mitt"


def test_a_data_package_inside_the_output_folder_is_refused(tmp_path, project):
    out = published(tmp_path, {"rapport.html": "gammal"})
    import shutil

    data = shutil.copytree(ROOT / "data" / "sample-2024", out / "paket")
    with pytest.raises(OutputFolderError, match="data package"):
        run_build(BuildOptions(project_dir=project, data_dir=data, out_dir=out, engine="builtin"))
    assert (data / "report.toml").is_file()


def test_the_project_inside_the_output_folder_is_refused(project):
    with pytest.raises(OutputFolderError, match="project"):
        run_build(BuildOptions(project_dir=project, out_dir=project.parent, engine="builtin"))
    with pytest.raises(OutputFolderError, match="project"):
        run_build(BuildOptions(project_dir=project, out_dir=project, engine="builtin"))
    assert (project / "_quarto.yml").is_file()


def test_a_read_only_output_folder_is_left_alone(tmp_path, project):
    out = published(tmp_path, {"rapport.html": "gammal"})
    out.chmod(0o555)
    try:
        with pytest.raises(OutputFolderError, match="read-only"):
            run_build(BuildOptions(project_dir=project, out_dir=out, engine="builtin"))
        assert (out / "rapport.html").read_text(encoding="utf-8") == "gammal"
    finally:
        out.chmod(0o755)


def test_a_read_only_parent_is_a_clear_error(tmp_path, project):
    parent = tmp_path / "skrivskyddad"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        result = CliRunner().invoke(main, ["build", "--project", str(project), "--out", str(parent / "ut"), "--engine", "builtin"])
        assert result.exit_code == 2, result.output
        assert "read-only" in result.output and "Traceback" not in result.output
        assert list(parent.iterdir()) == []
    finally:
        parent.chmod(0o755)


def test_an_output_path_that_is_a_file_is_refused(tmp_path, project):
    out = tmp_path / "rapport.pdf"
    out.write_bytes(b"%PDF")
    with pytest.raises(OutputFolderError, match="is a file"):
        run_build(BuildOptions(project_dir=project, out_dir=out, engine="builtin"))
    assert out.read_bytes() == b"%PDF"


def test_the_next_build_replaces_only_what_the_last_one_wrote(tmp_path):
    out = published(tmp_path, {"rapport.html": "1", "figurer/a.svg": "1", "figurer/b.svg": "1"})
    out = published(tmp_path, {"rapport.html": "2", "figurer/a.svg": "2"})
    assert (out / "rapport.html").read_text(encoding="utf-8") == "2"
    assert not (out / "figurer" / "b.svg").exists()  # naravard's own, from the last build
    assert publish.read_record(out) == {"rapport.html", "figurer/a.svg", publish.MARKER}
    assert leftovers(tmp_path) == []


def test_a_file_added_while_the_build_ran_is_not_lost(tmp_path):
    out = published(tmp_path, {"rapport.html": "1"})
    publish.prepare(out)
    new = staged(tmp_path, {"rapport.html": "2"})
    (out / "tillagd-under-bygget.txt").write_text("min", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="tillagd-under-bygget.txt"):
        publish.publish_output(new, out)
    assert (out / "tillagd-under-bygget.txt").read_text(encoding="utf-8") == "min"


def test_a_file_the_user_added_to_the_kept_sources_stops_the_build(tmp_path, project):
    """--keep-sources replaces its folder as the output folder is replaced: only what a build wrote."""
    sources = published(tmp_path, {"index.qmd": "gammal", "_quarto.yml": "x"})
    (sources / "min-egen-kapitel.qmd").write_text("egen text", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="min-egen-kapitel.qmd") as err:
        run_build(BuildOptions(project_dir=project, out_dir=tmp_path / "rapport", keep_sources=sources, engine="builtin"))
    assert "--keep-sources" in str(err.value)
    assert (sources / "min-egen-kapitel.qmd").read_text(encoding="utf-8") == "egen text"
    assert (sources / "index.qmd").read_text(encoding="utf-8") == "gammal"
    assert not (tmp_path / "rapport").exists()


# ---- killed builds -----------------------------------------------------------------------------

KILLABLE = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from naravard.render import publish

    out, point = Path(sys.argv[1]), sys.argv[2]
    publish.prepare(out)
    stage = publish.staging_dir(out)
    (stage / "_output").mkdir()
    (stage / "_output" / "rapport.html").write_text("ny", encoding="utf-8")
    real_replace, calls = os.replace, []

    def replace(a, b):
        real_replace(a, b)
        calls.append(b)
        if point == f"after-rename-{len(calls)}":
            print("ready", flush=True)
            time.sleep(60)

    os.replace = replace
    if point == "staging":
        print("ready", flush=True)
        time.sleep(60)
    publish.publish_output(stage / "_output", out)
    """
)


@pytest.mark.parametrize("point", ["staging", "after-rename-1", "after-rename-2"])
def test_a_killed_publish_is_recovered_by_the_next_build(tmp_path, point):
    out = published(tmp_path, {"rapport.html": "gammal"})
    proc = subprocess.Popen([sys.executable, "-c", KILLABLE, str(out), point], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert leftovers(tmp_path), "the kill left something behind"
    publish.prepare(out)  # the next build starts: the old report (or the new one) is there, nothing else
    assert (out / "rapport.html").read_text(encoding="utf-8") in ("gammal", "ny")
    assert leftovers(tmp_path) == []
    out = published(tmp_path, {"rapport.html": "bra"})
    assert (out / "rapport.html").read_text(encoding="utf-8") == "bra" and leftovers(tmp_path) == []


def test_a_live_builds_staging_is_not_removed(tmp_path):
    out = tmp_path / "ut"
    mine = publish.staging_dir(out)  # this process is alive
    stale = tmp_path / f"{publish.STAGING_PREFIX}ut-{dead_pid()}-xyz"
    stale.mkdir()
    other = tmp_path / f"{publish.STAGING_PREFIX}annan-{dead_pid()}-xyz"  # another output folder's
    other.mkdir()
    publish.prepare(out)
    assert mine.is_dir() and not stale.exists() and other.is_dir()


CONCURRENT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from naravard.render import publish

    out = Path(sys.argv[1])
    for i in range(15):
        publish.prepare(out)
        stage = publish.staging_dir(out)
        (stage / "_output").mkdir()
        (stage / "_output" / "rapport.html").write_text(f"{out.name} {i}", encoding="utf-8")
        publish.publish_output(stage / "_output", out)
        stage.rmdir()
    """
)


def test_concurrent_builds_into_different_folders_stay_independent(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT, str(tmp_path / name)]) for name in ("v1", "v2", "v3")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    for name in ("v1", "v2", "v3"):
        assert (tmp_path / name / "rapport.html").read_text(encoding="utf-8") == f"{name} 14"
    assert leftovers(tmp_path) == []
