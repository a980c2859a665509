"""The result profile's sparklines: the drawing (SVG, PNG), the table's Trend column and its alt text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from naravard.analysis.areas import AreaResults
from naravard.compose.blocks import markdown_table
from naravard.compose.profile import compose_profile
from naravard.figures.area_figures import sparkline_alt, sparkline_points
from naravard.figures.sparkline import HEIGHT, WIDTH, sparkline_svg, write_sparkline
from naravard.figures.style import NAVY, RASPBERRY
from naravard.project import Project
from naravard.tables.area_table import area_overview_table
from naravard.text.escape import Markdown

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


def _points(svg: str) -> dict[str, list[tuple[float, float]]]:
    root = ET.fromstring(svg)
    out = {}
    for line in root.iter(f"{SVG}polyline"):
        out["riket" if line.get("stroke-dasharray") else "area"] = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        assert line.get("stroke") == (RASPBERRY if line.get("stroke-dasharray") else NAVY)
    (dot,) = root.iter(f"{SVG}circle")
    out["dot"] = [(float(dot.get("cx")), float(dot.get("cy")))]
    return out


def test_area_solid_riket_dashed_on_one_scale_with_a_dot_on_the_latest_value():
    lines = _points(sparkline_svg([(2020, 10.0), (2022, 12.0), (2024, 8.0)], [(2020, 9.0), (2024, 11.0)]))
    area, riket = lines["area"], lines["riket"]
    assert [x for x, _ in area] == sorted(x for x, _ in area) and area[0][0] == riket[0][0] and area[-1][0] == riket[-1][0]
    ys = {v: y for v, (_, y) in zip((10.0, 12.0, 8.0), area)}
    assert ys[12.0] < ys[10.0] < ys[8.0]  # higher values higher up (y grows downwards)
    assert riket[0][1] > ys[10.0] and riket[1][1] < ys[10.0]  # 9 below 10, 11 above it: the scale is shared
    assert lines["dot"] == [area[-1]]
    assert all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in area + riket)


def test_a_flat_series_sits_in_the_middle_and_riket_may_be_absent():
    lines = _points(sparkline_svg([(2023, 5.0), (2024, 5.0)], []))
    assert "riket" not in lines and {y for _, y in lines["area"]} == {HEIGHT / 2}


def test_png_for_docx_at_300_dpi(tmp_path):
    from PIL import Image

    svg = write_sparkline([(2020, 1.0), (2024, 2.0)], [(2020, 1.5), (2024, 1.0)], tmp_path, "trend-x", png=True)
    assert svg.name == "trend-x.svg" and ET.fromstring(svg.read_text(encoding="utf-8")).get("width") == f"{WIDTH:g}pt"
    with Image.open(tmp_path / "trend-x.png") as image:
        assert image.size == (300, 75) and round(image.info["dpi"][0]) == 300
        assert image.getbbox() is not None  # something is drawn
    write_sparkline([(2020, 1.0), (2024, 2.0)], [], tmp_path, "trend-y", png=False)
    assert not (tmp_path / "trend-y.png").exists()


@pytest.fixture(scope="module")
def regions():
    from naravard.data import load_package

    return AreaResults(load_package(ROOT / "data" / "sample-2024", ROOT / "data" / "catalogue"), "region")


def test_the_overview_table_has_a_trend_cell_per_row_with_a_text_equivalent(regions):
    results = regions.for_area("09")
    cells = {a.indicator.id: Markdown(f"![](figures/{a.indicator.id}.svg)") if sparkline_points(a) else None for a in results}
    table = area_overview_table(results, key="k", label="Gotland", trend=lambda a: cells[a.indicator.id])
    assert list(table.frame.columns)[-1] == "Trend" and len(table.widths) == table.frame.shape[1]
    trend = table.frame["Trend"].tolist()
    assert all(c == "–" for c, a in zip(trend, results) if cells[a.indicator.id] is None)
    assert sum(isinstance(c, Markdown) for c in trend) == sum(v is not None for v in cells.values()) > 3
    assert any("heldragna linjen Gotland och den streckade riket" in n for n in table.notes)
    md = markdown_table(table.frame)
    assert md.count("![](figures/") == sum(v is not None for v in cells.values())  # placed, not escaped
    assert "Trend" not in area_overview_table(results, key="k", label="Gotland").frame.columns


def test_alt_text_says_what_the_sparkline_shows(regions):
    (a,) = [r for r in regions.for_area("09") if r.indicator.id == "akutbesok_80"]
    mine, _ = sparkline_points(a)
    alt = sparkline_alt(a, "Gotland")
    assert alt.startswith("Minidiagram för Gotland och riket. Akutbesök 80 år och äldre: ")
    assert str(mine[0][0]) in alt and str(mine[-1][0]) in alt and "riket" in alt.split(": ", 1)[1]


def test_a_composed_profile_writes_its_sparklines_beside_its_figures(regions, tmp_path):
    composed, _ = compose_profile(regions, "09", Project(ROOT), tmp_path / "book", png=False)
    text = composed.chapters["index.qmd"]
    images = re.findall(r'!\[\]\(figures/(trend-09-[a-z0-9-]+)\.svg\)\{fig-alt="Minidiagram för Gotlands län och riket\. ', text)
    assert len(images) >= 4 and len(set(images)) == len(images)
    assert all((tmp_path / "book" / "figures" / f"{key}.svg").is_file() for key in images)
    assert not list((tmp_path / "book" / "figures").glob("*.png"))


def test_a_kommun_table_has_a_width_for_every_column_with_or_without_trend(regions):
    kommuner = AreaResults(regions.package, "kommun")
    for code, columns in (("0114", 9), ("0980", 7)):  # Gotland, its län's only kommun, has no län columns
        results = kommuner.for_area(code)
        for trend in (None, lambda a: None):
            table = area_overview_table(results, key="k", label="Kommunen", trend=trend)
            assert len(table.widths) == table.frame.shape[1] == columns + (1 if trend else 0)
