"""The sample report's diagramunderlag, read back with openpyxl and opened in LibreOffice."""

from __future__ import annotations

import subprocess

import pytest
from openpyxl import load_workbook

from tests.conftest import need, need_program

pytestmark = pytest.mark.e2e


def data_rows(ws):
    """The rows of the figure's table: after the bold header row, until the first empty row."""
    rows = list(ws.iter_rows())
    header = next(i for i, row in enumerate(rows) if i > 0 and row[0].font.b)
    out = []
    for row in rows[header + 1 :]:
        if row[0].value is None:
            break
        out.append(row)
    return [c.value for c in rows[header]], out


def test_every_figure_has_a_sheet_with_its_caption_source_and_numbers(sample_build):
    wb = load_workbook(sample_build.workbook)
    assert wb.sheetnames == ["Innehåll"] + [f"Figur {n}" for n in range(1, sample_build.figures + 1)]
    numeric = 0
    for name in wb.sheetnames[1:]:
        ws = wb[name]
        assert ws.cell(1, 1).value.startswith(f"{name}. ")
        assert any(str(c.value).startswith(("Källa: ", "Källor: ")) for c in ws["A"] if c.value)
        header, rows = data_rows(ws)
        assert rows, name
        for row in rows:
            for cell in row[1:]:
                if isinstance(cell.value, (int, float)):
                    numeric += 1
                    assert cell.number_format != "General", (name, cell.coordinate)
    assert numeric > 1000
    # The trend of Figur 3: a year column and percentages stored as Excel percentages.
    header, rows = data_rows(wb["Figur 3"])
    assert header[0] == "År" and all(isinstance(c.value, float) and 0 < c.value < 1 for c in rows[0][1:])
    assert rows[0][1].number_format == "0 %"  # printed as "78 %": no decimals


def test_libreoffice_opens_it_and_reads_numbers_as_numbers(sample_build, tmp_path):
    soffice = need_program("soffice", "libreoffice-writer")  # LibreOffice's spreadsheet filters come with it
    proc = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
         "--outdir", str(tmp_path / "out"), str(sample_build.workbook)],
        capture_output=True, text=True, timeout=300,
    )
    resaved = tmp_path / "out" / sample_build.workbook.name
    if proc.returncode != 0 or not resaved.is_file():
        need(False, f"LibreOffice Calc cannot open .xlsx here: {proc.stderr.strip() or proc.stdout.strip()}")
    original, again = load_workbook(sample_build.workbook), load_workbook(resaved)
    assert again.sheetnames == original.sheetnames
    for name in ("Figur 3", "Figur 4", wb_last(original)):
        _, rows_a = data_rows(original[name])
        _, rows_b = data_rows(again[name])
        values_a = [[c.value for c in row] for row in rows_a]
        values_b = [[c.value for c in row] for row in rows_b]
        assert values_b == values_a, name  # LibreOffice kept every number a number (and every label text)


def wb_last(wb) -> str:
    return wb.sheetnames[-1]

