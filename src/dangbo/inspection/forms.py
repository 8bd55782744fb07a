"""Forms of the inspection pages. Forms check what was typed; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.locking import VersionedFormMixin
from dangbo.core.scope import Action
from dangbo.inspection.models import (
    BodyKind,
    CloseReason,
    ItemKind,
    ItemStatus,
    LetterKind,
    LetterStatus,
    Outcome,
)
from dangbo.members.forms import StyledForm, date_field
from dangbo.members.models import Member
from dangbo.orgs.models import Organization

QUARTERS = [("", "– Ngoài kế hoạch –"), (1, "Quý I"), (2, "Quý II"), (3, "Quý III"), (4, "Quý IV")]
SELECT_LIMIT = 200


def _all(label: str, choices: Any) -> list[tuple[str, str]]:
    return [("", label), *choices]


class PlanForm(StyledForm, VersionedFormMixin, forms.Form):
    org = OrgPickerField(label="Tổ chức đảng", indent=True)
    body = forms.ChoiceField(label="Chủ thể kiểm tra, giám sát", choices=BodyKind.choices)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    title = forms.CharField(label="Tên kế hoạch", max_length=300)
    decision_number = forms.CharField(label="Số văn bản", max_length=64, required=False)
    decision_date = date_field("Ngày ban hành", required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if orgs is None:  # editing: the body and year are fixed
            for name in ("org", "body", "year"):
                del self.fields[name]
        else:
            cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.INSPECT)
        self.fields["decision_number"].widget.attrs["placeholder"] = "vd. 05-KH/ĐUK"
        self.style()


class ItemForm(StyledForm, VersionedFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=ItemKind.choices)
    subject_org = OrgPickerField(
        label="Tổ chức đảng được kiểm tra, giám sát", required=False, indent=True,
        empty_label="– Không (kiểm tra đảng viên) –",
    )  # fmt: skip
    subject_member = forms.ModelChoiceField(
        label="Hoặc đảng viên được kiểm tra, giám sát", queryset=Member.objects.none(),
        required=False, empty_label="– Không –",
        error_messages={"invalid_choice": "Hãy chọn một đảng viên trong phạm vi của chủ thể."},
    )  # fmt: skip
    content = forms.CharField(label="Nội dung", max_length=500)
    planned_quarter = forms.TypedChoiceField(
        label="Quý dự kiến", choices=QUARTERS, coerce=int, empty_value=None, required=False
    )
    unplanned = forms.BooleanField(label="Ngoài kế hoạch (bổ sung trong năm)", required=False)
    decided_on = date_field("Ngày quyết định (cuộc ngoài kế hoạch)", required=False)
    team = forms.CharField(label="Đoàn, tổ kiểm tra, giám sát", max_length=500, required=False)

    def __init__(
        self, *args: Any, orgs: QuerySet[Organization], members: QuerySet[Member], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["subject_org"]).setup(orgs, action=Action.VIEW)
        member_field = cast(forms.ModelChoiceField, self.fields["subject_member"])
        member_field.queryset = members
        if members[: SELECT_LIMIT + 1].count() > SELECT_LIMIT:
            member_field.widget = forms.TextInput(attrs={"inputmode": "numeric"})
            member_field.help_text = "Nhập mã hồ sơ (số) của đảng viên."
        self.style()


class ProgressForm(StyledForm, forms.Form):
    status = forms.ChoiceField(
        label="Tình trạng",
        choices=[
            (s.value, s.label)
            for s in (ItemStatus.IN_PROGRESS, ItemStatus.PLANNED, ItemStatus.CANCELLED)
        ],
    )
    started_on = date_field("Ngày bắt đầu", required=False)
    cancel_reason = forms.CharField(label="Lý do không tiến hành", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class ConcludeForm(StyledForm, forms.Form):
    started_on = date_field("Ngày bắt đầu")
    ended_on = date_field("Ngày kết thúc (thông báo kết luận)")
    conclusion_number = forms.CharField(label="Số thông báo kết luận", max_length=64,
                                        required=False)  # fmt: skip
    conclusion = forms.CharField(label="Kết luận", widget=forms.Textarea(attrs={"rows": 4}))
    violations_found = forms.BooleanField(label="Phát hiện vi phạm", required=False)
    violations_count = forms.IntegerField(label="Số vi phạm", min_value=0, required=False)
    violations = forms.CharField(label="Nội dung vi phạm", required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class PlanFilterForm(StyledForm, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)
    body = forms.ChoiceField(label="Chủ thể", required=False,
                             choices=_all("Tất cả", BodyKind.choices))  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": "Tên kế hoạch, số văn bản, tổ chức (không cần dấu)", "type": "search"}
        )
        self.style()


class ItemFilterForm(StyledForm, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)
    kind = forms.ChoiceField(label="Loại", required=False, choices=_all("Tất cả", ItemKind.choices))
    status = forms.ChoiceField(
        label="Tình trạng", required=False, choices=_all("Tất cả", ItemStatus.choices)
    )
    body = forms.ChoiceField(label="Chủ thể", required=False,
                             choices=_all("Tất cả", BodyKind.choices))  # fmt: skip
    unplanned = forms.ChoiceField(
        label="Kế hoạch", required=False,
        choices=[("", "Tất cả"), ("0", "Theo kế hoạch"), ("1", "Ngoài kế hoạch")],
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": "Nội dung, tổ chức, đảng viên (không cần dấu)", "type": "search"}
        )
        self.style()


class LetterForm(StyledForm, forms.Form):
    received_on = date_field("Ngày nhận")
    number = forms.CharField(label="Số vào sổ", max_length=32, required=False,
                             help_text="Để trống: số tự động theo năm.")  # fmt: skip
    kind = forms.ChoiceField(label="Loại đơn", choices=LetterKind.choices)
    settling_org = OrgPickerField(label="Tổ chức có thẩm quyền giải quyết", indent=True)
    settling_body = forms.ChoiceField(label="Cơ quan giải quyết", choices=BodyKind.choices,
                                      initial=BodyKind.INSPECTION)  # fmt: skip
    subject = forms.CharField(label="Trích yếu nội dung", max_length=500,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    anonymous = forms.BooleanField(label="Đơn giấu tên, mạo tên, không rõ địa chỉ",
                                   required=False)  # fmt: skip
    sender_name = forms.CharField(label="Người gửi", max_length=200, required=False)
    sender_address = forms.CharField(label="Địa chỉ người gửi", max_length=300, required=False)
    sender_contact = forms.CharField(label="Điện thoại, thư điện tử", max_length=200,
                                     required=False)  # fmt: skip
    accused_org = OrgPickerField(label="Tổ chức đảng bị khiếu nại, tố cáo", required=False,
                                 indent=True, empty_label="– Không –")  # fmt: skip
    decision_received_on = date_field("Ngày nhận quyết định kỷ luật (đơn khiếu nại)",
                                      required=False)  # fmt: skip
    discipline_case: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Quyết định kỷ luật bị khiếu nại", queryset=None, required=False,
        empty_label="– Không chọn –",
        error_messages={"invalid_choice": "Hãy chọn một quyết định kỷ luật trong phạm vi."},
    )  # fmt: skip

    def __init__(
        self, *args: Any, orgs: QuerySet[Organization], accused: QuerySet[Organization],
        cases: QuerySet[Any], **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["settling_org"]).setup(orgs, action=Action.INSPECT)
        cast(OrgPickerField, self.fields["accused_org"]).setup(accused, action=Action.VIEW)
        case_field = cast(forms.ModelChoiceField, self.fields["discipline_case"])
        case_field.queryset = cases
        if cases[: SELECT_LIMIT + 1].count() > SELECT_LIMIT:
            case_field.widget = forms.TextInput(attrs={"inputmode": "numeric"})
            case_field.help_text = "Nhập mã (số) của quyết định kỷ luật."
        self.style()


class SettleForm(StyledForm, forms.Form):
    settled_on = date_field("Ngày giải quyết")
    outcome = forms.ChoiceField(label="Kết quả", choices=Outcome.choices)
    changed_form = forms.ChoiceField(label="Hình thức kỷ luật mới (khi thay đổi)",
                                     required=False, choices=[("", "–")])  # fmt: skip
    decision_number = forms.CharField(label="Số quyết định, thông báo", max_length=64,
                                      required=False)  # fmt: skip
    decision_date = date_field("Ngày quyết định, thông báo", required=False)
    result = forms.CharField(label="Nội dung kết quả giải quyết",
                             widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def __init__(self, *args: Any, outcomes: tuple[str, ...], forms_: list[Any],
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["outcome"])
        field.choices = [(v, Outcome(v).label) for v in outcomes]
        if forms_:
            cast(forms.ChoiceField, self.fields["changed_form"]).choices = [("", "–"), *forms_]
        else:
            del self.fields["changed_form"]
        self.style()


class CloseForm(StyledForm, forms.Form):
    reason = forms.ChoiceField(label="Lý do lưu đơn", choices=CloseReason.choices)
    closed_on = date_field("Ngày lưu đơn")
    note = forms.CharField(label="Ghi chú (nơi đã chuyển đơn, hướng dẫn người gửi)",
                           required=False, widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class ExtendForm(StyledForm, forms.Form):
    extended_to = date_field("Gia hạn đến ngày")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class LetterFilterForm(StyledForm, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    kind = forms.ChoiceField(label="Loại đơn", required=False,
                             choices=_all("Tất cả", LetterKind.choices))  # fmt: skip
    status = forms.ChoiceField(label="Tình trạng", required=False,
                               choices=_all("Tất cả", LetterStatus.choices))  # fmt: skip
    overdue = forms.BooleanField(label="Chỉ đơn quá hạn", required=False)
    body = forms.ChoiceField(label="Cơ quan giải quyết", required=False,
                             choices=_all("Tất cả", BodyKind.choices))  # fmt: skip
    year = forms.IntegerField(label="Năm nhận", min_value=2000, max_value=2100, required=False)

    def __init__(self, *args: Any, sender_search: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hint = "Số, trích yếu" + (", người gửi" if sender_search else "") + " (không cần dấu)"
        self.fields["q"].widget.attrs.update({"placeholder": hint, "type": "search"})
        self.style()
