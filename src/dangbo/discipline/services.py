"""Writes of the discipline app. Each service validates, writes, applies the consequences
(membership event, committee seats) and writes its audit row in one transaction: a refused
case changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.admission.services import full_members_on
from dangbo.core.dates import date_errors
from dangbo.core.scope import Action, scope_of
from dangbo.core.text import fold
from dangbo.discipline import rules
from dangbo.discipline.models import (
    BodyKind,
    CaseKind,
    CaseStatus,
    ComplaintOutcome,
    DisciplineCase,
    Form,
    SubjectKind,
)
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.models import Member, MemberPeriod
from dangbo.members.services import member_record_event
from dangbo.orgs.models import CommitteeSeat, Organization
from dangbo.orgs.selectors import version_of
from dangbo.orgs.services import seat_end

OBJECT_TYPE = "discipline_case"


def _search_text(name: str, number: str) -> str:
    return fold(f"{name} {number}")[:400]


def _check_rights(user: Any, paths: list[str], what: str) -> None:
    """Action.INSPECT over the subject's path and the deciding body's organization."""
    if user is None:  # the demo and internal callers
        return
    scope = scope_of(user)
    if not all(scope.covers_path(Action.INSPECT, p) for p in paths):
        raise PermissionDenied(f"Đồng chí không có quyền {what}.")


def period_on(member: Member, day: dt.date) -> MemberPeriod | None:
    """The member's period on `day` (cell and status), None if not in the Party then."""
    return (
        MemberPeriod.objects.filter(member=member, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .select_related("org")
        .first()
    )


def path_on(org: Organization, day: dt.date) -> str:
    version = version_of(org, day)
    return version.path if version is not None else org.path


def _later_violations(
    case_subject: dict[str, Any], violation_on: dt.date, found_on: dt.date
) -> list[dt.date]:
    """Violations by the same subject in other cases (restart the limitation count)."""
    others = DisciplineCase.objects.filter(kind=CaseKind.DECISION, **case_subject)
    days = list(others.values_list("violation_on", flat=True))
    days += [d for d in others.values_list("later_violation_on", flat=True) if d]
    return days


def open_seats(member: Member, day: dt.date) -> list[CommitteeSeat]:
    return list(
        CommitteeSeat.objects.filter(member=member, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))
        .select_related("term__org")
    )


def _rekey(exc: ValidationError, field: str) -> ValidationError:
    messages = [m for ms in getattr(exc, "message_dict", {"": exc.messages}).values() for m in ms]
    return ValidationError({field: messages})


@transaction.atomic
def case_create(
    *,
    subject_kind: str,
    violation: str,
    violation_on: dt.date,
    found_on: dt.date,
    body_org: Organization | None,
    body_kind: str,
    form: str,
    decision_number: str,
    decision_date: dt.date,
    member: Member | None = None,
    organization: Organization | None = None,
    later_violation_on: dt.date | None = None,
    vote_on: dt.date | None = None,
    votes_for: int | None = None,
    note: str = "",
    today: dt.date | None = None,
    acting_user: Any = None,
) -> DisciplineCase:
    """Record a Party discipline decision, checked for the body's authority, the form for
    the subject, the cell's vote and the limitation period; apply its consequences."""
    errors: dict[str, str] = {}
    dates = DisciplineCase(
        violation_on=violation_on, found_on=found_on, later_violation_on=later_violation_on,
        vote_on=vote_on, decision_date=decision_date, votes_for=votes_for,
    )  # fmt: skip
    errors.update(date_errors(dates, today=today))
    if not violation.strip():
        errors["violation"] = "Hãy ghi nội dung vi phạm."
    if not decision_number.strip():
        errors["decision_number"] = "Hãy ghi số quyết định."
    if form not in Form.values:
        errors["form"] = "Hãy chọn hình thức kỷ luật."
    if body_kind not in BodyKind.values:
        errors["body_kind"] = "Hãy chọn cơ quan quyết định."
    if body_org is None:
        errors["body_org"] = "Hãy chọn tổ chức đảng của cơ quan quyết định."
    errors.update(rules.dates_errors(violation_on, found_on, decision_date, today))
    if errors:
        raise ValidationError(errors)
    assert body_org is not None

    # The subject on the decision day.
    probationary = False
    if subject_kind == SubjectKind.MEMBER:
        if member is None:
            raise ValidationError({"member": "Hãy chọn đảng viên."})
        period = period_on(member, decision_date)
        if period is None:
            raise ValidationError(
                {"decision_date": f"Ngày {rules.d(decision_date)} {member.person.full_name} "
                 "không còn trong danh sách đảng viên."}
            )  # fmt: skip
        subject_org = period.org
        probationary = period.status == MemberStatus.PROBATIONARY
        subject_name = member.person.full_name
        current_path = member.org_path
        subject = {"member": member}
    elif subject_kind == SubjectKind.ORGANIZATION:
        if organization is None:
            raise ValidationError({"organization": "Hãy chọn tổ chức đảng bị kỷ luật."})
        if version_of(organization, decision_date) is None:
            raise ValidationError(
                {"decision_date": f"Ngày {rules.d(decision_date)} {organization.name} chưa "
                 "thành lập hoặc đã giải thể."}
            )  # fmt: skip
        subject_org = organization
        subject_name = organization.name
        current_path = organization.path
        subject = {"organization": organization}
    else:
        raise ValidationError({"subject_kind": "Đối tượng kỷ luật không hợp lệ."})
    _check_rights(acting_user, [current_path, body_org.path], "ghi quyết định kỷ luật này")

    message = rules.forms_error(subject_kind, probationary, form)
    if message:
        raise ValidationError({"form": message})
    message = rules.body_kind_error(body_kind, body_org.kind)
    if message:
        raise ValidationError({"body_kind": message})
    authority = rules.authority_at(decision_date)
    rel = rules.relation(
        subject_kind=subject_kind,
        subject_path=path_on(subject_org, decision_date),
        body_path=path_on(body_org, decision_date),
        body_org_kind=body_org.kind,
    )
    message = rules.authority_error(
        authority, subject_kind=subject_kind, rel=rel, body_kind=body_kind, form=form
    )
    if message:
        raise ValidationError({"form": message})
    full_members = None
    if form == Form.EXPULSION:
        vote_day = vote_on or decision_date
        if vote_on is not None and vote_on > decision_date:
            raise ValidationError({"vote_on": "Chi bộ biểu quyết trước ngày quyết định."})
        cell_then = period_on(member, vote_day) if member is not None else None
        full_members = full_members_on(cell_then.org if cell_then else subject_org, vote_day)
        message = rules.vote_error(authority, votes_for, full_members)
        if message:
            raise ValidationError({"votes_for": message})
    later = _later_violations(subject, violation_on, found_on)
    if later_violation_on:
        later.append(later_violation_on)
    message = rules.limitation_error(form, violation_on, found_on, later)
    if message:
        raise ValidationError({"violation_on": message})
    seats = open_seats(member, decision_date) if member is not None else []
    if form == Form.DISMISSAL and not seats:
        raise ValidationError(
            {"form": f"Ngày {rules.d(decision_date)} {subject_name} không giữ chức vụ cấp ủy "
             "nào để cách chức (Điều lệ Đảng Điều 35)."}
        )  # fmt: skip

    case = DisciplineCase.objects.create(
        kind=CaseKind.DECISION,
        subject_kind=subject_kind,
        member=member,
        organization=organization,
        subject_org=subject_org,
        subject_path=current_path,
        subject_name=subject_name,
        search_text=_search_text(subject_name, decision_number),
        member_status=(MemberStatus.PROBATIONARY if probationary else MemberStatus.FULL)
        if member is not None
        else "",
        violation=violation.strip(),
        violation_on=violation_on,
        found_on=found_on,
        later_violation_on=later_violation_on,
        body_org=body_org,
        body_kind=body_kind,
        form=form,
        vote_on=vote_on if form == Form.EXPULSION else None,
        votes_for=votes_for if form == Form.EXPULSION else None,
        full_members=full_members,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        note=note,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    _apply_consequences(case, member, seats, acting_user)
    if member is not None:
        sync_rating_facts(member.pk, decision_date.year)
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type=OBJECT_TYPE,
        object_id=case.pk,
        description=f"Ghi quyết định kỷ luật {Form(form).label.lower()} {subject_name}, "
        f"số {case.decision_number} ngày {rules.d(decision_date)}",
    )
    return case


def _apply_consequences(
    case: DisciplineCase, member: Member | None, seats: list[CommitteeSeat], user: Any
) -> None:
    """Expulsion and strike-off end membership by the membership event of the decision
    date; dismissal ends the member's committee seats on that date."""
    done: list[str] = []
    if member is not None and case.form in (Form.EXPULSION, Form.STRUCK_OFF):
        kind = EventKind.EXPELLED if case.form == Form.EXPULSION else EventKind.STRUCK_OFF
        try:
            event = member_record_event(
                member=member,
                kind=kind,
                date=case.decision_date,
                decision_number=case.decision_number,
                decision_date=case.decision_date,
                note=f"Theo quyết định kỷ luật số {case.decision_number}",
                acting_user=user,
            )
        except ValidationError as exc:
            raise _rekey(exc, "decision_date") from exc
        case.membership_event = event
        member.refresh_from_db()
        case.subject_path = member.org_path
        done.append(f"Ghi sự kiện “{event.get_kind_display()}” ngày {rules.d(event.date)}.")
    if member is not None and case.form == Form.DISMISSAL:
        for seat in seats:
            try:
                seat_end(seat=seat, ends_on=case.decision_date, acting_user=user)
            except ValidationError as exc:
                raise _rekey(exc, "decision_date") from exc
            done.append(
                f"Chấm dứt chức vụ {seat.get_position_display()} {seat.term.org.name} "
                f"từ ngày {rules.d(case.decision_date)}."
            )
        case.seats_ended = len(seats)
    if case.form == Form.DISSOLUTION:
        done.append("Cần làm thủ tục giải thể tổ chức trong hệ thống tổ chức (mục Tổ chức đảng).")
    case.consequences = "\n".join(done)
    case.save(update_fields=["membership_event", "subject_path", "seats_ended", "consequences"])


@transaction.atomic
def external_record(
    *,
    member: Member,
    external_body: str,
    external_form: str,
    violation: str,
    decision_number: str,
    decision_date: dt.date,
    notified_on: dt.date | None,
    violation_on: dt.date | None = None,
    note: str = "",
    today: dt.date | None = None,
    acting_user: Any = None,
) -> DisciplineCase:
    """A discipline decided by a state body, a mass organization or another channel,
    recorded as information; the notice is due within 5 days (296-QĐ/TW)."""
    errors: dict[str, str] = {}
    if not external_body.strip():
        errors["external_body"] = "Hãy ghi tên cơ quan, tổ chức ra quyết định."
    if not external_form.strip():
        errors["external_form"] = "Hãy ghi hình thức kỷ luật."
    if not decision_number.strip():
        errors["decision_number"] = "Hãy ghi số quyết định."
    # An unsaved row only to run the date rule on its fields (violation_on may be unknown).
    dates = DisciplineCase(decision_date=decision_date, notified_on=notified_on)
    dates.violation_on = violation_on  # type: ignore[assignment]
    errors.update(date_errors(dates, today=today))
    if notified_on is not None and notified_on < decision_date:
        errors["notified_on"] = "Ngày được thông báo không được trước ngày quyết định."
    if violation_on is not None and violation_on > decision_date:
        errors["violation_on"] = "Ngày vi phạm không được sau ngày quyết định."
    if errors:
        raise ValidationError(errors)
    period = period_on(member, decision_date)
    if period is None:
        raise ValidationError(
            {"decision_date": f"Ngày {rules.d(decision_date)} {member.person.full_name} "
             "không còn trong danh sách đảng viên."}
        )  # fmt: skip
    _check_rights(acting_user, [member.org_path], "ghi thông tin kỷ luật của đảng viên này")
    deadline = rules.notice_deadline(decision_date)
    case = DisciplineCase.objects.create(
        kind=CaseKind.INFORMATION,
        subject_kind=SubjectKind.MEMBER,
        member=member,
        subject_org=period.org,
        subject_path=member.org_path,
        subject_name=member.person.full_name,
        search_text=_search_text(member.person.full_name, decision_number),
        member_status=period.status,
        violation=violation.strip(),
        violation_on=violation_on or decision_date,
        found_on=decision_date,
        external_body=external_body.strip(),
        external_form=external_form.strip(),
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        notified_on=notified_on,
        notice_deadline=deadline,
        notice_late=rules.notice_late(decision_date, notified_on),
        note=note,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type=OBJECT_TYPE,
        object_id=case.pk,
        description=f"Ghi thông tin kỷ luật của {external_body}: {member.person.full_name}, "
        f"số {case.decision_number} ngày {rules.d(decision_date)}",
    )
    return case


@transaction.atomic
def case_record_complaint(
    *,
    case: DisciplineCase,
    received_on: dt.date,
    outcome: str,
    body: str = "",
    decided_on: dt.date | None = None,
    changed_form: str = "",
    acting_user: Any = None,
) -> DisciplineCase:
    """A complaint against the decision (Điều lệ Đảng Điều 39: within one month of receiving
    it) and its outcome. An annulled decision no longer counts (figures, rating cap). The
    inspection app's complaint settlement calls this with its outcome."""
    case = DisciplineCase.objects.select_for_update().get(pk=case.pk)
    _check_rights(acting_user, [case.subject_path], "ghi khiếu nại về quyết định kỷ luật này")
    errors: dict[str, str] = {}
    if case.kind != CaseKind.DECISION:
        errors["outcome"] = "Thông tin kỷ luật của cơ quan khác không khiếu nại trong Đảng."
    if received_on < case.decision_date:
        errors["received_on"] = "Ngày nhận khiếu nại không được trước ngày quyết định."
    if outcome not in ComplaintOutcome.values:
        errors["outcome"] = "Kết quả giải quyết không hợp lệ."
    settled = outcome in (ComplaintOutcome.UPHELD, ComplaintOutcome.CHANGED,
                          ComplaintOutcome.ANNULLED)  # fmt: skip
    if settled and decided_on is None:
        errors["decided_on"] = "Hãy ghi ngày giải quyết khiếu nại."
    if decided_on is not None and decided_on < received_on:
        errors["decided_on"] = "Ngày giải quyết không được trước ngày nhận khiếu nại."
    if outcome == ComplaintOutcome.CHANGED:
        if changed_form not in Form.values or changed_form == case.form:
            errors["changed_form"] = "Hãy chọn hình thức kỷ luật mới, khác hình thức ban đầu."
        else:
            probationary = case.member_status == MemberStatus.PROBATIONARY
            message = rules.forms_error(case.subject_kind, probationary, changed_form)
            if message:
                errors["changed_form"] = message
    # The one date rule (core.dates): no complaint received or settled after today.
    probe = DisciplineCase(complaint_received_on=received_on, complaint_decided_on=decided_on)
    for name, message in date_errors(probe).items():
        if name.startswith("complaint_"):
            errors.setdefault(name.removeprefix("complaint_"), message)
    if errors:
        raise ValidationError(errors)
    case.complaint_received_on = received_on
    case.complaint_outcome = outcome
    case.complaint_body = body.strip()
    case.complaint_decided_on = decided_on if outcome != ComplaintOutcome.PENDING else None
    case.changed_form = changed_form if outcome == ComplaintOutcome.CHANGED else ""
    case.status = (
        CaseStatus.ANNULLED if outcome == ComplaintOutcome.ANNULLED else CaseStatus.IN_FORCE
    )
    case.save()
    if case.member_id:
        sync_rating_facts(case.member_id, case.decision_date.year)
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type=OBJECT_TYPE,
        object_id=case.pk,
        description=f"Khiếu nại quyết định kỷ luật số {case.decision_number} của "
        f"{case.subject_name}: {ComplaintOutcome(outcome).label}",
    )
    return case


def sync_rating_facts(member_id: int, year: int) -> int:
    """Prefill the discipline facts of the member's open rating entries of `year` from the
    records (decided entries are left alone: a decided round is locked). A record annulled
    after a complaint clears the facts it had filled."""
    from dangbo.discipline.selectors import member_cases_in_year
    from dangbo.rating.models import DisciplineForm, MemberRating

    case = member_cases_in_year([member_id], year).get(member_id)
    entries = MemberRating.objects.filter(member_id=member_id, year=year, decided_grade="")
    if case is not None:
        form = case.effective_form
        return entries.update(
            disciplined=True,
            discipline_form=form if form in DisciplineForm.values else "",
            discipline_decision=case.decision_number,
            discipline_on=case.decision_date,
        )
    numbers = DisciplineCase.objects.filter(member_id=member_id, decision_date__year=year)
    return entries.filter(
        disciplined=True, discipline_decision__in=numbers.values("decision_number")
    ).update(disciplined=False, discipline_form="", discipline_decision="", discipline_on=None)


def sync_member_path(member: Member) -> int:
    """Keep the copied subject_path of a member's cases on the member's current place."""
    return (
        DisciplineCase.objects.filter(member_id=member.pk)
        .exclude(subject_path=member.org_path)
        .update(subject_path=member.org_path)
    )
