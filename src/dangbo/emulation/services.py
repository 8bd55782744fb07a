"""Writes of commendations, proposals and "Dân vận khéo" models.

Each service is one transaction, validates with dangbo.emulation.rules, raises
ValidationError({field: Vietnamese message}) and writes an AuditEntry (action "change"):
the indicator cache is keyed by the data version, which counts those rows (see
dangbo.indicators.registry).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.dates import check_record
from dangbo.core.locking import check_and_bump
from dangbo.core.text import fold, format_date
from dangbo.emulation import rules
from dangbo.emulation.models import (
    Commendation,
    CommendationProposal,
    CommendationRecipient,
    DanVanModel,
    ProposalOutcome,
    RecipientKind,
)
from dangbo.members.models import Member, MemberPeriod
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import subtree_versions_at


class RecipientRowsError(ValidationError):
    """Some recipient rows refused: `problems` holds (index, {field: message})."""

    def __init__(self, problems: list[tuple[int, dict[str, str]]]) -> None:
        self.problems = problems
        super().__init__([f"Dòng {i + 1}: {m}" for i, errors in problems for m in errors.values()])


@dataclass(frozen=True)
class RecipientLine:
    kind: str
    org: Organization | None = None
    host_unit_name: str = ""
    member: Member | None = None
    name: str = ""
    position: str = ""
    achievement: str = ""


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "is_authenticated", False) else None


def _check_header(
    *, org: Organization, decided_on: dt.date, decision_number: str, level: str, form: str,
    theme: str, theme_other: str, year_from: int | None, year_to: int | None, today: dt.date,
) -> dict[str, str]:  # fmt: skip
    rule = rules.rules_at(decided_on)
    errors = rules.check_decision(
        decision_number=decision_number, decided_on=decided_on, today=today
    )
    message = rules.check_level_for_org(level, org.kind)
    if message:
        errors["level"] = message
    message = rules.check_form(rule, level, form)
    if message:
        errors.setdefault("form", message)
    message = rules.check_theme(theme, theme_other)
    if message:
        errors["theme_other"] = message
    for key, value in rules.check_period(rule, year_from, year_to, decided_on).items():
        errors.setdefault(key, value)
    return errors


def _orgs_under_then(parent: Organization, day: dt.date, org_ids: set[int]) -> set[int]:
    """Which of `org_ids` were under `parent` on `day`, as the tree stood (a 2021 decision
    of the bloc stays valid after its organizations moved in 2025)."""
    if not org_ids:
        return set()
    return set(
        subtree_versions_at(parent, day).filter(org_id__in=org_ids).values_list("org_id", flat=True)
    )


def _members_under_then(parent: Organization, day: dt.date, member_ids: set[int]) -> set[int]:
    if not member_ids:
        return set()
    cells = subtree_versions_at(parent, day).values("org_id")
    return set(
        MemberPeriod.objects.filter(member_id__in=member_ids, org_id__in=cells, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .values_list("member_id", flat=True)
    )


def check_recipients(
    org: Organization, lines: Sequence[RecipientLine], day: dt.date | None = None
) -> list[tuple[int, dict[str, str]]]:
    """Each row's rule, its place under the commendation's organization (now, or on the
    decision's day), no duplicates."""
    day = day or timezone.localdate()
    orgs_then = _orgs_under_then(org, day, {line.org.pk for line in lines if line.org is not None})
    members_then = _members_under_then(
        org, day, {line.member.pk for line in lines if line.member is not None}
    )
    problems: list[tuple[int, dict[str, str]]] = []
    seen: dict[tuple, int] = {}
    for index, line in enumerate(lines):
        errors = rules.check_recipient(
            kind=line.kind, has_org=line.org is not None, host_unit_name=line.host_unit_name,
            has_member=line.member is not None, name=line.name,
        )  # fmt: skip
        if (
            not errors
            and line.org is not None
            and not line.org.path.startswith(org.path)
            and line.org.pk not in orgs_then
        ):
            errors = {"org": f"{line.org.name} không thuộc {org.name}."}
        if (
            not errors
            and line.member is not None
            and not line.member.org_path.startswith(org.path)
            and line.member.pk not in members_then
        ):
            errors = {"member": f"Đồng chí {line.member} không sinh hoạt trong {org.name}."}
        if not errors:
            key = rules.recipient_key(
                line.kind, line.org.pk if line.org else None, line.host_unit_name,
                line.member.pk if line.member else None, line.name,
            )  # fmt: skip
            if key in seen:
                field = (
                    "member" if line.member else ("org" if line.kind == "collective" else "name")
                )
                errors = {field: f"Trùng với dòng {seen[key] + 1} của cùng quyết định."}
            else:
                seen[key] = index
        if errors:
            problems.append((index, errors))
    return problems


def _search_text(c: Commendation, lines: Sequence[RecipientLine]) -> str:
    names = []
    for line in lines:
        if line.kind == RecipientKind.COLLECTIVE:
            names.append(line.host_unit_name or (line.org.name if line.org else ""))
        else:
            names.append(line.name or (line.member.person.full_name if line.member else ""))
        names.append(line.position)
    return fold(" ".join([c.decision_number, c.theme_other, *names]))


@transaction.atomic
def commendation_save(
    *,
    org: Organization,
    decided_on: dt.date,
    decision_number: str,
    level: str,
    form: str,
    theme: str,
    recipients: Sequence[RecipientLine],
    theme_other: str = "",
    year_from: int | None = None,
    year_to: int | None = None,
    note: str = "",
    commendation: Commendation | None = None,
    acting_user: Any = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Commendation:
    """Create (or, given `commendation`, replace) a decision and all its recipients: every
    row is saved or none is."""
    errors = _check_header(
        org=org, decided_on=decided_on, decision_number=decision_number, level=level,
        form=form, theme=theme, theme_other=theme_other, year_from=year_from,
        year_to=year_to, today=_today(today),
    )  # fmt: skip
    if not recipients:
        errors.setdefault("__all__", "Quyết định phải có ít nhất một tập thể hoặc cá nhân.")
    if errors:
        raise ValidationError(errors)
    problems = check_recipients(org, recipients, decided_on)
    if problems:
        raise RecipientRowsError(problems)
    creating = commendation is None
    if commendation is None:
        commendation = Commendation(created_by=_user(acting_user))
    else:
        commendation = Commendation.objects.select_for_update().get(pk=commendation.pk)
    commendation.org = org
    commendation.decided_on = decided_on
    commendation.decision_number = decision_number.strip()
    commendation.level = level
    commendation.form = form
    commendation.theme = theme
    commendation.theme_other = theme_other.strip()
    commendation.year_from = year_from
    commendation.year_to = year_to
    commendation.note = note.strip()
    commendation.search_text = _search_text(commendation, recipients)
    check_record(commendation)
    commendation.full_clean(exclude=["created_by"])
    check_and_bump(commendation, expected_version, user=acting_user)
    commendation.save()
    if not creating:
        commendation.recipients.all().delete()
    rows = [
        CommendationRecipient(
            commendation=commendation,
            kind=line.kind,
            org=line.org,
            host_unit_name=line.host_unit_name.strip(),
            member=line.member,
            name=line.name.strip(),
            position=line.position.strip(),
            achievement=line.achievement.strip(),
            order=i,
        )  # fmt: skip
        for i, line in enumerate(recipients)
    ]
    CommendationRecipient.objects.bulk_create(rows)
    collectives = sum(1 for r in rows if r.kind == RecipientKind.COLLECTIVE)
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="commendation",
        object_id=commendation.pk,
        description=f"{'Ghi nhận' if creating else 'Sửa'} quyết định khen thưởng số "
        f"{commendation.decision_number} ngày {format_date(decided_on)} "
        f"({commendation.get_level_display()}, {commendation.get_form_display()}): "
        f"{collectives} tập thể, {len(rows) - collectives} cá nhân",
    )
    return commendation


@transaction.atomic
def proposal_create(
    *,
    org: Organization,
    to_level: str,
    form: str,
    theme: str,
    submitted_on: dt.date,
    collectives: int,
    individuals: int,
    document_number: str = "",
    recipients_text: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> CommendationProposal:
    errors = rules.check_proposal(
        org_kind=org.kind, to_level=to_level, submitted_on=submitted_on,
        collectives=collectives, individuals=individuals, today=_today(today),
    )  # fmt: skip
    message = rules.check_form(rules.rules_at(submitted_on), to_level, form)
    if message:
        errors.setdefault("form", message)
    if errors:
        raise ValidationError(errors)
    proposal = CommendationProposal(
        org=org, to_level=to_level, form=form, theme=theme, submitted_on=submitted_on,
        collectives=collectives, individuals=individuals,
        document_number=document_number.strip(), recipients_text=recipients_text.strip(),
        search_text=fold(f"{document_number} {recipients_text}"),
    )  # fmt: skip
    check_record(proposal)
    proposal.full_clean()
    proposal.save()
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="commendation_proposal",
        object_id=proposal.pk,
        description=f"Đề nghị {proposal.get_to_level_display()} khen thưởng {collectives} tập "
        f"thể, {individuals} cá nhân (trình ngày {format_date(submitted_on)})",
    )
    return proposal


@transaction.atomic
def proposal_decide(
    *,
    proposal: CommendationProposal,
    outcome: str,
    decided_on: dt.date | None,
    commendation: Commendation | None = None,
    note: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> CommendationProposal:
    """The higher level's answer; when approved, optionally the decision it gave."""
    proposal = CommendationProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.outcome != ProposalOutcome.PENDING:
        raise ValidationError({"outcome": "Đề nghị này đã có kết quả."})
    errors = rules.check_outcome(
        outcome=outcome, decided_on=decided_on, submitted_on=proposal.submitted_on,
        today=_today(today),
    )  # fmt: skip
    if not errors and commendation is not None:
        if outcome != ProposalOutcome.APPROVED:
            errors["commendation"] = "Chỉ gắn quyết định khen thưởng khi đề nghị được chấp thuận."
        elif commendation.level != proposal.to_level:
            errors["commendation"] = (
                f"Quyết định số {commendation.decision_number} do "
                f"{commendation.get_level_display()} ban hành, không phải cấp được đề nghị "
                f"({proposal.get_to_level_display()})."
            )
        elif commendation.decided_on < proposal.submitted_on:
            errors["commendation"] = "Quyết định khen thưởng phải sau ngày trình đề nghị."
    if errors:
        raise ValidationError(errors)
    proposal.outcome = outcome
    proposal.decided_on = decided_on
    proposal.commendation = commendation
    proposal.outcome_note = note.strip()
    proposal.save(update_fields=["outcome", "decided_on", "commendation", "outcome_note"])
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="commendation_proposal",
        object_id=proposal.pk,
        description=f"Kết quả đề nghị khen thưởng: {proposal.get_outcome_display()} "
        f"(ngày {format_date(decided_on)})"
        + (f", quyết định số {commendation.decision_number}" if commendation else ""),
    )
    return proposal


@transaction.atomic
def model_save(
    *,
    unit: Organization,
    name: str,
    field: str,
    registered_year: int,
    status: str,
    results: str = "",
    recognized_on: dt.date | None = None,
    stopped_on: dt.date | None = None,
    model: DanVanModel | None = None,
    acting_user: Any = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> DanVanModel:
    """Register a "Dân vận khéo" model, or change one."""
    errors = rules.check_model(
        name=name, registered_year=registered_year, status=status,
        recognized_on=recognized_on, stopped_on=stopped_on, today=_today(today),
    )  # fmt: skip
    twins = DanVanModel.objects.filter(
        unit=unit, registered_year=registered_year, name__iexact=name.strip()
    )
    if model is not None:
        twins = twins.exclude(pk=model.pk)
    if not errors and twins.exists():
        errors["name"] = f"{unit.name} đã đăng ký mô hình này năm {registered_year}."
    if errors:
        raise ValidationError(errors)
    creating = model is None
    if model is None:
        model = DanVanModel()
    else:
        model = DanVanModel.objects.select_for_update().get(pk=model.pk)
    before = "" if creating else f"{model.get_status_display()}"
    model.unit = unit
    model.name = name.strip()
    model.field = field
    model.registered_year = registered_year
    model.status = status
    model.results = results.strip()
    model.recognized_on = recognized_on
    model.stopped_on = stopped_on
    model.search_text = fold(f"{model.name} {unit.name} {unit.host_unit_name}")
    check_record(model)
    model.full_clean()
    check_and_bump(model, expected_version, user=acting_user)
    model.save()
    change = "Đăng ký" if creating else "Sửa"
    status_note = (
        f" ({before} → {model.get_status_display()})"
        if before and before != model.get_status_display()
        else ""
    )
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="danvan_model",
        object_id=model.pk,
        description=f"{change} mô hình “Dân vận khéo” “{model.name}” của {unit.name} "
        f"năm {registered_year}{status_note}",
    )
    return model
