"""The study pages through the test client: lists, details, forms, exports, 403/404, the
attendance grid, and the awareness certificate read by admission's trained step."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from studies_days import DAY

from dangbo.accounts.models import Role
from dangbo.admission.models import AdmissionStep, Stage
from dangbo.admission.services import case_create
from dangbo.members.services import person_save
from dangbo.studies import services
from dangbo.studies.models import ClassKind, Result, StudySession

pytestmark = pytest.mark.django_db


def _workbook(response):
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_session_pages_list_search_detail_and_export(client, tree, session, staffed, user_with):
    point = services.bridge_point_save(session=session, org=tree["base"], non_members_present=2)
    services.attendance_set(point=point, member_ids=[m.pk for m in staffed["a"]], today=DAY)
    client.force_login(user_with(Role.PROPAGANDA, tree["bloc"]))
    listing = client.get(reverse("studies:session_list"), {"q": "chuyen de nam 2023"})
    assert "Hội nghị trực tuyến học tập Chuyên đề năm 2023" in listing.content.decode()
    detail = client.get(reverse("studies:session_detail", args=[session.pk])).content.decode()
    assert (
        '<strong id="present">4</strong>' in detail
        and "66,67%" in detail
        and "Lịch sử thay đổi" in detail
    )
    sheet = _workbook(client.get(reverse("studies:session_export")))
    assert sheet.cell(2, 3).value == session.title and sheet.cell(2, 11).value == 66.67
    people = _workbook(client.get(reverse("studies:attendance_export", args=[session.pk])))
    assert people.max_row == 5
    assert client.get(reverse("studies:home")).status_code == 200


def test_removing_one_attendance_through_the_grid_changes_the_rate(
    client, tree, session, staffed, user_with
):
    point = services.bridge_point_save(session=session, org=tree["cell_a"])
    client.force_login(user_with(Role.CELL_SECRETARY, tree["cell_a"]))
    url = reverse("studies:point_attendance", args=[point.pk])
    grid = client.get(url).content.decode()
    assert grid.count('name="members"') == 4
    ids = [str(m.pk) for m in staffed["a"]]
    done = client.post(url, {"members": ids, "non_members_present": "1"})
    assert done.status_code == 302
    detail = reverse("studies:session_detail", args=[session.pk])
    assert "100,00%" in client.get(detail).content.decode()
    removed = client.post(reverse("studies:attendance_remove", args=[point.pk, ids[0]]))
    assert removed.status_code == 302
    page = client.get(detail).content.decode()
    assert '<strong id="present">3</strong>' in page and "75,00%" in page


def test_form_errors_show_next_to_the_field_and_nothing_is_saved(client, tree, user_with):
    client.force_login(user_with(Role.PROPAGANDA, tree["bloc"]))
    response = client.post(reverse("studies:session_create"), {
        "org": tree["bloc"].pk, "kind": "yearly_theme", "title": "Học chuyên đề",
        "subject": "Chuyên đề năm", "held_on": "21/02/2023", "theme_year": "2019",
    })  # fmt: skip
    page = response.content.decode()
    assert 'data-field="theme_year"' in page and "không học vào ngày" in page
    assert not StudySession.objects.exists()


def test_read_only_roles_get_403_and_other_subtrees_404(client, tree, session, user_with):
    client.force_login(user_with(Role.BLOC_OFFICE, tree["bloc"]))
    assert client.get(reverse("studies:session_edit", args=[session.pk])).status_code == 403
    assert client.get(reverse("studies:session_create")).status_code == 403
    client.force_login(user_with(Role.CELL_SECRETARY, tree["base_cell"]))
    assert client.get(reverse("studies:session_detail", args=[session.pk])).status_code == 404


def test_a_base_secretary_sees_the_blocs_conference_with_its_own_point_only(
    client, tree, session, staffed, user_with, make_member
):
    mine = services.bridge_point_save(session=session, org=tree["base"])
    services.bridge_point_save(session=session, org=tree["base_cell"], place="Hội trường Điện")
    make_member(tree["base_cell"], name="Đỗ Văn Điện")
    client.force_login(user_with(Role.BASE_SECRETARY, tree["base"]))
    page = client.get(reverse("studies:session_detail", args=[session.pk])).content.decode()
    assert "Hội trường Điện" not in page
    assert reverse("studies:point_attendance", args=[mine.pk]) in page
    assert client.get(reverse("studies:session_edit", args=[session.pk])).status_code == 403


def test_class_pages_and_contest_pages(client, tree, staffed, user_with):
    klass = services.class_save(org=tree["bloc"], kind=ClassKind.POLITICAL_THEORY,
                                title="Lớp sơ cấp lý luận chính trị", starts_on=dt.date(2021, 3, 8),
                                ends_on=dt.date(2021, 5, 28))  # fmt: skip
    client.force_login(user_with(Role.ORG_BOARD, tree["bloc"]))
    many = reverse("studies:learners_many", args=[klass.pk])
    page = client.get(many, {"nguon": "chi-bo", "cell": tree["cell_a"].pk}).content.decode()
    assert page.count('name="chosen"') == 4
    client.post(many, {"nguon": "chi-bo", "cell": tree["cell_a"].pk,
                       "chosen": [m.pk for m in staffed["a"]]})  # fmt: skip
    assert klass.learners.count() == 4
    learner = klass.learners.first()
    bad = client.post(
        reverse("studies:learner_result", args=[learner.pk]),
        {"result": "failed", "certificate_number": "01", "certificate_date": "28/05/2021"},
    )
    assert 'data-field="certificate_number"' in bad.content.decode()
    sheet = _workbook(client.get(reverse("studies:learners_export", args=[klass.pk])))
    assert sheet.max_row == 5
    assert "sơ cấp" in client.get(reverse("studies:class_list"), {"q": "so cap"}).content.decode()
    contest = services.contest_save(org=tree["bloc"], kind="reporters",
                                    title="Hội thi tuyên truyền",
                                    held_on=dt.date(2021, 8, 26))  # fmt: skip
    client.post(reverse("studies:entrant_add", args=[contest.pk]),
                {"member": staffed["b"][0].pk, "prize": "first"})  # fmt: skip
    detail = client.get(reverse("studies:contest_detail", args=[contest.pk])).content.decode()
    assert "Giải Nhất" in detail and staffed["b"][0].person.full_name in detail
    assert _workbook(client.get(reverse("studies:contest_export"))).cell(2, 7).value == 1


def test_admission_reads_the_awareness_certificate_from_a_class(client, tree, user_with):
    candidate = person_save(
        full_name="Phạm Thị Mai",
        gender="female",
        birth_date=dt.date(1998, 4, 2),
        citizen_id="038198000222",
    )
    case = case_create(person=candidate, cell=tree["cell_a"], identified_on=dt.date(2024, 1, 10))
    klass = services.class_save(org=tree["bloc"], kind=ClassKind.AWARENESS,
                                title="Lớp bồi dưỡng nhận thức về Đảng tháng 3/2024",
                                starts_on=dt.date(2024, 3, 4), ends_on=dt.date(2024, 3, 8),
                                organizer="Trung tâm Chính trị")  # fmt: skip
    learner = services.learner_add(training_class=klass, person=candidate)
    services.learner_result(
        learner=learner,
        result=Result.GOOD,
        certificate_number="123/CN-NTVĐ",
        certificate_date=dt.date(2024, 3, 8),
        today=dt.date(2024, 3, 9),
    )
    client.force_login(user_with(Role.CELL_SECRETARY, tree["cell_a"]))
    url = reverse("admission:case_step", args=[case.pk, Stage.TRAINED])
    form = client.get(url).content.decode()
    assert "123/CN-NTVĐ" in form and "Lớp bồi dưỡng nhận thức về Đảng tháng 3/2024" in form
    done = client.post(url, {"learner": learner.pk, "date": "", "certificate_number": "",
                             "body": ""})  # fmt: skip
    assert done.status_code == 302, done.content.decode()
    step = AdmissionStep.objects.get(case=case, kind=Stage.TRAINED)
    assert step.certificate_number == "123/CN-NTVĐ" and step.date == dt.date(2024, 3, 8)
    assert step.body == "Trung tâm Chính trị"
    shown = client.get(reverse("admission:case_detail", args=[case.pk])).content.decode()
    assert "Lớp bồi dưỡng nhận thức về Đảng tháng 3/2024" in shown
