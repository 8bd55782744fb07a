from __future__ import annotations

from captcha.fields import CaptchaField
from django import forms


class FeedbackForm(forms.Form):
    name = forms.CharField(
        label="Họ tên",
        max_length=120,
        error_messages={"required": "Xin cho biết họ tên."},
    )
    title = forms.CharField(
        label="Tiêu đề",
        max_length=200,
        error_messages={"required": "Xin nhập tiêu đề."},
    )
    content = forms.CharField(
        label="Nội dung",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Xin nhập nội dung góp ý.",
            "max_length": "Nội dung dài quá 5.000 ký tự.",
        },
    )
    # The honeypot: hidden from people, filled in by robots.
    website = forms.CharField(label="Website", required=False)
    captcha = CaptchaField(
        label="Mã kiểm tra",
        error_messages={
            "invalid": "Mã kiểm tra không đúng. Xin nhập lại các ký tự trong hình.",
            "required": "Xin nhập mã kiểm tra trong hình.",
        },
    )

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))
