"""Admission records of the demo: one case with all its steps behind every admission since
2019 (so the 116 admissions of 1–9/2021 are 116 decisions), the candidates in preparation
today, the political standard conclusions (598 in 1–9/2021 in the bloc, as the seed
reports: those of the admissions plus the cadre work) and the yearly targets.

Every case is checked by admission.rules.derive_case, the rule every form obeys; the
records are then written in bulk.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from dangbo.admission import rules
from dangbo.admission.models import (
    AdmissionCase,
    AdmissionStep,
    Introducer,
    PoliticalStandardConclusion,
    Purpose,
    Source,
    Stage,
)
from dangbo.core.text import fold
from dangbo.demo.people import IdentityNumbers, make_person, random_date
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.models import MemberPeriod, MembershipEvent, Person
from dangbo.members.rules import add_months
from dangbo.orgs.models import CELL_KINDS, Organization, OrgKind, OrgVersion

CASES_FROM = dt.date(2019, 1, 1)
SEED_WINDOW = (dt.date(2021, 1, 1), dt.date(2021, 9, 30))
# The seed: "kết luận tiêu chuẩn chính trị nội bộ cho 598 trường hợp" in 1–9/2021.
CONCLUSIONS_IN_SEED_WINDOW = 598
CADRE_CONCLUSIONS_PER_YEAR = 640
OPEN_CANDIDATES = 160
_CADRE_PURPOSES = [
    (Purpose.APPOINTMENT, "Bổ nhiệm trưởng phòng", 5),
    (Purpose.APPOINTMENT, "Bổ nhiệm phó giám đốc", 2),
    (Purpose.COMMITTEE, "Nhân sự cấp ủy nhiệm kỳ mới", 2),
    (Purpose.PLANNING, "Quy hoạch cán bộ lãnh đạo, quản lý", 4),
    (Purpose.TRAINING, "Cử đi học tập, công tác nước ngoài", 1),
]


@dataclass
class Step:
    kind: str
    date: dt.date
    votes_for: int | None = None
    votes_total: int | None = None
    late_reason: str = ""
    document_number: str = ""
    body: str = ""
    deciding_org_id: int | None = None
    certificate_number: str = ""


@dataclass
class Draft:
    # The person's id once written (candidates in preparation are written with the cases).
    person_id: int | None
    person: dict | None
    birth: dt.date
    cell: Organization
    source: str
    steps: list[Step]
    member_id: int | None = None
    introducers: list[tuple[int, dt.date]] = field(default_factory=list)
    conclusion_on: dt.date | None = None


class Tree:
    """What the demo needs of the tree: cells, their base, who decided on a date."""

    def __init__(self) -> None:
        self.orgs = {o.pk: o for o in Organization.objects.all()}
        self.versions: dict[int, list[OrgVersion]] = defaultdict(list)
        for version in OrgVersion.objects.order_by("valid_from"):
            self.versions[version.org_id].append(version)

    def version(self, org_id: int, day: dt.date) -> OrgVersion | None:
        for version in self.versions[org_id]:
            if version.valid_from <= day and (version.valid_to is None or day < version.valid_to):
                return version
        return None

    def base(self, cell: Organization, day: dt.date) -> Organization:
        if cell.kind == OrgKind.BASE_CELL:
            return cell
        org_id: int | None = cell.pk
        while org_id is not None:
            version = self.version(org_id, day)
            if version is None:
                break
            if version.kind == OrgKind.BASE_COMMITTEE:
                return self.orgs[org_id]
            org_id = version.parent_id
        return cell

    def superior(self, cell: Organization, day: dt.date) -> Organization:
        base = self.base(cell, day)
        version = self.version(base.pk, day)
        assert version is not None and version.parent_id is not None
        return self.orgs[version.parent_id]


class Fulls:
    """Full members per cell by period, for votes and introducers."""

    def __init__(self) -> None:
        self.by_cell: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
        rows = MemberPeriod.objects.filter(status=MemberStatus.FULL).values_list(
            "org_id", "member_id", "valid_from", "valid_to"
        )
        for org_id, member_id, start, end in rows:
            self.by_cell[org_id].append((member_id, start, end))

    def on(self, cell_id: int, day: dt.date) -> list[tuple[int, dt.date]]:
        return [
            (m, start)
            for m, start, end in self.by_cell[cell_id]
            if start <= day and (end is None or day < end)
        ]


def _back(rng: random.Random, day: dt.date, low: int, high: int) -> dt.date:
    return day - dt.timedelta(days=rng.randint(low, high))


def _preparation(rng: random.Random, resolution: dt.date) -> list[Step]:
    concluded = _back(rng, resolution, 5, 30)
    verified = _back(rng, concluded, 10, 40)
    introduced = _back(rng, verified, 5, 20)
    applied = _back(rng, introduced, 3, 15)
    trained = _back(rng, applied, 20, 150)
    identified = _back(rng, trained, 30, 200)
    return [
        Step(Stage.IDENTIFIED, identified),
        Step(Stage.TRAINED, trained, certificate_number=f"{rng.randint(1, 900)}/CN-NTVĐ",
             body="Trung tâm Chính trị"),
        Step(Stage.APPLIED, applied),
        Step(Stage.INTRODUCED, introduced),
        Step(Stage.VERIFIED, verified, body="Chi ủy nơi cư trú"),
        Step(Stage.CONCLUDED, concluded),
    ]  # fmt: skip


def _vote(rng: random.Random, fulls: Fulls, cell: Organization, day: dt.date) -> Step:
    total = len(fulls.on(cell.pk, day))
    against = rng.choice([0, 0, 0, 1]) if total >= 6 else 0
    return Step(Stage.CELL_RESOLUTION, day, votes_for=total - against, votes_total=total,
                document_number=f"{rng.randint(1, 30):02d}-NQ/CB")  # fmt: skip


def _introducers(
    rng: random.Random, fulls: Fulls, cell: Organization, day: dt.date
) -> list[tuple[int, dt.date]]:
    """Two full members of the cell who had worked a year with the candidate."""
    available = [(m, s) for m, s in fulls.on(cell.pk, day) if add_months(s, 12) <= day]
    rng.shuffle(available)
    return [(m, max(s, add_months(day, -rng.randint(13, 60)))) for m, s in available[:2]]


def _admitted_drafts(rng: random.Random, tree: Tree, fulls: Fulls, today: dt.date) -> list[Draft]:
    admissions = (
        MembershipEvent.objects.filter(kind=EventKind.ADMITTED, date__gte=CASES_FROM)
        .select_related("member__person")
        .order_by("date", "pk")
    )
    outcomes: dict[int, tuple[str, dt.date, str]] = {}
    for member_id, kind, date, number in MembershipEvent.objects.filter(
        kind__in=[EventKind.RECOGNIZED, EventKind.NOT_RECOGNIZED], date__gte=CASES_FROM
    ).values_list("member_id", "kind", "date", "decision_number"):
        outcomes[member_id] = (kind, date, number)
    drafts = []
    for event in admissions:
        member = event.member
        assert event.org_id is not None  # an admission always names its cell
        cell = tree.orgs[event.org_id]
        decided = event.date
        resolution = decided - dt.timedelta(days=rng.randint(20, 70))
        steps = _preparation(rng, resolution) + [_vote(rng, fulls, cell, resolution)]
        if cell.kind == OrgKind.SUB_CELL:
            higher = min(decided, resolution + dt.timedelta(days=rng.randint(5, 15)))
            steps.append(Step(Stage.HIGHER_RESOLUTION, higher,
                              document_number=f"{rng.randint(1, 99)}-NQ/ĐU"))  # fmt: skip
        superior = tree.superior(cell, decided)
        steps.append(Step(Stage.DECISION, decided, document_number=event.decision_number,
                          deciding_org_id=superior.pk))  # fmt: skip
        ceremony = member.ceremony_on or decided
        steps.append(Step(Stage.CEREMONY, ceremony, body=cell.name))
        outcome = outcomes.get(member.pk)
        if outcome is not None and outcome[1] <= today:
            kind, date, number = outcome
            ends = rules.probation_end(ceremony)
            considered = max(ends, date - dt.timedelta(days=rng.randint(0, 5)))
            total = len(fulls.on(cell.pk, considered)) or None
            steps.append(Step(Stage.RECOGNITION_RESOLUTION, considered, votes_for=total,
                              votes_total=total))  # fmt: skip
            final = Stage.RECOGNITION if kind == EventKind.RECOGNIZED else Stage.NOT_RECOGNIZED
            decided_on = min(considered + dt.timedelta(days=rng.randint(3, 15)), today)
            steps.append(Step(final, decided_on,
                              document_number=number or f"{rng.randint(1, 999)}-QĐ",
                              deciding_org_id=tree.superior(cell, considered).pk))  # fmt: skip
        introduced = next(s.date for s in steps if s.kind == Stage.INTRODUCED)
        introducers = _introducers(rng, fulls, cell, introduced)
        drafts.append(
            Draft(
                person_id=member.person_id, person=None, birth=member.person.birth_date,
                cell=cell, source=Source.TWO_MEMBERS if len(introducers) == 2 else
                Source.YOUTH_UNION, steps=steps, member_id=member.pk,
                introducers=introducers,
                conclusion_on=next(s.date for s in steps if s.kind == Stage.CONCLUDED),
            )
        )  # fmt: skip
    return drafts


def _open_drafts(
    rng: random.Random, tree: Tree, fulls: Fulls, today: dt.date, ids: IdentityNumbers
) -> list[Draft]:
    """Candidates in preparation today, at every stage, and a few who stopped."""
    cells = [
        o for o in tree.orgs.values()
        if o.kind in CELL_KINDS and o.dissolved_on is None and fulls.on(o.pk, today)
    ]  # fmt: skip
    drafts = []
    for _ in range(OPEN_CANDIDATES):
        cell = rng.choice(cells)
        birth = random_date(rng, dt.date(1988, 1, 1), dt.date(2004, 6, 30))
        person = make_person(rng, ids, birth=birth, sector=cell.sector or "state_agency")
        resolution = today + dt.timedelta(days=rng.randint(20, 200))
        planned = _preparation(rng, resolution)
        steps = [s for s in planned if s.date <= today]
        if not steps:
            continue
        roll = rng.random()
        if roll < 0.12 and len(steps) == len(planned):
            # Prepared long ago: the cell met, the decision is awaited or the ceremony.
            resolution = today - dt.timedelta(days=rng.randint(5, 40))
            steps = _preparation(rng, resolution) + [_vote(rng, fulls, cell, resolution)]
            if cell.kind == OrgKind.SUB_CELL:
                steps.append(Step(Stage.HIGHER_RESOLUTION, resolution + dt.timedelta(days=3)))
        elif roll < 0.2:
            steps.append(Step(Stage.WITHDRAWN, random_date(rng, steps[-1].date, today)))
        introduced = next((s.date for s in steps if s.kind == Stage.INTRODUCED), None)
        drafts.append(
            Draft(
                person_id=None, person=person, birth=birth, cell=cell,
                source=Source.TWO_MEMBERS, steps=steps,
                introducers=_introducers(rng, fulls, cell, introduced) if introduced else [],
                conclusion_on=next((s.date for s in steps if s.kind == Stage.CONCLUDED), None),
            )
        )  # fmt: skip
    return drafts


def build_admission(rng: random.Random, today: dt.date, ids: IdentityNumbers | None = None) -> int:
    """Write the cases, conclusions and targets; returns the number of cases."""
    rng = random.Random(rng.random())
    ids = ids or IdentityNumbers(province_code="040")
    tree, fulls = Tree(), Fulls()
    drafts = _admitted_drafts(rng, tree, fulls, today) + _open_drafts(rng, tree, fulls, today, ids)
    kept: list[tuple[Draft, rules.CaseState]] = []
    for draft in drafts:
        try:
            state = rules.derive_case(
                draft.steps, birth_date=draft.birth,
                needs_higher_resolution=draft.cell.kind == OrgKind.SUB_CELL,
            )  # fmt: skip
        except rules.StepError as exc:
            # The membership history can admit someone into a cell that had no full member
            # yet (a new cell): no vote was possible, so that admission gets no case. Any
            # other refusal is a bug of this generator. A candidate drawn in preparation
            # may be dropped.
            no_vote = exc.kind == Stage.CELL_RESOLUTION and exc.field == "votes_total"
            if draft.member_id is not None and not no_vote:
                raise AssertionError(f"demo admission refused: {exc}") from exc
            continue
        kept.append((draft, state))
    new_people = [(d, d.person) for d, _ in kept if d.person is not None]
    people = Person.objects.bulk_create(
        [Person(search_name=fold(str(fields["full_name"])), **fields) for _, fields in new_people],
        batch_size=2000,
    )
    for (draft, _), person in zip(new_people, people, strict=True):
        draft.person_id = person.pk
    paths = {pk: o.path for pk, o in tree.orgs.items()}
    conclusions = _write_cases(kept, paths, tree)
    _write_cadre_conclusions(rng, tree, paths, conclusions, today)
    return len(kept)


def _pid(draft: Draft) -> int:
    assert draft.person_id is not None
    return draft.person_id


def _write_cases(
    kept: list[tuple[Draft, rules.CaseState]], paths: dict[int, str], tree: Tree
) -> list[PoliticalStandardConclusion]:
    cases = AdmissionCase.objects.bulk_create(
        [
            AdmissionCase(
                person_id=_pid(d), cell=d.cell, org_path=paths[d.cell.pk], source=d.source,
                identified_on=d.steps[0].date, stage=s.stage, status=s.status,
                certificate_valid_until=s.certificate_valid_until, decided_on=s.decided_on,
                probation_ends_on=s.probation_ends_on, due_on=s.due_on, member_id=d.member_id,
            )
            for d, s in kept
        ],
        batch_size=2000,
    )  # fmt: skip
    conclusions = PoliticalStandardConclusion.objects.bulk_create(
        [
            PoliticalStandardConclusion(
                person_id=_pid(d), org=tree.base(d.cell, d.conclusion_on),
                org_path=paths[tree.base(d.cell, d.conclusion_on).pk], purpose=Purpose.ADMISSION,
                position="Kết nạp vào Đảng", concluded_on=d.conclusion_on,
                concluding_body=f"Ban Thường vụ {tree.superior(d.cell, d.conclusion_on).name}",
                document_number=f"{i + 1}-KL/TCCT",
            )
            for i, (d, _) in enumerate(kept) if d.conclusion_on is not None
        ],
        batch_size=2000,
    )  # fmt: skip
    by_person = {c.person_id: c.pk for c in conclusions}
    steps, introducers = [], []
    for case, (draft, _) in zip(cases, kept, strict=True):
        for s in draft.steps:
            steps.append(
                AdmissionStep(
                    case=case, kind=s.kind, date=s.date, document_number=s.document_number,
                    body=s.body, deciding_org_id=s.deciding_org_id, votes_for=s.votes_for,
                    votes_total=s.votes_total, certificate_number=s.certificate_number,
                    conclusion_id=by_person.get(_pid(draft))
                    if s.kind == Stage.CONCLUDED else None,
                )
            )  # fmt: skip
        introduced = next((s.date for s in draft.steps if s.kind == Stage.INTRODUCED), None)
        for member_id, since in draft.introducers:
            assert introduced is not None
            introducers.append(
                Introducer(case=case, kind=Introducer.Kind.MEMBER, member_id=member_id,
                           introduced_on=introduced, worked_with_since=since)
            )  # fmt: skip
        if introduced and draft.source == Source.YOUTH_UNION:
            introducers.append(
                Introducer(case=case, kind=Introducer.Kind.YOUTH_UNION, introduced_on=introduced,
                           union_name="Ban Chấp hành Đoàn cơ sở")
            )  # fmt: skip
    AdmissionStep.objects.bulk_create(steps, batch_size=5000)
    Introducer.objects.bulk_create(introducers, batch_size=5000)
    return conclusions


def _in_seed_bloc(tree: Tree, org_id: int, day: dt.date) -> bool:
    bloc = next(o for o in tree.orgs.values() if o.code == "DBK")
    version, bloc_then = tree.version(org_id, day), tree.version(bloc.pk, day)
    return bool(version and bloc_then and version.path.startswith(bloc_then.path))


def _write_cadre_conclusions(
    rng: random.Random, tree: Tree, paths: dict[int, str],
    admission_conclusions: list[PoliticalStandardConclusion], today: dt.date,
) -> None:  # fmt: skip
    """Conclusions for cadre work: members in office, each year, so that the bloc's
    1–9/2021 total is the seed's 598."""
    start, end = SEED_WINDOW
    in_window = sum(
        1 for c in admission_conclusions
        if start <= c.concluded_on <= end and _in_seed_bloc(tree, c.org_id, c.concluded_on)
    )  # fmt: skip
    periods = list(
        MemberPeriod.objects.filter(status=MemberStatus.FULL, valid_from__lt=end).values_list(
            "member__person_id", "org_id", "valid_from", "valid_to"
        )
    )
    purposes = [(p, text) for p, text, weight in _CADRE_PURPOSES for _ in range(weight)]

    def draw(
        day_from: dt.date, day_to: dt.date, count: int, seed_bloc: bool
    ) -> list[PoliticalStandardConclusion]:
        rows: list[PoliticalStandardConclusion] = []
        while len(rows) < count:
            day = random_date(rng, day_from, day_to)
            person_id, org_id, valid_from, valid_to = rng.choice(periods)
            if not (valid_from <= day and (valid_to is None or day < valid_to)):
                continue
            if seed_bloc and not _in_seed_bloc(tree, org_id, day):
                continue
            cell = tree.orgs[org_id]
            base = tree.base(cell, day)
            purpose, text = rng.choice(purposes)
            rows.append(
                PoliticalStandardConclusion(
                    person_id=person_id, org=base, org_path=paths[base.pk], purpose=purpose,
                    position=text, concluded_on=day,
                    concluding_body=f"Ban Thường vụ {tree.superior(cell, day).name}",
                    document_number=f"{rng.randint(1, 999)}-KL/TCCT",
                )
            )  # fmt: skip
        return rows

    rows = draw(start, end, CONCLUSIONS_IN_SEED_WINDOW - in_window, seed_bloc=True)
    periods = list(
        MemberPeriod.objects.filter(status=MemberStatus.FULL).values_list(
            "member__person_id", "org_id", "valid_from", "valid_to"
        )
    )
    for year in range(CASES_FROM.year, today.year + 1):
        # 1–9/2021 of the bloc is drawn above; its last quarter and other years here.
        part_from = dt.date(2021, 10, 1) if year == 2021 else dt.date(year, 1, 1)
        part_to = min(dt.date(year, 12, 31), today)
        share = ((part_to - part_from).days + 1) / 365
        if share > 0:
            rows += draw(part_from, part_to, round(CADRE_CONCLUSIONS_PER_YEAR * share), False)
    PoliticalStandardConclusion.objects.bulk_create(rows, batch_size=5000)
