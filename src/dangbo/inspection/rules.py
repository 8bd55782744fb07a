"""Rules of inspection plans and of complaints and denunciations, with their sources.

Pure functions (no database): the services call them with the facts they read.

The procedure of inspection, supervision and discipline is Quy định 22-QĐ/TW (28/7/2021),
replaced by 262-QĐ/TW (03/02/2025), then by 296-QĐ/TW (30/5/2025) (RULES.md §0). The
deadlines of the rule set family "complaints" are chosen by the day a letter is received.

Confidence of each number, and where it comes from:

- The one-month limit to complain about a discipline decision, from the day the decision
  was received: Điều lệ Đảng, Điều 39 khoản 7 (dangcongsan.vn, hỏi đáp 428680). **High.**
  Counted as one calendar month (RULES.md §2, design note); the same page reads it as
  "30 ngày làm việc", which a deployment may choose through `lodging_working_days`.
- Denunciations settled by a cell or a base committee's inspection committee within 90
  working days of receipt, extendable by at most 30 working days (sổ tay công tác kiểm
  tra, Đảng ủy Khối Bình Thuận, "Giải quyết tố cáo đối với tổ chức đảng và đảng viên",
  under 22-QĐ/TW). **Medium.** The upper levels' 90 days are assumed the same. **Low.**
- Complaints about discipline settled within 30 working days at the base level, 60 at the
  level directly above (district, bloc), 90 at the province and 180 at the centre: the
  older rule's scale (Quy định 45-QĐ/TW 2011, Điều 30), not confirmed in 22, 262 or 296.
  **Low.**
- Other letters (petitions): 30 working days, by analogy. **Low.**
- 262-QĐ/TW and 296-QĐ/TW are assumed to keep these numbers (their full texts were not
  found). **Low.** Every Low or Medium number is a field: DANGBO_RULE_OVERRIDES changes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import ClassVar

from dangbo.core import rulesets, workdays
from dangbo.core.text import format_date
from dangbo.members.rules import add_months

# Levels of the body that settles a letter.
BASE = "base"  # chi bộ, đảng ủy cơ sở and its inspection committee
UPPER = "upper"  # the committee directly above the base (bloc, district, commune)
PROVINCE = "province"
CENTRAL = "central"
LEVEL_LABELS = {
    BASE: "cấp cơ sở",
    UPPER: "cấp trên cơ sở",
    PROVINCE: "cấp tỉnh",
    CENTRAL: "cấp Trung ương",
}

_LEVEL_OF_KIND = {
    "central": CENTRAL,
    "provincial_committee": PROVINCE,
    "bloc_committee": UPPER,
    "local_committee": UPPER,
    "base_committee": BASE,
    "sub_committee": BASE,
    "base_cell": BASE,
    "sub_cell": BASE,
}
CELL_ORG_KINDS = ("base_cell", "sub_cell")


@dataclasses.dataclass(frozen=True)
class ComplaintRules(rulesets.RuleSet):
    family: ClassVar[str] = "complaints"
    # Điều lệ Đảng Điều 39 k7 (High): one month from receiving the decision.
    lodging_months: int = 1
    # 0: the calendar month above; > 0: that many working days instead (Medium reading).
    lodging_working_days: int = 0
    # Working days to settle a complaint about discipline, by level (Low).
    complaint_days_base: int = 30
    complaint_days_upper: int = 60
    complaint_days_province: int = 90
    complaint_days_central: int = 180
    # Working days to settle a denunciation (Medium at the base, Low above).
    denunciation_days_base: int = 90
    denunciation_days_upper: int = 90
    denunciation_days_province: int = 90
    denunciation_days_central: int = 90
    # At most this many working days of extension (Medium).
    denunciation_extension_days: int = 30
    # Other letters (Low).
    other_days: int = 30

    def settle_days(self, kind: str, level: str) -> int:
        if kind == "discipline_complaint":
            return int(getattr(self, f"complaint_days_{level}"))
        if kind in ("denounce_member", "denounce_org"):
            return int(getattr(self, f"denunciation_days_{level}"))
        return self.other_days


VERSIONS: tuple[ComplaintRules, ...] = (
    ComplaintRules(
        name="Quy định 22-QĐ/TW",
        effective_from=dt.date(2021, 7, 28),
        source="Quy định 22-QĐ/TW ngày 28/7/2021; Điều lệ Đảng, Điều 39",
    ),
    ComplaintRules(
        name="Quy định 262-QĐ/TW",
        effective_from=dt.date(2025, 2, 3),
        source="Quy định 262-QĐ/TW ngày 03/02/2025; Điều lệ Đảng, Điều 39",
    ),
    ComplaintRules(
        name="Quy định 296-QĐ/TW",
        effective_from=dt.date(2025, 5, 30),
        source="Quy định 296-QĐ/TW ngày 30/5/2025; Điều lệ Đảng, Điều 39",
    ),
)


def rules_at(day: dt.date) -> ComplaintRules:
    """The rule set in force on `day` (a letter: the day it was received). Before 28/7/2021
    the first version applies (30-QĐ/TW had the same scale as far as found)."""
    return rulesets.pick(VERSIONS, day)


def level_of(org_kind: str) -> str:
    return _LEVEL_OF_KIND.get(org_kind, UPPER)


# --- Plans and items -------------------------------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    return start, add_months(start, 3) - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def ref_date(year: int, quarter: int | None, decided_on: dt.date | None) -> dt.date:
    """The day an item counts on: its planned quarter's first day, else its decision day."""
    if quarter is not None:
        return quarter_bounds(year, quarter)[0]
    return decided_on or dt.date(year, 1, 1)


def check_body(body: str, org_kind: str) -> str:
    """A cell supervises its members as a cell; committees act through their executive
    committee, standing committee or inspection committee (Điều lệ Đảng Điều 30, 32)."""
    is_cell = org_kind in CELL_ORG_KINDS
    if body == "cell" and not is_cell:
        return (
            "Chỉ chi bộ mới là chủ thể “Chi bộ”; đảng bộ chọn Ban Chấp hành, Ban Thường vụ "
            "hoặc Ủy ban Kiểm tra."
        )
    if body != "cell" and is_cell:
        return (
            "Chi bộ không có Ban Thường vụ, Ủy ban Kiểm tra; chủ thể kiểm tra là “Chi bộ” "
            "(Điều lệ Đảng, Điều 30)."
        )
    return ""


def check_plan(*, year: int, decision_date: dt.date | None, title: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Phải nhập tên kế hoạch."
    if not 2000 <= year <= 2100:
        errors["year"] = "Năm kế hoạch không hợp lệ."
    if decision_date is not None and decision_date.year > year:
        errors["decision_date"] = f"Kế hoạch năm {year} phải ban hành trong hoặc trước năm {year}."
    return errors


def check_item(
    *,
    year: int,
    kind: str,
    planned_quarter: int | None,
    unplanned: bool,
    decided_on: dt.date | None,
    has_org: bool,
    has_member: bool,
    content: str,
) -> dict[str, str]:
    """What an item needs before it is written (the subject's place is checked by the
    service)."""
    errors: dict[str, str] = {}
    if has_org == has_member:
        errors["subject_org"] = (
            "Chọn một tổ chức đảng hoặc một đảng viên được kiểm tra, giám sát (chỉ một)."
        )
    if not content.strip():
        errors["content"] = "Phải nhập nội dung kiểm tra, giám sát."
    if kind == "signs_of_violation" and not unplanned:
        errors["unplanned"] = (
            "Kiểm tra khi có dấu hiệu vi phạm không lập kế hoạch trước: ghi là cuộc ngoài "
            "kế hoạch, với ngày quyết định kiểm tra (Điều lệ Đảng, Điều 32; Quy định "
            "22-QĐ/TW)."
        )
    if unplanned:
        if planned_quarter is not None:
            errors["planned_quarter"] = "Cuộc ngoài kế hoạch không có quý dự kiến."
        if decided_on is None:
            errors["decided_on"] = "Cuộc ngoài kế hoạch phải có ngày quyết định kiểm tra, giám sát."
        elif decided_on.year != year:
            errors["decided_on"] = f"Ngày quyết định phải trong năm {year} của kế hoạch."
    elif planned_quarter is None:
        errors["planned_quarter"] = "Chọn quý dự kiến tiến hành (hoặc đánh dấu ngoài kế hoạch)."
    elif not 1 <= planned_quarter <= 4:
        errors["planned_quarter"] = "Quý dự kiến từ 1 đến 4."
    return errors


def check_progress(
    *,
    status: str,
    started_on: dt.date | None,
    ended_on: dt.date | None,
    year: int,
    today: dt.date,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if started_on is not None:
        if started_on > today:
            errors["started_on"] = f"Ngày bắt đầu {format_date(started_on)} chưa đến."
        elif started_on.year < year - 1:
            errors["started_on"] = f"Ngày bắt đầu quá xa so với kế hoạch năm {year}."
    if status in ("in_progress", "done") and started_on is None:
        errors["started_on"] = "Phải nhập ngày bắt đầu."
    if ended_on is not None:
        if started_on is not None and ended_on < started_on:
            errors["ended_on"] = "Ngày kết thúc phải từ ngày bắt đầu trở đi."
        elif ended_on > today:
            errors["ended_on"] = f"Ngày kết thúc {format_date(ended_on)} chưa đến."
    return errors


def check_conclusion(
    *,
    started_on: dt.date | None,
    ended_on: dt.date | None,
    conclusion: str,
    violations_found: bool,
    violations_count: int,
    violations: str,
    today: dt.date,
) -> dict[str, str]:
    errors = check_progress(
        status="done", started_on=started_on, ended_on=ended_on,
        year=(started_on or today).year, today=today,
    )  # fmt: skip
    if ended_on is None:
        errors.setdefault("ended_on", "Phải nhập ngày kết thúc (ngày thông báo kết luận).")
    if not conclusion.strip():
        errors["conclusion"] = "Phải nhập nội dung kết luận."
    if violations_found and not (violations_count and violations.strip()):
        errors["violations"] = "Có vi phạm: ghi số vi phạm và nội dung vi phạm phát hiện."
    if not violations_found and violations_count:
        errors["violations_count"] = "Không có vi phạm thì số vi phạm là 0."
    return errors


# --- Letters ---------------------------------------------------------------------------------


def lodging_deadline(rule: ComplaintRules, decision_received_on: dt.date) -> dt.date:
    """The last day a complaint about a discipline decision may be lodged."""
    if rule.lodging_working_days:
        return workdays.add_working_days(decision_received_on, rule.lodging_working_days)
    return add_months(decision_received_on, rule.lodging_months)


def out_of_time_reason(
    rule: ComplaintRules, decision_received_on: dt.date, received_on: dt.date
) -> str:
    """Empty if lodged in time; else the Vietnamese reason the letter is closed with."""
    last = lodging_deadline(rule, decision_received_on)
    if received_on <= last:
        return ""
    return (
        f"Đơn khiếu nại gửi ngày {format_date(received_on)}, quá thời hạn một tháng kể từ "
        f"ngày nhận quyết định kỷ luật ({format_date(decision_received_on)}, hạn cuối "
        f"{format_date(last)}): không thụ lý giải quyết (Điều lệ Đảng, Điều 39, khoản 7)."
    )


ANONYMOUS_REASON = (
    "Đơn giấu tên, mạo tên, không rõ địa chỉ: lưu đơn, không xem xét, giải quyết (Quy định "
    "22-QĐ/TW; Hướng dẫn 02-HD/TW)."
)


def settle_deadline(rule: ComplaintRules, kind: str, level: str, received_on: dt.date) -> dt.date:
    """The last day to settle the letter: working days from the day it was received."""
    return workdays.add_working_days(received_on, rule.settle_days(kind, level))


def check_letter(
    *,
    received_on: dt.date,
    kind: str,
    anonymous: bool,
    sender_name: str,
    subject: str,
    decision_received_on: dt.date | None,
    today: dt.date,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if received_on > today:
        errors["received_on"] = f"Ngày nhận {format_date(received_on)} chưa đến."
    if not subject.strip():
        errors["subject"] = "Phải nhập trích yếu nội dung đơn."
    if not anonymous and not sender_name.strip():
        errors["sender_name"] = (
            "Phải nhập người gửi, hoặc đánh dấu đơn giấu tên, mạo tên, không rõ địa chỉ."
        )
    if kind == "discipline_complaint":
        if decision_received_on is None:
            errors["decision_received_on"] = (
                "Khiếu nại kỷ luật: phải nhập ngày người khiếu nại nhận quyết định kỷ luật "
                "(thời hạn khiếu nại một tháng, Điều lệ Đảng, Điều 39)."
            )
        elif decision_received_on > received_on:
            errors["decision_received_on"] = "Ngày nhận quyết định kỷ luật phải trước ngày gửi đơn."
    return errors


def allowed_outcomes(kind: str) -> tuple[str, ...]:
    if kind == "discipline_complaint":
        return ("upheld", "changed", "annulled")
    if kind in ("denounce_member", "denounce_org"):
        return ("true", "partly_true", "false")
    return ("answered",)


def check_settlement(
    *,
    kind: str,
    received_on: dt.date,
    settled_on: dt.date,
    outcome: str,
    result: str,
    decision_number: str,
    decision_date: dt.date | None,
    today: dt.date,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if settled_on < received_on:
        errors["settled_on"] = (
            f"Ngày giải quyết phải từ ngày nhận đơn ({format_date(received_on)}) trở đi."
        )
    elif settled_on > today:
        errors["settled_on"] = f"Ngày giải quyết {format_date(settled_on)} chưa đến."
    if outcome not in allowed_outcomes(kind):
        errors["outcome"] = "Kết quả này không dùng cho loại đơn đã chọn."
    if not result.strip():
        errors["result"] = "Phải nhập nội dung kết quả giải quyết."
    if kind != "other" and not decision_number.strip():
        errors["decision_number"] = (
            "Phải nhập số quyết định hoặc thông báo kết quả giải quyết đã ban hành."
        )
    if decision_date is not None and decision_date < received_on:
        errors["decision_date"] = "Ngày quyết định, thông báo phải từ ngày nhận đơn trở đi."
    return errors


def check_extension(
    rule: ComplaintRules, *, kind: str, deadline: dt.date | None, extended_to: dt.date
) -> str:
    """A denunciation may be extended once by at most `denunciation_extension_days`."""
    if kind not in ("denounce_member", "denounce_org") or deadline is None:
        return "Chỉ gia hạn giải quyết đơn tố cáo."
    if extended_to <= deadline:
        return "Ngày gia hạn phải sau hạn giải quyết."
    limit = workdays.add_working_days(deadline, rule.denunciation_extension_days)
    if extended_to > limit:
        return (
            f"Gia hạn không quá {rule.denunciation_extension_days} ngày làm việc (đến "
            f"{format_date(limit)}) ({rule.name})."
        )
    return ""


def is_overdue(
    *,
    due: dt.date | None,
    status: str,
    settled_on: dt.date | None,
    on: dt.date,
) -> bool:
    """Not settled by its deadline as of `on`: still open past it, or settled after it."""
    if due is None or status == "closed":
        return False
    if status == "settled" and settled_on is not None and settled_on <= on:
        return settled_on > due
    return on > due
