"""Uploaded spreadsheets are inspected before they are parsed (dangbo.core.xlsx_input):
decompression bombs, XML entity declarations and files that are not .xlsx are refused with a
Vietnamese message next to the upload field, and a formula cell is reported as such. Nothing
is written, nothing answers 500."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangbo.accounts.models import Role
from dangbo.dues.models import DuesMonth
from dangbo.imports.columns import HEADERS, SHEET_TITLE
from dangbo.jobs.models import Job
from dangbo.members.models import Member

ROW = {
    "Họ và tên": "Trần Thị Mai", "Giới tính": "Nữ", "Ngày sinh": "12/03/1990",
    "Dân tộc": "Kinh", "Tôn giáo": "Không", "Số căn cước": "500000000001",
    "Mã chi bộ": "K-01-1", "Ngày vào Đảng": "19/05/2015", "Ngày chính thức": "19/05/2016",
}  # fmt: skip
BOMB_ENTITIES = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def board(tree, user_with):
    return user_with(Role.ORG_BOARD, tree["bloc"])


def member_sheet(name: str = "Trần Thị Mai") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append(list(HEADERS))
    sheet.append([(ROW | {"Họ và tên": name}).get(h) for h in HEADERS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    """The archive `data` with some members' bytes replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = replace.get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, body, compress_type=zipfile.ZIP_DEFLATED)
        for name, body in (add or {}).items():
            dst.writestr(name, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A real workbook whose sheet inflates from about 0.1 MB to 100 MB (ratio ~1000)."""
    good = member_sheet()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, src.read(info.filename), zipfile.ZIP_DEFLATED)
                continue
            sheet = src.read(info.filename)
            head, tail = sheet.split(b"</sheetData>")
            entry = zipfile.ZipInfo(info.filename)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(entry, "w", force_zip64=True) as member:
                member.write(head)
                for _ in range(100):
                    member.write(b" " * (1 << 20))
                member.write(b"</sheetData>" + tail)
    return out.getvalue()


def entity_bomb() -> bytes:
    good = member_sheet()
    with zipfile.ZipFile(io.BytesIO(good)) as src:
        sheet = src.read("xl/worksheets/sheet1.xml")
    body = re.sub(rb"^<\?xml[^>]*\?>", b"", sheet)
    body = body.replace(b"Tr\xe1\xba\xa7n Th\xe1\xbb\x8b Mai", b"&lol3;")
    return rewrite(good, {"xl/worksheets/sheet1.xml": BOMB_ENTITIES + body})


HOSTILE = {
    "zip bomb": (zip_bomb, "bom giải nén"),
    "entity bomb": (entity_bomb, "DOCTYPE/ENTITY"),
    "html named .xlsx": (lambda: b"<html><script>alert(1)</script></html>", "không phải tệp Excel"),
    "old .xls": (lambda: bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "không phải tệp Excel"),
}


def _field_errors(response) -> str:
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


@pytest.mark.parametrize("case", list(HOSTILE))
def test_member_import_refuses_the_file_next_to_the_field(client, tree, board, case):
    build, words = HOSTILE[case]
    client.force_login(board)
    response = client.post(
        reverse("imports:member_import"),
        {"org": "K", "file": SimpleUploadedFile("ds.xlsx", build())},
    )
    assert response.status_code == 200
    assert words in _field_errors(response)
    assert words in response.content.decode()
    assert not Job.objects.exists() and not Member.objects.exists()


def test_the_unpacked_size_limit_comes_from_the_settings(client, tree, board, settings):
    """A plain workbook over DANGBO_IMPORT_MAX_UNPACKED_MB (here 1 MB) is refused too."""
    settings.DANGBO_IMPORT_MAX_UNPACKED_MB = 1
    noise = "".join(f"{i * 7919 % 1000003:07d}" for i in range(200_000)).encode()
    data = rewrite(member_sheet(), {}, add={"docProps/custom-noise.xml": b"<x>" + noise + b"</x>"})
    client.force_login(board)
    response = client.post(
        reverse("imports:member_import"), {"org": "K", "file": SimpleUploadedFile("a.xlsx", data)}
    )
    assert "giải nén ra quá 1 MB" in _field_errors(response)
    assert not Job.objects.exists()


def test_a_formula_cell_is_reported_not_read_as_empty(client, tree, board):
    client.force_login(board)
    data = member_sheet(name='=CONCAT("Trần ","Mai")')
    response = client.post(
        reverse("imports:member_import"), {"org": "K", "file": SimpleUploadedFile("f.xlsx", data)}
    )
    job = Job.objects.get()
    assert response.url == reverse("imports:job_detail", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert "Ô A2 chứa công thức; hãy dán giá trị" in page
    client.post(reverse("imports:job_commit", args=[job.pk]))
    assert not Member.objects.exists()


def test_dues_import_refuses_hostile_files_and_formulas(client, users):
    client.force_login(users["superuser"])
    url = reverse("dues:import")
    for build, words in HOSTILE.values():
        response = client.post(url, {"file": SimpleUploadedFile("d.xlsx", build())})
        assert response.status_code == 200 and words in response.content.decode()
    book = openpyxl.Workbook()
    book.active.append(["Mã đảng viên", "Tháng", "Đã đóng (đồng)"])
    book.active.append([1, "01/2024", "=1000*5"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post(url, {"file": SimpleUploadedFile("d.xlsx", buffer.getvalue())})
    assert "Ô C2 chứa công thức" in response.content.decode()
    assert not DuesMonth.objects.exists()
