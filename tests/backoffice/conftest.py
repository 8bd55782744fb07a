"""Shared fixtures for back office page tests: one user per role, placed on the tree.

`users[role]` is a User holding that role on the organization a person in that
office would hold it on in the `tree` fixture (see ROLE_ORG); `users["superuser"]`
is a superuser without roles. Log in with `client.force_login(users["..."])`.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from dangbo.accounts.models import Role, RoleAssignment

# role -> key of the `tree` fixture the role is held on
ROLE_ORG: dict[str, str] = {
    Role.ADMIN: "province",
    Role.BLOC_OFFICE: "bloc",
    Role.ORG_BOARD: "bloc",
    Role.INSPECTION: "bloc",
    Role.PROPAGANDA: "bloc",
    Role.MASS_MOBILIZATION: "bloc",
    Role.BASE_SECRETARY: "base",
    Role.CELL_SECRETARY: "cell_a",
    Role.MEMBER: "cell_a",
}


@pytest.fixture
def users(tree):
    """{role value: User with a RoleAssignment on ROLE_ORG[role]} plus "superuser".

    The "member" user has no Person linked; a test that needs one links it:
    `member.person.user = users["member"]; member.person.save()`.
    """
    model = get_user_model()
    out = {}
    for role, org_key in ROLE_ORG.items():
        user = model.objects.create_user(username=f"u_{role}")
        RoleAssignment.objects.create(user=user, role=role, organization=tree[org_key])
        out[str(role)] = user
    out["superuser"] = model.objects.create_superuser(username="u_super", password=None)
    return out
