"""Indicators of the programmes app computed from records, and targets evaluated on them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.orgs.models import OrgKind, Sector
from dangbo.orgs.services import org_create
from dangbo.programmes import services
from dangbo.programmes.targets import evaluate

D = dt.date
NINE = (D(2021, 1, 1), D(2021, 9, 30))


def _ctx(org, period=NINE, at=None):
    return Context(scope=org, at=at or period[1], period=period)


@pytest.fixture
def units(tree):
    bloc = tree["bloc"]
    private = org_create(parent=bloc, code="K-03", name="Chi bộ Công ty May",
                         founded_on=D(2021, 3, 2),
                         kind=OrgKind.BASE_CELL, sector=Sector.PRIVATE_ENTERPRISE)  # fmt: skip
    figures = [
        # (org, start, end, revenue, workers, income, profit, completed)
        (tree["base_cell"], D(2021, 1, 1), D(2021, 9, 30), "3000", 2000, "11", "50", None),
        (private, D(2021, 3, 1), D(2021, 9, 30), "1262", 931, "7.85", "-20", None),
        (tree["base_cell"], D(2020, 1, 1), D(2020, 12, 31), "3900", 1900, "10", "70", None),
        (tree["base_cell"], D(2021, 1, 1), D(2021, 12, 31), "4100", 2050, "11", "80", None),
        (tree["base"], D(2021, 1, 1), D(2021, 9, 30), None, None, None, None, True),
    ]
    for org, start, end, revenue, workers, income, profit, completed in figures:
        services.unit_figures_save(
            org=org, period_start=start, period_end=end,
            revenue=Decimal(revenue) if revenue else None, workers=workers,
            avg_income=Decimal(income) if income else None,
            profit=Decimal(profit) if profit else None, task_completed=completed,
        )  # fmt: skip
    return private


def test_unit_figures_of_the_nine_months(tree, units):
    ctx = _ctx(tree["bloc"])
    assert registry.value("units.revenue", ctx) == 4.3  # 4.262 tỉ rounded to one decimal
    assert registry.value("units.workers", ctx) == 2931
    # (3000*... ) weighted: (11*2000 + 7.85*931) / 2931 = 10.0
    assert registry.value("units.avg_income", ctx) == 10.0
    assert registry.value("units.profitable", ctx) == 1
    assert registry.value("units.profitable_rate", ctx) == 50.0
    assert registry.value("units.task_completed", ctx) == 1
    assert registry.value("units.task_completed_rate", ctx) == 100.0
    assert registry.value("units.new_base_private", ctx) == 1
    assert registry.value("units.new_base_fdi", ctx) == 0
    # The whole year 2021 reads the yearly row of the state enterprise and, lacking one,
    # the private one's nine months.
    year = _ctx(tree["bloc"], (D(2021, 1, 1), D(2021, 12, 31)))
    assert registry.value("units.workers", year) == 2050 + 931
    records = registry.compute("units.workers", year).records
    assert {(r.org_id, r.period_end) for r in records} == {
        (tree["base_cell"].pk, D(2021, 12, 31)), (units.pk, D(2021, 9, 30)),
    }  # fmt: skip
    # A base committee's scope sees only its own unit.
    assert registry.value("units.workers", _ctx(tree["base"])) == 0


def test_work_items_done_by_the_date(tree):
    wp = services.work_programme_save(org=tree["bloc"], year=2021, title="CTCT 2021")
    for i in range(5):
        item = services.work_item_save(programme=wp, title=f"Việc {i}", due_on=D(2021, 3 + i, 1))
        if i < 3:
            services.work_item_set_status(item=item, status="done", done_on=D(2021, 3 + 4 * i, 1))
    ctx = _ctx(tree["bloc"])
    assert registry.value("work_items.total", ctx) == 5
    assert registry.value("work_items.done", ctx) == 2  # the third is done on 01/11/2021
    assert registry.value("work_items.done", _ctx(tree["bloc"], at=D(2021, 12, 31))) == 3
    assert registry.value("work_items.total", _ctx(tree["base"])) == 0


def test_documents_and_programmes_figures(tree):
    bloc, base, cell = tree["bloc"], tree["base"], tree["base_cell"]
    nq = services.document_issue(org=bloc, doc_type="NQ", issued_on=D(2021, 8, 18), subject="NQ")
    services.document_issue(org=base, doc_type="KH", issued_on=D(2021, 9, 1), subject="KH")
    services.document_receive(org=bloc, reference="01-KL/TW ngày 18/5/2021", subject="KL")
    services.programme_save(org=bloc, title="CTHĐ của Đảng ủy Khối", issued_on=D(2021, 1, 5),
                            year_from=2021, year_to=2025, documents=[nq])  # fmt: skip
    services.programme_save(org=base, title="CTHĐ của Đảng ủy Sở", issued_on=D(2021, 9, 10),
                            year_from=2021, year_to=2025, documents=[nq])  # fmt: skip
    services.programme_save(
        org=cell, title="CTHĐ khác", issued_on=D(2021, 9, 10), year_from=2021, year_to=2025
    )  # implements nothing of the bloc's
    ctx = _ctx(bloc)
    assert registry.value("documents.issued", ctx) == 2
    assert registry.value("documents.by_type", ctx) == {"Kế hoạch": 1, "Nghị quyết": 1}
    assert registry.value("programmes.count", ctx) == 3
    assert registry.value("programmes.base_with_programme", ctx) == 1
    assert registry.value("programmes.base_with_programme", _ctx(bloc, at=D(2021, 9, 1))) == 0
    share = services.target_save(
        org=bloc, label="100% cấp ủy cơ sở ban hành chương trình hành động", comparison="share",
        value=Decimal(100), indicator_key="programmes.base_with_programme",
        denominator_key="orgs.base", period_kind="term", period_start=D(2020, 8, 14),
        period_end=D(2025, 8, 1),
    )  # fmt: skip
    progress = evaluate(share, at=D(2021, 9, 30))
    assert (progress.actual, progress.text, progress.status) == (50.0, "50% / 100%", "at_risk")


def test_evaluate_a_count_target_with_projection(tree):
    bloc = tree["bloc"]
    for day in (D(2021, 2, 1), D(2021, 3, 1), D(2021, 6, 1)):
        services.document_issue(org=bloc, doc_type="TB", issued_on=day, subject="TB")
    target = services.target_save(
        org=bloc, label="Ít nhất 4 thông báo", comparison="at_least", value=Decimal(4),
        indicator_key="documents.issued", period_kind="year", period_start=D(2021, 1, 1),
        period_end=D(2021, 12, 31),
    )  # fmt: skip
    mid = evaluate(target, at=D(2021, 6, 30))
    assert (mid.actual, mid.text, mid.share) == (3.0, "3/4 (75%)", 75.0)
    assert mid.projection == round(3 * 365 / 181, 2) and mid.status == "on_track"
    assert mid.records_url.startswith("/quan-ly/") and "documents.issued" in mid.records_url
    late = evaluate(target, at=D(2021, 12, 31))
    assert (late.status, late.status_label, late.projection) == ("missed", "Không đạt", 3.0)
    slow = evaluate(target, at=D(2021, 2, 1))  # 1 in 32 days: 11 projected, on track
    assert slow.status == "on_track"
    at_most = services.target_save(
        org=bloc, label="Không quá 2", comparison="at_most", value=Decimal(2),
        indicator_key="documents.issued", period_kind="year", period_start=D(2021, 1, 1),
        period_end=D(2021, 12, 31),
    )  # fmt: skip
    # 2 by 1 March (60 days) projects 12,17 by the year's end: a warning before the ceiling.
    early = evaluate(at_most, at=D(2021, 3, 1))
    assert (early.status, early.projection) == ("at_risk", round(2 * 365 / 60, 2))
    assert evaluate(at_most, at=D(2021, 6, 30)).status == "missed"
    loose = services.target_save(
        org=bloc, label="Không quá 20", comparison="at_most", value=Decimal(20),
        indicator_key="documents.issued", period_kind="year", period_start=D(2021, 1, 1),
        period_end=D(2021, 12, 31),
    )  # fmt: skip
    assert evaluate(loose, at=D(2021, 3, 1)).status == "on_track"
    assert evaluate(loose, at=D(2021, 12, 31)).status == "reached"
    before = evaluate(target, at=D(2020, 12, 1))
    assert (before.actual, before.status) == (None, "unknown")


def test_a_manual_target_is_marked_with_who_and_when(tree, users):
    target = services.target_save(
        org=tree["bloc"], label="Phát triển 1 tổ chức đảng trong doanh nghiệp FDI",
        comparison="at_least", value=Decimal(1), period_kind="term",
        period_start=D(2020, 8, 14), period_end=D(2025, 8, 1),
    )  # fmt: skip
    assert evaluate(target, at=D(2021, 9, 30)).status == "unknown"
    user = users["bloc_office"]
    services.target_enter_value(target=target, at=D(2021, 6, 30), value=Decimal(0), user=user)
    services.target_enter_value(target=target, at=D(2022, 6, 30), value=Decimal(1), user=user)
    p = evaluate(target, at=D(2021, 9, 30))
    assert (p.actual, p.manual, p.entered_by, p.text) == (0.0, True, user, "0/1 (0%) (nhập tay)")
    assert p.entered_at is not None and p.records_url == ""
    assert evaluate(target, at=D(2022, 9, 30)).status == "reached"
    measured = services.target_save(
        org=tree["bloc"], label="x", comparison="at_least", value=Decimal(1), period_kind="year",
        indicator_key="documents.issued", period_start=D(2021, 1, 1), period_end=D(2021, 12, 31),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.target_enter_value(target=measured, at=D(2021, 6, 30), value=Decimal(1))


def test_texts_drop_trailing_zeros(tree):
    bloc = tree["bloc"]
    for day in (D(2021, 2, 1), D(2021, 3, 1), D(2021, 6, 1)):
        services.document_issue(org=bloc, doc_type="TB", issued_on=day, subject="TB")
    half = services.target_save(
        org=bloc, label="8 thông báo", comparison="at_least", value=Decimal(8),
        indicator_key="documents.issued", period_kind="year", period_start=D(2021, 1, 1),
        period_end=D(2021, 12, 31),
    )  # fmt: skip
    assert evaluate(half, at=D(2021, 12, 31)).text == "3/8 (37,5%)"
    share = services.target_save(
        org=bloc, label="Tỉ lệ", comparison="share", value=Decimal(90), period_kind="year",
        period_start=D(2021, 1, 1), period_end=D(2021, 12, 31),
    )  # fmt: skip
    services.target_enter_value(target=share, at=D(2021, 6, 30), value=Decimal("91.30"))
    assert evaluate(share, at=D(2021, 6, 30)).text == "91,3% / 90% (nhập tay)"
