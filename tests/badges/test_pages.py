"""The badge pages through Django's test client: lists, forms with errors next to the
field, the .xlsx exports read back, and scope (404 out of sight, 403 read-only)."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from dangbo.badges import services
from dangbo.badges.models import AwardStatus, BadgeAward

from .conftest import TODAY

D = dt.date
pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def field_error(html: str, field: str) -> str:
    found = re.findall(rf'data-field="{field}">([^<]+)<', html)
    return " ".join(found)


def make_award(member, **kwargs):
    values = {"years": 30, "decision_number": "125-QĐ/TU", "decision_date": D(2025, 5, 5),
              "presented_on": D(2025, 5, 19), "occasion": "05-19", "today": TODAY}  # fmt: skip
    return services.badge_award(member=member, **(values | kwargs))


def read_xlsx(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return list(book.worksheets[0].iter_rows(values_only=True))


def test_proposal_list_by_year_and_by_presentation_date(veteran, users):
    client = client_for(users["base_secretary"])
    page = client.get(reverse("badges:home"), {"year": 2025}).content.decode()
    assert "Trần Văn Cựu" in page and 'id="proposal-count">1<' in page
    assert f'value="{veteran.pk}:30"' in page  # may be chosen for a batch
    by_may = client.get(reverse("badges:home"), {"by": "19/05/2025"}).content.decode()
    assert "Trần Văn Cựu" in by_may
    by_feb = client.get(reverse("badges:home"), {"by": "03/02/2025"}).content.decode()
    assert "Trần Văn Cựu" not in by_feb
    assert "Trần Văn Cựu" not in client.get(reverse("badges:home"), {"year": 2024}).content.decode()
    later = client.get(reverse("badges:home"), {"year": 2026}).content.decode()
    assert "Trần Văn Cựu" not in later
    backlog = client.get(reverse("badges:home"), {"year": 2026, "backlog": "on"}).content.decode()
    assert "Trần Văn Cựu" in backlog
    make_award(veteran)
    assert "Trần Văn Cựu" not in client.get(reverse("badges:home"), {"year": 2025}).content.decode()


def test_filters_by_level_and_an_unreadable_date(veteran, users):
    client = client_for(users["base_secretary"])
    other = client.get(reverse("badges:home"), {"year": 2025, "years": 40}).content.decode()
    assert "Trần Văn Cựu" not in other
    bad = client.get(reverse("badges:home"), {"by": "32/13/2025"}).content.decode()
    assert "dd/mm/yyyy" in field_error(bad, "by")


def test_proposal_export_is_the_list_shown(veteran, users):
    response = client_for(users["base_secretary"]).get(
        reverse("badges:proposal_export"), {"year": 2025}
    )
    rows = read_xlsx(response)
    assert rows[0][:2] == ("STT", "Họ và tên")
    assert rows[1][1] == "Trần Văn Cựu" and rows[1][7] == "30 năm tuổi đảng"
    assert len(rows) == 2


def test_out_of_scope_and_read_only(veteran, users):
    outsider = client_for(users["cell_secretary"])  # cell_b: does not see cell_a's members
    assert (
        "Trần Văn Cựu" not in outsider.get(reverse("badges:home"), {"year": 2025}).content.decode()
    )
    assert outsider.get(reverse("badges:member_history", args=[veteran.pk])).status_code == 404
    assert outsider.get(reverse("badges:award_create"), {"member": veteran.pk}).status_code == 404
    reader = client_for(users["propaganda"])
    page = reader.get(reverse("badges:home"), {"year": 2025}).content.decode()
    assert "Trần Văn Cựu" in page and 'name="line"' not in page
    assert reader.get(reverse("badges:award_create"), {"member": veteran.pk}).status_code == 403
    done = make_award(veteran)
    assert outsider.get(reverse("badges:award_detail", args=[done.pk])).status_code == 404
    assert reader.get(reverse("badges:award_return", args=[done.pk])).status_code == 403


def test_award_form_shows_the_error_next_to_the_field_then_records(veteran, users):
    client = client_for(users["base_secretary"])
    url = reverse("badges:award_create") + f"?member={veteran.pk}"
    data = {"member": veteran.pk, "years": 30, "decision_number": "9-QĐ/TU",
            "decision_date": "01/02/2025", "presented_on": "03/02/2025", "occasion": "02-03",
            "early_reason": "", "note": ""}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "chưa đủ 30 năm tuổi đảng" in field_error(response.content.decode(), "years")
    assert not BadgeAward.objects.exists()
    data |= {"decision_date": "05/05/2025", "presented_on": "19/05/2025", "occasion": "05-19"}
    response = client.post(url, data)
    assert response.status_code == 302
    history = client.get(reverse("badges:member_history", args=[veteran.pk])).content.decode()
    assert "19/05/2025" in history and "9-QĐ/TU" in history
    assert re.search(r'id="party-age">\d+ năm', history)


def test_pick_a_member_by_name_without_diacritics(veteran, users):
    page = client_for(users["base_secretary"]).get(
        reverse("badges:award_create"), {"q": "tran cuu"}
    )
    assert "Trần Văn Cựu" in page.content.decode()


def test_award_several_at_once(veteran, tree, make_member, users):
    other = make_member(tree["cell_b"], name="Phạm Thị Bền", admitted=D(1995, 1, 2),
                        birth_date=D(1971, 1, 1))  # fmt: skip
    young = make_member(tree["cell_b"], name="Lê Thị Trẻ", admitted=D(2000, 1, 1),
                        birth_date=D(1975, 1, 1))  # fmt: skip
    client = client_for(users["base_secretary"])
    url = reverse("badges:award_many")
    lines = [f"{veteran.pk}:30", f"{other.pk}:30", f"{young.pk}:30"]
    shown = client.get(url, {"line": lines}).content.decode()
    assert "Phạm Thị Bền" in shown and "Lê Thị Trẻ" in shown
    data = {"line": lines, "decision_number": "77-QĐ/TU", "decision_date": "05/05/2025",
            "presented_on": "19/05/2025", "occasion": "05-19"}  # fmt: skip
    refused = client.post(url, data).content.decode()
    assert "chưa đủ 30 năm" in field_error(refused, "line")
    assert not BadgeAward.objects.exists()
    data["line"] = lines[:2]
    assert client.post(url, data).status_code == 302
    assert BadgeAward.objects.filter(decision_number="77-QĐ/TU").count() == 2


def test_award_list_search_and_export(veteran, users):
    make_award(veteran)
    client = client_for(users["base_secretary"])
    page = client.get(reverse("badges:award_list"), {"q": "cuu"}).content.decode()
    assert "Trần Văn Cựu" in page and 'id="award-count">1<' in page
    assert (
        "Trần Văn Cựu"
        not in client.get(reverse("badges:award_list"), {"q": "khong co"}).content.decode()
    )
    rows = read_xlsx(client.get(reverse("badges:award_export"), {"year": 2025}))
    assert rows[1][1] == "Trần Văn Cựu" and rows[1][4] == "125-QĐ/TU"
    assert rows[1][6] == dt.datetime(2025, 5, 19)


def test_return_and_reissue_forms(veteran, users):
    done = make_award(veteran)
    client = client_for(users["base_secretary"])
    response = client.post(reverse("badges:award_return", args=[done.pk]),
                           {"returned_on": "01/06/2025", "note": ""})  # fmt: skip
    assert "ra khỏi Đảng" in field_error(response.content.decode(), "returned_on")
    response = client.post(reverse("badges:award_reissue", args=[done.pk]),
                           {"reissued_on": "01/06/2025", "reason": "Bị mất"})  # fmt: skip
    assert response.status_code == 302
    done.refresh_from_db()
    assert done.status == AwardStatus.REISSUED
    detail = client.get(reverse("badges:award_detail", args=[done.pk])).content.decode()
    assert "Đã cấp lại" in detail and "01/06/2025" in detail


def test_figures_page(veteran, tree, users):
    make_award(veteran)
    client = client_for(users["base_secretary"])
    page = client.get(reverse("badges:figures"), {"org": tree["base"].pk, "year": 2025})
    html = page.content.decode()
    assert 'id="awarded-total">1<' in html and 'id="chart-badges"' in html
    assert "30 năm" in html
