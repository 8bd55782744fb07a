"""The records a form counts, loaded once per (scope, date, period) as plain dicts.

Each subject is a few queries returning every record in scope with the attributes the
filter vocabulary speaks of (statforms.evaluate.FIELDS); cells are then counted in Python.
Members on a date come from members.selectors.periods_at (the same rows as the
members.total indicator); gains and losses are the moments a member enters or leaves the
scope, judged with the tree as it stood on each day, classified by the member's event of
that day (the same rows as members.admitted, members.deceased, … count).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from django.db.models import Q

from dangbo.core.text import fold
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.models import MemberPeriod, MembershipEvent, PartyCard
from dangbo.members.selectors import periods_at
from dangbo.orgs.models import BASE_KINDS, Organization, OrgKind, OrgVersion
from dangbo.orgs.selectors import ancestor_paths, dated_in_scope, scope_windows, versions_at

Fact = dict[str, Any]
DAY = dt.timedelta(days=1)

GAIN_KINDS = (EventKind.ADMITTED, EventKind.TRANSFERRED_IN, EventKind.REINSTATED)
LOSS_KINDS = (
    EventKind.DECEASED,
    EventKind.EXPELLED,
    EventKind.STRUCK_OFF,
    EventKind.NOT_RECOGNIZED,
    EventKind.RESIGNED,
    EventKind.TRANSFERRED_OUT,
)
# Flow kind of a member entering or leaving because their organization moved.
TREE_CHANGE = "tree_change"

PERSON_FIELDS = {
    "gender": "member__person__gender",
    "birth_date": "member__person__birth_date",
    "ethnicity": "member__person__ethnicity",
    "religion": "member__person__religion",
    "general_education": "member__person__general_education",
    "professional_level": "member__person__professional_level",
    "political_theory": "member__person__political_theory",
    "occupation": "member__person__occupation",
    "youth_union_on": "member__person__youth_union_on",
    "admitted_on": "member__admitted_on",
    "party_age_from": "member__party_age_from",
}
# Youth Union members are 16 to 30 (Điều lệ Đoàn TNCS Hồ Chí Minh, Điều 1): a member with a
# Youth Union admission date counts as a Youth Union member up to that age.
YOUTH_UNION_MAX_AGE = 30


def age_on(birth: dt.date | None, day: dt.date) -> int | None:
    """Whole years on `day` (as members.indicators counts the age bands)."""
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# Where a transfer came from or went to. The record has no field for it, so it is read
# from the outside unit's name (external_org), folded (no diacritics, lower case), by these
# rules in this order; the first that applies decides:
#  1. another province: "ngoài tỉnh", "tỉnh khác", "ngoài thành phố", "thành phố khác", or a
#     named province ("tỉnh Nghệ An", "Tỉnh ủy Nghệ An", "thành phố Hà Nội", "Thành ủy Cần
#     Thơ"; names from PROVINCES) that is not the scope's own province. The scope's province
#     is the name of its provincial committee ("Đảng bộ tỉnh Nghệ An"); when that name
#     carries no province ("Đảng bộ tỉnh"), any named province counts as another one. This
#     comes before rule 2, so "Huyện ủy X, tỉnh Y" is another province.
#  2. within the province: "trong tỉnh", "trong thành phố", the scope's own province named,
#     a district ("huyện", "thị xã"), "ngoài khối" (the bloc belongs to one province), or the
#     cell of the place of residence ("nơi cư trú", "nghỉ hưu": a retiring member goes to the
#     cell where they live, in the province unless rule 1 named another).
#  3. otherwise unknown (the check lists these transfers).
OTHER_PROVINCE_WORDS = ("ngoai tinh", "tinh khac", "ngoai thanh pho", "thanh pho khac")
WITHIN_PROVINCE_WORDS = (
    "trong tinh", "trong thanh pho", "huyen", "thi xa", "ngoai khoi", "noi cu tru", "nghi huu",
)  # fmt: skip
# Provinces and centrally-run cities, folded: the 63 before and the 34 after the 2025
# merger (every name after it was a name before, Huế aside), with common spellings.
PROVINCES = (
    "an giang", "ba ria vung tau", "ba ria", "vung tau", "bac lieu", "bac giang", "bac kan",
    "bac can", "bac ninh", "ben tre", "binh duong", "binh dinh", "binh phuoc", "binh thuan",
    "ca mau", "cao bang", "dak lak", "dac lac", "dak nong", "dien bien", "dong nai",
    "dong thap", "gia lai", "ha giang", "ha nam", "ha tinh", "hai duong", "hau giang",
    "hoa binh", "hung yen", "khanh hoa", "kien giang", "kon tum", "lai chau", "lam dong",
    "lang son", "lao cai", "long an", "nam dinh", "nghe an", "ninh binh", "ninh thuan",
    "phu tho", "phu yen", "quang binh", "quang nam", "quang ngai", "quang ninh", "quang tri",
    "soc trang", "son la", "tay ninh", "thai binh", "thai nguyen", "thanh hoa",
    "thua thien hue", "tien giang", "tra vinh", "tuyen quang", "vinh long", "vinh phuc",
    "yen bai", "ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue",
)  # fmt: skip
# Only these follow "thành phố" as a province: "thành phố Vinh" is a city of a province.
CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")
_NAMES = "|".join(sorted(map(re.escape, PROVINCES), key=len, reverse=True))
_CITIES = "|".join(sorted(map(re.escape, CITIES), key=len, reverse=True))
_NAMED = re.compile(rf"\btinh(?: uy)? ({_NAMES})\b|\b(?:thanh pho|tp|thanh uy) ({_CITIES})\b")


def _folded(text: str) -> str:
    """fold() with punctuation as spaces: "Bà Rịa - Vũng Tàu" -> "ba ria vung tau"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def named_provinces(text: str) -> set[str]:
    """The provinces a unit's name mentions after "tỉnh", "Tỉnh ủy", "thành phố"…, folded."""
    return {a or b for a, b in _NAMED.findall(_folded(text))}


def province_of(scope: Organization, at: dt.date) -> str:
    """The scope's province as named by its provincial committee on `at`, folded ("" when
    the name carries none)."""
    top = versions_at(at).filter(org=scope).first()
    if top is None:
        return ""
    paths = [*ancestor_paths(top.path), top.path]
    for version in versions_at(at).filter(path__in=paths).order_by("-path"):
        if version.kind == OrgKind.PROVINCIAL_COMMITTEE:
            found = named_provinces(version.name)
            return min(found) if found else ""
    return ""


def origin_of(external_org: str, province: str = "") -> str:
    """ "other_province", "within_province" or "unknown" for the outside unit of a transfer
    (the rules above); `province` is the scope's province, folded (province_of)."""
    text = _folded(external_org or "")
    named = named_provinces(text)
    others = named - {province}
    if others or any(w in text for w in OTHER_PROVINCE_WORDS):
        return "other_province"
    if named or any(w in text for w in WITHIN_PROVINCE_WORDS):
        return "within_province"
    return "unknown"


def _person_attributes(row: dict[str, Any], day: dt.date) -> Fact:
    fact = {name: row[lookup] for name, lookup in PERSON_FIELDS.items()}
    age = age_on(fact["birth_date"], day)
    fact["age"] = age
    fact["ethnic_minority"] = bool(fact["ethnicity"]) and fact["ethnicity"] != "01"
    fact["religious"] = fact["religion"] not in ("", "none", None)
    fact["youth_union"] = fact["youth_union_on"] is not None and (
        age is not None and age <= YOUTH_UNION_MAX_AGE and fact["youth_union_on"] <= day
    )
    fact["enterprise_owner"] = fact["occupation"] == "enterprise_owner"
    fact["retired"] = fact["occupation"] == "retired"
    fact["party_years"] = age_on(fact["party_age_from"], day)
    return fact


class Tree:
    """The organizations of the scope on one date with their base organization."""

    def __init__(self, scope: Organization, at: dt.date) -> None:
        top = versions_at(at).filter(org=scope).first()
        self.versions: dict[int, OrgVersion] = {}
        if top is None:
            return
        around = Q(path__startswith=top.path) | Q(path__in=ancestor_paths(top.path))
        by_path: dict[str, OrgVersion] = {}
        for version in versions_at(at).filter(around):
            by_path[version.path] = version
            if version.path.startswith(top.path):
                self.versions[version.org_id] = version
        self.base: dict[int, OrgVersion | None] = {}
        for org_id, version in self.versions.items():
            base = None
            for path in [*ancestor_paths(version.path), version.path]:
                candidate = by_path.get(path)
                if candidate is not None and candidate.kind in BASE_KINDS:
                    base = candidate
                    break
            self.base[org_id] = base

    def attributes(self, org_id: int) -> Fact:
        version = self.versions.get(org_id)
        base = self.base.get(org_id)
        return {
            "org_id": org_id,
            "org_kind": version.kind if version else "",
            "sector": version.sector if version else "",
            "base_id": base.org_id if base else None,
            "base_kind": base.kind if base else "",
            "base_sector": (base.sector if base else "") or (version.sector if version else ""),
        }


def members_on(scope: Organization, at: dt.date) -> list[Fact]:
    """Members in the list on `at` (periods_at, as members.total)."""
    tree = Tree(scope, at)
    rows = periods_at(scope, at).values(
        "member_id", "org_id", "status", "is_exempted", *PERSON_FIELDS.values()
    )
    facts = []
    for row in rows:
        fact = _person_attributes(row, at)
        fact.update(tree.attributes(row["org_id"]))
        fact.update(
            id=row["member_id"],
            member_id=row["member_id"],
            status=row["status"],
            probationary=row["status"] == MemberStatus.PROBATIONARY,
            exempted=row["is_exempted"],
        )
        facts.append(fact)
    return facts


class Window:
    """Who was in the scope on each day of [start - 1, end], with the tree of each day."""

    def __init__(self, scope: Organization, start: dt.date, end: dt.date) -> None:
        self.start, self.end = start, end
        first = start - DAY
        self.scope_versions = scope_windows(scope, first, end)
        condition = Q(pk__in=[])
        for version in self.scope_versions:
            condition |= Q(path__startswith=version.path)
        overlapping = Q(valid_to__isnull=True) | Q(valid_to__gt=first)
        self.org_versions: dict[int, list[OrgVersion]] = defaultdict(list)
        for version in OrgVersion.objects.filter(condition, overlapping, valid_from__lte=end):
            self.org_versions[version.org_id].append(version)
        self.periods: dict[int, list[MemberPeriod]] = defaultdict(list)
        if self.org_versions:
            periods = MemberPeriod.objects.filter(
                overlapping, org_id__in=list(self.org_versions), valid_from__lte=end
            )
            for period in periods.order_by("valid_from", "pk"):
                self.periods[period.member_id].append(period)

    def org_in_scope(self, org_id: int, day: dt.date) -> bool:
        scope_path = next(
            (v.path for v in self.scope_versions if _holds(v.valid_from, v.valid_to, day)), None
        )
        if scope_path is None:
            return False
        return any(
            v.path.startswith(scope_path) and _holds(v.valid_from, v.valid_to, day)
            for v in self.org_versions.get(org_id, ())
        )

    def period_on(self, member_id: int, day: dt.date) -> MemberPeriod | None:
        for period in self.periods.get(member_id, ()):
            if _holds(period.valid_from, period.valid_to, day) and self.org_in_scope(
                period.org_id, day
            ):
                return period
        return None

    def transitions(self) -> list[tuple[int, dt.date, str, MemberPeriod]]:
        """(member, day, "gain"|"loss", the period inside the scope) for each crossing."""
        bounds: set[dt.date] = set()
        for version in self.scope_versions:
            bounds.update(d for d in (version.valid_from, version.valid_to) if d)
        out = []
        for member_id, periods in self.periods.items():
            days = set(bounds)
            for period in periods:
                days.update(d for d in (period.valid_from, period.valid_to) if d)
                for version in self.org_versions.get(period.org_id, ()):
                    days.update(d for d in (version.valid_from, version.valid_to) if d)
            for day in sorted(d for d in days if self.start <= d <= self.end):
                before = self.period_on(member_id, day - DAY)
                after = self.period_on(member_id, day)
                if before is None and after is not None:
                    out.append((member_id, day, "gain", after))
                elif before is not None and after is None:
                    out.append((member_id, day, "loss", before))
        return out


def _holds(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    return valid_from <= day and (valid_to is None or day < valid_to)


def flows(scope: Organization, start: dt.date, end: dt.date) -> list[Fact]:
    """Every member entering or leaving the scope in [start, end]: kind (the event of that
    day, or tree_change), origin of a transfer, probationary, the member's attributes."""
    window = Window(scope, start, end)
    crossings = window.transitions()
    province = province_of(scope, end) or province_of(scope, start)
    member_ids = {m for m, _, _, _ in crossings}
    events: dict[tuple[int, dt.date], list[Any]] = defaultdict(list)
    for row in MembershipEvent.objects.filter(
        member_id__in=member_ids, date__gte=start, date__lte=end
    ).order_by("pk"):
        events[(row.member_id, row.date)].append(row)
    people = {
        row["member_id"]: row
        for row in MemberPeriod.objects.filter(member_id__in=member_ids)
        .values("member_id", *PERSON_FIELDS.values())
        .distinct()
    }
    first_exit: dict[int, dt.date] = {}
    for member_id, day in (
        MembershipEvent.objects.filter(member_id__in=member_ids, kind__in=LOSS_KINDS)
        .order_by("date")
        .values_list("member_id", "date")
    ):
        first_exit.setdefault(member_id, day)
    facts = []
    for member_id, day, direction, period in crossings:
        wanted = GAIN_KINDS if direction == "gain" else LOSS_KINDS
        todays = events.get((member_id, day), [])
        event: MembershipEvent | None = next((e for e in todays if e.kind in wanted), None)
        if event is None:
            event = next((e for e in todays if e.kind == EventKind.TRANSFERRED), None)
        kind = event.kind if event is not None else TREE_CHANGE
        if kind == EventKind.TRANSFERRED:
            origin = "within_province"
        elif kind in (EventKind.TRANSFERRED_IN, EventKind.TRANSFERRED_OUT):
            origin = origin_of(event.external_org if event is not None else "", province)
        else:
            origin = ""
        fact = _person_attributes(people[member_id], day)
        fact.update(
            id=f"{member_id}:{day:%Y%m%d}:{direction}",
            member_id=member_id,
            org_id=period.org_id,
            date=day,
            direction=direction,
            kind=kind,
            transfer=kind
            in (EventKind.TRANSFERRED, EventKind.TRANSFERRED_IN, EventKind.TRANSFERRED_OUT),
            origin=origin,
            status=period.status,
            probationary=period.status == MemberStatus.PROBATIONARY,
            event_id=event.pk if event is not None else None,
            # Admitted again after leaving the Party once (kết nạp lại).
            readmitted=kind == EventKind.ADMITTED and first_exit.get(member_id, day) < day,
        )
        facts.append(fact)
    return facts


def organizations(scope: Organization, at: dt.date, admitted_base_ids: set[int]) -> list[Fact]:
    """The organizations of the scope on `at` (the tree as it stood)."""
    tree = Tree(scope, at)
    facts = []
    for org_id in tree.versions:
        fact = tree.attributes(org_id)
        fact.update(
            id=org_id,
            kind=fact["org_kind"],
            is_base=fact["org_kind"] in BASE_KINDS,
            admitted_in_period=org_id in admitted_base_ids,
        )
        facts.append(fact)
    return facts


def member_ratings(scope: Organization, at: dt.date) -> list[Fact]:
    from dangbo.rating.models import MemberRating

    tree = Tree(scope, at)
    rows = MemberRating.objects.filter(year=at.year, cell_id__in=list(tree.versions)).values(
        "pk", "member_id", "cell_id", "decided_grade", "not_rated_reason", "is_exempted"
    )
    facts = []
    for row in rows:
        fact = tree.attributes(row["cell_id"])
        fact.update(
            id=row["pk"],
            member_id=row["member_id"],
            grade=row["decided_grade"] or "none",
            not_rated_reason=row["not_rated_reason"],
            exempted=row["is_exempted"],
        )
        facts.append(fact)
    return facts


def org_ratings(scope: Organization, at: dt.date) -> list[Fact]:
    from dangbo.rating.models import OrgRating, SubjectKind

    tree = Tree(scope, at)
    rows = OrgRating.objects.filter(
        year=at.year, subject=SubjectKind.ORGANIZATION, org_id__in=list(tree.versions)
    ).values("pk", "org_id", "decided_grade")
    facts = []
    for row in rows:
        fact = tree.attributes(row["org_id"])
        fact.update(id=row["pk"], kind=fact["org_kind"], grade=row["decided_grade"] or "none")
        facts.append(fact)
    return facts


def badges(scope: Organization, start: dt.date, end: dt.date) -> list[Fact]:
    from dangbo.badges.models import BadgeAward

    awards = dated_in_scope(
        BadgeAward.objects.all(), scope, start, end, org_field="cell_id", date_field="presented_on"
    ).values("pk", "member_id", "cell_id", "years", "status", "presented_on")
    return [
        {
            "id": row["pk"],
            "member_id": row["member_id"],
            "org_id": row["cell_id"],
            "years": row["years"],
            "badge_status": row["status"],
            "date": row["presented_on"],
        }
        for row in awards
    ]


def cards(scope: Organization, start: dt.date, end: dt.date) -> list[Fact]:
    """Party cards issued in the period to members who were in the scope that day."""
    window = Window(scope, start, end)
    rows = PartyCard.objects.filter(
        member_id__in=list(window.periods), issued_on__gte=start, issued_on__lte=end
    ).values("pk", "member_id", "reason", "issued_on")
    return [
        {
            "id": row["pk"],
            "member_id": row["member_id"],
            "reason": row["reason"],
            "date": row["issued_on"],
        }
        for row in rows
        if window.period_on(row["member_id"], row["issued_on"]) is not None
    ]
