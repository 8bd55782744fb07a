"""Đảng phí rules, one rule set per regulation, chosen by the month the dues are for.

- Quy định 342-QĐ/TW (28/12/2010) with Công văn 141-CV/VPTW/nb (17/3/2011): in force
  until the months of the new rule. 1% of salary and allowances subject to social
  insurance (administrative bodies, political and mass organisations, armed forces) or of
  salary/wage income from the wage fund (enterprises, public service units); 0,5% for
  pensioners and others on social-insurance benefits; other members in the country
  (agriculture, pupils and students…) 2.000–30.000 đ a month, 50% of that past working
  age. (RULES.md §4: High.)
- Quy định 01-QĐ/TW of the Politburo (03/02/2026): for the months from 02/2026
  (`first_month`; the sources say "từ tháng 02/2026", the month it was signed). 1% of the
  previous month's social-insurance salary (1% of the benefit during sickness or
  maternity leave); 0,5% of the pension; pupils and students 5.000 đ; exempt with ≥ 50
  years of Party age, social-pension recipients, poor and near-poor households, serious
  illness; other hardship 30/50/70% reduction or exemption for up to 12 months. (High.)
  The rate of other members outside social insurance was NOT found: `fixed_min`,
  `fixed_max` and `past_working_age_percent` keep the 342 numbers and say so.
- Three months unpaid in a year without good reason: the cell considers proposing to
  strike the member off (Điều lệ Đảng, Điều 8 khoản 2; restated by 01-QĐ/TW). Flagged,
  never done automatically.

Amounts: percentages in basis points (100 = 1%), results in whole đồng rounded half up to
`round_to` (1 = exact đồng: no regulation found that sets a rounding step; many cells
round to 100 or 1.000 đ, a deployment may set {"dues": {"round_to": 1000}}).

Working age (for the 50% of a fixed amount) is simplified to 60 years for men and 55 for
women (Bộ luật Lao động 2012); the 2019 Code's rising ages are not modelled (Low).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from dangbo.core.rulesets import RuleSet, pick
from dangbo.core.text import MAX_YEAR, MIN_YEAR, format_number
from dangbo.dues.models import BasisKind, ReliefKind
from dangbo.members.rules import add_months

R342 = "Quy định 342-QĐ/TW"
R01 = "Quy định 01-QĐ/TW"
CHARTER_8 = "Điều lệ Đảng, Điều 8"


@dataclasses.dataclass(frozen=True)
class DuesRules(RuleSet):
    family: ClassVar[str] = "dues"
    # The first month whose dues this version decides (first day of the month).
    first_month: dt.date
    salary_bps: int  # of the salary/allowances subject to social insurance
    wage_bps: int  # of the wage income (enterprises, public service units)
    benefit_bps: int  # of a sickness or maternity benefit
    pension_bps: int
    # The previous month's salary is the base (01-QĐ/TW) rather than this month's.
    salary_of_previous_month: bool
    # Pupils and students: a flat amount, or None for a fixed amount in [fixed_min, fixed_max].
    student_amount: int | None
    fixed_min: int
    fixed_max: int
    fixed_rate_confirmed: bool
    past_working_age_percent: int
    working_age_male_years: int
    working_age_female_years: int
    # Exempt from this Party age on (None: no such exemption in this version).
    exempt_party_years: int | None
    relief_kinds: tuple[str, ...]
    # Reductions allowed for hardship (100 = exemption); None: any whole percent 1–100.
    hardship_percents: tuple[int, ...] | None
    hardship_max_months: int | None
    unpaid_months_flag: int = 3
    round_to: int = 1


RULES_342 = DuesRules(
    name="342-QĐ/TW",
    effective_from=dt.date(2011, 1, 1),
    source=f"{R342} (28/12/2010), Công văn 141-CV/VPTW/nb (17/3/2011); {CHARTER_8}",
    first_month=dt.date(2011, 1, 1),
    salary_bps=100,
    wage_bps=100,
    benefit_bps=50,  # "others on social-insurance benefits: 0,5%"
    pension_bps=50,
    salary_of_previous_month=False,
    student_amount=None,
    fixed_min=2_000,
    fixed_max=30_000,
    fixed_rate_confirmed=True,
    past_working_age_percent=50,
    working_age_male_years=60,
    working_age_female_years=55,
    exempt_party_years=None,
    # RULES.md names no relief under 342; the cells' practice of reducing dues for
    # hardship is kept possible, without the bounds of 01-QĐ/TW (unconfirmed, Low).
    relief_kinds=(ReliefKind.HARDSHIP,),
    hardship_percents=None,
    hardship_max_months=None,
)

RULES_01 = DuesRules(
    name="01-QĐ/TW",
    effective_from=dt.date(2026, 2, 3),
    source=f"{R01} của Bộ Chính trị (03/02/2026); {CHARTER_8}",
    first_month=dt.date(2026, 2, 1),
    salary_bps=100,
    wage_bps=100,
    benefit_bps=100,
    pension_bps=50,
    salary_of_previous_month=True,
    student_amount=5_000,
    # Not found in 01-QĐ/TW: kept from 342-QĐ/TW until confirmed.
    fixed_min=2_000,
    fixed_max=30_000,
    fixed_rate_confirmed=False,
    past_working_age_percent=50,
    working_age_male_years=60,
    working_age_female_years=55,
    exempt_party_years=50,
    relief_kinds=tuple(ReliefKind.values),
    hardship_percents=(30, 50, 70, 100),
    hardship_max_months=12,
)

VERSIONS: tuple[DuesRules, ...] = (RULES_342, RULES_01)

UNCONFIRMED_NOTE = (
    "Mức đóng của đảng viên khác không thuộc diện đóng BHXH theo Quy định 01-QĐ/TW chưa "
    "được xác nhận; hệ thống tạm áp dụng khung 2.000–30.000 đ/tháng của Quy định 342-QĐ/TW."
)


# --- Months --------------------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return add_months(month_start(month), 1)


def month_end(month: dt.date) -> dt.date:
    return next_month(month) - dt.timedelta(days=1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from `first`'s to `last`'s, as first days."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def format_month(month: dt.date) -> str:
    return f"{month:%m/%Y}"


def parse_month(text: str) -> dt.date:
    """ "11/2026", "11-2026", "2026-11" (and a date in the month) -> 01/11/2026."""
    raw = str(text).strip()
    for fmt in ("%m/%Y", "%m-%Y", "%Y-%m", "%m.%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            month = dt.datetime.strptime(raw, fmt).date().replace(day=1)  # noqa: DTZ007
        except ValueError:
            continue
        if not MIN_YEAR <= month.year <= MAX_YEAR:
            raise ValueError(f"Tháng {month:%m/%Y} nằm ngoài khoảng năm {MIN_YEAR}–{MAX_YEAR}.")
        return month
    raise ValueError(f"Tháng không hợp lệ: “{raw}” (nhập theo dạng mm/yyyy, ví dụ 02/2026).")


# --- Choosing the rule set -----------------------------------------------------------


def rules_for(month: dt.date, versions: Sequence[DuesRules] = VERSIONS) -> DuesRules:
    """The rule set deciding the dues of `month`: the latest whose first month (after the
    deployment's overrides, DANGBO_RULE_OVERRIDES["dues"]) is not after it."""
    month = month_start(month)
    resolved = [pick([v], v.effective_from) for v in versions]
    chosen = resolved[0]
    for version in sorted(resolved, key=lambda v: v.first_month):
        if version.first_month <= month:
            chosen = version
    return chosen


# --- The amount due ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Basis:
    kind: str
    amount: int
    from_month: dt.date


@dataclasses.dataclass(frozen=True)
class Relief:
    kind: str
    percent: int
    from_month: dt.date
    to_month: dt.date | None
    label: str = ""


@dataclasses.dataclass(frozen=True)
class Due:
    amount: int
    rule: str
    basis_kind: str
    base_amount: int
    relief_percent: int
    relief_note: str


def basis_in(bases: Sequence[Basis], month: dt.date) -> Basis | None:
    """The basis in force in `month` (the latest starting on or before it)."""
    found = None
    for basis in sorted(bases, key=lambda b: b.from_month):
        if basis.from_month <= month:
            found = basis
    return found


def relief_in(reliefs: Sequence[Relief], month: dt.date) -> Relief | None:
    """The largest relief covering `month`."""
    covering = [
        r for r in reliefs if r.from_month <= month and (r.to_month is None or month <= r.to_month)
    ]
    return max(covering, key=lambda r: r.percent, default=None)


def _percent_of(amount: int, bps: int, round_to: int) -> int:
    """`bps` basis points of `amount`, rounded half up to a multiple of `round_to` đồng."""
    unit = 10_000 * max(round_to, 1)
    return (amount * bps + unit // 2) // unit * max(round_to, 1)


def _round(amount: int, round_to: int) -> int:
    step = max(round_to, 1)
    return (amount + step // 2) // step * step


def past_working_age(birth_date: dt.date, gender: str, month: dt.date, rules: DuesRules) -> bool:
    years = rules.working_age_female_years if gender == "female" else rules.working_age_male_years
    return add_months(birth_date, 12 * years) <= month_start(month)


def party_age_exempt(party_age_from: dt.date | None, month: dt.date, rules: DuesRules) -> bool:
    """01-QĐ/TW: exempt from the month in which 50 years of Party age are reached."""
    if rules.exempt_party_years is None or party_age_from is None:
        return False
    return add_months(party_age_from, 12 * rules.exempt_party_years) <= month_end(month)


def amount_due(
    *,
    month: dt.date,
    bases: Sequence[Basis],
    reliefs: Sequence[Relief] = (),
    party_age_from: dt.date | None = None,
    birth_date: dt.date | None = None,
    gender: str = "",
    rules: DuesRules | None = None,
) -> Due:
    """The dues of `month` by the rule set of that month (see the module docstring)."""
    month = month_start(month)
    rules = rules or rules_for(month)
    basis = basis_in(bases, month)
    if basis is None:
        return Due(0, rules.name, "", 0, 0, "Chưa có căn cứ đóng đảng phí")
    base = basis.amount
    if rules.salary_of_previous_month and basis.kind in (BasisKind.SALARY, BasisKind.WAGE):
        # 01-QĐ/TW: 1% of the previous month's social-insurance salary; a member without
        # a basis in the previous month pays on this month's.
        previous = basis_in(bases, add_months(month, -1))
        if previous is not None and previous.kind in (BasisKind.SALARY, BasisKind.WAGE):
            base = previous.amount
    if party_age_exempt(party_age_from, month, rules):
        return Due(
            0,
            rules.name,
            basis.kind,
            base,
            100,
            f"Miễn: tuổi đảng từ {rules.exempt_party_years} năm ({R01})",
        )
    kind = basis.kind
    if kind == BasisKind.SALARY:
        amount = _percent_of(base, rules.salary_bps, rules.round_to)
    elif kind == BasisKind.WAGE:
        amount = _percent_of(base, rules.wage_bps, rules.round_to)
    elif kind == BasisKind.BENEFIT:
        amount = _percent_of(base, rules.benefit_bps, rules.round_to)
    elif kind == BasisKind.PENSION:
        amount = _percent_of(base, rules.pension_bps, rules.round_to)
    elif kind == BasisKind.STUDENT and rules.student_amount is not None:
        amount = base = rules.student_amount
    else:  # a fixed amount (other members; students under 342-QĐ/TW)
        amount = base
        if birth_date is not None and past_working_age(birth_date, gender, month, rules):
            amount = _round(base * rules.past_working_age_percent // 100, rules.round_to)
    relief = relief_in(reliefs, month)
    percent, note = 0, ""
    if relief is not None:
        percent = relief.percent
        word = "Miễn" if percent >= 100 else f"Giảm {percent}%"
        note = f"{word}: {relief.label or relief.kind}"
        amount = _round(amount * (100 - min(percent, 100)) // 100, rules.round_to)
    return Due(amount, rules.name, kind, base, percent, note)


# --- Checks of input (each message names its regulation) ------------------------------


def check_basis(*, kind: str, amount: int, from_month: dt.date) -> dict[str, str]:
    rules = rules_for(from_month)
    if kind in (BasisKind.SALARY, BasisKind.WAGE, BasisKind.BENEFIT, BasisKind.PENSION):
        if amount <= 0:
            return {
                "amount": "Nhập mức tiền lương, trợ cấp hoặc lương hưu (đồng) làm căn cứ "
                "tính đảng phí."
            }
        return {}
    if kind == BasisKind.STUDENT and rules.student_amount is not None:
        return {}
    if not rules.fixed_min <= amount <= rules.fixed_max:
        source = f"{R342}" if rules.fixed_rate_confirmed else f"{R342}; chưa xác nhận theo {R01}"
        return {
            "amount": (
                f"Mức đóng cố định phải từ {format_number(rules.fixed_min)} đến "
                f"{format_number(rules.fixed_max)} đồng/tháng ({source})."
            )
        }
    return {}


def check_relief(
    *, kind: str, percent: int, from_month: dt.date, to_month: dt.date | None
) -> dict[str, str]:
    rules = rules_for(from_month)
    where = R01 if rules.name == RULES_01.name else R342
    if kind not in rules.relief_kinds:
        return {
            "kind": (
                "Trường hợp miễn, giảm này chỉ áp dụng từ tháng "
                f"{format_month(RULES_01.first_month)} ({R01})."
            )
        }
    if to_month is not None and to_month < from_month:
        return {"to_month": "Tháng kết thúc không được trước tháng bắt đầu."}
    if kind != ReliefKind.HARDSHIP:
        if percent != 100:
            return {
                "percent": f"Trường hợp này được miễn đóng đảng phí: mức miễn là 100% ({where})."
            }
        return {}
    allowed = rules.hardship_percents
    if allowed is not None and percent not in allowed:
        shown = ", ".join(f"{p}%" for p in allowed if p < 100)
        return {"percent": f"Đảng viên khó khăn được giảm {shown} hoặc miễn (100%) ({where})."}
    if allowed is None and not 1 <= percent <= 100:
        return {"percent": "Mức miễn, giảm phải từ 1% đến 100%."}
    limit = rules.hardship_max_months
    if limit is not None:
        if to_month is None:
            return {
                "to_month": "Nhập tháng kết thúc: miễn, giảm vì khó khăn tối đa "
                f"{limit} tháng ({where})."
            }
        if to_month >= add_months(from_month, limit):
            return {"to_month": f"Miễn, giảm vì khó khăn tối đa {limit} tháng ({where})."}
    return {}


def unpaid_flag_text(rules: DuesRules) -> str:
    return (
        f"Không đóng đảng phí {rules.unpaid_months_flag} tháng trong năm không có lý do chính "
        f"đáng: chi bộ xem xét, đề nghị xóa tên ({CHARTER_8}; {R01})"
    )
