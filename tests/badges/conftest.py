"""Fixtures of the badge tests: members with 30 years of Party age in 2025, users by role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from dangbo.accounts.models import Role, RoleAssignment

ADMITTED = dt.date(1995, 3, 10)  # 30 years of Party age on 10/03/2025
REACHED_30 = dt.date(2025, 3, 10)
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def veteran(tree, make_member):
    return make_member(
        tree["cell_a"], name="Trần Văn Cựu", admitted=ADMITTED, birth_date=dt.date(1970, 1, 1)
    )


@pytest.fixture
def users(tree):
    model = get_user_model()
    where = {Role.BASE_SECRETARY: "base", Role.CELL_SECRETARY: "cell_b",
             Role.PROPAGANDA: "bloc", Role.ORG_BOARD: "bloc"}  # fmt: skip
    out = {}
    for role, key in where.items():
        user = model.objects.create_user(username=f"b_{role}")
        RoleAssignment.objects.create(user=user, role=role, organization=tree[key])
        out[str(role)] = user
    out["superuser"] = model.objects.create_superuser(username="b_super", password=None)
    return out
