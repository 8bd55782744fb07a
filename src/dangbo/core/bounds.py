"""Bounds on numbers (docs/SECURITY.md, "Dates and bounds"): no value past what its column
holds reaches the database as a 500.

The limits are the portable ones (PostgreSQL's, which SQLite would silently exceed):
`column_range` gives them for a model field, `check_bounds` checks an instance before a
service saves it, and the system check `dangbo.E141` (core/checks.py) refuses a form number
field without a maximum, so a web form answers with a field error long before the service.
"""

from __future__ import annotations

import decimal
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

from dangbo.core.text import format_number

RANGES: dict[str, tuple[int, int]] = BaseDatabaseOperations.integer_field_ranges
INT_MAX = RANGES["IntegerField"][1]


def column_range(field: models.Field[Any, Any]) -> tuple[int, int] | None:
    """The smallest and largest integer `field`'s column holds on every supported database."""
    if isinstance(field, models.IntegerField):
        return RANGES.get(field.get_internal_type())
    return None


def number_error(value: Any, field: models.Field[Any, Any]) -> str:
    """The Vietnamese reason `value` does not fit `field`'s column, or ""."""
    if value is None or isinstance(value, bool):
        return ""
    bounds = column_range(field)
    if bounds is not None and isinstance(value, int):
        low, high = bounds
        if value < low:
            return f"Giá trị {format_number(value)} quá nhỏ: nhỏ nhất là {format_number(low)}."
        if value > high:
            return f"Giá trị {format_number(value)} quá lớn: lớn nhất là {format_number(high)}."
    if isinstance(field, models.DecimalField) and isinstance(value, decimal.Decimal | int):
        number = decimal.Decimal(value)
        if not number.is_finite():
            return "Giá trị không phải là số."
        whole = field.max_digits - field.decimal_places
        limit = decimal.Decimal(10) ** whole
        if abs(number) >= limit:
            return (
                f"Giá trị {number} quá lớn: phần nguyên có tối đa {whole} chữ số "
                f"(nhỏ hơn {format_number(int(limit))})."
            )
    return ""


def bound_errors(instance: models.Model) -> dict[str, str]:
    errors: dict[str, str] = {}
    for f in instance._meta.concrete_fields:
        if isinstance(f, models.IntegerField | models.DecimalField) and not f.primary_key:
            if f.is_relation:
                continue
            message = number_error(getattr(instance, f.attname), f)
            if message:
                errors[f.name] = message
    return errors


def check_bounds(instance: models.Model) -> None:
    """Raise ValidationError({field: "…"}) for every number of `instance` past its column."""
    errors = bound_errors(instance)
    if errors:
        raise ValidationError(errors)


def _max_validator(limit: int) -> validators.MaxValueValidator:
    return validators.MaxValueValidator(
        limit, message=f"Giá trị quá lớn: lớn nhất là {format_number(limit)}."
    )


def _min_validator(limit: int) -> validators.MinValueValidator:
    return validators.MinValueValidator(
        limit, message=f"Giá trị quá nhỏ: nhỏ nhất là {format_number(limit)}."
    )


def bound_form_class(form_class: type[forms.BaseForm]) -> None:
    """Give every number field of `form_class` without a maximum the limits of its column
    (the model field's for a model form, a 32-bit integer or 18 digits otherwise). Run
    once for every form of the project at start-up (core/apps.py)."""
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    for name, field in getattr(form_class, "base_fields", {}).items():
        column: Any = None
        if model is not None:
            try:
                column = model._meta.get_field(name)
            except FieldDoesNotExist:
                column = None
        if isinstance(field, forms.IntegerField) and field.max_value is None:
            low, high = column_range(column) or RANGES["IntegerField"]
            field.max_value = high
            field.validators.append(_max_validator(high))
            field.widget.attrs.setdefault("max", str(high))
            if field.min_value is None:
                field.min_value = low
                field.validators.append(_min_validator(low))
        elif isinstance(field, forms.DecimalField) and field.max_digits is None:
            digits = getattr(column, "max_digits", None) or 18
            places = getattr(column, "decimal_places", None)
            field.max_digits = digits
            field.validators.append(validators.DecimalValidator(digits, places))
