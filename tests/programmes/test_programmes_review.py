"""Review fixes: figures edited in place, Vietnamese numbers in the import, one "QĐ"
sequence, dashes in references, padded codes, the issuer's name, secrecy and scope of the
programme pages."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dangbo.accounts.models import AuditAction, AuditEntry, Role
from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.orgs.models import OrgKind
from dangbo.orgs.services import org_create
from dangbo.programmes import importer, services
from dangbo.programmes.codes import parse_reference
from dangbo.programmes.models import UnitFigures
from dangbo.programmes.selectors import issuer_of
from dangbo.programmes.views.documents import find_document

D = dt.date


@pytest.fixture
def writer(client, tree, user_with):
    user = user_with(Role.ORG_BOARD, tree["bloc"])
    client.force_login(user)
    return user


def test_editing_the_period_of_figures_changes_that_row(client, writer, tree):
    row = services.unit_figures_save(
        org=tree["base_cell"], period_start=D(2021, 1, 1), period_end=D(2021, 6, 30), workers=90
    )
    response = client.post(
        reverse("programmes:unit_figures_edit", args=[row.pk]),
        {"org": tree["base_cell"].pk, "period_start": "01/01/2021", "period_end": "30/09/2021",
         "workers": "95", "task_completed": "unknown", "expected_version": row.version},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    only = UnitFigures.objects.get()
    assert (only.pk, only.period_end, only.workers) == (row.pk, D(2021, 9, 30), 95)


def test_editing_onto_another_rows_period_is_refused(tree):
    a = services.unit_figures_save(
        org=tree["base_cell"], period_start=D(2021, 1, 1), period_end=D(2021, 6, 30), workers=1
    )
    services.unit_figures_save(
        org=tree["base_cell"], period_start=D(2021, 1, 1), period_end=D(2021, 9, 30), workers=2
    )
    with pytest.raises(Exception, match="đã có số liệu"):
        services.unit_figures_save(
            org=tree["base_cell"], period_start=D(2021, 1, 1), period_end=D(2021, 9, 30),
            workers=3, pk=a.pk,
        )  # fmt: skip
    assert sorted(UnitFigures.objects.values_list("workers", flat=True)) == [1, 2]


def _sheet(*rows):
    book = Workbook()
    sheet = book.active
    sheet.title = importer.SHEET_TITLE
    sheet.append(importer.HEADINGS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(line, revenue):
    end = ["30/06/2021", "30/09/2021"][line - 1]
    return [line, "K-02", "", "", "01/01/2021", end, revenue, "", "", "", ""]


def test_a_dot_in_a_text_cell_groups_thousands(writer, tree):
    plan = importer.plan_import(writer, _sheet(_row(1, "142.066"), _row(2, "1.234.567,5")))
    assert plan.ok, plan.errors
    assert [r.fields["revenue"] for r in plan.rows] == [Decimal(142066), Decimal("1234567.5")]


def test_an_ambiguous_number_is_refused_naming_the_cell(writer, tree):
    plan = importer.plan_import(writer, _sheet(_row(1, "142.06"), _row(2, "1,234,5")))
    assert not plan.ok
    assert [e.split(":")[0] for e in plan.errors] == ["Dòng 2, cột G", "Dòng 3, cột G"]
    assert "tách hàng nghìn" in plan.errors[0]


def test_decisions_and_regulations_share_one_sequence(tree):
    bloc = tree["bloc"]
    codes = [
        services.document_issue(org=bloc, doc_type=t, issued_on=D(2021, 1, n), subject="x").code
        for n, t in enumerate(["QĐ", "QĐi", "QĐ"], start=1)
    ]
    assert codes == ["01-QĐ/ĐUK", "02-QĐ/ĐUK", "03-QĐ/ĐUK"]


@pytest.mark.parametrize(
    ("text", "doc_type", "code"),
    [
        ("Quy định số 07-QĐi/TW", "QĐi", "07-QĐ/TW"),
        ("07-qđi/tw", "QĐi", "07-QĐ/TW"),
        ("Nghị quyết số 05\u2013NQ/ĐUK", "NQ", "05-NQ/ĐUK"),
        ("05 \u2014 NQ/ĐUK", "NQ", "05-NQ/ĐUK"),
        ("05\u2011NQ/ĐUK", "NQ", "05-NQ/ĐUK"),
        ("công văn số 245/CV\u2013ĐUK", "CV", "245-CV/ĐUK"),
    ],
)
def test_qdi_and_typographic_dashes_are_read(text, doc_type, code):
    ref = parse_reference(text)
    assert (ref.doc_type, ref.code) == (doc_type, code)


def test_an_unpadded_reference_finds_the_padded_code(tree, users):
    doc = services.document_issue(org=tree["bloc"], doc_type="NQ", issued_on=D(2021, 8, 18),
                                  subject="Phát triển đảng viên")  # fmt: skip
    assert doc.code == "01-NQ/ĐUK"
    admin = users["superuser"]
    assert find_document(admin, "Nghị quyết số 1-NQ/ĐUK") == doc
    assert find_document(admin, "01-NQ/ĐUK ngày 18/8/2021") == doc
    with pytest.raises(ValidationError):
        find_document(admin, "1-NQ/TW")


def test_the_issuing_body_keeps_the_capitals_of_its_name(tree):
    org = org_create(
        parent=tree["bloc"], code="K-09", name="Đảng bộ Ủy ban MTTQ Việt Nam tỉnh",
        kind=OrgKind.BASE_COMMITTEE, founded_on=D(2015, 1, 1),
    )  # fmt: skip
    issuer = issuer_of(org, D(2021, 1, 1))
    assert issuer.body_name == "Đảng ủy Ủy ban MTTQ Việt Nam tỉnh"
    assert issuer.body_line == "ĐẢNG ỦY ỦY BAN MTTQ VIỆT NAM TỈNH"


def _xlsx_rows(response):
    return [[c.value for c in r] for r in load_workbook(io.BytesIO(response.content)).active]


def test_exports_leave_out_secret_programmes_targets_and_documents(client, writer, tree):
    bloc = tree["bloc"]
    secret_doc = services.document_issue(org=bloc, doc_type="BC", issued_on=D(2021, 9, 1),
                                         subject="Tình hình nội bộ", secrecy="mat")  # fmt: skip
    public_doc = services.document_issue(org=bloc, doc_type="NQ", issued_on=D(2021, 8, 18),
                                         subject="Phát triển đảng viên")  # fmt: skip
    open_prog = services.programme_save(org=bloc, title="Chương trình công khai",
                                        issued_on=D(2021, 9, 5), year_from=2021, year_to=2025,
                                        documents=[secret_doc, public_doc])  # fmt: skip
    secret_prog = services.programme_save(org=bloc, title="Chương trình mật",
                                          issued_on=D(2021, 9, 6), year_from=2021,
                                          year_to=2025, secrecy="mat")  # fmt: skip
    for prog, label in ((open_prog, "Chỉ tiêu công khai"), (secret_prog, "Chỉ tiêu kín")):
        services.target_save(org=bloc, label=label, comparison="at_least", value=Decimal(10),
                             period_kind="year", period_start=D(2021, 1, 1),
                             period_end=D(2021, 12, 31), programme=prog)  # fmt: skip
    sheet = str(_xlsx_rows(client.get(reverse("programmes:programme_export"))))
    assert "01-NQ/ĐUK" in sheet and "Chương trình công khai" in sheet
    assert "BC/ĐUK" not in sheet and "nội bộ" not in sheet and "Chương trình mật" not in sheet
    sheet = str(_xlsx_rows(client.get(reverse("programmes:target_export"), {"year": 2021})))
    assert "Chỉ tiêu công khai" in sheet and "Chỉ tiêu kín" not in sheet
    refused = AuditEntry.objects.filter(action=AuditAction.REFUSED)
    assert sorted(refused.values_list("object_type", flat=True)) == ["programme", "target"]
    assert all("1 " in e.description for e in refused)
    page = client.get(reverse("programmes:target_list"), {"year": 2021}).content.decode()
    assert 'id="secret-note"' in page
    page = client.get(reverse("programmes:programme_list")).content.decode()
    assert 'id="secret-note"' in page


def test_programme_pages_show_only_documents_in_scope(client, tree, user_with):
    bloc_doc = services.document_issue(org=tree["bloc"], doc_type="NQ", issued_on=D(2021, 8, 18),
                                       subject="Nghị quyết của Khối")  # fmt: skip
    own = services.document_issue(org=tree["base"], doc_type="KH", issued_on=D(2021, 9, 1),
                                  subject="Kế hoạch của Sở")  # fmt: skip
    prog = services.programme_save(org=tree["base"], title="Chương trình của Sở",
                                   issued_on=D(2021, 9, 5), year_from=2021, year_to=2025,
                                   documents=[bloc_doc, own], issued_as=bloc_doc)  # fmt: skip
    client.force_login(user_with(Role.BASE_SECRETARY, tree["base"]))
    listing = client.get(reverse("programmes:programme_list")).content.decode()
    assert "01-KH/ĐU" in listing and "01-NQ/ĐUK" not in listing
    detail = client.get(reverse("programmes:programme_detail", args=[prog.pk])).content.decode()
    assert "01-KH/ĐU" in detail and "01-NQ/ĐUK" not in detail
    assert "Nghị quyết của Khối" not in detail
    # Saving the form keeps the links the secretary cannot see (they are not theirs to drop).
    form = client.get(reverse("programmes:programme_edit", args=[prog.pk])).content.decode()
    assert "01-NQ/ĐUK" not in form
    saved = client.post(reverse("programmes:programme_edit", args=[prog.pk]), {
        "org": tree["base"].pk, "title": "Chương trình của Sở (sửa)", "issued_on": "2021-09-05",
        "year_from": 2021, "year_to": 2025, "issued_as": "", "documents": "01-KH/ĐU",
        "secrecy": "", "expected_version": prog.version,
    })  # fmt: skip
    assert saved.status_code == 302, saved.content.decode()[:2000]
    prog.refresh_from_db()
    assert prog.title == "Chương trình của Sở (sửa)"
    assert set(prog.documents.all()) == {bloc_doc, own} and prog.issued_as == bloc_doc


def test_the_admission_target_of_a_term_sums_its_years(tree):
    bloc = tree["bloc"]
    for year, value in ((2020, 100), (2021, 120), (2022, 130), (2023, 999)):
        services.target_save(org=bloc, label=f"Kết nạp năm {year}", comparison="at_least",
                             value=Decimal(value), indicator_key="admission.admitted",
                             period_kind="year", period_start=D(year, 1, 1),
                             period_end=D(year, 12, 31))  # fmt: skip
    services.target_save(org=bloc, label="Nhiệm kỳ", comparison="at_least", value=Decimal(500),
                         indicator_key="admission.admitted", period_kind="term",
                         period_start=D(2020, 8, 14), period_end=D(2022, 12, 31))  # fmt: skip

    def target(start, end):
        return registry.value("admission.target", Context(scope=bloc, at=end, period=(start, end)))

    assert target(D(2021, 7, 1), D(2021, 9, 30)) == 120
    assert target(D(2020, 8, 14), D(2022, 12, 31)) == 100 + 120 + 130
