"""The study pages in the scope walk: sessions with a point and an attendance, classes with
a learner, contests with an entrant, on both sides; B's texts carry the marker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.studies import services
from dangbo.studies.models import (
    BridgePoint,
    ClassKind,
    Contest,
    Entrant,
    Learner,
    SessionAttendance,
    StudySession,
    TrainingClass,
)

SEGMENT_KINDS = {
    "buoi-hoc": "study_session", "diem-cau": "bridge_point", "lop": "training_class",
    "hoc-vien": "learner", "hoi-thi": "contest", "thi-sinh": "entrant",
}  # fmt: skip
DAY = dt.date(2021, 4, 15)


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        low = side.lower()
        text = parts.MARK if side == "B" else "Alpha"
        members = parts.a_members if side == "A" else parts.b_members
        base = parts.orgs[f"{low}_base"]
        session = services.session_save(
            org=base, kind="resolution", held_on=DAY, title=f"Quán triệt nghị quyết {text}",
            subject=f"Nghị quyết của {text}", document_number=f"05-NQ/{text}",
        )  # fmt: skip
        point = services.bridge_point_save(session=session, org=base, place=f"Hội trường {text}")
        services.attendance_set(point=point, member_ids=[members[0].pk], today=DAY)
        klass = services.class_save(
            org=base, kind=ClassKind.POLITICAL_THEORY, title=f"Lớp sơ cấp {text}",
            starts_on=dt.date(2021, 3, 1), ends_on=dt.date(2021, 5, 1), organizer=f"Trường {text}",
        )  # fmt: skip
        learner = services.learner_add(training_class=klass, member=members[1])
        contest = services.contest_save(
            org=base, kind="reporters", title=f"Hội thi {text}", held_on=DAY
        )
        entrant = services.entrant_save(
            contest=contest, member=members[0], prize="first", topic=f"Bài {text}"
        )
        ids[side] = {
            "study_session": [session.pk], "bridge_point": [point.pk],
            "training_class": [klass.pk], "learner": [learner.pk], "contest": [contest.pk],
            "entrant": [entrant.pk], "member": [members[0].pk],
        }  # fmt: skip
    return ids


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    rows: list[Any] = []
    for model, lookup in (
        (StudySession, "org__path"), (BridgePoint, "org__path"),
        (SessionAttendance, "bridge_point__org__path"), (TrainingClass, "org__path"),
        (Learner, "training_class__org__path"), (Contest, "org__path"),
        (Entrant, "contest__org__path"),
    ):  # fmt: skip
        rows += list(
            model.objects.filter(**{f"{lookup}__startswith": path}).order_by("pk").values_list()
        )
    return rows
