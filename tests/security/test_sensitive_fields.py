"""One list of sensitive fields (dangbo.members.sensitive), the same answer on every channel.

A member of cell A carries a value in every sensitive field. Each channel that shows a
member (the profile page, the edit form, the API detail and list, the .xlsx export, the
record lists behind a figure on the web and the API) is opened by roles that hold
Action.VIEW_SENSITIVE on the member's organization (and by the member themself) and by
roles that do not. The first see every value where the channel carries the field; the
others see none of them, anywhere.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from dangbo.accounts.models import Role
from dangbo.core.scope import ROLE_ACTIONS, Action
from dangbo.imports.columns import BY_FIELD, HEADERS
from dangbo.members.models import Member
from dangbo.members.sensitive import MEMBER_SENSITIVE, PERSON_SENSITIVE, may_see_sensitive

pytestmark = pytest.mark.django_db

VALUES = {
    "citizen_id": "001190000111",
    "phone": "0912000111",
    "email": "kin.dao@vidu.vn",
    "residence": "Số 7 ngõ Kín Đáo",
    "temporary_residence": "Phòng 9 nhà Tạm Trú",
    "family_background": "Thành phần Riêng Tư",
    "economic_situation": "Hoàn cảnh Riêng Tư",
}
BACKGROUND = "3200000111"
ALL_VALUES = [*VALUES.values(), BACKGROUND]

# (role, where it is held): those with VIEW_SENSITIVE on cell A and those without.
WITH = [(Role.ADMIN, "province"), (Role.ORG_BOARD, "bloc"), (Role.INSPECTION, "bloc"),
        (Role.BASE_SECRETARY, "base"), ("own", "cell_a"), ("superuser", None)]  # fmt: skip
WITHOUT = [(Role.BLOC_OFFICE, "bloc"), (Role.PROPAGANDA, "bloc"),
           (Role.MASS_MOBILIZATION, "bloc"), (Role.CELL_SECRETARY, "cell_a")]  # fmt: skip


def test_the_role_lists_above_are_what_scope_says():
    """The role lists of this module follow ROLE_ACTIONS (a role added there is checked)."""
    for role, _ in WITH:
        if role in ROLE_ACTIONS:
            assert Action.VIEW_SENSITIVE in ROLE_ACTIONS[role], role
    for role, _ in WITHOUT:
        assert Action.VIEW_SENSITIVE not in ROLE_ACTIONS[role], role
    readers = {r for r, actions in ROLE_ACTIONS.items() if Action.VIEW in actions}
    listed = {r for r, _ in WITH + WITHOUT} | {Role.MEMBER}
    assert readers <= listed, readers - listed


def test_the_list_holds_identity_contact_address_and_background():
    assert set(VALUES) <= PERSON_SENSITIVE
    assert MEMBER_SENSITIVE == {"background_number"}


@pytest.fixture
def target(tree, make_member):
    member = make_member(tree["cell_a"], name="Đào Văn Kín", **VALUES)
    Member.objects.filter(pk=member.pk).update(background_number=BACKGROUND)
    member.refresh_from_db()
    return member


def _user(role, org, tree, user_with, target):
    if role == "own":
        user = user_with(Role.MEMBER, tree["cell_a"])
        target.person.user = user
        target.person.save(update_fields=["user"])
        return user
    return user_with(None) if role == "superuser" else user_with(role, tree[org])


def _xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    cells = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
             for v in row if v is not None]  # fmt: skip
    book.close()
    return "\n".join(cells)


def channels(client: Client, tree, member) -> dict[str, tuple[int, str]]:
    """channel -> (status, everything it shows)."""
    answers = {
        "page": client.get(reverse("backoffice:member_detail", args=[member.pk])),
        "edit form": client.get(reverse("backoffice:member_edit", args=[member.pk])),
        "api detail": client.get(f"/api/members/{member.pk}"),
        "api list": client.get("/api/members", {"page_size": 100}),
        "export": client.get(reverse("imports:member_export"), {"org": tree["cell_a"].pk}),
        "records page": client.get(
            reverse("backoffice:indicator_records", args=["members.total"]),
            {"org": tree["cell_a"].pk},
        ),
        "records api": client.get(
            "/api/indicators/members.total", {"scope": tree["cell_a"].code, "records": True}
        ),
    }
    out = {}
    for name, response in answers.items():
        raw = response.content
        if raw[:4] == b"PK\x03\x04":
            text = _xlsx_text(raw)
        elif "json" in response.get("Content-Type", ""):
            text = json.dumps(json.loads(raw), ensure_ascii=False)
        else:
            text = raw.decode()
        out[name] = (response.status_code, text)
    return out


@pytest.mark.parametrize("role, org", WITHOUT)
def test_roles_without_view_sensitive_see_no_sensitive_value(tree, user_with, target, role, org):
    client = Client()
    client.force_login(_user(role, org, tree, user_with, target))
    seen = channels(client, tree, target)
    for name in ("page", "api detail", "api list", "records page"):
        status, text = seen[name]
        assert status == 200, name
        assert "Đào Văn Kín" in text, name  # the member is there, only the fields are not
    for name, (status, text) in seen.items():
        if status == 200:
            shown = [value for value in ALL_VALUES if value in text]
            assert not shown, f"{role}: {name} shows {shown}"
    assert seen["export"][0] == 200  # every role that reads exports (_READ)
    assert json.loads(seen["api detail"][1])["citizen_id"] is None


@pytest.mark.parametrize("role, org", WITH)
def test_roles_with_view_sensitive_see_every_value_on_every_channel(
    tree, user_with, target, role, org
):
    client = Client()
    client.force_login(_user(role, org, tree, user_with, target))
    seen = channels(client, tree, target)
    status, page = seen["page"]
    assert status == 200
    for value in ALL_VALUES:
        assert value in page, value
    detail = json.loads(seen["api detail"][1])
    assert detail["sensitive_shown"] is True
    for name in ("citizen_id", "phone", "email", "residence", "temporary_residence"):
        assert detail[name] == VALUES[name], name
    assert detail["background_number"] == BACKGROUND
    status, exported = seen["export"]
    if status == 200:  # a member alone does not export
        for field, value in {**VALUES, "background_number": BACKGROUND}.items():
            if field in BY_FIELD:  # the columns of the spreadsheet format
                assert value in exported, field


def test_export_columns_are_blank_not_missing_for_hidden_fields(tree, user_with, target):
    """The export keeps its format (a re-import file): hidden fields are empty cells."""
    client = Client()
    client.force_login(user_with(Role.CELL_SECRETARY, tree["cell_a"]))
    response = client.get(reverse("imports:member_export"), {"org": tree["cell_a"].pk})
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    header, *rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert list(header) == list(HEADERS)
    row = dict(zip(header, rows[0], strict=False))
    assert row["Họ và tên"] == "Đào Văn Kín"
    hidden = [BY_FIELD[f].header for f in PERSON_SENSITIVE | MEMBER_SENSITIVE if f in BY_FIELD]
    assert len(hidden) >= 5
    assert all(row.get(header) is None for header in hidden), row


def test_one_rule_decides_for_every_channel(tree, user_with, target):
    """may_see_sensitive is the rule: keyed on the member's organization, or their own."""
    assert may_see_sensitive(user_with(Role.ORG_BOARD, tree["bloc"]), target)
    assert not may_see_sensitive(user_with(Role.ORG_BOARD, tree["base_cell"]), target)
    assert not may_see_sensitive(user_with(Role.CELL_SECRETARY, tree["cell_a"]), target)
    assert may_see_sensitive(user_with(Role.INSPECTION, tree["bloc"]), tree["cell_a"].path)
    assert not may_see_sensitive(None, target)


def test_the_cli_export_of_the_operator_carries_every_field(tree, target, tmp_path):
    """The command line is run by the server's operator: it exports every field."""
    from dangbo.imports.exporting import OPERATOR, members_of_org, write_members

    path = tmp_path / "out.xlsx"
    write_members(members_of_org(tree["cell_a"]), path, user=OPERATOR)
    assert VALUES["citizen_id"] in _xlsx_text(path.read_bytes())
