"""The periods of the dashboard: presets, the committee term, custom A..B."""

import datetime as dt

import pytest

from dangbo.dashboard.charts import _buckets, _rating_years, time_points
from dangbo.dashboard.periods import period_for, term_of
from dangbo.orgs.services import term_create

D = dt.date
TODAY = D(2021, 8, 15)


@pytest.mark.parametrize(
    ("preset", "start", "end", "at"),
    [
        ("year", D(2021, 1, 1), D(2021, 12, 31), TODAY),
        ("h1", D(2021, 1, 1), D(2021, 6, 30), D(2021, 6, 30)),
        ("m9", D(2021, 1, 1), D(2021, 9, 30), TODAY),
        ("q1", D(2021, 1, 1), D(2021, 3, 31), D(2021, 3, 31)),
        ("q2", D(2021, 4, 1), D(2021, 6, 30), D(2021, 6, 30)),
        ("q3", D(2021, 7, 1), D(2021, 9, 30), TODAY),
    ],
)
def test_presets_count_up_to_today_at_most(tree, preset, start, end, at):
    period = period_for(tree["bloc"], preset=preset, year=2021, today=TODAY)
    assert (period.start, period.end, period.at) == (start, end, at)
    assert period.running == (at < end)


def test_labels_name_the_period_and_the_day_it_is_counted_to(tree):
    assert period_for(tree["bloc"], preset="m9", year=2021, today=TODAY).label == (
        "9 tháng đầu năm 2021, tính đến 15/08/2021"
    )
    assert period_for(tree["bloc"], preset="q2", year=2021, today=TODAY).label == "Quý II năm 2021"


def test_a_quarter_that_has_not_begun_is_refused(tree):
    with pytest.raises(ValueError, match="chưa có số liệu"):
        period_for(tree["bloc"], preset="q4", year=2021, today=TODAY)


def test_custom_period_needs_both_days_in_order(tree):
    with pytest.raises(ValueError, match="cả ngày bắt đầu"):
        period_for(tree["bloc"], preset="custom", year=2021, today=TODAY, start=D(2021, 1, 1))
    with pytest.raises(ValueError, match="trước ngày kết thúc"):
        period_for(
            tree["bloc"], preset="custom", year=2021, today=TODAY, start=D(2021, 5, 1),
            end=D(2021, 4, 1),
        )  # fmt: skip
    period = period_for(
        tree["bloc"], preset="custom", year=2000, today=TODAY, start=D(2020, 3, 1),
        end=D(2020, 5, 31),
    )  # fmt: skip
    assert (period.start, period.end, period.at) == (D(2020, 3, 1), D(2020, 5, 31), D(2020, 5, 31))


def test_the_term_is_the_nearest_ancestors_when_the_org_has_none(tree):
    term = term_create(org=tree["bloc"], name="2020–2025", starts_on=D(2020, 8, 14),
                       ends_on=D(2025, 2, 10))  # fmt: skip
    assert term_of(tree["cell_a"], TODAY) == term
    own = term_create(org=tree["base"], name="2020–2025", starts_on=D(2020, 6, 1))
    assert term_of(tree["cell_a"], TODAY) == own
    period = period_for(tree["bloc"], preset="term", year=2021, today=TODAY)
    assert (period.start, period.end, period.at) == (D(2020, 8, 14), D(2025, 2, 10), TODAY)
    assert period.label.startswith("Nhiệm kỳ 2020–2025")


def test_a_term_preset_without_a_term_says_so(tree):
    with pytest.raises(ValueError, match="Chưa ghi nhiệm kỳ cấp ủy"):
        period_for(tree["bloc"], preset="term", year=2021, today=TODAY)


def test_time_points_are_month_ends_up_to_at_or_year_ends_for_a_long_period(tree):
    period = period_for(tree["bloc"], preset="m9", year=2021, today=TODAY)
    points, fmt = time_points(period)
    assert points == [
        D(2021, m, 28 if m == 2 else 30 if m in (4, 6) else 31) for m in range(1, 8)
    ] + [TODAY]
    assert fmt == "%m/%Y"
    long = period_for(
        tree["bloc"], preset="custom", year=2021, today=TODAY, start=D(2018, 3, 1),
        end=D(2021, 12, 31),
    )  # fmt: skip
    assert time_points(long) == ([D(2018, 12, 31), D(2019, 12, 31), D(2020, 12, 31), TODAY], "%Y")


def test_buckets_are_quarters_or_years(tree):
    period = period_for(tree["bloc"], preset="year", year=2021, today=TODAY)
    assert [b[0] for b in _buckets(period)] == ["Quý I/2021", "Quý II/2021", "Quý III/2021",
                                                "Quý IV/2021"]  # fmt: skip
    long = period_for(
        tree["bloc"], preset="custom", year=2021, today=TODAY, start=D(2018, 3, 1),
        end=D(2021, 6, 30),
    )  # fmt: skip
    assert [b[0] for b in _buckets(long)] == ["2018", "2019", "2020", "2021"]


def test_ratings_of_a_year_compare_with_the_year_before(tree):
    assert _rating_years(period_for(tree["bloc"], preset="m9", year=2021, today=TODAY)) == [
        2020, 2021
    ]  # fmt: skip
