"""`dangbo import-members` and `dangbo export-members` run as a user runs them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from excel_helpers import as_dicts, good_row, make_xlsx

DANGBO = str(Path(sys.executable).parent / "dangbo")

SETUP = """
import datetime as dt
from dangbo.orgs.models import OrgKind
from dangbo.orgs.services import org_create
day = dt.date(2000, 1, 1)
bloc = org_create(parent=None, code="K", name="Đảng bộ Khối",
                  kind=OrgKind.BLOC_COMMITTEE, founded_on=day)
org_create(parent=bloc, code="K-02", name="Chi bộ Công ty Điện",
           kind=OrgKind.BASE_CELL, founded_on=day)
"""


def run(args, url):
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([DANGBO, *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("cli")) / "cli.sqlite3"
    url = f"sqlite:///{path}"
    for args in (["migrate"], ["manage", "shell", "-c", SETUP]):
        done = run(args, url)
        assert done.returncode == 0, done.stderr
    return path, url


def count(path, table):
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_import_members_names_bad_rows_and_exits_1_writing_nothing(database, tmp_path):
    path, url = database
    rows = [good_row("K-02"), good_row("K-02", **{"Ngày sinh": "1990"}), good_row("K-03")]
    sheet = tmp_path / "bad.xlsx"
    sheet.write_bytes(make_xlsx(rows))
    for extra in (["--dry-run"], []):
        done = run(["import-members", str(sheet), "--org", "K", *extra], url)
        assert done.returncode == 1, done.stderr
        assert "Dòng 3, cột C (Ngày sinh): Ngày không hợp lệ: “1990”" in done.stdout
        assert "Dòng 4, cột R (Mã chi bộ): Không có chi bộ mã “K-03”." in done.stdout
        assert "Dòng 2" not in done.stdout
        assert "không ghi dữ liệu nào" in done.stderr
        assert count(path, "members_person") == 0


def test_import_then_export_then_reimport(database, tmp_path):
    path, url = database
    sheet = tmp_path / "good.xlsx"
    sheet.write_bytes(make_xlsx([good_row("K-02"), good_row("K-02", **{"Họ và tên": "Lý Văn Tú"})]))
    done = run(["import-members", str(sheet), "--org", "K", "--dry-run"], url)
    assert done.returncode == 0, done.stderr
    assert "2 mới, 0 cập nhật, 0 không đổi" in done.stdout and count(path, "members_member") == 0
    done = run(["import-members", str(sheet), "--org", "K"], url)
    assert done.returncode == 0, done.stderr
    assert "Đã nhập 2 dòng vào Đảng bộ Khối: 2 mới" in done.stdout
    assert count(path, "members_member") == 2

    exported = tmp_path / "out.xlsx"
    done = run(["export-members", "--org", "K", str(exported)], url)
    assert done.returncode == 0, done.stderr
    assert sorted(r["Họ và tên"] for r in as_dicts(exported.read_bytes())) == [
        "Lý Văn Tú", "Trần Thị Mai",
    ]  # fmt: skip
    done = run(["import-members", str(exported), "--org", "K"], url)
    assert done.returncode == 0, done.stderr
    assert "0 mới, 0 cập nhật, 2 không đổi" in done.stdout
    assert count(path, "members_membershipevent") == 4
