"""Reads of documents, programmes, targets, work programmes and host units' figures.

Lists go through dangbo.core.scope with the acting user; figures (indicators) read the
tree as it stood on each row's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from dangbo.core.scope import Action, scoped
from dangbo.core.text import fold
from dangbo.orgs.models import Organization, OrgKind
from dangbo.orgs.selectors import version_of
from dangbo.programmes.models import (
    Document,
    DocumentLink,
    IssuerProfile,
    Programme,
    Target,
    UnitFigures,
    WorkItem,
    WorkProgramme,
)

# Abbreviation of the issuing body in a document's code, by kind of organization.
_ABBREVIATION = {
    OrgKind.CENTRAL: "TW",
    OrgKind.PROVINCIAL_COMMITTEE: "TU",
    OrgKind.BLOC_COMMITTEE: "ĐUK",
    OrgKind.LOCAL_COMMITTEE: "ĐU",
    OrgKind.BASE_COMMITTEE: "ĐU",
    OrgKind.SUB_COMMITTEE: "ĐU",
    OrgKind.BASE_CELL: "CB",
    OrgKind.SUB_CELL: "CB",
}
# Who signs for a committee (HD 36-HD/VPTW: committees sign "T/M").
_SIGNATURE = {
    OrgKind.CENTRAL: "T/M BAN CHẤP HÀNH TRUNG ƯƠNG",
    OrgKind.PROVINCIAL_COMMITTEE: "T/M BAN THƯỜNG VỤ",
    OrgKind.BLOC_COMMITTEE: "T/M BAN THƯỜNG VỤ",
    OrgKind.LOCAL_COMMITTEE: "T/M ĐẢNG ỦY",
    OrgKind.BASE_COMMITTEE: "T/M ĐẢNG ỦY",
    OrgKind.SUB_COMMITTEE: "T/M ĐẢNG ỦY",
    OrgKind.BASE_CELL: "T/M CHI BỘ",
    OrgKind.SUB_CELL: "T/M CHI BỘ",
}


@dataclass(frozen=True)
class Issuer:
    """How an organization heads its documents (HD 36-HD/VPTW, RULES.md §5)."""

    superior_line: str  # "ĐẢNG BỘ TỈNH THANH HÓA" (upright capitals)
    body_line: str  # "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH" (bold capitals)
    abbreviation: str  # "ĐUK", written in the code "05-NQ/ĐUK"
    place: str  # "Thanh Hóa", for the date line
    signature_title: str  # "T/M BAN THƯỜNG VỤ"
    name: str = ""  # "Đảng ủy Ủy ban MTTQ Việt Nam tỉnh", as the organization's name is kept

    @property
    def body_name(self) -> str:
        """The issuing body in normal case ("Đảng ủy Khối ...") for registers: the
        organization's name as stored (proper names keep their capitals), "Đảng bộ"
        becoming "Đảng ủy"."""
        return self.name


def _body_name(name: str) -> str:
    """ "Đảng bộ Sở Y tế" -> "Đảng ủy Sở Y tế": the committee (đảng ủy) issues, not the
    organization (đảng bộ); a cell issues as "Chi bộ ..."."""
    text = name.strip()
    if fold(text).startswith("dang bo "):
        text = "Đảng ủy " + text[len("Đảng bộ ") :]
    return text


def _body_line(name: str) -> str:
    """ "Đảng bộ Sở Y tế" -> "ĐẢNG ỦY SỞ Y TẾ" (the bold capitals of the header)."""
    return _body_name(name).upper()


def _profile(org: Organization) -> IssuerProfile | None:
    return IssuerProfile.objects.filter(org=org).first()


def issuer_of(org: Organization, on: dt.date) -> Issuer:
    """The header block of `org`'s documents dated `on`: derived from the tree as it
    stood that day (names, parent), overridden field by field by its IssuerProfile; the
    place is inherited from the nearest ancestor that has one."""
    version = version_of(org, on)
    name = version.name if version is not None else org.name
    kind = version.kind if version is not None else org.kind
    parent: Organization | None = None
    if version is not None and version.parent_id:
        parent = version.parent
    elif version is None:
        parent = Organization.objects.get_parent(org) if org.depth > 1 else None
    profile = _profile(org)
    superior = ""
    if parent is not None:
        parent_profile = _profile(parent)
        parent_version = version_of(parent, on)
        superior = (parent_version.name if parent_version else parent.name).upper()
        # A superior's own profile knows how its organization is written ("ĐẢNG BỘ TỈNH
        # THANH HÓA"): its superior line is not ours, but its body line names itself.
        if parent_profile is not None and parent_profile.body_line and kind not in (
            OrgKind.SUB_CELL, OrgKind.SUB_COMMITTEE,
        ):  # fmt: skip
            superior = parent_profile.body_line.replace("ĐẢNG ỦY", "ĐẢNG BỘ", 1)
    place = ""
    for ancestor in [org, *reversed(list(Organization.objects.get_ancestors(org)))]:
        ancestor_profile = profile if ancestor.pk == org.pk else _profile(ancestor)
        if ancestor_profile is not None and ancestor_profile.place:
            place = ancestor_profile.place
            break
    return Issuer(
        superior_line=(profile.superior_line if profile and profile.superior_line else superior),
        body_line=(profile.body_line if profile and profile.body_line else _body_line(name)),
        abbreviation=(
            profile.abbreviation
            if profile and profile.abbreviation
            else _ABBREVIATION.get(OrgKind(kind), "CB")
        ),  # fmt: skip
        place=place,
        signature_title=(
            profile.signature_title
            if profile and profile.signature_title
            else _SIGNATURE.get(OrgKind(kind), "T/M CHI BỘ")
        ),  # fmt: skip
        name=_body_name(name),
    )


def _under(qs: QuerySet[Any], org: Organization | None, field: str = "org__path") -> Any:
    return qs.filter(**{f"{field}__startswith": org.path}) if org is not None else qs


def document_list(
    user: Any, *, action: Action = Action.VIEW, query: str = "", org: Organization | None = None,
    doc_type: str = "", year: int | None = None, direction: str = "", secrecy: str | None = None,
) -> QuerySet[Document]:  # fmt: skip
    qs = scoped(user, action, Document.objects.select_related("org"))
    qs = _under(qs, org)
    for word in fold(query).split():
        qs = qs.filter(search_text__contains=word)
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    if year:
        qs = qs.filter(issued_on__year=year)
    if direction:
        qs = qs.filter(direction=direction)
    if secrecy is not None:
        qs = qs.filter(secrecy=secrecy)
    return qs.order_by("-issued_on", "-pk")


def document_links(doc: Document, user: Any) -> tuple[list[DocumentLink], list[DocumentLink]]:
    """Links out of and into `doc`, only to documents the user may see."""
    visible = scoped(user, Action.VIEW, Document.objects.all()).values("pk")
    out = doc.links_out.filter(target__in=visible).select_related("target")
    into = doc.links_in.filter(source__in=visible).select_related("source")
    return list(out), list(into)


def programme_list(
    user: Any, *, action: Action = Action.VIEW, query: str = "", org: Organization | None = None,
    year: int | None = None,
) -> QuerySet[Programme]:  # fmt: skip
    qs = _under(scoped(user, action, Programme.objects.select_related("org")), org)
    for word in fold(query).split():
        qs = qs.filter(search_text__contains=word)
    if year:
        qs = qs.filter(year_from__lte=year, year_to__gte=year)
    return qs.order_by("-issued_on", "-pk")


def targets_for(
    org: Organization, *, period: tuple[dt.date, dt.date], user: Any = None,
    below: bool = False,
) -> QuerySet[Target]:  # fmt: skip
    """Targets of `org` (with `below`, of its subtree too) whose period overlaps `period`;
    with `user`, only those the user may see."""
    start, end = period
    qs = Target.objects.select_related("org", "programme")
    qs = qs.filter(org__path__startswith=org.path) if below else qs.filter(org=org)
    qs = qs.filter(period_start__lte=end, period_end__gte=start)
    if user is not None:
        qs = scoped(user, Action.VIEW, qs)
    return qs.order_by("org__path", "period_start", "pk")


def target_list(
    user: Any, *, action: Action = Action.VIEW, org: Organization | None = None,
    year: int | None = None, programme: Programme | None = None,
) -> QuerySet[Target]:  # fmt: skip
    qs = _under(scoped(user, action, Target.objects.select_related("org", "programme")), org)
    if year:
        qs = qs.filter(period_start__lte=dt.date(year, 12, 31), period_end__gte=dt.date(year, 1, 1))
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.order_by("org__path", "period_start", "pk")


def work_programmes(user: Any, org: Organization, year: int) -> QuerySet[WorkProgramme]:
    return scoped(user, Action.VIEW, WorkProgramme.objects.filter(org=org, year=year))


def work_items(
    user: Any, org: Organization, year: int, *, action: Action = Action.VIEW, status: str = ""
) -> QuerySet[WorkItem]:
    qs = scoped(
        user, action,
        WorkItem.objects.filter(programme__org=org, programme__year=year).select_related(
            "programme", "owner_org"
        ),
    )  # fmt: skip
    if status == "overdue":
        from django.utils import timezone

        qs = qs.filter(status__in=["planned", "in_progress"], due_on__lt=timezone.localdate())
    elif status:
        qs = qs.filter(status=status)
    return qs.order_by("programme_id", "order", "due_on", "pk")


def unit_figures_list(
    user: Any, *, action: Action = Action.VIEW, org: Organization | None = None,
    year: int | None = None, query: str = "",
) -> QuerySet[UnitFigures]:  # fmt: skip
    qs = _under(scoped(user, action, UnitFigures.objects.select_related("org", "entered_by")), org)
    if year:
        qs = qs.filter(period_end__year=year)
    for word in fold(query).split():
        qs = qs.filter(org__search_text__contains=word)
    return qs.order_by("-period_end", "org__path")


def issued_in_scope(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[Document]:
    """Documents issued in [start, end] by organizations under `scope` on their date."""
    from dangbo.orgs.selectors import dated_in_scope

    return dated_in_scope(
        Document.objects.filter(direction="issued"), scope, start, end, date_field="issued_on"
    )


def overlaps(qs: QuerySet[Any], start: dt.date, end: dt.date) -> QuerySet[Any]:
    return qs.filter(Q(period_start__lte=end) & Q(period_end__gte=start))
