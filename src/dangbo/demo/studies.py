"""Học tập, bồi dưỡng, hội thi in the demo, written in bulk and checked by studies.rules.

- The seed's 9 months of 2021: 2 elementary political-theory classes of the bloc with 145
  learners, and the good reporters' contest with 1 first, 2 second, 3 third and 11
  consolation prizes (the rest of the entrants without a prize).
- The seed's 2023: the online conference on the yearly theme of 2023 (Kết luận 01-KL/TW)
  at 21 bridge points of base organizations with nearly 2.300 attendees.
- Every year from 2020 through today: a study of resolutions and a yearly theme (8–18
  points), a political-theory class (except 2021, whose two are above), a new members'
  class each November, a contest in the other years; and the awareness classes behind
  every awareness certificate of the admission demo, grouped by month. Those classes are
  held by the provincial political school (the province's committee), so the bloc's own
  class figures count the classes the bloc opened, as its reports do.

Members present are real members of the point's organization on the day; members expected
are counted the way the service counts them (members of the subtree on the day).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.admission.models import AdmissionStep, Stage
from dangbo.core.text import fold
from dangbo.members.models import Member, MemberPeriod
from dangbo.orgs.models import BASE_KINDS, Organization, OrgKind, OrgVersion
from dangbo.studies import rules
from dangbo.studies.models import (
    BridgePoint,
    ClassKind,
    Contest,
    ContestKind,
    Entrant,
    Learner,
    Prize,
    Result,
    SessionAttendance,
    SessionKind,
    StudySession,
    TheoryLevel,
    TrainingClass,
)

FIRST_YEAR = 2020
SEED_CLASSES = ((dt.date(2021, 3, 8), dt.date(2021, 5, 28), 73), (dt.date(2021, 6, 14),
                dt.date(2021, 9, 10), 72))  # fmt: skip
SEED_CONTEST_DAY = dt.date(2021, 8, 26)
SEED_PRIZES = [Prize.FIRST] + [Prize.SECOND] * 2 + [Prize.THIRD] * 3 + [Prize.CONSOLATION] * 11
CONFERENCE_DAY = dt.date(2023, 2, 21)
CONFERENCE_POINTS = 21
CONFERENCE_ATTENDEES = 2287  # "gần 2.300"
THEME_2023 = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng văn hóa công "
    "vụ, đáp ứng nhu cầu cải cách hành chính theo hướng chuyên nghiệp, hiện đại, phục vụ "
    "nhân dân"
)
RESULTS = [Result.EXCELLENT] + [Result.VERY_GOOD] * 4 + [Result.GOOD] * 4 + [Result.AVERAGE]


class World:
    """The tree and the members as they stood on a day, from versions and periods."""

    def __init__(self) -> None:
        self.orgs = {o.pk: o for o in Organization.objects.all()}
        self.versions: dict[int, list[OrgVersion]] = defaultdict(list)
        for v in OrgVersion.objects.order_by("valid_from"):
            self.versions[v.org_id].append(v)
        self.periods = list(
            MemberPeriod.objects.values_list("member_id", "org_id", "valid_from", "valid_to")
        )
        self.admitted = dict(Member.objects.values_list("pk", "admitted_on"))
        self._cache: dict[dt.date, dict[int, str]] = {}

    def version(self, org_id: int, day: dt.date) -> OrgVersion | None:
        for v in self.versions[org_id]:
            if v.valid_from <= day and (v.valid_to is None or day < v.valid_to):
                return v
        return None

    def paths_on(self, day: dt.date) -> dict[int, str]:
        if day not in self._cache:
            self._cache[day] = {
                pk: v.path for pk in self.versions if (v := self.version(pk, day)) is not None
            }
        return self._cache[day]

    def members_under(self, org_id: int, day: dt.date) -> list[int]:
        paths = self.paths_on(day)
        top = paths.get(org_id)
        if top is None:
            return []
        return sorted(
            m for m, o, start, end in self.periods
            if start <= day and (end is None or day < end) and paths.get(o, "").startswith(top)
        )  # fmt: skip

    def base_orgs(self, top_id: int, day: dt.date) -> list[int]:
        paths = self.paths_on(day)
        top = paths.get(top_id, "-")
        return sorted(
            pk for pk, path in paths.items()
            if path.startswith(top) and getattr(self.version(pk, day), "kind", "") in BASE_KINDS
        )  # fmt: skip

    def organizer(self, day: dt.date) -> int | None:
        """The bloc committee on the day (DBK, then the committee of the government's
        agencies after the 2025 restructuring)."""
        for code in ("DBK", "DUBND"):
            org = next((o for o in self.orgs.values() if o.code == code), None)
            if org is not None and self.version(org.pk, day) is not None:
                return org.pk
        return None


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


class Writer:
    def __init__(self, rng: random.Random, world: World, today: dt.date) -> None:
        self.rng, self.world, self.today = rng, world, today
        self.sessions = 0

    # Sessions ----------------------------------------------------------------------------

    def session(
        self, *, org_id: int, kind: str, title: str, subject: str, day: dt.date,
        number: str = "", theme_year: int | None = None, points: list[int],
        attendees: int | None = None,
    ) -> StudySession:  # fmt: skip
        problems = rules.check_session(
            kind=kind, title=title, subject=subject, held_on=day, theme_year=theme_year
        )
        assert not problems, problems
        session = StudySession.objects.create(
            org_id=org_id, kind=kind, title=title, subject=subject, document_number=number,
            theme_year=theme_year, held_on=day,
            search_text=fold(f"{title} {subject} {number}")[:600],
        )  # fmt: skip
        rows: list[BridgePoint] = []
        present: list[list[int]] = []
        for org_id_point in points:
            members = self.world.members_under(org_id_point, day)
            share = self.rng.uniform(0.94, 0.995)
            chosen = sorted(self.rng.sample(members, round(len(members) * share)))
            assert not rules.check_attendance(
                held_on=day, today=self.today, present=len(chosen), expected=len(members),
                strangers=[],
            )  # fmt: skip
            org = self.world.orgs[org_id_point]
            rows.append(
                BridgePoint(
                    session=session, org_id=org_id_point, members_expected=len(members),
                    place=f"Hội trường {org.host_unit_name or org.name}",
                    non_members_present=self.rng.randint(5, 20),
                )
            )  # fmt: skip
            present.append(chosen)
        if attendees is not None:
            # The non-members make up the reported number of attendees.
            members_total = sum(len(c) for c in present)
            rest = attendees - members_total
            assert rest >= len(rows), (attendees, members_total)
            weights = [len(c) for c in present]
            shares = [max(1, rest * w // sum(weights)) for w in weights]
            shares[0] += rest - sum(shares)
            for row, n in zip(rows, shares, strict=True):
                row.non_members_present = n
        BridgePoint.objects.bulk_create(rows)
        SessionAttendance.objects.bulk_create(
            [
                SessionAttendance(session=session, bridge_point=row, member_id=m)
                for row, chosen in zip(rows, present, strict=True)
                for m in chosen
            ],
            batch_size=300,
        )
        self.sessions += 1
        return session

    # Classes -----------------------------------------------------------------------------

    def klass(
        self, *, org_id: int, kind: str, title: str, starts: dt.date, ends: dt.date,
        organizer: str, level: str = "", learners: list[Learner],
    ) -> TrainingClass:  # fmt: skip
        assert not rules.check_class(
            kind=kind, level=level, title=title, starts_on=starts, ends_on=ends
        )
        klass = TrainingClass.objects.create(
            org_id=org_id, kind=kind, level=level, title=title, starts_on=starts, ends_on=ends,
            organizer=organizer, place=organizer, search_text=fold(f"{title} {organizer}")[:600],
        )  # fmt: skip
        for learner in learners:
            learner.training_class = klass
            assert not rules.check_result(
                result=learner.result, certificate_number=learner.certificate_number,
                certificate_date=learner.certificate_date, ends_on=ends, today=self.today,
            ), learner  # fmt: skip
        Learner.objects.bulk_create(learners, batch_size=300)
        return klass

    def member_learners(
        self, member_ids: list[int], ends: dt.date, prefix: str, *, kind: str
    ) -> list[Learner]:
        members = Member.objects.in_bulk(member_ids)
        people = {m.pk: m.person for m in Member.objects.filter(pk__in=member_ids).select_related(
            "person", "cell")}  # fmt: skip
        out = []
        for n, pk in enumerate(member_ids, start=1):
            person = people[pk]
            admitted = self.world.admitted.get(pk)
            assert not rules.check_learner_kind(
                kind=kind, is_member=admitted is not None and admitted <= ends,
                name=person.full_name,
            )  # fmt: skip
            done = ends <= self.today
            result = self.rng.choice(RESULTS) if done else Result.NONE
            out.append(
                Learner(
                    member_id=pk, person=person, full_name=person.full_name,
                    birth_date=person.birth_date, search_name=fold(person.full_name)[:128],
                    unit=getattr(members[pk].cell, "name", ""), result=result,
                    certificate_number=f"{n:03d}/{prefix}" if done else "",
                    certificate_date=ends if done else None,
                )
            )  # fmt: skip
        return out

    def theory_class(self, org_id: int, starts: dt.date, ends: dt.date, size: int, n: int) -> None:
        pool = self.world.members_under(org_id, starts)
        chosen = sorted(self.rng.sample(pool, min(size, len(pool))))
        self.klass(
            org_id=org_id, kind=ClassKind.POLITICAL_THEORY, level=TheoryLevel.ELEMENTARY,
            title=f"Lớp sơ cấp lý luận chính trị khóa {n} năm {starts.year}",
            starts=starts, ends=ends, organizer="Trung tâm Bồi dưỡng chính trị Đảng ủy Khối",
            learners=self.member_learners(chosen, ends, f"SCLLCT-{starts.year}",
                                          kind=ClassKind.POLITICAL_THEORY),
        )  # fmt: skip

    def new_members_class(self, org_id: int, year: int) -> None:
        ends = dt.date(year, 11, 20)
        starts = ends - dt.timedelta(days=4)
        if ends > self.today:
            return
        admitted_since = dt.date(year - 1, 11, 1)
        pool = [
            m for m in self.world.members_under(org_id, starts)
            if (a := self.world.admitted.get(m)) is not None and admitted_since <= a <= starts
        ]  # fmt: skip
        if not pool:
            return
        self.klass(
            org_id=org_id, kind=ClassKind.NEW_MEMBERS,
            title=f"Lớp bồi dưỡng lý luận chính trị cho đảng viên mới năm {year}",
            starts=starts, ends=ends, organizer="Trung tâm Bồi dưỡng chính trị Đảng ủy Khối",
            learners=self.member_learners(pool, ends, f"ĐVM-{year}", kind=ClassKind.NEW_MEMBERS),
        )  # fmt: skip

    def awareness_classes(self, province_id: int) -> None:
        """One class a month for the candidates whose awareness certificate the admission
        demo recorded; each certificate dated as the trained step."""
        steps = (
            AdmissionStep.objects.filter(kind=Stage.TRAINED)
            .exclude(certificate_number="")
            .select_related("case__person", "case__cell")
            .order_by("date", "pk")
        )
        by_month: dict[tuple[int, int], list[AdmissionStep]] = defaultdict(list)
        for step in steps:
            by_month[(step.date.year, step.date.month)].append(step)
        for (year, month), group in sorted(by_month.items()):
            ends = min(s.date for s in group)
            seen: set[int] = set()
            learners = []
            for s in group:
                person = s.case.person
                if person.pk in seen:
                    continue
                seen.add(person.pk)
                assert not rules.check_learner_kind(
                    kind=ClassKind.AWARENESS, is_member=False, name=person.full_name
                )
                learners.append(
                    Learner(
                        person=person, full_name=person.full_name, birth_date=person.birth_date,
                        search_name=fold(person.full_name)[:128], unit=s.case.cell.name,
                        result=self.rng.choice(RESULTS[:-1]) or Result.GOOD,
                        certificate_number=s.certificate_number, certificate_date=s.date,
                    )
                )  # fmt: skip
            self.klass(
                org_id=province_id, kind=ClassKind.AWARENESS,
                title=f"Lớp bồi dưỡng nhận thức về Đảng tháng {month}/{year}",
                starts=ends - dt.timedelta(days=5), ends=ends, organizer="Trung tâm Chính trị",
                learners=learners,
            )  # fmt: skip

    # Contests ----------------------------------------------------------------------------

    def contest(
        self, *, org_id: int, kind: str, title: str, day: dt.date, prizes: list[str], others: int
    ) -> None:
        assert not rules.check_contest(title=title)
        contest = Contest.objects.create(
            org_id=org_id, kind=kind, title=title, held_on=day, search_text=fold(title)[:600],
            place="Hội trường Đảng ủy Khối",
        )  # fmt: skip
        pool = self.world.members_under(org_id, day)
        chosen = self.rng.sample(pool, len(prizes) + others)
        members = Member.objects.select_related("person").in_bulk(chosen)
        entrants = []
        for pk, prize in zip(chosen, prizes + [Prize.NONE] * others, strict=True):
            m = members[pk]
            assert not rules.check_entrant(full_name=m.person.full_name, duplicate=False)
            entrants.append(
                Entrant(
                    contest=contest, member=m, full_name=m.person.full_name,
                    search_name=fold(m.person.full_name)[:128], org_id=m.cell_id, prize=prize,
                    topic="Tuyên truyền Nghị quyết Đại hội XIII của Đảng",
                )
            )  # fmt: skip
        Entrant.objects.bulk_create(entrants)


def _conference_points(world: World, bloc_id: int, day: dt.date, rng: random.Random) -> list[int]:
    """21 base organizations whose members come to about 2.100: the largest first, then
    whichever keeps the sum nearest."""
    sizes = {pk: len(world.members_under(pk, day)) for pk in world.base_orgs(bloc_id, day)}
    ranked = sorted(sizes, key=lambda pk: (-sizes[pk], pk))
    chosen = ranked[:CONFERENCE_POINTS]
    target = 2100
    while sum(sizes[pk] for pk in chosen) > target and len(ranked) > CONFERENCE_POINTS:
        biggest = max(chosen, key=lambda pk: sizes[pk])
        rest = [pk for pk in ranked if pk not in chosen]
        if not rest:
            break
        smaller = min(rest, key=lambda pk: abs(sizes[pk] - (sizes[biggest] - 40)))
        if sizes[smaller] >= sizes[biggest]:
            break
        chosen[chosen.index(biggest)] = smaller
    return sorted(chosen)


def build_studies(rng: random.Random, today: dt.date) -> int:
    """Write the demo's sessions, classes and contests; return the number of sessions."""
    world = World()
    province = next((o for o in world.orgs.values() if o.kind == OrgKind.PROVINCIAL_COMMITTEE),
                    None)  # fmt: skip
    if province is None:
        return 0
    writer = Writer(rng, world, today)
    for year in range(FIRST_YEAR, today.year + 1):
        for month, day_no, kind in (
            (4, 15, SessionKind.RESOLUTION),
            (6, 10, SessionKind.YEARLY_THEME),
        ):
            day = dt.date(year, month, day_no)
            org_id = world.organizer(day)
            if day > today or org_id is None:
                continue
            if year == 2023 and kind == SessionKind.YEARLY_THEME:
                continue  # the theme of 2023 is the conference below
            bases = world.base_orgs(org_id, day)
            points = sorted(rng.sample(bases, min(len(bases), rng.randint(8, 18))))
            if kind == SessionKind.RESOLUTION:
                title = (
                    "Hội nghị học tập, quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ "
                    "XIII của Đảng" if year == 2021 else
                    f"Hội nghị học tập, quán triệt nghị quyết của Trung ương, Tỉnh ủy năm {year}"
                )  # fmt: skip
                writer.session(
                    org_id=org_id, kind=kind, title=title, day=day, points=points,
                    subject="Nghị quyết, chỉ thị của Trung ương, Tỉnh ủy và Đảng ủy Khối",
                    number="Nghị quyết số 01-NQ/ĐUK" if year != 2021 else "",
                )  # fmt: skip
            else:
                writer.session(
                    org_id=org_id, kind=kind, day=day, points=points, theme_year=year,
                    title=f"Học tập chuyên đề năm {year} về học tập và làm theo tư tưởng, đạo "
                    "đức, phong cách Hồ Chí Minh",
                    subject=f"Chuyên đề năm {year} (Chỉ thị 05-CT/TW, Kết luận 01-KL/TW)",
                    number="Kết luận số 01-KL/TW",
                )  # fmt: skip
        ends_theory = dt.date(year, 10, 30)
        org_id = world.organizer(ends_theory)
        if year == 2021:
            bloc = world.organizer(SEED_CLASSES[0][0])
            assert bloc is not None
            for n, (starts, ends, size) in enumerate(SEED_CLASSES, start=1):
                writer.theory_class(bloc, starts, ends, size, n)
            writer.contest(
                org_id=bloc, kind=ContestKind.REPORTERS, day=SEED_CONTEST_DAY,
                title="Hội thi báo cáo viên, tuyên truyền viên giỏi năm 2021",
                prizes=list(SEED_PRIZES), others=13,
            )  # fmt: skip
        elif org_id is not None and ends_theory <= today:
            writer.theory_class(org_id, dt.date(year, 8, 3), ends_theory, rng.randint(55, 80), 1)
        if org_id is not None:
            writer.new_members_class(org_id, year)
        contest_day = dt.date(year, 9, 15)
        if year % 2 == 0 and org_id is not None and contest_day <= today:
            writer.contest(
                org_id=org_id, kind=ContestKind.SECRETARIES, day=contest_day,
                title=f"Hội thi Bí thư chi bộ giỏi năm {year}",
                prizes=[Prize.FIRST, Prize.SECOND, Prize.THIRD, Prize.CONSOLATION,
                        Prize.CONSOLATION], others=rng.randint(8, 14),
            )  # fmt: skip
    bloc_2023 = world.organizer(CONFERENCE_DAY)
    if bloc_2023 is not None and CONFERENCE_DAY <= today:
        writer.session(
            org_id=bloc_2023, kind=SessionKind.ONLINE_CONFERENCE, day=CONFERENCE_DAY,
            title="Hội nghị trực tuyến nghiên cứu, học tập, triển khai Chuyên đề năm 2023",
            subject=THEME_2023, number="Kết luận số 01-KL/TW", theme_year=2023,
            points=_conference_points(world, bloc_2023, CONFERENCE_DAY, rng),
            attendees=CONFERENCE_ATTENDEES,
        )  # fmt: skip
    writer.awareness_classes(province.pk)
    audit_log(
        user=None, action=AuditAction.CHANGE, object_type="study_session",
        description=f"Dữ liệu mẫu: {writer.sessions} buổi học tập, các lớp bồi dưỡng, hội thi",
    )  # fmt: skip
    return writer.sessions
