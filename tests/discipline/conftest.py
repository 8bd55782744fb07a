"""Fixtures of the discipline tests: the `tree` with members, a committee seat, users."""

from __future__ import annotations

import datetime as dt

import pytest

from dangbo.accounts.models import Role
from dangbo.orgs.models import Position
from dangbo.orgs.services import seat_create, term_create


@pytest.fixture
def cell_members(tree, make_member):
    """Six full members of cell A (admitted 2010) and one probationary member (2021)."""
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung",
             "Hoàng Văn Em", "Đỗ Thị Giang"]  # fmt: skip
    full = [make_member(tree["cell_a"], name=n) for n in names]
    probationary = make_member(
        tree["cell_a"], name="Vũ Văn Hải", admitted=dt.date(2021, 3, 1), full=False,
        birth_date=dt.date(1995, 1, 1),
    )  # fmt: skip
    return {"full": full, "probationary": probationary}


@pytest.fixture
def secretary(tree, cell_members):
    """The first member holds the cell's secretary seat since 2020."""
    member = cell_members["full"][0]
    term = term_create(org=tree["cell_a"], name="2020–2025", starts_on=dt.date(2020, 6, 1))
    seat = seat_create(
        term=term, member=member, position=Position.SECRETARY, starts_on=dt.date(2020, 6, 1)
    )
    return member, seat


@pytest.fixture
def roles(tree, user_with):
    return {
        "inspection": user_with(Role.INSPECTION, tree["bloc"]),
        "base_secretary": user_with(Role.BASE_SECRETARY, tree["base"]),
        "cell_secretary": user_with(Role.CELL_SECRETARY, tree["cell_a"]),
        "cell_b_secretary": user_with(Role.CELL_SECRETARY, tree["cell_b"]),
        "org_board": user_with(Role.ORG_BOARD, tree["bloc"]),
        "superuser": user_with(None),
    }
