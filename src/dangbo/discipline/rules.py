"""The rules of Party discipline, as plain functions of facts (no database).

Two dated rule-set families:

- "discipline_authority": which body may decide which form for which subject (Điều lệ Đảng
  Điều 35–36; Quy định 30-QĐ/TW (2016), 22-QĐ/TW (28/7/2021) Điều 11, then 296-QĐ/TW
  (30/5/2025)). Confidence Medium-High (RULES.md §2): the table below was read from the
  Charter and Q&A pages of the Party's press; the full text of 296-QĐ/TW was not found, so
  its version keeps the 22-QĐ/TW table. The table is data (`AUTHORITY`), one row per grant.
- "discipline_limitation": the limitation period, in months from the violation to the date
  the competent body found / concluded it (Quy định 69-QĐ/TW 06/7/2022 Điều 4; for
  violations before it, Quy định 102-QĐ/TW 15/11/2017 Điều 3, same figures). High.

Plus the 5-day notice of an external decision (296-QĐ/TW; RULES.md §2 "Other 296 changes",
Medium: calendar days assumed, a field).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import StrEnum
from typing import ClassVar

from dangbo.core.rulesets import RuleSet, pick
from dangbo.discipline.models import BodyKind, Form, SubjectKind
from dangbo.members.rules import add_months
from dangbo.orgs.models import OrgKind


def d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


# --- Forms by subject (Điều lệ Đảng Điều 35; 69-QĐ/TW Điều 7; High) ---------------------

FULL_MEMBER_FORMS = (Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION)
# A probationary member: reprimand or warning; unfit, struck off the list (xóa tên).
PROBATIONARY_FORMS = (Form.REPRIMAND, Form.WARNING, Form.STRUCK_OFF)
ORG_FORMS = (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION)
FORMS_CITE = "Điều lệ Đảng Điều 35; Quy định 69-QĐ/TW Điều 7"

CELL_KINDS = (OrgKind.BASE_CELL, OrgKind.SUB_CELL)
BASE_LEVEL_KINDS = (OrgKind.BASE_COMMITTEE, OrgKind.SUB_COMMITTEE, *CELL_KINDS)


def forms_error(subject_kind: str, probationary: bool, form: str) -> str:
    """Why `form` cannot be given to this subject ("" if it can)."""
    if subject_kind == SubjectKind.ORGANIZATION:
        if form not in ORG_FORMS:
            return (
                f"Tổ chức đảng chỉ bị kỷ luật khiển trách, cảnh cáo hoặc giải tán ({FORMS_CITE})."
            )
        return ""
    if probationary and form not in PROBATIONARY_FORMS:
        return (
            "Đảng viên dự bị chỉ bị kỷ luật khiển trách, cảnh cáo; nếu không còn đủ tư cách "
            f"đảng viên thì xóa tên trong danh sách đảng viên ({FORMS_CITE})."
        )
    if not probationary and form not in FULL_MEMBER_FORMS:
        return (
            "Đảng viên chính thức bị kỷ luật khiển trách, cảnh cáo, cách chức hoặc khai trừ; "
            f"đảng viên chính thức đáng khai trừ không được xóa tên thay thế ({FORMS_CITE})."
        )
    return ""


# --- Authority -------------------------------------------------------------------------


class Relation(StrEnum):
    """Where the deciding body's organization stands relative to the subject."""

    OWN_CELL = "own_cell"  # the member's own cell
    SUB_COMMITTEE = "sub_committee"  # a sub-committee above the subject (đảng ủy bộ phận)
    OWN_BASE = "own_base"  # the base committee the subject belongs to
    SUPERIOR = "superior"  # a committee above base level (the bloc, the province…)
    SELF = "self"  # the organization itself
    OUTSIDE = "outside"  # not the subject's own organization nor above it


@dataclasses.dataclass(frozen=True)
class Grant:
    subject: str
    relation: Relation
    body: str
    forms: tuple[str, ...]


# Who decides what (Điều lệ Đảng Điều 36; 22-QĐ/TW Điều 11; RULES.md §2, Medium-High):
# - a cell: reprimand or warning of its own members only;
# - a base committee's executive committee: every form of its members (expulsion after the
#   cell's vote of 2/3; the strike-off of a probationary member on the cell's proposal), and
#   reprimand, warning, dissolution of its subordinate organizations;
# - a base committee's inspection committee: reprimand or warning of members in the base;
# - a base committee's standing committee and a sub-committee: none (they review only);
# - the bodies above base level: members in their subtree (their inspection committees
#   also expel: "ủy ban kiểm tra cấp trên"), organizations below them; dissolution only by
#   the superior's executive committee.
AUTHORITY: tuple[Grant, ...] = (
    Grant(SubjectKind.MEMBER, Relation.OWN_CELL, BodyKind.CELL, (Form.REPRIMAND, Form.WARNING)),
    Grant(
        SubjectKind.MEMBER,
        Relation.OWN_BASE,
        BodyKind.EXECUTIVE,
        (Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION, Form.STRUCK_OFF),
    ),
    Grant(
        SubjectKind.MEMBER, Relation.OWN_BASE, BodyKind.INSPECTION, (Form.REPRIMAND, Form.WARNING)
    ),  # fmt: skip
    Grant(
        SubjectKind.MEMBER,
        Relation.SUPERIOR,
        BodyKind.EXECUTIVE,
        (Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION, Form.STRUCK_OFF),
    ),
    Grant(
        SubjectKind.MEMBER,
        Relation.SUPERIOR,
        BodyKind.STANDING,
        (Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION, Form.STRUCK_OFF),
    ),
    Grant(
        SubjectKind.MEMBER,
        Relation.SUPERIOR,
        BodyKind.INSPECTION,
        (Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION),
    ),
    Grant(
        SubjectKind.ORGANIZATION,
        Relation.OWN_BASE,
        BodyKind.EXECUTIVE,
        (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION),
    ),
    Grant(
        SubjectKind.ORGANIZATION,
        Relation.SUPERIOR,
        BodyKind.EXECUTIVE,
        (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION),
    ),
    Grant(
        SubjectKind.ORGANIZATION,
        Relation.SUPERIOR,
        BodyKind.STANDING,
        (Form.REPRIMAND, Form.WARNING),
    ),  # fmt: skip
    Grant(
        SubjectKind.ORGANIZATION,
        Relation.SUPERIOR,
        BodyKind.INSPECTION,
        (Form.REPRIMAND, Form.WARNING),
    ),  # fmt: skip
)


@dataclasses.dataclass(frozen=True)
class AuthorityRules(RuleSet):
    family: ClassVar[str] = "discipline_authority"
    cite: str
    table: tuple[Grant, ...]
    # Expulsion: at least this share of the cell's full members vote for it.
    expulsion_vote_num: int
    expulsion_vote_den: int


A30 = AuthorityRules(
    name="Điều lệ Đảng Điều 36; Quy định 30-QĐ/TW",
    effective_from=dt.date(2016, 7, 26),
    source="Điều lệ Đảng (2011) Điều 36; Quy định 30-QĐ/TW ngày 26/7/2016",
    cite="Điều lệ Đảng Điều 36; Quy định 30-QĐ/TW",
    table=AUTHORITY,
    expulsion_vote_num=2,
    expulsion_vote_den=3,
)
A22 = dataclasses.replace(
    A30,
    name="Điều lệ Đảng Điều 36; Quy định 22-QĐ/TW Điều 11",
    effective_from=dt.date(2021, 7, 28),
    source="Điều lệ Đảng (2011) Điều 36; Quy định 22-QĐ/TW ngày 28/7/2021, Điều 11",
    cite="Điều lệ Đảng Điều 36; Quy định 22-QĐ/TW Điều 11",
)
# 296-QĐ/TW replaced 22-QĐ/TW; its full text was not found: the table is kept (Medium).
A296 = dataclasses.replace(
    A30,
    name="Điều lệ Đảng Điều 36; Quy định 296-QĐ/TW",
    effective_from=dt.date(2025, 5, 30),
    source="Điều lệ Đảng (2011) Điều 36; Quy định 296-QĐ/TW ngày 30/5/2025",
    cite="Điều lệ Đảng Điều 36; Quy định 296-QĐ/TW",
)
AUTHORITY_VERSIONS = (A30, A22, A296)


def authority_at(day: dt.date) -> AuthorityRules:
    return pick(AUTHORITY_VERSIONS, day)


def relation(
    *, subject_kind: str, subject_path: str, body_path: str, body_org_kind: str
) -> Relation:
    """The body's organization relative to the subject, by the paths as the tree stood on
    the decision day (`subject_path`: the member's cell or the organization)."""
    if body_path == subject_path:
        return Relation.OWN_CELL if subject_kind == SubjectKind.MEMBER else Relation.SELF
    if not subject_path.startswith(body_path):
        return Relation.OUTSIDE
    if body_org_kind == OrgKind.SUB_COMMITTEE:
        return Relation.SUB_COMMITTEE
    if body_org_kind in (OrgKind.BASE_COMMITTEE, OrgKind.BASE_CELL):
        return Relation.OWN_BASE
    return Relation.SUPERIOR


def body_kind_error(body_kind: str, body_org_kind: str) -> str:
    """A cell decides by its meeting; committees by their executive, standing or inspection
    committee."""
    if body_kind == BodyKind.CELL and body_org_kind not in CELL_KINDS:
        return "Chỉ chi bộ mới quyết định bằng biểu quyết của chi bộ; hãy chọn cơ quan của đảng bộ."
    if body_kind != BodyKind.CELL and body_org_kind in CELL_KINDS:
        return "Chi bộ không có ban thường vụ, ủy ban kiểm tra; chọn “Chi bộ”."
    return ""


def authority_error(
    rules: AuthorityRules, *, subject_kind: str, rel: Relation, body_kind: str, form: str
) -> str:
    """Why this body may not decide this form for this subject ("" if it may)."""
    cite = rules.cite
    for grant in rules.table:
        if (grant.subject, grant.relation, grant.body) == (subject_kind, rel, body_kind):
            if form in grant.forms:
                return ""
            break
    label = Form(form).label
    if subject_kind == SubjectKind.MEMBER:
        if rel == Relation.OWN_CELL:
            return (
                f"Chi bộ chỉ được quyết định khiển trách, cảnh cáo đảng viên trong chi bộ; "
                f"không được quyết định {label.lower()}: khai trừ do chi bộ biểu quyết đề nghị "
                f"(ít nhất 2/3 đảng viên chính thức tán thành), đảng ủy cơ sở hoặc ủy ban kiểm "
                f"tra cấp trên quyết định ({cite})."
            )
        if rel == Relation.SUB_COMMITTEE:
            return f"Đảng ủy bộ phận không có thẩm quyền thi hành kỷ luật đảng viên ({cite})."
        if rel == Relation.OWN_BASE and body_kind == BodyKind.STANDING:
            return (
                f"Ban Thường vụ đảng ủy cơ sở không có thẩm quyền thi hành kỷ luật đảng viên; "
                f"Ban Chấp hành đảng ủy cơ sở quyết định ({cite})."
            )
        if rel == Relation.OUTSIDE:
            return (
                "Cơ quan quyết định không thuộc tổ chức đảng của đảng viên hoặc cấp trên của "
                f"tổ chức đó ({cite})."
            )
        body = BodyKind(body_kind).label
        return f"{body} không có thẩm quyền quyết định {label.lower()} ({cite})."
    if rel in (Relation.SELF, Relation.OUTSIDE, Relation.SUB_COMMITTEE):
        return f"Tổ chức đảng do cấp ủy, ủy ban kiểm tra cấp trên thi hành kỷ luật ({cite})."
    if form == Form.DISSOLUTION:
        return f"Giải tán tổ chức đảng chỉ do Ban Chấp hành (cấp ủy) cấp trên quyết định ({cite})."
    return (
        f"{BodyKind(body_kind).label} cấp này không có thẩm quyền quyết định "
        f"{label.lower()} tổ chức đảng ({cite})."
    )


def vote_error(rules: AuthorityRules, votes_for: int | None, full_members: int) -> str:
    """Expulsion: at least 2/3 of the cell's full members (counted on the vote day)."""
    if votes_for is None:
        return f"Khai trừ đảng viên phải có biểu quyết của chi bộ ({rules.cite})."
    if votes_for > full_members:
        return (
            f"Số phiếu tán thành ({votes_for}) lớn hơn số đảng viên chính thức của chi bộ "
            f"({full_members})."
        )
    if votes_for * rules.expulsion_vote_den < rules.expulsion_vote_num * full_members:
        return (
            f"Khai trừ cần ít nhất {rules.expulsion_vote_num}/{rules.expulsion_vote_den} số đảng "
            f"viên chính thức của chi bộ tán thành: {votes_for}/{full_members} ({rules.cite})."
        )
    return ""


# --- Limitation (thời hiệu) -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class LimitationRules(RuleSet):
    family: ClassVar[str] = "discipline_limitation"
    cite: str
    # Months per form; a form missing here has no limitation (expulsion, dissolution…).
    reprimand_months: int
    warning_months: int
    dismissal_months: int

    def months(self, form: str) -> int | None:
        return {
            Form.REPRIMAND: self.reprimand_months,
            Form.WARNING: self.warning_months,
            Form.DISMISSAL: self.dismissal_months,
        }.get(Form(form))


L102 = LimitationRules(
    name="Quy định 102-QĐ/TW Điều 3",
    effective_from=dt.date(2017, 11, 15),
    source="Quy định 102-QĐ/TW ngày 15/11/2017 của Bộ Chính trị, Điều 3",
    cite="Quy định 102-QĐ/TW Điều 3",
    reprimand_months=60,
    warning_months=120,
    dismissal_months=120,
)
L69 = LimitationRules(
    name="Quy định 69-QĐ/TW Điều 4",
    effective_from=dt.date(2022, 7, 6),
    source="Quy định 69-QĐ/TW ngày 06/7/2022 của Bộ Chính trị, Điều 4 (sửa đổi bởi "
    "Quy định 264-QĐ/TW ngày 14/02/2025)",
    cite="Quy định 69-QĐ/TW Điều 4",
    reprimand_months=60,
    warning_months=120,
    dismissal_months=120,
)
LIMITATION_VERSIONS = (L102, L69)


def limitation_at(day: dt.date) -> LimitationRules:
    """The rule set of the violation's day (102-QĐ/TW for violations before 06/7/2022)."""
    return pick(LIMITATION_VERSIONS, day)


def count_from(
    violation_on: dt.date, later: tuple[dt.date, ...] | list[dt.date], found_on: dt.date
) -> dt.date:
    """A new violation by the same subject before the finding restarts the count."""
    restarts = [day for day in later if violation_on < day <= found_on]
    return max([violation_on, *restarts])


def limitation_error(
    form: str,
    violation_on: dt.date,
    found_on: dt.date,
    later: tuple[dt.date, ...] | list[dt.date] = (),
) -> str:
    """'Đã hết thời hiệu…' when the period ran out before the finding ("" otherwise). The
    period ends on the same day `months` later; found on a later day, it ran out."""
    rules = limitation_at(violation_on)
    months = rules.months(form)
    if months is None:
        return ""
    start = count_from(violation_on, later, found_on)
    if found_on <= add_months(start, months):
        return ""
    restarted = f" (tính lại từ vi phạm mới ngày {d(start)})" if start != violation_on else ""
    years = f"{months // 12} năm" if months % 12 == 0 else f"{months} tháng"
    return (
        f"Đã hết thời hiệu xử lý kỷ luật {Form(form).label.lower()} ({years}, {rules.cite}): "
        f"vi phạm ngày {d(violation_on)}{restarted}, phát hiện ngày {d(found_on)}."
    )


def dates_errors(
    violation_on: dt.date, found_on: dt.date, decision_date: dt.date, today: dt.date | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if found_on < violation_on:
        errors["found_on"] = "Ngày phát hiện không được trước ngày vi phạm."
    if decision_date < found_on:
        errors["decision_date"] = "Ngày quyết định không được trước ngày phát hiện vi phạm."
    if today is not None and decision_date > today:
        errors["decision_date"] = "Ngày quyết định không được sau hôm nay."
    return errors


# --- External decisions (296-QĐ/TW: notice within 5 days) -------------------------------


@dataclasses.dataclass(frozen=True)
class NoticeRules(RuleSet):
    family: ClassVar[str] = "discipline_notice"
    cite: str
    notice_days: int  # Medium: calendar days assumed


N296 = NoticeRules(
    name="Quy định 296-QĐ/TW",
    effective_from=dt.date(2025, 5, 30),
    source="Quy định 296-QĐ/TW ngày 30/5/2025: cơ quan nhà nước, đoàn thể thông báo cho tổ "
    "chức đảng trong thời hạn 5 ngày",
    cite="Quy định 296-QĐ/TW",
    notice_days=5,
)
NOTICE_VERSIONS = (N296,)


def notice_rules_at(day: dt.date) -> NoticeRules:
    return pick(NOTICE_VERSIONS, day)


def notice_deadline(decision_date: dt.date) -> dt.date:
    return decision_date + dt.timedelta(days=notice_rules_at(decision_date).notice_days)


def notice_late(decision_date: dt.date, notified_on: dt.date | None) -> bool:
    return notified_on is not None and notified_on > notice_deadline(decision_date)


# --- Levels, for the figures ------------------------------------------------------------


def is_base_level(org_kind: str) -> bool:
    """Base committees and what is below them (cells included): "cấp cơ sở"."""
    return org_kind in BASE_LEVEL_KINDS
