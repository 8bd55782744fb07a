"""The form page, the records behind a cell (scoped, audited), the .xlsx, and the
collection of forms from below."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangbo.accounts.models import AuditEntry, Role
from dangbo.members.choices import EventKind
from dangbo.members.services import member_record_event
from dangbo.statforms.services import statform_call_create, statform_submit

Q = {"at": "31/12/2021", "from": "01/01/2021", "to": "31/12/2021"}


@pytest.fixture
def members(tree, make_member):
    return {
        "a": make_member(tree["cell_a"], name="Nguyễn Thị An"),
        "b": make_member(tree["cell_b"], name="Trần Văn Bảo"),
        "c": make_member(tree["base_cell"], name="Lê Văn Công"),
    }


def test_form_page_shows_the_version_the_table_and_the_checks(client, users, tree, members):
    client.force_login(users[Role.ORG_BOARD])
    url = reverse("statforms:form", args=["1"])
    response = client.get(url, {"org": tree["bloc"].pk, **Q})
    assert response.status_code == 200
    text = response.content.decode()
    assert "áp dụng từ 13/12/2021" in text
    assert "Kiểm tra số liệu trước khi nộp" in text
    assert reverse("statforms:cell", args=["1"]) in text
    assert response.context["evaluation"].value("D", "2") == 3


def test_home_lists_the_forms(client, users, members):
    client.force_login(users[Role.BASE_SECRETARY])
    response = client.get(reverse("statforms:home"))
    assert response.status_code == 200
    assert "Biểu số 6B-BTCTW" in response.content.decode()


def test_cell_records_are_scoped_and_audited(client, users, tree, members):
    url = reverse("statforms:cell", args=["3"])
    client.force_login(users[Role.BASE_SECRETARY])
    # The bloc is outside the base secretary's scope.
    assert client.get(url, {"org": tree["bloc"].pk, "row": "I", "col": "2", **Q}).status_code == 404
    response = client.get(url, {"org": tree["base"].pk, "row": "I", "col": "2", **Q})
    assert response.status_code == 200
    names = {m.person.full_name for m in response.context["page"]}
    assert names == {"Nguyễn Thị An", "Trần Văn Bảo"}
    assert AuditEntry.objects.filter(object_type="member_list", object_id=tree["base"].pk).exists()
    client.force_login(users[Role.ORG_BOARD])
    response = client.get(url, {"org": tree["bloc"].pk, "row": "I", "col": "2", **Q})
    assert {m.person.full_name for m in response.context["page"]} == {
        "Nguyễn Thị An", "Trần Văn Bảo", "Lê Văn Công",
    }  # fmt: skip


def test_organization_cells_list_organizations(client, users, tree, members):
    client.force_login(users[Role.ORG_BOARD])
    url = reverse("statforms:cell", args=["5"])
    response = client.get(url, {"org": tree["bloc"].pk, "row": "5", "col": "5", **Q})
    assert response.status_code == 200
    assert {o.code for o in response.context["page"]} == {"K-01-1", "K-01-2"}


def test_export_is_the_laid_out_form(client, users, tree, members):
    client.force_login(users[Role.ORG_BOARD])
    response = client.get(reverse("statforms:export", args=["1"]), {"org": tree["bloc"].pk, **Q})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [v for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert "Biểu số 1-BTCTW" in values
    assert "TRƯỞNG BAN" in values
    assert sheet.merged_cells.ranges
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert AuditEntry.objects.filter(object_type="statform", action="export").count() == 1
    client.force_login(users[Role.MEMBER])
    response = client.get(reverse("statforms:export", args=["1"]), {"org": tree["bloc"].pk, **Q})
    assert response.status_code in (403, 404)


def test_collection_sums_the_forms_from_below(client, users, tree, members):
    member_record_event(member=members["c"], kind=EventKind.DECEASED, date=dt.date(2021, 8, 1))
    call = statform_call_create(
        issuer=tree["bloc"], number="1", period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31), deadline=dt.date(2022, 1, 20),
    )  # fmt: skip
    assert {r.org_id for r in call.recipients.all()} == {tree["base"].pk, tree["base_cell"].pk}
    submission = statform_submit(call=call, org=tree["base"])
    assert submission.payload["cells"]["D|2"] == 2
    assert submission.payload["valid_from"] == "2021-12-13"
    client.force_login(users[Role.ORG_BOARD])
    response = client.get(reverse("statforms:call", args=[call.pk]))
    assert response.status_code == 200
    assert [s.org.pk for s in response.context["missing"]] == [tree["base_cell"].pk]
    cells = {(c.row_code, c.column_code): c for _, line in response.context["rows"] for c in line}
    assert (cells[("D", "2")].own, cells[("D", "2")].summed) == (2, 2)
    # The base cell has not submitted its death: the bloc's own figure differs from the sum.
    assert (cells[("C.1", "2")].own, cells[("C.1", "2")].summed) == (1, 0)
    statform_submit(call=call, org=tree["base_cell"])
    response = client.get(reverse("statforms:call", args=[call.pk]))
    assert response.context["differences"] == 0
    assert response.context["missing"] == []


def test_submit_from_the_page_needs_change_on_the_organization(client, users, tree, members):
    call = statform_call_create(
        issuer=tree["bloc"], number="3", period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31), deadline=dt.date(2022, 1, 20),
    )  # fmt: skip
    url = reverse("statforms:submit", args=[call.pk])
    client.force_login(users[Role.CELL_SECRETARY])
    assert client.post(url, {"org": tree["base"].pk}).status_code == 404
    client.force_login(users[Role.BASE_SECRETARY])
    response = client.post(url, {"org": tree["base"].pk})
    assert response.status_code == 302
    sub = call.submissions.get()
    assert sub.payload["cells"]["I|2"] == 2
    shown = client.get(reverse("statforms:submission", args=[sub.pk]))
    assert shown.status_code == 200
    client.force_login(users[Role.CELL_SECRETARY])
    assert client.get(reverse("statforms:submission", args=[sub.pk])).status_code == 404
