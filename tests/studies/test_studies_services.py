"""Writes of studies: sessions and attendance (the rate), classes, contests, the figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from studies_days import DAY

from dangbo.accounts.models import AuditEntry
from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.members.services import person_save
from dangbo.studies import selectors, services
from dangbo.studies.models import ClassKind, Prize, Result, SessionAttendance

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def _rate(tree):
    return registry.value("study.participation_rate", Context(tree["bloc"], YEAR[1], YEAR))


def test_removing_one_attendance_changes_the_rate(tree, session, staffed):
    point = services.bridge_point_save(session=session, org=tree["base"], non_members_present=3)
    assert point.members_expected == 6  # members of the base committee's cells that day
    ids = [m.pk for m in staffed["a"] + staffed["b"]]
    services.attendance_set(point=point, member_ids=ids, today=DAY)
    assert _rate(tree) == 100.0
    assert registry.value("study.attendees", Context(tree["bloc"], YEAR[1], YEAR)) == 9
    services.attendance_remove(point=point, member=staffed["a"][0])
    assert _rate(tree) == 83.33
    assert selectors.totals(session.bridge_points.all()).rate == 83.33
    assert (
        AuditEntry.objects.filter(object_type="study_session", object_id=str(session.pk)).count()
        == 4
    )


def test_attendance_is_all_or_nothing(tree, session, staffed, make_member):
    point = services.bridge_point_save(session=session, org=tree["cell_a"])
    outsider = make_member(tree["cell_b"], name="Lê Văn Ngoài")
    with pytest.raises(ValidationError) as exc:
        services.attendance_set(
            point=point, member_ids=[staffed["a"][0].pk, outsider.pk], today=DAY
        )
    assert "Lê Văn Ngoài" in str(exc.value)
    assert not SessionAttendance.objects.exists()


def test_a_member_counts_once_a_session(tree, session, staffed):
    whole = services.bridge_point_save(session=session, org=tree["base"])
    cell = services.bridge_point_save(session=session, org=tree["cell_a"])
    services.attendance_set(point=whole, member_ids=[staffed["a"][0].pk], today=DAY)
    with pytest.raises(ValidationError, match="đã được ghi có mặt"):
        services.attendance_set(point=cell, member_ids=[staffed["a"][0].pk], today=DAY)


def test_points_stay_inside_the_organizer_and_once_per_org(tree, staffed):
    base_session = services.session_save(
        org=tree["base"], kind="resolution", title="Quán triệt", subject="Nghị quyết",
        held_on=DAY,
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.bridge_point_save(session=base_session, org=tree["base_cell"])
    assert "org" in exc.value.error_dict
    services.bridge_point_save(session=base_session, org=tree["cell_a"])
    with pytest.raises(ValidationError, match="đã có điểm cầu"):
        services.bridge_point_save(session=base_session, org=tree["cell_a"])


def test_expected_entered_cannot_go_below_present(tree, session, staffed):
    point = services.bridge_point_save(session=session, org=tree["cell_a"], members_expected=4)
    services.attendance_set(point=point, member_ids=[m.pk for m in staffed["a"]], today=DAY)
    with pytest.raises(ValidationError) as exc:
        services.bridge_point_save(session=session, point=point, org=tree["cell_a"],
                                   members_expected=3)  # fmt: skip
    assert "members_expected" in exc.value.error_dict
    point.refresh_from_db()
    assert point.members_expected == 4


def test_future_session_takes_no_attendance(tree, session, staffed):
    point = services.bridge_point_save(session=session, org=tree["cell_a"])
    with pytest.raises(ValidationError, match="chưa diễn ra"):
        services.attendance_set(point=point, member_ids=[staffed["a"][0].pk],
                                today=DAY - dt.timedelta(days=1))  # fmt: skip


def _class(tree, kind=ClassKind.POLITICAL_THEORY, ends=dt.date(2021, 5, 28)):
    return services.class_save(
        org=tree["bloc"], kind=kind, title="Lớp sơ cấp lý luận chính trị khóa 1",
        starts_on=dt.date(2021, 3, 8), ends_on=ends,
    )  # fmt: skip


def test_classes_learners_certificates_and_figures(tree, staffed):
    klass = _class(tree)
    added = services.learners_add_many(training_class=klass, members=staffed["a"])
    services.learner_add(training_class=klass, full_name="Quần chúng Hà", unit="Sở Tài chính")
    services.learner_result(
        learner=added[0],
        result=Result.GOOD,
        certificate_number="01/SC",
        certificate_date=dt.date(2021, 5, 28),
        today=dt.date(2021, 6, 1),
    )
    period = (dt.date(2021, 1, 1), dt.date(2021, 9, 30))
    context = Context(tree["bloc"], period[1], period)
    assert registry.value("training.classes", context) == 1
    assert registry.value("training.learners", context) == 5
    assert registry.value("training.certified", context) == 1
    assert registry.value("training.by_kind", context) == {"Lý luận chính trị": 1}
    elsewhere = Context(tree["base_cell"], period[1], period)
    assert registry.value("training.classes", elsewhere) == 0


def test_a_batch_with_one_bad_learner_adds_nobody(tree, staffed):
    klass = _class(tree, ClassKind.AWARENESS)
    candidate = person_save(
        full_name="Phạm Thị Mai",
        gender="female",
        birth_date=dt.date(2000, 1, 1),
        citizen_id="038200000111",
    )
    with pytest.raises(services.LearnerBatchError) as exc:
        services.learners_add_many(training_class=klass, members=[staffed["a"][0]],
                                   people=[candidate])  # fmt: skip
    assert exc.value.problems[0][0] == 0
    assert not klass.learners.exists()
    services.learners_add_many(training_class=klass, people=[candidate])
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        services.learner_add(training_class=klass, person=candidate)


def test_certificate_refusals_change_nothing(tree, staffed):
    klass = _class(tree)
    learner = services.learner_add(training_class=klass, member=staffed["a"][0])
    with pytest.raises(ValidationError) as exc:
        services.learner_result(
            learner=learner,
            result=Result.FAILED,
            certificate_number="9",
            certificate_date=dt.date(2021, 5, 28),
            today=dt.date(2021, 6, 1),
        )
    assert "certificate_number" in exc.value.error_dict
    learner.refresh_from_db()
    assert learner.result == "" and learner.certificate_number == ""


def test_contest_prizes_by_rank(tree, staffed):
    contest = services.contest_save(org=tree["bloc"], kind="reporters",
                                    held_on=dt.date(2021, 8, 26),
                                    title="Hội thi báo cáo viên giỏi năm 2021")  # fmt: skip
    prizes = [Prize.FIRST, Prize.SECOND, Prize.SECOND, Prize.CONSOLATION, Prize.NONE]
    for member, prize in zip(staffed["a"] + staffed["b"], prizes, strict=False):
        services.entrant_save(contest=contest, member=member, prize=prize)
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        services.entrant_save(contest=contest, member=staffed["a"][0])
    period = (dt.date(2021, 1, 1), dt.date(2021, 9, 30))
    context = Context(tree["bloc"], period[1], period)
    assert registry.value("contest.entrants", context) == 5
    assert registry.value("contest.prizes", context) == 4
    assert registry.value("contest.prizes_by_rank", context) == {
        "Giải Nhất": 1, "Giải Nhì": 2, "Giải Ba": 0, "Giải Khuyến khích": 1,
    }  # fmt: skip
