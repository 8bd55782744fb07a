"""Rules of commendations, proposals and "Dân vận khéo" models: plain functions, no
database. Each returns a Vietnamese message (or a dict of them) naming the rule, or
nothing when the input passes.

Which form each level may give follows the Law on Emulation and Commendation (Luật Thi
đua, khen thưởng 2003, amended 2013, with Nghị định 91/2017/NĐ-CP; replaced by Luật Thi
đua, khen thưởng 2022, số 06/2022/QH15, in force 01/01/2024, with Nghị định
98/2023/NĐ-CP) and the Party's own practice (standing committees give Bằng khen, base
committees Giấy khen). The table is Medium confidence (read from the laws' lists of
forms, not from a Party regulation), so it is a field of the rule set.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from dangbo.core.rulesets import RuleSet, pick
from dangbo.core.text import format_date

# Ranks of the levels, lowest first: a proposal goes to a higher rank than its proposer's.
LEVEL_RANK: dict[str, int] = {
    "base_committee": 1,
    "bloc_standing": 2,
    "provincial_standing": 3,
    "province_chair": 3,
    "prime_minister": 4,
}
# Which level a Party organization decides at, by its kind.
OWN_LEVEL: dict[str, str] = {
    "base_committee": "base_committee",
    "base_cell": "base_committee",
    "sub_committee": "base_committee",
    "sub_cell": "base_committee",
    "bloc_committee": "bloc_standing",
    "local_committee": "bloc_standing",
    "provincial_committee": "provincial_standing",
}

_ANY = ("bang_khen", "giay_khen", "chien_si_thi_dua", "co_thi_dua", "tap_the_xuat_sac",
        "bieu_duong", "other")  # fmt: skip


@dataclasses.dataclass(frozen=True)
class EmulationRules(RuleSet):
    family = "emulation"
    # level -> the forms it may give (Medium: a field).
    forms_by_level: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The earliest year a rewarded period may start (sanity bound, not a regulation).
    first_year: int = 1945

    def forms_of(self, level: str) -> tuple[str, ...]:
        return dict(self.forms_by_level).get(level, _ANY)


_FORMS = (
    ("prime_minister", ("bang_khen", "chien_si_thi_dua", "co_thi_dua")),
    ("province_chair", ("bang_khen", "chien_si_thi_dua", "co_thi_dua", "tap_the_xuat_sac")),
    ("provincial_standing", ("bang_khen", "co_thi_dua", "bieu_duong")),
    ("bloc_standing", ("bang_khen", "giay_khen", "bieu_duong")),
    ("base_committee", ("giay_khen", "bieu_duong")),
    ("other", _ANY),
)

VERSIONS: list[EmulationRules] = [
    EmulationRules(
        name="Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)",
        effective_from=dt.date(2004, 7, 1),
        source="Luật Thi đua, khen thưởng 2003, sửa đổi 2013; Nghị định 91/2017/NĐ-CP",
        forms_by_level=_FORMS,
    ),
    EmulationRules(
        name="Luật Thi đua, khen thưởng 2022",
        effective_from=dt.date(2024, 1, 1),
        source="Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP",
        forms_by_level=_FORMS,
    ),
]


def rules_at(day: dt.date) -> EmulationRules:
    return pick(VERSIONS, day)


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    from dangbo.emulation.models import AwardForm, Level

    return {k: str(v) for k, v in Level.choices}, {k: str(v) for k, v in AwardForm.choices}


# --- Commendations ------------------------------------------------------------------------


def check_decision(*, decision_number: str, decided_on: dt.date, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not decision_number.strip():
        errors["decision_number"] = "Phải nhập số quyết định khen thưởng."
    if decided_on > today:
        errors["decided_on"] = (
            f"Ngày quyết định {format_date(decided_on)} chưa đến; chỉ ghi nhận quyết định "
            "đã ban hành."
        )
    return errors


def check_form(rule: EmulationRules, level: str, form: str) -> str:
    """The form must be one the level gives (Luật Thi đua, khen thưởng)."""
    if form in rule.forms_of(level):
        return ""
    levels, forms = _labels()
    allowed = ", ".join(str(forms[f]) for f in rule.forms_of(level))
    return (
        f"{str(levels.get(level, level))} không tặng hình thức “{str(forms.get(form, form))}”; "
        f"hình thức của cấp này: {allowed} ({rule.source})."
    )


def check_level_for_org(level: str, org_kind: str) -> str:
    """A base committee's Giấy khen belongs to a base organization; a bloc standing
    committee's decision to the bloc (the organization whose scope it falls in)."""
    if level == "base_committee" and OWN_LEVEL.get(org_kind) != "base_committee":
        return "Khen thưởng của đảng ủy, chi bộ cơ sở phải thuộc một tổ chức cơ sở đảng."
    if level == "bloc_standing" and org_kind not in ("bloc_committee", "local_committee"):
        return "Khen thưởng của Ban Thường vụ Đảng ủy Khối phải thuộc Đảng bộ Khối."
    return ""


def check_theme(theme: str, theme_other: str) -> str:
    if theme == "other" and not theme_other.strip():
        return "Chọn “Khác” thì phải ghi nội dung, phong trào được khen thưởng."
    return ""


def check_period(
    rule: EmulationRules, year_from: int | None, year_to: int | None, decided_on: dt.date
) -> dict[str, str]:
    """The period rewarded: from ≤ to ≤ the year of the decision."""
    errors: dict[str, str] = {}
    if year_from is not None and year_from < rule.first_year:
        errors["year_from"] = f"Năm bắt đầu giai đoạn không hợp lệ ({year_from})."
    if year_from is not None and year_to is not None and year_from > year_to:
        errors["year_to"] = "Năm kết thúc giai đoạn phải từ năm bắt đầu trở đi."
    last = year_to if year_to is not None else year_from
    if last is not None and last > decided_on.year:
        errors["year_to" if year_to is not None else "year_from"] = (
            f"Giai đoạn được khen ({last}) không thể sau năm quyết định ({decided_on.year}): "
            "chỉ khen thành tích đã đạt."
        )
    return errors


def check_recipient(
    *, kind: str, has_org: bool, host_unit_name: str, has_member: bool, name: str
) -> dict[str, str]:
    """A collective names its Party organization or its host unit; an individual a member
    or a name."""
    if kind == "collective":
        if has_member:
            return {"member": "Tập thể được khen không chọn đảng viên."}
        if not has_org and not host_unit_name.strip():
            return {"org": "Tập thể được khen: chọn tổ chức đảng hoặc ghi tên cơ quan, đơn vị."}
        return {}
    if kind == "individual":
        if not has_member and not name.strip():
            return {"name": "Cá nhân được khen: chọn đảng viên hoặc ghi họ và tên."}
        return {}
    return {"kind": "Chọn tập thể hoặc cá nhân."}


def recipient_key(
    kind: str, org_id: int | None, host_unit: str, member_id: int | None, name: str
) -> tuple:
    """What makes two recipients of one decision the same (a duplicate)."""
    from dangbo.core.text import fold

    if kind == "collective":
        return ("c", org_id, fold(host_unit).strip()) if host_unit.strip() else ("c", org_id, "")
    return ("i", member_id, "") if member_id else ("i", None, fold(name).strip())


# --- Proposals ----------------------------------------------------------------------------


def check_proposal(
    *, org_kind: str, to_level: str, submitted_on: dt.date, collectives: int,
    individuals: int, today: dt.date,
) -> dict[str, str]:  # fmt: skip
    errors: dict[str, str] = {}
    own = OWN_LEVEL.get(org_kind)
    if to_level in LEVEL_RANK and own in LEVEL_RANK and LEVEL_RANK[to_level] <= LEVEL_RANK[own]:
        levels, _forms = _labels()
        errors["to_level"] = (
            f"Đề nghị khen thưởng gửi cấp trên; {str(levels[to_level])} không cao hơn cấp của tổ "
            "chức đề nghị (tổ chức tự khen thưởng theo thẩm quyền)."
        )
    if submitted_on > today:
        errors["submitted_on"] = f"Ngày trình {format_date(submitted_on)} chưa đến."
    if collectives + individuals < 1:
        errors["collectives"] = "Đề nghị phải có ít nhất một tập thể hoặc một cá nhân."
    return errors


def check_outcome(
    *, outcome: str, decided_on: dt.date | None, submitted_on: dt.date, today: dt.date
) -> dict[str, str]:
    if outcome not in ("approved", "rejected"):
        return {"outcome": "Chọn kết quả: được hoặc không được khen thưởng."}
    if decided_on is None:
        return {"decided_on": "Phải nhập ngày có kết quả."}
    if decided_on < submitted_on:
        return {"decided_on": f"Ngày có kết quả phải từ ngày trình ({format_date(submitted_on)})."}
    if decided_on > today:
        return {"decided_on": "Ngày có kết quả chưa đến."}
    return {}


# --- "Dân vận khéo" models ---------------------------------------------------------------


def check_model(
    *, name: str, registered_year: int, status: str, recognized_on: dt.date | None,
    stopped_on: dt.date | None, today: dt.date,
) -> dict[str, str]:  # fmt: skip
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Phải nhập tên mô hình."
    if registered_year > today.year:
        errors["registered_year"] = f"Năm đăng ký {registered_year} chưa đến."
    elif registered_year < 1990:
        errors["registered_year"] = f"Năm đăng ký không hợp lệ ({registered_year})."
    for field, day, label in (
        ("recognized_on", recognized_on, "công nhận"),
        ("stopped_on", stopped_on, "dừng"),
    ):
        if day is None:
            continue
        if day.year < registered_year:
            errors[field] = f"Ngày {label} phải từ năm đăng ký ({registered_year}) trở đi."
        elif day > today:
            errors[field] = f"Ngày {label} {format_date(day)} chưa đến."
    if status == "recognized" and recognized_on is None:
        errors.setdefault("recognized_on", "Mô hình đã được công nhận: nhập ngày công nhận.")
    if status == "stopped" and stopped_on is None:
        errors.setdefault("stopped_on", "Mô hình dừng thực hiện: nhập ngày dừng.")
    if status != "stopped" and stopped_on is not None:
        errors.setdefault("stopped_on", "Chỉ nhập ngày dừng khi mô hình dừng thực hiện.")
    if status in ("registered", "implementing") and recognized_on is not None:
        errors.setdefault(
            "recognized_on", "Mô hình chưa được công nhận thì không nhập ngày công nhận."
        )
    if recognized_on and stopped_on and stopped_on < recognized_on:
        errors.setdefault("stopped_on", "Ngày dừng phải sau ngày công nhận.")
    return errors
