"""Fixtures of the studies tests: users on an organization, a session with a point."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth import get_user_model

from dangbo.accounts.models import RoleAssignment
from dangbo.studies import services
from dangbo.studies.models import SessionKind

DAY = dt.date(2023, 2, 21)


@pytest.fixture
def user_with(db):
    """user_with(role, org) -> a user holding `role` on `org` (None: a superuser)."""
    counter = itertools.count(1)

    def make(role, org=None):
        model = get_user_model()
        n = next(counter)
        if role is None:
            return model.objects.create_superuser(username=f"super{n}", password="x")
        user = model.objects.create_user(username=f"{role}{n}", password="x")
        RoleAssignment.objects.create(user=user, role=role, organization=org)
        return user

    return make


@pytest.fixture
def session(tree):
    return services.session_save(
        org=tree["bloc"], kind=SessionKind.ONLINE_CONFERENCE, held_on=DAY, theme_year=2023,
        title="Hội nghị trực tuyến học tập Chuyên đề năm 2023",
        subject="Chuyên đề năm 2023 về xây dựng văn hóa công vụ",
        document_number="Kết luận số 01-KL/TW",
    )  # fmt: skip


@pytest.fixture
def staffed(tree, make_member):
    """Four members of the base committee's first cell, two of its second."""
    return {
        "a": [make_member(tree["cell_a"], name=f"Nguyễn Văn Ân {i}") for i in range(4)],
        "b": [make_member(tree["cell_b"], name=f"Trần Thị Bình {i}") for i in range(2)],
    }
