"""Member list and profile. Forms are in members_forms.py, events in members_events.py."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Field, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers

from dangbo.accounts.audit import audit_list_read, audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.text import format_date
from dangbo.members.choices import EventKind
from dangbo.members.forms import MemberFilterForm
from dangbo.members.history import EXIT_KINDS, sort_events
from dangbo.members.models import Member, Person
from dangbo.members.selectors import member_list_from_params, member_next_event_kinds
from dangbo.members.sensitive import HIDDEN, hidden_fields, may_see_sensitive
from dangbo.members.services import PERSON_FIELDS
from dangbo.orgs.models import CELL_KINDS, Organization
from dangbo.orgs.selectors import upper_org_names

PER_PAGE = 50
# Sortable columns: (order key, column heading); a second click reverses the order.
SORTABLE = {
    "name": "Họ và tên",
    "birth": "Ngày sinh",
    "admitted": "Ngày vào Đảng",
    "cell": "Chi bộ",
}
# Actions shown in red: they end the membership.
EXIT_STYLE = {"struck_off", "resigned", "expelled", "deceased", "not_recognized"}


def url_or_none(name: str, *args: Any) -> str | None:
    """reverse() for pages another part of the back office may not have yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def change_cells(user: Any) -> QuerySet[Organization]:
    """Active cells the user may put members in."""
    cells = Organization.objects.filter(kind__in=CELL_KINDS, dissolved_on__isnull=True)
    return scoped(user, Action.CHANGE, cells).order_by("path")


def can_change(user: Any, member: Member) -> bool:
    return scope_of(user).covers_path(Action.CHANGE, member.org_path)


def member_for_change(user: Any, pk: int) -> Member:
    """The member if the user may change them: 404 if out of sight, 403 if read-only."""
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person", "cell"), pk=pk
    )
    if not can_change(user, member):
        raise PermissionDenied("Đồng chí không có quyền thay đổi hồ sơ này.")
    return member


def _label(model: type[Person] | type[Member], name: str) -> str:
    label = str(cast(Field, model._meta.get_field(name)).verbose_name)
    return label[:1].upper() + label[1:]


def _display(obj: Person | Member, name: str) -> str:
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if value in (None, ""):
        return "–"
    if getattr(field, "choices", None):
        return str(getattr(obj, f"get_{name}_display")())
    if hasattr(value, "strftime"):
        return format_date(value)
    return str(value)


def _rows(obj: Person | Member, names: tuple[str, ...], hidden: frozenset[str]) -> list[dict]:
    return [
        {
            "label": _label(type(obj), name),
            "value": HIDDEN if name in hidden else _display(obj, name),
            "hidden": name in hidden,
        }
        for name in names
    ]


def _filters(request: HttpRequest) -> tuple[QueryDict, MemberFilterForm, str]:
    """The list's parameters, the filter bar, and why a typed organization was not found.

    The organization picker may send the text typed in it (org_q): it is resolved here
    to the organization's id among those the user may see, so the list, its pages and
    its export all read one `org` parameter.
    """
    params = request.GET.copy()
    orgs = scoped(
        request.user, Action.VIEW, Organization.objects.filter(dissolved_on__isnull=True)
    ).order_by("path")
    form = MemberFilterForm(params or None, orgs=orgs)  # bound to `params` itself
    error = ""
    if "org_q" in params:
        raw = str(form["org"].data or "")
        params.pop("org_q")
        params.pop("org_shown", None)
        params["org"] = raw
        if raw and not raw.isdecimal():
            try:
                params["org"] = str(form.fields["org"].clean(raw).pk)
            except ValidationError as exc:
                error = exc.messages[0]
                params["org"] = ""
                params["org_q"] = raw
    return params, form, error


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = scope_of(user)
    params, filter_form, org_error = _filters(request)
    # An organization typed but not found lists nobody rather than everybody.
    members = member_list_from_params(user, {**params.dict(), "org": "0"} if org_error else params)
    paginator = Paginator(members, PER_PAGE)
    page = paginator.get_page(params.get("page"))
    rows = list(page.object_list)
    audit_list_read(
        request,
        object_type="member_list",
        what=f"danh sách đảng viên (trang {page.number})",
        count=len(rows),
        filters=params,
    )
    uppers = upper_org_names(user, [m.cell for m in rows if m.cell is not None])
    for member in rows:
        member.cell_url = url_or_none("backoffice:org_detail", member.cell_id)  # type: ignore[attr-defined]
        member.cell_upper = uppers.get(member.cell_id or 0, "")  # type: ignore[attr-defined]

    params.pop("page", None)
    query = params.urlencode()
    order = params.get("order", "name")
    columns = {}
    for key, heading in SORTABLE.items():
        sort = params.copy()
        sort["order"] = f"-{key}" if order == key and key != "cell" else key
        arrow = "up" if order == key else "down" if order == f"-{key}" else ""
        columns[key] = {"heading": heading, "url": "?" + sort.urlencode(), "arrow": arrow}

    def page_url(number: int) -> str:
        paged = params.copy()
        paged["page"] = str(number)
        return "?" + paged.urlencode()

    export_url = url_or_none("imports:member_export")
    if export_url and not scope.allows(Action.EXPORT):
        export_url = None
    context = {
        "filter_form": filter_form,
        "org_error": org_error,
        "page": page,
        "rows": rows,
        "columns": columns,
        "first_url": page_url(1),
        "prev_url": page_url(page.previous_page_number()) if page.has_previous() else None,
        "next_url": page_url(page.next_page_number()) if page.has_next() else None,
        "last_url": page_url(paginator.num_pages),
        "export_url": f"{export_url}?{query}" if export_url and query else export_url,
        "can_create": scope.allows(Action.CHANGE),
        "start_index": page.start_index(),
        "order": order,
    }
    htmx = getattr(request, "htmx", None)
    # A history restore asks for the whole page even though it comes from htmx.
    partial = bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]
    template = "_table.html" if partial else "list.html"
    response = render(request, f"backoffice/members/{template}", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person", "cell"), pk=pk
    )
    person = member.person
    sensitive = may_see_sensitive(user, member)
    hidden = hidden_fields(user, member)
    events = sort_events(member.events.select_related("org", "from_org"))
    for event in events:
        event.is_exit = event.kind in EXIT_KINDS  # type: ignore[attr-defined]
    changeable = can_change(user, member)
    actions = []
    if changeable:
        for kind in member_next_event_kinds(member, events):
            actions.append(
                {
                    "label": EventKind(kind).label,
                    "url": reverse("backoffice:member_event", args=[member.pk, kind]),
                    "danger": kind in EXIT_STYLE,
                }
            )
    audit_log(
        user=user,
        action=AuditAction.VIEW,
        object_type="member",
        object_id=member.pk,
        description=f"Xem hồ sơ đảng viên {person.full_name}",
        request=request,
    )
    context = {
        "member": member,
        "person": person,
        "sensitive": sensitive,
        "hidden_text": HIDDEN,
        "person_rows": _rows(
            person,
            tuple(n for n in PERSON_FIELDS if n != "full_name"),
            hidden,
        ),
        "background_row": _rows(member, ("background_number",), hidden)[0],
        "cell_url": url_or_none("backoffice:org_detail", member.cell_id)
        if member.cell_id
        else None,
        "events": events,
        "periods": list(member.periods.select_related("org").order_by("valid_from")),
        "cards": list(member.cards.all()),
        "work_history": list(person.work_history.all()),
        "training_history": list(person.training_history.all()),
        "family": list(person.family.all()) if "family" not in hidden else [],
        "can_change": changeable,
        "can_edit_family": changeable
        and scope_of(user).covers_path(Action.VIEW_SENSITIVE, member.org_path),
        "actions": actions,
    }
    return render(request, "backoffice/members/detail.html", context)
