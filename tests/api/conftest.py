"""Fixtures for API tests: users holding roles on the `tree` fixture, and a JSON client."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from dangbo.accounts.models import Role, RoleAssignment


@pytest.fixture
def role_user(tree):
    """role_user(role, org_key) -> a user holding `role` on tree[org_key]."""
    model = get_user_model()

    def make(role: str, org_key: str, username: str | None = None):
        user = model.objects.create_user(username=username or f"api_{role}_{org_key}", password="x")
        RoleAssignment.objects.create(user=user, role=role, organization=tree[org_key])
        return user

    return make


@pytest.fixture
def as_user(role_user):
    """as_user(role, org_key) -> a test Client logged in as such a user."""

    def make(role: str = Role.BASE_SECRETARY, org_key: str = "base") -> Client:
        client = Client()
        client.force_login(role_user(role, org_key))
        return client

    return make
