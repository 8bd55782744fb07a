"""Forms of the programmes pages. Forms check what was typed; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.locking import VersionedFormMixin
from dangbo.core.scope import Action
from dangbo.core.secrecy import Secrecy
from dangbo.indicators.registry import all_indicators
from dangbo.members.forms import StyledForm, date_field
from dangbo.orgs.models import BASE_KINDS, Organization
from dangbo.programmes.models import (
    Comparison,
    Direction,
    DocType,
    ItemStatus,
    LinkKind,
    PeriodKind,
    Programme,
)

YEAR: dict[str, Any] = {"min_value": 1945, "max_value": 2100}
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _all(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "Tất cả"), *choices]


def _setup_org(form: forms.BaseForm, orgs: QuerySet[Organization], action: Action,
               kinds: tuple[str, ...] = ()) -> None:  # fmt: skip
    cast(OrgPickerField, form.fields["org"]).setup(orgs, action=action, kinds=kinds)


def indicator_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((i.key, f"{i.label} [{i.key}]") for i in all_indicators())]


class _Filter(StyledForm, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    org = OrgPickerField(
        label="Tổ chức đảng", required=False, indent=True, empty_label="Tất cả trong phạm vi"
    )
    year = forms.IntegerField(label="Năm", required=False, **YEAR)
    placeholder = ""

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _setup_org(self, orgs, Action.VIEW)
        if "q" in self.fields:
            self.fields["q"].widget.attrs.update(
                {"placeholder": self.placeholder, "type": "search"}
            )
        self.style()


class DocumentFilterForm(_Filter):
    doc_type = forms.ChoiceField(
        label="Loại văn bản", required=False, choices=_all(DocType.choices)
    )
    direction = forms.ChoiceField(label="Sổ", required=False, choices=_all(Direction.choices))
    secrecy = forms.ChoiceField(
        label="Độ mật", required=False,
        choices=[("", "Tất cả"), *((v or "none", str(label)) for v, label in Secrecy.choices)],
    )  # fmt: skip
    placeholder = "Số, ký hiệu hoặc trích yếu (không cần dấu)"


class ProgrammeFilterForm(_Filter):
    placeholder = "Tên chương trình (không cần dấu)"


class TargetFilterForm(_Filter):
    q = None  # type: ignore[assignment]


class UnitFiguresFilterForm(_Filter):
    placeholder = "Tên tổ chức, đơn vị (không cần dấu)"


class _DocumentFields(StyledForm, VersionedFormMixin, forms.Form):
    subject = forms.CharField(label="Trích yếu nội dung", widget=TEXTAREA)
    issuer_name = forms.CharField(label="Cơ quan ban hành (như văn bản ghi)", required=False)
    secrecy = forms.ChoiceField(label="Độ mật", required=False, choices=Secrecy.choices)
    is_public = forms.BooleanField(label="Được đăng lên cổng thông tin", required=False)
    file = forms.FileField(label="Tệp văn bản", required=False)


class DocumentIssueForm(_DocumentFields):
    org = OrgPickerField(label="Cấp ủy ban hành", indent=True)
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocType.choices)
    issued_on = date_field("Ngày ban hành")
    field_order = ["org", "doc_type", "issued_on", "subject", "issuer_name", "secrecy",
                   "is_public", "file"]  # fmt: skip

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer_name"].help_text = "Để trống: tên cấp ủy theo thể thức văn bản."
        _setup_org(self, orgs, Action.OFFICE)
        self.style()


class DocumentReceiveForm(_DocumentFields):
    reference = forms.CharField(
        label="Số, ký hiệu như văn bản ghi", required=False,
        help_text="Dán nguyên văn, ví dụ “Kết luận số 01-KL/TW, ngày 18/5/2021”, rồi bấm "
        "“Đọc số, ký hiệu” để điền các ô bên dưới.",
    )  # fmt: skip
    org = OrgPickerField(label="Cấp ủy tiếp nhận", indent=True)
    doc_type = forms.ChoiceField(
        label="Loại văn bản", required=False, choices=[("", "– Theo số, ký hiệu –"),
                                                       *DocType.choices],
    )  # fmt: skip
    code = forms.CharField(label="Số, ký hiệu", required=False, max_length=64)
    number = forms.IntegerField(label="Số", required=False, min_value=1)
    issued_on = date_field("Ngày ban hành", required=False)
    field_order = ["reference", "org", "doc_type", "code", "number", "issued_on", "subject",
                   "issuer_name", "secrecy", "is_public", "file"]  # fmt: skip

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _setup_org(self, orgs, Action.OFFICE)
        self.style()


class DocumentEditForm(_DocumentFields):
    code = forms.CharField(label="Số, ký hiệu", required=False, max_length=64)
    issued_on = date_field("Ngày ban hành", required=False)

    def __init__(self, *args: Any, received: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not received:  # an issued document keeps the number taken in its term
            del self.fields["code"]
            del self.fields["issued_on"]
        self.style()


class LinkForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label="Văn bản này", choices=LinkKind.choices)
    reference = forms.CharField(
        label="Số, ký hiệu văn bản liên quan", help_text="Ví dụ “58-NQ/TW” hoặc “05-NQ/ĐUK”."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class IssuerProfileForm(StyledForm, forms.Form):
    abbreviation = forms.CharField(label="Ký hiệu cơ quan (trong số, ký hiệu)", required=False,
                                   max_length=16)  # fmt: skip
    place = forms.CharField(label="Địa danh (dòng ngày tháng)", required=False, max_length=64)
    superior_line = forms.CharField(label="Dòng cơ quan cấp trên", required=False)
    body_line = forms.CharField(label="Dòng cơ quan ban hành", required=False)
    signature_title = forms.CharField(label="Thẩm quyền ký", required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].help_text = "Để trống: theo cây tổ chức."
        self.style()


class ProgrammeForm(StyledForm, VersionedFormMixin, forms.Form):
    org = OrgPickerField(label="Cấp ủy", indent=True)
    title = forms.CharField(label="Tên chương trình hành động", widget=TEXTAREA)
    issued_on = date_field("Ngày ban hành")
    year_from = forms.IntegerField(label="Từ năm", **YEAR)
    year_to = forms.IntegerField(label="Đến năm", **YEAR)
    issued_as = forms.CharField(
        label="Số, ký hiệu văn bản ban hành chương trình", required=False,
        help_text="Ví dụ “12-CTr/ĐUK”.",
    )  # fmt: skip
    documents = forms.CharField(
        label="Thực hiện các văn bản", required=False, widget=TEXTAREA,
        help_text="Mỗi dòng một số, ký hiệu, ví dụ “58-NQ/TW”.",
    )  # fmt: skip
    secrecy = forms.ChoiceField(label="Độ mật", required=False, choices=Secrecy.choices)

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _setup_org(self, orgs, Action.OFFICE)
        self.style()


class TargetForm(StyledForm, VersionedFormMixin, forms.Form):
    org = OrgPickerField(label="Phạm vi (tổ chức đảng)", indent=True)
    programme = forms.ModelChoiceField(
        label="Thuộc chương trình hành động", required=False, queryset=Programme.objects.none(),
        empty_label="– Không thuộc chương trình –",
    )  # fmt: skip
    label = forms.CharField(label="Chỉ tiêu (như văn bản ghi)", widget=TEXTAREA)
    indicator_key = forms.ChoiceField(label="Đo bằng chỉ số", required=False)
    comparison = forms.ChoiceField(label="So sánh", choices=Comparison.choices)
    denominator_key = forms.ChoiceField(label="Mẫu số (với chỉ tiêu tỉ lệ)", required=False)
    value = forms.DecimalField(label="Giá trị chỉ tiêu", max_digits=14, decimal_places=2)
    unit = forms.CharField(label="Đơn vị tính", required=False, max_length=32)
    period_kind = forms.ChoiceField(label="Loại kỳ", choices=PeriodKind.choices)
    period_start = date_field("Từ ngày")
    period_end = date_field("Đến ngày")

    def __init__(
        self, *args: Any, orgs: QuerySet[Organization], programmes: QuerySet[Programme],
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        _setup_org(self, orgs, Action.OFFICE)
        cast(forms.ModelChoiceField, self.fields["programme"]).queryset = programmes
        self.fields["indicator_key"].choices = indicator_choices(  # type: ignore[attr-defined]
            "– Không có: kết quả nhập tay –"
        )
        self.fields["denominator_key"].choices = indicator_choices("–")  # type: ignore[attr-defined]
        self.style()


class ManualValueForm(StyledForm, forms.Form):
    at = date_field("Tính đến ngày")
    value = forms.DecimalField(label="Kết quả", max_digits=14, decimal_places=2)
    note = forms.CharField(label="Căn cứ, ghi chú", required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class WorkplanForm(StyledForm, forms.Form):
    org = OrgPickerField(label="Cấp ủy", indent=True, required=False)
    year = forms.IntegerField(label="Năm", required=False, **YEAR)
    status = forms.ChoiceField(
        label="Tình trạng", required=False,
        choices=[*_all(ItemStatus.choices), ("overdue", "Quá hạn")],
    )  # fmt: skip

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _setup_org(self, orgs, Action.VIEW)
        self.style()


class WorkProgrammeForm(StyledForm, forms.Form):
    title = forms.CharField(label="Tên chương trình công tác", max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class WorkItemForm(StyledForm, VersionedFormMixin, forms.Form):
    title = forms.CharField(label="Nội dung công việc", widget=TEXTAREA)
    owner = forms.CharField(label="Chủ trì (ban, đồng chí)", required=False, max_length=255)
    owner_org = OrgPickerField(label="Đơn vị chủ trì", required=False, indent=True,
                               empty_label="– Không –")  # fmt: skip
    due_on = date_field("Thời hạn")
    status = forms.ChoiceField(label="Tình trạng", choices=ItemStatus.choices)
    done_on = date_field("Ngày hoàn thành", required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=TEXTAREA)
    order = forms.IntegerField(label="Thứ tự", required=False, min_value=0)

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["owner_org"]).setup(orgs, action=Action.VIEW)
        self.style()


class UnitFiguresForm(StyledForm, VersionedFormMixin, forms.Form):
    org = OrgPickerField(label="Tổ chức cơ sở đảng", indent=True)
    period_start = date_field("Từ ngày")
    period_end = date_field("Đến ngày")
    revenue = forms.DecimalField(label="Doanh thu (triệu đồng)", required=False, max_digits=14,
                                 decimal_places=1)  # fmt: skip
    workers = forms.IntegerField(label="Số lao động", required=False, min_value=0)
    avg_income = forms.DecimalField(label="Thu nhập bình quân (triệu đồng/tháng)", required=False,
                                    max_digits=8, decimal_places=2)  # fmt: skip
    profit = forms.DecimalField(label="Lợi nhuận (triệu đồng, lỗ ghi số âm)", required=False,
                                max_digits=14, decimal_places=1)  # fmt: skip
    task_completed = forms.NullBooleanField(
        label="Hoàn thành nhiệm vụ (cơ quan, đơn vị)", required=False,
        widget=forms.Select(choices=[("unknown", "– Chưa đánh giá –"), ("true", "Hoàn thành"),
                                     ("false", "Không hoàn thành")]),
    )  # fmt: skip

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _setup_org(self, orgs.filter(kind__in=BASE_KINDS), Action.OFFICE, kinds=BASE_KINDS)
        self.style()


class ImportForm(StyledForm, forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        error_messages={"required": "Chọn tệp .xlsx để nhập.", "empty": "Tệp rỗng."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
