"""Rules of study sessions, training classes and contests: plain functions, no database.

Each returns the Vietnamese message of a refusal, or "" when the input is acceptable.
Where a rule comes from a Party text, the text is named next to it and in the message.
"""

from __future__ import annotations

import datetime as dt

from dangbo.core.text import format_date
from dangbo.studies.models import PASSED, ClassKind, Result, SessionKind

# Chỉ thị 05-CT/TW (15/5/2016) and Kết luận 01-KL/TW (18/5/2021): a yearly theme (chuyên
# đề năm) is studied from the year it is issued; the themes began in 2016.
FIRST_THEME_YEAR = 2016


def rate(present: int, expected: int) -> float:
    """Members present over members expected, as a percentage with 2 decimals."""
    return round(100 * present / expected, 2) if expected else 0.0


def check_session(
    *, kind: str, title: str, subject: str, held_on: dt.date, theme_year: int | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Phải nhập tên hội nghị, buổi học tập."
    if not subject.strip():
        errors["subject"] = "Phải nêu văn bản hoặc chuyên đề được học tập, quán triệt."
    if kind == SessionKind.YEARLY_THEME and theme_year is None:
        errors["theme_year"] = (
            "Học tập chuyên đề năm phải ghi năm của chuyên đề (Chỉ thị 05-CT/TW; "
            "Kết luận 01-KL/TW)."
        )
    if theme_year is not None:
        if theme_year < FIRST_THEME_YEAR:
            errors["theme_year"] = (
                f"Chuyên đề năm được ban hành từ năm {FIRST_THEME_YEAR} (Chỉ thị 05-CT/TW "
                "ngày 15/5/2016)."
            )
        elif not held_on.year - 1 <= theme_year <= held_on.year:
            errors["theme_year"] = (
                f"Chuyên đề năm {theme_year} không học vào ngày {format_date(held_on)}: "
                "chỉ học chuyên đề của năm tổ chức hoặc năm trước đó."
            )
    return errors


def check_bridge_point(
    *, members_expected: int | None, non_members_present: int, in_organizer_tree: bool
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not in_organizer_tree:
        errors["org"] = (
            "Điểm cầu phải là tổ chức đảng thuộc tổ chức tổ chức hội nghị (theo hệ thống tổ "
            "chức vào ngày học tập)."
        )
    if members_expected is not None and members_expected < 0:
        errors["members_expected"] = "Số đảng viên phải dự không được âm."
    if non_members_present < 0:
        errors["non_members_present"] = "Số quần chúng dự không được âm."
    return errors


def check_attendance(
    *, held_on: dt.date, today: dt.date, present: int, expected: int, strangers: list[str]
) -> dict[str, str]:
    """The members ticked at a point: the session has taken place, each member belongs to
    the point's organization on the day, no more present than expected."""
    errors: dict[str, str] = {}
    if held_on > today:
        errors["members"] = (
            f"Buổi học tập ngày {format_date(held_on)} chưa diễn ra; chưa ghi được người dự."
        )
    elif strangers:
        errors["members"] = (
            "Không thuộc tổ chức đảng của điểm cầu vào ngày học tập: " + ", ".join(strangers) + "."
        )
    elif present > expected:
        errors["members"] = (
            f"Số đảng viên có mặt ({present}) vượt số đảng viên phải dự ({expected}); "
            "sửa số phải dự của điểm cầu trước."
        )
    return errors


def check_class(
    *, kind: str, level: str, title: str, starts_on: dt.date, ends_on: dt.date
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Phải nhập tên lớp."
    if ends_on < starts_on:
        errors["ends_on"] = "Ngày bế giảng phải từ ngày khai giảng trở đi."
    if level and kind != ClassKind.POLITICAL_THEORY:
        errors["level"] = "Trình độ (sơ cấp, trung cấp, cao cấp) chỉ ghi cho lớp lý luận chính trị."
    return errors


def check_learner_kind(*, kind: str, is_member: bool, name: str) -> str:
    """Who may learn in which class: the awareness class is for candidates (quần chúng ưu
    tú), not members; the new members' class for members (Điều lệ Đảng Điều 5: the
    probationer is trained in the Party's basic knowledge; HD 12-HD/BTCTW)."""
    if kind == ClassKind.AWARENESS and is_member:
        return (
            f"{name} đã là đảng viên: lớp bồi dưỡng nhận thức về Đảng dành cho quần chúng ưu tú, "
            "đối tượng kết nạp (Hướng dẫn 12-HD/BTCTW)."
        )
    if kind == ClassKind.NEW_MEMBERS and not is_member:
        return (
            f"{name} chưa là đảng viên: lớp bồi dưỡng lý luận chính trị cho đảng viên mới dành "
            "cho đảng viên dự bị (Điều lệ Đảng Điều 5; Hướng dẫn 12-HD/BTCTW)."
        )
    return ""


def check_result(
    *,
    result: str,
    certificate_number: str,
    certificate_date: dt.date | None,
    ends_on: dt.date,
    today: dt.date,
) -> dict[str, str]:
    """A result once the class has ended; a certificate only for a passed result, dated
    from the end of the class and not in the future."""
    errors: dict[str, str] = {}
    if result and ends_on > today:
        errors["result"] = f"Lớp bế giảng ngày {format_date(ends_on)}; chưa có kết quả học tập."
    has_certificate = bool(certificate_number.strip()) or certificate_date is not None
    if has_certificate and result not in PASSED:
        errors["certificate_number"] = (
            "Chỉ cấp giấy chứng nhận cho học viên có kết quả đạt (xuất sắc, giỏi, khá, trung bình)."
        )
    elif has_certificate and not certificate_number.strip():
        errors["certificate_number"] = "Phải nhập số giấy chứng nhận."
    elif has_certificate and certificate_date is None:
        errors["certificate_date"] = "Phải nhập ngày cấp giấy chứng nhận."
    elif certificate_date is not None and certificate_date < ends_on:
        errors["certificate_date"] = (
            f"Giấy chứng nhận cấp từ ngày bế giảng ({format_date(ends_on)}) trở đi."
        )
    elif certificate_date is not None and certificate_date > today:
        errors["certificate_date"] = "Ngày cấp giấy chứng nhận chưa đến."
    if result == Result.FAILED and has_certificate and "certificate_number" not in errors:
        errors["certificate_number"] = "Học viên không đạt không được cấp giấy chứng nhận."
    return errors


def check_contest(*, title: str) -> dict[str, str]:
    return {"title": "Phải nhập tên hội thi."} if not title.strip() else {}


def check_entrant(*, full_name: str, duplicate: bool) -> dict[str, str]:
    if not full_name.strip():
        return {"full_name": "Phải chọn đảng viên hoặc nhập họ tên thí sinh."}
    if duplicate:
        return {"full_name": f"{full_name} đã có trong danh sách thí sinh của hội thi."}
    return {}
