"""Writes of admission cases, their steps and introducers, and political standard
conclusions. Every write re-derives the case from all of its steps (admission.rules), so
a back-dated or out-of-order step is checked like any other, and writes an audit row in
the same transaction (cached indicator values depend on it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.admission import rules
from dangbo.admission.models import (
    AdmissionCase,
    AdmissionDelegation,
    AdmissionStep,
    Introducer,
    PoliticalStandardConclusion,
    Source,
    Stage,
)
from dangbo.core.dates import check_record
from dangbo.core.locking import check_and_bump
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.models import Member, MemberPeriod, Person
from dangbo.members.services import member_create, member_record_event, member_update
from dangbo.orgs.models import CELL_KINDS, Organization, OrgKind
from dangbo.orgs.selectors import version_of

STEP_FIELDS = (
    "document_number", "body", "deciding_org", "certificate_number", "votes_for",
    "votes_total", "conclusion", "late_reason", "document", "note",
)  # fmt: skip


def _audit(user: Any, case: AdmissionCase, text: str) -> None:
    audit_log(
        user=user,
        action=AuditAction.CHANGE,
        object_type="admission_case",
        object_id=case.pk,
        description=f"{text}: {case.person.full_name}",
    )


def needs_higher_resolution(cell: Organization) -> bool:
    """A cell inside a base committee goes through the base committee's resolution (8-KNĐ)."""
    return cell.kind == OrgKind.SUB_CELL


def readmission_facts(case: AdmissionCase) -> rules.Readmission | None:
    if not case.is_readmission:
        return None
    member = Member.objects.filter(person=case.person).first()
    admissions = member.events.filter(kind=EventKind.ADMITTED).count() if member else 0
    return rules.Readmission(
        left_on=member.left_on if member else None,
        times_readmitted=max(0, admissions - 1),
        exit_reason=case.exit_reason,
    )


def derive(case: AdmissionCase, steps: list[Any]) -> rules.CaseState:
    """The case's state from `steps`, or a ValidationError next to the refused field."""
    try:
        return rules.derive_case(
            steps,
            birth_date=case.person.birth_date,
            needs_higher_resolution=needs_higher_resolution(case.cell),
            over_age_approval=case.over_age_approval,
            readmission=readmission_facts(case),
        )
    except rules.StepError as exc:
        raise ValidationError({exc.field: str(exc)}) from exc


def _save_state(case: AdmissionCase, state: rules.CaseState) -> None:
    case.stage = state.stage
    case.status = state.status
    case.certificate_valid_until = state.certificate_valid_until
    case.decided_on = state.decided_on
    case.probation_ends_on = state.probation_ends_on
    case.due_on = state.due_on
    case.save(
        update_fields=[
            "stage", "status", "certificate_valid_until", "decided_on", "probation_ends_on",
            "due_on",
        ]
    )  # fmt: skip


def _check_cell(cell: Organization | None) -> Organization:
    if cell is None or cell.kind not in CELL_KINDS or cell.dissolved_on is not None:
        raise ValidationError({"cell": "Phải chọn một chi bộ đang hoạt động."})
    return cell


@transaction.atomic
def case_create(
    *,
    person: Person,
    cell: Organization,
    identified_on: dt.date,
    source: str = Source.TWO_MEMBERS,
    helper: Member | None = None,
    is_readmission: bool = False,
    exit_reason: str = "",
    over_age_approval: str = "",
    note: str = "",
    acting_user: Any = None,
) -> AdmissionCase:
    """Open the case of a candidate identified by a cell."""
    _check_cell(cell)
    member = Member.objects.filter(person=person).first()
    if member is not None and member.status != MemberStatus.LEFT:
        raise ValidationError({"person": f"{person.full_name} đang là đảng viên."})
    if member is not None and not is_readmission:
        raise ValidationError(
            {"is_readmission": f"{person.full_name} đã từng là đảng viên: đây là kết nạp lại."}
        )
    if AdmissionCase.objects.filter(person=person, status="preparing").exists():
        raise ValidationError({"person": f"{person.full_name} đã có hồ sơ đang xem xét."})
    if is_readmission and not exit_reason:
        raise ValidationError({"exit_reason": "Phải ghi lý do ra khỏi Đảng trước đây."})
    case = AdmissionCase(
        person=person, cell=cell, org_path=cell.path, source=source, identified_on=identified_on,
        helper=helper, is_readmission=is_readmission, exit_reason=exit_reason,
        over_age_approval=over_age_approval, note=note, created_by=acting_user,
    )  # fmt: skip
    check_record(case)
    case.full_clean(exclude=["person", "cell", "helper", "member", "org_path"])
    case.save()
    step = AdmissionStep.objects.create(
        case=case, kind=Stage.IDENTIFIED, date=identified_on, body=cell.name,
        created_by=acting_user,
    )  # fmt: skip
    _save_state(case, derive(case, [step]))
    _audit(acting_user, case, "Tạo hồ sơ kết nạp")
    return case


def full_members_on(cell: Organization, day: dt.date) -> int:
    """The cell's full members on `day` (the basis of the 2/3 vote)."""
    periods = MemberPeriod.objects.filter(
        org=cell, status=MemberStatus.FULL, valid_from__lte=day
    ).exclude(valid_to__lte=day)
    return periods.count()


def base_of(cell: Organization) -> Organization | None:
    """The base organization a cell belongs to (itself for a base cell)."""
    if cell.kind == OrgKind.BASE_CELL:
        return cell
    ancestors = Organization.objects.get_ancestors(cell)
    return next((o for o in reversed(list(ancestors)) if o.kind == OrgKind.BASE_COMMITTEE), None)


def _check_deciding_org(case: AdmissionCase, org: Organization | None, day: dt.date) -> None:
    """The committee with authority: the base committee if empowered to admit, otherwise the
    committee directly above the base organization, as the tree stood that day (Điều lệ Đảng
    Điều 4 k4; 24-QĐ/TW 3.3)."""
    if org is None:
        raise ValidationError({"deciding_org": "Phải chọn cấp ủy ra quyết định."})
    cell_then = version_of(case.cell, day)
    if cell_then is None:
        raise ValidationError({"date": f"Ngày {day:%d/%m/%Y} chi bộ chưa thành lập."})
    base = base_of(case.cell)
    if base is None:
        return
    base_then = version_of(base, day)
    superior_id = base_then.parent_id if base_then else None
    delegated = AdmissionDelegation.objects.filter(org=base, starts_on__lte=day).exclude(
        ends_on__lt=day
    )
    if org.pk == superior_id or (org.pk == base.pk and delegated.exists()):
        return
    allowed = [str(Organization.objects.get(pk=superior_id))] if superior_id else []
    if delegated.exists():
        allowed.append(base.name)
    raise ValidationError(
        {
            "deciding_org": "Cấp ủy này không có thẩm quyền quyết định; có thẩm quyền: "
            + (" hoặc ".join(allowed) or "cấp ủy cấp trên trực tiếp")
            + " (Điều lệ Đảng Điều 4, khoản 4)."
        }
    )


@transaction.atomic
def case_record_step(
    *, case: AdmissionCase, kind: str, date: dt.date, acting_user: Any = None, **fields: Any
) -> AdmissionStep:
    """Record a step; the rules of its date decide. The ceremony creates the member (with
    the admission event dated by the decision), the recognition decision records the full
    membership from the end of the 12 months."""
    unknown = set(fields) - set(STEP_FIELDS)
    if unknown:
        raise TypeError(f"unknown step fields: {sorted(unknown)}")
    case = (
        AdmissionCase.objects.select_for_update().select_related("person", "cell").get(pk=case.pk)
    )
    if kind == Stage.IDENTIFIED:
        raise ValidationError({"kind": "Bước tạo nguồn được ghi khi lập hồ sơ."})
    if kind in (Stage.CELL_RESOLUTION, Stage.RECOGNITION_RESOLUTION):
        if fields.get("votes_total") is None:
            fields["votes_total"] = full_members_on(case.cell, date)
    if kind == Stage.CELL_RESOLUTION:
        _check_introducers(case, date)
    if kind in (Stage.DECISION, Stage.RECOGNITION, Stage.NOT_RECOGNIZED):
        _check_deciding_org(case, fields.get("deciding_org"), date)
    if kind == Stage.CONCLUDED and fields.get("conclusion") is not None:
        conclusion = fields["conclusion"]
        if conclusion.person_id != case.person_id:
            raise ValidationError({"conclusion": "Kết luận này không phải của người vào Đảng."})
        if conclusion.result != "meets":
            raise ValidationError({"conclusion": "Kết luận chưa đủ tiêu chuẩn chính trị."})
    step = AdmissionStep(case=case, kind=kind, date=date, created_by=acting_user, **fields)
    check_record(step)
    step.full_clean(exclude=["case", "deciding_org", "conclusion", "created_by"])
    state = derive(case, [*case.steps.all(), step])
    step.save()
    if kind == Stage.CEREMONY:
        _admit(case, acting_user)
    elif kind in (Stage.RECOGNITION, Stage.NOT_RECOGNIZED):
        _conclude_probation(case, step, state, acting_user)
    _save_state(case, state)
    _audit(acting_user, case, f"{Stage(kind).label} ngày {date:%d/%m/%Y}")
    return step


def _check_introducers(case: AdmissionCase, day: dt.date) -> None:
    introducers = list(case.introducers.all())
    members = [i for i in introducers if i.kind == Introducer.Kind.MEMBER]
    unions = [i for i in introducers if i.kind != Introducer.Kind.MEMBER]
    need_members = 2 if case.source == Source.TWO_MEMBERS else 1
    if len(members) < need_members or (case.source != Source.TWO_MEMBERS and not unions):
        raise ValidationError(
            {
                "date": f"Nguồn “{Source(case.source).label}”: chưa đủ người giới thiệu "
                f"(có {len(members)} đảng viên, cần {need_members}"
                + ("" if case.source == Source.TWO_MEMBERS else " và nghị quyết của đoàn thể")
                + ") (Điều lệ Đảng Điều 4)."
            }
        )


def _steps(case: AdmissionCase) -> dict[str, AdmissionStep]:
    return {s.kind: s for s in case.steps.all()}


def _admit(case: AdmissionCase, acting_user: Any) -> None:
    steps = _steps(case)
    decision, ceremony = steps[Stage.DECISION], steps[Stage.CEREMONY]
    introducers = ", ".join(str(i) for i in case.introducers.all())
    existing = Member.objects.filter(person=case.person).first()
    if existing is None:
        member = member_create(
            person=case.person, kind=EventKind.ADMITTED, date=decision.date, cell=case.cell,
            decision_number=decision.document_number, acting_user=acting_user,
            introducers=introducers[:255], ceremony_on=ceremony.date,
        )  # fmt: skip
    else:
        member_update(member=existing, ceremony_on=ceremony.date, acting_user=acting_user)
        member_record_event(
            member=existing, kind=EventKind.ADMITTED, date=decision.date, org=case.cell,
            decision_number=decision.document_number, decision_date=decision.date,
            note="Kết nạp lại", acting_user=acting_user,
        )  # fmt: skip
        member = existing
    case.member = member
    case.save(update_fields=["member"])


def _conclude_probation(
    case: AdmissionCase, step: AdmissionStep, state: rules.CaseState, acting_user: Any
) -> None:
    if case.member is None:
        raise ValidationError({"date": "Hồ sơ chưa có đảng viên (chưa ghi lễ kết nạp)."})
    assert state.probation_ends_on is not None
    if step.kind == Stage.RECOGNITION:
        # Full membership dates from the end of the 12 months, even when decided later.
        member_record_event(
            member=case.member, kind=EventKind.RECOGNIZED, date=state.probation_ends_on,
            decision_number=step.document_number, decision_date=step.date,
            acting_user=acting_user,
        )  # fmt: skip
    else:
        member_record_event(
            member=case.member, kind=EventKind.NOT_RECOGNIZED, date=step.date,
            decision_number=step.document_number, decision_date=step.date,
            note="Không công nhận đảng viên chính thức", acting_user=acting_user,
        )  # fmt: skip


@transaction.atomic
def case_delete_last_step(*, case: AdmissionCase, acting_user: Any = None) -> AdmissionCase:
    """Undo a mistaken last step that has not yet created membership records."""
    steps = rules.sort_steps(case.steps.all())
    last = steps[-1]
    if last.kind == Stage.IDENTIFIED:
        raise ValidationError("Không thể xóa bước tạo nguồn; hồ sơ không còn bước nào khác.")
    if last.kind in (Stage.CEREMONY, Stage.RECOGNITION, Stage.NOT_RECOGNIZED):
        raise ValidationError(
            "Bước này đã ghi vào hồ sơ đảng viên; sửa trong hồ sơ đảng viên trước."
        )
    assert isinstance(last, AdmissionStep)
    last.delete()
    _save_state(case, derive(case, list(case.steps.all())))
    _audit(acting_user, case, f"Xóa bước {last.get_kind_display()}")
    return case


@transaction.atomic
def introducer_add(
    *,
    case: AdmissionCase,
    kind: str,
    introduced_on: dt.date,
    member: Member | None = None,
    union_name: str = "",
    worked_with_since: dt.date | None = None,
    document_number: str = "",
    acting_user: Any = None,
) -> Introducer:
    """Add an introducer, checked on the day of the introduction."""
    if Stage.CELL_RESOLUTION in _steps(case):
        raise ValidationError({"kind": "Chi bộ đã xét kết nạp; không thêm người giới thiệu."})
    if kind == Introducer.Kind.MEMBER:
        if member is None:
            raise ValidationError({"member": "Phải chọn đảng viên giới thiệu."})
        if case.introducers.filter(member=member).exists():
            raise ValidationError({"member": f"{member} đã là người giới thiệu."})
        is_full = MemberPeriod.objects.filter(
            member=member, status=MemberStatus.FULL, valid_from__lte=introduced_on
        ).exclude(valid_to__lte=introduced_on)
        try:
            rules.check_introducer(
                is_full_member=is_full.exists(), worked_with_since=worked_with_since,
                on=introduced_on,
            )  # fmt: skip
        except rules.StepError as exc:
            raise ValidationError({exc.field: str(exc)}) from exc
    elif not union_name:
        raise ValidationError({"union_name": "Phải ghi tên tổ chức đoàn thể giới thiệu."})
    introducer = Introducer.objects.create(
        case=case, kind=kind, member=member if kind == Introducer.Kind.MEMBER else None,
        union_name=union_name, introduced_on=introduced_on,
        worked_with_since=worked_with_since, document_number=document_number,
    )  # fmt: skip
    _audit(acting_user, case, f"Thêm người giới thiệu {introducer}")
    return introducer


@transaction.atomic
def conclusion_save(
    *,
    conclusion: PoliticalStandardConclusion | None = None,
    person: Person,
    org: Organization,
    acting_user: Any = None,
    expected_version: int | None = None,
    **fields: Any,
) -> PoliticalStandardConclusion:
    """Create or change a political standard conclusion (58-QĐ/TW)."""
    conclusion = conclusion or PoliticalStandardConclusion(created_by=acting_user)
    conclusion.person = person
    conclusion.org = org
    conclusion.org_path = org.path
    for name, value in fields.items():
        setattr(conclusion, name, value)
    check_record(conclusion)
    conclusion.full_clean(exclude=["person", "org", "created_by"])
    check_and_bump(conclusion, expected_version, user=acting_user)
    conclusion.save()
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="political_conclusion",
        object_id=conclusion.pk,
        description=f"Kết luận tiêu chuẩn chính trị: {person.full_name}",
    )
    return conclusion
