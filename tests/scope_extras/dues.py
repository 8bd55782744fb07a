"""Đảng phí in the scope walk: bases, reliefs and months on both sides; B's notes carry MARK.

The dues pages name records by the member ("dang-vien/<pk>/…", already a member segment),
so no new segment kinds are needed; the month view, unpaid list and export are reached
with B's organization through the query string (?org=…)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.dues.models import BasisKind, Channel, DuesBasis, DuesMonth, DuesRelief, ReliefKind
from dangbo.dues.services import (
    dues_basis_set,
    dues_month_prepare,
    dues_payment_record,
    dues_relief_create,
)

MONTHS = [dt.date(2021, 10, 1), dt.date(2021, 11, 1), dt.date(2021, 12, 1), dt.date(2026, 3, 1)]


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    for side, members in (("A", parts.a_members), ("B", parts.b_members)):
        mark = parts.MARK if side == "B" else "Alpha"
        base = parts.orgs[f"{side.lower()}_base"]
        for n, member in enumerate(members):
            dues_basis_set(
                member=member,
                from_month=dt.date(2021, 1, 1),
                kind=BasisKind.SALARY,
                amount=9_000_000 + n * 1_000_000,
                note=f"Bảng lương {mark}",
            )
        dues_relief_create(
            member=members[0],
            kind=ReliefKind.HARDSHIP,
            percent=50,
            from_month=dt.date(2026, 3, 1),
            to_month=dt.date(2026, 8, 1),
            reason=f"Khó khăn {mark}",
            decision_number=f"12-QĐ/{mark}",
        )
        for month in MONTHS:
            dues_month_prepare(org=base, month=month)
        # The first member paid every month; the others owe three months of 2021.
        for month in MONTHS:
            dues_payment_record(
                member=members[0],
                month=month,
                amount_paid=90_000,
                paid_on=month + dt.timedelta(days=10),
                channel=Channel.CASH,
                note=f"Thu tại {mark}",
            )
        dues_payment_record(
            member=members[1],
            month=MONTHS[0],
            amount_paid=0,
            paid_on=None,
            excused_reason=f"Công tác {mark}",
        )
    return {"A": {}, "B": {}}


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return [
        list(DuesMonth.objects.filter(cell__path__startswith=path).order_by("pk").values_list()),
        list(
            DuesBasis.objects.filter(member__org_path__startswith=path).order_by("pk").values_list()
        ),
        list(
            DuesRelief.objects.filter(member__org_path__startswith=path)
            .order_by("pk")
            .values_list()
        ),
    ]
