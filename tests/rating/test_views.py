"""The rating pages through Django's test client."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from dangbo.rating import services
from dangbo.rating.models import Grade, MemberRating, OrgRating, RoundStatus


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def round_2021(tree, users, make_member, comment):
    members = [make_member(tree["cell_a"], name=f"Nguyễn Văn Tốt {i}") for i in range(3)]
    members.append(make_member(tree["base_cell"], name="Trần Thị Cơ Sở"))
    for member in members:
        comment(member, 2021)
    rnd = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2021, opened_on=dt.date(2021, 12, 1)
    )
    return rnd, members


def propose_post(rnd, cell, grades, extra=None):
    data = {}
    for entry in MemberRating.objects.filter(round=rnd, cell=cell):
        data[f"m{entry.pk}-grade"] = grades.get(entry.member_id, Grade.GOOD)
        for key, value in (extra or {}).get(entry.member_id, {}).items():
            data[f"m{entry.pk}-{key}"] = value
    return data


def test_list_shows_rounds_and_exports(users, round_2021):
    rnd, _ = round_2021
    response = login(users["board"]).get(reverse("rating:home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Đảng bộ Khối" in text and "Đang đánh giá" in text
    export = login(users["board"]).get(reverse("rating:round_list_export"), {"year": 2021})
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Năm" and rows[1][0] == 2021 and rows[1][1] == "Đảng bộ Khối"
    assert rows[1][-1] == 4  # members in the round


def test_a_base_secretary_works_in_the_bloc_round_seeing_only_its_part(users, round_2021):
    rnd, members = round_2021
    client = login(users["base"])
    listed = client.get(reverse("rating:home")).content.decode()
    assert reverse("rating:round_detail", args=[rnd.pk]) in listed
    page = client.get(reverse("rating:round_detail", args=[rnd.pk])).content.decode()
    assert "Nguyễn Văn Tốt 0" in page
    assert "Trần Thị Cơ Sở" not in page  # the base cell is not theirs
    assert "Chi bộ Công ty Điện" not in page


def test_open_form_shows_errors_next_to_the_field(tree, users):
    client = login(users["base"])
    response = client.post(
        reverse("rating:round_open"),
        {"scope": tree["cell_a"].pk, "year": 2021, "opened_on": "01/12/2021"},
    )
    assert response.status_code == 200
    # A sub cell is not offered (not a base organization or above).
    assert 'data-field="scope"' in response.content.decode()
    response = client.post(
        reverse("rating:round_open"),
        {
            "scope": tree["base"].pk,
            "year": 2021,
            "opened_on": "01/12/2021",
            "reference_on": "15/12/2020",
        },
    )
    assert "Ngày chốt danh sách phải trong năm 2021" in response.content.decode()
    response = client.post(
        reverse("rating:round_open"),
        {"scope": tree["base"].pk, "year": 2021, "opened_on": "01/12/2021"},
    )
    assert response.status_code == 302
    assert login(users["propaganda"]).get(reverse("rating:round_open")).status_code == 403


def test_propose_and_decide_pages(tree, users, round_2021):
    rnd, members = round_2021
    cell_url = reverse("rating:round_propose", args=[rnd.pk]) + f"?cell={tree['cell_a'].pk}"
    client = login(users["cell"])
    page = client.get(cell_url)
    assert page.status_code == 200 and "Nguyễn Văn Tốt 1" in page.content.decode()
    # Discipline without a form: the error shows on the row, nothing is saved.
    data = propose_post(
        rnd, tree["cell_a"], {members[0].pk: Grade.GOOD}, {members[0].pk: {"disciplined": "on"}}
    )
    response = client.post(cell_url, data)
    text = response.content.decode()
    entry = MemberRating.objects.get(round=rnd, member=members[0])
    assert f'data-field="discipline_form" data-row="{entry.pk}"' in text
    assert "Hãy chọn hình thức kỷ luật." in text
    data[f"m{entry.pk}-discipline_form"] = "reprimand"
    response = client.post(cell_url, data)
    assert "chỉ được xếp loại tối đa" in response.content.decode()
    assert not MemberRating.objects.filter(round=rnd).exclude(proposed_grade="").exists()
    data[f"m{entry.pk}-grade"] = Grade.NOT_COMPLETED
    assert client.post(cell_url, data).status_code == 302
    # The other cell of the base committee is out of this secretary's sight.
    other = reverse("rating:round_propose", args=[rnd.pk]) + f"?cell={tree['cell_b'].pk}"
    assert client.get(other).status_code == 404
    assert login(users["propaganda"]).get(cell_url).status_code == 403
    # The base committee decides; the quota error is shown on the page.
    decide_url = reverse("rating:round_decide", args=[rnd.pk]) + f"?base={tree['base'].pk}"
    assert client.get(decide_url).status_code == 404
    assert login(users["propaganda"]).get(decide_url).status_code == 403
    base = login(users["base"])
    e1 = MemberRating.objects.get(round=rnd, member=members[1])
    e2 = MemberRating.objects.get(round=rnd, member=members[2])
    data = {
        f"m{entry.pk}-grade": Grade.NOT_COMPLETED,
        f"m{e1.pk}-grade": Grade.EXCELLENT,
        f"m{e2.pk}-grade": Grade.GOOD,
    }
    response = base.post(decide_url, data)
    text = response.content.decode()
    assert 'id="page-errors"' in text and "vượt 20% của 1" in text
    data[f"m{e1.pk}-grade"] = Grade.GOOD
    assert base.post(decide_url, data).status_code == 302
    assert MemberRating.objects.get(pk=e1.pk).decided_grade == Grade.GOOD


def test_round_page_results_chart_and_export(tree, users, round_2021):
    rnd, members = round_2021
    services.member_ratings_propose(
        by=users["super"],
        rnd=rnd,
        on=dt.date(2021, 12, 20),
        rows=[
            services.MemberProposal(entry=e, grade=Grade.GOOD)
            for e in MemberRating.objects.filter(round=rnd).select_related("member__person", "cell")
        ],
    )
    for base in (tree["base"], tree["base_cell"]):
        entries = MemberRating.objects.filter(round=rnd, base_org=base).select_related(
            "member__person", "cell"
        )
        services.member_ratings_decide(
            by=users["super"],
            rnd=rnd,
            base_org=base,
            on=dt.date(2021, 12, 25),
            rows=[services.MemberDecision(entry=e, grade=Grade.GOOD) for e in entries],
        )
    client = login(users["board"])
    page = client.get(reverse("rating:round_detail", args=[rnd.pk])).content.decode()
    assert 'data-chart="grades-data"' in page and "chart.umd.min.js" in page
    assert '"values": [0, 4, 0, 0]' in page
    assert "So sánh với năm 2020" in page
    export = client.get(reverse("rating:round_export", args=[rnd.pk]))
    rows = list(
        openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True)
    )
    assert rows[0][1] == "Họ và tên"
    assert {r[8] for r in rows[1:]} == {"Hoàn thành tốt nhiệm vụ"}
    assert len(rows) == 5


def test_org_rating_page_decides_with_the_bound(tree, users, round_2021):
    rnd, members = round_2021
    rating = OrgRating.objects.get(round=rnd, org=tree["cell_a"], subject="organization")
    url = reverse("rating:org_rating", args=[rating.pk])
    base = login(users["base"])
    response = base.post(
        url, {"step": "decide", "d-grade": Grade.GOOD, "d-decided_on": "28/12/2021"}
    )
    assert "chưa được quyết định xếp loại" in response.content.decode()
    cell = login(users["cell"])
    assert (
        cell.post(
            url, {"step": "decide", "d-grade": Grade.GOOD, "d-decided_on": "28/12/2021"}
        ).status_code
        == 403
    )
    assert cell.post(url, {"step": "propose", "p-grade": Grade.EXCELLENT}).status_code == 302
    assert OrgRating.objects.get(pk=rating.pk).proposed_grade == Grade.EXCELLENT


def test_lock_refuses_until_all_decided_then_locks(tree, users, round_2021):
    rnd, _ = round_2021
    client = login(users["board"])
    url = reverse("rating:round_lock", args=[rnd.pk])
    response = client.post(url, {"decided_on": "31/12/2021"}, follow=True)
    assert "chưa được quyết định xếp loại" in response.content.decode()
    assert login(users["base"]).post(url, {"decided_on": "31/12/2021"}).status_code == 403
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.OPEN


def test_residence_pages(tree, users, make_member):
    member = make_member(tree["cell_a"], name="Lê Văn Cư Trú")
    client = login(users["cell"])
    listed = client.get(reverse("rating:residence_list"), {"year": 2021, "state": "missing"})
    assert "Lê Văn Cư Trú" in listed.content.decode()
    url = reverse("rating:residence_edit", args=[member.pk, 2021])
    response = client.post(url, {"exempt": "on"})
    assert 'data-field="exempt_reason"' in response.content.decode()
    response = client.post(
        url, {"received_on": "20/11/2021", "result": "good", "residence_cell": "Chi bộ phố Lê Lợi"}
    )
    assert response.status_code == 302
    listed = client.get(reverse("rating:residence_list"), {"year": 2021, "state": "missing"})
    assert 'id="residence-count">0<' in listed.content.decode()
    assert login(users["propaganda"]).post(url, {}).status_code == 403
    assert login(users["cell_b"]).get(url).status_code == 404
