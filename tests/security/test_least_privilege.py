"""Least privilege: the portal's writers and editors hold no right to read records, their
back office is the portal alone, and who read a discipline file is shown to administrators
only (docs/SECURITY.md, "Least privilege")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from dangbo.accounts.models import AuditEntry, Role
from dangbo.core.scope import ROLE_ACTIONS, Action
from dangbo.discipline import services
from dangbo.discipline.models import BodyKind, Form, SubjectKind

pytestmark = pytest.mark.django_db

PORTAL_ROLES = (Role.NEWS_WRITER, Role.NEWS_EDITOR)
# What a portal role may hold: writing and publishing in the portal, nothing else.
PORTAL_ACTIONS = {Action.WRITE_NEWS, Action.PUBLISH_NEWS}


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", PORTAL_ROLES)
def test_portal_roles_hold_only_portal_actions(role):
    assert ROLE_ACTIONS[role] <= PORTAL_ACTIONS, ROLE_ACTIONS[role] - PORTAL_ACTIONS
    assert Action.WRITE_NEWS in ROLE_ACTIONS[role]


@pytest.mark.django_db(databases=["default", "portal"])
@pytest.mark.parametrize("role", PORTAL_ROLES)
def test_portal_roles_menu_is_the_portal_alone(tree, user_with, role):
    client = login(user_with(role, tree["base"]))
    home = client.get(reverse("backoffice:home"))
    assert home.status_code == 302 and home["Location"] == reverse("portal:home")
    page = client.get(reverse("portal:home"))
    assert page.status_code == 200
    menu = page.context["nav_menu"]
    assert [item["name"] for group in menu for item in group["items"]] == ["portal:home"]


def test_a_reader_role_still_sees_the_whole_menu(tree, user_with):
    """The check above is not vacuous: the menu lists more for a role that reads."""
    page = login(user_with(Role.BLOC_OFFICE, tree["bloc"])).get(reverse("backoffice:home"))
    names = [item["name"] for group in page.context["nav_menu"] for item in group["items"]]
    assert "backoffice:member_list" in names and "portal:home" in names


# --- Who read a discipline file -------------------------------------------------------------


@pytest.fixture
def case(tree, make_member):
    member = make_member(tree["cell_a"], name="Trần Thị Bình")
    return services.case_create(
        subject_kind=SubjectKind.MEMBER, member=member,
        violation="Không chấp hành sự phân công", violation_on=dt.date(2021, 1, 10),
        found_on=dt.date(2021, 3, 1), body_org=tree["cell_a"], body_kind=BodyKind.CELL,
        form=Form.WARNING, decision_number="07-QĐ/CB", decision_date=dt.date(2021, 6, 15),
    )  # fmt: skip


def _history_users(client: Client, case) -> list[str]:
    page = client.get(reverse("discipline:case_detail", args=[case.pk]))
    assert page.status_code == 200
    return [
        f"{h.get_action_display()}:{h.user.username if h.user else ''}"
        for h in page.context["history"]
    ]


@pytest.mark.parametrize(
    "role, org", [(Role.INSPECTION, "bloc"), (Role.CELL_SECRETARY, "cell_a"),
                  (Role.BASE_SECRETARY, "base"), (Role.ORG_BOARD, "bloc")],
)  # fmt: skip
def test_discipline_readers_are_hidden_from_non_administrators(tree, user_with, case, role, org):
    reader = user_with(Role.INSPECTION, tree["bloc"])
    reader.first_name, reader.last_name = "Người", "Đọc Hồ Sơ"
    reader.save()
    login(reader).get(reverse("discipline:case_detail", args=[case.pk]))
    assert AuditEntry.objects.filter(user=reader, action="view").exists()
    client = login(user_with(role, tree[org]))
    history = _history_users(client, case)
    assert not any(entry.endswith(reader.username) for entry in history), history
    text = client.get(reverse("discipline:case_detail", args=[case.pk])).content.decode()
    assert "Đọc Hồ Sơ" not in text and "Xem hồ sơ kỷ luật" not in text
    assert "Ghi quyết định kỷ luật" in text  # who changed it is still shown


@pytest.mark.parametrize("admin", ["role", "superuser"])
def test_discipline_readers_are_shown_to_administrators(tree, user_with, case, admin):
    reader = user_with(Role.INSPECTION, tree["bloc"])
    login(reader).get(reverse("discipline:case_detail", args=[case.pk]))
    viewer = user_with(Role.ADMIN, tree["province"]) if admin == "role" else user_with(None)
    history = _history_users(login(viewer), case)
    assert any(entry.endswith(reader.username) for entry in history), history
