"""Import a 100.000-row member spreadsheet into a fresh SQLite database; print speed and memory.

    .venv/bin/python bench/import_100k.py [--rows 100000] [--keep]

Generates the file with openpyxl write-only mode in a temporary folder, creates the
database with `dangbo migrate` (DATABASE_URL pointing at a temporary file), builds a
small tree of 100 cells, then times the three passes the product runs: the check
(preview), the import in one transaction, and a second check of the same file
(which must find every row unchanged). Peak RSS is the process's high-water mark
(resource.getrusage), printed after each phase.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CELLS_PER_BASE = 5
BASES = 20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def report(label: str, rows: int, seconds: float) -> None:
    print(
        f"{label:<32} {rows:>7} rows {seconds:7.1f} s {rows / seconds:9.0f} rows/s"
        f"   peak RSS {peak_mb():6.0f} MB",
        flush=True,
    )


def generate(path: Path, rows: int, cell_codes: list[str]) -> None:
    from openpyxl import Workbook

    from dangbo.imports.columns import HEADERS, SHEET_TITLE

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    sheet.append(list(HEADERS))
    first = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"]
    middle = ["Văn", "Thị", "Minh", "Quốc", "Thu", "Hữu"]
    last = ["An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Lan", "Nam", "Phúc", "Tú"]
    for i in range(rows):
        admitted = dt.date(1990 + i % 30, 1 + i % 12, 1 + i % 28)
        full = admitted.replace(year=admitted.year + 1) if i % 10 else None
        sheet.append([
            f"{first[i % 8]} {middle[i % 6]} {last[i % 10]}", "Nam" if i % 2 else "Nữ",
            dt.date(1950 + i % 20, 1 + i % 12, 1 + i % 28), f"Xã {i % 500}", f"Huyện {i % 90}",
            f"Số {i} đường {i % 300}", "Kinh", "Không", "Người làm việc trong doanh nghiệp",
            "Trung học phổ thông", "Đại học", "Sơ cấp", "Tiếng Anh B1", "Cơ bản",
            f"{10**11 + i:012d}", f"{10**9 + i:010d}", f"{2 * 10**11 + i:012d}",
            cell_codes[i % len(cell_codes)], admitted, full, "Người giới thiệu",
            None, f"09{i:08d}", f"dv{i}@example.vn",
        ])  # fmt: skip
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="dangbo-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["DANGBO_DATA_DIR"] = str(folder)
    os.environ["DANGBO_DEBUG"] = "0"
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)
    dangbo = Path(sys.executable).parent / "dangbo"
    subprocess.run([str(dangbo), "migrate"], check=True, stdout=subprocess.DEVNULL)

    os.environ["DJANGO_SETTINGS_MODULE"] = "dangbo.config.settings"
    import django

    django.setup()
    from dangbo.imports.importing import check_file, import_file
    from dangbo.members.models import Member
    from dangbo.orgs.models import OrgKind
    from dangbo.orgs.services import org_create

    day = dt.date(1980, 1, 1)
    bloc = org_create(parent=None, code="K", name="Đảng bộ Khối", kind=OrgKind.BLOC_COMMITTEE,
                      founded_on=day)  # fmt: skip
    codes = []
    for b in range(BASES):
        base = org_create(parent=bloc, code=f"K-{b:02d}", name=f"Đảng bộ cơ sở {b}",
                          kind=OrgKind.BASE_COMMITTEE, founded_on=day)  # fmt: skip
        for c in range(CELLS_PER_BASE):
            code = f"K-{b:02d}-{c}"
            org_create(parent=base, code=code, name=f"Chi bộ {b}.{c}", kind=OrgKind.SUB_CELL,
                       founded_on=day)  # fmt: skip
            codes.append(code)

    print(f"database {os.environ['DATABASE_URL']}; baseline peak RSS {peak_mb():.0f} MB")
    sheet = folder / "members.xlsx"
    start = time.perf_counter()
    generate(sheet, args.rows, codes)
    report("generate (openpyxl write-only)", args.rows, time.perf_counter() - start)
    print(f"file size {sheet.stat().st_size / 1e6:.1f} MB")

    start = time.perf_counter()
    preview = check_file(sheet, org=bloc)
    report("check (preview, no writes)", preview.rows, time.perf_counter() - start)
    assert preview.ok and preview.new == args.rows, [str(i) for i in preview.issues[:5]]

    start = time.perf_counter()
    done = import_file(sheet, org=bloc)
    report("import (one transaction)", done.rows, time.perf_counter() - start)
    assert done.committed and Member.objects.count() == args.rows

    start = time.perf_counter()
    again = check_file(sheet, org=bloc)
    report("check again (all unchanged)", again.rows, time.perf_counter() - start)
    assert again.unchanged == args.rows, again.summary

    if args.keep:
        print(f"kept {folder}")
    else:
        import shutil

        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
