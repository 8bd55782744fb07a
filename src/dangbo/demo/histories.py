"""Draws of member histories for the demo bloc; each is a valid sequence of events
for members.history.derive, the rule every form and import obeys."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dangbo.demo.bulk import EventSpec, MemberSpec
from dangbo.demo.people import IdentityNumbers, make_person, random_date
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.rules import add_months, probation_end
from dangbo.orgs.models import Organization

SNAPSHOT = dt.date(2021, 9, 30)
# Events are drawn up to this horizon and those after today are dropped, so the
# data set is the same for a seed whatever day it is built.
HORIZON = dt.date(2027, 12, 31)


@dataclass
class Cell:
    org: Organization
    base: Organization
    sector: str
    founded: dt.date


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

    def _spec(
        self, cell: Cell, birth: dt.date, events: list[EventSpec], admitted: dt.date
    ) -> MemberSpec:
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
            events = [
                EventSpec(
                    EventKind.ADMITTED,
                    admitted,
                    cell.org.pk,
                    decision_number=f"{rng.randint(1, 999)}-QĐ/ĐU",
                )
            ]
            ceremony_gap = dt.timedelta(days=25)
            full = probation_end(admitted + ceremony_gap)
            events.append(
                EventSpec(
                    EventKind.RECOGNIZED, full, decision_number=f"{rng.randint(1, 999)}-QĐ/ĐU"
                )
            )
            return events
        earliest = max(cell.founded, probation_end(admitted + dt.timedelta(days=25)), not_before)
        # Most arrive with their unit or soon after it; a few years at most.
        arrival = random_date(
            rng, earliest, earliest + dt.timedelta(days=rng.choice([90, 400, 1500]))
        )
        return [
            EventSpec(
                EventKind.TRANSFERRED_IN,
                arrival,
                cell.org.pk,
                status=MemberStatus.FULL,
                external_org="Đảng bộ ngoài tỉnh"
                if rng.random() < 0.3
                else "Đảng bộ huyện trong tỉnh",
            )
        ]

    def active_member(
        self, *, admitted_window: tuple[dt.date, dt.date] | None = None
    ) -> MemberSpec:
        """A member in the bloc on the snapshot date."""
        rng = self.rng
        age = _age_at_snapshot(rng)
        if admitted_window:
            # Admitted in 2021: young enough for the age rule (18 to 60 at the cell's
            # meeting, admission.rules); no extra draw, so the rest of the demo is unchanged.
            age = min(age, 45)
        birth = random_date(
            rng,
            add_months(SNAPSHOT, -12 * (age + 1)) + dt.timedelta(days=1),
            add_months(SNAPSHOT, -12 * age),
        )
        if admitted_window:
            admitted = random_date(rng, *admitted_window)
            cell = self.pick_cell(admitted)
            events = [
                EventSpec(EventKind.ADMITTED, admitted, cell.org.pk, decision_number="QĐ kết nạp")
            ]
            full = probation_end(admitted + dt.timedelta(days=25))
            events.append(EventSpec(EventKind.RECOGNIZED, full))
            return self._spec(cell, birth, events, admitted)
        admission_age = min(age - 1, max(19, int(rng.gauss(29, 5))))
        admitted = random_date(
            rng, add_months(birth, 12 * admission_age), add_months(birth, 12 * admission_age + 11)
        )
        if admitted > dt.date(2019, 12, 31):
            # Too young to have been admitted at the usual age: admitted in recent years,
            # spread evenly (about 120 a year, as the seeds report).
            admitted = random_date(
                rng, max(add_months(birth, 12 * 19), dt.date(2012, 1, 1)), dt.date(2020, 12, 31)
            )
        cell = self.pick_cell(SNAPSHOT - dt.timedelta(days=400))
        events = self.entry(cell, admitted, cell.founded)
        arrival = events[0].date
        if arrival >= SNAPSHOT:
            # Too late to be here on the snapshot: arrive from outside a year before it.
            arrival = random_date(
                rng,
                max(cell.founded, SNAPSHOT - dt.timedelta(days=900)),
                SNAPSHOT - dt.timedelta(days=30),
            )
            events = [
                EventSpec(
                    EventKind.TRANSFERRED_IN,
                    arrival,
                    cell.org.pk,
                    status=MemberStatus.FULL,
                    external_org="Đảng bộ ngoài tỉnh",
                )
            ]
            if admitted >= arrival:
                admitted = add_months(arrival, -24)
        last = events[-1].date
        if rng.random() < 0.08:
            other = self.pick_cell(last)
            move = random_date(rng, last + dt.timedelta(days=30), SNAPSHOT - dt.timedelta(days=1))
            if other.org.pk != cell.org.pk and other.founded <= move < SNAPSHOT:
                events.append(
                    EventSpec(
                        EventKind.TRANSFERRED,
                        move,
                        other.org.pk,
                        decision_number="QĐ chuyển sinh hoạt",
                    )
                )
                cell = other
                last = move
        if age >= 57 and rng.random() < 0.05:
            exempt_on = random_date(
                rng,
                max(last + dt.timedelta(days=1), SNAPSHOT - dt.timedelta(days=700)),
                SNAPSHOT - dt.timedelta(days=1),
            )
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
            events.append(
                EventSpec(
                    EventKind.TRANSFERRED_OUT,
                    retire,
                    external_org="Chi bộ nơi cư trú (nghỉ hưu)",
                    decision_number="GTSHĐ",
                )
            )
            return
        roll = rng.random()
        if roll < 0.07:
            events.append(
                EventSpec(
                    EventKind.TRANSFERRED_OUT,
                    random_date(rng, start, HORIZON),
                    external_org="Đảng bộ ngoài tỉnh",
                    decision_number="GTSHĐ",
                )
            )
        elif roll < 0.085:
            events.append(EventSpec(EventKind.DECEASED, random_date(rng, start, HORIZON)))
        elif roll < 0.09:
            events.append(
                EventSpec(
                    EventKind.STRUCK_OFF,
                    random_date(rng, start, HORIZON),
                    decision_number="QĐ xóa tên",
                )
            )

    def leaver(self) -> MemberSpec:
        """Someone who was in the bloc and left before the snapshot: most retired and
        moved to the cell where they live, others moved away, died or were removed."""
        rng = self.rng
        retiree = rng.random() < 0.65
        if retiree:
            retire = random_date(rng, dt.date(2008, 9, 1), SNAPSHOT - dt.timedelta(days=1))
            birth = add_months(retire, -(12 * 60 + 6))
        else:
            birth = random_date(rng, dt.date(1950, 1, 1), dt.date(1985, 12, 31))
        cell = self.pick_cell(dt.date(2016, 12, 31))
        admitted = random_date(rng, add_months(birth, 12 * 22), add_months(birth, 12 * 35))
        admitted = min(admitted, dt.date(2017, 6, 1))
        events = self.entry(cell, admitted, cell.founded)
        last = events[-1].date
        if last >= SNAPSHOT - dt.timedelta(days=60) or (retiree and last >= retire):
            arrival = cell.founded
            events = [
                EventSpec(
                    EventKind.TRANSFERRED_IN,
                    arrival,
                    cell.org.pk,
                    status=MemberStatus.FULL,
                    external_org="Đảng bộ huyện trong tỉnh",
                )
            ]
            last = arrival
            admitted = min(admitted, add_months(arrival, -24))
        if retiree and retire > last:
            kind, exit_on = EventKind.TRANSFERRED_OUT, retire
            where = "Chi bộ nơi cư trú (nghỉ hưu)"
        else:
            exit_on = random_date(
                rng, last + dt.timedelta(days=30), SNAPSHOT - dt.timedelta(days=1)
            )
            kind = rng.choices(
                [
                    EventKind.TRANSFERRED_OUT,
                    EventKind.DECEASED,
                    EventKind.STRUCK_OFF,
                    EventKind.RESIGNED,
                    EventKind.EXPELLED,
                ],
                [62, 18, 11, 5, 4],
            )[0]
            where = "Đảng bộ ngoài khối" if kind == EventKind.TRANSFERRED_OUT else ""
        events.append(EventSpec(kind, exit_on, external_org=where, decision_number="QĐ"))
        return self._spec(cell, birth, events, admitted)

    def newcomer(self, admitted: dt.date) -> MemberSpec:
        """Admitted after the snapshot; recognized a year later, or (rarely) not."""
        rng = self.rng
        cell = self.pick_cell(admitted)
        age = max(19, int(rng.gauss(30, 5)))
        birth = random_date(
            rng,
            add_months(admitted, -12 * (age + 1)) + dt.timedelta(days=1),
            add_months(admitted, -12 * age),
        )
        events = [
            EventSpec(EventKind.ADMITTED, admitted, cell.org.pk, decision_number="QĐ kết nạp")
        ]
        full = probation_end(admitted + dt.timedelta(days=25))
        if rng.random() < 0.03:
            events.append(EventSpec(EventKind.NOT_RECOGNIZED, full, decision_number="QĐ"))
        else:
            events.append(EventSpec(EventKind.RECOGNIZED, full, decision_number="QĐ công nhận"))
        return self._spec(cell, birth, events, admitted)
