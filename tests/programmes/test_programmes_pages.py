"""The programmes pages: lists, forms, exports, the secret document refused, the pasted
reference, the quick status change, the .xlsx import."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dangbo.accounts.models import AuditAction, AuditEntry, Role
from dangbo.programmes import importer, services
from dangbo.programmes.models import Document, ItemStatus, TargetManualValue, UnitFigures

D = dt.date


@pytest.fixture
def writer(client, tree, user_with):
    user = user_with(Role.ORG_BOARD, tree["bloc"])
    client.force_login(user)
    return user


@pytest.fixture
def docs(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bloc = tree["bloc"]
    public = services.document_issue(
        org=bloc,
        doc_type="NQ",
        issued_on=D(2021, 8, 18),
        subject="Phát triển đảng viên",
        file=ContentFile(b"NQ", "nq.txt"),
    )
    secret = services.document_issue(
        org=bloc,
        doc_type="BC",
        issued_on=D(2021, 9, 1),
        subject="Tình hình nội bộ",
        secrecy="mat",
        file=ContentFile(b"BC", "bc.txt"),
    )
    other = services.document_issue(
        org=tree["base"], doc_type="KH", issued_on=D(2021, 9, 2), subject="Kế hoạch của Đảng ủy Sở"
    )
    return public, secret, other


def test_the_register_searches_without_diacritics_and_filters(client, writer, docs):
    url = reverse("programmes:document_list")
    page = client.get(url, {"q": "phat trien dang vien"}).content.decode()
    assert "05-NQ" not in page and "01-NQ/ĐUK" in page and "01-BC/ĐUK" not in page
    page = client.get(url, {"doc_type": "BC"}).content.decode()
    assert "01-BC/ĐUK" in page and "01-NQ/ĐUK" not in page
    page = client.get(url).content.decode()
    assert 'id="secret-note"' in page  # the list says secret rows will not be exported


def test_a_base_secretary_sees_only_the_base_documents(client, tree, user_with, docs):
    client.force_login(user_with(Role.BASE_SECRETARY, tree["base"]))
    page = client.get(reverse("programmes:document_list")).content.decode()
    assert "01-KH/ĐU" in page and "01-NQ/ĐUK" not in page
    assert client.get(reverse("programmes:document_detail", args=[docs[0].pk])).status_code == 404


def test_export_leaves_out_secret_documents_and_says_so(client, writer, docs):
    response = client.get(reverse("programmes:document_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "01-NQ/ĐUK" in codes and "01-BC/ĐUK" not in codes
    refused = AuditEntry.objects.get(action=AuditAction.REFUSED, object_type="document")
    assert "1 văn bản mật" in refused.description
    export = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="document")
    assert "bỏ qua 1 văn bản mật" in export.description


def test_a_secret_file_is_refused_with_the_message_and_an_audit_row(client, writer, docs):
    public, secret, _ = docs
    ok = client.get(reverse("programmes:document_file", args=[public.pk]))
    assert ok.status_code == 200 and b"".join(ok.streaming_content) == b"NQ"
    refused = client.get(reverse("programmes:document_file", args=[secret.pk]))
    assert refused.status_code == 403
    assert "độ mật “Mật”" in refused.content.decode()
    row = AuditEntry.objects.get(action=AuditAction.REFUSED, object_id=str(secret.pk))
    assert row.user == writer
    detail = client.get(reverse("programmes:document_detail", args=[secret.pk])).content.decode()
    assert (
        "không tải về" in detail
        and reverse("programmes:document_file", args=[secret.pk]) not in detail
    )


def test_issue_through_the_form_numbers_the_document(client, writer, tree, docs):
    response = client.post(
        reverse("programmes:document_issue"),
        {
            "org": tree["bloc"].pk,
            "doc_type": "NQ",
            "issued_on": "20/09/2021",
            "subject": "Công tác cán bộ",
            "secrecy": "",
        },
    )
    doc = Document.objects.get(subject="Công tác cán bộ")
    assert response.status_code == 302 and doc.code == "02-NQ/ĐUK"
    bad = client.post(
        reverse("programmes:document_issue"),
        {
            "org": tree["bloc"].pk,
            "doc_type": "NQ",
            "issued_on": "31/02/2021",
            "subject": "",
        },
    )
    page = bad.content.decode()
    assert (
        bad.status_code == 200
        and 'data-field="subject"' in page
        and 'data-field="issued_on"' in page
    )


def test_receive_reads_a_pasted_reference_into_the_fields(client, writer, tree):
    url = reverse("programmes:document_receive")
    page = client.post(
        url,
        {
            "parse": "1",
            "org": tree["bloc"].pk,
            "reference": "Kết luận số 01 - KL/TW ngày 18-5-2021",
        },
    ).content.decode()
    assert 'value="01-KL/TW"' in page and 'value="18/05/2021"' in page
    assert '<option value="KL" selected>' in page
    page = client.post(
        url, {"parse": "1", "org": tree["bloc"].pk, "reference": "Kết luận"}
    ).content.decode()
    assert "Không đọc được" in page
    response = client.post(
        url,
        {
            "org": tree["bloc"].pk,
            "reference": "01-KL/TW ngày 18/5/2021",
            "subject": "Chỉ thị 05",
            "issuer_name": "Bộ Chính trị",
        },
    )
    assert response.status_code == 302
    assert Document.objects.get(code="01-KL/TW").direction == "received"


def test_link_both_ways(client, writer, tree, docs):
    nq = services.document_receive(
        org=tree["bloc"], reference="58-NQ/TW ngày 5/8/2020", subject="Phát triển tỉnh"
    )
    url = reverse("programmes:document_link", args=[docs[0].pk])
    assert client.post(url, {"kind": "implements", "reference": "58-NQ/TW"}).status_code == 302
    page = client.get(reverse("programmes:document_detail", args=[nq.pk])).content.decode()
    assert "được thực hiện bởi" in page and "01-NQ/ĐUK" in page
    page = client.post(url, {"kind": "implements", "reference": "99-NQ/TW"}).content.decode()
    assert "Không có văn bản 99-NQ/TW" in page


def test_workplan_counts_and_quick_status_change(client, writer, tree):
    wp = services.work_programme_save(org=tree["bloc"], year=2021, title="CTCT 2021")
    a = services.work_item_save(
        programme=wp,
        title="Hội nghị quý I",
        due_on=D(2021, 3, 1),
        status="done",
        done_on=D(2021, 2, 25),
    )
    b = services.work_item_save(programme=wp, title="Sơ kết 6 tháng", due_on=D(2021, 7, 1))
    url = reverse("programmes:workplan")
    page = client.get(url, {"org": tree["bloc"].pk, "year": 2021}).content.decode()
    assert "<strong>1</strong></a>/<a" in page and "đầu công việc" in page
    assert f'id="item-{b.pk}" class="work-item table-danger overdue"' in page
    assert f'id="item-{a.pk}" class="work-item"' in page
    row = client.post(
        reverse("programmes:work_item_status", args=[b.pk]),
        {"status": "done"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert f'id="item-{b.pk}"' in row and "overdue" not in row and "<html" not in row
    b.refresh_from_db()
    assert b.status == ItemStatus.DONE and b.done_on is not None
    sheet = load_workbook(
        io.BytesIO(
            client.get(
                reverse("programmes:workplan_export"), {"org": tree["bloc"].pk, "year": 2021}
            ).content
        )
    ).active
    assert sheet.max_row == 3


def test_manual_target_value_is_entered_and_marked(client, writer, tree):
    target = services.target_save(
        org=tree["bloc"],
        label="100% đoàn thể ban hành chương trình",
        comparison="share",
        value=Decimal(100),
        period_kind="year",
        period_start=D(2021, 1, 1),
        period_end=D(2021, 12, 31),
    )
    url = reverse("programmes:target_detail", args=[target.pk])
    response = client.post(url, {"at": "30/06/2021", "value": "75", "note": "Báo cáo đoàn thể"})
    assert response.status_code == 302
    value = TargetManualValue.objects.get()
    assert value.entered_by == writer and value.value == 75
    page = client.get(reverse("programmes:target_list"), {"year": 2021}).content.decode()
    assert "manual-mark" in page and "75% / 100% (nhập tay)" in page


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.title = importer.SHEET_TITLE
    sheet.append(importer.HEADINGS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_unit_figures_import_previews_then_writes_all_or_nothing(client, writer, tree):
    url = reverse("programmes:unit_figures_import")
    good = [1, "K-02", "", "", "01/01/2021", "30/09/2021", "1.234,5", 98, "9,75", -12, ""]
    bad = [2, "T", "", "", "01/01/2021", "31/13/2021", "x", 5, "", "", "có lẽ"]
    upload = ContentFile(_xlsx([good, bad]), "so-lieu.xlsx")
    page = client.post(url, {"file": upload}).content.decode()
    assert "Dòng 3, cột B" in page and "Dòng 3, cột F" in page and "Dòng 3, cột G" in page
    assert "Dòng 3, cột K" in page and not UnitFigures.objects.exists()
    response = client.post(url, {"file": ContentFile(_xlsx([good]), "so-lieu.xlsx")})
    token = response.context["token"]
    assert "1 thêm mới" in response.content.decode()
    assert client.post(url, {"confirm": token}).status_code == 302
    row = UnitFigures.objects.get()
    assert (row.org, row.revenue, row.workers, row.avg_income, row.profit) == (
        tree["base_cell"],
        Decimal("1234.5"),
        98,
        Decimal("9.75"),
        Decimal(-12),
    )
    assert (
        AuditEntry.objects.filter(action=AuditAction.IMPORT, object_type="unit_figures").count()
        == 1
    )
    export = client.get(reverse("programmes:unit_figures_export"))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert [c.value for c in sheet[1]][1:3] == ["Mã tổ chức", "Tổ chức cơ sở đảng"]


@pytest.mark.parametrize(
    "name",
    [
        "document_list",
        "document_issue",
        "document_receive",
        "programme_list",
        "programme_create",
        "target_list",
        "target_create",
        "workplan",
        "unit_figures",
        "unit_figures_create",
        "unit_figures_import",
        "unit_figures_template",
    ],
)
def test_every_page_opens(client, writer, name):
    assert client.get(reverse(f"programmes:{name}")).status_code == 200


def test_programme_and_target_forms(client, writer, tree, docs):
    services.document_receive(org=tree["bloc"], reference="58-NQ/TW ngày 5/8/2020", subject="x")
    response = client.post(
        reverse("programmes:programme_create"),
        {
            "org": tree["bloc"].pk,
            "title": "Chương trình hành động nhiệm kỳ",
            "issued_on": "28/12/2020",
            "year_from": 2020,
            "year_to": 2025,
            "documents": "58-NQ/TW\n01-NQ/ĐUK",
            "issued_as": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    detail = client.get(response["Location"]).content.decode()
    assert "58-NQ/TW" in detail and "01-NQ/ĐUK" in detail
    response = client.post(
        reverse("programmes:target_create"),
        {
            "org": tree["bloc"].pk,
            "label": "Ít nhất 2 nghị quyết",
            "indicator_key": "documents.issued",
            "comparison": "at_least",
            "value": "2",
            "period_kind": "year",
            "period_start": "01/01/2021",
            "period_end": "31/12/2021",
        },
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("programmes:target_create"),
        {
            "org": tree["bloc"].pk,
            "label": "Tỉ lệ",
            "indicator_key": "documents.issued",
            "comparison": "share",
            "value": "90",
            "period_kind": "year",
            "period_start": "01/01/2021",
            "period_end": "31/12/2021",
        },
    ).content.decode()
    assert 'data-field="denominator_key"' in bad


def test_list_pages_do_not_query_per_row(client, writer, tree, django_assert_max_num_queries):
    def make(n):
        for i in range(n):
            services.document_issue(
                org=tree["base"], doc_type="CV", issued_on=D(2021, 3, 1 + i), subject=f"CV {i}"
            )
            services.unit_figures_save(
                org=tree["base_cell"] if i % 2 else tree["base"],
                period_start=D(2010 + i, 1, 1),
                period_end=D(2010 + i, 12, 31),
                workers=10 + i,
            )

    urls = [reverse("programmes:document_list"), reverse("programmes:unit_figures")]
    make(2)
    counts = []
    for url in urls:
        with django_assert_max_num_queries(40) as captured:
            client.get(url)
        counts.append(len(captured))
    make(10)
    for url, before in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(before) as captured:
            assert client.get(url).status_code == 200


def test_the_admission_targets_page_reads_the_general_targets(client, writer, tree):
    services.target_save(
        org=tree["base"], label="Kết nạp 12 đảng viên mới năm 2021", comparison="at_least",
        value=Decimal(12), indicator_key="admission.admitted", period_kind="year",
        period_start=D(2021, 1, 1), period_end=D(2021, 12, 31),
    )  # fmt: skip
    services.target_save(
        org=tree["base"], label="Ít nhất 2 nghị quyết", comparison="at_least", value=Decimal(2),
        indicator_key="documents.issued", period_kind="year", period_start=D(2021, 1, 1),
        period_end=D(2021, 12, 31),
    )  # fmt: skip
    page = client.get(reverse("admission:targets"), {"year": 2021}).content.decode()
    assert "Kết nạp 12 đảng viên mới năm 2021" in page and "0/12 (0%)" in page
    assert "Ít nhất 2 nghị quyết" not in page
    from dangbo.indicators import registry
    from dangbo.indicators.registry import Context

    ctx = Context(scope=tree["base"], at=D(2021, 9, 30), period=(D(2021, 1, 1), D(2021, 9, 30)))
    assert registry.value("admission.target", ctx) == 12
    assert registry.value("admission.target", Context(scope=tree["bloc"], at=D(2021, 9, 30))) == 0


def test_add_a_work_item_through_the_form(client, writer, tree):
    wp = services.work_programme_save(org=tree["bloc"], year=2021, title="CTCT 2021")
    url = reverse("programmes:work_item_create", args=[wp.pk])
    response = client.post(url, {"title": "Kiểm tra Đảng ủy Sở", "owner": "Ủy ban Kiểm tra",
                                 "owner_org": tree["base"].pk, "due_on": "15/10/2021",
                                 "status": "planned"})  # fmt: skip
    assert response.status_code == 302
    item = wp.items.get()
    assert (item.owner_org, item.order) == (tree["base"], 1)
    page = client.get(reverse("programmes:workplan"), {"org": tree["bloc"].pk, "year": 2021})
    assert "Ủy ban Kiểm tra, Đảng bộ Sở Tài chính" in page.content.decode()
    bad = client.post(url, {"title": "x", "due_on": "15/10/2021", "status": "done"})
    assert 'data-field="done_on"' in bad.content.decode()


def test_the_whole_year_does_not_read_figures_ended_after_the_date(tree):
    from dangbo.indicators import registry
    from dangbo.indicators.registry import Context

    for end, workers in ((D(2021, 9, 30), 90), (D(2021, 12, 31), 100)):
        services.unit_figures_save(org=tree["base_cell"], period_start=D(2021, 1, 1),
                                   period_end=end, workers=workers)  # fmt: skip
    year = (D(2021, 1, 1), D(2021, 12, 31))
    assert registry.value("units.workers", Context(tree["bloc"], D(2021, 10, 1), year)) == 90
    assert registry.value("units.workers", Context(tree["bloc"], D(2022, 1, 1), year)) == 100
