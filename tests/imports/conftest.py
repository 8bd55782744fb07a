"""Fixtures for the Excel import/export: immediate tasks, a media folder, users, sheets."""

from __future__ import annotations

import pytest

from dangbo.accounts.models import Role


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    """Background jobs run at once, and their files go to a temporary folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def board(tree, user_with):
    """The bloc's organization board: may import and export in the whole bloc."""
    return user_with(Role.ORG_BOARD, tree["bloc"])
