"""Security promise: administrators (and only they) manage role assignments in the back
office, within their own subtree; every grant and end is audited, ending keeps the row as
history, and bad input gets a Vietnamese message next to the field and changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dangbo.accounts import services
from dangbo.accounts.models import AuditAction, AuditEntry, Role, RoleAssignment
from dangbo.core.scope import Action, scope_of

LIST = "/quan-ly/tai-khoan/"
PAST = dt.date(2020, 10, 1)


def user_with_role(username: str, role: str, org, **dates) -> object:
    user = get_user_model().objects.create_user(
        username=username, password="x", first_name=username
    )
    RoleAssignment.objects.create(
        user=user, role=role, organization=org, starts_on=dates.get("starts_on", PAST),
        ends_on=dates.get("ends_on"),
    )  # fmt: skip
    return user


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin(tree):
    """An administrator of the bloc (not a superuser)."""
    return user_with_role("quantri_khoi", Role.ADMIN, tree["bloc"])


@pytest.fixture
def target(tree):
    return user_with_role("nguyenvan_a", Role.CELL_SECRETARY, tree["cell_a"])


def day(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


def today() -> dt.date:
    return timezone.localdate()


def grant_url(user) -> str:
    return f"/quan-ly/tai-khoan/nguoi-dung/{user.pk}/cap-quyen/"


def end_url(assignment) -> str:
    return f"/quan-ly/tai-khoan/phan-quyen/{assignment.pk}/ket-thuc/"


def changes() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="role_assignment"))


def test_an_administrator_grants_a_dated_role_through_the_page_and_it_is_audited(
    admin, target, tree
):
    starts = today() + dt.timedelta(days=10)
    response = login(admin).post(grant_url(target), {
        "role": Role.BASE_SECRETARY, "organization": tree["base"].pk, "starts_on": day(starts),
        "ends_on": "", "reason": "Quyết định 15-QĐ/ĐUK",
    })  # fmt: skip
    assert response.status_code == 302
    granted = RoleAssignment.objects.get(user=target, role=Role.BASE_SECRETARY)
    assert (granted.starts_on, granted.ends_on) == (starts, None)
    assert granted.granted_by == admin and granted.grant_reason == "Quyết định 15-QĐ/ĐUK"
    [entry] = changes()
    assert entry.user == admin and entry.object_id == str(granted.pk)
    assert "Cấp vai trò" in entry.description and "15-QĐ/ĐUK" in entry.description
    # Planned, not yet counting: the page shows it as planned, and the scope ignores it.
    page = login(admin).get(f"/quan-ly/tai-khoan/nguoi-dung/{target.pk}/").content.decode()
    planned = page.split('id="planned-roles"')[1].split("</table>")[0]
    assert "Bí thư, Phó Bí thư tổ chức cơ sở đảng" in planned and day(starts) in planned
    fresh = get_user_model().objects.get(pk=target.pk)
    assert not scope_of(fresh).covers_path(Action.VIEW, tree["cell_b"].path)


def test_ending_a_role_keeps_it_as_history_with_who_when_and_why(admin, target, tree):
    assignment = RoleAssignment.objects.get(user=target)
    yesterday = today() - dt.timedelta(days=1)
    response = login(admin).post(
        end_url(assignment), {"ends_on": day(yesterday), "reason": "Chuyển công tác"}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.ends_on == yesterday and assignment.ended_by == admin
    assert assignment.end_reason == "Chuyển công tác" and assignment.ended_at is not None
    assert "Kết thúc vai trò" in changes()[0].description
    fresh = get_user_model().objects.get(pk=target.pk)
    assert not scope_of(fresh).roles  # it grants nothing any more
    for url in (f"/quan-ly/tai-khoan/nguoi-dung/{target.pk}/",
                f"/quan-ly/tai-khoan/to-chuc/{tree['cell_a'].pk}/"):  # fmt: skip
        page = login(admin).get(url).content.decode()
        ended = page.split('id="ended-roles"')[1].split("</table>")[0]
        assert "Bí thư chi bộ" in ended and "Chuyển công tác" in ended and day(yesterday) in ended
    # Ended is ended: a second end is refused, the history is not rewritten.
    again = login(admin).post(end_url(assignment), {"ends_on": day(today()), "reason": "x"})
    assert "Phân quyền này đã kết thúc" in again.content.decode()
    assignment.refresh_from_db()
    assert assignment.ends_on == yesterday and len(changes()) == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"reason": ""}, "reason", "Hãy ghi lý do kết thúc."),
        ({"ends_on": "01/01/2001"}, "ends_on", "Ngày kết thúc sớm nhất là hôm qua"),
        ({"ends_on": "31/02/2026"}, "ends_on", ""),
    ],
)
def test_a_bad_end_is_refused_in_vietnamese_next_to_the_field(admin, target, data, field, message):
    assignment = RoleAssignment.objects.get(user=target)
    post = {"ends_on": day(today()), "reason": "Nghỉ hưu", **data}
    response = login(admin).post(end_url(assignment), post)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field]
    assert message in " ".join(form.errors[field])
    assignment.refresh_from_db()
    assert assignment.ends_on is None and assignment.ended_at is None and not changes()


def test_a_grant_that_overlaps_or_ends_before_it_starts_is_refused(admin, target, tree):
    overlap = login(admin).post(grant_url(target), {
        "role": Role.CELL_SECRETARY, "organization": tree["cell_a"].pk,
        "starts_on": day(today()), "reason": "Lần hai",
    })  # fmt: skip
    assert overlap.status_code == 200
    assert "trùng thời gian" in " ".join(overlap.context["grant_form"].errors["role"])
    backwards = login(admin).post(grant_url(target), {
        "role": Role.BASE_SECRETARY, "organization": tree["base"].pk,
        "starts_on": "10/10/2026", "ends_on": "09/10/2026", "reason": "QĐ 1",
    })  # fmt: skip
    assert backwards.context["grant_form"].errors["ends_on"] == [
        "Ngày kết thúc không được trước ngày bắt đầu (10/10/2026)."
    ]
    no_reason = login(admin).post(grant_url(target), {
        "role": Role.BASE_SECRETARY, "organization": tree["base"].pk, "starts_on": "10/10/2026",
    })  # fmt: skip
    assert "Hãy ghi căn cứ" in " ".join(no_reason.context["grant_form"].errors["reason"])
    assert RoleAssignment.objects.filter(user=target).count() == 1 and not changes()


def test_after_the_end_day_the_same_role_may_be_granted_again(admin, target, tree):
    old = RoleAssignment.objects.get(user=target)
    services.role_end(
        assignment=old, ends_on=today() - dt.timedelta(days=1), reason="Hết nhiệm kỳ",
        acting_user=admin,
    )  # fmt: skip
    again = services.role_grant(
        user=target, role=Role.CELL_SECRETARY, organization=tree["cell_a"], starts_on=today(),
        reason="Bầu lại", acting_user=admin,
    )  # fmt: skip
    assert RoleAssignment.objects.filter(user=target).count() == 2 and again.pk != old.pk


@pytest.mark.parametrize("role", [Role.ORG_BOARD, Role.BASE_SECRETARY, Role.INSPECTION])
def test_who_is_not_an_administrator_may_not_manage_roles(tree, target, role):
    other = user_with_role(f"khong_{role}", role, tree["bloc"])
    client = login(other)
    assert client.get(LIST).status_code == 403
    assert "Tài khoản, phân quyền" not in client.get("/quan-ly/").content.decode()
    assignment = RoleAssignment.objects.get(user=target)
    grant = client.post(grant_url(target), {
        "role": Role.ADMIN, "organization": tree["bloc"].pk, "starts_on": day(today()),
        "reason": "tự cấp",
    })  # fmt: skip
    end = client.post(end_url(assignment), {"ends_on": day(today()), "reason": "x"})
    create = client.post("/quan-ly/tai-khoan/them/", {"username": "moi"})
    assert grant.status_code == end.status_code == create.status_code == 403
    assert RoleAssignment.objects.filter(role=Role.ADMIN, user=other).count() == 0
    assert RoleAssignment.objects.get(pk=assignment.pk).ends_on is None
    assert not get_user_model().objects.filter(username="moi").exists() and not changes()


def test_an_administrators_role_that_ended_manages_nothing(tree, target):
    former = user_with_role(
        "quantri_cu", Role.ADMIN, tree["bloc"], ends_on=today() - dt.timedelta(days=1)
    )
    assert login(former).get(LIST).status_code == 403


def test_a_scoped_administrator_stays_in_his_subtree(tree, target):
    base_admin = user_with_role("quantri_coso", Role.ADMIN, tree["base"])
    outside = user_with_role("dien_luc", Role.CELL_SECRETARY, tree["base_cell"])
    client = login(base_admin)
    listing = client.get(LIST).content.decode()
    assert "nguyenvan_a" in listing and "dien_luc" not in listing
    assert client.get(f"/quan-ly/tai-khoan/nguoi-dung/{outside.pk}/").status_code == 404
    assert client.get(f"/quan-ly/tai-khoan/to-chuc/{tree['base_cell'].pk}/").status_code == 404
    out_role = RoleAssignment.objects.get(user=outside)
    response = client.post(end_url(out_role), {"ends_on": day(today()), "reason": "x"})
    assert response.status_code == 404
    # Granting on an organization above or beside his own: refused next to the field.
    above = client.post(grant_url(target), {
        "role": Role.ADMIN, "organization": tree["bloc"].pk, "starts_on": day(today()),
        "reason": "QĐ",
    })  # fmt: skip
    assert above.status_code == 200 and above.context["grant_form"].errors["organization"]
    with pytest.raises(ValidationError) as refused:
        services.role_grant(
            user=target, role=Role.ADMIN, organization=tree["bloc"], starts_on=today(),
            reason="QĐ", acting_user=base_admin,
        )  # fmt: skip
    assert refused.value.message_dict["organization"] == [services.NOT_ALLOWED]
    with pytest.raises(ValidationError):
        services.role_end(assignment=out_role, ends_on=today(), reason="x", acting_user=base_admin)
    assert RoleAssignment.objects.get(pk=out_role.pk).ends_on is None
    assert not RoleAssignment.objects.filter(role=Role.ADMIN, organization=tree["bloc"]).exists()
    # The export holds the same accounts as the page, and is audited.
    export = client.get(f"{LIST}xuat/")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "nguyenvan_a" in names and "dien_luc" not in names
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="user").exists()


def test_an_administrator_creates_an_account_with_a_checked_password_and_no_superuser(admin, tree):
    client = login(admin)
    data = {
        "username": "tranthi_b", "full_name": "Trần Thị B", "email": "b@example.vn",
        "password": "12", "password2": "12", "role": Role.CELL_SECRETARY,
        "organization": tree["cell_b"].pk, "starts_on": day(today()), "reason": "QĐ 7",
        "is_superuser": "on", "is_staff": "on",
    }  # fmt: skip
    weak = client.post("/quan-ly/tai-khoan/them/", data)
    assert weak.status_code == 200 and weak.context["form"].errors["password"]
    # Django's validators, in Vietnamese (accounts.passwords supplies the length message).
    assert "ít nhất 12 ký tự" in " ".join(weak.context["form"].errors["password"])
    assert not get_user_model().objects.filter(username="tranthi_b").exists()
    data |= {"password": "Sen-hong-1930!", "password2": "Sen-hong-1930!"}
    created = client.post("/quan-ly/tai-khoan/them/", data)
    user = get_user_model().objects.get(username="tranthi_b")
    assert created.status_code == 302 and created["Location"].endswith(f"/{user.pk}/")
    assert not user.is_superuser and not user.is_staff and user.check_password("Sen-hong-1930!")
    assert user.first_name == "Trần Thị B" and user.email == "b@example.vn"
    role = RoleAssignment.objects.get(user=user)
    assert (role.role, role.organization, role.granted_by) == (
        Role.CELL_SECRETARY, tree["cell_b"], admin,
    )  # fmt: skip
    assert AuditEntry.objects.filter(object_type="user", object_id=str(user.pk)).exists()
    assert len(changes()) == 1


def test_the_menu_shows_the_account_pages_to_administrators(admin):
    assert 'href="/quan-ly/tai-khoan/"' in login(admin).get("/quan-ly/").content.decode()


def test_the_account_list_costs_the_same_queries_for_many_accounts(admin, tree):
    client = login(admin)
    client.get(LIST)  # warm up (session, content types)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    few = count()
    for n in range(6):
        user_with_role(f"them_{n}", Role.MEMBER, tree["cell_a"])
    assert count() == few


def test_an_organizations_page_links_to_its_roles_for_administrators_only(admin, tree):
    url = f"/quan-ly/to-chuc/{tree['cell_a'].pk}/"
    assert (
        f"/quan-ly/tai-khoan/to-chuc/{tree['cell_a'].pk}/" in login(admin).get(url).content.decode()
    )
    board = user_with_role("bantochuc_khoi", Role.ORG_BOARD, tree["bloc"])
    assert "/quan-ly/tai-khoan/to-chuc/" not in login(board).get(url).content.decode()
    assert login(board).get(f"/quan-ly/tai-khoan/to-chuc/{tree['cell_a'].pk}/").status_code == 403
