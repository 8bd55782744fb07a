"""`dangbo demo --scale province|national`: a whole province (about 160.000 members)
or the whole country (about 5,5 million members in about 55.000 organizations).

Streams: organizations are written province by province and members cell by cell
in batches, so memory does not grow with the size. The tree is written with its
materialized paths computed here (the same encoding treebeard uses), because
55.000 calls to add_child would each re-read their parent.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction

from dangbo.core.text import fold, format_number
from dangbo.demo.bulk import EventSpec, MemberSpec, write_members
from dangbo.demo.people import IdentityNumbers, make_person, random_date
from dangbo.members.choices import EventKind
from dangbo.members.rules import add_months, probation_end
from dangbo.orgs.models import Organization, OrgEvent, OrgEventKind, OrgKind, OrgVersion, Sector

ALPHABET = Organization.alphabet
STEP = Organization.steplen
FOUNDED = dt.date(2025, 7, 1)  # the two-level local government


@dataclass(frozen=True)
class Plan:
    provinces: int = 34
    communes: int = 100
    cells_per_commune: int = 10
    upper_committees: int = 4
    bases_per_upper: int = 66
    members_per_cell: int = 112


SCALES = {
    "national": Plan(),
    "province": Plan(provinces=1),
}

UPPER = [
    ("Đảng bộ Ủy ban nhân dân", Sector.STATE_AGENCY),
    ("Đảng bộ các cơ quan Đảng", Sector.PARTY_OR_MASS_AGENCY),
    ("Đảng bộ Doanh nghiệp", Sector.STATE_ENTERPRISE),
    ("Đảng bộ Khối sự nghiệp", Sector.PUBLIC_SERVICE_UNIT),
]


def encode(index: int) -> str:
    """The treebeard path step for the index-th child (1-based)."""
    digits = []
    n = index
    base = len(ALPHABET)
    for _ in range(STEP):
        n, rest = divmod(n, base)
        digits.append(ALPHABET[rest])
    return "".join(reversed(digits))


@dataclass
class Node:
    code: str
    name: str
    kind: str
    sector: str
    path: str
    children: int = 0


class TreeWriter:
    """Buffers organizations with their versions and founding events."""

    def __init__(self) -> None:
        self.buffer: list[Node] = []
        self.cells: list[tuple[str, str]] = []  # (code, sector) of cells written

    def add(self, parent: Node | None, code: str, name: str, kind: str, sector: str = "") -> Node:
        if parent is None:
            path = encode(Organization.objects.filter(depth=1).count() + 1)
        else:
            parent.children += 1
            path = parent.path + encode(parent.children)
        node = Node(code, name, kind, sector, path)
        self.buffer.append(node)
        return node

    def flush(self) -> dict[str, Organization]:
        counts = {}
        for node in self.buffer:
            counts[node.path] = node.children
        orgs = Organization.objects.bulk_create(
            Organization(
                path=n.path,
                depth=len(n.path) // STEP,
                numchild=n.children,
                code=n.code,
                name=n.name,
                kind=n.kind,
                sector=n.sector,
                founded_on=FOUNDED,
                search_text=fold(f"{n.code} {n.name}"),
            )
            for n in self.buffer
        )
        by_path = {o.path: o for o in orgs}
        OrgVersion.objects.bulk_create(
            OrgVersion(
                org=o,
                parent_id=by_path[o.path[:-STEP]].pk if o.path[:-STEP] in by_path else None,
                code=o.code,
                name=o.name,
                kind=o.kind,
                sector=o.sector,
                path=o.path,
                valid_from=FOUNDED,
            )
            for o in orgs
        )
        OrgEvent.objects.bulk_create(
            OrgEvent(org=o, kind=OrgEventKind.FOUNDED, date=FOUNDED) for o in orgs
        )
        self.buffer = []
        return {o.code: o for o in orgs}


def _province_tree(writer: TreeWriter, root: Node, p: int, plan: Plan) -> None:
    code = f"T{p:02d}"
    province = writer.add(root, code, f"Đảng bộ tỉnh số {p}", OrgKind.PROVINCIAL_COMMITTEE)
    for c in range(1, plan.communes + 1):
        commune = writer.add(
            province, f"{code}-X{c:03d}", f"Đảng bộ xã, phường số {c} ({code})",
            OrgKind.BASE_COMMITTEE, Sector.OTHER,
        )  # fmt: skip
        for k in range(1, plan.cells_per_commune + 1):
            writer.add(
                commune, f"{code}-X{c:03d}-{k:02d}", f"Chi bộ thôn, tổ dân phố số {k}",
                OrgKind.SUB_CELL, Sector.OTHER,
            )  # fmt: skip
    for u, (label, sector) in enumerate(UPPER[: plan.upper_committees], start=1):
        upper = writer.add(
            province, f"{code}-U{u}", f"{label} ({code})", OrgKind.BLOC_COMMITTEE, sector
        )
        for b in range(1, plan.bases_per_upper + 1):
            base_code = f"{code}-U{u}-{b:03d}"
            if b % 3 == 0:
                base = writer.add(
                    upper, base_code, f"Đảng bộ cơ sở số {b}", OrgKind.BASE_COMMITTEE, sector
                )
                for k in range(1, 4):
                    writer.add(base, f"{base_code}-{k}", f"Chi bộ số {k}", OrgKind.SUB_CELL, sector)
            else:
                writer.add(upper, base_code, f"Chi bộ cơ sở số {b}", OrgKind.BASE_CELL, sector)


def _members_of_cell(
    rng: random.Random, ids: IdentityNumbers, cell: Organization, count: int, today: dt.date
) -> Iterator[MemberSpec]:
    for _ in range(count):
        age = min(80, max(19, int(rng.gauss(45, 14))))
        birth = random_date(
            rng, dt.date(today.year - age - 1, today.month, 1), add_months(today, -12 * age)
        )
        admitted = random_date(
            rng, add_months(birth, 12 * 19), add_months(birth, 12 * min(age, 40))
        )
        admitted = min(admitted, today - dt.timedelta(days=1))
        arrival = max(admitted, FOUNDED)
        if admitted < FOUNDED:
            events = [EventSpec(EventKind.TRANSFERRED_IN, arrival, cell.pk, status="full")]
            if probation_end(admitted) > FOUNDED:
                events[0].status = "probationary"
                events.append(EventSpec(EventKind.RECOGNIZED, probation_end(arrival)))
        else:
            events = [EventSpec(EventKind.ADMITTED, admitted, cell.pk)]
            events.append(EventSpec(EventKind.RECOGNIZED, probation_end(admitted)))
        events = [e for e in events if e.date <= today]
        yield MemberSpec(
            person=make_person(rng, ids, birth=birth, sector=cell.sector),
            events=events,
            admitted_on=admitted,
            full_on=probation_end(admitted) if probation_end(admitted) <= today else None,
            card_number=ids.card_number(),
            card_issued_on=FOUNDED,
        )


def build_national(
    *, scale: str, seed: int, progress: bool, today: dt.date, plan: Plan | None = None
) -> str:
    from dangbo.demo.generator import _progress
    from dangbo.demo.users import build_users

    plan = plan or SCALES[scale]
    rng = random.Random(seed)
    cells_per_province = plan.communes * plan.cells_per_commune + plan.upper_committees * (
        plan.bases_per_upper // 3 * 3 + (plan.bases_per_upper - plan.bases_per_upper // 3)
    )
    total_members = plan.provinces * cells_per_province * plan.members_per_cell
    written = 0
    orgs = 0
    with _progress(progress, "Đảng viên", total_members) as tick:
        with transaction.atomic():
            writer = TreeWriter()
            root = writer.add(None, "TW", "Đảng Cộng sản Việt Nam", OrgKind.CENTRAL)
            orgs += len(writer.flush())
            root_path = root.path
        for p in range(1, plan.provinces + 1):
            with transaction.atomic():
                root = Node("TW", "", OrgKind.CENTRAL, "", root_path, children=p - 1)
                _province_tree(writer, root, p, plan)
                Organization.objects.filter(path=root_path).update(numchild=p)
                by_code = writer.flush()
                orgs += len(by_code)
            ids = IdentityNumbers(province_code=f"{p:03d}")
            cells = [o for o in by_code.values() if o.kind in (OrgKind.SUB_CELL, OrgKind.BASE_CELL)]
            paths = {c.pk: c.path for c in cells}
            batch: list[MemberSpec] = []
            for cell in cells:
                count = max(5, int(rng.gauss(plan.members_per_cell, plan.members_per_cell / 4)))
                batch.extend(_members_of_cell(rng, ids, cell, count, today))
                if len(batch) >= 5000:
                    with transaction.atomic():
                        written += write_members(batch, paths)
                    tick(len(batch))
                    batch = []
            if batch:
                with transaction.atomic():
                    written += write_members(batch, paths)
                tick(len(batch))
    with transaction.atomic():
        logins = build_users(Organization.objects.get(path=root_path))
    return (
        f"Đã tạo dữ liệu quy mô {scale}: {format_number(orgs)} tổ chức đảng, "
        f"{format_number(written)} đảng viên.\n"
        + "\n".join(f"  {name:<11} {role} – {org}" for name, role, org in logins)
    )
