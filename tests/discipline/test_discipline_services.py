"""Discipline services: authority, limitation, vote, consequences, rights, figures."""

from __future__ import annotations

import datetime as dt

import pytest
from discipline_days import DECIDED, TODAY
from django.core.exceptions import PermissionDenied, ValidationError

from dangbo.accounts.models import AuditEntry
from dangbo.discipline import services
from dangbo.discipline.models import (
    BodyKind,
    CaseKind,
    CaseStatus,
    ComplaintOutcome,
    DisciplineCase,
    Form,
    SubjectKind,
)
from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.models import MembershipEvent
from dangbo.members.services import member_transfer
from dangbo.orgs.models import CommitteeSeat
from dangbo.orgs.services import org_move

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def _case(member, body_org, body_kind, form, **extra):
    values = {
        "subject_kind": SubjectKind.MEMBER,
        "member": member,
        "violation": "Vi phạm quy chế làm việc của chi bộ",
        "violation_on": dt.date(2021, 1, 10),
        "found_on": dt.date(2021, 3, 1),
        "body_org": body_org,
        "body_kind": body_kind,
        "form": form,
        "decision_number": "01-QĐ/CB",
        "decision_date": DECIDED,
        "today": TODAY,
    }
    values.update(extra)
    return services.case_create(**values)


def _value(key, scope, period=YEAR):
    return registry.value(key, Context(scope=scope, at=period[1], period=period))


def test_a_cell_reprimands_its_member(tree, cell_members, roles):
    member = cell_members["full"][1]
    case = _case(member, tree["cell_a"], BodyKind.CELL, Form.REPRIMAND,
                 acting_user=roles["cell_secretary"])  # fmt: skip
    assert case.subject_path == member.org_path and case.subject_org == tree["cell_a"]
    assert case.counts and case.member_status == MemberStatus.FULL
    assert AuditEntry.objects.filter(object_type="discipline_case", object_id=str(case.pk),
                                     action="change").exists()  # fmt: skip
    assert _value("discipline.total", tree["bloc"]) == 1
    assert _value("discipline.by_base", tree["bloc"]) == 1
    assert _value("discipline.by_superior", tree["bloc"]) == 0
    assert _value("discipline.reprimand", tree["bloc"]) == 1
    assert _value("discipline.members", tree["bloc"]) == 1
    assert _value("discipline.by_form", tree["bloc"]) == {"Khiển trách": 1}
    assert _value("discipline.by_body", tree["bloc"]) == {"Chi bộ": 1}
    assert _value("discipline.total", tree["base_cell"]) == 0


def test_reprimand_more_than_five_years_after_the_violation_is_refused(tree, cell_members):
    member = cell_members["full"][1]
    with pytest.raises(ValidationError) as exc:
        _case(member, tree["cell_a"], BodyKind.CELL, Form.REPRIMAND,
              violation_on=dt.date(2015, 2, 1), found_on=dt.date(2021, 4, 3))  # fmt: skip
    assert exc.value.message_dict["violation_on"] == [
        "Đã hết thời hiệu xử lý kỷ luật khiển trách (5 năm, Quy định 102-QĐ/TW Điều 3): vi phạm "
        "ngày 01/02/2015, phát hiện ngày 03/04/2021."
    ]
    assert not DisciplineCase.objects.exists()
    # A later violation (on the case, or another case) restarts the count.
    case = _case(member, tree["cell_a"], BodyKind.CELL, Form.REPRIMAND,
                 violation_on=dt.date(2015, 2, 1), found_on=dt.date(2021, 4, 3),
                 later_violation_on=dt.date(2019, 5, 1))  # fmt: skip
    assert case.pk


def test_expulsion_decided_by_a_cell_is_refused(tree, cell_members):
    member = cell_members["full"][1]
    with pytest.raises(ValidationError) as exc:
        _case(member, tree["cell_a"], BodyKind.CELL, Form.EXPULSION, votes_for=6)
    message = exc.value.message_dict["form"][0]
    assert message.startswith("Chi bộ chỉ được quyết định khiển trách, cảnh cáo")
    assert "Điều lệ Đảng Điều 36" in message
    assert not DisciplineCase.objects.exists()
    assert not MembershipEvent.objects.filter(kind=EventKind.EXPELLED).exists()


def test_standing_committee_of_a_base_and_a_stranger_cell_may_not_decide(tree, cell_members):
    member = cell_members["full"][1]
    with pytest.raises(ValidationError) as exc:
        _case(member, tree["base"], BodyKind.STANDING, Form.REPRIMAND)
    assert "Ban Thường vụ đảng ủy cơ sở" in exc.value.message_dict["form"][0]
    with pytest.raises(ValidationError) as exc:
        _case(member, tree["cell_b"], BodyKind.CELL, Form.REPRIMAND)
    assert "không thuộc tổ chức đảng của đảng viên" in exc.value.message_dict["form"][0]
    with pytest.raises(ValidationError) as exc:
        _case(member, tree["base"], BodyKind.CELL, Form.REPRIMAND)
    assert "body_kind" in exc.value.message_dict


def test_expulsion_ends_membership_with_the_event(tree, cell_members, roles):
    member = cell_members["full"][1]
    day_before = DECIDED - dt.timedelta(days=1)
    before = _value("members.total", tree["bloc"], (day_before, day_before))
    # 7 members in cell A, 6 of them full on the vote day: 4 votes are 2/3.
    with pytest.raises(ValidationError) as exc:
        _case(member, tree["base"], BodyKind.EXECUTIVE, Form.EXPULSION, votes_for=3,
              vote_on=dt.date(2021, 6, 1), acting_user=roles["base_secretary"])  # fmt: skip
    assert "3/6" in exc.value.message_dict["votes_for"][0]
    assert not DisciplineCase.objects.exists()
    case = _case(member, tree["base"], BodyKind.EXECUTIVE, Form.EXPULSION, votes_for=4,
                 vote_on=dt.date(2021, 6, 1), acting_user=roles["base_secretary"])  # fmt: skip
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT and member.left_on == DECIDED
    event = MembershipEvent.objects.get(member=member, kind=EventKind.EXPELLED)
    assert case.membership_event == event and event.date == DECIDED
    assert event.decision_number == "01-QĐ/CB"
    assert case.full_members == 6 and case.votes_for == 4
    assert _value("members.total", tree["bloc"], (DECIDED, DECIDED)) == before - 1
    assert _value("discipline.expulsion", tree["bloc"]) == 1


def test_expulsion_without_a_vote_is_refused(tree, cell_members):
    with pytest.raises(ValidationError) as exc:
        _case(cell_members["full"][1], tree["base"], BodyKind.EXECUTIVE, Form.EXPULSION)
    assert exc.value.message_dict["votes_for"][0].startswith("Khai trừ đảng viên phải có")


def test_probationary_member_struck_off_not_expelled(tree, cell_members):
    member = cell_members["probationary"]
    with pytest.raises(ValidationError) as exc:
        _case(member, tree["base"], BodyKind.EXECUTIVE, Form.EXPULSION, votes_for=6)
    assert exc.value.message_dict["form"][0].startswith("Đảng viên dự bị chỉ bị kỷ luật")
    case = _case(member, tree["base"], BodyKind.EXECUTIVE, Form.STRUCK_OFF)
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT
    assert case.membership_event.kind == EventKind.STRUCK_OFF
    assert _value("discipline.struck_off", tree["bloc"]) == 1


def test_dismissal_ends_the_seats(tree, cell_members, secretary):
    member, seat = secretary
    case = _case(member, tree["base"], BodyKind.EXECUTIVE, Form.DISMISSAL)
    seat.refresh_from_db()
    assert seat.ends_on == DECIDED and case.seats_ended == 1
    assert "Chấm dứt chức vụ Bí thư" in case.consequences
    assert not CommitteeSeat.objects.filter(member=member, ends_on__isnull=True).exists()
    # Without a seat, no dismissal.
    with pytest.raises(ValidationError) as exc:
        _case(cell_members["full"][2], tree["base"], BodyKind.EXECUTIVE, Form.DISMISSAL)
    assert "không giữ chức vụ cấp ủy" in exc.value.message_dict["form"][0]


def test_writes_need_inspect_over_subject_and_body(tree, cell_members, roles):
    member = cell_members["full"][1]
    with pytest.raises(PermissionDenied):
        _case(member, tree["cell_a"], BodyKind.CELL, Form.REPRIMAND,
              acting_user=roles["cell_b_secretary"])  # fmt: skip
    with pytest.raises(PermissionDenied):  # the base may not record the bloc's decision
        _case(member, tree["bloc"], BodyKind.INSPECTION, Form.REPRIMAND,
              acting_user=roles["base_secretary"])  # fmt: skip
    with pytest.raises(PermissionDenied):  # the organization board has no INSPECT
        _case(member, tree["cell_a"], BodyKind.CELL, Form.REPRIMAND,
              acting_user=roles["org_board"])  # fmt: skip
    case = _case(member, tree["bloc"], BodyKind.INSPECTION, Form.REPRIMAND,
                 acting_user=roles["inspection"])  # fmt: skip
    assert _value("discipline.by_superior", tree["bloc"]) == 1
    assert _value("discipline.by_body", tree["bloc"]) == {"Ủy ban Kiểm tra – cấp trên cơ sở": 1}
    assert case.created_by == roles["inspection"]


def test_organizations_are_disciplined_by_the_superior(tree, roles):
    values = {
        "subject_kind": SubjectKind.ORGANIZATION, "organization": tree["cell_b"],
        "violation": "Buông lỏng lãnh đạo", "violation_on": dt.date(2021, 1, 5),
        "found_on": dt.date(2021, 2, 1), "decision_number": "05-QĐ/ĐU",
        "decision_date": DECIDED, "today": TODAY,
    }  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.case_create(body_org=tree["cell_b"], body_kind=BodyKind.CELL,
                             form=Form.REPRIMAND, **values)  # fmt: skip
    assert exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.case_create(body_org=tree["bloc"], body_kind=BodyKind.STANDING,
                             form=Form.DISSOLUTION, **values)  # fmt: skip
    assert "Giải tán tổ chức đảng chỉ do Ban Chấp hành" in exc.value.message_dict["form"][0]
    case = services.case_create(body_org=tree["base"], body_kind=BodyKind.EXECUTIVE,
                                form=Form.WARNING, acting_user=roles["base_secretary"],
                                **values)  # fmt: skip
    assert case.subject_path == tree["cell_b"].path
    assert _value("discipline.orgs", tree["bloc"]) == 1
    assert _value("discipline.warning", tree["bloc"]) == 1
    assert _value("discipline.total", tree["cell_a"]) == 0


def test_external_information_with_the_5_day_notice(tree, cell_members, roles):
    member = cell_members["full"][3]
    late = services.external_record(
        member=member, external_body="Sở Tài chính", external_form="Khiển trách",
        violation="Chậm thực hiện nhiệm vụ", decision_number="12/QĐ-STC",
        decision_date=dt.date(2021, 5, 3), notified_on=dt.date(2021, 5, 10), today=TODAY,
        acting_user=roles["cell_secretary"],
    )  # fmt: skip
    assert late.kind == CaseKind.INFORMATION
    assert late.notice_deadline == dt.date(2021, 5, 8) and late.notice_late
    on_time = services.external_record(
        member=member, external_body="Công đoàn Sở", external_form="Khiển trách",
        violation="x", decision_number="3/QĐ-CĐ", decision_date=dt.date(2021, 7, 1),
        notified_on=dt.date(2021, 7, 6), today=TODAY,
    )  # fmt: skip
    assert not on_time.notice_late
    assert _value("discipline.total", tree["bloc"]) == 0
    assert _value("discipline.external", tree["bloc"]) == 2
    with pytest.raises(ValidationError) as exc:
        services.external_record(
            member=member, external_body="", external_form="", violation="x",
            decision_number="", decision_date=dt.date(2021, 7, 1),
            notified_on=dt.date(2021, 6, 1), today=TODAY,
        )  # fmt: skip
    assert set(exc.value.message_dict) == {"external_body", "external_form", "decision_number",
                                           "notified_on"}  # fmt: skip


def test_annulled_after_a_complaint_no_longer_counts(tree, cell_members):
    member = cell_members["full"][1]
    case = _case(member, tree["cell_a"], BodyKind.CELL, Form.WARNING)
    assert _value("discipline.total", tree["bloc"]) == 1
    with pytest.raises(ValidationError) as exc:
        services.case_record_complaint(case=case, received_on=dt.date(2021, 6, 1),
                                       outcome=ComplaintOutcome.ANNULLED)  # fmt: skip
    assert {"received_on", "decided_on"} <= set(exc.value.message_dict)
    services.case_record_complaint(case=case, received_on=dt.date(2021, 7, 1),
                                   outcome=ComplaintOutcome.CHANGED, body="UBKT Đảng ủy Khối",
                                   decided_on=dt.date(2021, 8, 1),
                                   changed_form=Form.REPRIMAND)  # fmt: skip
    assert _value("discipline.warning", tree["bloc"]) == 0
    assert _value("discipline.reprimand", tree["bloc"]) == 1
    services.case_record_complaint(case=case, received_on=dt.date(2021, 7, 1),
                                   outcome=ComplaintOutcome.ANNULLED,
                                   decided_on=dt.date(2021, 9, 1))  # fmt: skip
    case.refresh_from_db()
    assert case.status == CaseStatus.ANNULLED and not case.counts
    assert _value("discipline.total", tree["bloc"]) == 0


def test_the_case_follows_the_member_and_the_figure_stays_where_it_was(tree, cell_members):
    member = cell_members["full"][1]
    case = _case(member, tree["cell_a"], BodyKind.CELL, Form.REPRIMAND)
    member_transfer(member=member, to_cell=tree["base_cell"], date=dt.date(2022, 1, 5))
    member.refresh_from_db()
    case.refresh_from_db()
    assert case.subject_path == member.org_path == tree["base_cell"].path
    # The 2021 figure counts where the member was on the decision date.
    assert _value("discipline.total", tree["base"]) == 1
    assert _value("discipline.total", tree["base_cell"]) == 0
    # Moving an organization rewrites the copied path.
    org_move(org=tree["base_cell"], new_parent=tree["base"], date=dt.date(2022, 2, 1))
    case.refresh_from_db()
    tree["base_cell"].refresh_from_db()
    assert case.subject_path == member.__class__.objects.get(pk=member.pk).org_path


def test_dates_are_checked(tree, cell_members):
    with pytest.raises(ValidationError) as exc:
        _case(cell_members["full"][1], tree["cell_a"], BodyKind.CELL, Form.REPRIMAND,
              found_on=dt.date(2020, 1, 1), decision_date=dt.date(2027, 1, 1))  # fmt: skip
    assert {"found_on", "decision_date"} <= set(exc.value.message_dict)


def test_a_complaint_received_or_settled_after_today_is_refused(tree, cell_members):
    from django.utils import timezone

    member = cell_members["full"][1]
    case = _case(member, tree["cell_a"], BodyKind.CELL, Form.WARNING)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.case_record_complaint(case=case, received_on=tomorrow,
                                       outcome=ComplaintOutcome.PENDING)  # fmt: skip
    assert "không ghi ngày trong tương lai" in exc.value.message_dict["received_on"][0]
    case.refresh_from_db()
    assert case.complaint_received_on is None
