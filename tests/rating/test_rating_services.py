"""The rating workflow through the services: open, propose, decide, lock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangbo.indicators import registry
from dangbo.members.choices import EventKind
from dangbo.members.services import member_record_event
from dangbo.rating import services
from dangbo.rating.models import (
    Grade,
    MemberRating,
    NotRatedReason,
    OrgRating,
    RatingStep,
    RoundStatus,
    SubjectKind,
)


def propose_all(rnd, user, grades, scores=None, **facts):
    rows = []
    for entry in MemberRating.objects.filter(round=rnd).select_related("member__person", "cell"):
        grade = grades.get(entry.member_id, Grade.GOOD)
        if entry.not_rated_reason:
            grade = ""
        rows.append(
            services.MemberProposal(
                entry=entry,
                grade=grade,
                score=(scores or {}).get(entry.member_id),
                **facts.get(entry.member_id, {}),
            )
        )
    return services.member_ratings_propose(
        by=user, rnd=rnd, rows=rows, on=dt.date(rnd.year, 12, 20)
    )


def decide_base(rnd, user, base, overrides=None, scores=None):
    rows = []
    entries = MemberRating.objects.filter(round=rnd, base_org=base).select_related(
        "member__person", "cell"
    )
    for entry in entries:
        if entry.not_rated_reason:
            continue
        grade = (overrides or {}).get(entry.member_id, entry.proposed_grade)
        score = (scores or {}).get(entry.member_id, entry.proposed_score)
        rows.append(services.MemberDecision(entry=entry, grade=grade, score=score))
    return services.member_ratings_decide(
        by=user, rnd=rnd, base_org=base, rows=rows, on=dt.date(rnd.year, 12, 25)
    )


@pytest.fixture
def members(tree, make_member, comment):
    """Five members of the base committee's cells and one of the base cell; comments of 2021."""
    made = [make_member(tree["cell_a"], name=f"Đảng viên A{i}") for i in range(3)]
    made += [make_member(tree["cell_b"], name=f"Đảng viên B{i}") for i in range(2)]
    made.append(make_member(tree["base_cell"], name="Đảng viên C"))
    for member in made:
        comment(member, 2021)
    return made


def test_open_takes_the_roster_and_the_organizations(tree, users, members, make_member):
    new = make_member(tree["cell_a"], name="Mới vào", admitted=dt.date(2021, 8, 1), full=False)
    rnd = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2021, opened_on=dt.date(2021, 12, 1)
    )
    assert rnd.rule_set.startswith("Quy định 132-QĐ/TW")
    entries = {e.member_id: e for e in rnd.members.all()}
    assert set(entries) == {m.pk for m in members} | {new.pk}
    assert entries[new.pk].not_rated_reason == NotRatedReason.NEW_MEMBER_REVIEWED
    assert entries[members[0].pk].base_org_id == tree["base"].pk
    assert entries[members[-1].pk].base_org_id == tree["base_cell"].pk
    subjects = set(rnd.orgs.values_list("org__code", "subject"))
    assert ("K-01", SubjectKind.ORGANIZATION) in subjects
    assert ("K-01", SubjectKind.COMMITTEE) in subjects
    assert ("K-01-1", SubjectKind.ORGANIZATION) in subjects
    assert ("K", SubjectKind.ORGANIZATION) not in subjects  # the scope is rated above
    assert RatingStep.objects.filter(round=rnd, kind="opened").count() == 1


def test_open_refusals(tree, users, members):
    with pytest.raises(ValidationError) as exc:
        services.round_open(
            by=users["base"], scope=tree["cell_a"], year=2021, opened_on=dt.date(2021, 12, 1)
        )
    assert "tổ chức cơ sở đảng" in exc.value.message_dict["scope"][0]
    services.round_open(
        by=users["base"], scope=tree["base"], year=2021, opened_on=dt.date(2021, 12, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.round_open(
            by=users["board"], scope=tree["bloc"], year=2021, opened_on=dt.date(2021, 12, 1)
        )
    assert "Đã có đợt xếp loại năm 2021" in exc.value.message_dict["scope"][0]
    with pytest.raises(PermissionDenied):
        services.round_open(
            by=users["propaganda"], scope=tree["bloc"], year=2022, opened_on=dt.date(2022, 12, 1)
        )


def run_2021(tree, users, members):
    rnd = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2021, opened_on=dt.date(2021, 12, 1)
    )
    return rnd


def test_a_cell_proposes_only_for_its_own_members(tree, users, members):
    rnd = run_2021(tree, users, members)
    with pytest.raises(PermissionDenied):
        propose_all(rnd, users["cell"], {})  # cell_a's secretary, but rows of cell_b too
    own = [
        services.MemberProposal(entry=e, grade=Grade.GOOD)
        for e in rnd.members.filter(cell=tree["cell_a"]).select_related("member__person", "cell")
    ]
    assert (
        services.member_ratings_propose(
            by=users["cell"], rnd=rnd, rows=own, on=dt.date(2021, 12, 20)
        )
        == 3
    )
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.OPEN  # other cells have not proposed yet


def test_full_2021_round_and_lock(tree, users, members):
    rnd = run_2021(tree, users, members)
    a0, a1, a2, b0, b1, c = members
    propose_all(
        rnd,
        users["super"],
        {a0.pk: Grade.EXCELLENT, b1.pk: Grade.NOT_COMPLETED},
        facts={
            b1.pk: {
                "disciplined": True,
                "discipline_form": "reprimand",
                "discipline_decision": "05-QĐ/ĐU",
            }
        },
    )
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.PROPOSED
    # A sub cell's secretary cannot decide; the base secretary can.
    with pytest.raises(PermissionDenied):
        decide_base(rnd, users["cell"], tree["base"])
    # Quota: 1 excellent against 3 good is over 20% (at most 0).
    with pytest.raises(ValidationError) as exc:
        decide_base(rnd, users["base"], tree["base"])
    assert "vượt 20% của 3" in exc.value.message_dict["__all__"][0]
    assert not rnd.members.exclude(decided_grade="").exists()  # nothing kept
    decide_base(rnd, users["base"], tree["base"], overrides={a0.pk: Grade.GOOD})
    # The base cell decides for its own members (HD 21-HD/BTCTW).
    decide_base(rnd, users["base_cell"], tree["base_cell"])
    assert rnd.members.get(member=a0).decided_grade == Grade.GOOD
    assert rnd.members.get(member=a0).proposed_grade == Grade.EXCELLENT
    with pytest.raises(ValidationError):
        services.round_lock(by=users["board"], rnd=rnd, on=dt.date(2021, 12, 30))
    # Organizations: the cells first (decided by the base committee), then the base orgs.
    day = dt.date(2021, 12, 28)
    for rating in (
        OrgRating.objects.filter(round=rnd).select_related("org").order_by("-org__depth", "subject")
    ):
        parent_user = users["base"] if rating.org.depth == 4 else users["board"]
        grade = Grade.GOOD
        if rating.org.code == "K-01" and rating.subject == SubjectKind.ORGANIZATION:
            # A member is not completed: the organization cannot be excellent.
            with pytest.raises(ValidationError) as exc:
                services.org_rating_decide(
                    by=parent_user, rating=rating, grade=Grade.EXCELLENT, score=None, on=day
                )
            assert "tối đa" in exc.value.message_dict["grade"][0]
        if rating.org.code == "K-01-1":
            with pytest.raises(PermissionDenied):
                services.org_rating_decide(
                    by=users["cell"], rating=rating, grade=grade, score=None, on=day
                )
        services.org_rating_decide(by=parent_user, rating=rating, grade=grade, score=None, on=day)
    locked = services.round_lock(
        by=users["board"], rnd=rnd, on=dt.date(2021, 12, 31), decision_number="120-QĐ/ĐUK"
    )
    assert locked.status == RoundStatus.DECIDED
    entry = rnd.members.select_related("member__person", "cell").get(member=a1)
    with pytest.raises(ValidationError) as exc:
        services.member_ratings_propose(
            by=users["super"],
            rnd=rnd,
            rows=[services.MemberProposal(entry=entry, grade="good")],
            on=dt.date(2022, 1, 2),
        )
    assert "đã khóa" in exc.value.message_dict["__all__"][0]
    with pytest.raises(ValidationError):
        services.residence_comment_save(by=users["super"], member=a1, year=2021)


def test_a_2021_and_a_2026_round_apply_the_rule_sets_of_their_own_years(
    tree, users, make_member, comment
):
    member = make_member(tree["base_cell"], name="Hai năm")
    suspended = make_member(tree["base_cell"], name="Đình chỉ")
    for year in (2021, 2026):
        comment(member, year)
        comment(suspended, year)
    r2021 = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2021, opened_on=dt.date(2021, 12, 1)
    )
    r2026 = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2026, opened_on=dt.date(2026, 12, 1)
    )
    assert "132-QĐ/TW" in r2021.rule_set and "366-QĐ/TW" in r2026.rule_set
    e2021 = r2021.members.select_related("member__person", "cell").get(member=member)
    e2026 = r2026.members.select_related("member__person", "cell").get(member=member)
    day = dt.date(2026, 12, 5)  # not after today: the date rule
    # 2026: a grade needs a 100-point score that agrees with it.
    for score, grade in ((None, Grade.GOOD), (69, Grade.GOOD), (95, Grade.GOOD)):
        with pytest.raises(ValidationError):
            services.member_ratings_propose(
                by=users["super"],
                rnd=r2026,
                rows=[services.MemberProposal(entry=e2026, grade=grade, score=score)],
                on=day,
            )
    services.member_ratings_propose(
        by=users["super"],
        rnd=r2026,
        rows=[services.MemberProposal(entry=e2026, grade=Grade.GOOD, score=70)],
        on=day,
    )
    # 2021: no score at all.
    with pytest.raises(ValidationError) as exc:
        services.member_ratings_propose(
            by=users["super"],
            rnd=r2021,
            rows=[services.MemberProposal(entry=e2021, grade=Grade.GOOD, score=80)],
            on=dt.date(2021, 12, 20),
        )
    assert "132-QĐ/TW" in exc.value.message_dict[f"{e2021.pk}:score"][0]
    services.member_ratings_propose(
        by=users["super"],
        rnd=r2021,
        rows=[services.MemberProposal(entry=e2021, grade=Grade.GOOD)],
        on=dt.date(2021, 12, 20),
    )
    # Suspension: rated in 2021 (132 excluded only exempted members), not in 2026.
    s2021 = r2021.members.select_related("member__person", "cell").get(member=suspended)
    s2026 = r2026.members.select_related("member__person", "cell").get(member=suspended)
    services.member_ratings_propose(
        by=users["super"],
        rnd=r2021,
        on=dt.date(2021, 12, 20),
        rows=[services.MemberProposal(entry=s2021, grade=Grade.COMPLETED, suspended=True)],
    )
    with pytest.raises(ValidationError) as exc:
        services.member_ratings_propose(
            by=users["super"],
            rnd=r2026,
            on=day,
            rows=[
                services.MemberProposal(
                    entry=s2026, grade=Grade.COMPLETED, score=60, suspended=True
                )
            ],
        )
    assert "Đình chỉ sinh hoạt" in exc.value.message_dict[f"{s2026.pk}:grade"][0]
    services.member_ratings_propose(
        by=users["super"],
        rnd=r2026,
        on=day,
        rows=[services.MemberProposal(entry=s2026, grade="", suspended=True)],
    )
    s2026.refresh_from_db()
    assert s2026.not_rated_reason == NotRatedReason.SUSPENDED


def test_residence_comment_is_required_before_rating(tree, users, make_member):
    member = make_member(tree["base_cell"], name="Chưa có nhận xét")
    rnd = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2021, opened_on=dt.date(2021, 12, 1)
    )
    entry = rnd.members.select_related("member__person", "cell").get(member=member)
    row = services.MemberProposal(entry=entry, grade=Grade.GOOD)
    with pytest.raises(ValidationError) as exc:
        services.member_ratings_propose(
            by=users["super"], rnd=rnd, rows=[row], on=dt.date(2021, 12, 20)
        )
    assert "213-QĐ/TW" in exc.value.message_dict[f"{entry.pk}:grade"][0]
    services.residence_comment_save(
        by=users["super"], member=member, year=2021, exempt=True, exempt_reason="works_away"
    )
    services.member_ratings_propose(
        by=users["super"], rnd=rnd, rows=[row], on=dt.date(2021, 12, 20)
    )


def test_residence_comment_checks(tree, users, make_member):
    member = make_member(tree["base_cell"])
    with pytest.raises(ValidationError) as exc:
        services.residence_comment_save(
            by=users["super"],
            member=member,
            year=2021,
            requested_on=dt.date(2021, 11, 2),
            received_on=dt.date(2021, 11, 1),
            result="good",
        )
    assert "received_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.residence_comment_save(by=users["super"], member=member, year=2021, exempt=True)
    assert "33-HD/BTCTW" in exc.value.message_dict["exempt_reason"][0]
    with pytest.raises(PermissionDenied):
        services.residence_comment_save(by=users["cell"], member=member, year=2021)


def test_a_decision_changes_the_indicator(tree, users, make_member, comment):
    member = make_member(tree["base_cell"])
    comment(member, 2021)
    rnd = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2021, opened_on=dt.date(2021, 12, 1)
    )
    context = registry.Context(scope=tree["bloc"], at=dt.date(2021, 12, 31))
    assert registry.value("rating.good", context) == 0
    propose_all(rnd, users["super"], {})
    decide_base(rnd, users["base_cell"], tree["base_cell"])
    context = registry.Context(scope=tree["bloc"], at=dt.date(2021, 12, 31))
    assert registry.value("rating.good", context) == 1
    result = registry.compute("rating.good", context)
    assert list(result.records) == [member]
    # Not yet known on a day before the decision.
    before = registry.Context(scope=tree["bloc"], at=dt.date(2021, 12, 24))
    assert registry.value("rating.good", before) == 0
    assert registry.value("rating.excellent", context) == 0


def test_a_member_transferred_after_the_round_stays_in_its_results(
    tree, users, make_member, comment
):
    member = make_member(tree["cell_a"])
    comment(member, 2021)
    rnd = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2021, opened_on=dt.date(2021, 12, 1)
    )
    member_record_event(
        member=member, kind=EventKind.TRANSFERRED, date=dt.date(2022, 2, 1), org=tree["base_cell"]
    )
    entry = rnd.members.get(member=member)
    assert entry.cell_id == tree["cell_a"].pk
