"""Admission records on both sides of the scope walk's world."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.admission import services
from dangbo.admission.models import AdmissionCase, AdmissionStep, PoliticalStandardConclusion, Stage
from dangbo.members.choices import Gender
from dangbo.members.services import person_save

SEGMENT_KINDS = {"doi-tuong": "admission_case", "ket-luan": "political_conclusion"}
KIND_ALIASES = {
    "admission_case": ("case",),
    "political_conclusion": ("conclusion",),
    "admission_step": ("step",),
}
NEUTRAL_PARAMS = {"stage": [Stage.TRAINED.value, Stage.DECISION.value]}


def _side(parts: Any, side: str) -> dict[str, list[int]]:
    low = side.lower()
    mark = parts.MARK if side == "B" else "Alpha"
    person = person_save(
        full_name=f"Quần chúng {mark}",
        gender=Gender.MALE,
        birth_date=dt.date(1998, 5, 5),
        citizen_id=("95" if side == "B" else "15") + "0000000001",
    )
    case = services.case_create(
        person=person,
        cell=parts.orgs[f"{low}_cell"],
        identified_on=dt.date(2020, 9, 1),
        note=f"Ghi chú {mark}",
    )
    services.case_record_step(
        case=case, kind=Stage.TRAINED, date=dt.date(2020, 10, 1), certificate_number=f"CN {mark}"
    )
    step = AdmissionStep.objects.get(case=case, kind=Stage.TRAINED)
    # A document name only (no file is written): its link and download view are walked.
    AdmissionStep.objects.filter(pk=step.pk).update(document=f"admission/2020/qd-{mark}.pdf")
    services.introducer_add(
        case=case,
        kind="youth_union",
        introduced_on=dt.date(2021, 1, 5),
        union_name=f"Đoàn cơ sở {mark}",
    )
    conclusion = services.conclusion_save(
        person=parts.b_members[1].person if side == "B" else parts.a_members[1].person,
        org=parts.orgs[f"{low}_base"],
        purpose="appointment",
        position=f"Trưởng phòng {mark}",
        concluded_on=dt.date(2021, 3, 1),
        concluding_body=f"Ban Thường vụ {mark}",
    )
    return {
        "admission_case": [case.pk],
        "political_conclusion": [conclusion.pk],
        "admission_step": [step.pk],
    }


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    return {"A": _side(parts, "A"), "B": _side(parts, "B")}


def secrets(parts: Any) -> list[str]:
    return ["950000000001"]


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return [
        list(AdmissionCase.objects.filter(org_path__startswith=path).order_by("pk").values_list()),
        list(
            AdmissionStep.objects.filter(case__org_path__startswith=path)
            .order_by("pk")
            .values_list()
        ),
        list(
            PoliticalStandardConclusion.objects.filter(org_path__startswith=path)
            .order_by("pk")
            .values_list()
        ),
    ]
