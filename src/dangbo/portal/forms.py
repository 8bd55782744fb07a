from __future__ import annotations

from typing import Any

from django import forms
from django_prose_editor.widgets import ProseEditorWidget

from dangbo.core.locking import VersionedFormMixin
from dangbo.core.secrecy import Secrecy
from dangbo.orgs.models import Organization
from dangbo.portal.models import Category
from dangbo.portal_public.models import FeedbackStatus


def _org_field(orgs: Any, label: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=orgs,
        error_messages={
            "required": "Xin chọn đơn vị.",
            "invalid_choice": "Đơn vị không thuộc phạm vi của đồng chí.",
        },
    )


class ArticleForm(VersionedFormMixin, forms.Form):
    org = forms.ModelChoiceField(queryset=Organization.objects.none())
    category = forms.ModelChoiceField(
        label="Chuyên mục",
        queryset=Category.objects.all(),
        error_messages={"required": "Xin chọn chuyên mục."},
    )
    title = forms.CharField(
        label="Tiêu đề", max_length=300, error_messages={"required": "Xin nhập tiêu đề."}
    )
    lead = forms.CharField(
        label="Sa-pô (tóm tắt)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label="Nội dung",
        required=False,
        widget=ProseEditorWidget(
            config={
                "extensions": {
                    "Bold": True,
                    "Italic": True,
                    "Underline": True,
                    "Strike": True,
                    "Heading": {"levels": [2, 3]},
                    "BulletList": True,
                    "OrderedList": True,
                    "ListItem": True,
                    "Blockquote": True,
                    "Link": True,
                    "HorizontalRule": True,
                    "Table": True,
                    "TableRow": True,
                    "TableHeader": True,
                    "TableCell": True,
                    "History": True,
                }
            }
        ),
    )
    tags = forms.CharField(label="Từ khóa (cách nhau bởi dấu phẩy)", required=False)
    image = forms.ImageField(
        label="Ảnh đại diện",
        required=False,
        error_messages={"invalid_image": "Tệp tải lên không phải là ảnh."},
    )
    image_caption = forms.CharField(label="Chú thích ảnh", required=False, max_length=300)
    author_name = forms.CharField(label="Tác giả", required=False, max_length=200)
    source = forms.CharField(label="Nguồn", required=False, max_length=300)
    featured = forms.BooleanField(label="Tin nổi bật", required=False)
    publish_at = forms.DateTimeField(
        label="Hẹn giờ đăng (để trống: đăng ngay khi duyệt)",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Thời điểm không hợp lệ (dd/mm/yyyy hh:mm)."},
    )
    secrecy = forms.ChoiceField(label="Độ mật", choices=Secrecy.choices, required=False)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"] = _org_field(orgs, "Chuyên trang của đơn vị")
        self.order_fields(["org"])

    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label="Tìm", required=False)
    state = forms.ChoiceField(label="Trạng thái", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from dangbo.portal.models import ArticleState

        self.fields["state"].choices = [("", "Tất cả"), *ArticleState.choices]


class ReturnForm(forms.Form):
    note = forms.CharField(
        label="Ý kiến biên tập", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label="Tên tệp", required=False, max_length=300)
    file = forms.FileField(label="Tệp", error_messages={"required": "Xin chọn tệp."})


class CategoryForm(forms.Form):
    name = forms.CharField(
        label="Tên chuyên mục",
        max_length=120,
        error_messages={"required": "Xin nhập tên chuyên mục."},
    )
    order = forms.IntegerField(label="Thứ tự", required=False, min_value=0)


class GalleryForm(forms.Form):
    org = forms.ModelChoiceField(queryset=Organization.objects.none())
    title = forms.CharField(
        label="Tên album", max_length=300, error_messages={"required": "Xin nhập tên album."}
    )
    description = forms.CharField(
        label="Mô tả", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    secrecy = forms.ChoiceField(label="Độ mật", choices=Secrecy.choices, required=False)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"] = _org_field(orgs, "Đơn vị")
        self.order_fields(["org"])


class PhotoForm(forms.Form):
    image = forms.ImageField(
        label="Ảnh",
        error_messages={
            "required": "Xin chọn ảnh.",
            "invalid_image": "Tệp tải lên không phải là ảnh.",
        },
    )
    caption = forms.CharField(label="Chú thích", required=False, max_length=300)


class VideoForm(GalleryForm):
    title = forms.CharField(
        label="Tên video", max_length=300, error_messages={"required": "Xin nhập tên video."}
    )
    file = forms.FileField(label="Tệp video (mp4, webm)", required=False)
    poster = forms.ImageField(label="Ảnh đại diện", required=False)


class LinkForm(forms.Form):
    org = forms.ModelChoiceField(queryset=Organization.objects.none())
    name = forms.CharField(
        label="Tên website", max_length=200, error_messages={"required": "Xin nhập tên website."}
    )
    url = forms.URLField(
        label="Địa chỉ",
        assume_scheme="https",
        error_messages={
            "required": "Xin nhập địa chỉ.",
            "invalid": "Địa chỉ không hợp lệ (https://...).",
        },
    )
    order = forms.IntegerField(label="Thứ tự", required=False, min_value=0)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"] = _org_field(orgs, "Đơn vị")
        self.order_fields(["org"])


class ModerateForm(forms.Form):
    status = forms.ChoiceField(
        label="Quyết định",
        choices=[
            (FeedbackStatus.PUBLISHED, "Đăng (kèm trả lời)"),
            (FeedbackStatus.HIDDEN, "Không đăng"),
        ],
    )
    answer = forms.CharField(
        label="Trả lời", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
