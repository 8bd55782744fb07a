"""The dashboard page through the test client: scope, period form, figures and their links."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangbo.accounts.models import Role
from dangbo.orgs.services import term_create

URL = reverse("dashboard:home")


def _figure(html: str, key: str) -> tuple[str, str]:
    """(href, shown text) of the figure card of indicator `key`."""
    match = re.search(
        r'<a class="card figure-card[^"]*" href="([^"]+)"[^>]*>.*?data-key="'
        + re.escape(key)
        + r'">([^<]+)<',
        html,
        re.S,
    )
    assert match, f"no figure {key}"
    return match.group(1).replace("&amp;", "&"), match.group(2)


@pytest.fixture
def members(tree, make_member):
    make_member(tree["cell_a"], name="Trần Văn Bình")
    make_member(tree["cell_a"], name="Lê Thị Hoa")
    make_member(tree["cell_b"], name="Phạm Minh Tuấn")
    make_member(tree["base_cell"], name="Đỗ Thu Trang")


def test_login_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "dang-nhap" in response["Location"]


def test_a_cell_secretary_sees_only_their_cell(client, tree, users, members):
    client.force_login(users[Role.CELL_SECRETARY])
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["org"] == tree["cell_a"]
    assert [pk for pk, _ in response.context["picker"]] == [tree["cell_a"].pk]
    html = response.content.decode()
    href, text = _figure(html, "members.total")
    assert text == "2 đảng viên"  # the two members of the cell, not the four of the bloc
    assert f"org={tree['cell_a'].pk}" in href
    assert "Chi bộ Ngân sách" not in html


@pytest.mark.parametrize("other", ["cell_b", "bloc", "province"])
def test_an_organization_outside_the_scope_is_not_found(client, tree, users, other):
    client.force_login(users[Role.CELL_SECRETARY])
    assert client.get(URL, {"org": tree[other].pk}).status_code == 404


def test_a_malformed_organization_is_not_found(client, users):
    client.force_login(users[Role.CELL_SECRETARY])
    assert client.get(URL, {"org": "abc"}).status_code == 404
    assert client.get(URL, {"org": "999999"}).status_code == 404


def test_the_bloc_office_picks_an_organization_of_its_subtree(client, tree, users, members):
    client.force_login(users[Role.BLOC_OFFICE])
    response = client.get(URL)
    assert response.context["org"] == tree["bloc"]
    picker = dict(response.context["picker"])
    assert tree["cell_b"].pk in picker
    assert tree["province"].pk not in picker
    assert _figure(response.content.decode(), "members.total")[1] == "4 đảng viên"
    response = client.get(URL, {"org": tree["base"].pk})
    assert _figure(response.content.decode(), "members.total")[1] == "3 đảng viên"


def test_a_figure_links_to_its_records(client, tree, users, members):
    client.force_login(users[Role.BASE_SECRETARY])
    response = client.get(URL, {"org": tree["base"].pk, "preset": "year"})
    href, text = _figure(response.content.decode(), "members.total")
    records = client.get(href)
    assert records.status_code == 200
    page = records.content.decode()
    for name in ("Trần Văn Bình", "Lê Thị Hoa", "Phạm Minh Tuấn"):
        assert name in page
    assert "Đỗ Thu Trang" not in page  # a member of another base organization


def test_every_chart_has_its_data_and_a_table_fallback(client, tree, users, members):
    client.force_login(users[Role.BLOC_OFFICE])
    response = client.get(URL)
    html = response.content.decode()
    board = response.context["board"]
    ids = [c.id for c in board.charts]
    assert {"chart-membership", "chart-admissions", "chart-ratings", "chart-inspections"} <= set(
        ids
    )
    for chart in board.charts:
        if chart.series:
            assert f'data-dashboard-chart="{chart.id}-data"' in html
            assert f'id="{chart.id}-data"' in html
            assert f'data-chart-table="{chart.id}"' in html
    assert "dashboard/charts.js" in html
    assert "vendor/chartjs/chart.umd.min.js" in html


def test_the_default_period_is_this_year_up_to_today(client, users):
    from django.utils import timezone

    today = timezone.localdate()
    client.force_login(users[Role.BLOC_OFFICE])
    period = client.get(URL).context["board"].period
    year = today.year
    assert (period.start, period.end, period.at) == (dt.date(year, 1, 1), dt.date(year, 12, 31),
                                                     today)  # fmt: skip


def test_a_wrong_period_shows_the_error_next_to_the_field_and_keeps_the_input(client, users):
    client.force_login(users[Role.BLOC_OFFICE])
    response = client.get(URL, {"preset": "custom", "start": "01/05/2021", "end": "01/04/2021"})
    assert response.status_code == 200
    assert response.context["board"] is None
    html = response.content.decode()
    assert "Ngày bắt đầu phải trước ngày kết thúc." in html
    assert 'value="01/05/2021"' in html
    response = client.get(URL, {"preset": "custom", "start": "32/01/2021", "end": "01/04/2021"})
    assert response.context["form"].errors["start"]
    assert response.context["board"] is None


def test_the_term_preset_without_a_term_says_so(client, users):
    client.force_login(users[Role.BLOC_OFFICE])
    response = client.get(URL, {"preset": "term", "year": "2021"})
    assert "Chưa ghi nhiệm kỳ cấp ủy" in response.content.decode()


def _queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_period(client, tree, users, members,
                                                    django_assert_max_num_queries):  # fmt: skip
    client.force_login(users[Role.BLOC_OFFICE])
    term_create(org=tree["bloc"], name="2020–2025", starts_on=dt.date(2020, 8, 14),
                ends_on=dt.date(2025, 8, 1))  # fmt: skip
    # Every figure read from the cache (each period requested once before): a quarter, a
    # year (4 quarters on the chart) and a five-year term (its years) cost the same queries.
    periods = [{"preset": "q3", "year": "2021"}, {"preset": "year", "year": "2021"},
               {"preset": "term", "year": "2021"}]  # fmt: skip
    for params in periods:
        client.get(URL, params)  # fills the cache
    quarter, year, term = (_queries(client, params) for params in periods)
    # (The term preset reads the committee's term: one query, not one per year.)
    assert year <= quarter and term <= quarter + 1, (quarter, year, term)
    with django_assert_max_num_queries(15):
        client.get(URL, periods[1])


def test_two_days_without_a_preset_make_a_custom_period(client, users):
    client.force_login(users[Role.BLOC_OFFICE])
    period = client.get(URL, {"start": "01/03/2021", "end": "31/05/2021"}).context["board"].period
    assert (period.preset, period.start, period.end) == ("custom", dt.date(2021, 3, 1),
                                                         dt.date(2021, 5, 31))  # fmt: skip
    assert period.label == "Từ 01/03/2021 đến 31/05/2021"
