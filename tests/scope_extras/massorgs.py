"""The mass-organization pages in the scope walk: organizations, terms, counts and
activities on both sides; B's texts carry the marker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.massorgs.models import (
    MassOrgActivity,
    MassOrganization,
    MassOrgMembership,
    MassOrgTerm,
)
from dangbo.massorgs.services import activity_save, massorg_save, membership_record, term_create

SEGMENT_KINDS = {"to-chuc-doan-the": "massorg", "hoat-dong-doan-the": "massorg_activity"}


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        text = parts.MARK if side == "B" else "Alpha"
        base = parts.orgs[f"{side.lower()}_base"]
        m = massorg_save(kind="veterans", party_org=base, name=f"Hội CCB {text}",
                         host_unit_name=f"Cảng {text}")  # fmt: skip
        term_create(massorg=m, name="2022–2027", congress_on=dt.date(2022, 5, 10),
                    chair_name=f"Chủ tịch {text}")  # fmt: skip
        membership_record(massorg=m, as_of=dt.date(2021, 12, 31), members=43, note=text)
        a = activity_save(
            massorg=m, date=dt.date(2021, 7, 27), kind="house_building",
            title=f"Xây nhà tình nghĩa {text}", purpose="houses", amount_vnd=70_000_000,
            houses=1, beneficiaries=1, notes=f"Hội viên {text}",
        )  # fmt: skip
        ids[side] = {"massorg": [m.pk], "massorg_activity": [a.pk]}
    return ids


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    lookup = {"massorg__party_org__path__startswith": path}
    return [
        list(
            MassOrganization.objects.filter(party_org__path__startswith=path)
            .order_by("pk")
            .values_list()
        ),
        list(MassOrgTerm.objects.filter(**lookup).order_by("pk").values_list()),
        list(MassOrgMembership.objects.filter(**lookup).order_by("pk").values_list()),
        list(MassOrgActivity.objects.filter(**lookup).order_by("pk").values_list()),
    ]
