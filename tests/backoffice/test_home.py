import datetime as dt
import json
import re

from django.urls import reverse
from django.utils import timezone


def figure(html: str, key: str) -> str:
    match = re.search(rf'data-key="{re.escape(key)}">([^<]*)<', html)
    assert match, f"no figure {key}"
    return match.group(1)


def chart_data(html: str) -> dict:
    match = re.search(r'<script id="membership-data" type="application/json">(.*?)</script>', html)
    assert match
    return json.loads(match.group(1))


def test_home_requires_login(client):
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 302
    assert reverse("backoffice:login") in response["Location"]


def test_home_shows_headline_figures_of_the_scope(client, tree, users, make_member):
    make_member(tree["cell_a"], name="Nguyễn Văn An")
    make_member(tree["cell_b"], name="Trần Thị Bình", admitted=dt.date(2020, 3, 2))
    make_member(tree["base_cell"], name="Lê Văn Cường", full=False, admitted=timezone.localdate())
    client.force_login(users["org_board"])

    html = client.get(reverse("backoffice:home")).content.decode()

    assert "Đảng bộ Khối" in html
    assert figure(html, "members.total") == "3"
    assert figure(html, "members.probationary") == "1"
    assert figure(html, "members.full") == "2"
    assert figure(html, "orgs.base") == "2"
    assert figure(html, "orgs.base_committees") == "1"
    assert figure(html, "orgs.sub_cells") == "2"
    assert f"tính đến ngày {timezone.localdate():%d/%m/%Y}" in html
    records = reverse("backoffice:indicator_records", args=["members.total"])
    assert f'href="{records}?org={tree["bloc"].pk}&amp;at=' in html


def test_home_figures_follow_the_users_own_subtree(client, tree, users, make_member):
    make_member(tree["cell_a"])
    make_member(tree["base_cell"])
    client.force_login(users["base_secretary"])

    html = client.get(reverse("backoffice:home")).content.decode()

    assert "Đảng bộ Sở Tài chính" in html
    assert figure(html, "members.total") == "1"
    assert "Đảng bộ Khối" not in html


def test_home_chart_counts_members_at_the_end_of_each_year(client, tree, users, make_member):
    today = timezone.localdate()
    make_member(tree["cell_a"], admitted=dt.date(today.year - 3, 6, 1))
    make_member(tree["cell_b"], admitted=dt.date(today.year - 1, 6, 1))
    client.force_login(users["base_secretary"])

    data = chart_data(client.get(reverse("backoffice:home")).content.decode())

    series = dict(zip(data["labels"], data["values"], strict=True))
    assert series[f"31/12/{today.year - 4}"] == 0
    assert series[f"31/12/{today.year - 3}"] == 1
    assert series[f"31/12/{today.year - 1}"] == 2
    assert data["labels"][-1] == today.strftime("%d/%m/%Y")
    assert len(data["labels"]) == 11


def test_superuser_sees_the_roots_of_the_tree(client, tree, users, make_member):
    make_member(tree["cell_a"])
    client.force_login(users["superuser"])

    html = client.get(reverse("backoffice:home")).content.decode()

    assert "Đảng bộ tỉnh" in html
    assert figure(html, "members.total") == "1"


def test_member_sees_a_link_to_their_own_record(client, tree, users, make_member):
    member = make_member(tree["cell_a"], name="Phạm Thị Dung")
    member.person.user = users["member"]
    member.person.save()
    client.force_login(users["member"])

    html = client.get(reverse("backoffice:home")).content.decode()

    assert reverse("backoffice:member_detail", args=[member.pk]) in html
    assert "Phạm Thị Dung" in html
    assert 'data-key="members.total"' not in html


def test_user_without_roles_is_told_so(client, db, django_user_model):
    user = django_user_model.objects.create_user(username="nobody")
    client.force_login(user)

    html = client.get(reverse("backoffice:home")).content.decode()

    assert "chưa được phân quyền" in html
