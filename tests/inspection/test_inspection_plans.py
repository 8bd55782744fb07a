"""Plans and items: services (one plan per body and year, subjects in the body's reach,
progress and conclusion), the figures, and the pages (list, detail with history and an
audit VIEW, form errors next to the fields, export, 403/404)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangbo.accounts.models import AuditEntry, Role
from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.inspection import services
from dangbo.inspection.models import InspectionItem, ItemStatus

TODAY = dt.date(2021, 12, 31)


@pytest.fixture
def plan(tree):
    return services.plan_create(org=tree["bloc"], body="executive", year=2021,
                                title="Chương trình kiểm tra, giám sát năm 2021")  # fmt: skip


def _item(plan, org, quarter, **over):
    values = dict(plan=plan, kind="regular_supervision", subject_org=org,  # noqa: C408
                  content="Giám sát thực hiện quy chế", planned_quarter=quarter)  # fmt: skip
    values.update(over)
    return services.item_create(**values)


def test_one_plan_per_body_and_year_and_bodies_fit_the_organization(tree, plan):
    with pytest.raises(ValidationError) as exc:
        services.plan_create(org=tree["bloc"], body="executive", year=2021, title="Lần hai")
    assert "đã có kế hoạch" in exc.value.message_dict["year"][0]
    with pytest.raises(ValidationError) as exc:
        services.plan_create(org=tree["cell_a"], body="inspection", year=2021, title="X")
    assert "body" in exc.value.message_dict
    services.plan_create(org=tree["cell_a"], body="cell", year=2021, title="Chi bộ giám sát")


def test_subjects_must_be_under_the_body(tree, plan, make_member):
    with pytest.raises(ValidationError) as exc:
        _item(plan, tree["province"], 1)
    assert "không thuộc phạm vi" in exc.value.message_dict["subject_org"][0]
    own = services.plan_create(org=tree["base"], body="inspection", year=2021, title="UBKT")
    with pytest.raises(ValidationError):
        _item(own, tree["base_cell"], 1)
    member = make_member(tree["cell_a"])
    item = _item(own, None, None, subject_member=member, kind="signs_of_violation",
                 unplanned=True, decided_on=dt.date(2021, 6, 1))  # fmt: skip
    assert item.ref_date == dt.date(2021, 6, 1) and item.unplanned


def test_progress_and_conclusion(tree, plan):
    item = _item(plan, tree["base"], 2)
    services.item_progress(item=item, status="in_progress", started_on=dt.date(2021, 4, 5),
                           today=TODAY)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.item_conclude(item=item, started_on=dt.date(2021, 4, 5), ended_on=None,
                               conclusion="", today=TODAY)  # fmt: skip
    assert {"ended_on", "conclusion"} <= set(exc.value.message_dict)
    services.item_conclude(item=item, started_on=dt.date(2021, 4, 5),
                           ended_on=dt.date(2021, 6, 20), conclusion="Thực hiện tốt",
                           today=TODAY)  # fmt: skip
    item.refresh_from_db()
    assert item.status == ItemStatus.DONE and item.on_time
    with pytest.raises(ValidationError):
        services.item_progress(item=item, status="cancelled", cancel_reason="x", today=TODAY)


def _figures(tree, start, end):
    context = Context(scope=tree["bloc"], at=end, period=(start, end))
    return {k: registry.value(k, context) for k in (
        "inspection.planned", "inspection.done", "inspection.done_on_time",
        "inspection.done_rate", "inspection.orgs_covered", "inspection.by_body",
        "inspection.unplanned")}  # fmt: skip


def test_the_executive_committees_completion_is_counted_by_planned_quarter(tree, plan):
    done_in_time = _item(plan, tree["base"], 1)
    done_late = _item(plan, tree["base_cell"], 2)
    _item(plan, tree["cell_a"], 3)  # not done
    _item(plan, tree["cell_b"], 4)  # Q4: outside a nine-month period
    for item, ended in ((done_in_time, dt.date(2021, 3, 20)), (done_late, dt.date(2021, 7, 10))):
        services.item_conclude(item=item, started_on=ended - dt.timedelta(days=10),
                               ended_on=ended, conclusion="Xong", today=TODAY)  # fmt: skip
    ubkt = services.plan_create(org=tree["base"], body="inspection", year=2021, title="UBKT")
    _item(ubkt, tree["cell_a"], 2)
    _item(ubkt, tree["cell_b"], 4)
    values = _figures(tree, dt.date(2021, 1, 1), dt.date(2021, 9, 30))
    assert values["inspection.planned"] == 3
    assert values["inspection.done"] == 2
    assert values["inspection.done_on_time"] == 1
    assert values["inspection.done_rate"] == 66.67
    assert values["inspection.orgs_covered"] == 3  # base, base_cell, cell_a
    assert values["inspection.by_body"] == {
        "Ban Chấp hành – cấp trên cơ sở": 3, "Ủy ban Kiểm tra – cơ sở": 1,
    }  # fmt: skip
    before_done = _figures(tree, dt.date(2021, 1, 1), dt.date(2021, 6, 30))
    assert before_done["inspection.done"] == 1  # the late one ended after 30/6


def test_pages(client, tree, users, user_with, plan, monkeypatch):
    from dangbo.inspection.views import plans as plan_views

    monkeypatch.setattr(plan_views, "today", lambda: dt.date(2021, 10, 1))
    item = _item(plan, tree["base"], 2, content="Giám sát Sở Tài chính")
    client.force_login(users["inspection"])
    assert "Chương trình kiểm tra" in client.get(reverse("inspection:home")).content.decode()
    listing = client.get(reverse("inspection:plan_list"), {"q": "chuong trinh kiem tra"})
    assert "Chương trình kiểm tra" in listing.content.decode()
    detail = client.get(reverse("inspection:item_detail", args=[item.pk]))
    assert detail.status_code == 200 and "Lịch sử thay đổi" in detail.content.decode()
    assert AuditEntry.objects.filter(object_type="inspection_item", action="view").count() == 1
    found = client.get(reverse("inspection:item_list"), {"q": "so tai chinh"}).content.decode()
    assert "Giám sát thường xuyên" in found
    export = client.get(reverse("inspection:item_export"))
    book = openpyxl.load_workbook(io.BytesIO(export.content), read_only=True)
    assert any("Giám sát Sở Tài chính" == v for r in book.active.iter_rows(values_only=True)
               for v in r)  # fmt: skip
    # A signs-of-violation inspection in a quarter: the message shows next to the field.
    response = client.post(reverse("inspection:item_create", args=[plan.pk]), {
        "kind": "signs_of_violation", "subject_org": tree["base"].pk,
        "content": "Kiểm tra dấu hiệu", "planned_quarter": "2",
    })  # fmt: skip
    assert response.status_code == 200
    assert 'data-field="unplanned"' in response.content.decode()
    response = client.post(reverse("inspection:item_create", args=[plan.pk]), {
        "kind": "signs_of_violation", "subject_org": tree["base"].pk,
        "content": "Kiểm tra dấu hiệu", "unplanned": "on", "decided_on": "12/05/2021",
    })  # fmt: skip
    assert response.status_code == 302 and InspectionItem.objects.count() == 2
    client.force_login(users["bloc_office"])
    assert client.get(reverse("inspection:item_conclude", args=[item.pk])).status_code == 403
    client.force_login(user_with(Role.INSPECTION, tree["base_cell"]))
    assert client.get(reverse("inspection:plan_detail", args=[plan.pk])).status_code == 404
