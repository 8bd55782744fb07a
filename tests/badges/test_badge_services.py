"""Award, award several, return, reissue: each refusal just inside and just outside its bound."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangbo.accounts.models import AuditEntry
from dangbo.badges import services
from dangbo.badges.models import AwardStatus, BadgeAward
from dangbo.indicators import registry
from dangbo.members.choices import EventKind
from dangbo.members.services import member_record_event

from .conftest import ADMITTED, REACHED_30, TODAY

D = dt.date
DAY = dt.timedelta(days=1)


def award(member, **kwargs):
    values = {
        "years": 30, "decision_number": "125-QĐ/TU", "decision_date": D(2025, 5, 5),
        "presented_on": D(2025, 5, 19), "occasion": "05-19", "today": TODAY,
    } | kwargs  # fmt: skip
    return services.badge_award(member=member, **values)


def messages(exc: ValidationError) -> dict[str, str]:
    return {k: " ".join(str(m) for e in v for m in e.messages) for k, v in exc.error_dict.items()}


def test_award_records_the_cell_and_an_audit_row(veteran, tree):
    before = AuditEntry.objects.filter(action="change").count()
    done = award(veteran)
    assert done.cell == tree["cell_a"]
    assert done.status == AwardStatus.AWARDED
    assert AuditEntry.objects.filter(action="change").count() == before + 1


def test_a_level_not_reached_by_the_presentation_date_is_refused(veteran):
    with pytest.raises(ValidationError) as exc:
        award(veteran, presented_on=REACHED_30 - DAY, decision_date=D(2025, 3, 1),
              occasion="other")  # fmt: skip
    text = messages(exc.value)["years"]
    assert "10/03/2025" in text and "01-HD/TW" in text
    assert award(veteran, presented_on=REACHED_30, decision_date=D(2025, 3, 1), occasion="other")


def test_serious_illness_allows_twelve_months_early(veteran):
    early = D(2024, 3, 10)  # 12 months before 10/03/2025
    with pytest.raises(ValidationError) as exc:
        award(veteran, presented_on=early - DAY, decision_date=D(2024, 3, 1), occasion="other",
              early_reason="serious_illness")  # fmt: skip
    assert "tối đa 12 tháng" in messages(exc.value)["years"]
    assert award(veteran, presented_on=early, decision_date=D(2024, 3, 1), occasion="other",
                 early_reason="serious_illness")  # fmt: skip


def test_an_unknown_level_and_a_second_award_are_refused(veteran):
    with pytest.raises(ValidationError) as exc:
        award(veteran, years=35)
    assert "30, 40, 45" in messages(exc.value)["years"]
    award(veteran)
    with pytest.raises(ValidationError) as exc:
        award(veteran, presented_on=D(2025, 9, 2), occasion="09-02")
    assert "đã được tặng" in messages(exc.value)["years"]


def test_dates_and_occasion_are_checked(veteran):
    with pytest.raises(ValidationError) as exc:
        award(veteran, decision_date=D(2025, 5, 20), presented_on=D(2025, 5, 19),
              decision_number=" ", occasion="02-03")  # fmt: skip
    errors = messages(exc.value)
    assert set(errors) >= {"decision_number", "decision_date", "occasion"}
    with pytest.raises(ValidationError) as exc:
        award(veteran, presented_on=TODAY + DAY, occasion="other", today=TODAY)
    assert "chưa đến" in messages(exc.value)["presented_on"]


def test_a_member_out_of_the_party_on_the_day_is_refused(veteran):
    member_record_event(
        member=veteran, kind=EventKind.TRANSFERRED_OUT, date=D(2025, 5, 1), external_org="Tỉnh khác"
    )
    veteran.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        award(veteran)
    assert "không sinh hoạt" in messages(exc.value)["presented_on"]


def test_posthumous_awards(veteran):
    died = D(2024, 6, 1)  # 30 years would have been reached 10/03/2025: 9 months later
    member_record_event(member=veteran, kind=EventKind.DECEASED, date=died)
    veteran.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        award(veteran)
    assert "truy tặng" in messages(exc.value)["early_reason"].lower()
    done = award(veteran, early_reason="posthumous")
    assert done.cell_id == veteran.cell_id


def test_posthumous_beyond_twelve_months_is_refused(tree, make_member):
    member = make_member(tree["cell_b"], admitted=ADMITTED, birth_date=D(1970, 1, 1))
    member_record_event(member=member, kind=EventKind.DECEASED, date=D(2024, 3, 9))
    member.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        award(member, early_reason="posthumous")
    assert "tối đa 12 tháng" in messages(exc.value)["years"]


def test_several_at_once_are_all_or_nothing(veteran, tree, make_member):
    young = make_member(tree["cell_b"], name="Lê Thị Trẻ", admitted=D(2000, 1, 1),
                        birth_date=D(1975, 1, 1))  # fmt: skip
    lines = [services.AwardLine(veteran, 30), services.AwardLine(young, 30)]
    common = {"decision_number": "12-QĐ/TU", "decision_date": D(2025, 5, 5),
              "presented_on": D(2025, 5, 19), "occasion": "05-19", "today": TODAY}  # fmt: skip
    with pytest.raises(services.BadgeBatchError) as exc:
        services.badges_award_many(lines=lines, **common)
    assert [index for index, _ in exc.value.problems] == [1]
    assert not BadgeAward.objects.exists()
    done = services.badges_award_many(lines=lines[:1], **common)
    assert [a.member_id for a in done] == [veteran.pk]


def test_return_only_when_leaving_the_party(veteran):
    done = award(veteran)
    with pytest.raises(ValidationError) as exc:
        services.badge_return(award=done, returned_on=D(2026, 1, 1), today=TODAY)
    assert "ra khỏi Đảng" in messages(exc.value)["returned_on"]
    member_record_event(member=veteran, kind=EventKind.STRUCK_OFF, date=D(2026, 2, 1))
    with pytest.raises(ValidationError):
        services.badge_return(award=done, returned_on=D(2026, 1, 31), today=TODAY)
    back = services.badge_return(award=done, returned_on=D(2026, 2, 1), today=TODAY)
    assert back.status == AwardStatus.RETURNED and back.returned_on == D(2026, 2, 1)


def test_reissue_needs_a_reason(veteran):
    done = award(veteran)
    with pytest.raises(ValidationError) as exc:
        services.badge_reissue(award=done, reissued_on=D(2026, 1, 1), reason=" ", today=TODAY)
    assert "reason" in exc.value.error_dict
    again = services.badge_reissue(
        award=done, reissued_on=D(2026, 1, 1), reason="Bị mất khi chuyển nhà", today=TODAY
    )
    assert again.status == AwardStatus.REISSUED and "Bị mất" in again.note


def test_an_award_changes_the_cached_indicators(veteran, tree):
    context = registry.Context(scope=tree["bloc"], at=D(2025, 12, 31))
    assert registry.value("badges.due", context) == 1
    assert registry.value("badges.awarded", context) == 0
    award(veteran)
    fresh = registry.Context(scope=tree["bloc"], at=D(2025, 12, 31))
    assert registry.value("badges.due", fresh) == 0
    assert registry.value("badges.awarded", fresh) == 1
    assert registry.value("badges.awarded_by_level", fresh) == {"30 năm": 1}
    # As of a day before the presentation the member was still due.
    assert (
        registry.value("badges.due", registry.Context(scope=tree["bloc"], at=D(2025, 5, 18))) == 1
    )
    # Another subtree sees neither.
    other = registry.Context(scope=tree["base_cell"], at=D(2025, 12, 31))
    assert registry.value("badges.awarded", other) == 0
