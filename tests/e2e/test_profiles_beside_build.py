"""Profiles and the national report from one project: after each other in one process, and at the
same time in two processes.

The national build leaves Typst's native threads behind in its process; a profile build that
forked its workers from that process hung in them for ever. Each build runs in a subprocess
with a time limit, so a hang fails the test instead of stopping the suite.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import copy_project, tree

pytestmark = pytest.mark.e2e

AREAS = ("08", "09")
LIMIT = 900  # seconds; a build on the shared 2-core machines takes a few minutes at most

# One process: the national report (PDF: Typst runs here), then two region profiles with a pool
# of two workers. A profile build that does not finish in time is a hang: exit code 3.
AFTER_EACH_OTHER = textwrap.dedent("""
    import sys, threading
    from pathlib import Path
    from naravard.pipeline import BuildOptions, run_build
    from naravard.profiles import ProfileOptions, run_profiles

    def main():
        project, national, profiles, limit = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4])
        run_build(BuildOptions(project_dir=project, out_dir=national, formats=("pdf",), engine="builtin", no_cache=True))
        errors = []
        def profile_build():
            try:
                run_profiles(ProfileOptions(level="region", areas=%r, project_dir=project, out_dir=profiles,
                                            formats=("html", "pdf"), engine="builtin", workers=2))
            except BaseException as exc:
                errors.append(exc)
        worker = threading.Thread(target=profile_build, daemon=True)
        worker.start()
        worker.join(limit)
        if worker.is_alive():
            print("the profile build hung after the national build", file=sys.stderr, flush=True)
            import os
            os._exit(3)
        if errors:
            raise errors[0]

    if __name__ == "__main__":
        main()
""") % (AREAS,)


def naravard(*args: str) -> list[str]:
    return [sys.executable, "-m", "naravard", "-q", *args]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under *folder* by relative path: values.json read as data, any other file's digest
    (the PDFs too: Typst writes the same bytes for the same input)."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if path.name == "values.json":
            out[rel] = json.dumps(json.loads(path.read_text(encoding="utf-8")), sort_keys=True)
        else:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    out = tmp_path_factory.mktemp("out")
    script = out / "after_each_other.py"
    script.write_text(AFTER_EACH_OTHER, encoding="utf-8")
    solo = subprocess.run([sys.executable, str(script), str(project), str(out / "solo-national"), str(out / "solo-profiles"),
                           str(LIMIT / 2)], capture_output=True, text=True, timeout=LIMIT)
    before = tree(project)
    # At the same time, from the same project: the national build and a profile build.
    together = [
        subprocess.Popen(naravard("build", "--project", str(project), "--to", "pdf", "--engine", "builtin", "--no-cache",
                                  "--out", str(out / "national")), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
        subprocess.Popen(naravard("profiles", "--level", "region", *[a for code in AREAS for a in ("--area", code)],
                                  "--project", str(project), "--engine", "builtin", "--workers", "2",
                                  "--out", str(out / "profiles")), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
    ]
    finished = [p.communicate(timeout=LIMIT) + (p.returncode,) for p in together]
    return dict(solo=solo, together=finished, out=out, project_changes=sorted(set(tree(project).items()) ^ set(before.items())))


def test_a_profile_build_after_a_national_build_in_one_process_finishes(builds):
    solo = builds["solo"]
    assert solo.returncode == 0, solo.stderr[-2000:]
    profiles = builds["out"] / "solo-profiles"
    assert sorted(p.name for p in profiles.iterdir() if p.is_dir()) == ["region-08-region-kalmar-lan-2024",
                                                                        "region-09-region-gotland-2024"]
    assert all(any(p.suffix == ".pdf" for p in folder.iterdir()) for folder in profiles.iterdir() if folder.is_dir())


def test_a_profile_build_and_a_national_build_at_once_write_what_they_write_alone(builds):
    assert builds["solo"].returncode == 0, builds["solo"].stderr[-2000:]
    for stdout, stderr, code in builds["together"]:
        assert code == 0, stderr[-2000:]
    out = builds["out"]
    assert builds["project_changes"] == []  # neither wrote into the project (the national build ran without its cache)
    national, alone = fingerprint(out / "national"), fingerprint(out / "solo-national")
    assert national and national == alone
    profiles, alone = fingerprint(out / "profiles"), fingerprint(out / "solo-profiles")
    assert len(profiles) > 10 and profiles == alone
    assert sorted(p.name for p in out.iterdir()) == ["after_each_other.py", "national", "profiles", "solo-national", "solo-profiles"]
