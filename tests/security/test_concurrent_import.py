"""Two imports of one organization at once do not duplicate people (docs/SECURITY.md).

The rows have no citizen ID and no card: the only rule that recognises a person again is
the same name and birth date in the same cell, checked against the database inside the
import's transaction. Two threads (two database connections) import the same file at the
same moment; a barrier inside the check makes both reach it together unless the second
one waits for the first (the lock in dangbo.imports.importing.lock_import).
"""

from __future__ import annotations

import io
import threading

import openpyxl
import pytest
from django.db import connection, connections

from dangbo.imports import importing
from dangbo.imports.checks import Checker
from dangbo.imports.columns import HEADERS, SHEET_TITLE
from dangbo.members.models import Person
from dangbo.orgs.models import Organization

NAMES = ["Đặng Văn Một", "Lý Thị Hai", "Chu Văn Ba"]


def _file() -> bytes:
    """New members of cell K-01-1 with neither citizen ID nor card number."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append(list(HEADERS))
    for name in NAMES:
        row = {
            "Họ và tên": name, "Giới tính": "Nữ", "Ngày sinh": "12/03/1990",
            "Dân tộc": "Kinh", "Tôn giáo": "Không", "Mã chi bộ": "K-01-1",
            "Ngày vào Đảng": "19/05/2015", "Ngày chính thức": "19/05/2016",
        }  # fmt: skip
        sheet.append([row.get(h) for h in HEADERS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _run_two_imports(org: Organization, content: bytes, monkeypatch) -> list[object]:
    """Both imports start together; each waits (up to 3 s) at the check for the other."""
    meet = threading.Barrier(2, timeout=3)
    check_batch = Checker.check_batch

    def check_then_meet(self, plans):
        check_batch(self, plans)
        try:
            meet.wait()
        except threading.BrokenBarrierError:
            pass  # the other import is waiting for our lock: go on alone

    monkeypatch.setattr(Checker, "check_batch", check_then_meet)
    start = threading.Barrier(2, timeout=10)
    results: list[object] = [None, None]

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = importing.import_file(io.BytesIO(content), org=org)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_file_at_once_add_each_person_once(tree, monkeypatch):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "needs a database file or PostgreSQL: threads cannot share a transaction-mode "
            "in-memory SQLite database (run with DATABASE_URL=postgres://…)"
        )
    results = _run_two_imports(tree["base"], _file(), monkeypatch)

    assert not [r for r in results if isinstance(r, Exception)], results
    for name in NAMES:
        assert Person.objects.filter(full_name=name).count() == 1, name
    news = sorted(r.new for r in results)  # type: ignore[union-attr]
    assert news == [0, len(NAMES)]
    assert all(r.committed for r in results)  # type: ignore[union-attr]


@pytest.mark.django_db(transaction=True)
def test_an_import_into_a_cell_waits_for_one_into_its_base(tree, monkeypatch):
    """The lock covers the ancestors: an import into the cell and one into its base
    committee (the same rows) run one after the other."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs a database file or PostgreSQL (see above)")
    content = _file()
    meet = threading.Barrier(2, timeout=3)
    check_batch = Checker.check_batch

    def check_then_meet(self, plans):
        check_batch(self, plans)
        try:
            meet.wait()
        except threading.BrokenBarrierError:
            pass

    monkeypatch.setattr(Checker, "check_batch", check_then_meet)
    results: list[object] = [None, None]

    def run(i: int, org: Organization) -> None:
        try:
            results[i] = importing.import_file(io.BytesIO(content), org=org)
        except Exception as exc:  # noqa: BLE001
            results[i] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(0, tree["base"])),
        threading.Thread(target=run, args=(1, tree["cell_a"])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not [r for r in results if isinstance(r, Exception)], results
    for name in NAMES:
        assert Person.objects.filter(full_name=name).count() == 1, name
