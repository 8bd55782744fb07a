"""The badge pages in the scope walk: awards on both sides; B's carry the marker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.badges.models import BadgeAward
from dangbo.badges.services import badge_award
from dangbo.members.choices import EventKind, Gender
from dangbo.members.rules import probation_end
from dangbo.members.services import member_create, member_record_event, person_save

SEGMENT_KINDS = {"huy-hieu": "badge_award"}

ADMITTED = dt.date(1990, 3, 1)  # 30 years of Party age on 01/03/2020


def _veteran(cell: Any, name: str, n: int) -> Any:
    person = person_save(
        full_name=name, gender=Gender.MALE, birth_date=dt.date(1965, 1, 1),
        citizen_id=f"55{n:010d}",
    )  # fmt: skip
    member = member_create(person=person, kind=EventKind.ADMITTED, date=ADMITTED, cell=cell)
    member_record_event(member=member, kind=EventKind.RECOGNIZED, date=probation_end(ADMITTED))
    member.refresh_from_db()
    return member


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    mark = parts.MARK
    ids: dict[str, dict[str, list[int]]] = {}
    for side, cell, name in (
        ("A", parts.orgs["a_cell"], "Vũ Văn Lâu"),
        ("B", parts.orgs["b_cell"], f"Vũ Văn {mark}lâu"),
    ):
        text = mark if side == "B" else "Alpha"
        veteran = _veteran(cell, name, 1 if side == "A" else 2)
        # Due and not awarded (the proposal list), and awarded (the awards list).
        award = badge_award(
            member=veteran, years=30, decision_number=f"30-QĐ/{text}",
            decision_date=dt.date(2020, 5, 1), presented_on=dt.date(2020, 5, 19),
            occasion="05-19", note=f"Trao tại hội trường {text}",
        )  # fmt: skip
        ids[side] = {"badge_award": [award.pk], "member": [veteran.pk]}
    return ids


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return list(
        BadgeAward.objects.filter(member__org_path__startswith=path).order_by("pk").values_list()
    )
