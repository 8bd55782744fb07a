"""`make bench`: performance budgets as ratios to a floor measured in the same run.

Builds a data set with the national generator (one province by default, or
BENCH_SCALE=national) into BENCH_DATABASE_URL (default: a fresh SQLite file), then
times each operation against the floor: a sum over one column of the member table,
the cheapest read that touches every member row once. A budget is a multiple of that floor,
so the verdict does not depend on how fast the machine is.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# (name, budget as a multiple of the floor)
BUDGETS = {
    "members.total toàn quốc/tỉnh, hôm nay": 10.0,
    "members.total một tỉnh, ngày trong quá khứ": 8.0,
    "orgs.base toàn cây": 2.0,
    # A breakdown reads every period of the subtree: the known limit before rollups.
    "members.by_age_band một tỉnh, hôm nay": 20.0,
    "danh sách đảng viên: tìm theo tên, trang đầu": 8.0,
    "danh sách đảng viên: đếm trong phạm vi một xã": 4.0,
    # Whole documents over a province, nothing cached. The form counts its cells in Python
    # over every member of the province twice (this year and last): linear in members, a
    # few seconds a province; a whole country's form belongs in a background job.
    "Biểu số 3-BTCTW một tỉnh (hai cột)": 400.0,
    # The report computes about 120 figures; the dashboard about 50.
    "báo cáo năm một tỉnh (văn bản, không lưu)": 250.0,
    "bảng điều hành một tỉnh, cả năm": 100.0,
}


def timed(func: Callable[[], object], repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from dangbo.demo.national import SCALES, Plan, build_national
    from dangbo.indicators.registry import Context, compute
    from dangbo.members.models import Member
    from dangbo.members.selectors import member_list
    from dangbo.orgs.models import Organization

    def statform_3() -> object:
        from dangbo.statforms.definitions import pick
        from dangbo.statforms.evaluate import Evaluation

        return Evaluation(pick("3", today), province, today).cells

    def year_report() -> object:
        from django.core.cache import cache

        from dangbo.reports.render import render
        from dangbo.reports.services import report_build

        cache.clear()  # the figures computed, not read from the cache
        start = dt.date(today.year, 1, 1)
        return render(report_build(org=province, period_start=start, period_end=today), "txt")

    def dashboard() -> object:
        from django.core.cache import cache

        from dangbo.dashboard.periods import period_for
        from dangbo.dashboard.selectors import dashboard_for

        cache.clear()  # the figures computed, not read from the cache
        return dashboard_for(province, period_for(province, preset="year", year=today.year,
                                                  today=today))  # fmt: skip

    call_command("migrate", verbosity=0)
    today = dt.date.today()  # noqa: DTZ011
    if not Organization.objects.exists():
        scale = os.environ.get("BENCH_SCALE", "small")
        plan = SCALES.get(scale) or Plan(provinces=2, communes=40, bases_per_upper=30)
        print(f"Tạo dữ liệu đo ({scale}) vào {connection.vendor}...", flush=True)
        build_national(scale="national", seed=1, progress=True, today=today, plan=plan)
    root = Organization.objects.get(code="TW")
    province = Organization.objects.get(code="T01")
    commune = Organization.objects.get(code="T01-X001")
    admin = type("Admin", (), {"is_authenticated": True, "is_superuser": True, "pk": 0})()
    past = today - dt.timedelta(days=60)

    def floor() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT SUM(LENGTH(org_path)) FROM members_member")
            cursor.fetchone()

    operations: dict[str, Callable[[], object]] = {
        "members.total toàn quốc/tỉnh, hôm nay": lambda: (
            compute("members.total", Context(scope=root, at=today)).value
        ),
        "members.total một tỉnh, ngày trong quá khứ": lambda: (
            compute("members.total", Context(scope=province, at=past)).value
        ),
        "orgs.base toàn cây": lambda: compute("orgs.base", Context(scope=root, at=today)).value,
        "members.by_age_band một tỉnh, hôm nay": lambda: (
            compute("members.by_age_band", Context(scope=province, at=today)).value
        ),
        "danh sách đảng viên: tìm theo tên, trang đầu": lambda: list(
            member_list(admin, query="nguyen van duc")[:50]
        ),
        "danh sách đảng viên: đếm trong phạm vi một xã": lambda: member_list(
            admin, org=commune
        ).count(),
        "Biểu số 3-BTCTW một tỉnh (hai cột)": statform_3,
        "báo cáo năm một tỉnh (văn bản, không lưu)": year_report,
        "bảng điều hành một tỉnh, cả năm": dashboard,
    }
    base = timed(floor)
    members = Member.objects.count()
    print(
        f"\n{connection.vendor}, {members:,} đảng viên; "
        f"nền (một lượt đọc bảng đảng viên): {base * 1000:.1f} ms"
    )
    failed = 0
    for name, op in operations.items():
        spent = timed(op)
        ratio = spent / base
        verdict = "đạt" if ratio <= BUDGETS[name] else "VƯỢT"
        failed += verdict != "đạt"
        print(
            f"  {name:<48} {spent * 1000:8.1f} ms  {ratio:6.1f}× nền"
            f"  (≤ {BUDGETS[name]:.0f}×) {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
