import datetime as dt

import pytest

from dangbo.demo.national import Plan, build_national
from dangbo.indicators.registry import Context, compute
from dangbo.members.models import Member
from dangbo.orgs.models import Organization, OrgKind


@pytest.mark.django_db
def test_streamed_national_tree_has_valid_paths_and_counts_from_records():
    plan = Plan(provinces=2, communes=3, cells_per_commune=2, upper_committees=2,
                bases_per_upper=3, members_per_cell=6)  # fmt: skip
    build_national(scale="national", seed=1, progress=False, today=dt.date(2026, 11, 1), plan=plan)
    root = Organization.objects.get(code="TW")
    # treebeard agrees with the paths written by hand.
    assert Organization.objects.find_problems() == ([], [], [], [], [])
    assert Organization.objects.get_children_count(root) == 2
    province = Organization.objects.get(code="T02")
    assert province.path.startswith(root.path)
    day = dt.date(2026, 11, 1)
    total = compute("members.total", Context(scope=root, at=day)).value
    assert total == Member.objects.exclude(status="left").count() > 0
    assert compute("orgs.base", Context(scope=root, at=day)).value == 2 * (3 + 2 * 3)
    assert compute("orgs.sub_cells", Context(scope=root, at=day)).value == 2 * (3 * 2 + 2 * 3)
    per_province = [
        compute("members.total", Context(scope=o, at=day)).value
        for o in Organization.objects.filter(kind=OrgKind.PROVINCIAL_COMMITTEE)
    ]
    assert sum(per_province) == total
