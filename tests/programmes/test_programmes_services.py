"""Documents: numbering per type per term, receiving, links, the issuer block; programmes,
targets, work items and host units' figures through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangbo.accounts.models import AuditAction, AuditEntry
from dangbo.orgs.services import term_create
from dangbo.programmes import services
from dangbo.programmes.models import Direction, DocumentLink, ItemStatus, UnitFigures
from dangbo.programmes.selectors import issuer_of, targets_for

D = dt.date


@pytest.fixture
def terms(tree):
    bloc = tree["bloc"]
    return (
        term_create(org=bloc, name="2015–2020", starts_on=D(2015, 8, 1), ends_on=D(2020, 8, 14)),
        term_create(org=bloc, name="2020–2025", starts_on=D(2020, 8, 14), ends_on=D(2025, 8, 1)),
    )


def _issue(org, doc_type, day, **kw):
    return services.document_issue(org=org, doc_type=doc_type, issued_on=day, subject="Về việc",
                                   **kw)  # fmt: skip


def test_numbers_run_per_type_and_restart_with_the_term(tree, terms):
    bloc = tree["bloc"]
    a = _issue(bloc, "NQ", D(2019, 3, 1))
    b = _issue(bloc, "NQ", D(2020, 1, 9))  # a new year, the same term: the sequence goes on
    c = _issue(bloc, "BC", D(2020, 2, 1))  # another type: its own sequence
    d = _issue(bloc, "NQ", D(2020, 9, 1))  # a new term: back to 01
    e = _issue(bloc, "NQ", D(2021, 8, 18), secrecy="mat")  # secret ones share the sequence
    f = _issue(bloc, "NQ", D(2021, 9, 1))
    assert [x.code for x in (a, b, c, d, e, f)] == [
        "01-NQ/ĐUK", "02-NQ/ĐUK", "01-BC/ĐUK", "01-NQ/ĐUK", "02-NQ/ĐUK", "03-NQ/ĐUK",
    ]  # fmt: skip
    assert d.term == terms[1] and a.term == terms[0]
    # Quy định and quyết định are separate types, both written "QĐ": one sequence.
    assert _issue(bloc, "QĐ", D(2021, 1, 5)).code == "01-QĐ/ĐUK"
    assert _issue(bloc, "QĐi", D(2021, 1, 6)).code == "02-QĐ/ĐUK"
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="document").count() == 8


def test_without_a_term_numbers_run_per_year(tree):
    base = tree["base"]
    assert _issue(base, "KH", D(2021, 1, 5)).code == "01-KH/ĐU"
    assert _issue(base, "KH", D(2021, 6, 5)).code == "02-KH/ĐU"
    assert _issue(base, "KH", D(2022, 1, 5)).code == "01-KH/ĐU"
    assert _issue(tree["base_cell"], "KH", D(2022, 1, 5)).code == "01-KH/CB"


def test_issue_refuses_bad_input_and_writes_nothing(tree):
    with pytest.raises(ValidationError) as exc:
        services.document_issue(org=tree["bloc"], doc_type="NQ", issued_on=D(2021, 1, 1),
                                subject=" ", secrecy="mat", is_public=True)  # fmt: skip
    assert set(exc.value.message_dict) == {"subject", "is_public"}
    assert not AuditEntry.objects.filter(object_type="document").exists()


def test_receive_parses_a_pasted_reference(tree):
    doc = services.document_receive(
        org=tree["bloc"], reference="Kết luận số 01-KL/TW, ngày 18/5/2021",
        issuer_name="Bộ Chính trị", subject="Về tiếp tục thực hiện Chỉ thị 05",
    )  # fmt: skip
    assert (doc.direction, doc.doc_type, doc.number, doc.code, doc.issued_on) == (
        Direction.RECEIVED, "KL", 1, "01-KL/TW", D(2021, 5, 18),
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.document_receive(org=tree["bloc"], reference="Kết luận ngày 18/5", subject="x")
    assert "Không đọc được" in exc.value.message_dict["reference"][0]


def test_links_both_ways_and_no_duplicates(tree):
    nq = services.document_receive(org=tree["bloc"], reference="58-NQ/TW ngày 5/8/2020",
                                   subject="Phát triển tỉnh")  # fmt: skip
    ctr = _issue(tree["bloc"], "CTr", D(2020, 12, 1))
    link = services.document_link(source=ctr, target=nq, kind="implements")
    assert list(nq.links_in.all()) == [link] and list(ctr.links_out.all()) == [link]
    with pytest.raises(ValidationError):
        services.document_link(source=ctr, target=nq, kind="implements")
    with pytest.raises(ValidationError):
        services.document_link(source=ctr, target=ctr, kind="amends")
    assert DocumentLink.objects.count() == 1


def test_issuer_block_from_the_tree_and_the_profile(tree):
    bloc, base, cell = tree["bloc"], tree["base"], tree["cell_a"]
    issuer = issuer_of(bloc, D(2021, 9, 30))
    assert issuer.superior_line == "ĐẢNG BỘ TỈNH"
    assert issuer.body_line == "ĐẢNG ỦY KHỐI"
    assert (issuer.abbreviation, issuer.signature_title) == ("ĐUK", "T/M BAN THƯỜNG VỤ")
    services.issuer_profile_save(org=tree["province"], place="Thanh Hóa",
                                 body_line="Đảng ủy tỉnh Thanh Hóa")  # fmt: skip
    services.issuer_profile_save(org=bloc, body_line="Đảng ủy Khối các Cơ quan và Doanh nghiệp")
    issuer = issuer_of(bloc, D(2021, 9, 30))
    assert issuer.superior_line == "ĐẢNG BỘ TỈNH THANH HÓA"
    assert issuer.body_line == "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP"
    assert issuer.place == "Thanh Hóa"  # inherited
    base_issuer = issuer_of(base, D(2021, 9, 30))
    assert base_issuer.body_line == "ĐẢNG ỦY SỞ TÀI CHÍNH"
    assert (base_issuer.abbreviation, base_issuer.signature_title) == ("ĐU", "T/M ĐẢNG ỦY")
    assert base_issuer.superior_line == "ĐẢNG BỘ KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP"
    cell_issuer = issuer_of(cell, D(2021, 9, 30))
    assert (cell_issuer.body_line, cell_issuer.signature_title) == ("CHI BỘ VĂN PHÒNG",
                                                                    "T/M CHI BỘ")  # fmt: skip


def test_targets_for_picks_overlapping_periods(tree):
    bloc = tree["bloc"]
    kw = {"comparison": "at_least", "value": Decimal(120), "indicator_key": "admission.admitted"}
    y21 = services.target_save(
        org=bloc,
        label="2021",
        period_kind="year",
        period_start=D(2021, 1, 1),
        period_end=D(2021, 12, 31),
        **kw,
    )
    term = services.target_save(
        org=bloc,
        label="NK",
        period_kind="term",
        period_start=D(2020, 8, 14),
        period_end=D(2025, 8, 1),
        **kw,
    )
    services.target_save(
        org=bloc,
        label="2022",
        period_kind="year",
        period_start=D(2022, 1, 1),
        period_end=D(2022, 12, 31),
        **kw,
    )
    below = services.target_save(
        org=tree["base"],
        label="ĐU 2021",
        period_kind="year",
        period_start=D(2021, 1, 1),
        period_end=D(2021, 12, 31),
        **kw,
    )
    period = (D(2021, 1, 1), D(2021, 9, 30))
    assert set(targets_for(bloc, period=period)) == {y21, term}
    assert set(targets_for(bloc, period=period, below=True)) == {y21, term, below}


def test_target_checks(tree):
    with pytest.raises(ValidationError) as exc:
        services.target_save(org=tree["bloc"], label="x", comparison="share", value=Decimal(120),
                             indicator_key="no.such", period_kind="year",
                             period_start=D(2021, 1, 1), period_end=D(2020, 1, 1))  # fmt: skip
    assert {"indicator_key", "value", "period_end", "denominator_key"} <= set(
        exc.value.message_dict
    )


def test_work_item_status_and_figures(tree):
    wp = services.work_programme_save(org=tree["bloc"], year=2021, title="Chương trình công tác")
    item = services.work_item_save(programme=wp, title="Sơ kết 6 tháng", due_on=D(2021, 7, 15))
    assert item.order == 1
    with pytest.raises(ValidationError):
        services.work_item_save(programme=wp, title="x", due_on=D(2021, 7, 1), status="done")
    item = services.work_item_set_status(item=item, status=ItemStatus.DONE, done_on=D(2021, 7, 10))
    assert (item.status, item.done_on) == ("done", D(2021, 7, 10))
    item = services.work_item_set_status(item=item, status=ItemStatus.IN_PROGRESS)
    assert item.done_on is None
    row = services.unit_figures_save(
        org=tree["base_cell"],
        period_start=D(2021, 1, 1),
        period_end=D(2021, 9, 30),
        revenue=Decimal("1200.5"),
        workers=100,
        avg_income=Decimal(9),
        profit=Decimal(-3),
    )
    again = services.unit_figures_save(
        org=tree["base_cell"], period_start=D(2021, 1, 1), period_end=D(2021, 9, 30), workers=120
    )
    assert row.pk == again.pk and UnitFigures.objects.get().workers == 120
    with pytest.raises(ValidationError) as exc:
        services.unit_figures_save(
            org=tree["cell_a"],
            period_start=D(2021, 1, 1),
            period_end=D(2022, 9, 30),
            avg_income=Decimal(5),
        )
    assert {"org", "period_end", "workers"} <= set(exc.value.message_dict)
