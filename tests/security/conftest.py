"""Fixtures of the security tests (helpers in login_helpers.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from login_helpers import PASSWORD


@pytest.fixture
def make_user(db):
    """make_user(username, superuser=False) -> a user with the password PASSWORD."""

    def make(username: str, *, superuser: bool = False):
        model = get_user_model()
        if superuser:
            return model.objects.create_superuser(username=username, password=PASSWORD)
        return model.objects.create_user(username=username, password=PASSWORD)

    return make
