"""Review tools fail as failures: ``diff`` exits 2 on anything that is not a readable
build, ``check`` reports template errors as findings with file and line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from naravard.cli import main
from naravard.review.manifest import FORMAT, MANIFEST
from tests.conftest import copy_project

VALID = {"format": FORMAT, "values": [], "chapters": [], "figures": [], "tables": []}


def build_folder(root: Path, name: str, manifest: bytes | dict | None) -> Path:
    folder = root / name
    folder.mkdir()
    if isinstance(manifest, dict):
        (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    elif manifest is not None:
        (folder / MANIFEST).write_bytes(manifest)
    return folder


BAD_MANIFESTS = {
    "missing": None,
    "empty": b"",
    "truncated": json.dumps(VALID).encode()[:-7],
    "not-json": b"values: 1\n",
    "binary": bytes(range(256)),
    "utf16": json.dumps(VALID).encode("utf-16"),
    "a-list": b"[]",
    "a-number": b"42",
    "other-format": json.dumps(dict(VALID, format=999)).encode(),
    "no-values": json.dumps({k: v for k, v in VALID.items() if k != "values"}).encode(),
    "values-not-a-list": json.dumps(dict(VALID, values={"a": 1})).encode(),
    "value-without-key": json.dumps(dict(VALID, values=[{"id": "x"}])).encode(),
    "chapter-of-wrong-shape": json.dumps(dict(VALID, chapters=[{"file": 1, "title": "x", "paragraphs": []}])).encode(),
    "deeply-nested": b"[" * 100_000 + b"]" * 100_000,
}


def test_identical_builds(tmp_path):
    old, new = build_folder(tmp_path, "a", VALID), build_folder(tmp_path, "b", VALID)
    assert CliRunner().invoke(main, ["diff", str(old), str(new)]).exit_code == 0


@pytest.mark.parametrize("name", BAD_MANIFESTS)
def test_diff_exits_2_on_what_is_not_a_readable_build(tmp_path, name):
    good = build_folder(tmp_path, "bra", VALID)
    bad = build_folder(tmp_path, "trasig", BAD_MANIFESTS[name])
    for args in ([str(good), str(bad)], [str(bad), str(good)]):
        result = CliRunner().invoke(main, ["diff", *args])
        assert result.exit_code == 2, (name, result.output)
        assert "Traceback" not in result.output and "Error:" in result.output
        assert "values.json" in result.output or "not a readable build" in result.output


def test_diff_exits_2_when_a_build_folder_is_a_file_or_missing(tmp_path):
    good = build_folder(tmp_path, "bra", VALID)
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    for other in ("fil", "finns-inte"):
        assert CliRunner().invoke(main, ["diff", str(good), str(tmp_path / other)]).exit_code == 2


def test_diff_exits_2_when_the_redline_has_no_docx(tmp_path):
    old, new = build_folder(tmp_path, "a", VALID), build_folder(tmp_path, "b", VALID)
    (new / "rapport.docx").write_bytes(b"PK\x03\x04 trasig")
    (old / "rapport.docx").write_bytes(b"inte en docx")
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--docx", str(tmp_path / "r.docx")])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.fixture
def one_chapter_project(tmp_path) -> Path:
    """A copy of the project whose book has only the title pages (fast to compose)."""
    project = copy_project(tmp_path / "p")
    config = (project / "_quarto.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?s)  chapters:\n.*?\n  appendices:\n(    - .*?\n)+", "  chapters:\n    - index.qmd\n", config)
    (project / "_quarto.yml").write_text(config, encoding="utf-8")
    return project


def _append(project: Path, template: str, text: str) -> int:
    path = project / "templates" / "chapters" / template
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [text]) + "\n", encoding="utf-8")
    return len(lines) + 1


def test_check_templates_only_finds_a_syntax_error_with_its_line(one_chapter_project):
    line = _append(one_chapter_project, "05-tillganglighet.qmd.j2", "{% if year %}utan slut")
    result = CliRunner().invoke(main, ["check", "--templates-only", "--no-spelling", "--project", str(one_chapter_project)])
    assert result.exit_code == 1, result.output
    assert re.search(rf"templates/chapters/05-tillganglighet\.qmd\.j2:{line}: error \[syntax\]", result.output), result.output
    assert "Traceback" not in result.output


def test_check_finds_a_partial_that_does_not_parse(one_chapter_project):
    path = one_chapter_project / "templates" / "partials" / "macros.j2"
    path.write_text(path.read_text(encoding="utf-8") + "\n{% endmacro %}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--templates-only", "--no-spelling", "--project", str(one_chapter_project)])
    assert result.exit_code == 1 and "templates/partials/macros.j2" in result.output and "[syntax]" in result.output


def test_a_runtime_error_in_a_template_is_a_finding(one_chapter_project):
    line = _append(one_chapter_project, "index.qmd.j2", "Kvot: {{ 1/0 }}")
    result = CliRunner().invoke(main, ["check", "--no-spelling", "--project", str(one_chapter_project)])
    assert result.exit_code == 1, result.output
    assert re.search(rf"templates/chapters/index\.qmd\.j2:{line}: error \[compose\].*ZeroDivisionError", result.output), result.output
    assert "Traceback" not in result.output
