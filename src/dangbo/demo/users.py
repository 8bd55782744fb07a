"""One demo login per role."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from dangbo.accounts.models import Role, RoleAssignment
from dangbo.members.choices import MemberStatus
from dangbo.members.models import Member
from dangbo.orgs.models import Organization, OrgKind

DEMO_PASSWORD = "demo1234"  # noqa: S105 - the published password of the demo logins
# The demo roles were given at the start of the 2020–2025 term, before any real "today".
TERM_START = dt.date(2020, 10, 1)
GRANT_REASON = "Quyết định phân công nhiệm kỳ 2020–2025 (dữ liệu mẫu)"


def _at(day: dt.date) -> dt.datetime:
    """Eight in the morning of `day`, in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0)))


def build_users(province: Organization) -> list[tuple[str, str, str]]:
    """Create the demo users; returns (username, role label, organization name)."""
    User = get_user_model()
    created: list[tuple[str, str, str]] = []
    # One shared password: hash it once (each hash costs half a second by design).
    hashed = make_password(DEMO_PASSWORD)

    granter: Any = None  # the superuser "admin", made first, grants every demo role

    def add(username: str, full_name: str, role: str | None, org: Organization) -> Any:
        nonlocal granter
        # Vietnamese names read family name first; get_full_name() joins first + last.
        user = User.objects.create(
            username=username,
            password=hashed,
            first_name=full_name,
            is_superuser=role is None,
            is_staff=role is None,
        )
        if role is not None:
            RoleAssignment.objects.create(
                user=user, role=role, organization=org, starts_on=TERM_START,
                granted_by=granter, granted_at=_at(TERM_START), grant_reason=GRANT_REASON,
            )  # fmt: skip
        granter = granter or user
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
    _ended_role(User.objects.get(username="bithucoso"), cell, granter)
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


def _ended_role(user: Any, cell: Organization, granter: Any) -> None:
    """History: before the 2020 congress the base secretary led one of its cells; that
    role ended the day before the new term and grants nothing today."""
    first_day, last_day = dt.date(2015, 10, 1), TERM_START - dt.timedelta(days=1)
    RoleAssignment.objects.create(
        user=user, role=Role.CELL_SECRETARY, organization=cell, starts_on=first_day,
        ends_on=last_day, granted_by=granter, granted_at=_at(first_day),
        grant_reason="Quyết định phân công nhiệm kỳ 2015–2020 (dữ liệu mẫu)",
        ended_by=granter, ended_at=_at(last_day),
        end_reason="Hết nhiệm kỳ 2015–2020; được bầu Bí thư Đảng ủy cơ sở",
    )  # fmt: skip
