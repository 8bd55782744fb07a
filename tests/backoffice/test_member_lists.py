"""Editing work history, training history and family relations from the profile."""

import datetime as dt

import pytest
from django.urls import reverse

from dangbo.accounts.models import AuditAction, AuditEntry
from dangbo.members.models import FamilyRelation, Person, TrainingHistory, WorkHistory
from dangbo.members.services import (
    BulkRowsError,
    person_family_save,
    person_work_history_save,
)

PAGES = {
    "work": ("backoffice:member_work_history", "work_history"),
    "training": ("backoffice:member_training_history", "training_history"),
    "family": ("backoffice:member_family", "family"),
}


def url(page, member):
    return reverse(PAGES[page][0], args=[member.pk])


def formset(page, rows, *, initial=0):
    """POST data of the page's formset: `rows` are dicts of field values."""
    prefix = PAGES[page][1]
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "100",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    # The page's hidden version of the record (core.locking): the `member` fixture's person.
    person = Person.objects.filter(full_name="Lê Thị Hoa").first()
    data["expected_person_version"] = str(person.version if person else 1)
    return data


@pytest.fixture
def member(tree, make_member):
    return make_member(tree["cell_a"], name="Lê Thị Hoa")


@pytest.fixture
def board(client, users):
    client.force_login(users["org_board"])
    return client


def profile(client, member):
    return client.get(reverse("backoffice:member_detail", args=[member.pk])).content.decode()


# --- work history -------------------------------------------------------------------


def test_work_history_rows_are_saved_and_shown_on_the_profile(board, member):
    page = board.get(url("work", member)).content.decode()
    assert "Chức vụ" in page and "Cơ quan, đơn vị" in page and "Từ ngày" in page

    response = board.post(
        url("work", member),
        formset("work", [
            {"starts_on": "01/09/2002", "ends_on": "31/12/2010", "position": "Chuyên viên",
             "unit": "Phòng Ngân sách, Sở Tài chính"},
            {"starts_on": "01/01/2011", "ends_on": "", "position": "Phó Trưởng phòng",
             "unit": "Sở Tài chính"},
        ]),
    )  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:member_detail", args=[member.pk])
    rows = list(member.person.work_history.values_list("starts_on", "ends_on", "position"))
    assert rows == [
        (dt.date(2002, 9, 1), dt.date(2010, 12, 31), "Chuyên viên"),
        (dt.date(2011, 1, 1), None, "Phó Trưởng phòng"),
    ]
    html = profile(board, member)
    assert "Phòng Ngân sách, Sở Tài chính" in html and "01/09/2002" in html
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE, object_type="person", object_id=str(member.person_id)
    ).exists()


def test_work_history_rows_are_edited_and_deleted(board, member):
    first, second = person_work_history_save(
        person=member.person,
        rows=[
            {"starts_on": dt.date(2002, 9, 1), "position": "Chuyên viên", "unit": "Sở A"},
            {"starts_on": dt.date(2011, 1, 1), "position": "Trưởng phòng", "unit": "Sở B"},
        ],
    )

    response = board.post(
        url("work", member),
        formset("work", [
            {"id": first.pk, "person": member.person_id, "starts_on": "01/09/2002",
             "ends_on": "31/12/2010", "position": "Chuyên viên chính", "unit": "Sở A"},
            {"id": second.pk, "person": member.person_id, "starts_on": "01/01/2011",
             "position": "Trưởng phòng", "unit": "Sở B", "DELETE": "on"},
            {"starts_on": "", "ends_on": "", "position": "", "unit": ""},
        ], initial=2),
    )  # fmt: skip

    assert response.status_code == 302
    kept = WorkHistory.objects.get(person=member.person)
    assert (kept.pk, kept.position, kept.ends_on) == (
        first.pk,
        "Chuyên viên chính",
        dt.date(2010, 12, 31),
    )


def test_a_bad_date_shows_the_vietnamese_error_and_changes_nothing(board, member):
    person_work_history_save(
        person=member.person,
        rows=[{"starts_on": dt.date(2002, 9, 1), "position": "Chuyên viên", "unit": "Sở A"}],
    )
    row = WorkHistory.objects.get()

    response = board.post(
        url("work", member),
        formset("work", [
            {"id": row.pk, "person": member.person_id, "starts_on": "01/09/2002",
             "position": "Chuyên viên chính", "unit": "Sở A"},
            {"starts_on": "31/02/2015", "position": "Trưởng phòng", "unit": "Sở B"},
        ], initial=1),
    )  # fmt: skip

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy)." in html
    assert "Chưa lưu." in html
    assert 'value="Trưởng phòng"' in html  # nothing typed is lost
    assert list(WorkHistory.objects.values_list("position", flat=True)) == ["Chuyên viên"]


def test_a_required_field_and_dates_in_the_wrong_order(board, member):
    response = board.post(
        url("work", member),
        formset("work", [
            {"starts_on": "01/01/2015", "ends_on": "01/01/2014", "position": "", "unit": "Sở"},
        ]),
    )  # fmt: skip

    html = response.content.decode()
    assert "Không được để trống." in html
    assert "Ngày kết thúc trước ngày bắt đầu." in html
    assert not WorkHistory.objects.exists()


def test_the_service_refuses_rows_of_another_person(tree, make_member, member):
    other = make_member(tree["cell_b"], name="Người khác")
    theirs = person_work_history_save(
        person=other.person,
        rows=[{"starts_on": dt.date(2000, 1, 1), "position": "Kế toán", "unit": "Sở C"}],
    )[0]

    with pytest.raises(BulkRowsError) as caught:
        person_work_history_save(
            person=member.person,
            rows=[
                {"id": theirs.pk, "starts_on": dt.date(2000, 1, 1), "position": "X", "unit": "Y"}
            ],
        )

    assert caught.value.problems == [(0, "Dòng này không thuộc hồ sơ của đảng viên.")]
    assert WorkHistory.objects.get(pk=theirs.pk).position == "Kế toán"


# --- training history ---------------------------------------------------------------


def test_training_history_rows_are_saved_and_shown(board, member):
    response = board.post(
        url("training", member),
        formset("training", [
            {"starts_on": "01/09/1998", "ends_on": "30/06/2002", "school": "Học viện Tài chính",
             "subject": "Kế toán", "degree": "Cử nhân"},
        ]),
    )  # fmt: skip

    assert response.status_code == 302
    row = TrainingHistory.objects.get(person=member.person)
    assert (row.school, row.degree, row.ends_on) == (
        "Học viện Tài chính",
        "Cử nhân",
        dt.date(2002, 6, 30),
    )
    html = profile(board, member)
    assert "Học viện Tài chính" in html and "30/06/2002" in html


def test_training_history_bad_date(board, member):
    response = board.post(
        url("training", member),
        formset("training", [{"starts_on": "2002/13/45", "school": "Học viện Tài chính"}]),
    )

    assert "Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy)." in response.content.decode()
    assert not TrainingHistory.objects.exists()


# --- family relations ---------------------------------------------------------------


def test_family_rows_are_saved_and_reading_them_is_logged(board, users, member):
    views_before = AuditEntry.objects.filter(action=AuditAction.VIEW).count()
    page = board.get(url("family", member))
    assert page.status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.VIEW).count() == views_before + 1
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).latest("pk")
    assert entry.user == users["org_board"] and entry.object_type == "person"

    response = board.post(
        url("family", member),
        formset("family", [
            {"relation": "Bố", "full_name": "Lê Văn Hùng", "birth_year": "1950",
             "details": "Hưu trí, Hải Dương"},
        ]),
    )  # fmt: skip

    assert response.status_code == 302
    html = profile(board, member)
    assert "Lê Văn Hùng" in html and "1950" in html and "Hưu trí, Hải Dương" in html


def test_family_bad_year_changes_nothing(board, member):
    person_family_save(person=member.person, rows=[{"relation": "Mẹ", "full_name": "Trần Thị Lan"}])
    row = FamilyRelation.objects.get()

    response = board.post(
        url("family", member),
        formset("family", [
            {"id": row.pk, "person": member.person_id, "relation": "Mẹ",
             "full_name": "Trần Thị Lan Anh", "birth_year": "năm mươi"},
        ], initial=1),
    )  # fmt: skip

    assert "Năm sinh phải là một số, ví dụ 1955." in response.content.decode()
    assert FamilyRelation.objects.get().full_name == "Trần Thị Lan"


def test_family_needs_view_sensitive(client, users, member):
    client.force_login(users["cell_secretary"])  # changes the cell, no sensitive data

    assert client.get(url("family", member)).status_code == 403
    response = client.post(
        url("family", member), formset("family", [{"relation": "Bố", "full_name": "X"}])
    )
    assert response.status_code == 403
    assert not FamilyRelation.objects.exists()
    assert client.get(url("work", member)).status_code == 200
    html = profile(client, member)
    assert url("work", member) in html and url("family", member) not in html

    client.force_login(users["base_secretary"])
    assert client.get(url("family", member)).status_code == 200


@pytest.mark.parametrize("page", ["work", "training", "family"])
def test_outside_scope_is_not_found(client, tree, users, make_member, page):
    elsewhere = make_member(tree["base_cell"], name="Ở nơi khác")
    client.force_login(users["base_secretary"])

    assert client.get(url(page, elsewhere)).status_code == 404
    assert client.post(url(page, elsewhere), formset(page, [])).status_code == 404


@pytest.mark.parametrize("page", ["work", "training", "family"])
def test_read_only_roles_get_403(client, users, member, page):
    client.force_login(users["inspection"])  # reads sensitive data, changes nothing

    assert client.get(url(page, member)).status_code == 403
    assert url(page, member) not in profile(client, member)


def test_profile_links_to_the_three_pages(board, member):
    html = profile(board, member)

    for page in PAGES:
        assert url(page, member) in html
