"""The organization picker: a <select> when the user chooses among few organizations,
a search box (htmx, backoffice:org_picker) when among many.

OrgPickerField is a ModelChoiceField: whatever the widget, the chosen organization is
looked up in the field's queryset (the user's scope), so an id typed or forged outside
it is refused with a Vietnamese message. Without JavaScript the search box still works:
the text typed (a code, or words of a name) is resolved on the server.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.urls import reverse

from dangbo.core.scope import Action
from dangbo.core.text import fold
from dangbo.orgs.models import Organization

# Up to this many choices a plain <select> (works without JavaScript); above, the search box.
SELECT_LIMIT = 200
# The actions the picker endpoint accepts, by their URL value.
PICKER_ACTIONS: dict[str, Action] = {
    "view": Action.VIEW,
    "change": Action.CHANGE,
    "manage_orgs": Action.MANAGE_ORGS,
    "manage_roles": Action.MANAGE_ROLES,
}
PICKER_RESULTS = 20


def org_label(org: Organization) -> str:
    return f"{org.name} ({org.code})"


class OrgPickerWidget(forms.Widget):
    """A text box that searches organizations as one types and a hidden input with the id.

    The request carries `<name>` (the id chosen in the list), `<name>_q` (the text in
    the box) and `<name>_shown` (the text the page showed for that id): a text changed
    since the page was shown wins over the id, so typing without JavaScript works too.
    """

    template_name = "backoffice/widgets/org_picker.html"

    def __init__(
        self,
        *,
        action: Action,
        kinds: Iterable[str] = (),
        exclude: Organization | None = None,
        label_of: Callable[[int], str | None] | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.action = action
        self.kinds = tuple(kinds)
        self.exclude = exclude
        self.label_of = label_of

    def search_url(self) -> str:
        params: dict[str, Any] = {"action": self.action.value}
        if self.kinds:
            params["kinds"] = ",".join(self.kinds)
        if self.exclude is not None:
            params["exclude"] = self.exclude.pk
        return f"{reverse('backoffice:org_picker')}?{urlencode(params)}"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        ident = (data.get(name) or "").strip()
        if f"{name}_q" not in data:
            return ident
        text = (data.get(f"{name}_q") or "").strip()
        shown = (data.get(f"{name}_shown") or "").strip()
        if ident and text == shown:
            return ident
        return text

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_q" not in data

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_q" if id_ else id_

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        raw = "" if value is None else str(value).strip()
        ident, label = "", ""
        if raw.isdecimal() and self.label_of is not None:
            label = self.label_of(int(raw)) or ""
            ident = raw if label else ""
        if not ident and not raw.isdecimal():
            label = raw  # text still to be resolved; shown as typed
        box_id = widget["attrs"].get("id") or f"id_{name}"
        box_attrs = {
            **widget["attrs"],
            "id": f"{box_id}_q",
            "autocomplete": "off",
            "role": "combobox",
            "aria-autocomplete": "list",
            "aria-controls": f"{box_id}_results",
            "placeholder": widget["attrs"].get("placeholder")
            or "Gõ tên (không cần dấu) hoặc mã tổ chức",
        }
        widget.update(
            {
                "ident": ident,
                "label": label,
                "shown": label if ident else "",
                "box_id": box_id,
                "box_attrs": flatatt(box_attrs),
                "url": self.search_url(),
            }
        )
        return context


class OrgPickerField(forms.ModelChoiceField):
    """An organization among `queryset`; call `setup()` once the queryset is known."""

    default_error_messages = {
        "invalid_choice": "Hãy chọn một tổ chức trong danh sách được phép.",
    }

    def __init__(self, *, indent: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Organization.objects.none())
        kwargs.setdefault("empty_label", "– Chọn –")
        super().__init__(**kwargs)
        self.indent = indent

    def label_from_instance(self, obj: Any) -> str:
        return org_label(obj)

    def setup(
        self,
        queryset: QuerySet[Organization],
        *,
        action: Action,
        kinds: Iterable[str] = (),
        exclude: Organization | None = None,
    ) -> None:
        """Limit the choice to `queryset`; a <select> of them if few, else the search box
        (whose search asks the endpoint for the same `action`, `kinds` and `exclude`)."""
        self.queryset = queryset
        rows = list(queryset[: SELECT_LIMIT + 1])
        if len(rows) <= SELECT_LIMIT:
            top = min((o.depth for o in rows), default=1)
            options: list[tuple[Any, str]] = [
                (o.pk, ("\u00a0\u00a0" * (o.depth - top) + o.name) if self.indent else
                 self.label_from_instance(o))
                for o in rows
            ]  # fmt: skip
            empty = [("", self.empty_label)] if self.empty_label is not None else []
            self.choices = [*empty, *options]
            return
        attrs = dict(self.widget.attrs)
        attrs["class"] = str(attrs.get("class", "form-control")).replace(
            "form-select", "form-control"
        )
        self.widget = OrgPickerWidget(
            action=action, kinds=kinds, exclude=exclude, label_of=self._label_of, attrs=attrs
        )

    @property
    def uses_picker(self) -> bool:
        return isinstance(self.widget, OrgPickerWidget)

    def _label_of(self, pk: int) -> str | None:
        org = self.queryset.filter(pk=pk).only("name", "code").first()
        return org_label(org) if org is not None else None

    def to_python(self, value: Any) -> Organization | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Organization):
            value = value.pk
        text = str(value).strip()
        if text.isdecimal():
            found = self.queryset.filter(pk=int(text)).first()
            if found is not None:
                return found
        return self._resolve(text)

    def _resolve(self, text: str) -> Organization:
        """The one organization of the queryset whose code is `text` (or the code in
        brackets at its end), or whose name holds every word of it."""
        bracket = re.search(r"\(([^()]+)\)\s*$", text)
        code = bracket.group(1).strip() if bracket else text
        by_code = self.queryset.filter(code__iexact=code).first()
        if by_code is not None:
            return by_code
        if text.isdecimal():
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        matches = self.queryset
        for word in fold(text).split():
            matches = matches.filter(search_text__contains=word)
        found = list(matches[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(
                f"Không tìm thấy tổ chức “{text}” trong danh sách được phép.",
                code="invalid_choice",
            )
        raise ValidationError(
            f"Có nhiều tổ chức khớp “{text}”: hãy gõ thêm tên hoặc nhập mã tổ chức.",
            code="invalid_choice",
        )
