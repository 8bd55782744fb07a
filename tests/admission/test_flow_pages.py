"""A candidate's whole path through the back office, as a cell secretary and the office
would record it: every step a form, every refusal a message next to its field."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest

from dangbo.admission.models import AdmissionCase, CaseStatus, PoliticalStandardConclusion, Stage
from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.members.choices import EventKind, MemberStatus


@pytest.fixture
def cell_members(tree, make_member):
    return [
        make_member(tree["cell_a"], name=name, admitted=dt.date(2012, 3, 1))
        for name in ("Lê Văn Một", "Trần Thị Hai", "Phạm Văn Ba")
    ]


def field_error(body: str, field: str) -> str:
    match = re.search(rf'data-field="{field}">([^<]+)<', body)
    return match.group(1) if match else ""


def post_step(client, case, stage, **data):
    return client.post(f"/quan-ly/ket-nap/doi-tuong/{case.pk}/buoc/{stage}/", data)


def open_case(client, tree, birth="2000-02-10"):
    response = client.post(
        "/quan-ly/ket-nap/doi-tuong/them/",
        {
            "full_name": "Nguyễn Thị Quần Chúng",
            "gender": "female",
            "birth_date": birth,
            "cell": tree["cell_a"].pk,
            "identified_on": "2020-09-01",
            "source": "two_members",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return AdmissionCase.objects.get(person__full_name="Nguyễn Thị Quần Chúng")


def prepare(client, case, cell_members, tree):
    for member in cell_members[:2]:
        response = client.post(
            f"/quan-ly/ket-nap/doi-tuong/{case.pk}/nguoi-gioi-thieu/",
            {
                "kind": "member",
                "member": member.pk,
                "introduced_on": "2021-02-05",
                "worked_with_since": "2018-01-01",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert (
        post_step(
            client, case, Stage.TRAINED, date="2020-10-20", certificate_number="12/CN"
        ).status_code
        == 302
    )
    assert post_step(client, case, Stage.APPLIED, date="2021-01-10").status_code == 302
    assert post_step(client, case, Stage.INTRODUCED, date="2021-02-05").status_code == 302
    assert (
        post_step(
            client, case, Stage.VERIFIED, date="2021-03-01", body="Chi bộ khu phố 3"
        ).status_code
        == 302
    )
    response = client.post(
        "/quan-ly/ket-nap/ket-luan/them/",
        {
            "person": case.person.pk,
            "org": tree["base"].pk,
            "purpose": "admission",
            "concluded_on": "2021-03-20",
            "concluding_body": "Ban Thường vụ Đảng ủy Khối",
            "result": "meets",
            "document_number": "45-KL/ĐUK",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    conclusion = PoliticalStandardConclusion.objects.get(person=case.person)
    assert (
        post_step(
            client, case, Stage.CONCLUDED, date="2021-03-20", conclusion=conclusion.pk
        ).status_code
        == 302
    )


def test_from_candidate_to_full_member(client, users, tree, cell_members):
    client.force_login(users["org_board"])
    case = open_case(client, tree)
    prepare(client, case, cell_members, tree)
    # Two of three full members in favour: 2/3 exactly is enough; the total is computed.
    response = post_step(client, case, Stage.CELL_RESOLUTION, date="2021-04-01", votes_for="1")
    assert "cần ít nhất 2/3 (2 đồng chí)" in field_error(response.content.decode(), "votes_for")
    assert (
        post_step(
            client,
            case,
            Stage.CELL_RESOLUTION,
            date="2021-04-01",
            votes_for="2",
            document_number="01-NQ/CB",
        ).status_code
        == 302
    )
    response = post_step(
        client, case, Stage.DECISION, date="2021-04-20", deciding_org=tree["bloc"].pk
    )
    assert "8-KNĐ" in response.content.decode()  # the base committee's resolution first
    assert post_step(client, case, Stage.HIGHER_RESOLUTION, date="2021-04-10").status_code == 302
    # The base committee is not empowered to admit: the bloc's standing committee decides.
    response = post_step(
        client, case, Stage.DECISION, date="2021-04-20", deciding_org=tree["base"].pk
    )
    assert "không có thẩm quyền" in field_error(response.content.decode(), "deciding_org")
    context = Context(scope=tree["bloc"], at=dt.date(2021, 12, 31))
    assert registry.value("admission.admitted", context) == 0
    assert (
        post_step(
            client,
            case,
            Stage.DECISION,
            date="2021-04-20",
            deciding_org=tree["bloc"].pk,
            document_number="215-QĐ/ĐUK",
        ).status_code
        == 302
    )
    assert (
        registry.value("admission.admitted", Context(scope=tree["bloc"], at=dt.date(2021, 12, 31)))
        == 1
    )
    assert post_step(client, case, Stage.CEREMONY, date="2021-05-19").status_code == 302
    case.refresh_from_db()
    member = case.member
    assert member is not None and member.status == MemberStatus.PROBATIONARY
    assert member.admitted_on == dt.date(2021, 4, 20)  # Party age counts from the decision
    assert member.ceremony_on == dt.date(2021, 5, 19)
    assert member.events.get().kind == EventKind.ADMITTED
    # One day before 12 months of probation: refused, naming the Charter.
    response = post_step(
        client, case, Stage.RECOGNITION_RESOLUTION, date="2022-05-18", votes_for="3"
    )
    message = field_error(response.content.decode(), "date")
    assert "Chưa hết 12 tháng dự bị" in message and "Điều lệ Đảng Điều 5" in message
    assert (
        post_step(
            client,
            case,
            Stage.RECOGNITION_RESOLUTION,
            date="2022-05-19",
            votes_for="3",
            document_number="05-NQ/CB",
        ).status_code
        == 302
    )
    assert (
        post_step(
            client,
            case,
            Stage.RECOGNITION,
            date="2022-06-08",
            deciding_org=tree["bloc"].pk,
            document_number="88-QĐ/ĐUK",
        ).status_code
        == 302
    )
    member.refresh_from_db()
    case.refresh_from_db()
    assert case.status == CaseStatus.FULL
    assert member.status == MemberStatus.FULL
    # Full membership from the end of the 12 months, though decided on 08/06/2022.
    assert member.full_on == dt.date(2022, 5, 19)
    detail = client.get(f"/quan-ly/ket-nap/doi-tuong/{case.pk}/").content.decode()
    assert "Quyết định công nhận đảng viên chính thức · 08/06/2022" in detail


def test_a_candidate_aged_17_years_11_months_at_the_cell_meeting_is_refused(
    client, users, tree, cell_members
):
    client.force_login(users["org_board"])
    case = open_case(client, tree, birth="2003-04-15")  # 17 years 11 months on 01/04/2021
    prepare(client, case, cell_members, tree)
    response = post_step(client, case, Stage.CELL_RESOLUTION, date="2021-04-01", votes_for="3")
    message = field_error(response.content.decode(), "date")
    assert "17 tuổi 11 tháng" in message and "Điều lệ Đảng" in message
    case.refresh_from_db()
    assert case.stage == Stage.CONCLUDED and not case.steps.filter(kind=Stage.CELL_RESOLUTION)
    # On her 18th birthday: accepted.
    response = post_step(client, case, Stage.CELL_RESOLUTION, date="2021-04-15", votes_for="3")
    assert response.status_code == 302


def test_an_introducer_who_is_not_a_full_member_is_refused(client, users, tree, make_member):
    client.force_login(users["org_board"])
    probationer = make_member(
        tree["cell_a"], name="Vũ Dự Bị", admitted=dt.date(2020, 11, 1), full=False
    )
    case = open_case(client, tree)
    response = client.post(
        f"/quan-ly/ket-nap/doi-tuong/{case.pk}/nguoi-gioi-thieu/",
        {
            "kind": "member",
            "member": probationer.pk,
            "introduced_on": "2021-02-05",
            "worked_with_since": "2018-01-01",
        },
    )
    assert "phải là đảng viên chính thức" in field_error(response.content.decode(), "member")
    assert not case.introducers.exists()


def test_lists_pipeline_due_list_and_exports(client, users, tree, cell_members):
    client.force_login(users["org_board"])
    case = open_case(client, tree)
    prepare(client, case, cell_members, tree)
    listing = client.get("/quan-ly/ket-nap/", {"q": "quan chung"}).content.decode()
    assert "Nguyễn Thị Quần Chúng" in listing and "Tìm thấy 1 hồ sơ" in listing
    pipeline = client.get(f"/quan-ly/ket-nap/to-chuc/{tree['base'].pk}/").content.decode()
    assert 'data-stage="concluded">1<' in pipeline
    # The certificate of 20/10/2020 is valid 60 months: due on 20/10/2025.
    due = client.get("/quan-ly/ket-nap/den-han/").content.decode()
    assert "Nguyễn Thị Quần Chúng" in due and "20/10/2025" in due
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/quan-ly/ket-nap/", {"format": "xlsx"}).content)
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Họ và tên" and rows[1][0] == "Nguyễn Thị Quần Chúng"
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/quan-ly/ket-nap/ket-luan/", {"format": "xlsx"}).content)
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][2] == "Kết nạp đảng viên" and rows[1][6] == "Ban Thường vụ Đảng ủy Khối"


def test_conclusions_need_the_sensitive_right(client, users, tree):
    client.force_login(users["propaganda"])
    assert client.get("/quan-ly/ket-nap/ket-luan/").status_code == 403
    client.force_login(users["cell_secretary"])
    assert client.get("/quan-ly/ket-nap/ket-luan/").status_code == 403
    client.force_login(users["member"])  # sees their own file, not the conclusions
    assert client.get("/quan-ly/ket-nap/ket-luan/").status_code == 403
    client.force_login(users["inspection"])
    assert client.get("/quan-ly/ket-nap/ket-luan/").status_code == 200


def test_read_only_roles_cannot_record_steps(client, users, tree, cell_members):
    client.force_login(users["org_board"])
    case = open_case(client, tree)
    client.force_login(users["propaganda"])
    assert client.get(f"/quan-ly/ket-nap/doi-tuong/{case.pk}/").status_code == 200
    assert post_step(client, case, Stage.TRAINED, date="2020-10-20").status_code == 403
    assert not case.steps.filter(kind=Stage.TRAINED).exists()


def test_probationers_entered_without_a_case_are_in_the_due_list(client, users, tree, make_member):
    today = dt.date.today()
    make_member(
        tree["cell_a"], name="Đào Văn Dự", admitted=today - dt.timedelta(days=450), full=False
    )
    make_member(
        tree["cell_a"], name="Mai Văn Sớm", admitted=today - dt.timedelta(days=100), full=False
    )
    client.force_login(users["cell_secretary"])
    due = client.get("/quan-ly/ket-nap/den-han/").content.decode()
    assert "Đào Văn Dự" in due and "Hết dự bị: chi bộ xét công nhận chính thức" in due
    assert "Mai Văn Sớm" not in due  # ends in about nine months: not yet due
    assert "table-danger" in due  # ended 85 days ago, more than 30 working days: overdue
