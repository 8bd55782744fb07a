"""The demo bloc: a provincial committee (DBT) with the bloc committee (DBK) of the
seeds as of 30/09/2021 (3.407 members, 76 base organizations: 31 base committees
with 203 subordinate cells, and 45 base cells), its history before that date and
its life after it, through the 2025 restructuring, up to today."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from dangbo.demo import names
from dangbo.demo.bulk import EventSpec, MemberSpec, write_members
from dangbo.demo.people import IdentityNumbers, make_person, random_date
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.rules import add_months, probation_end
from dangbo.orgs.models import OrgKind, Organization, Sector
from dangbo.orgs.services import org_create

SNAPSHOT = dt.date(2021, 9, 30)
RESTRUCTURE = dt.date(2025, 2, 10)
# Events are drawn up to this horizon and those after today are dropped, so the
# data set is the same for a seed whatever day it is built.
HORIZON = dt.date(2027, 12, 31)

ACTIVE_AT_SNAPSHOT = 3407
BASE_COMMITTEES = 31
SUB_CELLS = 203
BASE_CELLS = 45
ADMITTED_JAN_SEP_2021 = 116
LEFT_BEFORE_SNAPSHOT = 520
ADMITTED_AFTER_PER_YEAR = 130

# (sector, host units, base committees, base cells): 31 + 45 = 76 base organizations.
SECTOR_PLAN: list[tuple[str, list[str], int, int]] = [
    (Sector.STATE_AGENCY, names.STATE_AGENCIES, 12, 12),
    (Sector.PARTY_OR_MASS_AGENCY, names.PARTY_MASS_AGENCIES, 3, 6),
    (Sector.PUBLIC_SERVICE_UNIT, names.PUBLIC_SERVICE_UNITS, 8, 5),
    (Sector.STATE_ENTERPRISE, names.STATE_ENTERPRISES, 5, 6),
    (Sector.PRIVATE_ENTERPRISE, names.PRIVATE_ENTERPRISES, 3, 12),
    (Sector.FDI_ENTERPRISE, names.FDI_ENTERPRISES, 0, 4),
]


@dataclass
class Cell:
    org: Organization
    base: Organization
    sector: str
    founded: dt.date


def _split(rng: random.Random, total: int, parts: int, low: int) -> list[int]:
    """`total` split into `parts` integers >= low, at random, summing exactly."""
    sizes = [low] * parts
    for _ in range(total - low * parts):
        sizes[rng.randrange(parts)] += 1
    return sizes


def build_tree(rng: random.Random) -> tuple[Organization, Organization, list[Cell]]:
    province = org_create(
        parent=None, code="DBT", name="Đảng bộ tỉnh", kind=OrgKind.PROVINCIAL_COMMITTEE,
        founded_on=dt.date(1930, 7, 29),
    )  # fmt: skip
    bloc = org_create(
        parent=province, code="DBK", name="Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh",
        kind=OrgKind.BLOC_COMMITTEE, founded_on=dt.date(2008, 3, 1),
        decision_number="1125-QĐ/TU",
    )  # fmt: skip
    sub_cells_per_committee = _split(rng, SUB_CELLS, BASE_COMMITTEES, 3)
    cells: list[Cell] = []
    committee_index = 0
    serial = 0
    for sector, units, committees, base_cells in SECTOR_PLAN:
        chosen = rng.sample(units, committees + base_cells)
        for i, unit in enumerate(chosen):
            serial += 1
            founded = random_date(rng, dt.date(2008, 3, 1), dt.date(2016, 12, 31))
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
            for j, cell_unit in enumerate(rng.sample(names.CELL_UNITS, count), start=1):
                cell_founded = founded if j <= 3 else random_date(rng, founded, dt.date(2019, 12, 31))
                cell = org_create(
                    parent=base,
                    code=f"DBK-{serial:03d}-{j:02d}",
                    name=f"Chi bộ {cell_unit}",
                    kind=OrgKind.SUB_CELL,
                    sector=sector,
                    host_unit_name=unit,
                    founded_on=cell_founded,
                )
                cells.append(Cell(cell, base, sector, cell_founded))
    return province, bloc, cells


def _age_at_snapshot(rng: random.Random) -> int:
    return min(60, max(23, int(rng.gauss(42, 9))))


class Histories:
    """Draws member histories; each is a valid sequence for members.history.derive."""

    def __init__(self, rng: random.Random, cells: list[Cell], ids: IdentityNumbers) -> None:
        self.rng = rng
        self.cells = cells
        self.ids = ids
        self.weights = [rng.uniform(0.4, 1.6) for _ in cells]

    def pick_cell(self, at: dt.date) -> Cell:
        while True:
            cell = self.rng.choices(self.cells, self.weights)[0]
            if cell.founded <= at:
                return cell

    def _spec(self, cell: Cell, birth: dt.date, events: list[EventSpec], admitted: dt.date) -> MemberSpec:
        person = make_person(self.rng, self.ids, birth=birth, sector=cell.sector)
        ceremony = admitted + dt.timedelta(days=self.rng.randint(3, 25))
        has_ceremony = any(e.kind == EventKind.ADMITTED for e in events)
        return MemberSpec(
            person=person,
            events=events,
            background_number=self.ids.background_number(),
            card_number=self.ids.card_number(),
            card_issued_on=probation_end(admitted) + dt.timedelta(days=60),
            ceremony_on=ceremony if has_ceremony else None,
            admitted_on=admitted,
            full_on=probation_end(admitted),
            introducers="Hai đảng viên chính thức cùng chi bộ",
        )

    def entry(self, cell: Cell, admitted: dt.date, not_before: dt.date) -> list[EventSpec]:
        """Admission into `cell`, or a transfer in once the cell exists."""
        rng = self.rng
        if admitted >= cell.founded and admitted >= not_before and rng.random() < 0.7:
            events = [EventSpec(EventKind.ADMITTED, admitted, cell.org.pk,
                                decision_number=f"{rng.randint(1, 999)}-QĐ/ĐU")]  # fmt: skip
            ceremony_gap = dt.timedelta(days=25)
            full = probation_end(admitted + ceremony_gap)
            events.append(EventSpec(EventKind.RECOGNIZED, full, decision_number=f"{rng.randint(1, 999)}-QĐ/ĐU"))
            return events
        earliest = max(cell.founded, probation_end(admitted + dt.timedelta(days=25)), not_before)
        arrival = random_date(rng, earliest, max(earliest, not_before + dt.timedelta(days=3650)))
        return [
            EventSpec(
                EventKind.TRANSFERRED_IN, arrival, cell.org.pk, status=MemberStatus.FULL,
                external_org="Đảng bộ ngoài tỉnh" if rng.random() < 0.3 else "Đảng bộ huyện trong tỉnh",
            )
        ]  # fmt: skip

    def active_member(self, *, admitted_window: tuple[dt.date, dt.date] | None = None) -> MemberSpec:
        """A member in the bloc on the snapshot date."""
        rng = self.rng
        age = _age_at_snapshot(rng)
        birth = random_date(rng, add_months(SNAPSHOT, -12 * (age + 1)) + dt.timedelta(days=1),
                            add_months(SNAPSHOT, -12 * age))  # fmt: skip
        if admitted_window:
            admitted = random_date(rng, *admitted_window)
            cell = self.pick_cell(admitted)
            events = [EventSpec(EventKind.ADMITTED, admitted, cell.org.pk, decision_number="QĐ kết nạp")]
            full = probation_end(admitted + dt.timedelta(days=25))
            events.append(EventSpec(EventKind.RECOGNIZED, full))
            return self._spec(cell, birth, events, admitted)
        admission_age = min(age - 1, max(19, int(rng.gauss(29, 5))))
        admitted = random_date(rng, add_months(birth, 12 * admission_age),
                               add_months(birth, 12 * admission_age + 11))  # fmt: skip
        admitted = min(admitted, dt.date(2020, 12, 31))
        cell = self.pick_cell(SNAPSHOT - dt.timedelta(days=400))
        events = self.entry(cell, admitted, cell.founded)
        arrival = events[0].date
        if arrival >= SNAPSHOT:
            # Too late to be here on the snapshot: arrive from outside a year before it.
            arrival = random_date(rng, max(cell.founded, SNAPSHOT - dt.timedelta(days=900)),
                                  SNAPSHOT - dt.timedelta(days=30))  # fmt: skip
            events = [EventSpec(EventKind.TRANSFERRED_IN, arrival, cell.org.pk, status=MemberStatus.FULL,
                                external_org="Đảng bộ ngoài tỉnh")]  # fmt: skip
            if admitted >= arrival:
                admitted = add_months(arrival, -24)
        last = events[-1].date
        if rng.random() < 0.08:
            other = self.pick_cell(last)
            move = random_date(rng, last + dt.timedelta(days=30), SNAPSHOT - dt.timedelta(days=1))
            if other.org.pk != cell.org.pk and other.founded <= move < SNAPSHOT:
                events.append(EventSpec(EventKind.TRANSFERRED, move, other.org.pk,
                                        decision_number="QĐ chuyển sinh hoạt"))  # fmt: skip
                cell = other
                last = move
        if age >= 57 and rng.random() < 0.05:
            exempt_on = random_date(rng, max(last + dt.timedelta(days=1), SNAPSHOT - dt.timedelta(days=700)),
                                    SNAPSHOT - dt.timedelta(days=1))  # fmt: skip
            if exempt_on > last:
                events.append(EventSpec(EventKind.EXEMPTED, exempt_on))
        self._after_snapshot(events, birth)
        return self._spec(cell, birth, events, admitted)

    def _after_snapshot(self, events: list[EventSpec], birth: dt.date) -> None:
        """Exits after the snapshot: retirement to the place of residence, death, moves."""
        rng = self.rng
        retire = add_months(birth, 12 * 60 + 6)
        last = max(e.date for e in events)
        start = max(last, SNAPSHOT) + dt.timedelta(days=1)
        if start <= retire <= HORIZON and rng.random() < 0.85:
            events.append(EventSpec(EventKind.TRANSFERRED_OUT, retire,
                                    external_org="Chi bộ nơi cư trú (nghỉ hưu)",
                                    decision_number="GTSHĐ")) # fmt: skip
            return
        roll = rng.random()
        if roll < 0.07:
            events.append(EventSpec(EventKind.TRANSFERRED_OUT, random_date(rng, start, HORIZON),
                                    external_org="Đảng bộ ngoài tỉnh", decision_number="GTSHĐ"))  # fmt: skip
        elif roll < 0.085:
            events.append(EventSpec(EventKind.DECEASED, random_date(rng, start, HORIZON)))
        elif roll < 0.09:
            events.append(EventSpec(EventKind.STRUCK_OFF, random_date(rng, start, HORIZON),
                                    decision_number="QĐ xóa tên"))  # fmt: skip

    def leaver(self) -> MemberSpec:
        """Someone who was in the bloc and left before the snapshot."""
        rng = self.rng
        cell = self.pick_cell(dt.date(2018, 1, 1))
        age = rng.randint(30, 70)
        birth = random_date(rng, dt.date(2021 - age, 1, 1), dt.date(2021 - age, 12, 28))
        admitted = random_date(rng, add_months(birth, 12 * 22), add_months(birth, 12 * 35))
        admitted = min(admitted, dt.date(2017, 6, 1))
        events = self.entry(cell, admitted, cell.founded)
        last = events[-1].date
        if last >= SNAPSHOT - dt.timedelta(days=60):
            events = [EventSpec(EventKind.TRANSFERRED_IN, cell.founded, cell.org.pk, status=MemberStatus.FULL,
                                external_org="Đảng bộ huyện trong tỉnh")]  # fmt: skip
            last = cell.founded
            admitted = min(admitted, add_months(cell.founded, -24))
        exit_on = random_date(rng, last + dt.timedelta(days=30), SNAPSHOT - dt.timedelta(days=1))
        kind = rng.choices(
            [EventKind.TRANSFERRED_OUT, EventKind.DECEASED, EventKind.STRUCK_OFF, EventKind.RESIGNED,
             EventKind.EXPELLED],
            [62, 18, 11, 5, 4],
        )[0]  # fmt: skip
        events.append(EventSpec(kind, exit_on, external_org="Đảng bộ ngoài khối" if kind ==
                                EventKind.TRANSFERRED_OUT else "", decision_number="QĐ"))  # fmt: skip
        return self._spec(cell, birth, events, admitted)

    def newcomer(self, admitted: dt.date) -> MemberSpec:
        """Admitted after the snapshot; recognized a year later, or (rarely) not."""
        rng = self.rng
        cell = self.pick_cell(admitted)
        age = max(19, int(rng.gauss(30, 5)))
        birth = random_date(rng, add_months(admitted, -12 * (age + 1)) + dt.timedelta(days=1),
                            add_months(admitted, -12 * age))  # fmt: skip
        events = [EventSpec(EventKind.ADMITTED, admitted, cell.org.pk, decision_number="QĐ kết nạp")]
        full = probation_end(admitted + dt.timedelta(days=25))
        if rng.random() < 0.03:
            events.append(EventSpec(EventKind.NOT_RECOGNIZED, full, decision_number="QĐ"))
        else:
            events.append(EventSpec(EventKind.RECOGNIZED, full, decision_number="QĐ công nhận"))
        return self._spec(cell, birth, events, admitted)


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
        specs.append(draw.active_member(admitted_window=(dt.date(2021, 1, 5), dt.date(2021, 9, 25))))
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
