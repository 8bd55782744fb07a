"""Biểu số 1-BTCTW of the demo bloc for 2021, written by the command line as .xlsx and read
back: last year's end + gains − losses = this year's end = members.total on 31/12/2021."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from test_demo_cli import indicators, run


def _rows(path):
    sheet = load_workbook(path).active
    out = {}
    for row in sheet.iter_rows(values_only=True):
        if row and isinstance(row[0], str) and row[1]:
            out[row[0]] = row[2:]
    return out


def test_form_1_of_2021_adds_up_and_agrees_with_the_indicator(demo_db, tmp_path):
    path = tmp_path / "bieu1.xlsx"
    done = run(["statform", "1", "--scope", "DBK", "--at", "2021-12-31", "--format", "xlsx",
                "--output", str(path)], demo_db)  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = _rows(path)
    start, gains, losses, end = (rows[code][0] for code in ("A", "B", "C", "D"))
    assert start + gains - losses == end
    assert gains > 0 and losses > 0
    assert rows["B"][0] == rows["B.1"][0] + rows["B.2"][0] + rows["B.3"][0]
    # Every transfer is placed: another province or within it (facts.origin_of), the
    # retirees going to the cell of their place of residence within it.
    assert rows["B.2"][0] == rows["B.2.a"][0] + rows["B.2.b"][0]
    assert rows["C.5"][0] == rows["C.5.a"][0] + rows["C.5.b"][0] > 0
    assert end == indicators(demo_db, "DBK", "2021-12-31", "members.total")["members.total"]
    assert start == indicators(demo_db, "DBK", "2020-12-31", "members.total")["members.total"]
    # Last year's column is last year's form.
    assert rows["D"][1] == start


def test_form_3_total_and_the_checks(demo_db):
    done = run(["statform", "3", "--scope", "DBK", "--at", "2021-12-31", "--format", "json"],
               demo_db)  # fmt: skip
    assert done.returncode == 0, done.stderr
    cells = json.loads(done.stdout)["cells"]
    bands = [cells[f"II.2.{i}|2"] for i in range(1, 9)]
    assert sum(bands) == cells["I|2"]
    assert (
        cells["I|2"] == indicators(demo_db, "DBK", "2021-12-31", "members.total")["members.total"]
    )
    check = run(["statform", "check", "--scope", "DBK", "--at", "2021-12-31"], demo_db)
    assert "[ĐÚNG] Dòng D Biểu 1 = dòng I Biểu 3" in check.stdout
    assert "[ĐÚNG] Cuối kỳ trước + tăng − giảm" in check.stdout
    assert "[ĐÚNG] Chuyển sinh hoạt xác định được tỉnh khác hay trong tỉnh" in check.stdout
