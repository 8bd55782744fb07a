"""The demo bloc: a provincial committee (DBT) with the bloc committee (DBK) of the
seeds as of 30/09/2021 (3.407 members, 76 base organizations: 31 base committees
with 203 subordinate cells, and 45 base cells), its history before that date and
its life after it, through the 2025 restructuring, up to today."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from dangbo.demo import names
from dangbo.demo.bulk import MemberSpec, write_members
from dangbo.demo.histories import HORIZON, SNAPSHOT, Cell, Histories
from dangbo.demo.people import IdentityNumbers, random_date
from dangbo.orgs.models import Organization, OrgKind, Sector
from dangbo.orgs.services import org_create

RESTRUCTURE = dt.date(2025, 2, 10)
BLOC_FOUNDED = dt.date(2008, 3, 1)

ACTIVE_AT_SNAPSHOT = 3407
BASE_COMMITTEES = 31
SUB_CELLS = 203
BASE_CELLS = 45
ADMITTED_JAN_SEP_2021 = 116
LEFT_BEFORE_SNAPSHOT = 1500
ADMITTED_AFTER_PER_YEAR = 130
SUB_COMMITTEES = 2  # đảng bộ bộ phận, in the two first committees with enough cells
SUB_COMMITTEE_FROM = 9

# (sector, host units, base committees, base cells): 31 + 45 = 76 base organizations.
SECTOR_PLAN: list[tuple[str, list[str], int, int]] = [
    (Sector.STATE_AGENCY, names.STATE_AGENCIES, 12, 12),
    (Sector.PARTY_OR_MASS_AGENCY, names.PARTY_MASS_AGENCIES, 3, 6),
    (Sector.PUBLIC_SERVICE_UNIT, names.PUBLIC_SERVICE_UNITS, 8, 5),
    (Sector.STATE_ENTERPRISE, names.STATE_ENTERPRISES, 5, 6),
    (Sector.PRIVATE_ENTERPRISE, names.PRIVATE_ENTERPRISES, 3, 12),
    (Sector.FDI_ENTERPRISE, names.FDI_ENTERPRISES, 0, 4),
]


def _split(rng: random.Random, total: int, parts: int, low: int) -> list[int]:
    """`total` split into `parts` integers >= low, at random, summing exactly."""
    sizes = [low] * parts
    for _ in range(total - low * parts):
        sizes[rng.randrange(parts)] += 1
    return sizes


def build_tree(rng: random.Random) -> tuple[Organization, Organization, list[Cell]]:
    province = org_create(
        parent=None,
        code="DBT",
        name="Đảng bộ tỉnh",
        kind=OrgKind.PROVINCIAL_COMMITTEE,
        founded_on=dt.date(1930, 7, 29),
    )
    bloc = org_create(
        parent=province,
        code="DBK",
        name="Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh",
        kind=OrgKind.BLOC_COMMITTEE,
        founded_on=BLOC_FOUNDED,
        decision_number="1125-QĐ/TU",
    )
    sub_cells_per_committee = _split(rng, SUB_CELLS, BASE_COMMITTEES, 3)
    cells: list[Cell] = []
    committee_index = 0
    serial = 0
    sub_committees = 0
    for sector, units, committees, base_cells in SECTOR_PLAN:
        chosen = rng.sample(units, committees + base_cells)
        for i, unit in enumerate(chosen):
            serial += 1
            # Most came over from the former committees when the bloc was founded.
            founded = (
                BLOC_FOUNDED
                if rng.random() < 0.8
                else random_date(rng, BLOC_FOUNDED, dt.date(2016, 12, 31))
            )
            is_committee = i < committees
            prefix = "Đảng bộ" if is_committee else "Chi bộ"
            base = org_create(
                parent=bloc,
                code=f"DBK-{serial:03d}",
                name=f"{prefix} {unit}",
                kind=OrgKind.BASE_COMMITTEE if is_committee else OrgKind.BASE_CELL,
                sector=sector,
                host_unit_name=unit,
                founded_on=founded,
                decision_number=f"{100 + serial}-QĐ/ĐUK",
            )
            if not is_committee:
                cells.append(Cell(base, base, sector, founded))
                continue
            count = sub_cells_per_committee[committee_index]
            committee_index += 1
            # The largest committees group part of their cells in a sub-committee.
            sub_committee = None
            if count >= SUB_COMMITTEE_FROM and sub_committees < SUB_COMMITTEES:
                sub_committees += 1
                sub_committee = org_create(
                    parent=base,
                    code=f"DBK-{serial:03d}-B1",
                    name="Đảng bộ bộ phận Khối sản xuất, kinh doanh",
                    kind=OrgKind.SUB_COMMITTEE,
                    sector=sector,
                    host_unit_name=unit,
                    founded_on=founded,
                )
            for j, cell_unit in enumerate(rng.sample(names.CELL_UNITS, count), start=1):
                cell_founded = (
                    founded if j <= 3 else random_date(rng, founded, dt.date(2019, 12, 31))
                )
                in_sub = sub_committee is not None and j > count // 2
                cell = org_create(
                    parent=sub_committee if in_sub else base,
                    code=f"DBK-{serial:03d}-{j:02d}",
                    name=f"Chi bộ {cell_unit}",
                    kind=OrgKind.SUB_CELL,
                    sector=sector,
                    host_unit_name=unit,
                    founded_on=cell_founded,
                )
                cells.append(Cell(cell, base, sector, cell_founded))
    return province, bloc, cells


def _drop_future(spec: MemberSpec, today: dt.date) -> MemberSpec | None:
    spec.events = [e for e in spec.events if e.date <= today]
    if spec.card_issued_on is None or spec.card_issued_on > today:
        spec.card_number, spec.card_issued_on = None, None
    return spec if spec.events else None


def build_members(
    rng: random.Random, cells: list[Cell], today: dt.date, tick: Callable[[int], None]
) -> int:
    ids = IdentityNumbers()
    draw = Histories(rng, cells, ids)
    org_paths = {c.org.pk: c.org.path for c in cells}
    specs: list[MemberSpec] = []
    for _ in range(ACTIVE_AT_SNAPSHOT - ADMITTED_JAN_SEP_2021):
        specs.append(draw.active_member())
    for _ in range(ADMITTED_JAN_SEP_2021):
        specs.append(
            draw.active_member(admitted_window=(dt.date(2021, 1, 5), dt.date(2021, 9, 25)))
        )
    for _ in range(LEFT_BEFORE_SNAPSHOT):
        specs.append(draw.leaver())
    day = SNAPSHOT + dt.timedelta(days=1)
    while day <= HORIZON:
        year_end = min(dt.date(day.year, 12, 31), HORIZON)
        share = ((year_end - day).days + 1) / 365
        for _ in range(round(ADMITTED_AFTER_PER_YEAR * share)):
            specs.append(draw.newcomer(random_date(rng, day, year_end)))
        day = year_end + dt.timedelta(days=1)
    written = 0
    batch: list[MemberSpec] = []
    for spec in specs:
        kept = _drop_future(spec, today)
        if kept is None:
            continue
        batch.append(kept)
        if len(batch) >= 1000:
            written += write_members(batch, org_paths)
            tick(len(batch))
            batch = []
    if batch:
        written += write_members(batch, org_paths)
        tick(len(batch))
    return written
