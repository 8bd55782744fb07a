"""No lost update (docs/SECURITY.md, "No lost update").

Two people open the same edit form; B saves first; A's save is then refused with a
Vietnamese message naming the field and B's value, and B's value stays. The walk below
does this as users do, through the pages: it reads each form from the HTML (hidden
version field included), changes one field and posts it back.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from lost_update_forms import post_form, versioned_forms

import test_scope_every_url as scope_walk  # its world has a record of every kind
from dangbo.core.locking import VERSION_FIELD, EditConflict, check_and_bump
from dangbo.members.models import Member, Person, WorkHistory
from dangbo.orgs.models import CommitteeSeat, Organization, Position
from dangbo.orgs.services import seat_create, term_create

CONFLICT = "trong khi đồng chí đang sửa; thay đổi của đồng chí chưa được lưu"


@dataclass
class Edit:
    """One edit form: where it is, which field both editors change, how to read it back."""

    url: str
    field: str  # the form field both editors change
    value_a: str
    value_b: str
    read: Callable[[], Any]  # the stored value, as posted
    label: str  # the label the refusal names
    version_field: str = VERSION_FIELD
    extra: dict[str, str] = field(default_factory=dict)  # other fields to fill
    resave: bool = True  # False: a one-way change (an end date) cannot be made twice


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _member_edit(ctx: dict[str, Any]) -> Edit:
    member = ctx["make_member"](ctx["tree"]["cell_a"])
    return Edit(
        url=reverse("backoffice:member_edit", args=[member.pk]),
        field="phone",
        value_a="0911111111",
        value_b="0922222222",
        read=lambda: Person.objects.get(pk=member.person_id).phone,
        label="Điện thoại",
        version_field="expected_person_version",
    )


def _member_fields_edit(ctx: dict[str, Any]) -> Edit:
    member = ctx["make_member"](ctx["tree"]["cell_a"])
    return Edit(
        url=reverse("backoffice:member_edit", args=[member.pk]),
        field="introducers",
        value_a="Trần Văn A",
        value_b="Lê Thị B",
        read=lambda: Member.objects.get(pk=member.pk).introducers,
        label="Người giới thiệu",
    )


def _org_rename(ctx: dict[str, Any]) -> Edit:
    org = ctx["tree"]["cell_b"]
    return Edit(
        url=reverse("backoffice:org_rename", args=[org.pk]),
        field="name",
        value_a="Chi bộ A",
        value_b="Chi bộ B",
        read=lambda: Organization.objects.get(pk=org.pk).name,
        label="Tên",
        extra={"date": "01/01/2024"},
    )


def _seat_end(ctx: dict[str, Any]) -> Edit:
    member = ctx["make_member"](ctx["tree"]["cell_a"])
    term = term_create(org=ctx["tree"]["base"], name="2020–2025", starts_on=dt.date(2020, 10, 1))
    seat = seat_create(
        term=term, member=member, position=Position.MEMBER, starts_on=dt.date(2020, 10, 1)
    )
    return Edit(
        url=reverse("backoffice:seat_end", args=[seat.pk]),
        field="ends_on",
        value_a="01/03/2022",
        value_b="01/02/2022",
        read=lambda: f"{CommitteeSeat.objects.get(pk=seat.pk).ends_on:%d/%m/%Y}",
        label="Đến ngày",
        resave=False,
    )


EDITS: dict[str, Callable[[dict[str, Any]], Edit]] = {
    "members.person (member edit)": _member_edit,
    "members.member (member edit)": _member_fields_edit,
    "orgs.organization (rename)": _org_rename,
    "orgs.committeeseat (end)": _seat_end,
}


@pytest.fixture
def ctx(tree, make_member, user_with):
    return {"tree": tree, "make_member": make_member, "user_with": user_with}


@pytest.mark.parametrize("name", list(EDITS))
def test_second_save_of_a_stale_form_is_refused(name, ctx):
    edit = EDITS[name](ctx)
    a, b = _client(ctx["user_with"](None)), _client(ctx["user_with"](None))
    page_a, page_b = a.get(edit.url), b.get(edit.url)
    assert page_a.status_code == page_b.status_code == 200
    form_a = post_form(page_a.content.decode(), edit.version_field)
    form_b = post_form(page_b.content.decode(), edit.version_field)
    extra = edit.extra

    saved = b.post(edit.url, {**form_b, **extra, edit.field: edit.value_b})
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert edit.read() == edit.value_b

    refused = a.post(edit.url, {**form_a, **extra, edit.field: edit.value_a})
    assert refused.status_code == 200
    text = refused.content.decode()
    assert CONFLICT in text
    assert f"{edit.label}: «{edit.value_b}»" in text
    assert edit.read() == edit.value_b  # B's value kept

    if not edit.resave:
        return
    # After reloading, A can save on top of B's version.
    again = post_form(a.get(edit.url).content.decode(), edit.version_field)
    assert a.post(edit.url, {**again, **extra, edit.field: edit.value_a}).status_code == 302
    assert edit.read() == edit.value_a


def test_api_event_on_a_stale_version_answers_409(ctx):
    """The API write (recording an event) with the version read before another write."""
    member = ctx["make_member"](ctx["tree"]["cell_a"])
    client = _client(ctx["user_with"](None))
    version = client.get(f"/api/members/{member.pk}").json()["version"]
    url = f"/api/members/{member.pk}/events"
    first = {"kind": "transferred", "date": "2020-03-01", "org_code": "K-01-2"}
    ok = client.post(url, {**first, "expected_version": version}, "application/json")
    assert ok.status_code == 201, ok.content
    events = Member.objects.get(pk=member.pk).events.count()

    second = {"kind": "transferred", "date": "2021-03-01", "org_code": "K-01-1"}
    stale = client.post(url, {**second, "expected_version": version}, "application/json")
    assert stale.status_code == 409
    body = stale.json()
    assert CONFLICT in body["detail"]
    assert body["version"] == version + 1
    member.refresh_from_db()
    assert member.cell.code == "K-01-2"
    assert member.events.count() == events  # nothing written

    fresh = client.post(url, {**second, "expected_version": version + 1}, "application/json")
    assert fresh.status_code == 201


def test_check_and_bump_names_the_fields_the_other_editor_changed(ctx):
    """The service helper on its own: the refusal names the field, its label and the value
    stored by the other editor, and who saved it."""
    member = ctx["make_member"](ctx["tree"]["cell_a"])
    person = Person.objects.get(pk=member.person_id)
    editor = ctx["user_with"](None)
    editor.first_name, editor.last_name = "Hoa", "Trần Thị"
    editor.save()
    check_and_bump(person, person.version, user=editor)
    Person.objects.filter(pk=person.pk).update(phone="0933333333")
    with pytest.raises(EditConflict) as caught:
        check_and_bump(person, 1, values={"phone": "0944444444", "full_name": person.full_name})
    message = caught.value.messages[0]
    assert "Điện thoại: «0933333333»" in message
    assert "Họ và tên" not in message  # unchanged fields are not listed
    assert "Trần Thị Hoa" in message or "Hoa Trần Thị" in message
    assert Person.objects.get(pk=person.pk).version == 2


# --- The walk: every edit form of the back office --------------------------------------

# The views that edit an existing record; each must carry the record's version. A new
# view named *_edit fails test_every_edit_view_is_walked until it is listed here or below.
EDIT_VIEWS = {
    "member_edit", "org_rename", "org_move", "org_dissolve", "seat_end",
    "plan_edit", "item_edit",
    "session_edit", "point_edit", "class_edit", "contest_edit", "entrant_edit",
    "meeting_edit", "commitment_edit",
    "massorg_edit", "activity_edit",
    "document_edit", "programme_edit", "target_edit", "work_item_edit", "unit_figures_edit",
    "article_edit",
    "commendation_edit", "model_edit",
    "residence_edit",
    "conclusion_form",
}  # fmt: skip
# Edit views not covered by the version check, with the reason (docs/SECURITY.md).
NOT_COVERED = {
    "paragraph_edit": "reports: one paragraph of a draft; Report.version is the report's "
    "own document version, not a lock",
}
# Forms whose walk needs a value the record does not give (the change's effective date),
# or a one-way change that cannot be saved twice.
EXTRA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "org_rename": lambda world: {"date": "01/01/2024"},
    "org_move": lambda world: {"date": "01/01/2024", "new_parent": world.orgs["province"].pk},
}
# One-way changes (moved, ended): B's value is checked in the message, not re-saved.
ONE_WAY = {"org_move", "seat_end"}
# Not walked: dissolving is refused up front once B has dissolved ("Tổ chức đã giải thể"),
# before any version check; the walk's organization also still has members.
NOT_WALKED = {
    "org_dissolve",
    # After B's move the chosen parent is the current one: A's form is refused by its own
    # check before the service. The version check is the same helper as org_rename's.
    "org_move",
    # The walk's member has no commitment of this year: the page is a new one (no version).
    "commitment_edit",
    # Forms the HTML walk cannot refill: the recipients' formset, the document list.
    "commendation_edit",
    "programme_edit",
}
# The free-text field the walk changes, where the first one would not do.
FIELD = {
    "member_edit": "phone", "seat_end": "ends_on", "org_rename": "name",
    "org_move": "decision_number", "item_edit": "content", "point_edit": "place",
    "entrant_edit": "topic", "unit_figures_edit": "workers",
}  # fmt: skip
_DATE_OR_NUMBER = re.compile(r"^[\d/.,: -]*$")


def _view(p: Any) -> str:
    return getattr(p.pattern.callback, "__name__", "")


def _edit_patterns() -> list[Any]:
    return [p for p in scope_walk.walk() if _view(p) in EDIT_VIEWS - NOT_WALKED and p.params]


def _url(p: Any, world: Any) -> str:
    values = {}
    for param in p.params:
        _, by_side = scope_walk.candidates(param, world)
        side = "A" if "A" in by_side else "N"
        fitting = [v for v in by_side[side] if re.fullmatch(param.regex, str(v))]
        values[param.name] = fitting[0]
    return scope_walk.build_url(p, values)


def _changed_field(name: str, form: dict[str, Any], texts: list[str]) -> str:
    if name in FIELD:
        return FIELD[name]
    for field_name in texts:
        value = form.get(field_name)
        if isinstance(value, str) and value.strip() and not _DATE_OR_NUMBER.match(value):
            return field_name
    empty = [n for n in texts if not str(form.get(n) or "").strip()]
    if empty:  # e.g. an empty note
        return empty[0]
    raise AssertionError(f"{name}: no free-text field to change; add it to FIELD")


def _new_value(name: str, old: str, who: str) -> str:
    if name == "phone":
        return {"A": "0911111111", "B": "0922222222"}[who]
    if name == "decision_number":
        return f"{who}-01/QĐ"
    if name == "ends_on":
        return {"A": "01/03/2022", "B": "01/02/2022"}[who]
    if name == "workers":
        return {"A": "95", "B": "96"}[who]
    return f"{old.strip()[:40]} sửa {who}".strip()


def test_every_edit_view_is_walked():
    names = {_view(p) for p in scope_walk.walk() if _view(p).endswith("_edit")}
    assert names - EDIT_VIEWS - set(NOT_COVERED) == set()
    assert {_view(p) for p in _edit_patterns()} == EDIT_VIEWS - NOT_WALKED


@pytest.mark.django_db(databases=["default", "portal"])
def test_every_edit_form_refuses_a_stale_save(demo_media):
    """For every edit view: A and B open the form; B changes a field and saves; A changes
    the same field and saves: refused, with the message naming B's value; B's value is
    what the form shows afterwards. Failures are collected so one run lists them all."""
    world = scope_walk.build_world()
    model = get_user_model()
    a = _client(model.objects.create_superuser(username="editor_a", password=None))
    b = _client(model.objects.create_superuser(username="editor_b", password=None))
    failures: list[str] = []
    walked = 0
    for p in _edit_patterns():
        name = _view(p)
        url = _url(p, world)
        page_a, page_b = a.get(url), b.get(url)
        forms_a = versioned_forms(page_a.content.decode())
        forms_b = versioned_forms(page_b.content.decode())
        if page_a.status_code != 200 or not forms_a:
            failures.append(f"{name} {url}: {page_a.status_code}, no versioned form")
            continue
        (form_a, texts), (form_b, _) = forms_a[0], forms_b[0]
        try:
            field_name = _changed_field(name, form_a, texts)
        except AssertionError as exc:
            failures.append(f"{url}: {exc}")
            continue
        extra = EXTRA[name](world) if name in EXTRA else {}
        value_b = _new_value(field_name, str(form_b.get(field_name, "")), "B")
        value_a = _new_value(field_name, str(form_a.get(field_name, "")), "A")
        saved = b.post(url, {**form_b, **extra, field_name: value_b})
        if saved.status_code != 302:
            failures.append(f"{name} {url}: B's save answered {saved.status_code}: "
                            + _errors(saved.content.decode()))  # fmt: skip
            continue
        refused = a.post(url, {**form_a, **extra, field_name: value_a})
        text = html.unescape(refused.content.decode())
        if refused.status_code != 200 or CONFLICT not in text:
            failures.append(f"{name} {url}: A's stale save was not refused "
                            f"({refused.status_code}) {_errors(text)}")  # fmt: skip
            continue
        if f"«{value_b}»" not in text:
            failures.append(f"{name} {url}: the refusal does not show B's value {value_b!r}")
        if name not in ONE_WAY:
            shown = versioned_forms(b.get(url).content.decode())[0][0].get(field_name)
            if str(shown).strip() != value_b:
                failures.append(f"{name} {url}: B's value not kept ({shown!r})")
        walked += 1
    assert not failures, "\n".join(failures)
    assert walked == len(EDIT_VIEWS - NOT_WALKED)


def _errors(text: str) -> str:
    found = re.findall(r"field-error[^>]*>([^<]+)<|alert-danger[^>]*>([^<]+)<", text)
    return "; ".join(x or y for x, y in found)[:500]


def test_a_stale_history_list_does_not_delete_rows_added_meanwhile(ctx):
    """The member's work history is saved as a whole list: A's stale list would delete the
    row B added. It is refused instead, and B's row stays."""
    member = ctx["make_member"](ctx["tree"]["cell_a"])
    url = reverse("backoffice:member_work_history", args=[member.pk])
    a, b = _client(ctx["user_with"](None)), _client(ctx["user_with"](None))
    form_a = post_form(a.get(url).content.decode(), "expected_person_version")
    form_b = post_form(b.get(url).content.decode(), "expected_person_version")
    prefix = next(k for k in form_b if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    row = {"starts_on": "01/09/2002", "position": "Chuyên viên", "unit": "Sở Tài chính"}
    added = {f"{prefix}-0-{k}": v for k, v in row.items()}
    saved = b.post(url, {**form_b, **added, f"{prefix}-TOTAL_FORMS": "1"})
    assert saved.status_code == 302
    assert WorkHistory.objects.filter(person_id=member.person_id).count() == 1

    refused = a.post(url, form_a)  # A's list, loaded before B's row: empty
    assert refused.status_code == 200
    assert CONFLICT in refused.content.decode()
    assert WorkHistory.objects.filter(person_id=member.person_id).count() == 1
