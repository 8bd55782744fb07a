"""Forms of the member pages: the person, the Party record, how it starts, its events.

Forms only check what the user typed; the services decide (uniqueness, the order of
events). `attach_errors` puts a service's ValidationError next to the right field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.locking import VersionedFormMixin
from dangbo.core.scope import Action
from dangbo.core.text import MAX_YEAR, MIN_YEAR
from dangbo.members.choices import EventKind, Gender, MemberStatus
from dangbo.members.models import Member, Person
from dangbo.members.sensitive import MEMBER_SENSITIVE, PERSON_SENSITIVE
from dangbo.members.services import MEMBER_FIELDS, PERSON_FIELDS
from dangbo.orgs.models import CELL_KINDS, Organization

DATE_ERROR = "Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy)."


def date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"],
        error_messages={"invalid": DATE_ERROR},
        validators=[_within_years],
    )


def _within_years(day: dt.date) -> None:
    """The years parse_date accepts (core.text): 31/12/9999 would overflow later sums."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValidationError(
            f"Ngày {day:%d/%m/%Y} nằm ngoài khoảng năm {MIN_YEAR}–{MAX_YEAR} mà hệ thống xử lý."
        )


class StyledForm(forms.BaseForm):
    """Bootstrap classes on every widget; errors marked on the widget."""

    def style(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            if self.is_bound and name in self.errors:
                css += " is-invalid"
            widget.attrs["class"] = css

    def full_clean(self) -> None:
        super().full_clean()
        self.style()


def attach_errors(
    forms_: Iterable[forms.BaseForm], exc: ValidationError, aliases: Mapping[str, str] = {}
) -> None:
    """Put a service's ValidationError next to the field it names (else above the form)."""
    forms_ = list(forms_)
    errors: dict[str, list[ValidationError]]
    if hasattr(exc, "error_dict"):
        errors = dict(exc.error_dict)
    else:
        errors = {"": exc.error_list}
    for key, messages in errors.items():
        name = aliases.get(key, key) if key else None
        target = next((f for f in forms_ if name in f.fields), None)
        if target is None:
            target, name = forms_[0], None
        for message in messages:
            target.add_error(name, message)
    for form in forms_:
        if isinstance(form, StyledForm):
            form.style()


class PersonForm(StyledForm, VersionedFormMixin, forms.ModelForm):
    """The person's own fields. Uniqueness is checked by the service, not here."""

    version_field = "expected_person_version"  # beside the member's own in one <form>

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"economic_situation": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, sensitive: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("birth_date", "youth_union_on", "recruited_on"):
            model_field = cast(models.DateField, Person._meta.get_field(name))
            self.fields[name] = date_field(
                str(model_field.verbose_name), required=not model_field.blank
            )
        for field in self.fields.values():
            field.label = str(field.label)[:1].upper() + str(field.label)[1:]
        cast(forms.ChoiceField, self.fields["gender"]).choices = [("", "– Chọn –"), *Gender.choices]
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
                if choices and choices[0][0] == "":
                    field.choices = [("", "– Chọn –"), *choices[1:]]
        if not sensitive:
            for name in PERSON_SENSITIVE & set(self.fields):
                del self.fields[name]
        self.style()

    def validate_unique(self) -> None:
        """person_save checks the citizen ID, with a message that names the other record."""

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != self.version_field}


class MemberFieldsForm(StyledForm, VersionedFormMixin, forms.ModelForm):
    """The Party record's own fields (not its history)."""

    class Meta:
        model = Member
        fields = MEMBER_FIELDS

    def __init__(self, *args: Any, sensitive: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ceremony_on"] = date_field("Ngày lễ kết nạp", required=False)
        for field in self.fields.values():
            field.label = str(field.label)[:1].upper() + str(field.label)[1:]
        self.fields["introducers"].help_text = "Họ tên người giới thiệu, cách nhau bởi dấu phẩy."
        if not sensitive:
            for name in MEMBER_SENSITIVE & set(self.fields):
                del self.fields[name]
        self.style()

    def validate_unique(self) -> None:
        """The services check the card number against every card ever issued."""

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != self.version_field}


class CellChoiceField(OrgPickerField):
    """A cell among those given: a <select>, or the search box when there are many."""


ARRIVAL_STATUSES = [
    (MemberStatus.PROBATIONARY.value, MemberStatus.PROBATIONARY.label),
    (MemberStatus.FULL.value, MemberStatus.FULL.label),
]


class MemberStartForm(StyledForm, forms.Form):
    """How a new Party record starts: admission into a cell or transfer in from outside."""

    start_kind = forms.ChoiceField(
        label="Hồ sơ bắt đầu bằng",
        choices=[
            (EventKind.ADMITTED.value, "Kết nạp vào chi bộ"),
            (EventKind.TRANSFERRED_IN.value, "Chuyển sinh hoạt đến từ ngoài Đảng bộ"),
        ],
        initial=EventKind.ADMITTED.value,
        widget=forms.RadioSelect,
    )
    cell = CellChoiceField(
        queryset=Organization.objects.none(), label="Chi bộ sinh hoạt", empty_label="– Chọn –"
    )
    date = date_field("Ngày kết nạp hoặc ngày chuyển đến")
    decision_number = forms.CharField(label="Số quyết định", max_length=64, required=False)
    arrival_status = forms.ChoiceField(
        label="Khi chuyển đến là",
        choices=[("", "– Chọn –"), *ARRIVAL_STATUSES],
        required=False,
        help_text="Chỉ với chuyển sinh hoạt đến.",
    )
    external_org = forms.CharField(
        label="Chuyển đến từ",
        max_length=255,
        required=False,
        help_text="Chỉ với chuyển sinh hoạt đến.",
    )

    def __init__(self, *args: Any, cells: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(CellChoiceField, self.fields["cell"]).setup(
            cells, action=Action.CHANGE, kinds=CELL_KINDS
        )
        self.style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_kind") == EventKind.TRANSFERRED_IN:
            if not data.get("arrival_status"):
                self.add_error("arrival_status", "Chọn đảng viên dự bị hay chính thức.")
            if not (data.get("external_org") or "").strip():
                self.add_error("external_org", "Nhập nơi chuyển sinh hoạt đến từ.")
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        transfer_in = data["start_kind"] == EventKind.TRANSFERRED_IN
        return {
            "kind": data["start_kind"],
            "date": data["date"],
            "cell": data["cell"],
            "decision_number": data["decision_number"],
            "status": data["arrival_status"] if transfer_in else "",
            "external_org": data["external_org"].strip() if transfer_in else "",
        }


# Which extra fields each kind of event asks for.
_CELL_KINDS = (EventKind.TRANSFERRED, EventKind.REINSTATED, EventKind.TRANSFERRED_IN)
_EXTERNAL_KINDS = (EventKind.TRANSFERRED_OUT, EventKind.TRANSFERRED_IN)
_STATUS_KINDS = (EventKind.REINSTATED, EventKind.TRANSFERRED_IN)
_DATE_LABELS = {
    EventKind.RECOGNIZED: "Ngày được công nhận đảng viên chính thức",
    EventKind.TRANSFERRED: "Ngày chuyển sinh hoạt",
    EventKind.TRANSFERRED_OUT: "Ngày chuyển sinh hoạt đi",
    EventKind.TRANSFERRED_IN: "Ngày chuyển sinh hoạt đến",
    EventKind.DECEASED: "Ngày từ trần",
}


class MemberEventForm(StyledForm, forms.Form):
    org = CellChoiceField(
        queryset=Organization.objects.none(), label="Chi bộ chuyển đến", empty_label="– Chọn –"
    )
    external_org = forms.CharField(label="Đơn vị chuyển đến", max_length=255)
    status = forms.ChoiceField(
        label="Tư cách đảng viên", choices=[("", "– Chọn –"), *ARRIVAL_STATUSES]
    )
    date = date_field("Ngày hiệu lực")
    decision_number = forms.CharField(label="Số quyết định", max_length=64, required=False)
    decision_date = date_field("Ngày quyết định", required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        kind: str,
        cells: QuerySet[Organization] | None = None,
        exclude: Organization | None = None,
        **kwargs: Any,
    ) -> None:
        """`cells` are those the member may go to; `exclude` (their current cell) is
        left out of them already and only tells the search box to leave it out too."""
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind in _CELL_KINDS:
            org_field = cast(CellChoiceField, self.fields["org"])
            org_field.setup(
                cells if cells is not None else Organization.objects.none(),
                action=Action.CHANGE,
                kinds=CELL_KINDS,
                exclude=exclude,
            )
            if kind != EventKind.TRANSFERRED:
                self.fields["org"].label = "Chi bộ sinh hoạt"
        else:
            del self.fields["org"]
        if kind in _EXTERNAL_KINDS:
            if kind == EventKind.TRANSFERRED_IN:
                self.fields["external_org"].label = "Chuyển đến từ"
            else:
                self.fields["external_org"].help_text = "Tổ chức đảng ngoài Đảng bộ nhận đảng viên."
        else:
            del self.fields["external_org"]
        if kind not in _STATUS_KINDS:
            del self.fields["status"]
        self.fields["date"].label = _DATE_LABELS.get(EventKind(kind), "Ngày hiệu lực")
        self.style()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": self.kind,
            "date": data["date"],
            "decision_number": data["decision_number"].strip(),
            "decision_date": data["decision_date"],
            "org": data.get("org"),
            "external_org": (data.get("external_org") or "").strip(),
            "status": data.get("status") or "",
            "note": data["note"].strip(),
        }


class MemberFilterForm(StyledForm, forms.Form):
    """The search and filter bar of the member list (GET; never validated strictly)."""

    q = forms.CharField(label="Tìm kiếm", required=False)
    org = OrgPickerField(
        label="Tổ chức đảng",
        required=False,
        indent=True,
        empty_label="Tất cả tổ chức trong phạm vi",
    )
    status = forms.ChoiceField(
        label="Tình trạng",
        required=False,
        choices=[("", "Đang sinh hoạt (dự bị và chính thức)"), *MemberStatus.choices],
    )
    gender = forms.ChoiceField(
        label="Giới tính", required=False, choices=[("", "Tất cả"), *Gender.choices]
    )
    include_left = forms.BooleanField(label="Gồm cả người đã ra khỏi danh sách", required=False)

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        """`orgs`: the organizations the user may filter by, in tree order."""
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.VIEW)
        self.fields["q"].widget.attrs.update(
            {"placeholder": "Họ tên (không cần dấu), số căn cước hoặc số thẻ", "type": "search"}
        )
        self.style()
