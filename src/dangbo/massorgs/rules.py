"""Rules of mass organizations, their terms, member counts and activities: plain
functions, no database; each returns {field: Vietnamese message}.

Term length: the charters of the Vietnam General Confederation of Labour (Điều lệ Công
đoàn Việt Nam), of the Ho Chi Minh Communist Youth Union (Điều lệ Đoàn) and of the Veterans'
Association (Điều lệ Hội Cựu chiến binh Việt Nam) hold congresses of base and bloc
organizations at most every five years (the Youth Union's base level may hold them more
often). Medium confidence: the bound is a field of the rule set.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from dangbo.core.rulesets import RuleSet, pick
from dangbo.core.text import format_date

# Party organizations a mass organization works under: the bloc or a base organization.
PARTY_ORG_KINDS = ("bloc_committee", "local_committee", "base_committee", "base_cell")
TERM_NAME = re.compile(r"^\s*(\d{4})\s*[-–—]\s*(\d{4})\s*$")


@dataclasses.dataclass(frozen=True)
class MassOrgRules(RuleSet):
    family = "massorgs"
    max_term_years: int = 5


VERSIONS = [
    MassOrgRules(
        name="Điều lệ Công đoàn, Điều lệ Đoàn, Điều lệ Hội Cựu chiến binh",
        effective_from=dt.date(2000, 1, 1),
        source="Điều lệ Công đoàn Việt Nam; Điều lệ Đoàn TNCS Hồ Chí Minh; "
        "Điều lệ Hội Cựu chiến binh Việt Nam",
    )
]


def rules_at(day: dt.date) -> MassOrgRules:
    return pick(VERSIONS, day)


def check_massorg(*, name: str, party_org_kind: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Phải nhập tên tổ chức đoàn thể."
    if party_org_kind not in PARTY_ORG_KINDS:
        errors["party_org"] = (
            "Đoàn thể hoạt động dưới sự lãnh đạo của Đảng bộ Khối hoặc một tổ chức cơ sở đảng; "
            "chọn đảng bộ khối, đảng bộ cơ sở hoặc chi bộ cơ sở."
        )
    return errors


def parse_term(name: str) -> tuple[int, int] | None:
    m = TERM_NAME.match(name)
    return (int(m[1]), int(m[2])) if m else None


def check_term(
    rule: MassOrgRules, *, name: str, congress_on: dt.date, today: dt.date
) -> dict[str, str]:
    years = parse_term(name)
    if years is None:
        return {"name": "Nhiệm kỳ ghi theo dạng “2022–2027” (năm bắt đầu – năm kết thúc)."}
    start, end = years
    if not 1 <= end - start <= rule.max_term_years:
        return {
            "name": f"Nhiệm kỳ {start}–{end} không hợp lệ: dài từ 1 đến "
            f"{rule.max_term_years} năm ({rule.source})."
        }
    if congress_on > today:
        return {"congress_on": f"Ngày đại hội {format_date(congress_on)} chưa đến."}
    if congress_on.year not in (start - 1, start):
        return {
            "congress_on": f"Đại hội nhiệm kỳ {start}–{end} phải họp trong năm {start} "
            f"(hoặc cuối năm {start - 1})."
        }
    return {}


def check_membership(*, as_of: dt.date, members: int, today: dt.date) -> dict[str, str]:
    if as_of > today:
        return {"as_of": f"Ngày {format_date(as_of)} chưa đến."}
    if members < 0:
        return {"members": "Số đoàn viên, hội viên không thể âm."}
    return {}


MONEY_KINDS = ("fund_raising", "support", "loan", "house_building")


def check_activity(
    *, kind: str, title: str, date: dt.date, purpose: str, amount_vnd: int, houses: int,
    blood_units: int, beneficiaries: int, today: dt.date,
) -> dict[str, str]:  # fmt: skip
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Phải nhập nội dung hoạt động."
    if date > today:
        errors["date"] = f"Ngày {format_date(date)} chưa đến; chỉ ghi hoạt động đã diễn ra."
    for field, value in (
        ("amount_vnd", amount_vnd), ("houses", houses), ("blood_units", blood_units),
        ("beneficiaries", beneficiaries),
    ):  # fmt: skip
        if value < 0:
            errors[field] = "Không thể nhập số âm."
    if errors:
        return errors
    if kind in ("fund_raising", "support", "loan") and amount_vnd <= 0:
        errors["amount_vnd"] = "Hoạt động ủng hộ, hỗ trợ, cho vay phải có số tiền (đồng)."
    if kind == "house_building" and houses < 1:
        errors["houses"] = "Xây nhà tình nghĩa, mái ấm: nhập số nhà (ít nhất 1)."
    if kind == "blood_donation" and blood_units < 1:
        errors["blood_units"] = "Hiến máu: nhập số đơn vị máu (ít nhất 1)."
    if amount_vnd > 0 and not purpose:
        errors["purpose"] = "Có số tiền thì phải chọn mục đích sử dụng."
    if amount_vnd == 0 and purpose:
        errors["amount_vnd"] = "Đã chọn mục đích sử dụng tiền: nhập số tiền (đồng)."
    return errors
