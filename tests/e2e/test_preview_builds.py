"""The preview's builds: the HTML alone, the data package kept loaded while only templates change,
and each page the same as a build from scratch gives."""

from __future__ import annotations

import pytest

from naravard.pipeline import BuildOptions, Session, run_build
from naravard.preview import preview_options
from tests.e2e.test_cache import CHAPTER, files, small_project

pytestmark = pytest.mark.e2e
ROW = "medicinsk_bedomning_3d,2024,,riket,00,kvinnor,87.8,"


def test_a_session_keeps_the_package_and_its_pages_equal_fresh_builds(tmp_path, monkeypatch):
    project = small_project(tmp_path / "p")
    data = project / "data" / "sample-2024"
    session = Session()
    loads = []
    real = Session.package

    def counted(self, data_dir, catalogue_dir):
        before = self._package
        package = real(self, data_dir, catalogue_dir)
        loads.append(package is not before)
        return package

    monkeypatch.setattr(Session, "package", counted)

    def preview(out: str) -> dict[str, bytes]:
        result = run_build(preview_options(project, data, tmp_path / out), session=session)
        assert result.workbook is None and sorted(result.outputs) == ["html"]
        return files(tmp_path / out)

    def fresh(out: str) -> dict[str, bytes]:
        run_build(BuildOptions(project_dir=project, data_dir=data, out_dir=tmp_path / out, formats=("html",),
                               engine="builtin", no_cache=True, companions=False))
        return files(tmp_path / out)

    first = preview("o1")
    assert not any(name == "values.json" or name.endswith(".xlsx") for name in first)
    kept = {kind: dict(results) for kind, results in session.results.items()}
    assert kept["indicator"] and kept["facts"]

    def reused() -> list[bool]:  # for each result of the first page: is it the very object the session holds now?
        return [session.results.get(kind, {}).get(key) is result for kind in kept for key, result in kept[kind].items()]

    template = project / "templates" / "chapters" / f"{CHAPTER}.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n\nEn mening som förhandsvisningen visar.\n", encoding="utf-8")
    sentence = preview("o2")
    assert sentence == fresh("f2") != first
    assert any("En mening som förhandsvisningen visar." in body.decode() for name, body in sentence.items() if name.endswith(".html"))
    assert all(reused())  # a template edit redoes no analysis

    indicators = data / "indicators.csv"
    indicators.write_text(indicators.read_text(encoding="utf-8").replace(ROW, ROW.replace("87.8", "86.9")), encoding="utf-8")
    value = preview("o3")
    assert value == fresh("f3") != sentence
    assert not any(reused())  # a new package: every result computed again
    assert loads == [True, False, True]  # loaded again only when the data package changed
