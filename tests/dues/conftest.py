"""Fixtures of the dues tests: a member with a basis (users per role: tests/conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from dangbo.dues.models import BasisKind
from dangbo.dues.services import dues_basis_set


@pytest.fixture
def salaried(tree, make_member):
    """A member of cell_a since 2010 on a salary of 10.000.000 đ from 01/2025."""
    member = make_member(tree["cell_a"], name="Lê Thị Thu")
    dues_basis_set(
        member=member, from_month=dt.date(2025, 1, 1), kind=BasisKind.SALARY, amount=10_000_000
    )
    return member
