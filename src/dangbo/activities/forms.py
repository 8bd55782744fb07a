"""Forms of the activities pages. Forms check what was typed; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from dangbo.activities.models import AttendanceStatus, Commitment, MeetingKind, MeetingStatus
from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.locking import VersionedFormMixin
from dangbo.core.scope import Action
from dangbo.members.forms import StyledForm, date_field
from dangbo.orgs.models import Organization

MONTHS = [("", "Tất cả")] + [(str(m), f"Tháng {m}") for m in range(1, 13)]


def _text(label: str, rows: int = 3, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class OrgYearForm(StyledForm, forms.Form):
    """An organization of the user's scope and a year (GET filters)."""

    org = OrgPickerField(
        label="Tổ chức đảng", required=False, indent=True, empty_label="Tất cả trong phạm vi"
    )
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.VIEW)
        self.style()


class MeetingFilterForm(OrgYearForm):
    q = forms.CharField(label="Tìm trong nội dung, nghị quyết", required=False)
    kind = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "Tất cả"), *MeetingKind.choices]
    )
    month = forms.TypedChoiceField(
        label="Tháng", required=False, choices=MONTHS, coerce=int, empty_value=None
    )

    field_order = ["q", "org", "kind", "month", "year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"placeholder": "Không cần dấu", "type": "search"})
        self.style()


class CommitmentFilterForm(OrgYearForm):
    q = forms.CharField(label="Họ tên", required=False)
    state = forms.ChoiceField(
        label="Tình trạng",
        required=False,
        choices=[
            ("", "Tất cả"),
            ("missing", "Chưa đăng ký"),
            ("registered", "Đã đăng ký"),
            ("reviewed", "Đã tự đánh giá"),
        ],
    )

    field_order = ["q", "org", "year", "state"]


class MeetingForm(StyledForm, VersionedFormMixin, forms.Form):
    """The meeting's own fields; the attendance grid is read from the POST by the view."""

    kind = forms.ChoiceField(label="Loại sinh hoạt", choices=MeetingKind.choices)
    status = forms.ChoiceField(
        label="Tình trạng", choices=MeetingStatus.choices, initial=MeetingStatus.HELD
    )
    held_on = date_field("Ngày họp")
    starts_at = forms.TimeField(
        label="Giờ bắt đầu",
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "14:00"}),
    )
    duration_minutes = forms.IntegerField(
        label="Thời lượng (phút)", required=False, min_value=1, max_value=1440
    )
    place = forms.CharField(label="Địa điểm", required=False, max_length=255)
    topic = forms.CharField(label="Chủ đề (sinh hoạt chuyên đề)", required=False, max_length=255)
    agenda = _text("Nội dung, chương trình")
    resolution = _text("Nghị quyết, kết luận của chủ trì")
    chaired_by = forms.TypedChoiceField(
        label="Chủ trì", required=False, coerce=int, empty_value=None
    )
    minutes_by = forms.TypedChoiceField(
        label="Thư ký", required=False, coerce=int, empty_value=None
    )
    guests = _text("Đại biểu dự (cấp ủy viên cấp trên phụ trách…)", rows=2)
    notes = _text("Ghi chú", rows=2)
    file = forms.FileField(label="Tài liệu đính kèm", required=False)
    file_title = forms.CharField(label="Tên tài liệu", required=False, max_length=255)
    # Carries the service's attendance errors next to the grid (the grid is not a field).
    attendance = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("chaired_by", "minutes_by"):
            cast(forms.TypedChoiceField, self.fields[name]).choices = [("", "– Chọn –"), *members]
        self.style()


class NoticeForm(StyledForm, forms.Form):
    subject = forms.CharField(label="Tiêu đề thư", max_length=255)
    body = _text("Nội dung thông báo", rows=8, required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class CommitmentForm(StyledForm, VersionedFormMixin, forms.Form):
    registered_on = date_field("Ngày đăng ký")
    duties = forms.CharField(label="Chức vụ, nhiệm vụ được giao", required=False, max_length=255)
    theme = forms.CharField(label="Chuyên đề học tập và làm theo", required=False, max_length=500)
    content = _text("Nội dung cam kết (việc làm cụ thể)", rows=5, required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class ReviewForm(StyledForm, forms.Form):
    reviewed_on = date_field("Ngày tự đánh giá")
    review_result = forms.ChoiceField(
        label="Kết quả",
        choices=[("", "– Chọn –"), *(Commitment._meta.get_field("review_result").choices or [])],
        required=False,
    )
    review = _text("Tự đánh giá việc thực hiện cam kết", rows=5)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


ATTENDANCE_CHOICES = AttendanceStatus.choices
