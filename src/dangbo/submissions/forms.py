from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.scope import Action, scoped
from dangbo.orgs.models import Organization
from dangbo.submissions import registry
from dangbo.submissions.models import CallKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CallForm(forms.Form):
    issuer = OrgPickerField(label="Cấp yêu cầu")
    kind = forms.ChoiceField(label="Loại", choices=CallKind.choices)
    subject = forms.CharField(
        label="Mẫu", max_length=64,
        help_text="Báo cáo: “dinh-ky” (mẫu báo cáo định kỳ); biểu thống kê: số biểu, ví dụ 1.",
    )  # fmt: skip
    title = forms.CharField(label="Tiêu đề", max_length=255)
    period_start = forms.DateField(label="Từ ngày", widget=DATE_INPUT)
    period_end = forms.DateField(label="Đến ngày", widget=DATE_INPUT)
    deadline = forms.DateField(label="Hạn nộp", widget=DATE_INPUT)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        issuers = scoped(
            user, Action.OFFICE, Organization.objects.filter(dissolved_on__isnull=True)
        )
        self.fields["issuer"].setup(issuers.order_by("path"), action=Action.OFFICE)
        subjects = []
        for key in CallKind.values:
            kind = registry.kind(key)
            if kind is not None and kind.subjects is not None:
                subjects += [f"{label} ({value})" for value, label in kind.subjects()]
        if subjects:
            self.fields["subject"].help_text = "Các mẫu: " + "; ".join(subjects) + "."

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start: dt.date | None = data.get("period_start")
        end: dt.date | None = data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", "Ngày kết thúc kỳ phải sau ngày bắt đầu.")
        return data
