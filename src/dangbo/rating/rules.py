"""The rules of the yearly quality rating, one rule set per regulation, chosen by 31/12 of
the rating year (a 2021 round applies 132-QĐ/TW, a 2026 round 366-QĐ/TW).

Each check is a function of plain facts (no database), so the future discipline app can
feed the discipline facts that are entered by hand on the rating entry until it exists.
Numbers that research found only in secondary sources (Medium/Low in RULES.md) are fields
of the rule set, which a deployment may override (DANGBO_RULE_OVERRIDES["rating"]).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import ClassVar

from dangbo.core.rulesets import RuleSet, pick
from dangbo.members.rules import add_months
from dangbo.rating.models import GRADE_RANK, DisciplineForm, Grade, NotRatedReason


@dataclasses.dataclass(frozen=True)
class RatingRules(RuleSet):
    family: ClassVar[str] = "rating"
    # The citation in messages, e.g. "Quy định 132-QĐ/TW, Hướng dẫn 21-HD/BTCTW".
    cite: str
    # 100-point scale (366-QĐ/TW): the grade must agree with the score band.
    uses_score: bool
    score_excellent_min: int
    score_good_min: int
    # Below this a member is NOT_COMPLETED: inferred, Low–Medium.
    score_completed_min: int
    # Excellent grades at most this % of good grades per base organization.
    quota_excellent_of_good_pct: int
    new_member_months: int
    # HD 21/2019: new members are reviewed but not rated; 124: not reviewed either.
    new_members_reviewed: bool
    exclude_suspended: bool
    # 124: "trừ trường hợp tự phát hiện và khắc phục xong hậu quả".
    self_remedied_exception: bool
    # HD 21/2019: sick leave of this many months or more caps at COMPLETED (None: no rule).
    sick_leave_cap_months: int | None
    # Organization bounds.
    leadership_disciplined_not_completed: bool
    leadership_warning_not_completed: bool
    units_disciplined_share: float | None
    no_excellent_if_discipline: bool
    excellent_max_not_completed_share: float
    not_completed_members_share: float
    not_completed_units_share: float
    head_not_above_org: bool


R132 = RatingRules(
    name="Quy định 132-QĐ/TW; Hướng dẫn 21-HD/BTCTW",
    effective_from=dt.date(2018, 3, 8),
    source="Quy định 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị; Hướng dẫn 21-HD/BTCTW "
    "ngày 18/10/2019 của Ban Tổ chức Trung ương",
    cite="Quy định 132-QĐ/TW, Hướng dẫn 21-HD/BTCTW",
    uses_score=False,
    score_excellent_min=90,
    score_good_min=70,
    score_completed_min=50,
    quota_excellent_of_good_pct=20,  # HD 21/2019, High
    new_member_months=6,
    new_members_reviewed=True,  # HD 21/2019: "không xếp loại, nhưng vẫn kiểm điểm", High
    exclude_suspended=False,  # under 132 only exempted members were excluded, High
    self_remedied_exception=False,
    sick_leave_cap_months=3,  # HD 21/2019, High as an old rule
    leadership_disciplined_not_completed=False,
    leadership_warning_not_completed=True,  # HD 21/2019: cảnh cáo or above
    units_disciplined_share=None,
    no_excellent_if_discipline=False,
    excellent_max_not_completed_share=0.0,  # our bound, Low
    not_completed_members_share=0.5,  # HD 27/2014 "more than half", reference only
    not_completed_units_share=1 / 3,  # HD 27/2014 "more than one third", reference only
    head_not_above_org=True,  # Low: common provincial guidance
)

R124 = RatingRules(
    name="Quy định 124-QĐ/TW; Hướng dẫn 25-HD/BTCTW",
    effective_from=dt.date(2023, 10, 4),
    source="Quy định 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị; Hướng dẫn 25-HD/BTCTW "
    "của Ban Tổ chức Trung ương",
    cite="Quy định 124-QĐ/TW, Hướng dẫn 25-HD/BTCTW",
    uses_score=False,
    score_excellent_min=90,
    score_good_min=70,
    score_completed_min=50,
    quota_excellent_of_good_pct=20,  # wording under 124 unconfirmed: Medium/Low
    new_member_months=6,
    new_members_reviewed=False,  # 124: not reviewed, High
    exclude_suspended=True,  # 124, High
    self_remedied_exception=True,  # 124, High
    sick_leave_cap_months=None,  # unconfirmed under HD 25
    leadership_disciplined_not_completed=True,  # 124, High
    leadership_warning_not_completed=False,
    units_disciplined_share=0.2,  # 124: more than 20% of subordinate units, High
    no_excellent_if_discipline=False,
    excellent_max_not_completed_share=0.0,
    not_completed_members_share=0.5,
    not_completed_units_share=1 / 3,
    head_not_above_org=True,
)

R366 = RatingRules(
    name="Quy định 366-QĐ/TW; Hướng dẫn 43-HD/BTCTW",
    effective_from=dt.date(2025, 8, 30),
    source="Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị; Hướng dẫn 43-HD/BTCTW "
    "ngày 31/10/2025 của Ban Tổ chức Trung ương",
    cite="Quy định 366-QĐ/TW, Hướng dẫn 43-HD/BTCTW",
    uses_score=True,
    score_excellent_min=90,  # 366 Điều 11, High
    score_good_min=70,  # 366 Điều 11, High
    score_completed_min=50,  # KHTNV below 50 is an inference: Low–Medium
    quota_excellent_of_good_pct=20,  # unconfirmed under HD 43
    new_member_months=6,  # unconfirmed under HD 43 (kept from 124)
    new_members_reviewed=False,
    exclude_suspended=True,  # unconfirmed under HD 43 (kept from 124)
    self_remedied_exception=True,  # unconfirmed (kept from 124)
    sick_leave_cap_months=None,
    leadership_disciplined_not_completed=True,  # kept from 124, unconfirmed
    leadership_warning_not_completed=False,
    units_disciplined_share=0.2,  # kept from 124, unconfirmed
    no_excellent_if_discipline=True,  # 366, High
    excellent_max_not_completed_share=0.0,
    not_completed_members_share=0.5,
    not_completed_units_share=1 / 3,
    head_not_above_org=True,
)

VERSIONS = (R132, R124, R366)


def rules_for_year(year: int) -> RatingRules:
    """The rule set in force on 31/12 of the rating year."""
    return pick(VERSIONS, dt.date(year, 12, 31))


def residence_regulation(year: int) -> str:
    """Quy định 213-QĐ/TW (02/01/2020) replaced Quy định 76-QĐ/TW (2007)."""
    return "Quy định 213-QĐ/TW, Hướng dẫn 33-HD/BTCTW" if year >= 2020 else "Quy định 76-QĐ/TW"


def grade_label(grade: str) -> str:
    return str(Grade(grade).label) if grade else ""


@dataclasses.dataclass(frozen=True)
class MemberFacts:
    """What the rules need to know about one member in one year."""

    year: int
    reference_on: dt.date
    admitted_on: dt.date | None
    exempted: bool = False
    suspended: bool = False
    disciplined: bool = False
    discipline_form: str = ""
    self_remedied: bool = False
    sick_leave_months: int = 0
    # Quy định 213-QĐ/TW: a working member (not retired, not excused by HD 33) needs the
    # residence cell's comment of the year before being rated.
    needs_residence_comment: bool = False
    has_residence_comment: bool = False


def not_rated_reason(rules: RatingRules, facts: MemberFacts) -> str:
    """Why the member is not rated this year ("" if rated)."""
    if facts.exempted:
        return NotRatedReason.EXEMPTED  # all versions
    if rules.exclude_suspended and facts.suspended:
        return NotRatedReason.SUSPENDED  # 124-QĐ/TW
    if facts.admitted_on is not None and facts.admitted_on > add_months(
        facts.reference_on, -rules.new_member_months
    ):
        # HD 21-HD/BTCTW (2019): reviewed, not rated; 124-QĐ/TW: neither.
        if rules.new_members_reviewed:
            return NotRatedReason.NEW_MEMBER_REVIEWED
        return NotRatedReason.NEW_MEMBER
    return ""


def grade_for_score(rules: RatingRules, score: int) -> Grade:
    """366-QĐ/TW, Điều 11: ≥ 90 HTXSNV, 70 to < 90 HTTNV, 50 to < 70 HTNV; below 50
    KHTNV (the last an inference)."""
    if score >= rules.score_excellent_min:
        return Grade.EXCELLENT
    if score >= rules.score_good_min:
        return Grade.GOOD
    if score >= rules.score_completed_min:
        return Grade.COMPLETED
    return Grade.NOT_COMPLETED


def score_errors(rules: RatingRules, grade: str, score: int | None) -> dict[str, str]:
    """The score the rule set asks for, and its agreement with the grade."""
    if not rules.uses_score:
        if score is not None:
            return {
                "score": f"Năm áp dụng {rules.cite} không chấm điểm theo thang 100 điểm; "
                "đề nghị bỏ trống điểm."
            }
        return {}
    if not grade:
        return {}
    if score is None:
        return {"score": f"Phải chấm điểm theo thang 100 điểm ({rules.cite}, Điều 11)."}
    if not 0 <= score <= 100:
        return {"score": "Điểm phải từ 0 đến 100."}
    band = grade_for_score(rules, score)
    if band != grade:
        return {
            "grade": f"{score} điểm tương ứng mức “{band.label}”, không phải "
            f"“{grade_label(grade)}” (HTXSNV từ {rules.score_excellent_min} điểm, HTTNV từ "
            f"{rules.score_good_min} đến dưới {rules.score_excellent_min}, HTNV từ "
            f"{rules.score_completed_min} đến dưới {rules.score_good_min}; {rules.cite}, "
            "Điều 11)."
        }
    return {}


def member_grade_cap(rules: RatingRules, facts: MemberFacts) -> tuple[Grade, str]:
    """The highest grade the facts allow, and why (EXCELLENT and "" when nothing caps)."""
    if facts.disciplined and not (rules.self_remedied_exception and facts.self_remedied):
        # HD 21-HD/BTCTW (2019); 124-QĐ/TW keeps it, "trừ trường hợp tự phát hiện và khắc
        # phục xong hậu quả". One violation counts once.
        return Grade.NOT_COMPLETED, f"bị thi hành kỷ luật trong năm ({rules.cite})"
    if rules.sick_leave_cap_months is not None and (
        facts.sick_leave_months >= rules.sick_leave_cap_months
    ):
        return (
            Grade.COMPLETED,
            f"nghỉ ốm từ {rules.sick_leave_cap_months} tháng trở lên trong năm ({rules.cite})",
        )
    return Grade.EXCELLENT, ""


def member_grade_errors(
    rules: RatingRules, facts: MemberFacts, grade: str, score: int | None
) -> dict[str, str]:
    """Everything wrong with giving `grade` (and `score`) to this member, by field."""
    errors: dict[str, str] = {}
    reason = not_rated_reason(rules, facts)
    if reason:
        if grade or score is not None:
            errors["grade"] = (
                f"Đảng viên không xếp loại năm {facts.year}: {NotRatedReason(reason).label} "
                f"({rules.cite})."
            )
        return errors
    if facts.disciplined and not facts.discipline_form:
        errors["discipline_form"] = "Hãy chọn hình thức kỷ luật."
    if not grade:
        return errors
    if facts.needs_residence_comment and not facts.has_residence_comment:
        errors["grade"] = (
            f"Chưa nhận được nhận xét của chi ủy, chi bộ nơi cư trú năm {facts.year}: chưa thể "
            f"xếp loại ({residence_regulation(facts.year)})."
        )
        return errors
    cap, why = member_grade_cap(rules, facts)
    if GRADE_RANK[Grade(grade)] > GRADE_RANK[cap]:
        errors["grade"] = f"Đảng viên {why} chỉ được xếp loại tối đa “{cap.label}”."
        return errors
    errors.update(score_errors(rules, grade, score))
    return errors


def quota_max_excellent(rules: RatingRules, good: int) -> int:
    return good * rules.quota_excellent_of_good_pct // 100


def quota_error(rules: RatingRules, excellent: int, good: int, base_name: str) -> str:
    """HD 21-HD/BTCTW (2019): excellent members at most 20% of good members within each
    base organization ("" if within)."""
    allowed = quota_max_excellent(rules, good)
    if excellent <= allowed:
        return ""
    return (
        f"{base_name}: {excellent} đảng viên hoàn thành xuất sắc nhiệm vụ vượt "
        f"{rules.quota_excellent_of_good_pct}% của {good} đảng viên hoàn thành tốt nhiệm vụ "
        f"(tối đa {allowed}) ({rules.cite})."
    )


@dataclasses.dataclass(frozen=True)
class OrgFacts:
    """What bounds an organization's grade: its members' and subordinates' results."""

    members_rated: int = 0
    members_not_completed: int = 0
    units: int = 0
    units_disciplined: int = 0
    units_not_completed: int = 0
    org_disciplined: bool = False
    leadership_disciplined: bool = False
    leadership_member_discipline: str = ""


def org_grade_cap(rules: RatingRules, facts: OrgFacts) -> tuple[Grade, str]:
    """The highest grade an organization may get, and why."""
    if rules.leadership_disciplined_not_completed and facts.leadership_disciplined:
        return Grade.NOT_COMPLETED, f"tập thể lãnh đạo bị kỷ luật trong năm ({rules.cite})"
    if rules.leadership_warning_not_completed and facts.leadership_member_discipline in (
        DisciplineForm.WARNING,
        DisciplineForm.DISMISSAL,
    ):
        return (
            Grade.NOT_COMPLETED,
            f"có thành viên lãnh đạo bị kỷ luật từ cảnh cáo trở lên ({rules.cite})",
        )
    if rules.units_disciplined_share is not None and facts.units:
        if facts.units_disciplined > rules.units_disciplined_share * facts.units:
            return (
                Grade.NOT_COMPLETED,
                f"{facts.units_disciplined}/{facts.units} tổ chức trực thuộc bị kỷ luật, quá "
                f"{rules.units_disciplined_share:.0%} ({rules.cite})",
            )
    if facts.members_rated and (
        facts.members_not_completed > rules.not_completed_members_share * facts.members_rated
    ):
        return (
            Grade.NOT_COMPLETED,
            f"{facts.members_not_completed}/{facts.members_rated} đảng viên không hoàn thành "
            "nhiệm vụ, quá một nửa (tham khảo Hướng dẫn 27-HD/BTCTW năm 2014)",
        )
    if facts.units and facts.units_not_completed > rules.not_completed_units_share * facts.units:
        return (
            Grade.NOT_COMPLETED,
            f"{facts.units_not_completed}/{facts.units} tổ chức trực thuộc không hoàn thành "
            "nhiệm vụ, quá một phần ba (tham khảo Hướng dẫn 27-HD/BTCTW năm 2014)",
        )
    if rules.no_excellent_if_discipline and (
        facts.units_disciplined
        or facts.leadership_disciplined
        or facts.leadership_member_discipline
        or facts.org_disciplined
    ):
        return (
            Grade.GOOD,
            f"có tổ chức trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật ({rules.cite})",
        )
    if facts.members_rated and (
        facts.members_not_completed > rules.excellent_max_not_completed_share * facts.members_rated
    ):
        return (
            Grade.GOOD,
            f"có {facts.members_not_completed} đảng viên không hoàn thành nhiệm vụ",
        )
    return Grade.EXCELLENT, ""


def org_grade_errors(
    rules: RatingRules, facts: OrgFacts, grade: str, score: int | None
) -> dict[str, str]:
    if not grade:
        return {}
    cap, why = org_grade_cap(rules, facts)
    if GRADE_RANK[Grade(grade)] > GRADE_RANK[cap]:
        return {"grade": f"Tổ chức {why} chỉ được xếp loại tối đa “{cap.label}”."}
    return score_errors(rules, grade, score)


def head_grade_errors(
    rules: RatingRules, org_grade: str, grade: str, score: int | None
) -> dict[str, str]:
    """The head of a committee is not rated above the organization (Low: provincial
    guidance; a field of the rule set)."""
    if not grade:
        return {}
    if (
        rules.head_not_above_org
        and org_grade
        and GRADE_RANK[Grade(grade)] > GRADE_RANK[Grade(org_grade)]
    ):
        return {
            "grade": f"Người đứng đầu không được xếp loại cao hơn tổ chức "
            f"(“{grade_label(org_grade)}”)."
        }
    return score_errors(rules, grade, score)
