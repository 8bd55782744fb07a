"""Writes of study sessions, bridge points, attendance, classes, learners, contests.

Each service is one transaction: it checks (studies.rules), raises a ValidationError
{field: Vietnamese message} and changes nothing, or writes and records an AuditEntry with
action "change" (the indicator cache is keyed by the data version, which counts them).
History pages read those entries by (object_type, object_id): a bridge point's or an
attendance's change is written under its session, a learner's under its class, an
entrant's under its contest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.dates import check_record
from dangbo.core.locking import check_and_bump
from dangbo.core.text import fold, format_date
from dangbo.members.models import Member, Person
from dangbo.members.selectors import members_at
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import subtree_versions_at
from dangbo.studies import rules
from dangbo.studies.models import (
    BridgePoint,
    Contest,
    Entrant,
    Learner,
    SessionAttendance,
    StudySession,
    TrainingClass,
)

SESSION = "study_session"
CLASS = "training_class"
CONTEST = "contest"


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "is_authenticated", False) else None


def _audit(user: Any, object_type: str, object_id: int, description: str) -> None:
    audit_log(
        user=user, action=AuditAction.CHANGE, object_type=object_type, object_id=object_id,
        description=description,
    )  # fmt: skip


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _in_tree_on(org: Organization, top: Organization, day: dt.date) -> bool:
    """Was `org` in `top`'s subtree on `day`, as the tree stood then?"""
    return subtree_versions_at(top, day).filter(org_id=org.pk).exists()


# Study sessions ------------------------------------------------------------------------


@transaction.atomic
def session_save(
    *,
    session: StudySession | None = None,
    org: Organization,
    kind: str,
    title: str,
    subject: str,
    held_on: dt.date,
    document_number: str = "",
    theme_year: int | None = None,
    notes: str = "",
    acting_user: Any = None,
    expected_version: int | None = None,
) -> StudySession:
    """Create a session, or change one (its bridge points must stay in the organizer's
    tree on the day)."""
    errors = rules.check_session(
        kind=kind, title=title, subject=subject, held_on=held_on, theme_year=theme_year
    )
    if session is not None and not errors:
        session = StudySession.objects.select_for_update().get(pk=session.pk)
        for point in session.bridge_points.select_related("org"):
            if not _in_tree_on(point.org, org, held_on):
                errors["org"] = (
                    f"Điểm cầu {point.org.name} không thuộc {org.name} vào ngày "
                    f"{format_date(held_on)}; xóa điểm cầu đó trước."
                )
                break
    _raise(errors)
    created = session is None
    if session is None:
        session = StudySession(created_by=_user(acting_user))
    session.org = org
    session.kind = kind
    session.title = title.strip()
    session.subject = subject.strip()
    session.document_number = document_number.strip()
    session.theme_year = theme_year
    session.held_on = held_on
    session.notes = notes.strip()
    session.search_text = fold(f"{session.title} {session.subject} {session.document_number}")[:600]
    check_record(session)
    session.full_clean(exclude=["created_by", "search_text"])
    check_and_bump(session, expected_version, user=acting_user)
    session.save()
    if not created:
        for point in session.bridge_points.filter(expected_entered=False):
            point.members_expected = members_at(point.org, held_on).count()
            point.save(update_fields=["members_expected"])
    verb = "Tạo" if created else "Sửa"
    _audit(acting_user, SESSION, session.pk, f"{verb} buổi học tập: {session}")
    return session


@transaction.atomic
def bridge_point_save(
    *,
    session: StudySession,
    org: Organization,
    point: BridgePoint | None = None,
    place: str = "",
    members_expected: int | None = None,
    non_members_present: int = 0,
    note: str = "",
    acting_user: Any = None,
    expected_version: int | None = None,
) -> BridgePoint:
    """Add a bridge point to a session (or change one). Members expected: those of the
    point's organization subtree on the day, unless entered."""
    session = StudySession.objects.select_for_update().select_related("org").get(pk=session.pk)
    errors = rules.check_bridge_point(
        members_expected=members_expected, non_members_present=non_members_present,
        in_organizer_tree=_in_tree_on(org, session.org, session.held_on),
    )  # fmt: skip
    twin = BridgePoint.objects.filter(session=session, org=org)
    if point is not None:
        twin = twin.exclude(pk=point.pk)
    if not errors and twin.exists():
        errors["org"] = f"{org.name} đã có điểm cầu trong buổi học tập này."
    if point is not None and not errors and point.org_id != org.pk and point.attendances.exists():
        errors["org"] = "Điểm cầu đã ghi người dự; không đổi được tổ chức đảng."
    present = point.attendances.count() if point is not None else 0
    if not errors and members_expected is not None and present > members_expected:
        errors["members_expected"] = (
            f"Đã ghi {present} đảng viên có mặt; số phải dự không được nhỏ hơn."
        )
    _raise(errors)
    created = point is None
    point = point or BridgePoint(session=session)
    point.org = org
    point.place = place.strip()
    point.expected_entered = members_expected is not None
    point.members_expected = (
        members_expected
        if members_expected is not None
        else members_at(org, session.held_on).count()
    )
    point.non_members_present = non_members_present
    point.note = note.strip()
    check_record(point)
    point.full_clean(exclude=["session", "org"])
    check_and_bump(point, expected_version, user=acting_user)
    point.save()
    verb = "Thêm" if created else "Sửa"
    _audit(
        acting_user, SESSION, session.pk,
        f"{verb} điểm cầu {org.name}: {point.members_expected} đảng viên phải dự, "
        f"{point.non_members_present} quần chúng dự",
    )  # fmt: skip
    return point


@transaction.atomic
def bridge_point_delete(*, point: BridgePoint, acting_user: Any = None) -> None:
    point = BridgePoint.objects.select_related("org", "session").get(pk=point.pk)
    present = point.attendances.count()
    session_id = point.session_id
    name = point.org.name
    point.delete()
    _audit(acting_user, SESSION, session_id, f"Xóa điểm cầu {name} ({present} đảng viên có mặt)")


def point_members(point: BridgePoint) -> Any:
    """The members of the point's organization subtree on the session's day."""
    return members_at(point.org, point.session.held_on)


@transaction.atomic
def attendance_set(
    *,
    point: BridgePoint,
    member_ids: Sequence[int],
    non_members_present: int | None = None,
    acting_user: Any = None,
    today: dt.date | None = None,
) -> BridgePoint:
    """The members present at a point (ticked on the grid): all of them are recorded, or
    none. Members expected are recounted unless entered."""
    point = (
        BridgePoint.objects.select_for_update().select_related("session", "org").get(pk=point.pk)
    )
    wanted = set(member_ids)
    belonging = set(point_members(point).filter(pk__in=wanted).values_list("pk", flat=True))
    strangers = [
        str(m) for m in Member.objects.filter(pk__in=wanted - belonging).select_related("person")
    ]
    if not point.expected_entered:
        point.members_expected = point_members(point).count()
    errors = rules.check_attendance(
        held_on=point.session.held_on, today=_today(today), present=len(wanted),
        expected=point.members_expected, strangers=sorted(strangers),
    )  # fmt: skip
    elsewhere = (
        SessionAttendance.objects.filter(session_id=point.session_id, member_id__in=wanted)
        .exclude(bridge_point=point)
        .select_related("member__person", "bridge_point__org")
    )
    if not errors and elsewhere.exists():
        first = elsewhere.first()
        assert first is not None
        errors["members"] = (
            f"Đồng chí {first.member} đã được ghi có mặt tại điểm cầu "
            f"{first.bridge_point.org.name} của buổi học tập này."
        )
    if non_members_present is not None and non_members_present < 0:
        errors["non_members_present"] = "Số quần chúng dự không được âm."
    _raise(errors)
    current = set(point.attendances.values_list("member_id", flat=True))
    point.attendances.filter(member_id__in=current - wanted).delete()
    SessionAttendance.objects.bulk_create(
        [
            SessionAttendance(session_id=point.session_id, bridge_point=point, member_id=pk)
            for pk in sorted(wanted - current)
        ]
    )
    if non_members_present is not None:
        point.non_members_present = non_members_present
    point.save(update_fields=["members_expected", "non_members_present"])
    _audit(
        acting_user, SESSION, point.session_id,
        f"Ghi người dự tại điểm cầu {point.org.name}: {len(wanted)}/{point.members_expected} "
        f"đảng viên có mặt (thêm {len(wanted - current)}, bỏ {len(current - wanted)}), "
        f"{point.non_members_present} quần chúng",
    )  # fmt: skip
    return point


@transaction.atomic
def attendance_remove(
    *, point: BridgePoint, member: Member, acting_user: Any = None
) -> BridgePoint:
    """One member no longer recorded as present at the point."""
    point = BridgePoint.objects.select_related("org").get(pk=point.pk)
    deleted, _ = point.attendances.filter(member=member).delete()
    if not deleted:
        raise ValidationError({"members": f"Đồng chí {member} chưa được ghi có mặt tại điểm cầu."})
    _audit(
        acting_user, SESSION, point.session_id,
        f"Bỏ ghi có mặt đồng chí {member} tại điểm cầu {point.org.name}",
    )  # fmt: skip
    return point


@transaction.atomic
def session_delete(*, session: StudySession, acting_user: Any = None) -> None:
    pk, text = session.pk, str(session)
    session.delete()
    _audit(acting_user, SESSION, pk, f"Xóa buổi học tập: {text}")


# Training classes ----------------------------------------------------------------------


@transaction.atomic
def class_save(
    *,
    training_class: TrainingClass | None = None,
    org: Organization,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    level: str = "",
    place: str = "",
    organizer: str = "",
    note: str = "",
    acting_user: Any = None,
    expected_version: int | None = None,
) -> TrainingClass:
    errors = rules.check_class(
        kind=kind, level=level, title=title, starts_on=starts_on, ends_on=ends_on
    )
    if training_class is not None and not errors:
        training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
        early = training_class.learners.filter(certificate_date__lt=ends_on).first()
        if early is not None:
            errors["ends_on"] = (
                f"Học viên {early.full_name} đã được cấp giấy chứng nhận ngày "
                f"{format_date(early.certificate_date)}, trước ngày bế giảng mới."
            )
        if kind != training_class.kind:
            for learner in training_class.learners.all():
                message = rules.check_learner_kind(
                    kind=kind, is_member=_is_member(learner, starts_on), name=learner.full_name
                )
                if message:
                    errors["kind"] = message
                    break
    _raise(errors)
    created = training_class is None
    training_class = training_class or TrainingClass(created_by=_user(acting_user))
    training_class.org = org
    training_class.kind = kind
    training_class.level = level
    training_class.title = title.strip()
    training_class.starts_on = starts_on
    training_class.ends_on = ends_on
    training_class.place = place.strip()
    training_class.organizer = organizer.strip()
    training_class.note = note.strip()
    training_class.search_text = fold(f"{training_class.title} {training_class.organizer}")[:600]
    check_record(training_class)
    training_class.full_clean(exclude=["created_by", "search_text"])
    check_and_bump(training_class, expected_version, user=acting_user)
    training_class.save()
    verb = "Tạo" if created else "Sửa"
    _audit(
        acting_user, CLASS, training_class.pk,
        f"{verb} lớp {training_class.title} ({format_date(starts_on)}–{format_date(ends_on)})",
    )  # fmt: skip
    return training_class


def _is_member(learner: Learner, day: dt.date) -> bool:
    """Was the learner a Party member when the class began (admitted by then)?"""
    if learner.member_id is not None:
        member = learner.member
        return member is not None and member.admitted_on is not None and member.admitted_on <= day
    if learner.person_id is None:
        return False
    return Member.objects.filter(person_id=learner.person_id, admitted_on__lte=day).exists()


def _learner_errors(
    training_class: TrainingClass, learner: Learner, taken: set[int]
) -> dict[str, str]:
    if not learner.full_name.strip():
        return {"full_name": "Phải chọn đảng viên, người vào Đảng hoặc nhập họ tên học viên."}
    if learner.person_id is not None:
        if (
            learner.person_id in taken
            or training_class.learners.filter(person_id=learner.person_id)
            .exclude(pk=learner.pk)
            .exists()
        ):
            return {"full_name": f"{learner.full_name} đã có trong danh sách lớp."}
        taken.add(learner.person_id)
    message = rules.check_learner_kind(
        kind=training_class.kind,
        is_member=_is_member(learner, training_class.starts_on),
        name=learner.full_name,
    )
    return {"full_name": message} if message else {}


def _learner(
    *, member: Member | None, person: Person | None, full_name: str, birth_date: dt.date | None,
    unit: str,
) -> Learner:  # fmt: skip
    if member is not None:
        person = member.person
        unit = unit or (member.cell.name if member.cell else "")
    if person is not None:
        full_name = person.full_name
        birth_date = person.birth_date
    return Learner(
        member=member, person=person, full_name=full_name.strip(), birth_date=birth_date,
        search_name=fold(full_name.strip())[:128], unit=unit.strip(),
    )  # fmt: skip


@transaction.atomic
def learner_add(
    *,
    training_class: TrainingClass,
    member: Member | None = None,
    person: Person | None = None,
    full_name: str = "",
    birth_date: dt.date | None = None,
    unit: str = "",
    acting_user: Any = None,
) -> Learner:
    """One learner: a member, a person (an admission candidate) or a free name."""
    learner = _learner(
        member=member, person=person, full_name=full_name, birth_date=birth_date, unit=unit
    )
    learner.training_class = training_class
    _raise(_learner_errors(training_class, learner, set()))
    check_record(learner)
    learner.full_clean(exclude=["training_class", "member", "person"])
    learner.save()
    _audit(acting_user, CLASS, training_class.pk, f"Thêm học viên {learner.full_name}")
    return learner


class LearnerBatchError(ValidationError):
    """Several learners refused at once: `problems` holds (index, {field: message})."""

    def __init__(self, problems: list[tuple[int, dict[str, str]]]) -> None:
        self.problems = problems
        super().__init__([f"Dòng {i + 1}: {m}" for i, errors in problems for m in errors.values()])


@transaction.atomic
def learners_add_many(
    *,
    training_class: TrainingClass,
    members: Sequence[Member] = (),
    people: Sequence[Person] = (),
    acting_user: Any = None,
) -> list[Learner]:
    """Members (of a cell) or people (admission candidates) added at once: all, or none."""
    drafts = [
        _learner(member=m, person=None, full_name="", birth_date=None, unit="") for m in members
    ] + [_learner(member=None, person=p, full_name="", birth_date=None, unit="") for p in people]
    if not drafts:
        raise ValidationError({"__all__": "Chưa chọn học viên nào."})
    taken: set[int] = set()
    problems = []
    for index, learner in enumerate(drafts):
        learner.training_class = training_class
        errors = _learner_errors(training_class, learner, taken)
        if errors:
            problems.append((index, errors))
    if problems:
        raise LearnerBatchError(problems)
    created = Learner.objects.bulk_create(drafts)
    _audit(
        acting_user, CLASS, training_class.pk,
        f"Thêm {len(created)} học viên: " + ", ".join(d.full_name for d in drafts[:20])
        + ("…" if len(drafts) > 20 else ""),
    )  # fmt: skip
    return created


@transaction.atomic
def learner_result(
    *,
    learner: Learner,
    result: str,
    certificate_number: str = "",
    certificate_date: dt.date | None = None,
    note: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> Learner:
    """A learner's result and certificate (số giấy chứng nhận, ngày cấp)."""
    learner = (
        Learner.objects.select_for_update().select_related("training_class").get(pk=learner.pk)
    )
    klass = learner.training_class
    errors = rules.check_result(
        result=result, certificate_number=certificate_number, certificate_date=certificate_date,
        ends_on=klass.ends_on, today=_today(today),
    )  # fmt: skip
    number = certificate_number.strip()
    if not errors and number:
        # Numbers are unique within a class (issuers number their certificates per class).
        twin = (
            Learner.objects.filter(training_class=klass, certificate_number=number)
            .exclude(pk=learner.pk)
            .first()
        )
        if twin is not None:
            errors["certificate_number"] = (
                f"Số giấy chứng nhận {number} đã cấp cho {twin.full_name}."
            )
    _raise(errors)
    learner.result = result
    learner.certificate_number = number
    learner.certificate_date = certificate_date
    learner.note = note.strip()
    learner.save(update_fields=["result", "certificate_number", "certificate_date", "note"])
    certificate = f", giấy chứng nhận số {number}" if number else ""
    _audit(
        acting_user, CLASS, klass.pk,
        f"Kết quả của học viên {learner.full_name}: {learner.get_result_display()}{certificate}",
    )  # fmt: skip
    return learner


@transaction.atomic
def learner_remove(*, learner: Learner, acting_user: Any = None) -> None:
    if learner.certificate_number:
        raise ValidationError(
            {"__all__": f"Học viên {learner.full_name} đã được cấp giấy chứng nhận; không xóa."}
        )
    class_id, name = learner.training_class_id, learner.full_name
    learner.delete()
    _audit(acting_user, CLASS, class_id, f"Xóa học viên {name}")


# Contests ------------------------------------------------------------------------------


@transaction.atomic
def contest_save(
    *,
    contest: Contest | None = None,
    org: Organization,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str = "",
    note: str = "",
    acting_user: Any = None,
    expected_version: int | None = None,
) -> Contest:
    _raise(rules.check_contest(title=title))
    created = contest is None
    contest = contest or Contest(created_by=_user(acting_user))
    contest.org = org
    contest.kind = kind
    contest.title = title.strip()
    contest.held_on = held_on
    contest.place = place.strip()
    contest.note = note.strip()
    contest.search_text = fold(contest.title)[:600]
    check_record(contest)
    contest.full_clean(exclude=["created_by", "search_text"])
    check_and_bump(contest, expected_version, user=acting_user)
    contest.save()
    verb = "Tạo" if created else "Sửa"
    _audit(acting_user, CONTEST, contest.pk, f"{verb} hội thi {contest.title}")
    return contest


@transaction.atomic
def entrant_save(
    *,
    contest: Contest,
    entrant: Entrant | None = None,
    member: Member | None = None,
    full_name: str = "",
    org: Organization | None = None,
    topic: str = "",
    prize: str = "",
    note: str = "",
    acting_user: Any = None,
    expected_version: int | None = None,
) -> Entrant:
    """An entrant (a member, or a name with the unit) and the prize awarded."""
    if member is not None:
        full_name = member.person.full_name
        org = org or member.cell
    name = full_name.strip()
    twins = Entrant.objects.filter(contest=contest, search_name=fold(name), org=org)
    if member is not None:
        twins = Entrant.objects.filter(contest=contest, member=member)
    if entrant is not None:
        twins = twins.exclude(pk=entrant.pk)
    _raise(rules.check_entrant(full_name=name, duplicate=bool(name) and twins.exists()))
    created = entrant is None
    entrant = entrant or Entrant(contest=contest)
    entrant.member = member
    entrant.full_name = name
    entrant.search_name = fold(name)[:128]
    entrant.org = org
    entrant.topic = topic.strip()
    entrant.prize = prize
    entrant.note = note.strip()
    check_record(entrant)
    entrant.full_clean(exclude=["contest", "member", "org"])
    check_and_bump(entrant, expected_version, user=acting_user)
    entrant.save()
    verb = "Thêm thí sinh" if created else "Sửa thí sinh"
    _audit(acting_user, CONTEST, contest.pk, f"{verb} {name}: {entrant.get_prize_display()}")
    return entrant


@transaction.atomic
def entrant_remove(*, entrant: Entrant, acting_user: Any = None) -> None:
    contest_id, name = entrant.contest_id, entrant.full_name
    entrant.delete()
    _audit(acting_user, CONTEST, contest_id, f"Xóa thí sinh {name}")
