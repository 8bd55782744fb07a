"""The one date rule of the system (docs/SECURITY.md, "Dates and bounds").

Every date a user, an import, the API or the demo sets is checked here, from the services:
- a record (an event, a decision, a payment) is not in the future, "today" being the
  organization's calendar day (TIME_ZONE Asia/Ho_Chi_Minh, `timezone.localdate()`);
- a Party event is not before the founding of the Party (03/02/1930);
- a planned date (meetings to come, plans, deadlines, periods, scheduled publishing, the
  planned end of a term) may be in the future, up to a sane horizon;
- a birth date lies between 01/01/1900 and today.

Which kind each date column is lives in FIELD_KINDS below, keyed by model label; a date
column of the project's models missing there counts as a Party event (the strictest
reading), and tests/security/test_dates.py fails until the column is classified.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from dangbo.core.text import format_date

PARTY_FOUNDED = dt.date(1930, 2, 3)
CIVIL_EARLIEST = dt.date(1900, 1, 1)
PLAN_HORIZON = dt.date(2100, 12, 31)


class DateKind(enum.StrEnum):
    EVENT = "event"  # a Party event or record: from 03/02/1930 to today
    CIVIL = "civil"  # a civil record (work, schooling, Youth Union): from 1900 to today
    PLANNED = "planned"  # may be in the future (plans, deadlines, periods), from 1930
    BIRTH = "birth"  # a birth date: from 1900 to today
    SYSTEM = "system"  # set by the system itself (stamps, validity ranges): not checked


E, C, P, B, S = DateKind.EVENT, DateKind.CIVIL, DateKind.PLANNED, DateKind.BIRTH, DateKind.SYSTEM

# Every date column of the project's models, by model label. EVENT is the default.
FIELD_KINDS: dict[str, dict[str, DateKind]] = {
    "accounts.RoleAssignment": {"starts_on": P, "ends_on": P, "granted_at": S, "ended_at": S},
    "accounts.ApiToken": {"last_used_at": S, "expires_at": S, "revoked_at": S},
    "orgs.Organization": {"founded_on": E, "dissolved_on": E},
    "orgs.OrgVersion": {"valid_from": S, "valid_to": S},
    "orgs.OrgEvent": {"date": E},
    "orgs.Term": {"starts_on": E, "ends_on": P},
    "orgs.CommitteeSeat": {"starts_on": E, "ends_on": P},
    "members.Person": {"birth_date": B, "youth_union_on": C, "recruited_on": C},
    "members.WorkHistory": {"starts_on": C, "ends_on": C},
    "members.TrainingHistory": {"starts_on": C, "ends_on": C},
    "members.Member": {
        "ceremony_on": E, "admitted_on": E, "full_on": E, "left_on": E, "party_age_from": E,
    },
    "members.PartyCard": {"issued_on": E},
    "members.MembershipEvent": {"date": E, "decision_date": E},
    "members.MemberPeriod": {"valid_from": S, "valid_to": S},
    "jobs.Job": {"finished_at": S},
    "admission.AdmissionCase": {
        "identified_on": E, "certificate_valid_until": P, "decided_on": E,
        "probation_ends_on": P, "due_on": P,
    },
    "admission.AdmissionStep": {"date": E},
    "admission.Introducer": {"introduced_on": E, "worked_with_since": C},
    "admission.AdmissionDelegation": {"starts_on": P, "ends_on": P},
    "admission.PoliticalStandardConclusion": {"concluded_on": E},
    "rating.RatingRound": {"reference_on": P, "opened_on": E, "decided_on": E},
    "rating.MemberRating": {"discipline_on": E, "proposed_on": E, "decided_on": E},
    "rating.OrgRating": {"proposed_on": E, "decided_on": E},
    "rating.RatingStep": {"on": E},
    "rating.ResidenceComment": {"requested_on": E, "received_on": E},
    "badges.BadgeAward": {
        "decision_date": E, "presented_on": E, "returned_on": E, "reissued_on": E,
    },
    "dues.DuesBasis": {"from_month": P},
    "dues.DuesRelief": {"from_month": P, "to_month": P, "decision_date": E},
    "dues.DuesMonth": {"month": P, "paid_on": E},
    "inspection.InspectionPlan": {"decision_date": E},
    "inspection.InspectionItem": {
        "decided_on": E, "ref_date": S, "started_on": E, "ended_on": E,
    },
    "inspection.Complaint": {
        "received_on": E, "decision_received_on": E, "deadline": P, "extended_to": P,
        "settled_on": E, "decision_date": E, "closed_on": E,
    },
    "discipline.DisciplineCase": {
        "violation_on": E, "found_on": E, "later_violation_on": E, "vote_on": E,
        "decision_date": E, "notified_on": E, "notice_deadline": P,
        "complaint_received_on": E, "complaint_decided_on": E,
    },
    # A meeting is planned or held: the service says which (`plannable=`).
    "activities.Meeting": {"held_on": E},
    "activities.MeetingNotice": {"sent_at": S},
    "activities.Commitment": {"registered_on": E, "reviewed_on": E},
    "studies.StudySession": {"held_on": P},
    "studies.TrainingClass": {"starts_on": P, "ends_on": P},
    "studies.Learner": {"birth_date": B, "certificate_date": E},
    "studies.Contest": {"held_on": P},
    "emulation.Commendation": {"decided_on": E},
    "emulation.CommendationProposal": {"submitted_on": E, "decided_on": E},
    "emulation.DanVanModel": {"recognized_on": E, "stopped_on": E},
    "massorgs.MassOrgTerm": {"congress_on": E},
    "massorgs.MassOrgMembership": {"as_of": E},
    "massorgs.MassOrgActivity": {"date": E},
    "programmes.Document": {"issued_on": E},
    "programmes.Programme": {"issued_on": E},
    "programmes.Target": {"period_start": P, "period_end": P},
    "programmes.TargetManualValue": {"at": E},
    "programmes.WorkItem": {"due_on": P, "done_on": E},
    "programmes.UnitFigures": {"period_start": P, "period_end": P},
    "submissions.Call": {"period_start": P, "period_end": P, "at": P, "deadline": P},
    "submissions.Submission": {"submitted_at": S},
    "reports.Report": {
        "period_start": P, "period_end": P, "dated": P, "generated_at": S, "frozen_at": S,
    },
    "portal.Article": {"publish_at": P, "published_at": S},
    "portal.Gallery": {"published_at": S},
    "portal.Video": {"published_at": S},
    "portal_public.Article": {"published_at": S, "updated_at": S},
    "portal_public.Gallery": {"published_at": S},
    "portal_public.Video": {"published_at": S},
    "portal_public.Document": {"issued_on": S},
    "portal_public.Feedback": {"moderated_at": S},
    "portal_public.VisitDay": {"day": S},
}  # fmt: skip


def _as_day(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _label(field: str, label: str | None) -> str:
    text = str(label or field).strip()
    return text[:1].upper() + text[1:]


def check_record_date(
    value: dt.date | dt.datetime | None,
    *,
    field: str,
    plannable: bool = False,
    party_event: bool = True,
    label: str | None = None,
    today: dt.date | None = None,
) -> None:
    """Refuse a date outside the system's rule, as ValidationError({field: "…"})."""
    message = date_error(
        value, plannable=plannable, party_event=party_event, label=label or field, today=today
    )
    if message:
        raise ValidationError({field: message})


def check_birth_date(
    value: dt.date | None, *, field: str = "birth_date", today: dt.date | None = None
) -> None:
    message = date_error(value, kind=DateKind.BIRTH, label="ngày sinh", today=today)
    if message:
        raise ValidationError({field: message})


def date_error(
    value: dt.date | dt.datetime | None,
    *,
    kind: DateKind | None = None,
    plannable: bool = False,
    party_event: bool = True,
    label: str = "ngày",
    today: dt.date | None = None,
) -> str:
    """The Vietnamese reason `value` breaks the rule of its kind, or "" if it keeps it."""
    if value is None or kind == DateKind.SYSTEM:
        return ""
    if kind is None:
        kind = DateKind.PLANNED if plannable else DateKind.EVENT if party_event else DateKind.CIVIL
    day, today = _as_day(value), today or timezone.localdate()
    name, shown = _label(label, label), format_date(_as_day(value))
    if kind == DateKind.BIRTH:
        if not CIVIL_EARLIEST <= day <= today:
            return (
                f"{name} {shown} không hợp lệ: phải từ {format_date(CIVIL_EARLIEST)} "
                f"đến hôm nay ({format_date(today)})."
            )
        return ""
    if kind == DateKind.PLANNED:
        if day > PLAN_HORIZON:
            return f"{name} {shown} quá xa: kế hoạch, thời hạn chỉ ghi đến hết năm 2100."
    elif day > today:
        return (
            f"{name} {shown} chưa đến: không ghi ngày trong tương lai "
            f"(hôm nay là {format_date(today)})."
        )
    if kind == DateKind.CIVIL and day < CIVIL_EARLIEST:
        return f"{name} {shown} không hợp lệ: trước {format_date(CIVIL_EARLIEST)}."
    if kind in (DateKind.EVENT, DateKind.PLANNED) and day < PARTY_FOUNDED:
        return (
            f"{name} {shown} không hợp lệ: trước ngày thành lập Đảng "
            f"({format_date(PARTY_FOUNDED)})."
        )
    return ""


def field_kind(model: type[models.Model], name: str) -> DateKind:
    return FIELD_KINDS.get(model._meta.label, {}).get(name, DateKind.EVENT)


def date_fields(model: type[models.Model]) -> list[models.DateField]:
    """The date columns of `model` a person or an import can set (stamps the system writes,
    auto_now or not editable like core.models.Versioned.edited_at, are not)."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField)
        and f.editable
        and not (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
    ]


def date_errors(
    instance: models.Model,
    *,
    plannable: Iterable[str] = (),
    only: Iterable[str] | None = None,
    today: dt.date | None = None,
) -> dict[str, str]:
    """The broken date rules of `instance`, by field name. `plannable` names fields this
    write allows in the future (a meeting planned rather than held)."""
    allowed, wanted = set(plannable), None if only is None else set(only)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    for f in date_fields(type(instance)):
        if wanted is not None and f.name not in wanted:
            continue
        kind = field_kind(type(instance), f.name)
        if f.name in allowed and kind == DateKind.EVENT:
            kind = DateKind.PLANNED
        message = date_error(
            getattr(instance, f.attname), kind=kind, label=str(f.verbose_name), today=today
        )
        if message:
            errors[f.name] = message
    return errors


def check_dates(instance: models.Model, **kwargs: Any) -> None:
    """Raise ValidationError({field: "…"}) for every date of `instance` that breaks the rule."""
    errors = date_errors(instance, **kwargs)
    if errors:
        raise ValidationError(errors)


def check_record(instance: models.Model, **kwargs: Any) -> None:
    """The integrity check a service runs before it saves `instance`: its dates keep the
    rule above and its numbers fit their columns (core/bounds.py). One ValidationError
    with every broken field; `kwargs` as for `date_errors`."""
    from dangbo.core.bounds import bound_errors

    errors = {**bound_errors(instance), **date_errors(instance, **kwargs)}
    if errors:
        raise ValidationError(errors)
