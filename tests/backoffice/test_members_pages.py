"""The member pages: list, profile, forms and event actions, through the test client."""

import datetime as dt
import re

import pytest
from django.urls import NoReverseMatch, reverse

from dangbo.accounts.models import AuditEntry
from dangbo.members.choices import EventKind, Gender, MemberStatus
from dangbo.members.models import Member, MembershipEvent, Person
from dangbo.members.services import member_record_event


def list_url(**params):
    from urllib.parse import urlencode

    return reverse("backoffice:member_list") + ("?" + urlencode(params) if params else "")


def detail_url(member):
    return reverse("backoffice:member_detail", args=[member.pk])


def event_url(member, kind):
    return reverse("backoffice:member_event", args=[member.pk, kind])


def names_in(response):
    return re.findall(r'class="member-link">([^<]+)<', response.content.decode())


def as_user(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def board(client, users):
    return as_user(client, users["org_board"])


# --- list -----------------------------------------------------------------------------


def test_search_without_diacritics_finds_the_member(board, tree, make_member):
    make_member(tree["cell_a"], name="Nguyễn Văn Đức")
    make_member(tree["cell_a"], name="Trần Thị Mai", gender=Gender.FEMALE)
    response = board.get(list_url(q="nguyen van duc"))
    assert response.status_code == 200
    assert names_in(response) == ["Nguyễn Văn Đức"]


def test_search_by_digits_finds_citizen_id_and_card(board, tree, make_member):
    duc = make_member(tree["cell_a"], name="Nguyễn Văn Đức", citizen_id="001080000123")
    make_member(tree["cell_a"], name="Trần Thị Mai")
    assert names_in(board.get(list_url(q="001080000123"))) == ["Nguyễn Văn Đức"]
    Member.objects.filter(pk=duc.pk).update(card_number="123456789012")
    assert names_in(board.get(list_url(q="123456789012"))) == ["Nguyễn Văn Đức"]


def test_htmx_search_returns_only_the_table(board, tree, make_member):
    make_member(tree["cell_a"], name="Nguyễn Văn Đức")
    full = board.get(list_url())
    assert b'hx-trigger="keyup changed delay:300ms' in full.content
    partial = board.get(list_url(q="duc"), HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert body.lstrip().startswith('<div id="member-table">')
    assert "<html" not in body
    assert names_in(partial) == ["Nguyễn Văn Đức"]


def test_filters_by_org_gender_and_status(board, tree, make_member):
    make_member(tree["cell_a"], name="An", gender=Gender.MALE)
    make_member(tree["cell_b"], name="Bình", gender=Gender.FEMALE)
    probationary = make_member(tree["base_cell"], name="Cúc", full=False)
    left = make_member(tree["base_cell"], name="Dũng")
    member_record_event(member=left, kind=EventKind.DECEASED, date=dt.date(2020, 1, 1))

    assert names_in(board.get(list_url(org=tree["cell_b"].pk))) == ["Bình"]
    assert names_in(board.get(list_url(org=tree["base"].pk))) == ["An", "Bình"]
    assert names_in(board.get(list_url(gender=Gender.FEMALE))) == ["Bình"]
    assert names_in(board.get(list_url(status=MemberStatus.PROBATIONARY))) == [
        probationary.person.full_name
    ]
    assert "Dũng" not in names_in(board.get(list_url()))
    assert "Dũng" in names_in(board.get(list_url(include_left="on")))


def test_sort_by_birth_date_and_reverse(board, tree, make_member):
    make_member(tree["cell_a"], name="Già", birth_date=dt.date(1960, 1, 1))
    make_member(
        tree["cell_a"], name="Trẻ", birth_date=dt.date(1995, 1, 1), admitted=dt.date(2018, 3, 1)
    )
    make_member(tree["cell_a"], name="Giữa", birth_date=dt.date(1980, 6, 1))
    assert names_in(board.get(list_url(order="birth"))) == ["Già", "Giữa", "Trẻ"]
    response = board.get(list_url(order="-birth"))
    assert names_in(response) == ["Trẻ", "Giữa", "Già"]
    # The heading toggles back to ascending and keeps the other parameters.
    assert "order=birth" in response.content.decode()


def test_list_pages_by_fifty_without_n_plus_one(
    board, tree, make_member, django_assert_max_num_queries
):
    for i in range(60):
        make_member(tree["cell_a" if i % 2 else "cell_b"], name=f"Đảng viên {i:02d}", full=False)
    with django_assert_max_num_queries(10):
        response = board.get(list_url())
    body = response.content.decode()
    assert len(names_in(response)) == 50
    assert 'id="member-count">60<' in body
    assert "Trang 1/2" in body and "Trang sau" in body
    second = board.get(list_url(page=2))
    assert len(names_in(second)) == 10
    assert "Trang 2/2" in second.content.decode()


def test_export_button_carries_the_current_query(board, tree, make_member):
    make_member(tree["cell_a"])
    body = board.get(list_url(q="duc", gender="male")).content.decode()
    try:
        export = reverse("imports:member_export")
    except NoReverseMatch:
        assert "Xuất Excel" not in body
    else:
        assert f'href="{export}?q=duc&amp;gender=male"' in body


# --- scope ----------------------------------------------------------------------------


def test_cell_secretary_sees_only_their_cell(client, users, tree, make_member):
    mine = make_member(tree["cell_a"], name="Người chi bộ A")
    other = make_member(tree["cell_b"], name="Người chi bộ B")
    as_user(client, users["cell_secretary"])
    assert names_in(client.get(list_url())) == ["Người chi bộ A"]
    assert client.get(detail_url(mine)).status_code == 200
    assert client.get(detail_url(other)).status_code == 404
    assert client.get(event_url(other, EventKind.TRANSFERRED)).status_code == 404
    # An organization outside the scope as a filter lists nobody.
    assert names_in(client.get(list_url(org=tree["cell_b"].pk))) == []


def test_read_only_roles_get_403_on_every_write(client, users, tree, make_member):
    member = make_member(tree["cell_a"])
    as_user(client, users["propaganda"])
    assert client.get(detail_url(member)).status_code == 200
    assert client.get(reverse("backoffice:member_edit", args=[member.pk])).status_code == 403
    response = client.post(
        event_url(member, EventKind.TRANSFERRED_OUT), {"date": "01/01/2024", "external_org": "X"}
    )
    assert response.status_code == 403
    assert client.post(reverse("backoffice:member_create"), {}).status_code == 403
    assert member.events.count() == 2


def test_member_role_sees_own_profile_only_and_cannot_edit(client, users, tree, make_member):
    me = make_member(tree["cell_a"], name="Chính tôi", citizen_id="001080000777")
    other = make_member(tree["cell_a"], name="Người khác")
    me.person.user = users["member"]
    me.person.save()
    as_user(client, users["member"])
    response = client.get(detail_url(me))
    assert response.status_code == 200
    assert "001080000777" in response.content.decode()
    assert client.get(detail_url(other)).status_code == 404
    assert names_in(client.get(list_url())) == ["Chính tôi"]
    assert client.get(reverse("backoffice:member_edit", args=[me.pk])).status_code == 403
    assert "Ghi sự kiện đảng tịch" not in response.content.decode()


# --- profile --------------------------------------------------------------------------


def test_sensitive_fields_hidden_for_propaganda_shown_for_org_board(
    client, users, tree, make_member
):
    member = make_member(
        tree["cell_a"], citizen_id="001080000999", economic_situation="Khá giả, có nhà riêng"
    )
    as_user(client, users["propaganda"])
    hidden = client.get(detail_url(member)).content.decode()
    assert "001080000999" not in hidden
    assert "Khá giả" not in hidden
    assert "Ẩn (không đủ quyền)" in hidden
    as_user(client, users["org_board"])
    shown = client.get(detail_url(member)).content.decode()
    assert "001080000999" in shown and "Khá giả, có nhà riêng" in shown
    assert "Ẩn (không đủ quyền)" not in shown


def test_profile_shows_record_and_timeline_in_vietnamese(board, tree, make_member):
    member = make_member(tree["cell_a"], admitted=dt.date(2010, 5, 19))
    body = board.get(detail_url(member)).content.decode()
    assert "Chi bộ Văn phòng" in body
    assert "Đảng viên chính thức" in body
    assert "Nam" in body  # get_gender_display
    assert "19/05/2010" in body and "19/05/2011" in body
    assert body.index('data-kind="admitted"') < body.index('data-kind="recognized"')


def test_viewing_a_profile_writes_an_audit_row(board, users, tree, make_member):
    member = make_member(tree["cell_a"])
    before = AuditEntry.objects.filter(action="view", object_type="member").count()
    board.get(detail_url(member))
    entries = AuditEntry.objects.filter(action="view", object_type="member")
    assert entries.count() == before + 1
    entry = entries.first()
    assert entry.user == users["org_board"] and entry.object_id == str(member.pk)


def test_only_actions_that_fit_the_status_are_offered(board, tree, make_member):
    probationary = make_member(tree["cell_a"], full=False)
    full = make_member(tree["cell_a"])
    body_p = board.get(detail_url(probationary)).content.decode()
    body_f = board.get(detail_url(full)).content.decode()
    assert event_url(probationary, EventKind.RECOGNIZED) in body_p
    assert event_url(probationary, EventKind.EXEMPTED) not in body_p
    assert event_url(full, EventKind.RECOGNIZED) not in body_f
    assert event_url(full, EventKind.EXEMPTED) in body_f
    assert board.get(event_url(full, EventKind.RECOGNIZED)).status_code == 404
    assert board.get(event_url(full, "admitted")).status_code == 404
    assert board.get(event_url(full, "nonsense")).status_code == 404


# --- forms ----------------------------------------------------------------------------


def versions_of(member):
    """The hidden version fields of the member edit form (core.locking)."""
    member = Member.objects.select_related("person").get(pk=member.pk)
    return {"expected_version": member.version, "expected_person_version": member.person.version}


def create_data(tree, **overrides):
    data = {
        "start_kind": "admitted",
        "cell": str(tree["cell_a"].pk),
        "date": "03/02/2024",
        "decision_number": "15-QĐ/ĐU",
        "full_name": "Lê Thị Hoa",
        "gender": "female",
        "birth_date": "12/08/1995",
        "ethnicity": "01",
        "religion": "none",
        "citizen_id": "001195000321",
        "card_number": "",
    }
    data.update(overrides)
    return data


def test_create_member_by_admission(board, tree):
    response = board.post(reverse("backoffice:member_create"), create_data(tree))
    member = Member.objects.get(person__full_name="Lê Thị Hoa")
    assert response.status_code == 302 and response["Location"] == detail_url(member)
    assert member.status == MemberStatus.PROBATIONARY
    assert member.cell == tree["cell_a"] and member.admitted_on == dt.date(2024, 2, 3)
    assert member.events.get().decision_number == "15-QĐ/ĐU"


def test_create_member_by_transfer_in_needs_status_and_origin(board, tree):
    url = reverse("backoffice:member_create")
    response = board.post(url, create_data(tree, start_kind="transferred_in"))
    assert "Chọn đảng viên dự bị hay chính thức." in response.content.decode()
    assert not Person.objects.exists()
    board.post(
        url,
        create_data(
            tree, start_kind="transferred_in", arrival_status="full", external_org="Đảng bộ tỉnh B"
        ),
    )
    member = Member.objects.get()
    assert member.status == MemberStatus.FULL
    assert member.events.get().external_org == "Đảng bộ tỉnh B"


def test_duplicate_citizen_id_shows_error_links_existing_and_creates_nothing(
    board, tree, make_member
):
    existing = make_member(tree["cell_b"], name="Phạm Văn Cũ", citizen_id="001195000321")
    people, members = Person.objects.count(), Member.objects.count()
    response = board.post(reverse("backoffice:member_create"), create_data(tree))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Số căn cước 001195000321 đã có trong hồ sơ của Phạm Văn Cũ" in body
    assert f'href="{detail_url(existing)}">Mở hồ sơ đã có</a>' in body
    assert 'value="Lê Thị Hoa"' in body and 'value="12/08/1995"' in body  # input kept
    assert (Person.objects.count(), Member.objects.count()) == (people, members)


def test_duplicate_outside_scope_does_not_reveal_whose_record(client, users, tree, make_member):
    make_member(tree["cell_b"], name="Phạm Văn Cũ", citizen_id="001195000321")
    as_user(client, users["cell_secretary"])
    body = client.post(reverse("backoffice:member_create"), create_data(tree)).content.decode()
    assert "đã có trong một hồ sơ khác mà đồng chí không được xem" in body
    assert "Phạm Văn Cũ" not in body and "Mở hồ sơ đã có" not in body


def test_duplicate_card_rolls_back_the_new_person(board, tree, make_member):
    existing = make_member(tree["cell_b"], name="Phạm Văn Cũ")
    board.post(
        reverse("backoffice:member_edit", args=[existing.pk]),
        {**create_data(tree, full_name="Phạm Văn Cũ", citizen_id=existing.person.citizen_id,
                       birth_date="01/01/1980", gender="male"), "card_number": "000000000042",
         **versions_of(existing)},
    )  # fmt: skip
    assert Member.objects.get(pk=existing.pk).card_number == "000000000042"
    people = Person.objects.count()
    response = board.post(
        reverse("backoffice:member_create"), create_data(tree, card_number="000000000042")
    )
    assert "Số thẻ đảng viên 000000000042 đã có trong hồ sơ của Phạm Văn Cũ" in (
        response.content.decode()
    )
    assert Person.objects.count() == people


def test_edit_keeps_what_was_typed_on_error(board, tree, make_member):
    member = make_member(tree["cell_a"], name="Nguyễn Văn Đức")
    url = reverse("backoffice:member_edit", args=[member.pk])
    page = board.get(url).content.decode()
    assert 'value="Nguyễn Văn Đức"' in page and 'value="01/01/1980"' in page
    data = create_data(tree, full_name="Nguyễn Văn Đức Mới", citizen_id="12345")
    body = board.post(url, {**data, **versions_of(member)}).content.decode()
    assert "Số căn cước phải gồm đúng 12 chữ số." in body
    assert 'value="Nguyễn Văn Đức Mới"' in body and 'value="12345"' in body
    member.person.refresh_from_db()
    assert member.person.full_name == "Nguyễn Văn Đức"
    board.post(
        url,
        {**create_data(tree, full_name="Nguyễn Văn Đức Mới", citizen_id=""), **versions_of(member)},
    )
    member.person.refresh_from_db()
    assert member.person.full_name == "Nguyễn Văn Đức Mới"


def test_cell_secretary_edit_form_hides_sensitive_fields(client, users, tree, make_member):
    member = make_member(tree["cell_a"], citizen_id="001080000555")
    as_user(client, users["cell_secretary"])
    url = reverse("backoffice:member_edit", args=[member.pk])
    page = client.get(url).content.decode()
    assert "001080000555" not in page and 'name="citizen_id"' not in page
    data = create_data(tree, full_name="Tên mới", birth_date="01/01/1980", gender="male")
    assert client.post(url, {**data, **versions_of(member)}).status_code == 302
    member.person.refresh_from_db()
    assert member.person.full_name == "Tên mới"
    assert member.person.citizen_id == "001080000555"  # not overwritten


# --- events ---------------------------------------------------------------------------


def test_early_recognition_shows_probation_error_and_writes_nothing(board, tree, make_member):
    member = make_member(tree["cell_a"], admitted=dt.date(2024, 3, 1), full=False)
    response = board.post(
        event_url(member, EventKind.RECOGNIZED),
        {"date": "01/12/2024", "decision_number": "20-QĐ/ĐU", "note": "Ghi thử"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(
        r'data-field="date">Chưa hết thời gian dự bị 12 tháng \(đến ngày 01/03/2025\)', body
    )
    assert 'value="20-QĐ/ĐU"' in body and "Ghi thử" in body
    assert MembershipEvent.objects.filter(member=member).count() == 1
    member.refresh_from_db()
    assert member.status == MemberStatus.PROBATIONARY


def test_recognition_after_probation_makes_a_full_member(board, tree, make_member):
    member = make_member(tree["cell_a"], admitted=dt.date(2023, 3, 1), full=False)
    response = board.post(event_url(member, EventKind.RECOGNIZED), {"date": "01/03/2024"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == MemberStatus.FULL and member.full_on == dt.date(2024, 3, 1)


def test_transfer_moves_member_out_of_the_old_cell_list(board, tree, make_member):
    member = make_member(tree["cell_a"], name="Nguyễn Văn Đức")
    assert names_in(board.get(list_url(org=tree["cell_a"].pk))) == ["Nguyễn Văn Đức"]
    response = board.post(
        event_url(member, EventKind.TRANSFERRED),
        {"org": tree["base_cell"].pk, "date": "15/06/2024", "decision_number": "7-QĐ/ĐU"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.cell == tree["base_cell"]
    assert names_in(board.get(list_url(org=tree["cell_a"].pk))) == []
    assert names_in(board.get(list_url(org=tree["base_cell"].pk))) == ["Nguyễn Văn Đức"]
    body = board.get(detail_url(member)).content.decode()
    assert "Từ Chi bộ Văn phòng đến Chi bộ Công ty Điện" in body and "15/06/2024" in body


def test_transfer_destination_must_be_in_change_scope(client, users, tree, make_member):
    member = make_member(tree["cell_a"])
    as_user(client, users["base_secretary"])  # changes the base committee only
    form = client.get(event_url(member, EventKind.TRANSFERRED)).content.decode()
    assert "Chi bộ Ngân sách" in form and "Chi bộ Công ty Điện" not in form
    response = client.post(
        event_url(member, EventKind.TRANSFERRED),
        {"org": tree["base_cell"].pk, "date": "15/06/2024"},
    )
    assert response.status_code == 200
    assert 'data-field="org"' in response.content.decode()
    member.refresh_from_db()
    assert member.cell == tree["cell_a"] and member.events.count() == 2


def test_transfer_out_and_back_in(board, tree, make_member):
    member = make_member(tree["cell_a"])
    board.post(
        event_url(member, EventKind.TRANSFERRED_OUT),
        {"date": "01/02/2024", "external_org": "Đảng bộ tỉnh Bắc Ninh"},
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT
    body = board.get(detail_url(member)).content.decode()
    assert event_url(member, EventKind.TRANSFERRED_IN) in body
    board.post(
        event_url(member, EventKind.TRANSFERRED_IN),
        {"date": "01/02/2025", "org": tree["cell_b"].pk, "status": "full", "external_org": "BN"},
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.FULL and member.cell == tree["cell_b"]


def test_delete_a_mistaken_event(board, tree, make_member):
    member = make_member(tree["cell_a"])
    event = member_record_event(
        member=member, kind=EventKind.TRANSFERRED, date=dt.date(2024, 1, 1), org=tree["cell_b"]
    )
    url = reverse("backoffice:member_event_delete", args=[member.pk, event.pk])
    assert "Xác nhận xóa" in board.get(url).content.decode()
    response = board.post(url)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.cell == tree["cell_a"]
    assert not MembershipEvent.objects.filter(pk=event.pk).exists()


def test_deleting_an_event_the_history_needs_is_refused(board, tree, make_member):
    member = make_member(tree["cell_a"])
    admission = member.events.get(kind=EventKind.ADMITTED)
    url = reverse("backoffice:member_event_delete", args=[member.pk, admission.pk])
    response = board.post(url, follow=True)
    assert "Không xóa được sự kiện" in response.content.decode()
    assert member.events.count() == 2


def test_the_only_event_offers_no_delete_and_the_service_refuses_it(board, tree, make_member):
    member = make_member(tree["cell_a"], full=False)
    event = member.events.get()
    url = reverse("backoffice:member_event_delete", args=[member.pk, event.pk])
    page = board.get(reverse("backoffice:member_detail", args=[member.pk])).content.decode()
    assert url not in page
    response = board.post(url, follow=True)
    assert "Không thể xóa sự kiện duy nhất" in response.content.decode()
    assert member.events.count() == 1
    other = make_member(tree["cell_a"], name="Lê Văn Hai")
    page = board.get(reverse("backoffice:member_detail", args=[other.pk])).content.decode()
    assert "/su-kien/" in page and "/xoa/" in page  # two events: each can be deleted


def test_service_errors_land_next_to_their_field_or_above_the_form(tree):
    from django.core.exceptions import ValidationError

    from dangbo.members.forms import MemberEventForm, attach_errors

    form = MemberEventForm({"date": "01/01/2024"}, kind=EventKind.TRANSFERRED_OUT)
    assert not form.is_valid()  # external_org missing
    attach_errors([form], ValidationError({"date": "Sai ngày.", "cell": "Không rõ."}))
    attach_errors([form], ValidationError("Lỗi chung."))
    assert form.errors["date"] == ["Sai ngày."]
    assert form.non_field_errors() == ["Không rõ.", "Lỗi chung."]
    assert "is-invalid" in form.fields["date"].widget.attrs["class"]


def test_table_formats_large_counts_the_vietnamese_way():
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    page = Paginator(list(range(3407)), 50).get_page(2)
    html = render_to_string(
        "backoffice/members/_table.html",
        {"page": page, "rows": [], "columns": {}, "start_index": page.start_index(),
         "first_url": "?page=1", "prev_url": "?page=1", "next_url": "?page=3",
         "last_url": "?page=69"},
    )  # fmt: skip
    assert 'id="member-count">3.407<' in html
    assert "Trang 2/69" in html and "51–100" in html


def test_profile_leads_to_the_members_dues_badges_and_admission(board, tree, make_member):
    member = make_member(tree["cell_a"], name="Phan Văn Liên")
    body = board.get(reverse("backoffice:member_detail", args=[member.pk])).content.decode()
    for url in (
        reverse("dues:member", args=[member.pk]),
        reverse("badges:member_history", args=[member.pk]),
    ):
        assert f'href="{url}"' in body
        page = board.get(url)
        assert page.status_code == 200 and "Phan Văn Liên" in page.content.decode()
