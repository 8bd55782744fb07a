"""Party documents: the register, export (never of secret ones), detail with its links both
ways, file download (refused when secret), issue, receive (a pasted reference fills the
fields), edit, link, and the header profile of an organization."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.accounts.selectors import record_history
from dangbo.core.files import file_response
from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scoped
from dangbo.core.secrecy import Channel, Secrecy, SecretRefused, refuse_if_secret
from dangbo.members.forms import attach_errors
from dangbo.orgs.models import Organization
from dangbo.programmes import selectors, services
from dangbo.programmes.codes import parse_reference
from dangbo.programmes.forms import (
    DocumentEditForm,
    DocumentFilterForm,
    DocumentIssueForm,
    DocumentReceiveForm,
    IssuerProfileForm,
    LinkForm,
)
from dangbo.programmes.models import (
    LINK_REVERSE,
    Direction,
    DocType,
    Document,
    DocumentLink,
    code_abbr,
)
from dangbo.programmes.views.common import can_change, filters, orgs_for, require, require_change

SKIPPED_TEXT = "Văn bản mật không được xuất ra tệp: {n} văn bản mật trong danh sách đã được bỏ qua."


def _rows(request: HttpRequest, action: Action) -> tuple[DocumentFilterForm, Any]:
    user = request.user
    form = DocumentFilterForm(request.GET or None, orgs=orgs_for(user, Action.VIEW))
    data = filters(form)
    secrecy = {"": None, "none": ""}.get(data.get("secrecy") or "", data.get("secrecy"))
    rows = selectors.document_list(
        user, action=action, query=data.get("q") or "", org=data.get("org"),
        doc_type=data.get("doc_type") or "", year=data.get("year"),
        direction=data.get("direction") or "", secrecy=secrecy,
    )  # fmt: skip
    return form, rows


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    form, rows = _rows(request, Action.VIEW)
    secret = rows.exclude(secrecy=Secrecy.NONE).count()
    writable = orgs_for(request.user, Action.OFFICE).first()
    return render(
        request, "programmes/documents.html",
        list_context(request, form, rows, secret_count=secret, can_write=writable is not None,
                     profile_org=writable),
    )  # fmt: skip


@login_required
def document_export(request: HttpRequest) -> HttpResponse:
    """The filtered register as .xlsx, without the secret documents (said in the audit log,
    with a REFUSED row counting them, and on the list page)."""
    require_export(request.user)
    _form, rows = _rows(request, Action.EXPORT)
    secret = rows.exclude(secrecy=Secrecy.NONE).count()
    if secret:
        audit_log(
            user=request.user, action=AuditAction.REFUSED, object_type="document",
            description=SKIPPED_TEXT.format(n=secret), request=request,
        )  # fmt: skip
    return export_response(
        request,
        rows=rows.filter(secrecy=Secrecy.NONE),
        object_type="document",
        description=lambda n: f"Xuất sổ văn bản: {n} văn bản"
        + (f" (bỏ qua {secret} văn bản mật)" if secret else ""),
        filename="so-van-ban.xlsx",
        title="Sổ văn bản",
        headings=["Sổ", "Số, ký hiệu", "Ngày ban hành", "Loại văn bản", "Cơ quan ban hành",
                  "Trích yếu", "Cấp ủy", "Công khai"],
        row=lambda d: [d.get_direction_display(), d.code, d.issued_on, d.get_doc_type_display(),
                       d.issuer_name, d.subject, d.org.name, "Có" if d.is_public else ""],
    )  # fmt: skip


def _document(request: HttpRequest, pk: int) -> Document:
    return get_scoped_or_404(
        request.user, Action.VIEW, Document.objects.select_related("org", "term"), pk=pk
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    links_out, links_in = selectors.document_links(doc, request.user)
    programmes = scoped(request.user, Action.VIEW, doc.programmes.select_related("org"))
    return render(
        request, "programmes/document_detail.html",
        {
            "doc": doc, "links_out": links_out,
            "links_in": [(link, LINK_REVERSE[link.kind]) for link in links_in],  # type: ignore[index]
            "programmes": programmes, "history": record_history("document", doc.pk),
            "can_change": can_change(request.user, doc.org), "link_form": LinkForm(),
        },
    )  # fmt: skip


@login_required
def document_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the document's file; a secret one never leaves the system."""
    doc = _document(request, pk)
    try:
        refuse_if_secret(doc, channel=Channel.EXPORT, request=request, object_type="document")
    except SecretRefused as refused:
        return render(request, "programmes/refused.html", {"doc": doc, "message": str(refused)},
                      status=403)  # fmt: skip
    if not doc.file:
        raise Http404("Văn bản chưa có tệp đính kèm.")
    audit_log(
        user=request.user, action=AuditAction.EXPORT, object_type="document", object_id=doc.pk,
        description=f"Tải tệp văn bản {doc.code or doc.subject[:60]}", request=request,
    )  # fmt: skip
    return file_response(doc.file)


@login_required
def document_issue(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, Action.OFFICE, "Đồng chí không có quyền ban hành văn bản.")
    form = DocumentIssueForm(request.POST or None, request.FILES or None,
                             orgs=orgs_for(user, Action.OFFICE))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            doc = services.document_issue(
                org=data["org"], doc_type=data["doc_type"], issued_on=data["issued_on"],
                subject=data["subject"], secrecy=data["secrecy"] or "",
                is_public=data["is_public"], file=data["file"], user=user,
                issuer_name=data["issuer_name"],
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ban hành văn bản số {doc.code}.")
            return redirect("programmes:document_detail", pk=doc.pk)
    return render(request, "programmes/document_form.html",
                  {"form": form, "title": "Ban hành văn bản", "multipart": True})  # fmt: skip


@login_required
def document_receive(request: HttpRequest) -> HttpResponse:
    """Register a received document. "Đọc số, ký hiệu" (a POST with `parse`) fills the
    type, code, number and date from the pasted reference and shows the form again."""
    user = request.user
    require(user, Action.OFFICE, "Đồng chí không có quyền vào sổ văn bản đến.")
    orgs = orgs_for(user, Action.OFFICE)
    if request.method == "POST" and request.POST.get("parse"):
        data = request.POST.copy()
        form = DocumentReceiveForm(data, orgs=orgs)
        try:
            ref = parse_reference(data.get("reference", ""))
        except ValueError as exc:
            form.is_valid()
            form.errors.clear()
            form.add_error("reference", str(exc))
            form.style()
        else:
            data.update({"doc_type": ref.doc_type, "code": ref.code, "number": str(ref.number)})
            if ref.issued_on:
                data["issued_on"] = f"{ref.issued_on:%d/%m/%Y}"
            form = DocumentReceiveForm(data, orgs=orgs)
            form.is_valid()
            form.errors.clear()  # a half-filled form: no errors shown yet
            form.style()
            messages.info(request, f"Đã đọc: {ref.code}. Kiểm tra lại rồi bấm “Vào sổ”.")
        return render(request, "programmes/document_form.html",
                      {"form": form, "title": "Vào sổ văn bản đến", "multipart": True,
                       "receive": True})  # fmt: skip
    form = DocumentReceiveForm(request.POST or None, request.FILES or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            doc = services.document_receive(
                org=data["org"], reference=data["reference"], doc_type=data["doc_type"] or "",
                number=data["number"], code=data["code"], issued_on=data["issued_on"],
                issuer_name=data["issuer_name"], subject=data["subject"],
                secrecy=data["secrecy"] or "", is_public=data["is_public"], file=data["file"],
                user=user,
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã vào sổ văn bản đến {doc.code}.")
            return redirect("programmes:document_detail", pk=doc.pk)
    return render(request, "programmes/document_form.html",
                  {"form": form, "title": "Vào sổ văn bản đến", "multipart": True,
                   "receive": True})  # fmt: skip


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    require_change(request.user, doc.org, "Đồng chí không có quyền sửa văn bản này.")
    received = doc.direction == Direction.RECEIVED
    initial = {
        "subject": doc.subject, "issuer_name": doc.issuer_name, "secrecy": doc.secrecy,
        "is_public": doc.is_public, "code": doc.code, "issued_on": doc.issued_on,
    }  # fmt: skip
    form = DocumentEditForm(request.POST or None, request.FILES or None,
                            initial=versioned_initial(doc, **initial),
                            received=received)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_update(
                expected_version=form.expected_version,
                document=doc, subject=data["subject"], secrecy=data["secrecy"] or "",
                is_public=data["is_public"], issuer_name=data["issuer_name"],
                file=data["file"], user=request.user, code=data.get("code"),
                issued_on=data.get("issued_on"),
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã lưu văn bản.")
            return redirect("programmes:document_detail", pk=doc.pk)
    return render(request, "programmes/document_form.html",
                  {"form": form, "title": f"Sửa văn bản {doc.code}", "doc": doc,
                   "multipart": True})  # fmt: skip


def find_document(user: Any, text: str) -> Document:
    """The document in the user's scope a written reference names (ValidationError else)."""
    try:
        ref = parse_reference(text)
    except ValueError as exc:
        raise ValidationError({"reference": str(exc)}) from None
    # Issued codes are zero-padded ("05-NQ/ĐUK"), people often write "5-NQ/ĐUK": match on
    # the type, the number and the issuer's abbreviation, or on the code either way.
    shared = {DocType.DECISION, DocType.REGULATION}  # both written "QĐ"
    types = [str(t) for t in shared] if ref.doc_type in shared else [ref.doc_type]
    abbr = code_abbr(ref.doc_type)
    padded = f"{ref.number:02d}-{abbr}/{ref.issuer}"
    same = (
        Q(doc_type__in=types, number=ref.number, code__iendswith=f"-{abbr}/{ref.issuer}")
        | Q(code__iexact=ref.code)
        | Q(code__iexact=padded)
    )
    found = scoped(user, Action.VIEW, Document.objects.filter(same))
    if ref.issued_on is not None:
        found = found.filter(issued_on=ref.issued_on)
    docs = list(found.order_by("-issued_on")[:2])
    if not docs:
        raise ValidationError({"reference": f"Không có văn bản {ref.code} trong sổ văn bản."})
    if len(docs) > 1:
        raise ValidationError(
            {"reference": f"Có nhiều văn bản số {ref.code}: ghi thêm ngày ban hành."}
        )
    return docs[0]


@login_required
def document_link(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    require_change(request.user, doc.org, "Đồng chí không có quyền sửa văn bản này.")
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            target = find_document(request.user, form.cleaned_data["reference"])
            services.document_link(source=doc, target=target, kind=form.cleaned_data["kind"],
                                   user=request.user)  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc, aliases={"target": "reference"})
        else:
            messages.success(request, f"Đã liên kết với {target}.")
            return redirect("programmes:document_detail", pk=doc.pk)
    return render(request, "programmes/link_form.html", {"form": form, "doc": doc})


@login_required
@require_POST
def document_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_scoped_or_404(
        request.user, Action.VIEW, DocumentLink.objects.select_related("source__org"), pk=pk
    )
    require_change(request.user, link.source.org, "Đồng chí không có quyền sửa văn bản này.")
    source = link.source_id
    services.document_unlink(link=link, user=request.user)
    messages.success(request, "Đã bỏ liên kết.")
    return redirect("programmes:document_detail", pk=source)


@login_required
def issuer_profile(request: HttpRequest, pk: int) -> HttpResponse:
    """How an organization heads its documents: the derived block and its overrides."""
    org = get_scoped_or_404(request.user, Action.VIEW, Organization.objects.all(), pk=pk)
    from django.utils import timezone

    issuer = selectors.issuer_of(org, timezone.localdate())
    profile = selectors._profile(org)
    initial = {
        name: getattr(profile, name, "")
        for name in ("abbreviation", "place", "superior_line", "body_line", "signature_title")
    }
    form = IssuerProfileForm(request.POST or None, initial=initial)
    changeable = can_change(request.user, org)
    if request.method == "POST":
        require_change(request.user, org)
        if form.is_valid():
            services.issuer_profile_save(org=org, user=request.user, **form.cleaned_data)
            messages.success(request, "Đã lưu thể thức văn bản.")
            return redirect("programmes:issuer_profile", pk=org.pk)
    return render(
        request, "programmes/issuer_profile.html",
        {"org": org, "issuer": issuer, "form": form, "can_change": changeable},
    )  # fmt: skip
