"""A refusal says why, in Vietnamese, on the back office's own page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dangbo.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_a_refused_page_shows_its_reason(tree, client, user_with):
    # The propaganda board does not send calls for reports: the 403 page says why.
    client.force_login(user_with(Role.PROPAGANDA, tree["bloc"]))
    response = client.get(reverse("submissions:call_create"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Đồng chí không có quyền gửi yêu cầu báo cáo." in body
    assert 'id="refusal"' in body
