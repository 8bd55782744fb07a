from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from dangbo.accounts.models import Role, RoleAssignment
from dangbo.rating import services
from dangbo.rating.models import CommentResult


@pytest.fixture
def users(tree):
    """One user per role that matters here, each on its place in the tree."""
    model = get_user_model()
    made = {}
    for name, role, org in (
        ("board", Role.ORG_BOARD, tree["bloc"]),
        ("base", Role.BASE_SECRETARY, tree["base"]),
        ("cell", Role.CELL_SECRETARY, tree["cell_a"]),
        ("cell_b", Role.CELL_SECRETARY, tree["cell_b"]),
        ("base_cell", Role.CELL_SECRETARY, tree["base_cell"]),
        ("propaganda", Role.PROPAGANDA, tree["bloc"]),
    ):
        user = model.objects.create_user(username=name, password="x")
        RoleAssignment.objects.create(user=user, role=role, organization=org)
        made[name] = user
    made["super"] = model.objects.create_superuser(username="root", password="x")
    return made


@pytest.fixture
def comment(users):
    """Record a received residence comment for a member and year."""

    def make(member, year):
        return services.residence_comment_save(
            by=users["super"],
            member=member,
            year=year,
            residence_cell="Chi bộ khu phố 3",
            requested_on=dt.date(year, 11, 1),
            received_on=dt.date(year, 11, 20),
            result=CommentResult.GOOD,
        )

    return make
