"""System checks of the core app: every number a form accepts has a maximum (docs/SECURITY.md,
"Dates and bounds"), so an over-range value is a field error, never a 500."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from django import forms
from django.apps import apps
from django.core.checks import Error


def _form_modules() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("dangbo."):
            continue
        module = importlib.import_module(config.name)
        for info in pkgutil.walk_packages(module.__path__, config.name + "."):
            if "forms" in info.name.rsplit(".", 1)[-1] and "tests" not in info.name:
                importlib.import_module(info.name)


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found.add(sub)
        found |= _subclasses(sub)
    return found


def project_forms() -> list[type[forms.BaseForm]]:
    _form_modules()
    return sorted(
        (c for c in _subclasses(forms.BaseForm) if c.__module__.startswith("dangbo.")),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


def unbounded_fields(form_class: type[forms.BaseForm]) -> list[str]:
    """Names of the number fields of `form_class` with no maximum."""
    names = []
    for name, field in getattr(form_class, "base_fields", {}).items():
        if isinstance(field, forms.IntegerField) and field.max_value is None:
            names.append(name)
        elif isinstance(field, forms.DecimalField) and field.max_digits is None:
            names.append(name)
    return names


def check_form_bounds(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    return [
        Error(
            f"{c.__module__}.{c.__qualname__}.{name}: a number field without max_value "
            "(max_digits); set it or call dangbo.core.bounds.bound_form_class.",
            id="dangbo.E141",
        )
        for c in project_forms()
        for name in unbounded_fields(c)
    ]
