import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangbo.indicators.registry import Context, compute
from dangbo.orgs.models import OrgKind
from dangbo.orgs.selectors import resolve_code
from dangbo.orgs.services import org_create, org_dissolve, org_move, org_rename


def value(key, org, day):
    return compute(key, Context(scope=org, at=day)).value


def test_moving_a_base_organization_keeps_past_counts(tree, make_member):
    make_member(tree["cell_a"])
    make_member(tree["cell_b"])
    make_member(tree["base_cell"])
    new = org_create(
        parent=tree["province"],
        code="CQD",
        name="Đảng bộ các cơ quan Đảng tỉnh",
        kind=OrgKind.BLOC_COMMITTEE,
        founded_on=dt.date(2025, 2, 1),
    )
    before = dt.date(2024, 12, 31)
    assert value("members.total", tree["bloc"], before) == 3
    assert value("orgs.base", tree["bloc"], before) == 2
    org_move(org=tree["base"], new_parent=new, date=dt.date(2025, 2, 10))
    org_move(org=tree["base_cell"], new_parent=new, date=dt.date(2025, 2, 10))
    org_dissolve(org=tree["bloc"], date=dt.date(2025, 2, 10), decision_number="01-QĐ/TU")
    assert value("members.total", tree["bloc"], before) == 3
    assert value("orgs.base", tree["bloc"], before) == 2
    assert value("orgs.sub_cells", tree["bloc"], before) == 2
    after = dt.date(2026, 6, 30)
    assert value("members.total", tree["bloc"], after) == 0
    assert value("members.total", new, after) == 3
    assert value("orgs.base", new, after) == 2
    assert value("members.total", tree["province"], before) == value(
        "members.total", tree["province"], after
    )


def test_dissolving_an_organization_with_members_is_refused(tree, make_member):
    make_member(tree["base_cell"])
    with pytest.raises(ValidationError, match="còn đảng viên"):
        org_dissolve(org=tree["base_cell"], date=dt.date(2025, 1, 1))


def test_old_codes_resolve_for_old_documents(tree):
    org_rename(
        org=tree["base"], date=dt.date(2025, 7, 1), name="Đảng bộ Sở Tài chính mới", code="CQ-07"
    )
    assert resolve_code("K-01", at=dt.date(2021, 1, 1)) == tree["base"]
    assert resolve_code("K-01") == tree["base"]
    assert resolve_code("CQ-07") == tree["base"]
