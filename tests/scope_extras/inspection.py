"""The inspection pages in the scope walk: plans, items and letters on both sides; B's
texts carry the marker, and the sender of B's letter is a secret too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.inspection import services
from dangbo.inspection.models import Complaint, InspectionItem, InspectionPlan

SEGMENT_KINDS = {"ke-hoach": "inspection_plan", "cuoc": "inspection_item",
                 "don-thu": "complaint"}  # fmt: skip

B_SENDER = "Quách Thị Tốcáo"
B_CONTACT = "0987000111"


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    mark = parts.MARK
    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        low = side.lower()
        text = mark if side == "B" else "Alpha"
        base, cell = parts.orgs[f"{low}_base"], parts.orgs[f"{low}_cell"]
        member = (parts.a_members if side == "A" else parts.b_members)[0]
        plan = services.plan_create(
            org=base, body="inspection", year=2021, title=f"Kế hoạch kiểm tra {text}",
            decision_number=f"05-KH/{text}",
        )  # fmt: skip
        item = services.item_create(
            plan=plan, kind="inspection", subject_org=cell, content=f"Kiểm tra {text}",
            planned_quarter=2, team=f"Đoàn {text}",
        )  # fmt: skip
        services.item_conclude(
            item=item, started_on=dt.date(2021, 4, 5), ended_on=dt.date(2021, 4, 30),
            conclusion=f"Kết luận {text}", violations_found=True, violations_count=1,
            violations=f"Vi phạm {text}", today=dt.date(2021, 12, 31),
        )  # fmt: skip
        unplanned = services.item_create(
            plan=plan, kind="signs_of_violation", subject_member=member,
            content=f"Dấu hiệu vi phạm {text}", unplanned=True, decided_on=dt.date(2021, 6, 1),
        )  # fmt: skip
        letter = services.complaint_receive(
            received_on=dt.date(2021, 3, 1), kind="denounce_member", settling_org=base,
            settling_body="inspection", subject=f"Tố cáo {text}",
            sender_name=B_SENDER if side == "B" else "Ngô Văn Gửi",
            sender_address=f"Ngõ {text}", sender_contact=B_CONTACT if side == "B" else "0911",
            accused_member=member, today=dt.date(2021, 12, 31),
        )  # fmt: skip
        ids[side] = {
            "inspection_plan": [plan.pk],
            "inspection_item": [item.pk, unplanned.pk],
            "complaint": [letter.pk],
        }
    return ids


def secrets(parts: Any) -> list[str]:
    return [B_SENDER.lower(), B_CONTACT]


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return [
        list(InspectionPlan.objects.filter(org__path__startswith=path).order_by("pk").values_list()),
        list(InspectionItem.objects.filter(plan__org__path__startswith=path).order_by("pk")
             .values_list()),
        list(Complaint.objects.filter(settling_org__path__startswith=path).order_by("pk")
             .values_list()),
    ]  # fmt: skip
