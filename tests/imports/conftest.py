"""Fixtures for the Excel import/export: immediate tasks, a media folder, users, sheets."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth import get_user_model

from dangbo.accounts.models import Role, RoleAssignment


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    """Background jobs run at once, and their files go to a temporary folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


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
def board(tree, user_with):
    """The bloc's organization board: may import and export in the whole bloc."""
    return user_with(Role.ORG_BOARD, tree["bloc"])
