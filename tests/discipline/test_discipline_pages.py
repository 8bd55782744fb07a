"""The discipline pages through the test client: list, search, export, detail with its
audit VIEW row and history, the forms with the errors next to their fields, 403/404."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from discipline_days import DECIDED, TODAY
from django.test import Client
from django.urls import reverse

from dangbo.accounts.models import AuditEntry
from dangbo.discipline import services
from dangbo.discipline.models import BodyKind, CaseKind, DisciplineCase, Form, SubjectKind
from dangbo.members.choices import MemberStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("dangbo.discipline.views.today", lambda: TODAY)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def case(tree, cell_members):
    return services.case_create(
        subject_kind=SubjectKind.MEMBER, member=cell_members["full"][1],
        violation="Không chấp hành sự phân công", violation_on=dt.date(2021, 1, 10),
        found_on=dt.date(2021, 3, 1), body_org=tree["cell_a"], body_kind=BodyKind.CELL,
        form=Form.WARNING, decision_number="07-QĐ/CB", decision_date=DECIDED,
    )  # fmt: skip


def _form_data(**extra):
    data = {
        "violation": "Vi phạm quy chế", "violation_on": "10/01/2021", "found_on": "01/03/2021",
        "body_kind": BodyKind.CELL, "form": Form.REPRIMAND, "decision_number": "08-QĐ/CB",
        "decision_date": "15/06/2021",
    }  # fmt: skip
    data.update(extra)
    return data


def test_home_shows_the_year_by_body_and_form(tree, case, roles):
    page = login(roles["inspection"]).get(reverse("discipline:home"), {"year": 2021})
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-key="discipline.total">1<' in text
    assert "Chi bộ" in text and "Cảnh cáo" in text and "Trần Thị Bình" in text


def test_list_search_without_diacritics_filters_and_export(tree, case, roles):
    client = login(roles["inspection"])
    url = reverse("discipline:case_list")
    text = client.get(url, {"q": "tran thi binh"}).content.decode()
    assert 'id="case-count">1<' in text and "07-QĐ/CB" in text
    assert 'id="case-count">0<' in client.get(url, {"q": "le van"}).content.decode()
    assert 'id="case-count">1<' in client.get(url, {"q": "07-qđ"}).content.decode()
    for params, count in (
        ({"year": 2021, "form": "warning"}, 1), ({"form": "reprimand"}, 0),
        ({"level": "base"}, 1), ({"level": "superior"}, 0), ({"subject_kind": "organization"}, 0),
        ({"status": "in_force"}, 1), ({"kind": "information"}, 0), ({"year": 2020}, 0),
    ):  # fmt: skip
        assert f'id="case-count">{count}<' in client.get(url, params).content.decode(), params
    export = client.get(reverse("discipline:case_export"), {"year": 2021})
    rows = list(
        openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True)
    )
    assert rows[0][:3] == ("STT", "Đối tượng", "Loại đối tượng")
    assert rows[1][1] == "Trần Thị Bình" and rows[1][8] == "Cảnh cáo"
    assert AuditEntry.objects.filter(action="export", object_type="discipline_case").exists()


def test_detail_is_audited_and_shows_history(tree, case, roles):
    client = login(roles["cell_secretary"])
    page = client.get(reverse("discipline:case_detail", args=[case.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Không chấp hành sự phân công" in text and "07-QĐ/CB" in text
    assert "Ghi quyết định kỷ luật cảnh cáo Trần Thị Bình" in text  # the history
    assert AuditEntry.objects.filter(
        action="view", object_type="discipline_case", object_id=str(case.pk),
        user=roles["cell_secretary"],
    ).exists()  # fmt: skip


def test_out_of_sight_is_404_and_read_only_is_403(tree, case, roles):
    detail = reverse("discipline:case_detail", args=[case.pk])
    assert login(roles["cell_b_secretary"]).get(detail).status_code == 404
    board = login(roles["org_board"])
    assert board.get(detail).status_code == 200
    assert board.get(reverse("discipline:case_complaint", args=[case.pk])).status_code == 403
    url = reverse("discipline:member_case_create") + f"?member={case.member_id}"
    assert board.get(url).status_code == 403
    assert login(roles["cell_b_secretary"]).get(url).status_code == 404


def test_member_form_refuses_an_old_reprimand_next_to_the_field(tree, cell_members, roles):
    member = cell_members["full"][2]
    client = login(roles["cell_secretary"])
    url = reverse("discipline:member_case_create")
    assert "Lê Văn Cường" in client.get(url, {"q": "le van cuong"}).content.decode()
    data = _form_data(member=member.pk, body_org=tree["cell_a"].pk, violation_on="01/02/2015",
                      found_on="03/04/2021")  # fmt: skip
    text = client.post(url, data).content.decode()
    assert 'data-field="violation_on">Đã hết thời hiệu xử lý kỷ luật khiển trách (5 năm, ' in text
    assert "vi phạm ngày 01/02/2015, phát hiện ngày 03/04/2021." in text
    assert not DisciplineCase.objects.exists()


def test_member_form_refuses_an_expulsion_by_the_cell_next_to_the_field(tree, cell_members, roles):
    member = cell_members["full"][2]
    client = login(roles["cell_secretary"])
    url = reverse("discipline:member_case_create")
    data = _form_data(member=member.pk, body_org=tree["cell_a"].pk, form=Form.EXPULSION,
                      votes_for="6")  # fmt: skip
    text = client.post(url, data).content.decode()
    assert 'data-field="form">Chi bộ chỉ được quyết định khiển trách, cảnh cáo' in text
    assert "Điều lệ Đảng Điều 36" in text
    member.refresh_from_db()
    assert member.status == MemberStatus.FULL and not DisciplineCase.objects.exists()
    # A reprimand is recorded and the detail opens.
    response = client.post(url, _form_data(member=member.pk, body_org=tree["cell_a"].pk))
    case = DisciplineCase.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "discipline:case_detail", args=[case.pk]
    )
    assert case.created_by == roles["cell_secretary"]


def test_expulsion_through_the_form_ends_membership(tree, cell_members, roles):
    member = cell_members["full"][2]
    client = login(roles["base_secretary"])
    data = _form_data(member=member.pk, body_org=tree["base"].pk, body_kind=BodyKind.EXECUTIVE,
                      form=Form.EXPULSION, votes_for="5", vote_on="01/06/2021")  # fmt: skip
    response = client.post(reverse("discipline:member_case_create"), data, follow=True)
    text = response.content.decode()
    assert "Ghi sự kiện “Khai trừ” ngày 15/06/2021." in text
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT


def test_org_form_and_external_form(tree, cell_members, roles):
    client = login(roles["base_secretary"])
    url = reverse("discipline:org_case_create")
    data = _form_data(organization=tree["cell_b"].pk, body_org=tree["base"].pk,
                      body_kind=BodyKind.STANDING, form=Form.DISSOLUTION)  # fmt: skip
    text = client.post(url, data).content.decode()
    assert 'data-field="form">Giải tán tổ chức đảng chỉ do Ban Chấp hành' in text
    data["body_kind"], data["form"] = BodyKind.EXECUTIVE, Form.WARNING
    assert client.post(url, data).status_code == 302
    assert DisciplineCase.objects.get().subject_kind == SubjectKind.ORGANIZATION
    member = cell_members["full"][4]
    url = reverse("discipline:external_create") + f"?member={member.pk}"
    late = {"external_body": "Sở Tài chính", "external_form": "Khiển trách",
            "violation": "Chậm báo cáo", "decision_number": "3/QĐ-STC",
            "decision_date": "03/05/2021", "notified_on": "20/05/2021"}  # fmt: skip
    page = client.post(url, late, follow=True).content.decode()
    assert "Thông báo chậm" in page
    info = DisciplineCase.objects.get(kind=CaseKind.INFORMATION)
    assert info.notice_late and info.notice_deadline == dt.date(2021, 5, 8)
    bad = dict(late, notified_on="01/05/2021")
    text = client.post(url, bad).content.decode()
    assert 'data-field="notified_on">Ngày được thông báo không được trước ngày quyết định' in text


def test_complaint_form(tree, case, roles):
    client = login(roles["inspection"])
    url = reverse("discipline:case_complaint", args=[case.pk])
    text = client.post(url, {"received_on": "01/06/2021", "outcome": "annulled"}).content.decode()
    assert 'data-field="received_on">' in text
    response = client.post(
        url, {"received_on": "20/06/2021", "outcome": "annulled", "decided_on": "10/08/2021",
              "body": "UBKT Đảng ủy Khối"}, follow=True,
    )  # fmt: skip
    assert "Đã hủy sau khiếu nại" in response.content.decode()


def test_a_members_cases_from_the_profile_link(tree, case, cell_members, roles):
    from dangbo.discipline.views import member_cases_url

    client = login(roles["inspection"])
    url = member_cases_url(case.member)
    assert url == f"/quan-ly/ky-luat/danh-sach/?member={case.member_id}"
    assert 'id="case-count">1<' in client.get(url).content.decode()
    other = member_cases_url(cell_members["full"][3])
    assert 'id="case-count">0<' in client.get(other).content.decode()


def test_the_figures_link_to_their_records(tree, case, roles):
    from dangbo.backoffice.views.orgs_common import records_url

    client = login(roles["inspection"])
    page = client.get(records_url("discipline.total", tree["bloc"], dt.date(2021, 12, 31)))
    assert page.status_code == 200 and "Trần Thị Bình" in page.content.decode()
    outsider = login(roles["cell_b_secretary"])
    page = outsider.get(records_url("discipline.total", tree["cell_b"], dt.date(2021, 12, 31)))
    assert "Trần Thị Bình" not in page.content.decode()
