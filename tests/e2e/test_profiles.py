"""`naravard profiles`: region and kommun profiles built at the same time from one project, opened
through the real clients (the PDF's structure tree with pikepdf, the HTML in Chromium with axe-core)."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import copy_project, tree
from tests.e2e.test_html import AXE_TAGS, axe_source, browser  # noqa: F401 - the same Chromium as the national report's tests

pytestmark = pytest.mark.e2e

REGIONS = ("08", "09")  # Kalmar (a value the package says is missing), Gotland (a region and a kommun)
KOMMUNER = ("0980", "0114")  # Gotland; Upplands Väsby (excluded from a measure in Stockholms län)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """A region build and a kommun build run at the same time from one copy of the project."""
    from naravard.profiles import ProfileOptions, run_profiles

    project = copy_project(tmp_path_factory.mktemp("project"))
    out = tmp_path_factory.mktemp("profiles")
    before = tree(project)
    results, errors = {}, []

    def run(level, areas):
        try:
            results[level] = run_profiles(ProfileOptions(level=level, areas=areas, project_dir=project, out_dir=out / level,
                                                         engine="builtin", workers=1))
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=a) for a in (("region", REGIONS), ("kommun", KOMMUNER))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    results["project_changes"] = sorted(set(tree(project).items()) ^ set(before.items()))
    results["out"] = out
    return results


def test_concurrent_builds_write_only_their_own_folders(builds):
    assert builds["project_changes"] == []  # the project is never written to
    out = builds["out"]
    assert sorted(p.name for p in out.iterdir()) == ["kommun", "region"]  # no staging folder left behind
    region = sorted(p.name for p in (out / "region").iterdir() if p.is_dir())
    kommun = sorted(p.name for p in (out / "kommun").iterdir() if p.is_dir())
    assert region == ["region-08-region-kalmar-lan-2024", "region-09-region-gotland-2024"]
    assert kommun == ["kommun-0114-upplands-vasby-2024", "kommun-0980-gotland-2024"]
    for profile in builds["region"].profiles + builds["kommun"].profiles:
        assert set(profile.outputs) == {"html", "pdf"} and all(p.is_file() for p in profile.outputs.values())


def test_each_profile_has_values_json_for_diff(builds):
    from naravard.review.manifest import read_manifest

    (gotland,) = [p for p in builds["kommun"].profiles if p.code == "0980"]
    manifest = read_manifest(gotland.outputs["html"].parent)
    text = json.dumps(manifest, ensure_ascii=False)
    assert "indikator/akutbesok_80/2024/0980/totalt" in text and "profil/kommun/0980/akutbesok_80/2024/rang" in text


def test_index_links_every_profile_and_works_offline(builds):
    result = builds["region"]
    page = result.index.read_text(encoding="utf-8")
    assert '<html lang="sv">' in page and "Region Gotland" in page and "Region Kalmar län" in page
    links = re.findall(r'href="([^"]+)"', page)
    assert len(links) == 4 and all((result.index.parent / link).is_file() for link in links)
    assert "http" not in page and "<script" not in page  # nothing to fetch
    assert all(p.summary.startswith("Bättre än riket i ") for p in result.profiles)


def test_profile_text_says_why_a_value_is_missing(builds):
    (kalmar,) = [p for p in builds["region"].profiles if p.code == "08"]
    html = kalmar.outputs["html"].read_text(encoding="utf-8")
    assert "Uppgift saknas för 2024." in html and "Regionen deltog inte i 2024 års mätning" in html
    (vasby,) = [p for p in builds["kommun"].profiles if p.code == "0114"]
    assert "Den basala hemsjukvården i Stockholms län" in vasby.outputs["html"].read_text(encoding="utf-8")


def test_pdf_structure_tree(builds):
    import pikepdf

    from tests.e2e.test_pdf import struct_elements

    (gotland,) = [p for p in builds["region"].profiles if p.code == "09"]
    with pikepdf.open(gotland.outputs["pdf"]) as pdf:
        assert pdf.Root.MarkInfo.Marked is True and str(pdf.Root.Lang).startswith("sv")
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == "Regionprofil: Region Gotland" and meta.get("pdfuaid:part") == "1"
        elements = struct_elements(pdf)
        kinds = {str(el.S) for el in elements}
        assert {"/H1", "/H2", "/H3", "/Table", "/Figure"} <= kinds
        alts = [str(el.get("/Alt", "")) for el in elements if el.S == "/Figure"]
        assert alts and all("Gotlands län och riket" in alt for alt in alts)


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_core_finds_nothing_in_a_profile_and_the_index(builds, browser, width):
    (kalmar,) = [p for p in builds["region"].profiles if p.code == "08"]
    for path in (kalmar.outputs["html"], builds["kommun"].index):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(path.as_uri())
        page.eval_on_selector_all("details", "els => els.forEach(d => d.open = true)")
        page.add_script_tag(content=axe_source())
        result = page.evaluate(f"async () => await axe.run(document, {{runOnly: {{type: 'tag', values: {AXE_TAGS}}}}})")
        violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        assert violations == [], path.name
        assert len(result["passes"]) > 5
        page.close()


def test_an_unknown_area_code_is_a_clear_error(tmp_path):
    from naravard.cli import main
    from naravard.errors import INPUT

    root = Path(__file__).resolve().parents[2]
    result = CliRunner().invoke(main, ["profiles", "--level", "region", "--area", "26", "--area", "08",
                                       "--project", str(root), "--out", str(tmp_path / "out")])
    assert result.exit_code == INPUT
    assert "--area 26" in result.output and "data/catalogue/regions.csv" in result.output
    assert "08" not in result.output.split("--area 26")[1].split(";")[0]  # only the unknown code is named
    assert not (tmp_path / "out").exists()  # nothing written


def test_the_overview_table_has_a_sparkline_per_row_with_alt_text(builds):
    (gotland,) = [p for p in builds["region"].profiles if p.code == "09"]
    page = gotland.outputs["html"].read_text(encoding="utf-8")
    images = re.findall(r'<img src="(figurer/trend-09-[a-z0-9-]+\.svg)" alt="(Minidiagram för Gotlands län och riket\. [^"]+)"', page)
    assert len(images) >= 4 and all((gotland.outputs["html"].parent / src).is_file() for src, _ in images)
    assert "<th" in page and ">Trend</th>" in page
    import pikepdf

    from tests.e2e.test_pdf import struct_elements

    with pikepdf.open(gotland.outputs["pdf"]) as pdf:
        alts = [str(el.get("/Alt", "")) for el in struct_elements(pdf) if el.S == "/Figure"]
    assert sum(alt.startswith("Minidiagram för Gotlands län och riket.") for alt in alts) == len(images)


@pytest.fixture(scope="module")
def docx_profile(tmp_path_factory):
    from naravard.profiles import ProfileOptions, run_profiles

    project = copy_project(tmp_path_factory.mktemp("project"))
    (profile,) = run_profiles(ProfileOptions(level="region", areas=("09",), project_dir=project, formats=("docx",),
                                             out_dir=tmp_path_factory.mktemp("docx") / "region", engine="builtin", workers=1)).profiles
    return profile


def test_a_docx_profile_opens_with_headings_tables_and_alt_text(docx_profile):
    from docx import Document
    from docx.oxml.ns import qn

    assert set(docx_profile.outputs) == {"docx"}
    doc = Document(str(docx_profile.outputs["docx"]))
    assert doc.core_properties.title == "Regionprofil: Region Gotland"
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == [("Heading 1", "Region Gotland i uppföljningen"), ("Heading 2", "Resultatprofil")]
    assert ("Heading 3", "Akutbesök 80 år och äldre") in headings and ("Heading 2", "Regionens svar i enkäten") in headings
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells][-3:] == ["Plats", "Utveckling", "Trend"] and len(table.rows) > 10
    alts = [el.get("descr") for el in doc.element.body.iter(qn("wp:docPr"))]
    assert alts and all(alts)  # every picture has its alt text
    assert sum(a.startswith("Minidiagram för Gotlands län och riket.") for a in alts) == len(alts) - 1
    assert sum(a.startswith("Linjediagram i ") for a in alts) == 1


def test_an_unknown_kommun_code_names_the_kommun_catalogue(tmp_path):
    from naravard.cli import main
    from naravard.errors import INPUT

    root = Path(__file__).resolve().parents[2]
    result = CliRunner().invoke(main, ["profiles", "--level", "kommun", "--area", "9999", "--project", str(root),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == INPUT and "--area 9999: no kommun (kommunkod)" in result.output
    assert "data/catalogue/municipalities.csv" in result.output and not (tmp_path / "out").exists()
