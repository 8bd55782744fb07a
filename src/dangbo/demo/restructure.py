"""The 2025 restructuring in the demo: the bloc committee is dissolved and its base
organizations move to the new committees or to local committees (decisions of the
provincial standing committee, dated 10/02/2025)."""

from __future__ import annotations

import datetime as dt

from dangbo.demo.bloc import RESTRUCTURE
from dangbo.orgs.models import Organization, OrgKind, Sector
from dangbo.orgs.services import org_create, org_dissolve, org_move

LOCAL_COMMITTEES = ["phường Hạc Thành", "phường Quảng Phú", "phường Đông Sơn"]


def restructure(province: Organization, bloc: Organization, today: dt.date) -> list[Organization]:
    if today < RESTRUCTURE:
        return []
    party = org_create(
        parent=province,
        code="DCQD",
        name="Đảng bộ các cơ quan Đảng tỉnh",
        kind=OrgKind.BLOC_COMMITTEE,
        sector=Sector.PARTY_OR_MASS_AGENCY,
        founded_on=RESTRUCTURE,
        decision_number="2391-QĐ/TU",
    )
    government = org_create(
        parent=province,
        code="DUBND",
        name="Đảng bộ Ủy ban nhân dân tỉnh",
        kind=OrgKind.BLOC_COMMITTEE,
        sector=Sector.STATE_AGENCY,
        founded_on=RESTRUCTURE,
        decision_number="2392-QĐ/TU",
    )
    locals_ = [
        org_create(
            parent=province,
            code=f"DBP-{i:02d}",
            name=f"Đảng bộ {name}",
            kind=OrgKind.LOCAL_COMMITTEE,
            founded_on=RESTRUCTURE,
            decision_number=f"{2400 + i}-QĐ/TU",
        )
        for i, name in enumerate(LOCAL_COMMITTEES, start=1)
    ]
    bloc = Organization.objects.get(pk=bloc.pk)  # fresh numchild for treebeard
    bases = list(Organization.objects.get_children(bloc).filter(dissolved_on__isnull=True))
    enterprise_index = 0
    for base in bases:
        if base.sector == Sector.PARTY_OR_MASS_AGENCY:
            target = party
        elif base.sector in (Sector.PRIVATE_ENTERPRISE, Sector.FDI_ENTERPRISE):
            target = locals_[enterprise_index % len(locals_)]
            enterprise_index += 1
        else:
            target = government
        org_move(org=base, new_parent=target, date=RESTRUCTURE, decision_number="2393-QĐ/TU")
    org_dissolve(org=bloc, date=RESTRUCTURE, decision_number="2390-QĐ/TU")
    return [party, government, *locals_]
