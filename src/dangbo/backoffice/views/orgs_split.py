"""Splitting an organization (chia tách) into two or three new ones.

The new organizations are founded under the same parent on the split date, the units
directly under the old one are shared out among them (their members follow), and the
old one is dissolved: org_create for each, then org_split, in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from dangbo.backoffice.views.orgs import tree_nodes
from dangbo.backoffice.views.orgs_forms import _detail, _form_page, _managed_org
from dangbo.core.scope import Action, scope_of, scoped
from dangbo.orgs import services
from dangbo.orgs.forms import CHILD_KINDS, OrgSplitForm
from dangbo.orgs.models import CELL_KINDS, Organization

# Keys of org_create's errors -> the fields of part i of the form ("founded_on" is the date).
_PART_FIELDS = {"name": "name_{i}", "code": "code_{i}", "kind": "kind_{i}", "founded_on": "date"}


def _part_errors(exc: ValidationError, i: int) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    errors: dict[str, Any] = {}
    for key, messages in exc.error_dict.items():
        field = _PART_FIELDS.get(key, "__all__").format(i=i)
        errors.setdefault(field, []).extend(messages)
    return ValidationError(errors)


@login_required
def org_split(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    org = _managed_org(request, pk)
    parent = Organization.objects.get_parent(org) if org.depth > 1 else None
    if parent is not None and not scope_of(user).covers_path(Action.MANAGE_ORGS, parent.path):
        raise PermissionDenied(f"Bạn không có quyền thành lập tổ chức trực thuộc {parent.name}.")
    units = list(
        scoped(
            user,
            Action.MANAGE_ORGS,
            Organization.objects.get_children(org).filter(dissolved_on__isnull=True),
        ).order_by("path")
    )
    parent_kind = parent.kind if parent is not None else ""
    kinds = [k for k in CHILD_KINDS.get(parent_kind, []) if k not in CELL_KINDS]
    refuse = ""
    if org.kind in CELL_KINDS:
        refuse = (
            "Chi bộ không chia tách được; hãy thành lập chi bộ mới rồi chuyển sinh hoạt "
            "đảng viên sang."
        )
    elif parent is None or not kinds:
        refuse = "Không thể chia tách tổ chức ở cấp này."
    elif not units:
        refuse = "Tổ chức không còn đơn vị trực thuộc đang hoạt động để chia tách."
    form = OrgSplitForm(request.POST or None, org=org, units=units, kinds=kinds)

    def save(data: dict[str, Any]) -> Organization:
        assert parent is not None
        # One transaction: a refused code or date leaves no new organization behind.
        with transaction.atomic():
            parts = []
            for i, part in enumerate(form.parts(), start=1):
                try:
                    new_org = services.org_create(
                        parent=parent,
                        code=part["code"],
                        name=part["name"],
                        kind=part["kind"],
                        founded_on=data["date"],
                        decision_number=data["decision_number"],
                        acting_user=user,
                    )
                except ValidationError as exc:
                    raise _part_errors(exc, i) from exc
                parts.append((new_org, part["units"]))
            services.org_split(
                org=org,
                parts=parts,
                date=data["date"],
                decision_number=data["decision_number"],
                acting_user=user,
            )
        return parent

    return _form_page(
        request,
        org=org,
        form=form,
        title="Chia tách tổ chức",
        submit="Chia tách",
        danger=True,
        intro=f"{org.name} sẽ giải thể; các tổ chức mới được thành lập trực thuộc "
        f"{parent.name if parent else '–'} và nhận các đơn vị trực thuộc cùng đảng viên.",
        save=save,
        done=_detail,
        template="backoffice/orgs/split.html",
        extra={"unit_rows": _unit_rows(form, units)},
        refuse=refuse,
    )


def _unit_rows(form: OrgSplitForm, units: list[Organization]) -> list[dict[str, Any]]:
    nodes = {node["org"].pk: node for node in tree_nodes(units, show_dissolved=False)}
    return [
        {"org": unit, "count": nodes[unit.pk]["count"], "field": field}
        for unit, field in form.unit_fields()
    ]
