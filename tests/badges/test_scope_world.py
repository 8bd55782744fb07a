"""The scope walk's badge records are really shown where they may be (it is not vacuous)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dangbo.accounts.models import Role
from dangbo.badges.models import BadgeAward
from test_scope_every_url import MARK, build_world, readable_text


@pytest.mark.django_db(databases=["default", "portal"])
def test_the_walk_records_show_to_whom_they_may():
    world = build_world()
    b_award = BadgeAward.objects.get(decision_number=f"30-QĐ/{MARK}")
    superuser = Client()
    superuser.force_login(world.users["superuser"])
    for url in (reverse("badges:award_list"), reverse("badges:award_detail", args=[b_award.pk]),
                reverse("badges:award_export"),
                reverse("badges:member_history", args=[b_award.member_id])):  # fmt: skip
        assert MARK.lower() in readable_text(superuser.get(url)), url
    a_secretary = Client()
    a_secretary.force_login(world.users[Role.BASE_SECRETARY])
    listed = readable_text(a_secretary.get(reverse("badges:award_list")))
    assert "30-qđ/alpha" in listed and MARK.lower() not in listed
