"""Bounds on money and counts (docs/SECURITY.md, "Dates and bounds"): a number past what
its column holds is a Vietnamese field error, never a 500; a dues payment far above what is
due needs an explicit confirmation, on the form and in the import."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from dangbo.core.bounds import bound_errors, column_range
from dangbo.core.checks import check_form_bounds, project_forms
from dangbo.dues import importer
from dangbo.dues.models import BasisKind, Channel, DuesMonth
from dangbo.dues.services import dues_basis_set, dues_month_prepare, dues_payment_record

TODAY = timezone.localdate()
MONTH = TODAY.replace(day=1)

NUMBER_FIELDS = [
    (model, f)
    for model in apps.get_models()
    if model.__module__.startswith("dangbo.")
    for f in model._meta.concrete_fields
    if isinstance(f, models.IntegerField | models.DecimalField)
    and not f.primary_key
    and not f.is_relation
]


def test_every_form_number_has_a_maximum():
    assert len(project_forms()) > 50
    assert check_form_bounds() == []


@pytest.mark.parametrize(
    ("model", "field"), NUMBER_FIELDS, ids=[f"{m._meta.label}.{f.name}" for m, f in NUMBER_FIELDS]
)
def test_a_number_past_its_column_is_a_field_error(model, field):
    instance = model()
    if isinstance(field, models.DecimalField):
        too_big = __import__("decimal").Decimal(10) ** (field.max_digits - field.decimal_places)
    else:
        too_big = column_range(field)[1] + 1
    setattr(instance, field.attname, too_big)
    assert "quá lớn" in bound_errors(instance)[field.name]
    setattr(instance, field.attname, 0)
    assert field.name not in bound_errors(instance)


def test_a_positive_integer_column_stops_at_the_postgresql_limit():
    assert column_range(DuesMonth._meta.get_field("amount_paid")) == (0, 2_147_483_647)


@pytest.fixture
def payer(tree, make_member):
    member = make_member(tree["cell_a"], name="Lê Thị Thu")
    dues_basis_set(
        member=member, from_month=dt.date(2025, 1, 1), kind=BasisKind.SALARY, amount=10_000_000
    )
    return member


def _post(client, member, amount, **extra):
    return client.post(
        f"/quan-ly/dang-phi/dang-vien/{member.pk}/dong/",
        {
            "month": f"{MONTH:%m/%Y}",
            "amount_paid": str(amount),
            "paid_on": f"{TODAY:%d/%m/%Y}",
            "channel": "cash",
            **extra,
        },
    )


@pytest.mark.parametrize("amount", [2**31, 10**20, 2**64])
def test_an_over_range_payment_on_the_form_is_a_field_error(client, users, payer, amount):
    client.force_login(users["org_board"])
    response = _post(client, payer, amount)
    assert response.status_code == 200
    assert "quá lớn" in " ".join(response.context["form"].errors["amount_paid"])
    assert not DuesMonth.objects.filter(amount_paid__gt=0).exists()


def test_a_large_payment_needs_the_confirmation_on_the_form(client, users, payer):
    client.force_login(users["org_board"])
    response = _post(client, payer, 100_000_000)  # 1.000 times the 100.000 đ due
    assert response.status_code == 200
    assert "Xác nhận số tiền lớn" in " ".join(response.context["form"].errors["amount_paid"])
    assert not DuesMonth.objects.filter(amount_paid__gt=0).exists()
    response = _post(client, payer, 100_000_000, confirm_large="on")
    assert response.status_code == 302
    assert DuesMonth.objects.get(member=payer).amount_paid == 100_000_000


def test_the_service_refuses_a_large_payment_without_confirmation(payer):
    with pytest.raises(ValidationError) as exc:
        dues_payment_record(
            member=payer, month=MONTH, amount_paid=5_000_000, paid_on=TODAY, channel=Channel.CASH
        )
    assert "lớn hơn 10 lần" in exc.value.message_dict["amount_paid"][0]
    row = dues_payment_record(
        member=payer, month=MONTH, amount_paid=500_000, paid_on=TODAY, channel=Channel.CASH
    )  # five months ahead of a 100.000 đ due: below ten times, no question asked
    assert row.amount_paid == 500_000


def _workbook(rows):
    book = openpyxl.Workbook()
    book.active.append(importer.HEADINGS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("dang-phi.xlsx", buffer.getvalue())


def test_the_import_needs_the_confirmation_column_and_bounds_the_amount(client, users, payer, tree):
    dues_month_prepare(org=tree["bloc"], month=MONTH)
    client.force_login(users["org_board"])
    row = [1, payer.pk, "", "", "", f"{MONTH:%m/%Y}", "", "", "", 10**20, TODAY, "", "", "", ""]
    url = "/quan-ly/dang-phi/nhap/"
    errors = client.post(url, {"file": _workbook([row])}).context["plan"].errors
    assert len(errors) == 1 and errors[0].startswith("Dòng 2, cột J:") and "quá lớn" in errors[0]
    row[9] = 100_000_000
    errors = client.post(url, {"file": _workbook([row])}).context["plan"].errors
    assert len(errors) == 1 and errors[0].startswith("Dòng 2, cột J:")
    assert "Xác nhận số tiền lớn" in errors[0]
    row[14] = "x"
    preview = client.post(url, {"file": _workbook([row])})
    assert preview.context["plan"].errors == []
    client.post(url, {"confirm": preview.context["token"]})
    assert DuesMonth.objects.get(member=payer).amount_paid == 100_000_000
