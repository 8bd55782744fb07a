"""Pages are Vietnamese whatever language the browser asks for."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dangbo.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_a_browser_set_to_english_still_reads_vietnamese_errors(tree, client, user_with):
    client.force_login(user_with(Role.ORG_BOARD, tree["bloc"]))
    response = client.get(
        reverse("dashboard:home"), {"preset": "nine_months", "year": "2021"},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )  # fmt: skip
    body = response.content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in body
    assert "Select a valid choice" not in body
