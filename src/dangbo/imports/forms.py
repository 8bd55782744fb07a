from __future__ import annotations

from typing import Any

from django import forms

from dangbo.core.scope import Action, scoped
from dangbo.core.xlsx_input import WorkbookRefused, check_archive
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import resolve_code

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class ImportForm(forms.Form):
    org = forms.CharField(
        label="Mã tổ chức đảng nhận dữ liệu",
        max_length=32,
        help_text="Chi bộ ghi ở cột “Mã chi bộ” phải thuộc tổ chức này.",
        widget=forms.TextInput(attrs={"list": "org-codes", "autocomplete": "off"}),
    )
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.organization: Organization | None = None

    def clean_org(self) -> str:
        code = self.cleaned_data["org"].strip()
        found = resolve_code(code)
        allowed = Organization.objects.filter(pk=found.pk if found else 0)
        org = scoped(self.user, Action.IMPORT, allowed).first()
        if org is None:
            raise forms.ValidationError(
                f"Không có tổ chức đảng mã “{code}” trong phạm vi bạn được nhập dữ liệu."
            )
        if not org.is_active:
            raise forms.ValidationError(f"{org.name} đã giải thể.")
        self.organization = org
        return code

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận tệp Excel dạng .xlsx (Excel 2007 trở lên).")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Tệp lớn quá 200 MB.")
        try:  # the archive at once, next to the field; the rows later, in the job
            check_archive(upload)
        except WorkbookRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload
