"""One demo login per role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from dangbo.accounts.models import Role, RoleAssignment
from dangbo.members.choices import MemberStatus
from dangbo.members.models import Member
from dangbo.orgs.models import Organization, OrgKind

DEMO_PASSWORD = "demo1234"  # noqa: S105 - the published password of the demo logins


def build_users(province: Organization) -> list[tuple[str, str, str]]:
    """Create the demo users; returns (username, role label, organization name)."""
    User = get_user_model()
    created: list[tuple[str, str, str]] = []
    # One shared password: hash it once (each hash costs half a second by design).
    hashed = make_password(DEMO_PASSWORD)

    def add(username: str, full_name: str, role: str | None, org: Organization) -> Any:
        # Vietnamese names read family name first; get_full_name() joins first + last.
        user = User.objects.create(
            username=username,
            password=hashed,
            first_name=full_name,
            is_superuser=role is None,
            is_staff=role is None,
        )
        if role is not None:
            RoleAssignment.objects.create(user=user, role=role, organization=org)
        label = "Quản trị hệ thống (superuser)" if role is None else str(Role(role).label)
        created.append((username, label, org.name))
        return user

    add("admin", "Quản trị Hệ thống", None, province)
    add("quantri", "Quản trị Tỉnh", Role.ADMIN, province)
    add("vanphong", "Văn phòng Tỉnh ủy", Role.BLOC_OFFICE, province)
    add("bantochuc", "Ban Tổ chức", Role.ORG_BOARD, province)
    add("ubkt", "Ủy ban Kiểm tra", Role.INSPECTION, province)
    add("tuyengiao", "Ban Tuyên giáo", Role.PROPAGANDA, province)
    add("danvan", "Ban Dân vận", Role.MASS_MOBILIZATION, province)
    base = (
        Organization.objects.filter(kind=OrgKind.BASE_COMMITTEE, dissolved_on__isnull=True)
        .order_by("code")
        .first()
    )
    assert base is not None
    add("bithucoso", "Bí thư Đảng ủy cơ sở", Role.BASE_SECRETARY, base)
    # The portal: a writer of a base committee, an editor of the province (all sections
    # below it: the bloc's, dissolved in 2025, and the committees that took over from it).
    add("phongvien", "Cộng tác viên tin bài", Role.NEWS_WRITER, base)
    add("bientap", "Biên tập viên Cổng thông tin", Role.NEWS_EDITOR, province)
    cell = Organization.objects.get_children(base).order_by("code").first()
    assert cell is not None
    add("bithuchibo", "Bí thư Chi bộ", Role.CELL_SECRETARY, cell)
    member = (
        Member.objects.filter(cell=cell)
        .exclude(status=MemberStatus.LEFT)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    assert member is not None
    user = add("dangvien", member.person.full_name, Role.MEMBER, cell)
    member.person.user = user
    member.person.save(update_fields=["user"])
    return created
