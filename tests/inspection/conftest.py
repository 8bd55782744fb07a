"""Fixtures of the inspection tests: users with a role on an organization, letters."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth import get_user_model

from dangbo.accounts.models import RoleAssignment


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
