"""Forms of the emulation pages. Forms check what was typed; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.locking import VersionedFormMixin
from dangbo.core.scope import Action, scoped
from dangbo.core.text import format_date
from dangbo.emulation.models import (
    AwardForm,
    Commendation,
    Level,
    ModelField,
    ModelStatus,
    ProposalOutcome,
    RecipientKind,
    Theme,
)
from dangbo.members.forms import StyledForm, date_field
from dangbo.members.models import Member
from dangbo.orgs.models import Organization

YEAR: dict[str, Any] = {"min_value": 1945, "max_value": 2100}


def _all(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "Tất cả"), *choices]


class _Filter(StyledForm, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    org = OrgPickerField(
        label="Tổ chức đảng", required=False, indent=True, empty_label="Tất cả trong phạm vi"
    )
    year = forms.IntegerField(label="Năm", required=False, **YEAR)
    placeholder = ""

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.VIEW)
        self.fields["q"].widget.attrs.update({"placeholder": self.placeholder, "type": "search"})
        self.style()


class CommendationFilterForm(_Filter):
    level = forms.ChoiceField(label="Cấp khen", required=False, choices=_all(Level.choices))
    theme = forms.ChoiceField(label="Phong trào", required=False, choices=_all(Theme.choices))
    kind = forms.ChoiceField(label="Đối tượng", required=False, choices=_all(RecipientKind.choices))
    placeholder = "Tên tập thể, cá nhân (không cần dấu) hoặc số quyết định"


class ProposalFilterForm(_Filter):
    outcome = forms.ChoiceField(
        label="Kết quả", required=False, choices=_all(ProposalOutcome.choices)
    )
    placeholder = "Số tờ trình, tên trong danh sách đề nghị"


class ModelFilterForm(_Filter):
    field = forms.ChoiceField(label="Lĩnh vực", required=False, choices=_all(ModelField.choices))
    status = forms.ChoiceField(
        label="Tình trạng", required=False, choices=_all(ModelStatus.choices)
    )
    placeholder = "Tên mô hình, đơn vị (không cần dấu)"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].label = "Đơn vị"
        self.fields["year"].label = "Năm đăng ký"


class CommendationForm(StyledForm, VersionedFormMixin, forms.Form):
    org = OrgPickerField(label="Thuộc tổ chức đảng", indent=True)
    decision_number = forms.CharField(label="Số quyết định", max_length=64)
    decided_on = date_field("Ngày quyết định")
    level = forms.ChoiceField(label="Cấp khen thưởng", choices=Level.choices)
    form = forms.ChoiceField(label="Hình thức", choices=AwardForm.choices)
    theme = forms.ChoiceField(label="Phong trào, chủ đề", choices=Theme.choices)
    theme_other = forms.CharField(label="Nội dung khen thưởng", max_length=255, required=False)
    year_from = forms.IntegerField(label="Giai đoạn từ năm", required=False, **YEAR)
    year_to = forms.IntegerField(label="Đến năm", required=False, **YEAR)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.CHANGE)
        self.fields["decision_number"].widget.attrs["placeholder"] = "Ví dụ: 125-QĐ/ĐUK"
        self.style()

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {k: d[k] for k in self.fields} | {
            "theme_other": d["theme_other"] or "",
            "note": d["note"] or "",
        }


class RecipientForm(StyledForm, forms.Form):
    """One row of the recipients: a collective or an individual."""

    kind = forms.ChoiceField(label="Đối tượng", choices=[("", "–"), *RecipientKind.choices])
    org = OrgPickerField(label="Tổ chức đảng (tập thể)", required=False, empty_label="–")
    host_unit_name = forms.CharField(label="Cơ quan, đơn vị (tập thể)", required=False,
                                     max_length=255)  # fmt: skip
    member_card = forms.CharField(label="Số thẻ đảng viên (cá nhân)", required=False,
                                  max_length=12)  # fmt: skip
    name = forms.CharField(label="Họ và tên (cá nhân)", required=False, max_length=128)
    position = forms.CharField(label="Chức vụ, đơn vị công tác", required=False, max_length=255)
    achievement = forms.CharField(label="Thành tích", required=False, max_length=255)

    def __init__(
        self, *args: Any, orgs: QuerySet[Organization], members: QuerySet[Member], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.CHANGE)
        self.members = members
        self.style()

    def clean_member_card(self) -> Member | None:
        card = (self.cleaned_data.get("member_card") or "").strip()
        if not card:
            return None
        member = self.members.filter(card_number=card).select_related("person").first()
        if member is None:
            raise forms.ValidationError(
                f"Không tìm thấy đảng viên có số thẻ {card} trong phạm vi được phép."
            )
        return member


class BaseRecipientFormSet(forms.BaseFormSet):
    def filled(self) -> list[forms.Form]:
        """The rows typed in (blank and deleted rows left out)."""
        return [
            f for f in self.forms
            if f.has_changed()
            and not (self.can_delete and self._should_delete_form(f))  # type: ignore[attr-defined]
        ]  # fmt: skip


RecipientFormSet = forms.formset_factory(
    RecipientForm, formset=BaseRecipientFormSet, extra=3, can_delete=True
)


def recipient_formset(
    data: Any, *, user: Any, orgs: QuerySet[Organization], initial: list[dict] | None = None
) -> BaseRecipientFormSet:
    members = scoped(user, Action.CHANGE, Member.objects.all())
    formset = RecipientFormSet(
        data, initial=initial, prefix="r", form_kwargs={"orgs": orgs, "members": members}
    )
    return cast(BaseRecipientFormSet, formset)


class ProposalForm(StyledForm, forms.Form):
    org = OrgPickerField(label="Tổ chức đề nghị", indent=True)
    to_level = forms.ChoiceField(label="Đề nghị cấp", choices=Level.choices)
    form = forms.ChoiceField(label="Hình thức đề nghị", choices=AwardForm.choices)
    theme = forms.ChoiceField(label="Phong trào, chủ đề", choices=Theme.choices)
    document_number = forms.CharField(label="Số tờ trình", max_length=64, required=False)
    submitted_on = date_field("Ngày trình")
    collectives = forms.IntegerField(label="Số tập thể", min_value=0, initial=0)
    individuals = forms.IntegerField(label="Số cá nhân", min_value=0, initial=0)
    recipients_text = forms.CharField(
        label="Danh sách đề nghị", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.CHANGE)
        self.style()


class DecideForm(StyledForm, forms.Form):
    outcome = forms.ChoiceField(
        label="Kết quả",
        choices=[(ProposalOutcome.APPROVED, ProposalOutcome.APPROVED.label),
                 (ProposalOutcome.REJECTED, ProposalOutcome.REJECTED.label)],
    )  # fmt: skip
    decided_on = date_field("Ngày có kết quả")
    commendation = forms.ModelChoiceField(
        label="Quyết định khen thưởng (nếu đã ghi nhận)",
        queryset=Commendation.objects.none(),
        required=False,
        empty_label="– Không gắn –",
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, commendations: QuerySet[Commendation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["commendation"])
        field.queryset = commendations
        field.label_from_instance = lambda c: (  # type: ignore[method-assign,assignment]
            f"{c.decision_number} ngày {format_date(c.decided_on)} ({c.get_form_display()})"
        )
        self.style()


class DanVanModelForm(StyledForm, VersionedFormMixin, forms.Form):
    unit = OrgPickerField(label="Đơn vị đăng ký", indent=True)
    name = forms.CharField(label="Tên mô hình", max_length=255)
    field = forms.ChoiceField(label="Lĩnh vực", choices=ModelField.choices)
    registered_year = forms.IntegerField(label="Năm đăng ký", **YEAR)
    status = forms.ChoiceField(label="Tình trạng", choices=ModelStatus.choices)
    recognized_on = date_field("Ngày công nhận", required=False)
    stopped_on = date_field("Ngày dừng", required=False)
    results = forms.CharField(
        label="Kết quả thực hiện", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["unit"]).setup(orgs, action=Action.MOBILIZE)
        self.style()
