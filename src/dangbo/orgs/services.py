"""Changes to the organization tree. Each runs in a transaction and writes its
OrgEvent and the OrgVersion rows that keep the tree's past answerable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr

from dangbo.core.dates import check_record
from dangbo.core.locking import check_and_bump
from dangbo.core.text import fold
from dangbo.members.choices import MemberStatus
from dangbo.orgs.models import (
    CELL_KINDS,
    CommitteeSeat,
    Organization,
    OrgEvent,
    OrgEventKind,
    OrgKind,
    OrgVersion,
    Position,
    Term,
)

_LEAF_KINDS = CELL_KINDS


def _search_text(org: Organization) -> str:
    return fold(f"{org.code} {org.name} {org.host_unit_name}")[:600]


def _check_parent(parent: Organization | None, kind: str) -> None:
    if parent is None:
        return
    if parent.kind in _LEAF_KINDS:
        raise ValidationError({"parent": "Chi bộ không có tổ chức trực thuộc."})
    if parent.dissolved_on is not None:
        raise ValidationError({"parent": "Tổ chức cấp trên đã giải thể."})
    if kind == OrgKind.SUB_CELL and parent.kind not in (
        OrgKind.BASE_COMMITTEE,
        OrgKind.SUB_COMMITTEE,
    ):
        raise ValidationError(
            {"kind": "Chi bộ trực thuộc phải thuộc đảng bộ cơ sở hoặc đảng bộ bộ phận."}
        )


def _open_version(org: Organization, date: dt.date) -> None:
    OrgVersion.objects.create(
        org=org,
        parent_id=_parent_id(org),
        code=org.code,
        name=org.name,
        kind=org.kind,
        sector=org.sector,
        path=org.path,
        valid_from=date,
    )


def _parent_id(org: Organization) -> int | None:
    if org.depth <= 1:
        return None
    parent_path = org.path[: -org.steplen]
    return Organization.objects.only("id").get(path=parent_path).pk


def _current_version(org: Organization) -> OrgVersion:
    return OrgVersion.objects.filter(org=org, valid_to__isnull=True).get()


def _check_not_before_history(orgs: Sequence[Organization], date: dt.date) -> None:
    later = OrgVersion.objects.filter(org__in=orgs, valid_from__gt=date).exists()
    if later:
        raise ValidationError(
            {"date": "Đã có thay đổi sau ngày này; không thể ghi thay đổi lùi ngày."}
        )


def _reversion_subtree(root: Organization, date: dt.date) -> None:
    """Close the current versions of root's subtree on `date` and open new ones."""
    subtree = list(Organization.objects.get_tree(root).filter(dissolved_on__isnull=True))
    subtree_ids = [o.pk for o in subtree]
    current = OrgVersion.objects.filter(org_id__in=subtree_ids, valid_to__isnull=True)
    current.filter(valid_from=date).delete()
    current.filter(valid_from__lt=date).update(valid_to=date)
    parents = {o.path: o.pk for o in subtree}
    if root.depth > 1:
        parent = Organization.objects.get(path=root.path[: -root.steplen])
        parents[parent.path] = parent.pk
    OrgVersion.objects.bulk_create(
        OrgVersion(
            org=o,
            parent_id=parents.get(o.path[: -o.steplen]) if o.depth > 1 else None,
            code=o.code,
            name=o.name,
            kind=o.kind,
            sector=o.sector,
            path=o.path,
            valid_from=date,
        )
        for o in subtree
    )


@transaction.atomic
def org_create(
    *,
    parent: Organization | None,
    code: str,
    name: str,
    kind: str,
    founded_on: dt.date,
    sector: str = "",
    host_unit_name: str = "",
    decision_number: str = "",
    acting_user: Any = None,
) -> Organization:
    _check_parent(parent, kind)
    if parent is not None and parent.founded_on > founded_on:
        raise ValidationError({"founded_on": "Ngày thành lập trước ngày thành lập cấp trên."})
    if Organization.objects.filter(code=code).exists():
        raise ValidationError({"code": f"Mã “{code}” đã được dùng."})
    fields = {
        "code": code,
        "name": name,
        "kind": kind,
        "sector": sector,
        "host_unit_name": host_unit_name,
        "founded_on": founded_on,
    }
    org = Organization(**fields)
    org.search_text = _search_text(org)
    if parent is None:
        org = Organization.objects.add_root(instance=org)
    else:
        org = Organization.objects.add_child(Organization.objects.get(pk=parent.pk), instance=org)
    _open_version(org, founded_on)
    OrgEvent.objects.create(
        org=org,
        kind=OrgEventKind.FOUNDED,
        date=founded_on,
        decision_number=decision_number,
        to_parent=parent,
        created_by=acting_user,
    )
    return org


@transaction.atomic
def org_rename(
    *,
    org: Organization,
    date: dt.date,
    name: str | None = None,
    code: str | None = None,
    decision_number: str = "",
    acting_user: Any = None,
    expected_version: int | None = None,
) -> Organization:
    """Rename and/or recode; the old name and code still resolve for earlier dates."""
    org = Organization.objects.select_for_update().get(pk=org.pk)
    check_and_bump(org, expected_version, user=acting_user, values={"name": name, "code": code})
    _check_not_before_history([org], date)
    if code and code != org.code and Organization.objects.filter(code=code).exists():
        raise ValidationError({"code": f"Mã “{code}” đã được dùng."})
    event = OrgEvent(
        org=org,
        kind=OrgEventKind.RENAMED,
        date=date,
        decision_number=decision_number,
        old_name=org.name,
        old_code=org.code,
        created_by=acting_user,
    )
    org.name = name or org.name
    org.code = code or org.code
    org.search_text = _search_text(org)
    org.save(update_fields=["name", "code", "search_text"])
    version = _current_version(org)
    if version.valid_from == date:
        version.name, version.code = org.name, org.code
        version.save(update_fields=["name", "code"])
    else:
        version.valid_to = date
        version.save(update_fields=["valid_to"])
        _open_version(org, date)
    event.save()
    return org


@transaction.atomic
def org_move(
    *,
    org: Organization,
    new_parent: Organization,
    date: dt.date,
    decision_number: str = "",
    kind: str | None = None,
    acting_user: Any = None,
    event_kind: str = OrgEventKind.MOVED,
    expected_version: int | None = None,
) -> Organization:
    """Put `org` (and its subtree, members included) under `new_parent` from `date`."""
    org = Organization.objects.get(pk=org.pk)
    check_and_bump(org, expected_version, user=acting_user)
    new_parent = Organization.objects.get(pk=new_parent.pk)
    if new_parent.path.startswith(org.path):
        raise ValidationError({"new_parent": "Không thể chuyển tổ chức vào chính cấp dưới của nó."})
    _check_parent(new_parent, kind or org.kind)
    subtree = list(Organization.objects.get_tree(org))
    _check_not_before_history(subtree, date)
    old_parent = Organization.objects.get_parent(org)
    old_path = org.path
    Organization.objects.move(org, new_parent, pos="last-child")
    org = Organization.objects.get(pk=org.pk)
    if kind and kind != org.kind:
        org.kind = kind
        org.save(update_fields=["kind"])
    _repath_members(old_path, org.path)
    _reversion_subtree(org, date)
    OrgEvent.objects.create(
        org=org,
        kind=event_kind,
        date=date,
        decision_number=decision_number,
        from_parent=old_parent,
        to_parent=new_parent,
        created_by=acting_user,
    )
    return org


def _repath_members(old_prefix: str, new_prefix: str) -> None:
    """Rewrite the copied paths (Member.org_path and every other registered copy)."""
    from dangbo.core.scope import copied_path_fields

    if old_prefix == new_prefix:
        return
    for model, field in copied_path_fields():
        model._default_manager.filter(**{f"{field}__startswith": old_prefix}).update(
            **{field: Concat(Value(new_prefix), Substr(field, len(old_prefix) + 1))}
        )


@transaction.atomic
def org_dissolve(
    *,
    org: Organization,
    date: dt.date,
    decision_number: str = "",
    acting_user: Any = None,
    event_kind: str = OrgEventKind.DISSOLVED,
    note: str = "",
    expected_version: int | None = None,
) -> Organization:
    """Dissolve an organization that no longer has members or active units below it."""
    from dangbo.members.models import MemberPeriod

    org = Organization.objects.select_for_update().get(pk=org.pk)
    check_and_bump(org, expected_version, user=acting_user)
    if org.dissolved_on is not None:
        raise ValidationError({"date": "Tổ chức đã giải thể."})
    active_children = (
        Organization.objects.get_tree(org).exclude(pk=org.pk).filter(dissolved_on__isnull=True)
    )
    if active_children.exists():
        raise ValidationError(
            {"date": "Còn tổ chức trực thuộc đang hoạt động; hãy chuyển hoặc giải thể trước."}
        )
    still_members = MemberPeriod.objects.filter(org=org).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=date)
    )
    if still_members.exists():
        raise ValidationError(
            {"date": "Tổ chức còn đảng viên sinh hoạt; hãy chuyển sinh hoạt trước khi giải thể."}
        )
    _check_not_before_history([org], date)
    OrgVersion.objects.filter(org=org, valid_to__isnull=True, valid_from=date).delete()
    OrgVersion.objects.filter(org=org, valid_to__isnull=True).update(valid_to=date)
    org.dissolved_on = date
    org.save(update_fields=["dissolved_on"])
    OrgEvent.objects.create(
        org=org,
        kind=event_kind,
        date=date,
        decision_number=decision_number,
        note=note,
        created_by=acting_user,
    )
    return org


@transaction.atomic
def org_merge(
    *,
    sources: Sequence[Organization],
    target: Organization,
    date: dt.date,
    decision_number: str = "",
    acting_user: Any = None,
) -> Organization:
    """Merge `sources` into `target`: their units move under it, the members of a
    source cell transfer to the target cell, and the sources are dissolved."""
    from dangbo.members.services import member_transfer

    for source in sources:
        source = Organization.objects.get(pk=source.pk)
        if source.pk == target.pk:
            raise ValidationError({"sources": "Không thể hợp nhất một tổ chức vào chính nó."})
        for child in list(
            Organization.objects.get_children(source).filter(dissolved_on__isnull=True)
        ):
            org_move(
                org=child,
                new_parent=target,
                date=date,
                decision_number=decision_number,
                acting_user=acting_user,
            )
        if source.kind in CELL_KINDS:
            if target.kind not in CELL_KINDS:
                raise ValidationError({"target": "Chi bộ chỉ hợp nhất được vào một chi bộ."})
            for member in _members_on(source, date):
                member_transfer(
                    member=member,
                    to_cell=target,
                    date=date,
                    decision_number=decision_number,
                    acting_user=acting_user,
                )
        event = OrgEvent.objects.create(
            org=source,
            kind=OrgEventKind.MERGED,
            date=date,
            decision_number=decision_number,
            to_parent=target,
            created_by=acting_user,
        )
        event.related.add(target)
        org_dissolve(
            org=source,
            date=date,
            decision_number=decision_number,
            acting_user=acting_user,
            note=f"Hợp nhất vào {target.name}",
        )
    return target


@transaction.atomic
def org_split(
    *,
    org: Organization,
    parts: Sequence[tuple[Organization, Sequence[Organization]]],
    date: dt.date,
    decision_number: str = "",
    acting_user: Any = None,
) -> list[Organization]:
    """Split `org`: each (new_org, units) pair moves those units under new_org; the
    original is dissolved once nothing is left in it."""
    targets = []
    for new_org, units in parts:
        for unit in units:
            if not Organization.objects.get(pk=unit.pk).path.startswith(org.path):
                raise ValidationError({"parts": f"{unit.name} không thuộc {org.name}."})
            org_move(
                org=unit,
                new_parent=new_org,
                date=date,
                decision_number=decision_number,
                acting_user=acting_user,
            )
        targets.append(new_org)
    event = OrgEvent.objects.create(
        org=org,
        kind=OrgEventKind.SPLIT,
        date=date,
        decision_number=decision_number,
        created_by=acting_user,
    )
    event.related.add(*targets)
    org_dissolve(org=org, date=date, decision_number=decision_number, acting_user=acting_user)
    return targets


def _members_on(cell: Organization, date: dt.date) -> list[Any]:
    from dangbo.members.models import Member, MemberPeriod

    ids = (
        MemberPeriod.objects.filter(org=cell, valid_from__lte=date)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date))
        .values("member_id")
    )
    return list(Member.objects.filter(pk__in=ids).exclude(status=MemberStatus.LEFT))


# --- Committees: terms and seats ------------------------------------------------


@transaction.atomic
def term_create(
    *,
    org: Organization,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    acting_user: Any = None,
) -> Term:
    """Open a committee term of `org`; terms of one organization do not overlap."""
    if ends_on is not None and ends_on <= starts_on:
        raise ValidationError({"ends_on": "Ngày kết thúc phải sau ngày bắt đầu nhiệm kỳ."})
    if starts_on < org.founded_on:
        raise ValidationError({"starts_on": "Nhiệm kỳ bắt đầu trước ngày thành lập tổ chức."})
    overlapping = Term.objects.filter(org=org).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lt=ends_on)
    clash = overlapping.first()
    if clash is not None:
        message = f"Trùng thời gian với nhiệm kỳ {clash.name}; hãy kết thúc nhiệm kỳ đó trước."
        raise ValidationError({"starts_on": message})
    term = Term(org=org, name=name.strip(), starts_on=starts_on, ends_on=ends_on)
    check_record(term)
    term.full_clean()
    term.save()
    return term


@transaction.atomic
def seat_create(
    *,
    term: Term,
    member: Any,
    position: str,
    starts_on: dt.date,
    is_unit_head: bool = False,
    acting_user: Any = None,
) -> CommitteeSeat:
    """Seat a member on the committee of a term."""
    from dangbo.accounts.audit import audit_log
    from dangbo.accounts.models import AuditAction

    if starts_on < term.starts_on or (term.ends_on is not None and starts_on >= term.ends_on):
        raise ValidationError({"starts_on": "Ngày bắt đầu phải nằm trong nhiệm kỳ."})
    if member.status == MemberStatus.LEFT or not member.org_path.startswith(term.org.path):
        raise ValidationError({"member": "Đảng viên không sinh hoạt trong tổ chức này."})
    if is_unit_head and position != Position.SECRETARY:
        raise ValidationError({"is_unit_head": "Chỉ Bí thư mới ghi “đồng thời là thủ trưởng”."})
    open_seats = CommitteeSeat.objects.filter(term=term).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)
    )
    if open_seats.filter(member=member).exists():
        raise ValidationError({"member": "Đảng viên này đang giữ một chức vụ trong cấp ủy."})
    if position == Position.SECRETARY and open_seats.filter(position=Position.SECRETARY).exists():
        raise ValidationError(
            {"position": "Nhiệm kỳ đang có Bí thư; hãy kết thúc chức vụ của Bí thư cũ trước."}
        )
    seat = CommitteeSeat.objects.create(
        term=term,
        member=member,
        position=position,
        starts_on=starts_on,
        is_unit_head=is_unit_head,
    )
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="committee_seat",
        object_id=seat.pk,
        description=f"{seat.get_position_display()} {term.org.name} nhiệm kỳ {term.name}: "
        f"{member.person.full_name}",
    )
    return seat


@transaction.atomic
def seat_end(
    *,
    seat: CommitteeSeat,
    ends_on: dt.date,
    acting_user: Any = None,
    expected_version: int | None = None,
) -> CommitteeSeat:
    """End a committee seat (resignation, transfer, end of term)."""
    from dangbo.accounts.audit import audit_log
    from dangbo.accounts.models import AuditAction

    seat = CommitteeSeat.objects.select_for_update().get(pk=seat.pk)
    check_and_bump(seat, expected_version, user=acting_user, values={"ends_on": ends_on})
    if seat.ends_on is not None:
        raise ValidationError({"ends_on": "Chức vụ này đã kết thúc."})
    if ends_on <= seat.starts_on:
        raise ValidationError({"ends_on": "Ngày kết thúc phải sau ngày bắt đầu."})
    seat.ends_on = ends_on
    seat.save(update_fields=["ends_on"])
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="committee_seat",
        object_id=seat.pk,
        description=f"Kết thúc chức vụ {seat.get_position_display()} ngày {ends_on:%d/%m/%Y}",
    )
    return seat
