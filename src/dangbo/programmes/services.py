"""Writes of documents, programmes, targets, work programmes and host units' figures.

Each service is one transaction, raises ValidationError({field: Vietnamese message}) on bad
input and writes an AuditEntry (action "change"): the indicator cache is keyed by the data
version, which counts those rows (see dangbo.indicators.registry).

Numbering (HD 36-HD/VPTW, 03/4/2018; ../shared/RULES.md §5): the documents a committee issues
are numbered "liên tục từ số 01 cho mỗi tên loại văn bản trong một nhiệm kỳ cấp ủy": one
sequence per type of document per committee term, not per year; secret documents share the
sequence. Quyết định and quy định, both written "QĐ", share one sequence so that their
codes never collide. A committee with no term recorded on the day numbers per type within
the calendar year (a fallback the rules do not cover; the term should be entered).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Max, Q

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.dates import check_record
from dangbo.core.locking import check_and_bump
from dangbo.core.secrecy import Secrecy
from dangbo.core.text import fold, format_date
from dangbo.orgs.models import Organization, Term
from dangbo.programmes.codes import parse_reference
from dangbo.programmes.models import (
    Comparison,
    Direction,
    DocType,
    Document,
    DocumentLink,
    IssuerProfile,
    ItemStatus,
    LinkKind,
    Programme,
    Target,
    TargetManualValue,
    UnitFigures,
    WorkItem,
    WorkProgramme,
    code_abbr,
)


def _log(user: Any, object_type: str, object_id: object, description: str) -> None:
    audit_log(
        user=user, action=AuditAction.CHANGE, object_type=object_type, object_id=object_id,
        description=description,
    )  # fmt: skip


def term_on(org: Organization, on: dt.date) -> Term | None:
    """The committee term of `org` current on `on` (the latest begun, not yet closed)."""
    return (
        Term.objects.filter(org=org, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .order_by("-starts_on")
        .first()
    )


def _search_text(doc: Document) -> str:
    return fold(f"{doc.code} {doc.get_doc_type_display()} {doc.subject} {doc.issuer_name}")


def _check_common(doc_type: str, subject: str, secrecy: str, is_public: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    if doc_type not in DocType.values:
        errors["doc_type"] = "Chọn loại văn bản."
    if not (subject or "").strip():
        errors["subject"] = "Nhập trích yếu nội dung văn bản."
    if secrecy not in Secrecy.values:
        errors["secrecy"] = "Độ mật không hợp lệ."
    if secrecy and is_public:
        errors["is_public"] = "Văn bản mật không được đăng lên cổng thông tin."
    return errors


def next_number(org: Organization, doc_type: str, issued_on: dt.date) -> tuple[int, Term | None]:
    """The next number of `doc_type` in the term of `org` current on `issued_on`."""
    term = term_on(org, issued_on)
    # Quyết định and quy định are both written "QĐ": one sequence, or two would share a code.
    shared = {DocType.DECISION, DocType.REGULATION}
    types = [str(t) for t in shared] if doc_type in shared else [doc_type]
    same = Document.objects.filter(org=org, direction=Direction.ISSUED, doc_type__in=types)
    if term is not None:
        same = same.filter(term=term)
    else:
        same = same.filter(term__isnull=True, issued_on__year=issued_on.year)
    last = same.aggregate(n=Max("number"))["n"] or 0
    return last + 1, term


@transaction.atomic
def document_issue(
    *, org: Organization, doc_type: str, issued_on: dt.date, subject: str, secrecy: str = "",
    is_public: bool = False, file: File | None = None, user: Any = None, issuer_name: str = "",
) -> Document:  # fmt: skip
    """Issue a document of `org`: the next number of its type in the current term, and the
    code "N-TYPE/ABBR" with the organization's abbreviation (selectors.issuer_of)."""
    from dangbo.programmes.selectors import issuer_of

    errors = _check_common(doc_type, subject, secrecy, is_public)
    if errors:
        raise ValidationError(errors)
    # Serialize the numbering of this committee's documents.
    Organization.objects.select_for_update().filter(pk=org.pk).first()
    number, term = next_number(org, doc_type, issued_on)
    issuer = issuer_of(org, issued_on)
    doc = Document(
        org=org, direction=Direction.ISSUED, doc_type=doc_type, number=number,
        code=f"{number:02d}-{code_abbr(doc_type)}/{issuer.abbreviation}", issued_on=issued_on,
        subject=subject.strip(), secrecy=secrecy, is_public=is_public, term=term,
        issuer_name=issuer_name.strip() or issuer.body_name, created_by=_user(user),
    )  # fmt: skip
    if file is not None:
        doc.file = file
    doc.search_text = _search_text(doc)
    check_record(doc)
    doc.full_clean()
    doc.save()
    _log(user, "document", doc.pk, f"Ban hành văn bản {doc.code} ({format_date(issued_on)})")
    return doc


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def document_receive(
    *, org: Organization, subject: str, reference: str = "", doc_type: str = "",
    number: int | None = None, code: str = "", issued_on: dt.date | None = None,
    issuer_name: str = "", secrecy: str = "", is_public: bool = False,
    file: File | None = None, user: Any = None,
) -> Document:  # fmt: skip
    """Register a received document; `reference` (as written) fills what is not given."""
    if reference.strip():
        try:
            ref = parse_reference(reference)
        except ValueError as exc:
            raise ValidationError({"reference": str(exc)}) from None
        doc_type = doc_type or ref.doc_type
        number = number if number is not None else ref.number
        code = code or ref.code
        issued_on = issued_on or ref.issued_on
    errors = _check_common(doc_type, subject, secrecy, is_public)
    if issued_on is None:
        errors["issued_on"] = "Nhập ngày ban hành của văn bản."
    if errors:
        raise ValidationError(errors)
    assert issued_on is not None  # noqa: S101 - checked above
    doc = Document(
        org=org, direction=Direction.RECEIVED, doc_type=doc_type, number=number,
        code=code.strip(), issued_on=issued_on, subject=subject.strip(), secrecy=secrecy,
        is_public=is_public, issuer_name=issuer_name.strip(), term=term_on(org, issued_on),
        created_by=_user(user),
    )  # fmt: skip
    if file is not None:
        doc.file = file
    doc.search_text = _search_text(doc)
    check_record(doc)
    doc.full_clean()
    doc.save()
    _log(user, "document", doc.pk, f"Vào sổ văn bản đến {doc.code or doc.subject[:60]}")
    return doc


@transaction.atomic
def document_update(
    *, document: Document, subject: str, secrecy: str, is_public: bool, issuer_name: str = "",
    file: File | None = None, user: Any = None, code: str | None = None,
    issued_on: dt.date | None = None, expected_version: int | None = None,
) -> Document:  # fmt: skip
    """Change a document. An issued document keeps its type, number and date (its number
    was taken in its term's sequence); a received one may correct its code and date."""
    doc = Document.objects.select_for_update().get(pk=document.pk)
    errors = _check_common(doc.doc_type, subject, secrecy, is_public)
    if errors:
        raise ValidationError(errors)
    doc.subject = subject.strip()
    doc.secrecy = secrecy
    doc.is_public = is_public
    doc.issuer_name = issuer_name.strip() or doc.issuer_name
    if doc.direction == Direction.RECEIVED:
        if code is not None:
            doc.code = code.strip()
        if issued_on is not None:
            doc.issued_on = issued_on
    if file is not None:
        doc.file = file
    doc.search_text = _search_text(doc)
    check_record(doc)
    doc.full_clean()
    check_and_bump(doc, expected_version, user=user)
    doc.save()
    _log(user, "document", doc.pk, f"Sửa văn bản {doc.code}")
    return doc


@transaction.atomic
def document_link(source: Document, target: Document, kind: str, user: Any = None) -> DocumentLink:
    """Link `source` to `target` ("source implements / replaces / amends target")."""
    if kind not in LinkKind.values:
        raise ValidationError({"kind": "Chọn quan hệ giữa hai văn bản."})
    if source.pk == target.pk:
        raise ValidationError({"target": "Một văn bản không liên kết với chính nó."})
    if DocumentLink.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError({"target": "Hai văn bản đã có liên kết này."})
    link = DocumentLink.objects.create(source=source, target=target, kind=kind)
    _log(user, "document", source.pk, f"Liên kết: {link}")
    return link


@transaction.atomic
def document_unlink(*, link: DocumentLink, user: Any = None) -> None:
    _log(user, "document", link.source_id, f"Bỏ liên kết: {link}")
    link.delete()


@transaction.atomic
def issuer_profile_save(
    *, org: Organization, abbreviation: str = "", place: str = "", superior_line: str = "",
    body_line: str = "", signature_title: str = "", user: Any = None,
) -> IssuerProfile:  # fmt: skip
    profile, _ = IssuerProfile.objects.update_or_create(
        org=org,
        defaults={
            "abbreviation": abbreviation.strip(), "place": place.strip(),
            "superior_line": superior_line.strip().upper(),
            "body_line": body_line.strip().upper(),
            "signature_title": signature_title.strip().upper(),
        },
    )  # fmt: skip
    _log(user, "issuer_profile", profile.pk, f"Thể thức văn bản của {org.name}")
    return profile


@transaction.atomic
def programme_save(
    *, org: Organization, title: str, issued_on: dt.date, year_from: int, year_to: int,
    documents: Iterable[Document] = (), issued_as: Document | None = None, secrecy: str = "",
    programme: Programme | None = None, user: Any = None, expected_version: int | None = None,
) -> Programme:  # fmt: skip
    """Create or change an action programme."""
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Nhập tên chương trình hành động."
    if year_to < year_from:
        errors["year_to"] = "Năm kết thúc không được trước năm bắt đầu."
    if errors:
        raise ValidationError(errors)
    prog = programme or Programme()
    prog.org = org
    prog.title = title.strip()
    prog.issued_on = issued_on
    prog.year_from, prog.year_to = year_from, year_to
    prog.issued_as = issued_as
    prog.secrecy = secrecy
    prog.term = term_on(org, issued_on)
    prog.search_text = fold(f"{prog.title} {org.name}")
    check_record(prog)
    prog.full_clean()
    check_and_bump(prog, expected_version, user=user)
    prog.save()
    prog.documents.set(list(documents))
    _log(user, "programme", prog.pk, f"Chương trình hành động: {prog.title[:200]}")
    return prog


def check_target(
    *, indicator_key: str, denominator_key: str, comparison: str, value: Decimal,
    period_start: dt.date, period_end: dt.date,
) -> dict[str, str]:  # fmt: skip
    from dangbo.indicators import registry

    errors: dict[str, str] = {}
    for field, key in (("indicator_key", indicator_key), ("denominator_key", denominator_key)):
        if key:
            try:
                registry.get(key)
            except KeyError:
                errors[field] = f"Không có chỉ số “{key}”."
    if comparison not in Comparison.values:
        errors["comparison"] = "Chọn cách so sánh."
    if comparison == Comparison.SHARE and indicator_key and not denominator_key:
        errors["denominator_key"] = "Chỉ tiêu tỉ lệ cần chỉ số mẫu số."
    if comparison == Comparison.SHARE and not 0 <= value <= 100:
        errors["value"] = "Tỉ lệ phải từ 0 đến 100%."
    if value < 0:
        errors["value"] = "Giá trị chỉ tiêu không được âm."
    if period_end < period_start:
        errors["period_end"] = "Ngày kết thúc kỳ không được trước ngày bắt đầu."
    return errors


@transaction.atomic
def target_save(
    *, org: Organization, label: str, comparison: str, value: Decimal, period_kind: str,
    period_start: dt.date, period_end: dt.date, indicator_key: str = "",
    denominator_key: str = "", unit: str = "", programme: Programme | None = None,
    target: Target | None = None, user: Any = None, expected_version: int | None = None,
) -> Target:  # fmt: skip
    """Create or change a target."""
    value = Decimal(value)
    errors = check_target(
        indicator_key=indicator_key, denominator_key=denominator_key, comparison=comparison,
        value=value, period_start=period_start, period_end=period_end,
    )  # fmt: skip
    if not label.strip():
        errors["label"] = "Nhập nội dung chỉ tiêu như văn bản ghi."
    if errors:
        raise ValidationError(errors)
    row = target or Target()
    row.org, row.programme, row.label = org, programme, label.strip()
    row.indicator_key, row.denominator_key = indicator_key, denominator_key
    row.comparison, row.value, row.unit = comparison, value, unit.strip()
    row.period_kind, row.period_start, row.period_end = period_kind, period_start, period_end
    check_record(row)
    row.full_clean()
    check_and_bump(row, expected_version, user=user)
    row.save()
    _log(user, "target", row.pk, f"Chỉ tiêu của {org.name}: {row.label[:200]}")
    return row


@transaction.atomic
def target_enter_value(
    *, target: Target, at: dt.date, value: Decimal, note: str = "", user: Any = None
) -> TargetManualValue:
    """Enter by hand the result of a target no record measures (kept with who and when)."""
    errors: dict[str, str] = {}
    if target.indicator_key:
        errors["value"] = "Chỉ tiêu này được tính từ hồ sơ, không nhập tay."
    if not target.period_start <= at:
        errors["at"] = f"Ngày phải từ {format_date(target.period_start)} trở đi."
    if Decimal(value) < 0:
        errors["value"] = "Kết quả không được âm."
    if errors:
        raise ValidationError(errors)
    row = TargetManualValue.objects.create(
        target=target, at=at, value=Decimal(value), note=note.strip(), entered_by=_user(user)
    )
    _log(user, "target", target.pk, f"Nhập tay kết quả chỉ tiêu “{target.label[:150]}”: {value}")
    return row


@transaction.atomic
def work_programme_save(
    *, org: Organization, year: int, title: str, programme: WorkProgramme | None = None,
    user: Any = None,
) -> WorkProgramme:  # fmt: skip
    if not title.strip():
        raise ValidationError({"title": "Nhập tên chương trình công tác."})
    row = programme or WorkProgramme()
    row.org, row.year, row.title = org, year, title.strip()
    check_record(row)
    row.full_clean()
    row.save()
    _log(user, "work_programme", row.pk, f"Chương trình công tác năm {year} của {org.name}")
    return row


def _check_item(status: str, done_on: dt.date | None, year: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if status not in ItemStatus.values:
        errors["status"] = "Chọn tình trạng."
    if status == ItemStatus.DONE and done_on is None:
        errors["done_on"] = "Nhập ngày hoàn thành."
    if status != ItemStatus.DONE and done_on is not None:
        errors["done_on"] = "Chỉ ghi ngày hoàn thành khi công việc đã hoàn thành."
    return errors


@transaction.atomic
def work_item_save(
    *, programme: WorkProgramme, title: str, due_on: dt.date, owner: str = "",
    owner_org: Organization | None = None, status: str = ItemStatus.PLANNED,
    done_on: dt.date | None = None, note: str = "", order: int | None = None,
    item: WorkItem | None = None, user: Any = None, expected_version: int | None = None,
) -> WorkItem:  # fmt: skip
    errors = _check_item(status, done_on, programme.year)
    if not title.strip():
        errors["title"] = "Nhập nội dung công việc."
    if errors:
        raise ValidationError(errors)
    row = item or WorkItem(programme=programme)
    if order is None:
        order = row.order or (programme.items.aggregate(n=Max("order"))["n"] or 0) + 1
    row.title, row.due_on, row.owner, row.owner_org = title.strip(), due_on, owner, owner_org
    row.status, row.done_on, row.note, row.order = status, done_on, note.strip(), order
    check_record(row)
    row.full_clean()
    check_and_bump(row, expected_version, user=user)
    row.save()
    _log(user, "work_item", row.pk, f"Đầu công việc: {row.title[:200]}")
    return row


@transaction.atomic
def work_item_set_status(
    *, item: WorkItem, status: str, done_on: dt.date | None = None, user: Any = None
) -> WorkItem:
    """Quick status change; "done" without a date is done today."""
    if status == ItemStatus.DONE and done_on is None:
        from django.utils import timezone

        done_on = timezone.localdate()
    if status != ItemStatus.DONE:
        done_on = None
    errors = _check_item(status, done_on, item.programme.year)
    if errors:
        raise ValidationError(errors)
    row = WorkItem.objects.select_for_update().get(pk=item.pk)
    before = row.get_status_display()
    row.status, row.done_on = status, done_on
    row.save(update_fields=["status", "done_on"])
    _log(user, "work_item", row.pk, f"{row.title[:150]}: {before} → {row.get_status_display()}")
    return row


def check_figures(
    *, period_start: dt.date, period_end: dt.date, revenue: Decimal | None,
    workers: int | None, avg_income: Decimal | None,
) -> dict[str, str]:  # fmt: skip
    errors: dict[str, str] = {}
    if period_end < period_start:
        errors["period_end"] = "Ngày cuối kỳ không được trước ngày đầu kỳ."
    elif (period_end - period_start).days > 366:
        errors["period_end"] = "Số liệu ghi theo năm hoặc ngắn hơn (không quá 12 tháng)."
    if revenue is not None and revenue < 0:
        errors["revenue"] = "Doanh thu không được âm."
    if workers is not None and workers < 0:
        errors["workers"] = "Số lao động không được âm."
    if avg_income is not None and avg_income < 0:
        errors["avg_income"] = "Thu nhập bình quân không được âm."
    if avg_income is not None and not workers:
        errors["workers"] = "Có thu nhập bình quân thì phải có số lao động."
    return errors


@transaction.atomic
def unit_figures_save(
    *, org: Organization, period_start: dt.date, period_end: dt.date,
    revenue: Decimal | None = None, workers: int | None = None,
    avg_income: Decimal | None = None, profit: Decimal | None = None,
    task_completed: bool | None = None, user: Any = None, audit: bool = True,
    pk: int | None = None, expected_version: int | None = None,
) -> UnitFigures:  # fmt: skip
    """Enter (or replace) the figures of `org`'s host unit for a period.

    With `pk` (the row being edited) that row is changed in place, even when the user
    corrects its organization or period; without it, the row of (org, period) is created
    or replaced (the import)."""
    errors = check_figures(
        period_start=period_start, period_end=period_end, revenue=revenue, workers=workers,
        avg_income=avg_income,
    )  # fmt: skip
    if not org.is_base:
        errors["org"] = "Số liệu cơ quan, đơn vị ghi cho tổ chức cơ sở đảng."
    if pk is not None:
        clash = UnitFigures.objects.filter(
            org=org, period_start=period_start, period_end=period_end
        ).exclude(pk=pk)
        if clash.exists():
            errors["period_start"] = "Đơn vị này đã có số liệu của kỳ này (dòng khác)."
    if errors:
        raise ValidationError(errors)
    values = {"revenue": revenue, "workers": workers, "avg_income": avg_income,
              "profit": profit, "task_completed": task_completed,
              "entered_by": _user(user)}  # fmt: skip
    if pk is not None:
        row = UnitFigures.objects.select_for_update().get(pk=pk)
        row.org, row.period_start, row.period_end = org, period_start, period_end
        for field, value in values.items():
            setattr(row, field, value)
        check_and_bump(row, expected_version, user=user)
        row.save()
    else:
        row, _ = UnitFigures.objects.update_or_create(
            org=org, period_start=period_start, period_end=period_end, defaults=values
        )
    if audit:
        _log(
            user, "unit_figures", row.pk,
            f"Số liệu {org.host_unit_name or org.name} {format_date(period_start)}–"
            f"{format_date(period_end)}",
        )  # fmt: skip
    return row
