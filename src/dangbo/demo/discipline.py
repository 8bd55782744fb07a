"""Kỷ luật đảng in the demo.

For DBK between 01/01/2021 and 30/09/2021 exactly 25 disciplines of members (the seed's
figures): 1 reprimand by the bloc's inspection committee, 24 by base committees and their
cells (21 reprimands, 3 warnings). Then a few reprimands and warnings each later year up to
today, two expulsions after 30/09/2021 and two external decisions (information).

The ratings are built before this runs: disciplined members are drawn among those whose
rating of that year is already "không hoàn thành nhiệm vụ" (decided, or proposed in the
open round), and their rating entry's discipline facts are set to the case. The two
expulsions reuse strike-off events of full members already in the generated histories
(their kind becomes EXPELLED, same day): membership ends on the same day as before, so no
membership figure of any date moves. Every case passes the app's rules
(discipline.rules: form for the subject, authority, vote, limitation); rows are written in
bulk with one audit row.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from typing import Any

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.admission.services import full_members_on
from dangbo.core.text import fold
from dangbo.discipline import rules
from dangbo.discipline.models import BodyKind, CaseKind, DisciplineCase, Form, SubjectKind
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.models import Member, MemberPeriod, MembershipEvent
from dangbo.orgs.models import Organization, OrgKind, OrgVersion
from dangbo.rating.models import DisciplineForm, Grade, MemberRating

SEED_START, SEED_END = dt.date(2021, 1, 1), dt.date(2021, 9, 30)
VIOLATIONS = [
    "Không thực hiện đúng chế độ báo cáo, vi phạm quy chế làm việc của chi bộ",
    "Thiếu trách nhiệm trong quản lý tài chính, tài sản của cơ quan",
    "Vi phạm quy định về những điều đảng viên không được làm (Quy định 37-QĐ/TW)",
    "Không chấp hành sự phân công của tổ chức",
    "Vi phạm quy định về phòng, chống tham nhũng, lãng phí trong mua sắm công",
    "Sinh hoạt đảng không đều, không đóng đảng phí nhiều tháng không có lý do",
    "Vi phạm quy định về kê khai tài sản, thu nhập",
    "Thiếu gương mẫu, vi phạm đạo đức, lối sống",
]
EXTERNAL = [
    ("Sở Tài chính", "Khiển trách"),
    ("Công đoàn Viên chức tỉnh", "Cảnh cáo"),
]


class _Tree:
    """Organizations and their versions, in memory (paths as they stood on a day)."""

    def __init__(self) -> None:
        self.kind = dict(Organization.objects.values_list("pk", "kind"))
        self.name = dict(Organization.objects.values_list("pk", "name"))
        self.versions: dict[int, list[tuple[dt.date, dt.date | None, str]]] = defaultdict(list)
        for org_id, start, end, path in OrgVersion.objects.values_list(
            "org_id", "valid_from", "valid_to", "path"
        ):
            self.versions[org_id].append((start, end, path))
        self.by_path: dict[tuple[str, int], int] = {}

    def path_on(self, org_id: int, day: dt.date) -> str | None:
        for start, end, path in self.versions[org_id]:
            if start <= day and (end is None or end > day):
                return path
        return None

    def ancestor_on(self, org_id: int, day: dt.date, kinds: tuple[str, ...]) -> int | None:
        """The nearest organization above `org_id` of one of `kinds`, as the tree stood."""
        path = self.path_on(org_id, day)
        if path is None:
            return None
        step = Organization.steplen
        prefixes = {path[:i] for i in range(step, len(path), step)}
        found = [
            (len(p), oid)
            for oid, versions in self.versions.items()
            if self.kind.get(oid) in kinds
            for (s, e, p) in versions
            if p in prefixes and s <= day and (e is None or e > day)
        ]
        return max(found)[1] if found else None


def _period_on(periods: list[tuple[int, str, dt.date, dt.date | None]], day: dt.date) -> Any:
    for org_id, status, start, end in periods:
        if start <= day and (end is None or end > day):
            return org_id, status
    return None


def build_discipline(rng: random.Random, today: dt.date) -> int:
    bloc = Organization.objects.filter(code="DBK").first()
    if bloc is None:
        return 0
    tree = _Tree()
    names = dict(Member.objects.values_list("pk", "person__full_name"))
    paths = dict(Member.objects.values_list("pk", "org_path"))
    periods: dict[int, list[tuple[int, str, dt.date, dt.date | None]]] = defaultdict(list)
    for member_id, org_id, status, start, end in MemberPeriod.objects.values_list(
        "member_id", "org_id", "status", "valid_from", "valid_to"
    ):
        periods[member_id].append((org_id, status, start, end))
    # Entries whose grade of the year already is "not completed" (decided or proposed).
    candidates: dict[int, list[MemberRating]] = defaultdict(list)
    not_completed = MemberRating.objects.filter(decided_grade=Grade.NOT_COMPLETED) | (
        MemberRating.objects.filter(decided_grade="", proposed_grade=Grade.NOT_COMPLETED)
    )
    for entry in not_completed.order_by("year", "member_id"):
        candidates[entry.year].append(entry)

    cases: list[DisciplineCase] = []
    touched: list[MemberRating] = []
    used: set[int] = set()

    def add(entry: MemberRating, form: str, body: str, window: tuple[dt.date, dt.date]) -> bool:
        """One member case in `window`, checked by the rules; False if it does not fit."""
        start, end = window
        if end < start or entry.member_id in used:
            return False
        day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        on = _period_on(periods[entry.member_id], day)
        if on is None:
            return False
        cell_id, status = on
        probationary = status == MemberStatus.PROBATIONARY
        if body == "bloc_inspection":
            body_org, body_kind = bloc.pk, BodyKind.INSPECTION
        elif body == "cell" or tree.kind.get(cell_id) == OrgKind.BASE_CELL:
            body_org, body_kind = cell_id, BodyKind.CELL
        else:
            base = tree.ancestor_on(cell_id, day, (OrgKind.BASE_COMMITTEE,))
            if base is None:
                body_org, body_kind = cell_id, BodyKind.CELL
            else:
                body_org = base
                body_kind = BodyKind.INSPECTION if rng.random() < 0.5 else BodyKind.EXECUTIVE
        subject_path, body_path = tree.path_on(cell_id, day), tree.path_on(body_org, day)
        if subject_path is None or body_path is None:
            return False
        rel = rules.relation(
            subject_kind=SubjectKind.MEMBER, subject_path=subject_path, body_path=body_path,
            body_org_kind=tree.kind[body_org],
        )  # fmt: skip
        found = day - dt.timedelta(days=rng.randint(10, 50))
        violation_on = found - dt.timedelta(days=rng.randint(30, 400))
        if (
            rules.forms_error(SubjectKind.MEMBER, probationary, form)
            or rules.body_kind_error(body_kind, tree.kind[body_org])
            or rules.authority_error(rules.authority_at(day), subject_kind=SubjectKind.MEMBER,
                                     rel=rel, body_kind=body_kind, form=form)
            or rules.limitation_error(form, violation_on, found)
        ):  # fmt: skip
            return False
        issuer = "UBKT" if body_kind == BodyKind.INSPECTION else (
            "CB" if body_kind == BodyKind.CELL else "ĐU"
        )  # fmt: skip
        number = f"{rng.randint(1, 99):02d}-QĐ/{issuer}"
        name = names[entry.member_id]
        cases.append(
            DisciplineCase(
                kind=CaseKind.DECISION, subject_kind=SubjectKind.MEMBER,
                member_id=entry.member_id, subject_org_id=cell_id,
                subject_path=paths[entry.member_id], subject_name=name,
                search_text=fold(f"{name} {number}"), member_status=status,
                violation=rng.choice(VIOLATIONS), violation_on=violation_on, found_on=found,
                body_org_id=body_org, body_kind=body_kind, form=form,
                decision_number=number, decision_date=day,
            )
        )  # fmt: skip
        entry.disciplined = True
        entry.discipline_form = form if form in DisciplineForm.values else ""
        entry.discipline_decision, entry.discipline_on = number, day
        entry.self_remedied = False
        touched.append(entry)
        used.add(entry.member_id)
        return True

    # 1–9/2021: the seed's 25 (1 by the bloc's inspection committee, 24 at base level).
    plan = [(Form.REPRIMAND, "bloc_inspection")]
    plan += [(Form.REPRIMAND, "cell" if i % 2 else "base") for i in range(21)]
    plan += [(Form.WARNING, "base")] * 3
    pool = list(candidates[2021])
    rng.shuffle(pool)
    for form, body in plan:
        while pool and not add(pool.pop(), form, body, (SEED_START, SEED_END)):
            pass
    # Later years: a few reprimands and warnings each year, up to today.
    for year in range(2021, today.year + 1):
        pool = [e for e in candidates.get(year, []) if e.member_id not in used]
        rng.shuffle(pool)
        window = (dt.date(year, 10, 1) if year == 2021 else dt.date(year, 1, 5),
                  min(dt.date(year, 12, 20), today))  # fmt: skip
        wanted = [Form.REPRIMAND] * rng.randint(3, 6) + [Form.WARNING] * rng.randint(1, 2)
        for form in wanted:
            while pool and not add(pool.pop(), form, rng.choice(["cell", "base"]), window):
                pass
    _expulsions(rng, tree, names, paths, periods, cases)
    _external(rng, names, paths, periods, cases, today)
    DisciplineCase.objects.bulk_create(cases, batch_size=500)
    MemberRating.objects.bulk_update(
        touched, ["disciplined", "discipline_form", "discipline_decision", "discipline_on",
                  "self_remedied"], batch_size=500,
    )  # fmt: skip
    audit_log(
        user=None, action=AuditAction.CHANGE, object_type="discipline_case",
        description=f"Dữ liệu mẫu: {len(cases)} hồ sơ kỷ luật",
    )  # fmt: skip
    return len(cases)


def _expulsions(
    rng: random.Random,
    tree: _Tree,
    names: dict[int, str],
    paths: dict[int, str],
    periods: dict[int, list[tuple[int, str, dt.date, dt.date | None]]],
    cases: list[DisciplineCase],
) -> None:
    """Two strike-offs of full members between 10/2021 and the 2025 restructuring become
    expulsions decided by the base committee (or the bloc's standing committee for a base
    cell), after the cell's vote of at least 2/3 of its full members."""
    bloc = Organization.objects.get(code="DBK")
    events = list(
        MembershipEvent.objects.filter(
            kind=EventKind.STRUCK_OFF, date__gt=SEED_END, date__lt=dt.date(2025, 2, 1)
        ).order_by("date", "pk")
    )
    rng.shuffle(events)
    done = 0
    for event in events:
        if done == 2:
            break
        before = event.date - dt.timedelta(days=1)
        on = _period_on(periods[event.member_id], before)
        if on is None or on[1] != MemberStatus.FULL:
            continue
        cell_id = on[0]
        if tree.kind.get(cell_id) == OrgKind.BASE_CELL:
            body_org, body_kind = bloc.pk, BodyKind.STANDING
        else:
            base = tree.ancestor_on(cell_id, before, (OrgKind.BASE_COMMITTEE,))
            if base is None:
                continue
            body_org, body_kind = base, BodyKind.EXECUTIVE
        vote_on = event.date - dt.timedelta(days=rng.randint(7, 20))
        cell = Organization.objects.get(pk=cell_id)
        total = full_members_on(cell, vote_on)
        if total == 0:
            continue
        needed = math.ceil(2 * total / 3)
        votes = rng.randint(needed, total)
        authority = rules.authority_at(event.date)
        subject_path, body_path = tree.path_on(cell_id, before), tree.path_on(body_org, before)
        if subject_path is None or body_path is None:
            continue
        rel = rules.relation(subject_kind=SubjectKind.MEMBER, subject_path=subject_path,
                             body_path=body_path, body_org_kind=tree.kind[body_org])  # fmt: skip
        if rules.authority_error(authority, subject_kind=SubjectKind.MEMBER, rel=rel,
                                 body_kind=body_kind, form=Form.EXPULSION) or rules.vote_error(
            authority, votes, total
        ):  # fmt: skip
            continue
        number = f"{rng.randint(100, 199)}-QĐ/{'ĐUK' if body_org == bloc.pk else 'ĐU'}"
        MembershipEvent.objects.filter(pk=event.pk).update(
            kind=EventKind.EXPELLED, decision_number=number, decision_date=event.date,
            note=f"Theo quyết định kỷ luật số {number}",
        )  # fmt: skip
        name = names[event.member_id]
        found = event.date - dt.timedelta(days=rng.randint(30, 60))
        cases.append(
            DisciplineCase(
                kind=CaseKind.DECISION, subject_kind=SubjectKind.MEMBER,
                member_id=event.member_id, subject_org_id=cell_id,
                subject_path=paths[event.member_id], subject_name=name,
                search_text=fold(f"{name} {number}"), member_status=MemberStatus.FULL,
                violation=rng.choice(VIOLATIONS[4:5] + VIOLATIONS[2:3]),
                violation_on=found - dt.timedelta(days=rng.randint(60, 700)), found_on=found,
                body_org_id=body_org, body_kind=body_kind, form=Form.EXPULSION,
                vote_on=vote_on, votes_for=votes, full_members=total,
                decision_number=number, decision_date=event.date, membership_event_id=event.pk,
                consequences=f"Ghi sự kiện “Khai trừ” ngày {rules.d(event.date)}.",
            )
        )  # fmt: skip
        done += 1


def _external(
    rng: random.Random,
    names: dict[int, str],
    paths: dict[int, str],
    periods: dict[int, list[tuple[int, str, dt.date, dt.date | None]]],
    cases: list[DisciplineCase],
    today: dt.date,
) -> None:
    """Two decisions of other bodies recorded as information (296-QĐ/TW: 5-day notice),
    one notified late."""
    day = min(dt.date(2025, 9, 15), today)
    current = [m for m, ps in sorted(periods.items()) if _period_on(ps, day)]
    for i, (body, form) in enumerate(EXTERNAL):
        if not current:
            return
        member_id = current[rng.randrange(len(current))]
        cell_id, status = _period_on(periods[member_id], day)
        decided = day - dt.timedelta(days=30 * i)
        notified = decided + dt.timedelta(days=3 if i == 0 else 12)
        name = names[member_id]
        number = f"{rng.randint(10, 300)}/QĐ-{'STC' if i == 0 else 'CĐVC'}"
        cases.append(
            DisciplineCase(
                kind=CaseKind.INFORMATION, subject_kind=SubjectKind.MEMBER, member_id=member_id,
                subject_org_id=cell_id, subject_path=paths[member_id], subject_name=name,
                search_text=fold(f"{name} {number}"), member_status=status,
                violation="Vi phạm quy chế chuyên môn của cơ quan",
                violation_on=decided - dt.timedelta(days=40), found_on=decided,
                external_body=body, external_form=form, decision_number=number,
                decision_date=decided, notified_on=notified,
                notice_deadline=rules.notice_deadline(decided),
                notice_late=rules.notice_late(decided, notified),
            )
        )  # fmt: skip
