"""The residence cell's yearly comment on a working member (213-QĐ/TW, HD 33-HD/BTCTW)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.dates import check_record
from dangbo.core.locking import check_and_bump
from dangbo.members.models import Member
from dangbo.rating import rules as R
from dangbo.rating.models import (
    CommentExemption,
    CommentResult,
    MemberRating,
    ResidenceComment,
    RoundStatus,
)
from dangbo.rating.services.common import NON_FIELD, _require, _user


@transaction.atomic
def residence_comment_save(
    *,
    by: Any,
    member: Member,
    year: int,
    residence_cell: str = "",
    requested_on: dt.date | None = None,
    received_on: dt.date | None = None,
    result: str = "",
    remarks: str = "",
    exempt: bool = False,
    exempt_reason: str = "",
    expected_version: int | None = None,
) -> ResidenceComment:
    """The residence cell's comment of `year` (Quy định 213-QĐ/TW; HD 33-HD/BTCTW)."""
    _require(by, member.org_path, "ghi nhận xét nơi cư trú của đảng viên này")
    locked = MemberRating.objects.filter(
        member=member, year=year, round__status=RoundStatus.DECIDED
    ).exists()
    if locked:
        raise ValidationError(
            {NON_FIELD: f"Đợt xếp loại năm {year} của đảng viên đã khóa; không sửa nhận xét."}
        )
    errors: dict[str, str] = {}
    regulation = R.residence_regulation(year)
    if exempt:
        if exempt_reason not in CommentExemption.values:
            errors["exempt_reason"] = (
                "Hãy chọn lý do không lấy nhận xét hằng năm (Hướng dẫn 33-HD/BTCTW)."
            )
        received_on, result = None, ""
    else:
        exempt_reason = ""
        if received_on is not None and result not in CommentResult.values:
            errors["result"] = "Hãy chọn kết quả nhận xét."
        if received_on is not None and requested_on is not None and received_on < requested_on:
            errors["received_on"] = "Ngày nhận nhận xét không được trước ngày gửi phiếu."
        if received_on is None and result:
            errors["received_on"] = f"Hãy nhập ngày nhận nhận xét ({regulation})."
    if errors:
        raise ValidationError(errors)
    comment = ResidenceComment.objects.filter(member=member, year=year).first()
    comment = comment or ResidenceComment(member=member, year=year)
    for name, value in {
        "residence_cell": residence_cell,
        "requested_on": requested_on,
        "received_on": received_on,
        "result": result,
        "remarks": remarks,
        "exempt": exempt,
        "exempt_reason": exempt_reason,
    }.items():
        setattr(comment, name, value)
    comment.updated_by = _user(by)
    check_record(comment)
    comment.full_clean()
    check_and_bump(comment, expected_version, user=by)
    comment.save()
    audit_log(
        user=by,
        action=AuditAction.CHANGE,
        object_type="residence_comment",
        object_id=comment.pk,
        description=f"Nhận xét nơi cư trú năm {year} của {member}",
    )
    return comment
