"""The dashboard's rows and charts, computed from records in a small tree."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from dangbo.accounts.models import Role
from dangbo.dashboard.periods import period_for
from dangbo.dashboard.selectors import dashboard_for, display
from dangbo.programmes.services import target_enter_value, target_save

D = dt.date
MID_YEAR = D(2021, 6, 30)  # 181 of 365 days: 6 admissions project to 12,1


def _admit(make_member, cell, n, *, month=1):
    for i in range(n):
        make_member(cell, name=f"Đảng viên {month}-{i}", admitted=D(2021, month, 10 + i),
                    full=False)  # fmt: skip


def _target(org, value=12, **kw):
    fields = {
        "org": org, "label": f"Kết nạp ít nhất {value} đảng viên mới", "comparison": "at_least",
        "value": Decimal(value), "period_kind": "year", "period_start": D(2021, 1, 1),
        "period_end": D(2021, 12, 31), "indicator_key": "members.admitted",
    }  # fmt: skip
    fields.update(kw)
    return target_save(**fields)


def _board(org, today=MID_YEAR, preset="year", **kw):
    return dashboard_for(org, period_for(org, preset=preset, year=2021, today=today), **kw)


def test_six_of_twelve_by_mid_year_projects_twelve_and_is_on_track(tree, make_member):
    _admit(make_member, tree["cell_a"], 3, month=2)
    _admit(make_member, tree["cell_b"], 3, month=5)
    _admit(make_member, tree["cell_a"], 2, month=7)  # after the day counted to
    target = _target(tree["base"])
    (row,) = _board(tree["base"]).targets
    assert row.progress.target == target
    assert row.progress.actual == 6
    assert row.progress.share == 50
    assert row.progress.projection == pytest.approx(6 * 365 / 181, abs=0.01)
    assert row.status == "on_track"
    assert row.warning == ""
    assert row.projection_text == "12,1"
    assert row.progress.text == "6/12 (50%)"


def test_two_of_twelve_by_mid_year_will_miss_and_warns(
    client, tree, users, make_member, monkeypatch
):
    _admit(make_member, tree["cell_a"], 2, month=3)
    _target(tree["base"])
    board = _board(tree["base"])
    (row,) = board.targets
    assert row.progress.actual == 2
    assert row.progress.projection == pytest.approx(2 * 365 / 181, abs=0.01)
    assert row.status == "at_risk"
    assert row.warning == (
        "Theo tiến độ hiện nay, đến 31/12/2021 chỉ đạt khoảng 4/12: có nguy cơ không đạt chỉ tiêu."
    )
    assert board.warnings == [row]

    # The page shows the warning and links the actual to its records.
    monkeypatch.setattr("dangbo.dashboard.views.home.today", lambda: MID_YEAR)
    client.force_login(users[Role.BASE_SECRETARY])
    response = client.get(reverse("dashboard:home"), {"org": tree["base"].pk, "year": "2021"})
    html = response.content.decode()
    assert 'id="target-warnings"' in html
    assert "có nguy cơ không đạt chỉ tiêu" in html
    assert 'data-status="at_risk"' in html
    assert row.progress.records_url.replace("&", "&amp;") in html


def test_after_the_period_a_target_short_of_its_value_is_missed(tree, make_member):
    _admit(make_member, tree["cell_a"], 2, month=3)
    _target(tree["base"])
    (row,) = _board(tree["base"], today=D(2022, 3, 1)).targets
    assert row.status == "missed"
    assert row.warning == "Không đạt chỉ tiêu: 2/12 (16,67%)."


def test_a_target_entered_by_hand_is_marked_with_who_and_when(client, tree, users):
    target = _target(
        tree["bloc"], value=2, label="Phát triển ít nhất 2 tổ chức cơ sở đảng ngoài nhà nước",
        indicator_key="",
    )  # fmt: skip
    target_enter_value(target=target, at=D(2021, 5, 1), value=Decimal(1),
                       user=users[Role.BLOC_OFFICE])  # fmt: skip
    (row,) = _board(tree["bloc"]).targets
    assert row.progress.manual
    assert row.progress.entered_by == users[Role.BLOC_OFFICE]
    client.force_login(users[Role.BLOC_OFFICE])
    response = client.get(reverse("dashboard:home"), {"preset": "year", "year": "2020"})
    assert "Nhập tay" not in response.content.decode()  # not a target of 2020
    response = client.get(
        reverse("dashboard:home"),
        {"preset": "custom", "start": "01/01/2021", "end": "30/06/2021"},
    )
    html = response.content.decode()
    assert "Nhập tay" in html
    assert users[Role.BLOC_OFFICE].username in html


def test_targets_below_the_scope_only_when_asked(tree, make_member):
    _target(tree["base"])
    assert _board(tree["bloc"]).targets == []
    (row,) = _board(tree["bloc"], below=True).targets
    assert row.org_name == tree["base"].name


def test_targets_outside_the_users_scope_are_left_out(tree, users):
    _target(tree["cell_b"])
    assert _board(tree["base"], below=True, user=users[Role.BASE_SECRETARY]).targets != []
    assert _board(tree["cell_a"], below=True, user=users[Role.CELL_SECRETARY]).targets == []


def test_membership_chart_follows_the_admissions_month_by_month(tree, make_member):
    make_member(tree["cell_a"], name="Cũ", admitted=D(2015, 1, 1))
    _admit(make_member, tree["cell_a"], 2, month=2)
    _admit(make_member, tree["cell_b"], 1, month=4)
    board = _board(tree["base"], preset="h1")
    chart = next(c for c in board.charts if c.id == "chart-membership")
    assert chart.labels == ["01/2021", "02/2021", "03/2021", "04/2021", "05/2021", "06/2021"]
    assert chart.series[0].values == [1, 3, 3, 4, 4, 4]
    assert "members.total" in chart.series[0].urls[1]
    assert "at=28%2F02%2F2021" in chart.series[0].urls[1]
    assert chart.table()[1] == ("02/2021", [("3 đảng viên", chart.series[0].urls[1])])


def test_admissions_chart_draws_the_target_and_the_pace(tree):
    _target(tree["bloc"], value=120, indicator_key="admission.admitted")
    board = _board(tree["bloc"], preset="m9", today=D(2021, 9, 30))
    chart = next(c for c in board.charts if c.id == "chart-admissions")
    assert len(chart.labels) == 9
    actual, goal, pace = chart.series
    assert actual.values == [0] * 9
    assert goal.values == [120.0] * 9
    assert goal.dashed and pace.dashed
    assert pace.values[0] == round(120 * 31 / 365, 1)
    assert pace.values[-1] == round(120 * 273 / 365, 1)
    assert chart.note == ""


def test_admissions_chart_says_when_there_is_no_target(tree):
    board = _board(tree["bloc"])
    chart = next(c for c in board.charts if c.id == "chart-admissions")
    assert len(chart.series) == 1
    assert chart.note == "Chưa có chỉ tiêu kết nạp đảng viên cho kỳ này."


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (3407, "đảng viên", "3.407 đảng viên"),
        (75.0, "%", "75%"),
        (96.666, "%", "96,67%"),
        (1830800000, "đồng", "1.830,8 triệu đồng"),
        ({"a": 2, "b": 3}, "tổ chức", "5 tổ chức"),
        (None, "", "–"),
    ],
)
def test_figures_are_written_the_vietnamese_way(value, unit, text):
    assert display(value, unit) == text


def test_admissions_chart_picks_the_target_of_the_period(tree):
    _target(tree["bloc"], value=300, indicator_key="admission.admitted", period_kind="term",
            period_start=D(2020, 8, 14), period_end=D(2025, 2, 10))  # fmt: skip
    _target(tree["bloc"], value=120, indicator_key="admission.admitted")
    board = _board(tree["bloc"], preset="m9", today=D(2021, 9, 30))
    chart = next(c for c in board.charts if c.id == "chart-admissions")
    assert chart.series[1].values[0] == 120.0
    assert len(board.targets) == 2
