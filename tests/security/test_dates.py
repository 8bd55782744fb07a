"""One date rule for the whole system (docs/SECURITY.md, "Dates and bounds"): no record in
the future unless it may be planned, no Party event before 03/02/1930, sane birth dates;
the same refusal through a form, an import and the API."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dangbo.accounts.models import Role, RoleAssignment
from dangbo.core.dates import (
    FIELD_KINDS,
    PARTY_FOUNDED,
    DateKind,
    check_record_date,
    date_errors,
    date_fields,
    field_kind,
)
from dangbo.dues import importer
from dangbo.dues.models import BasisKind, DuesMonth
from dangbo.dues.services import dues_basis_set, dues_month_prepare
from dangbo.members.models import MembershipEvent

TODAY = timezone.localdate()
TOMORROW = TODAY + dt.timedelta(days=1)
BEFORE_PARTY = PARTY_FOUNDED - dt.timedelta(days=1)


def _project_date_fields():
    return [
        (model, f)
        for model in apps.get_models()
        if model.__module__.startswith("dangbo.")
        for f in date_fields(model)
    ]


def _ids(pairs):
    return [f"{m._meta.label}.{f.name}" for m, f in pairs]


FIELDS = _project_date_fields()
BY_KIND = {kind: [(m, f) for m, f in FIELDS if field_kind(m, f.name) == kind] for kind in DateKind}


def test_every_date_column_is_classified():
    """A new date column must say whether it is a record, a plan, a birth date or a stamp."""
    missing = [
        f"{m._meta.label}.{f.name}"
        for m, f in FIELDS
        if f.name not in FIELD_KINDS.get(m._meta.label, {})
    ]
    assert missing == []
    assert len(BY_KIND[DateKind.EVENT]) > 60 and len(BY_KIND[DateKind.PLANNED]) > 20


def _errors(model, field, value):
    instance = model()
    setattr(instance, field.attname, value)
    return date_errors(instance, only=[field.name], today=TODAY)


def _as_value(field, day):
    if field.get_internal_type() == "DateTimeField":
        return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    return day


@pytest.mark.parametrize(
    ("model", "field"), BY_KIND[DateKind.EVENT], ids=_ids(BY_KIND[DateKind.EVENT])
)
def test_a_record_date_is_not_in_the_future_nor_before_the_party(model, field):
    assert "chưa đến" in _errors(model, field, _as_value(field, TOMORROW))[field.name]
    assert _errors(model, field, _as_value(field, TODAY)) == {}
    assert "thành lập Đảng" in _errors(model, field, _as_value(field, BEFORE_PARTY))[field.name]
    assert _errors(model, field, _as_value(field, PARTY_FOUNDED)) == {}


@pytest.mark.parametrize(
    ("model", "field"), BY_KIND[DateKind.PLANNED], ids=_ids(BY_KIND[DateKind.PLANNED])
)
def test_a_plannable_date_may_be_in_the_future(model, field):
    assert _errors(model, field, _as_value(field, TODAY + dt.timedelta(days=400))) == {}
    assert "thành lập Đảng" in _errors(model, field, _as_value(field, BEFORE_PARTY))[field.name]
    assert "2100" in _errors(model, field, _as_value(field, dt.date(2101, 1, 1)))[field.name]


@pytest.mark.parametrize(
    ("model", "field"), BY_KIND[DateKind.CIVIL], ids=_ids(BY_KIND[DateKind.CIVIL])
)
def test_a_civil_date_is_past_but_may_precede_the_party(model, field):
    assert "chưa đến" in _errors(model, field, TOMORROW)[field.name]
    assert _errors(model, field, dt.date(1925, 1, 1)) == {}
    assert "1900" in _errors(model, field, dt.date(1899, 12, 31))[field.name]


@pytest.mark.parametrize(
    ("model", "field"), BY_KIND[DateKind.BIRTH], ids=_ids(BY_KIND[DateKind.BIRTH])
)
def test_a_birth_date_lies_between_1900_and_today(model, field):
    assert field.name in _errors(model, field, TOMORROW)
    assert field.name in _errors(model, field, dt.date(1899, 12, 31))
    assert _errors(model, field, dt.date(1920, 5, 19)) == {}


def test_the_helper_speaks_vietnamese_on_the_field():
    with pytest.raises(ValidationError) as exc:
        check_record_date(TOMORROW, field="decided_on", label="ngày quyết định")
    assert exc.value.message_dict["decided_on"][0].startswith("Ngày quyết định")
    check_record_date(TOMORROW, field="due_on", plannable=True)  # a deadline
    check_record_date(dt.date(1925, 1, 1), field="recruited_on", party_event=False)


@pytest.fixture
def payer(tree, make_member):
    member = make_member(tree["cell_a"], name="Lê Thị Thu")
    dues_basis_set(
        member=member, from_month=dt.date(2025, 1, 1), kind=BasisKind.SALARY, amount=10_000_000
    )
    return member


def test_a_form_refuses_a_payment_dated_tomorrow(client, users, payer):
    client.force_login(users["org_board"])
    url = f"/quan-ly/dang-phi/dang-vien/{payer.pk}/dong/"
    data = {"month": f"{TODAY:%m/%Y}", "amount_paid": "100000", "channel": "cash"}
    response = client.post(url, {**data, "paid_on": f"{TOMORROW:%d/%m/%Y}"})
    assert response.status_code == 200
    assert "chưa đến" in " ".join(response.context["form"].errors["paid_on"])
    assert not DuesMonth.objects.filter(member=payer, amount_paid__gt=0).exists()
    response = client.post(url, {**data, "paid_on": f"{TODAY:%d/%m/%Y}"})
    assert response.status_code == 302
    assert DuesMonth.objects.get(member=payer, amount_paid=100_000).paid_on == TODAY


def _workbook(rows):
    book = openpyxl.Workbook()
    book.active.append(importer.HEADINGS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("dang-phi.xlsx", buffer.getvalue())


def test_an_import_reports_a_future_or_prehistoric_date_on_its_row_and_cell(
    client, users, payer, tree
):
    month = TODAY.replace(day=1)
    dues_month_prepare(org=tree["bloc"], month=month)
    client.force_login(users["org_board"])
    shown = f"{month:%m/%Y}"
    rows = [
        [1, payer.pk, "", "", "", shown, "", "", "", 100000, f"{TOMORROW:%d/%m/%Y}", ""],
    ]
    errors = (
        client.post("/quan-ly/dang-phi/nhap/", {"file": _workbook(rows)}).context["plan"].errors
    )
    assert len(errors) == 1 and errors[0].startswith("Dòng 2, cột K: Ngày đóng")
    assert "chưa đến" in errors[0]
    rows[0][10] = "01/01/1929"
    errors = (
        client.post("/quan-ly/dang-phi/nhap/", {"file": _workbook(rows)}).context["plan"].errors
    )
    assert errors[0].startswith("Dòng 2, cột K:") and "thành lập Đảng" in errors[0]
    assert not DuesMonth.objects.filter(amount_paid__gt=0).exists()


def test_the_api_answers_422_for_an_event_in_the_future(tree, make_member):
    member = make_member(tree["cell_a"])
    user = get_user_model().objects.create_user(username="api_dates", password="x")
    RoleAssignment.objects.create(user=user, role=Role.BASE_SECRETARY, organization=tree["base"])
    from django.test import Client

    api = Client()
    api.force_login(user)
    before = MembershipEvent.objects.count()
    for day, words in ((TOMORROW, "chưa đến"), (BEFORE_PARTY, "thành lập Đảng")):
        response = api.post(
            f"/api/members/{member.pk}/events",
            {"kind": "recognized", "date": day.isoformat()},
            content_type="application/json",
        )
        assert response.status_code == 422
        assert words in response.json()["errors"]["date"][0]
    assert MembershipEvent.objects.count() == before
