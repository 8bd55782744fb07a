"""Derive a member's state and periods from their events, checking the order.

One pure function serves the services (one member at a time) and the demo
generator (millions of members in batches), so both obey the same rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from dangbo.members import rules
from dangbo.members.choices import EventKind, MemberStatus

# Same-day events apply in this order (admission before anything else that day).
_ORDER = {kind: i for i, kind in enumerate(EventKind.values)}

ENTRY_KINDS = {EventKind.ADMITTED, EventKind.TRANSFERRED_IN, EventKind.REINSTATED}
EXIT_KINDS = {
    EventKind.NOT_RECOGNIZED,
    EventKind.TRANSFERRED_OUT,
    EventKind.STRUCK_OFF,
    EventKind.RESIGNED,
    EventKind.EXPELLED,
    EventKind.DECEASED,
}


class EventLike(Protocol):
    kind: str
    date: dt.date
    org_id: int | None
    status: str


class HistoryError(ValueError):
    """An event that the member's history does not allow; message in Vietnamese."""

    def __init__(self, message: str, *, event_index: int | None = None) -> None:
        super().__init__(message)
        self.event_index = event_index


@dataclass
class Period:
    org_id: int
    status: str
    is_exempted: bool
    valid_from: dt.date
    valid_to: dt.date | None = None


@dataclass
class DerivedState:
    status: str = MemberStatus.LEFT
    is_exempted: bool = False
    cell_id: int | None = None
    admitted_on: dt.date | None = None
    full_on: dt.date | None = None
    left_on: dt.date | None = None
    # Days out of the Party between an exit and a later return (not Party age).
    gap_days: int = 0
    periods: list[Period] = field(default_factory=list)


def sort_events(events: Iterable[EventLike]) -> list[EventLike]:
    return sorted(events, key=lambda e: (e.date, _ORDER.get(e.kind, 99)))


def derive(events: Iterable[EventLike], *, ceremony_on: dt.date | None = None) -> DerivedState:
    """Replay events in date order; raise HistoryError on the first impossible one."""
    state = DerivedState()
    in_party = False
    deceased = False
    probation_starts: dt.date | None = None
    ordered = sort_events(events)

    def open_period(date: dt.date) -> None:
        assert state.cell_id is not None
        if state.periods and state.periods[-1].valid_to is None:
            last = state.periods[-1]
            if last.valid_from == date:
                state.periods.pop()
            else:
                last.valid_to = date
        state.periods.append(Period(state.cell_id, state.status, state.is_exempted, date))

    def close_period(date: dt.date) -> None:
        if state.periods and state.periods[-1].valid_to is None:
            last = state.periods[-1]
            if last.valid_from == date:
                state.periods.pop()
            else:
                last.valid_to = date

    for index, event in enumerate(ordered):
        kind = event.kind
        when = f" ngày {event.date:%d/%m/%Y}"

        def fail(message: str, _index: int = index, _when: str = when) -> None:
            raise HistoryError(message + _when + ".", event_index=_index)

        if deceased:
            fail("Không thể ghi sự kiện sau khi đảng viên đã từ trần:")
        if kind in ENTRY_KINDS:
            if in_party:
                fail("Đảng viên đang trong danh sách, không thể kết nạp hoặc tiếp nhận lại:")
            if event.org_id is None:
                fail("Phải chọn chi bộ sinh hoạt:")
            in_party = True
            if state.left_on is not None:
                state.gap_days += (event.date - state.left_on).days
            state.cell_id = event.org_id
            state.is_exempted = False
            state.left_on = None
            if kind == EventKind.ADMITTED:
                state.status = MemberStatus.PROBATIONARY
                # "Ngày vào Đảng" stays the first admission; a re-admission adds a gap.
                state.admitted_on = state.admitted_on or event.date
                state.full_on = None
                probation_starts = (
                    ceremony_on if ceremony_on and ceremony_on >= event.date else event.date
                )
            else:
                state.status = event.status or MemberStatus.FULL
                if state.status == MemberStatus.PROBATIONARY:
                    probation_starts = state.admitted_on or event.date
            open_period(event.date)
            continue
        if not in_party:
            fail("Đảng viên không còn trong danh sách, không thể ghi sự kiện:")
        if kind == EventKind.RECOGNIZED:
            if state.status != MemberStatus.PROBATIONARY:
                fail("Chỉ đảng viên dự bị mới được công nhận chính thức:")
            assert probation_starts is not None
            ends = rules.probation_end(probation_starts)
            if event.date < ends:
                raise HistoryError(
                    f"Chưa hết thời gian dự bị {rules.probation_months(event.date)} tháng "
                    f"(đến ngày {ends:%d/%m/%Y}); không thể công nhận chính thức "
                    f"ngày {event.date:%d/%m/%Y} (Điều lệ Đảng, Điều 5).",
                    event_index=index,
                )
            state.status = MemberStatus.FULL
            state.full_on = event.date
            open_period(event.date)
        elif kind == EventKind.TRANSFERRED:
            if event.org_id is None:
                fail("Phải chọn chi bộ chuyển đến:")
            if event.org_id == state.cell_id:
                fail("Chi bộ chuyển đến trùng chi bộ đang sinh hoạt:")
            state.cell_id = event.org_id
            open_period(event.date)
        elif kind == EventKind.EXEMPTED:
            if state.is_exempted:
                fail("Đảng viên đã được miễn sinh hoạt:")
            if state.status != MemberStatus.FULL:
                fail("Chỉ đảng viên chính thức mới được miễn công tác và sinh hoạt đảng:")
            state.is_exempted = True
            open_period(event.date)
        elif kind == EventKind.EXEMPTION_ENDED:
            if not state.is_exempted:
                fail("Đảng viên không ở diện miễn sinh hoạt:")
            state.is_exempted = False
            open_period(event.date)
        elif kind in EXIT_KINDS:
            if kind == EventKind.NOT_RECOGNIZED and state.status != MemberStatus.PROBATIONARY:
                fail("Chỉ xét không công nhận đối với đảng viên dự bị:")
            in_party = False
            deceased = kind == EventKind.DECEASED
            state.status = MemberStatus.LEFT
            state.is_exempted = False
            state.left_on = event.date
            # cell_id keeps the last cell: the record stays with that organization.
            close_period(event.date)
        else:  # pragma: no cover - every kind is handled above
            fail(f"Loại sự kiện không hợp lệ ({kind}):")
    return state
