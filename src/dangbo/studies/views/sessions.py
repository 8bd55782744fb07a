"""Study sessions: list, export, detail with bridge points and rates, forms, attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.backoffice.views.orgs_common import today
from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.members.forms import attach_errors
from dangbo.members.models import Member
from dangbo.studies import selectors, services
from dangbo.studies.forms import AttendanceForm, BridgePointForm, FilterForm, SessionForm
from dangbo.studies.models import BridgePoint, SessionKind, StudySession
from dangbo.studies.views.common import active_orgs, filter_values, need_educate, need_view


def _rows(request: HttpRequest, action: Action) -> tuple[FilterForm, Any]:
    user = request.user
    form = FilterForm(
        request.GET or None, orgs=active_orgs(user, Action.VIEW), kinds=SessionKind.choices
    )
    data = filter_values(form)
    sessions = selectors.session_list(
        user, query=data.get("q") or "", org=data.get("org"), year=data.get("year"),
        kind=data.get("kind") or "", action=action,
    )  # fmt: skip
    return form, sessions


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    need_view(request.user)
    form, sessions = _rows(request, Action.VIEW)
    context = list_context(
        request, form, sessions, can_educate=scope_of(request.user).allows(Action.EDUCATE)
    )
    context["rows"] = [
        {"session": s, "totals": selectors.totals(selectors.visible_points(request.user, s))}
        for s in context["page"].object_list
    ]
    return render(request, "studies/session_list.html", context)


@login_required
def session_export(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_export(user)
    _form, sessions = _rows(request, Action.EXPORT)

    def cells(s: StudySession) -> list[Any]:
        t = selectors.totals(scoped(user, Action.EXPORT, BridgePoint.objects.filter(session=s)))
        return [s.held_on, s.title, s.get_kind_display(), s.subject, s.document_number,
                s.org.name, t.points, t.expected, t.present, t.rate, t.non_members,
                t.attendees]  # fmt: skip

    return export_response(
        request,
        rows=sessions,
        object_type="study_session",
        description=lambda n: f"Xuất danh sách học tập, quán triệt: {n} buổi",
        filename="hoc-tap-quan-triet.xlsx",
        title="Học tập, quán triệt",
        headings=["Ngày", "Tên hội nghị, buổi học tập", "Hình thức", "Văn bản, chuyên đề",
                  "Số văn bản", "Tổ chức đảng tổ chức", "Số điểm cầu", "Đảng viên phải dự",
                  "Đảng viên có mặt", "Tỉ lệ (%)", "Quần chúng dự", "Tổng số người dự"],
        row=cells,
    )  # fmt: skip


def _session_for_change(user: Any, pk: int) -> StudySession:
    session = selectors.get_session_or_404(user, pk)
    need_educate(user, session.org)
    return session


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    session = selectors.get_session_or_404(user, pk)
    points = selectors.visible_points(user, session)
    scope = scope_of(user)
    rows = [
        {"row": row, "can_record": scope.covers_path(Action.EDUCATE, row.point.org.path)}
        for row in selectors.point_rows(points)
    ]
    return render(
        request, "studies/session_detail.html",
        {
            "session": session, "rows": rows, "totals": selectors.totals(points),
            "by_org": selectors.participation_by_org(points),
            "history": selectors.history(services.SESSION, session.pk)[:100],
            "can_change": scope.covers_path(Action.EDUCATE, session.org.path),
            "can_export": scope.allows(Action.EXPORT),
        },
    )  # fmt: skip


def _session_values(form: SessionForm) -> dict[str, Any]:
    d = form.cleaned_data
    return {
        "org": d["org"], "kind": d["kind"], "title": d["title"], "subject": d["subject"],
        "document_number": d["document_number"], "theme_year": d["theme_year"],
        "held_on": d["held_on"], "notes": d["notes"],
    }  # fmt: skip


def _session_form(request: HttpRequest, session: StudySession | None) -> HttpResponse:
    user = request.user
    initial: dict[str, Any] = {}
    if session is not None:
        initial = {f: getattr(session, f) for f in (
            "org", "kind", "title", "subject", "document_number", "theme_year", "held_on", "notes"
        )}  # fmt: skip
    data = request.POST if request.method == "POST" else None
    form = SessionForm(
        data, initial=versioned_initial(session, **initial), orgs=active_orgs(user, Action.EDUCATE)
    )
    if data is not None and form.is_valid():
        try:
            saved = services.session_save(
                expected_version=form.expected_version,
                session=session,
                acting_user=user,
                **_session_values(form),
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi buổi học tập: {saved.title}.")
            return redirect("studies:session_detail", pk=saved.pk)
    title = "Sửa buổi học tập, quán triệt" if session else "Thêm buổi học tập, quán triệt"
    return render(
        request, "studies/form.html",
        {"form": form, "title": title, "back": session, "section": "sessions"},
    )  # fmt: skip


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    need_educate(request.user)
    return _session_form(request, None)


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_form(request, _session_for_change(request.user, pk))


def _point_form(
    request: HttpRequest, session: StudySession, point: BridgePoint | None
) -> HttpResponse:
    user = request.user
    orgs = active_orgs(user, Action.EDUCATE).filter(path__startswith=session.org.path)
    initial: dict[str, Any] = {}
    if point is not None:
        initial = {
            "org": point.org, "place": point.place, "non_members_present":
            point.non_members_present, "note": point.note,
            "members_expected": point.members_expected if point.expected_entered else None,
        }  # fmt: skip
    data = request.POST if request.method == "POST" else None
    form = BridgePointForm(data, initial=versioned_initial(point, **initial), orgs=orgs)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            saved = services.bridge_point_save(
                expected_version=form.expected_version,
                session=session, point=point, org=d["org"], place=d["place"],
                members_expected=d["members_expected"],
                non_members_present=d["non_members_present"] or 0, note=d["note"],
                acting_user=user,
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi điểm cầu {saved.org.name}.")
            return redirect("studies:session_detail", pk=session.pk)
    return render(
        request, "studies/form.html",
        {"form": form, "title": "Điểm cầu" if point else "Thêm điểm cầu", "back": session,
         "section": "sessions"},
    )  # fmt: skip


@login_required
def point_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _point_form(request, _session_for_change(request.user, pk), None)


def _point(user: Any, pk: int, *, change: bool) -> BridgePoint:
    point = get_scoped_or_404(
        user, Action.VIEW, BridgePoint.objects.select_related("session__org", "org"), pk=pk
    )
    if change:
        need_educate(user, point.org)
    return point


@login_required
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request.user, pk, change=True)
    return _point_form(request, point.session, point)


@login_required
def point_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The grid of the point organization's members on the day: tick who was present."""
    user = request.user
    point = _point(user, pk, change=request.method == "POST")
    members = list(
        services.point_members(point).select_related("person", "cell")
        .order_by("cell__path", "person__search_name", "pk")
    )  # fmt: skip
    present = set(point.attendances.values_list("member_id", flat=True))
    data = request.POST if request.method == "POST" else None
    form = AttendanceForm(
        data, members=members,
        initial={"members": sorted(present), "non_members_present": point.non_members_present},
    )  # fmt: skip
    if data is not None and form.is_valid():
        try:
            services.attendance_set(
                point=point, member_ids=form.cleaned_data["members"],
                non_members_present=form.cleaned_data["non_members_present"], acting_user=user,
                today=today(),
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi người dự tại điểm cầu {point.org.name}.")
            return redirect("studies:session_detail", pk=point.session_id)
    chosen = set(form.cleaned_data["members"]) if form.is_bound and form.is_valid() else present
    if form.is_bound and not form.is_valid():
        chosen = {int(v) for v in data.getlist("members") if v.isdecimal()} if data else present
    row = selectors.point_rows(BridgePoint.objects.filter(pk=point.pk))[0]
    return render(
        request, "studies/attendance.html",
        {
            "point": point, "session": point.session, "form": form, "members": members,
            "chosen": chosen, "row": row,
            "can_record": scope_of(user).covers_path(Action.EDUCATE, point.org.path),
        },
    )  # fmt: skip


@login_required
def attendance_remove(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    """One member's attendance removed (POST)."""
    point = _point(request.user, pk, change=True)
    if request.method != "POST":
        return redirect("studies:point_attendance", pk=point.pk)
    target = point.attendances.filter(member_id=member).select_related("member__person").first()
    if target is None:
        raise Http404
    services.attendance_remove(point=point, member=target.member, acting_user=request.user)
    messages.success(request, f"Đã bỏ ghi có mặt đồng chí {target.member}.")
    return redirect("studies:point_attendance", pk=point.pk)


@login_required
def attendance_export(request: HttpRequest, pk: int) -> HttpResponse:
    """A session's attendance: every member present at the points the user may export."""
    user = request.user
    require_export(user)
    session = selectors.get_session_or_404(user, pk)
    points = scoped(user, Action.EXPORT, BridgePoint.objects.filter(session=session))
    if not points.exists() and not scope_of(user).covers_path(Action.EXPORT, session.org.path):
        raise PermissionDenied("Đồng chí không có quyền xuất dữ liệu.")
    rows = list(
        scoped(user, Action.EXPORT, Member.objects.all())
        .filter(pk__in=points.values("attendances__member_id"))
        .select_related("person", "cell")
    )
    where = dict(
        points.values_list("attendances__member_id", "org__name").filter(attendances__isnull=False)
    )
    rows.sort(key=lambda m: (where.get(m.pk, ""), m.person.search_name))
    return export_response(
        request,
        rows=rows,
        object_type="study_session",
        description=lambda n: f"Xuất danh sách đảng viên dự {session.title}: {n} đảng viên",
        filename=f"nguoi-du-hoc-tap-{session.pk}.xlsx",
        title="Người dự",
        headings=["Điểm cầu", "Họ và tên", "Ngày sinh", "Chi bộ"],
        row=lambda m: [where.get(m.pk, ""), m.person.full_name, m.person.birth_date,
                       m.cell.name if m.cell else ""],
    )  # fmt: skip
