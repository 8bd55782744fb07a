"""Forms of the organization pages. They only collect and check input; the changes
are made by dangbo.orgs.services, whose ValidationErrors are put back on the fields
by `apply_service_errors`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.locking import VersionedFormMixin
from dangbo.core.scope import Action, scoped
from dangbo.core.text import parse_date
from dangbo.orgs.models import CELL_KINDS, Organization, OrgKind, Position, Sector

# Which kinds of unit may be founded under which kind of organization.
CHILD_KINDS: dict[str, list[str]] = {
    OrgKind.PROVINCIAL_COMMITTEE: [
        OrgKind.BLOC_COMMITTEE,
        OrgKind.LOCAL_COMMITTEE,
        OrgKind.BASE_COMMITTEE,
        OrgKind.BASE_CELL,
    ],
    OrgKind.BLOC_COMMITTEE: [OrgKind.BASE_COMMITTEE, OrgKind.BASE_CELL],
    OrgKind.LOCAL_COMMITTEE: [OrgKind.BASE_COMMITTEE, OrgKind.BASE_CELL],
    OrgKind.BASE_COMMITTEE: [OrgKind.SUB_COMMITTEE, OrgKind.SUB_CELL],
    OrgKind.SUB_COMMITTEE: [OrgKind.SUB_CELL],
}

NON_CELL_KINDS = [k for k in OrgKind.values if k not in CELL_KINDS]

REQUIRED = "Không được để trống."


class VnDateField(forms.Field):
    """A date typed as dd/mm/yyyy (also accepts 18-8-2021 and 2021-08-18)."""

    widget = forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
    default_error_messages = {"required": REQUIRED}

    def to_python(self, value: Any) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from exc

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        return value


class StyledForm(forms.Form):
    """Bootstrap classes on every widget, Vietnamese "required" messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields(self.fields.values())

    @staticmethod
    def style_fields(fields: Any) -> None:
        for field in fields:
            field.error_messages.setdefault("required", REQUIRED)
            field.error_messages["required"] = REQUIRED
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form: by field where the form has
    that field, otherwise above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _decision_field() -> forms.CharField:
    return forms.CharField(
        label="Số quyết định", max_length=64, required=False, help_text="Ví dụ: 125-QĐ/ĐUK"
    )


class OrgChoiceField(OrgPickerField):
    def label_from_instance(self, obj: Any) -> str:
        indent = "\u2003" * max(0, obj.depth - 1)
        return f"{indent}{obj.name} ({obj.code})"


def manageable_orgs(user: Any) -> QuerySet[Organization]:
    """Active organizations the user may change, in tree order."""
    active = Organization.objects.filter(dissolved_on__isnull=True).order_by("path")
    return scoped(user, Action.MANAGE_ORGS, active)


class OrgCreateForm(StyledForm):
    name = forms.CharField(label="Tên tổ chức", max_length=255)
    code = forms.CharField(label="Mã", max_length=32)
    kind = forms.ChoiceField(label="Loại tổ chức")
    sector = forms.ChoiceField(
        label="Loại hình đơn vị", required=False, choices=[("", "—")] + list(Sector.choices)
    )
    host_unit_name = forms.CharField(
        label="Cơ quan, đơn vị, doanh nghiệp", max_length=255, required=False
    )
    founded_on = VnDateField(label="Ngày thành lập")
    decision_number = _decision_field()

    def __init__(self, *args: Any, parent: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(OrgKind.choices)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(k, labels[k]) for k in CHILD_KINDS.get(parent.kind, [])]

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip()


class OrgRenameForm(StyledForm, VersionedFormMixin):
    name = forms.CharField(label="Tên mới", max_length=255)
    code = forms.CharField(label="Mã mới", max_length=32)
    date = VnDateField(label="Ngày hiệu lực")
    decision_number = _decision_field()

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip()


class OrgMoveForm(StyledForm, VersionedFormMixin):
    new_parent = OrgChoiceField(
        label="Chuyển về trực thuộc",
        queryset=Organization.objects.none(),
        error_messages={"invalid_choice": "Hãy chọn một tổ chức trong danh sách."},
    )
    date = VnDateField(label="Ngày hiệu lực")
    decision_number = _decision_field()

    def __init__(self, *args: Any, org: Organization, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = (
            manageable_orgs(user)
            .exclude(kind__in=CELL_KINDS)
            .exclude(path__startswith=org.path)
            .exclude(path=org.path[: -org.steplen])
        )
        field = self.fields["new_parent"]
        assert isinstance(field, OrgPickerField)
        field.setup(choices, action=Action.MANAGE_ORGS, kinds=NON_CELL_KINDS, exclude=org)


class OrgDissolveForm(StyledForm, VersionedFormMixin):
    date = VnDateField(label="Ngày giải thể")
    decision_number = _decision_field()


class OrgMergeForm(StyledForm):
    target = OrgChoiceField(
        label="Hợp nhất vào",
        queryset=Organization.objects.none(),
        error_messages={"invalid_choice": "Hãy chọn một tổ chức trong danh sách."},
    )
    date = VnDateField(label="Ngày hiệu lực")
    decision_number = _decision_field()

    def __init__(self, *args: Any, org: Organization, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = manageable_orgs(user).exclude(path__startswith=org.path)
        kinds = list(CELL_KINDS) if org.kind in CELL_KINDS else NON_CELL_KINDS
        field = self.fields["target"]
        assert isinstance(field, OrgPickerField)
        field.setup(
            choices.filter(kind__in=kinds), action=Action.MANAGE_ORGS, kinds=kinds, exclude=org
        )


class TermForm(StyledForm):
    name = forms.CharField(label="Nhiệm kỳ", max_length=32, help_text="Ví dụ: 2025–2030")
    starts_on = VnDateField(label="Từ ngày")
    ends_on = VnDateField(label="Đến ngày", required=False)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        born = obj.person.birth_date.strftime("%d/%m/%Y")
        return f"{obj.person.full_name} (sinh {born}) – {obj.cell.name if obj.cell else ''}"


class SeatForm(StyledForm):
    member = MemberChoiceField(
        label="Đảng viên",
        queryset=None,
        error_messages={"invalid_choice": "Hãy chọn một đảng viên trong danh sách."},
    )
    position = forms.ChoiceField(label="Chức vụ", choices=Position.choices)
    starts_on = VnDateField(label="Từ ngày")
    is_unit_head = forms.BooleanField(
        label="Bí thư đồng thời là thủ trưởng cơ quan, đơn vị", required=False
    )

    def __init__(self, *args: Any, org: Organization, user: Any, **kwargs: Any) -> None:
        from dangbo.members.choices import MemberStatus
        from dangbo.members.models import Member

        super().__init__(*args, **kwargs)
        members = (
            Member.objects.filter(org_path__startswith=org.path)
            .exclude(status=MemberStatus.LEFT)
            .select_related("person", "cell")
            .order_by("person__search_name", "pk")
        )
        field = self.fields["member"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = scoped(user, Action.VIEW, members)


class SeatEndForm(StyledForm, VersionedFormMixin):
    ends_on = VnDateField(label="Ngày kết thúc")


PART_NAMES = ("thứ nhất", "thứ hai", "thứ ba")
SPLIT_MIN_PARTS = 2


class OrgSplitForm(StyledForm):
    """Split an organization into two or three new ones founded on the same date, under
    the same parent; every active unit directly under it goes to one of them."""

    date = VnDateField(label="Ngày hiệu lực")
    decision_number = _decision_field()

    def __init__(
        self, *args: Any, org: Organization, units: list[Organization], kinds: list[str],
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        labels = dict(OrgKind.choices)
        added: dict[str, forms.Field] = {}
        for i, ordinal in enumerate(PART_NAMES, start=1):
            required = i <= SPLIT_MIN_PARTS
            added[f"name_{i}"] = forms.CharField(
                label=f"Tên tổ chức mới {ordinal}", max_length=255, required=required
            )
            added[f"code_{i}"] = forms.CharField(label="Mã", max_length=32, required=required)
            added[f"kind_{i}"] = forms.ChoiceField(
                label="Loại tổ chức",
                choices=[(k, labels[k]) for k in kinds],
                initial=org.kind if org.kind in kinds else None,
                required=required,
            )
        choices = [("", "– Chọn –")] + [
            (str(i), f"Tổ chức mới {ordinal}") for i, ordinal in enumerate(PART_NAMES, start=1)
        ]
        self.units = units
        for unit in units:
            added[f"unit_{unit.pk}"] = forms.ChoiceField(label=unit.name, choices=choices)
        self.style_fields(added.values())
        for name, field in added.items():
            if name.startswith("unit_"):
                field.error_messages["required"] = "Chọn tổ chức mới nhận đơn vị này."
        self.fields.update(added)

    def unit_fields(self) -> list[tuple[Organization, forms.BoundField]]:
        return [(unit, self[f"unit_{unit.pk}"]) for unit in self.units]

    def part_fields(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"name_{i}"], self[f"code_{i}"], self[f"kind_{i}"]]
            for i in range(1, len(PART_NAMES) + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = []
        codes: dict[str, int] = {}
        for i in range(1, len(PART_NAMES) + 1):
            name = (data.get(f"name_{i}") or "").strip()
            code = (data.get(f"code_{i}") or "").strip()
            data[f"name_{i}"], data[f"code_{i}"] = name, code
            if i > SPLIT_MIN_PARTS and not (name or code):
                continue
            kind = data.get(f"kind_{i}") or ""
            for field, value in ((f"name_{i}", name), (f"code_{i}", code), (f"kind_{i}", kind)):
                if not value and field not in self.errors:
                    self.add_error(field, REQUIRED)
            if code and code in codes:
                self.add_error(
                    f"code_{i}", f"Trùng mã với tổ chức mới {PART_NAMES[codes[code] - 1]}."
                )
            codes.setdefault(code, i)
            filled.append(i)
        given = dict.fromkeys(filled, 0)
        for unit in self.units:
            part = data.get(f"unit_{unit.pk}")
            if not part:
                continue
            if int(part) not in given:
                self.add_error(
                    f"unit_{unit.pk}", f"Chưa nhập tổ chức mới {PART_NAMES[int(part) - 1]}."
                )
            else:
                given[int(part)] += 1
        if self.units and not self.errors:
            for i, count in given.items():
                if not count:
                    self.add_error(f"name_{i}", "Chưa giao đơn vị trực thuộc nào cho tổ chức này.")
        return data

    def parts(self) -> list[dict[str, Any]]:
        """[{name, code, kind, units}] of the new organizations, in order."""
        data = self.cleaned_data
        out = []
        for i in range(1, len(PART_NAMES) + 1):
            if not data.get(f"name_{i}"):
                continue
            units = [u for u in self.units if data.get(f"unit_{u.pk}") == str(i)]
            out.append(
                {
                    "name": data[f"name_{i}"],
                    "code": data[f"code_{i}"],
                    "kind": data[f"kind_{i}"],
                    "units": units,
                }
            )
        return out
