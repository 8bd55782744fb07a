"""Demo records of Kiểm tra, giám sát, đơn thư.

2021 (the bloc's nine-month report): the executive committee of DBK planned 12
inspections and supervisions in quarters 1–3 and completed 9 by 30/9 (09/12, 75%); with
the plans of the bloc's inspection committee and of four base committees' inspection
committees, 23 distinct Party organizations are in the year's programmes by then. Letters
received in 2021 were settled in time; anonymous ones closed with that reason. From 2022 to
today's year: plans every year (after the 2025 restructuring, of the new bloc-level
committees) and letters, a few of them overdue now. Every record passes the app's rules
(dangbo.inspection.rules); written in bulk.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.text import fold
from dangbo.inspection import rules
from dangbo.inspection.models import (
    BodyKind,
    CloseReason,
    Complaint,
    InspectionItem,
    InspectionPlan,
    ItemKind,
    ItemStatus,
    LetterKind,
    LetterStatus,
)
from dangbo.members.models import Member
from dangbo.orgs.models import BASE_KINDS, CELL_KINDS, Organization, OrgKind
from dangbo.orgs.selectors import versions_at

PLANNED_KINDS = (
    ItemKind.REGULAR_SUPERVISION, ItemKind.THEMATIC_SUPERVISION, ItemKind.INSPECTION,
    ItemKind.DISCIPLINE_ENFORCEMENT, ItemKind.FINANCE,
)  # fmt: skip
CONTENTS = {
    ItemKind.REGULAR_SUPERVISION: "Giám sát việc thực hiện quy chế làm việc của cấp ủy",
    ItemKind.THEMATIC_SUPERVISION: "Giám sát chuyên đề việc học tập và làm theo tư tưởng, đạo "
    "đức, phong cách Hồ Chí Minh",
    ItemKind.INSPECTION: "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát của cấp ủy",
    ItemKind.DISCIPLINE_ENFORCEMENT: "Kiểm tra việc thi hành kỷ luật trong Đảng",
    ItemKind.FINANCE: "Kiểm tra việc thu, nộp, quản lý và sử dụng đảng phí",
    ItemKind.SIGNS_OF_VIOLATION: "Kiểm tra khi có dấu hiệu vi phạm trong thực hiện nhiệm vụ",
}
TEAMS = ("Đoàn kiểm tra số {n} do đồng chí Phó Bí thư làm trưởng đoàn",
         "Tổ giám sát số {n} của Ủy ban Kiểm tra")  # fmt: skip
SUBJECTS = (
    "Tố cáo đảng viên vi phạm quy định về những điều đảng viên không được làm",
    "Tố cáo cấp ủy chi bộ thiếu dân chủ trong sinh hoạt",
    "Khiếu nại quyết định kỷ luật khiển trách",
    "Phản ánh việc thu, nộp đảng phí chưa đúng quy định",
    "Tố cáo đảng viên vi phạm đạo đức, lối sống",
)
SENDERS = ("Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Thành", "Phạm Thị Hoa", "Hoàng Văn Nam",
           "Vũ Thị Lan", "Đặng Văn Quang", "Bùi Thị Thu")  # fmt: skip


def _versions(day: dt.date, path: str) -> list[Any]:
    return list(versions_at(day).filter(path__startswith=path).order_by("path"))


def _stable(start: dt.date, end: dt.date, path: str) -> list[Any]:
    """Versions under `path` that held for the whole of [start, end]."""
    late = {v.org_id: v.path for v in _versions(end, path)}
    return [v for v in _versions(start, path) if late.get(v.org_id) == v.path]


class _Writer:
    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.plans: list[InspectionPlan] = []
        self.items: list[InspectionItem] = []
        self.letters: list[Complaint] = []
        self.serials: dict[tuple[int, int], int] = {}

    def plan(self, org_id: int, org_name: str, org_kind: str, body: str, year: int) -> int:
        title = f"Chương trình kiểm tra, giám sát năm {year} của {BodyKind(body).label} "
        title += org_name
        assert not rules.check_plan(year=year, decision_date=dt.date(year, 1, 10), title=title)
        assert not rules.check_body(body, org_kind)
        number = f"{self.rng.randint(1, 30):02d}-CTr/{'UBKT' if body == 'inspection' else 'ĐU'}"
        self.plans.append(
            InspectionPlan(
                org_id=org_id,
                body=body,
                year=year,
                title=title,
                decision_number=number,
                decision_date=dt.date(year, 1, self.rng.randint(5, 20)),
                search=fold(f"{title} {number} {org_name}"),
            )  # fmt: skip
        )
        return len(self.plans) - 1

    def item(
        self, plan_index: int, year: int, *, org: Any = None, member: Any = None,
        quarter: int | None, kind: str, done_by: dt.date | None, late: bool = False,
        decided_on: dt.date | None = None,
    ) -> None:  # fmt: skip
        """`done_by`: the item is concluded (if on or before today), within its quarter
        (or a few weeks after it when `late`)."""
        rng = self.rng
        content = CONTENTS[ItemKind(kind)]
        unplanned = quarter is None
        assert not rules.check_item(
            year=year, kind=kind, planned_quarter=quarter, unplanned=unplanned,
            decided_on=decided_on, has_org=org is not None, has_member=member is not None,
            content=content,
        )  # fmt: skip
        ref = rules.ref_date(year, quarter, decided_on)
        if quarter is not None:
            q_start, q_end = rules.quarter_bounds(year, quarter)
        else:
            assert decided_on is not None
            q_start, q_end = decided_on, decided_on + dt.timedelta(days=60)
        started = q_start + dt.timedelta(days=rng.randint(5, 30))
        ended = min(q_end, started + dt.timedelta(days=rng.randint(10, 40)))
        if late:
            ended = q_end + dt.timedelta(days=rng.randint(10, 30))
        if done_by is not None:
            ended = min(ended, done_by)
            started = min(started, ended)
        status, conclusion = ItemStatus.PLANNED, ""
        violations = 0
        if done_by is not None and ended <= self.today:
            status = ItemStatus.DONE
            violations = rng.choice((0, 0, 0, 1, 2))
            conclusion = (
                "Có khuyết điểm, vi phạm; yêu cầu khắc phục"
                if violations
                else "Tổ chức đảng thực hiện tốt nội dung được kiểm tra, giám sát"
            )
            assert not rules.check_conclusion(
                started_on=started, ended_on=ended, conclusion=conclusion,
                violations_found=bool(violations), violations_count=violations,
                violations="Thực hiện chưa đúng quy định" if violations else "",
                today=self.today,
            )  # fmt: skip
        elif started <= self.today:
            status = ItemStatus.IN_PROGRESS
        name = org.name if org is not None else str(member.person.full_name)
        team = TEAMS[rng.randrange(len(TEAMS))].format(n=len(self.items) % 9 + 1)
        self.items.append(
            InspectionItem(
                plan_id=plan_index,  # replaced by the plan's pk once written
                kind=kind,
                subject_org_id=org.org_id if org is not None else None,
                subject_member_id=member.pk if member is not None else None,
                content=content,
                planned_quarter=quarter,
                unplanned=unplanned,
                decided_on=decided_on,
                ref_date=ref,
                team=team,
                status=status,
                started_on=started if status != ItemStatus.PLANNED else None,
                ended_on=ended if status == ItemStatus.DONE else None,
                conclusion=conclusion,
                conclusion_number=f"{len(self.items) + 1:02d}-TB/KT" if conclusion else "",
                violations_found=bool(violations),
                violations_count=violations,
                violations="Thực hiện chưa đúng quy định" if violations else "",
                search=fold(f"{content} {team} {name}"),
            )  # fmt: skip
        )

    def letter(
        self, org_id: int, org_kind: str, body: str, received: dt.date, kind: str, *,
        anonymous: bool = False, settle: bool = True, late_settle: bool = False,
    ) -> None:  # fmt: skip
        rng = self.rng
        subject = SUBJECTS[rng.randrange(len(SUBJECTS))]
        if kind == LetterKind.DISCIPLINE_COMPLAINT:
            subject = SUBJECTS[2]
        sender = "" if anonymous else SENDERS[rng.randrange(len(SENDERS))]
        decision_received = (
            received - dt.timedelta(days=rng.randint(3, 20))
            if kind == LetterKind.DISCIPLINE_COMPLAINT else None
        )  # fmt: skip
        assert not rules.check_letter(
            received_on=received, kind=kind, anonymous=anonymous, sender_name=sender,
            subject=subject, decision_received_on=decision_received, today=self.today,
        )  # fmt: skip
        rule = rules.rules_at(received)
        deadline = rules.settle_deadline(rule, kind, rules.level_of(org_kind), received)
        key = (org_id, received.year)
        self.serials[key] = self.serials.get(key, 0) + 1
        number = f"{self.serials[key]:02d}/{received.year}"
        letter = Complaint(
            number=number, received_on=received, kind=kind, settling_org_id=org_id,
            settling_body=body, subject=subject, anonymous=anonymous, sender_name=sender,
            sender_address=f"Tổ {rng.randint(1, 30)}, phường {rng.randint(1, 12)}"
            if sender else "",
            sender_contact=f"09{rng.randint(10000000, 99999999)}" if sender else "",
            sender_search=fold(sender), decision_received_on=decision_received,
            deadline=deadline, rule_name=rule.name, search=fold(f"{number} {subject}"),
        )  # fmt: skip
        if anonymous:
            letter.status, letter.close_reason = LetterStatus.CLOSED, CloseReason.ANONYMOUS
            letter.closed_on, letter.close_note = received, rules.ANONYMOUS_REASON
        elif settle:
            window = (deadline - received).days
            settled = received + dt.timedelta(days=rng.randint(10, max(11, window - 3)))
            if late_settle:
                settled = deadline + dt.timedelta(days=rng.randint(5, 20))
            if settled <= self.today:
                outcome = rng.choice(rules.allowed_outcomes(kind))
                result = "Đã xem xét, kết luận và thông báo kết quả cho người gửi"
                number_ = f"{rng.randint(1, 99):02d}-TB/UBKT"
                assert not rules.check_settlement(
                    kind=kind, received_on=received, settled_on=settled, outcome=outcome,
                    result=result, decision_number=number_, decision_date=settled,
                    today=self.today,
                )  # fmt: skip
                letter.status, letter.settled_on, letter.outcome = (
                    LetterStatus.SETTLED, settled, outcome,
                )  # fmt: skip
                letter.result, letter.decision_number = result, number_
                letter.decision_date = settled
        self.letters.append(letter)

    def write(self) -> int:
        written = InspectionPlan.objects.bulk_create(self.plans, batch_size=200)
        for item in self.items:
            item.plan_id = written[item.plan_id].pk
        InspectionItem.objects.bulk_create(self.items, batch_size=200)
        Complaint.objects.bulk_create(self.letters, batch_size=200)
        audit_log(
            user=None, action=AuditAction.CHANGE, object_type="inspection_demo",
            description=f"Dữ liệu mẫu kiểm tra, giám sát: {len(self.plans)} kế hoạch, "
            f"{len(self.items)} cuộc, {len(self.letters)} đơn thư",
        )  # fmt: skip
        return len(self.plans) + len(self.items) + len(self.letters)


def _sub_cells(base_version: Any, start: dt.date, end: dt.date) -> list[Any]:
    return [
        v for v in _stable(start, end, base_version.path)
        if v.org_id != base_version.org_id and v.kind in CELL_KINDS
    ]  # fmt: skip


def _year_2021(w: _Writer, bloc: Organization) -> None:
    rng = w.rng
    start, end = dt.date(2021, 1, 1), dt.date(2021, 12, 31)
    bloc_v = versions_at(start).get(org=bloc)
    bases = [v for v in _stable(start, end, bloc_v.path)
             if v.kind in BASE_KINDS and len(v.path) == len(bloc_v.path) + 4]  # fmt: skip
    rng.shuffle(bases)
    committees = [
        b for b in bases if b.kind == OrgKind.BASE_COMMITTEE and len(_sub_cells(b, start, end)) >= 2
    ]
    others = [b for b in bases if b not in committees[:4]]
    exec_subjects, extra = others[:12], others[12:15]
    members = list(Member.objects.filter(left_on__isnull=True).select_related("person")
                   .order_by("pk")[:400])  # fmt: skip
    # The bloc executive committee: 12 items in Q1–Q3, 9 done by 30/9 (one of them after
    # its quarter), and two in Q4.
    plan = w.plan(bloc.pk, bloc.name, bloc.kind, BodyKind.EXECUTIVE, 2021)
    for i, subject in enumerate(exec_subjects):
        quarter = i // 4 + 1
        done = i % 4 != 3  # three of them (one per quarter) not done by 30/9
        w.item(plan, 2021, org=subject, quarter=quarter, kind=PLANNED_KINDS[i % 5],
               done_by=dt.date(2021, 9, 30) if done else None, late=(i == 5))  # fmt: skip
    for subject in others[15:17]:
        w.item(plan, 2021, org=subject, quarter=4, kind=ItemKind.INSPECTION,
               done_by=dt.date(2021, 12, 20))  # fmt: skip
    # The bloc's inspection committee: three of the same organizations and three others,
    # an inspection on signs of violation of a member and the finances.
    plan = w.plan(bloc.pk, bloc.name, bloc.kind, BodyKind.INSPECTION, 2021)
    for i, subject in enumerate(exec_subjects[:3] + extra):
        w.item(plan, 2021, org=subject, quarter=i % 3 + 1,
               kind=(ItemKind.FINANCE, ItemKind.INSPECTION, ItemKind.REGULAR_SUPERVISION)[i % 3],
               done_by=dt.date(2021, 9, 30))  # fmt: skip
    w.item(plan, 2021, member=members[7], quarter=None, kind=ItemKind.SIGNS_OF_VIOLATION,
           done_by=dt.date(2021, 8, 31), decided_on=dt.date(2021, 5, 12))  # fmt: skip
    # Four base committees' inspection committees: two of their cells each.
    for base in committees[:4]:
        plan = w.plan(base.org_id, base.name, base.kind, BodyKind.INSPECTION, 2021)
        for j, cell in enumerate(_sub_cells(base, start, end)[:2]):
            w.item(plan, 2021, org=cell, quarter=j + 2, kind=PLANNED_KINDS[j],
                   done_by=dt.date(2021, 12, 15))  # fmt: skip
    # Letters of 2021: settled in time; anonymous ones closed.
    for n in range(14):
        received = dt.date(2021, 1, 4) + dt.timedelta(days=rng.randint(0, 240))
        kind = (LetterKind.DENOUNCE_MEMBER, LetterKind.DENOUNCE_ORG,
                LetterKind.DISCIPLINE_COMPLAINT, LetterKind.OTHER)[n % 4]  # fmt: skip
        if n < 9:
            w.letter(bloc.pk, bloc.kind, BodyKind.INSPECTION, received, kind,
                     anonymous=n in (1, 5))  # fmt: skip
        else:
            base = committees[n % 4]
            w.letter(base.org_id, base.kind, BodyKind.INSPECTION, received, kind)


def _later_years(w: _Writer, bloc: Organization) -> None:
    rng, today = w.rng, w.today
    for year in range(2022, today.year + 1):
        day = dt.date(year, 6, 30) if year < 2025 else dt.date(year, 3, 1)
        if day > today:
            day = today
        roots = [bloc] if year < 2025 else list(
            Organization.objects.filter(kind=OrgKind.BLOC_COMMITTEE, dissolved_on__isnull=True,
                                        founded_on__lte=day).order_by("path")
        )  # fmt: skip
        for root in roots:
            root_v = versions_at(day).filter(org=root).first()
            if root_v is None:
                continue
            start = max(dt.date(year, 1, 1), root_v.valid_from)
            end = min(dt.date(year, 12, 31), root_v.valid_to - dt.timedelta(days=1)
                      if root_v.valid_to else dt.date(year, 12, 31))  # fmt: skip
            bases = [v for v in _stable(start, end, root_v.path)
                     if v.kind in BASE_KINDS and len(v.path) == len(root_v.path) + 4]  # fmt: skip
            if not bases:
                continue
            rng.shuffle(bases)
            first_q = rules.quarter_of(start)
            plan = w.plan(root.pk, root.name, root.kind, BodyKind.EXECUTIVE, year)
            for i, subject in enumerate(bases[: rng.randint(8, 12)]):
                quarter = first_q + i % (5 - first_q)
                w.item(plan, year, org=subject, quarter=quarter, kind=PLANNED_KINDS[i % 5],
                       done_by=None if rng.random() < 0.15 else end,
                       late=rng.random() < 0.1)  # fmt: skip
            plan = w.plan(root.pk, root.name, root.kind, BodyKind.INSPECTION, year)
            for i, subject in enumerate(bases[12 : 12 + rng.randint(4, 8)]):
                w.item(plan, year, org=subject, quarter=first_q + i % (5 - first_q),
                       kind=PLANNED_KINDS[(i + 2) % 5], done_by=end)  # fmt: skip
            for n in range(rng.randint(5, 9)):
                received = start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))
                if received > today:
                    continue
                kind = (LetterKind.DENOUNCE_MEMBER, LetterKind.DISCIPLINE_COMPLAINT,
                        LetterKind.DENOUNCE_ORG, LetterKind.OTHER)[n % 4]  # fmt: skip
                # This year's and last year's: a few left open past their deadline.
                overdue = year >= today.year - 1 and n == 0
                w.letter(root.pk, root.kind, BodyKind.INSPECTION, received, kind,
                         anonymous=n == 3, settle=not overdue, late_settle=n == 5)  # fmt: skip


def build_inspection(rng: random.Random, today: dt.date) -> int:
    """Write the demo's plans, items and letters; return how many records."""
    bloc = Organization.objects.filter(code="DBK").first()
    if bloc is None or today < dt.date(2021, 10, 1):
        return 0
    writer = _Writer(rng, today)
    _year_2021(writer, bloc)
    _later_years(writer, bloc)
    return writer.write()
