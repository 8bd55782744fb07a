"""Forms of the lists in a person's file: work history, training history, family.

Each list is an inline formset (add, edit, delete rows); the rows are saved by
person_work_history_save, person_training_history_save or person_family_save.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory

from dangbo.members.forms import StyledForm, date_field
from dangbo.members.models import FamilyRelation, Person, TrainingHistory, WorkHistory

REQUIRED = "Không được để trống."
MAX_ROWS = 100


class _RowForm(StyledForm, forms.ModelForm):
    """One row: Vietnamese labels and messages; an end date not before the start."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = str(field.label)[:1].upper() + str(field.label)[1:]
            field.error_messages["required"] = REQUIRED
            field.widget.attrs["aria-label"] = field.label  # the label is the column heading
        if not self.is_bound:
            # A bound form is styled once validated: the formset adds fields after __init__.
            self.style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Ngày kết thúc trước ngày bắt đầu.")
        return data


class WorkHistoryForm(_RowForm):
    starts_on = date_field("Từ ngày")
    ends_on = date_field("Đến ngày", required=False)

    class Meta:
        model = WorkHistory
        fields = ("starts_on", "ends_on", "position", "unit")


class TrainingHistoryForm(_RowForm):
    starts_on = date_field("Từ ngày")
    ends_on = date_field("Đến ngày", required=False)

    class Meta:
        model = TrainingHistory
        fields = ("starts_on", "ends_on", "school", "subject", "degree")


class FamilyRelationForm(_RowForm):
    birth_year = forms.IntegerField(
        label="Năm sinh",
        required=False,
        min_value=1850,
        error_messages={
            "invalid": "Năm sinh phải là một số, ví dụ 1955.",
            "min_value": "Năm sinh không hợp lệ.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
    )

    class Meta:
        model = FamilyRelation
        fields = ("relation", "full_name", "birth_year", "details")
        widgets = {"relation": forms.TextInput(attrs={"placeholder": "Bố, mẹ, vợ, chồng, con…"})}

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year is not None and year > dt.date.today().year:  # noqa: DTZ011 - a calendar year
            raise forms.ValidationError("Năm sinh ở tương lai.")
        return year


class RowsFormSet(BaseInlineFormSet):
    default_error_messages = {
        "missing_management_form": "Biểu mẫu gửi lên không đầy đủ; hãy tải lại trang và nhập lại.",
        "too_many_forms": "Chỉ nhập được tối đa %(num)d dòng.",
        "too_few_forms": "Cần nhập ít nhất %(num)d dòng.",
    }

    def rows(self) -> tuple[list[dict[str, Any]], list[forms.Form]]:
        """The rows to keep (as the service takes them) and the form of each."""
        rows, forms_ = [], []
        for form in self.forms:
            if form in self.deleted_forms or not form.cleaned_data:
                continue
            names = [n for n in self._meta_fields(form) if n != self.fk.name]
            rows.append({"id": form.instance.pk, **{n: form.cleaned_data.get(n) for n in names}})
            forms_.append(form)
        return rows, forms_

    @staticmethod
    def _meta_fields(form: forms.BaseForm) -> tuple[str, ...]:
        return tuple(form._meta.fields)  # type: ignore[attr-defined]


def _formset(form: type[_RowForm]) -> type[RowsFormSet]:
    return inlineformset_factory(
        Person,
        form._meta.model,
        form=form,
        formset=RowsFormSet,
        extra=1,
        can_delete=True,
        can_delete_extra=False,
        max_num=MAX_ROWS,
        validate_max=True,
    )


WorkHistoryFormSet = _formset(WorkHistoryForm)
TrainingHistoryFormSet = _formset(TrainingHistoryForm)
FamilyRelationFormSet = _formset(FamilyRelationForm)
