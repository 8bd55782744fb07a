from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth import get_user_model

from dangbo.accounts.models import Role, RoleAssignment
from dangbo.members.choices import EventKind, Gender
from dangbo.members.services import member_create, person_save
from dangbo.orgs.models import OrgKind, Sector
from dangbo.orgs.services import org_create

_counter = itertools.count(1)


@pytest.fixture
def tree(db):
    """A small tree: province > bloc > base committee > 2 sub cells; bloc > base cell."""
    day = dt.date(2000, 1, 1)
    province = org_create(
        parent=None,
        code="T",
        name="Đảng bộ tỉnh",
        kind=OrgKind.PROVINCIAL_COMMITTEE,
        founded_on=day,
    )
    bloc = org_create(
        parent=province, code="K", name="Đảng bộ Khối", kind=OrgKind.BLOC_COMMITTEE, founded_on=day
    )
    base = org_create(
        parent=bloc,
        code="K-01",
        name="Đảng bộ Sở Tài chính",
        kind=OrgKind.BASE_COMMITTEE,
        sector=Sector.STATE_AGENCY,
        founded_on=day,
    )
    cell_a = org_create(
        parent=base, code="K-01-1", name="Chi bộ Văn phòng", kind=OrgKind.SUB_CELL, founded_on=day
    )
    cell_b = org_create(
        parent=base, code="K-01-2", name="Chi bộ Ngân sách", kind=OrgKind.SUB_CELL, founded_on=day
    )
    base_cell = org_create(
        parent=bloc,
        code="K-02",
        name="Chi bộ Công ty Điện",
        kind=OrgKind.BASE_CELL,
        sector=Sector.STATE_ENTERPRISE,
        founded_on=day,
    )
    return {
        "province": province,
        "bloc": bloc,
        "base": base,
        "cell_a": cell_a,
        "cell_b": cell_b,
        "base_cell": base_cell,
    }


@pytest.fixture
def make_member(db):
    def make(cell, *, name="Nguyễn Văn Đức", admitted=dt.date(2010, 5, 19), full=True, **person):
        n = next(_counter)
        fields = {
            "full_name": name,
            "gender": Gender.MALE,
            "birth_date": dt.date(1980, 1, 1),
            "citizen_id": f"{n:012d}",
        }
        fields.update(person)
        p = person_save(**fields)
        member = member_create(person=p, kind=EventKind.ADMITTED, date=admitted, cell=cell)
        if full:
            from dangbo.members.rules import probation_end
            from dangbo.members.services import member_record_event

            member_record_event(
                member=member, kind=EventKind.RECOGNIZED, date=probation_end(admitted)
            )
            member.refresh_from_db()
        return member

    return make


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: on SQLite the ids of a rolled-back test are
    taken again, so a data version could repeat across tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
def demo_media(settings, tmp_path):
    """Uploaded files of an in-process demo build (the portal's images) go to a temporary
    directory; such a test also marks django_db(databases=["default", "portal"])."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _login_security_for_tests(monkeypatch, settings):
    """Test logins of administrators carry a verified second factor, honestly: a recovery
    device is created for the user and its id put in the session, as django-otp's login
    does after a right code. Failed logins do not pause (docs/SECURITY.md, "Login")."""
    from django.test import Client

    settings.DANGBO_LOGIN_FAILURE_DELAY = 0
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from dangbo.accounts.login_guard import second_factor_required

        # A fresh copy: scope_of() caches the grants on the object it is given.
        if second_factor_required(type(user).objects.get(pk=user.pk)):
            verify_client_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


def verify_client_session(client, user):
    """Mark the client's session as having passed the second factor with a device of `user`."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(user=user, name="Kiểm thử")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
