"""Reports on a small tree: the text, freezing and versions, kept edits, secrecy, the document
formats, scope, and reports from below."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from docx import Document as Docx

from dangbo.accounts.models import AuditAction, AuditEntry, Role
from dangbo.reports import services
from dangbo.reports.figures import plain
from dangbo.reports.layout import layout_of
from dangbo.reports.models import Report, ReportStatus
from dangbo.reports.render import render
from dangbo.reports.render.pdf import pdf_story

START, END = dt.date(2021, 1, 1), dt.date(2021, 9, 30)


@pytest.fixture
def members(tree, make_member):
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        make_member(tree["cell_a"], name=name)
    make_member(tree["base_cell"], name="Phạm Thị Dung")


def _txt(report: Report) -> str:
    return render(report, "txt").decode()


def test_the_text_reads_the_figures_and_leaves_out_what_is_zero(tree, members):
    report = services.report_build(org=tree["bloc"], period_start=START, period_end=END)
    text = " ".join(_txt(report).split())
    assert (
        "Đến ngày 30/09/2021, Đảng bộ có 2 tổ chức cơ sở đảng (1 đảng bộ cơ sở với 2 chi bộ "
        "trực thuộc; 1 chi bộ cơ sở) với tổng số 4 đảng viên" in text
    )
    assert "Trong kỳ không có trường hợp đảng viên, tổ chức đảng phải thi hành kỷ luật." in text
    for zero in (" 0 lớp", " 0 hội nghị", " 0 hội thi", " 0 mô hình", " 0 đơn thư", " 0/0 "):
        assert zero not in text
    # Every figure is stored with its value, text and the address of its records.
    entry = report.figures["members.total"]
    assert entry["value"] == 4 and entry["text"] == "4"
    assert entry["url"].startswith("/quan-ly/") and "members.total" in entry["url"]


def test_the_html_links_each_figure_to_its_records(tree, members):
    report = services.report_build(org=tree["bloc"], period_start=START, period_end=END)
    html = render(report, "html").decode()
    url = report.figures["members.total"]["url"].replace("&", "&amp;")
    assert f'<a class="figure" href="{url}"' in html
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "T/M BAN THƯỜNG VỤ" in html


def test_freezing_keeps_the_figures_and_a_new_version_reads_the_records_again(
    tree, members, make_member
):
    report = services.report_create(org=tree["bloc"], period_start=START, period_end=END)
    services.report_edit(report=report, key="next.text", text="Nhiệm vụ do Văn phòng viết.")
    services.report_edit(
        report=report, key="situation.sectors", text="Đoạn đặc điểm do Văn phòng viết lại."
    )
    frozen = services.report_freeze(report=report)
    assert frozen.status == ReportStatus.FROZEN
    make_member(tree["cell_b"], name="Hoàng Văn Em")

    draft = services.report_new_version(report=frozen)
    assert draft.version == 2 and draft.previous == frozen
    assert "với tổng số 5 đảng viên" in " ".join(_txt(draft).split())
    frozen.refresh_from_db()
    assert "với tổng số 4 đảng viên" in " ".join(_txt(frozen).split())
    assert frozen.figures["members.total"]["value"] == 4
    # The office's paragraphs stay in the new version and across regeneration.
    draft = services.report_regenerate(report=draft)
    text = _txt(draft)
    assert "Nhiệm vụ do Văn phòng viết." in text
    assert "Đoạn đặc điểm do Văn phòng viết lại." in text
    # A frozen report is not edited or regenerated.
    with pytest.raises(ValidationError):
        services.report_edit(report=frozen, key="next.text", text="x")
    with pytest.raises(ValidationError):
        services.report_regenerate(report=frozen)
    # Every write left an audit CHANGE row (the indicator cache depends on them).
    assert (
        AuditEntry.objects.filter(
            action=AuditAction.CHANGE, object_type="report", object_id=str(draft.pk)
        ).count()
        >= 2
    )


def test_kept_sections_keep_the_edit_and_regenerate_the_text(tree, members, make_member):
    report = services.report_create(org=tree["bloc"], period_start=START, period_end=END)
    services.report_edit(report=report, key="situation.overview", text="Viết tay.")
    report = services.report_edit(report=report, key="situation.overview", text="  ")
    assert report.body["situation.overview"]["edited"] is None
    # The office rewrote the shortcomings; the next tasks still hold an old generated text.
    report = services.report_edit(report=report, key="shortcomings.text", text="Văn phòng viết.")
    body = dict(report.body)
    body["next.text"] = {**body["next.text"], "generated": "Văn bản cũ với số liệu cũ."}
    Report.objects.filter(pk=report.pk).update(body=body)
    make_member(tree["cell_b"], name="Hoàng Văn Em")
    report = services.report_regenerate(report=report)
    assert report.body["shortcomings.text"]["edited"] == "Văn phòng viết."
    assert report.paragraph_text("shortcomings.text") == "Văn phòng viết."
    # Unedited text follows the figures, and so do the shortcomings' own generated text.
    assert report.body["next.text"]["generated"] != "Văn bản cũ với số liệu cũ."
    assert report.body["next.text"]["generated"].startswith("Trong 3 tháng cuối năm 2021")
    assert report.body["shortcomings.text"]["generated"]
    assert "5 đảng viên" in plain(report.body["situation.overview"]["generated"])


def test_a_secret_report_is_refused_on_every_download(client, tree, members, user_with):
    report = services.report_create(
        org=tree["bloc"], period_start=START, period_end=END, secrecy="mat"
    )
    user = user_with(Role.ORG_BOARD, tree["bloc"])
    client.force_login(user)
    for fmt in ("pdf", "docx", "txt"):
        response = client.get(f"/quan-ly/bao-cao/bao-cao/{report.pk}/tai/{fmt}/")
        assert response.status_code == 403
        assert "độ mật “Mật”" in response.content.decode()
    refused = AuditEntry.objects.filter(action=AuditAction.REFUSED, object_id=str(report.pk))
    assert refused.count() == 3
    assert refused.filter(user=user).count() == 3
    # The page itself shows, without download links.
    page = client.get(f"/quan-ly/bao-cao/bao-cao/{report.pk}/").content.decode()
    assert "không tải về" in page and "/tai/pdf/" not in page


def test_downloads_of_a_plain_report(client, tree, members, user_with):
    report = services.report_create(org=tree["bloc"], period_start=START, period_end=END)
    client.force_login(user_with(Role.BLOC_OFFICE, tree["bloc"]))
    pdf = client.get(f"/quan-ly/bao-cao/bao-cao/{report.pk}/tai/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    txt = client.get(f"/quan-ly/bao-cao/bao-cao/{report.pk}/tai/txt/").content.decode()
    assert txt == _txt(report)
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="report").count() == 2


def test_the_docx_follows_the_party_format(tree, members):
    report = services.report_build(
        org=tree["bloc"], period_start=START, period_end=END, dated=dt.date(2021, 10, 5)
    )
    doc = Docx(io.BytesIO(render(report, "docx")))
    section = doc.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin,
               section.right_margin)  # fmt: skip
    assert [round(m.mm) for m in margins] == [25, 25, 35, 15]
    assert round(section.page_width.mm) == 210
    header = doc.tables[0].rows[0].cells
    left = [p.text for p in header[0].paragraphs]
    right = header[1].paragraphs
    assert (
        left[2] == "*"
        and left[3].startswith("Số ")
        and left[3].endswith("-BC/" + left[3].split("/")[-1])
    )
    assert right[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right[0].runs[0].bold and right[0].runs[0].font.size.pt == 15
    date_line = next(p for p in right if "ngày 05 tháng 10 năm 2021" in p.text.lower())
    assert date_line.runs[0].italic
    body = [p for p in doc.paragraphs if "tổng số 4 đảng viên" in p.text]
    assert body and body[0].runs[0].font.name == "Times New Roman"
    assert body[0].runs[0].font.size.pt == 14
    assert body[0].alignment == 3  # justified
    titles = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in titles
    sign = doc.tables[-1].rows[0].cells
    assert sign[0].paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in sign[1].paragraphs][:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]


def test_the_pdf_has_the_same_layout(tree, members):
    report = services.report_build(org=tree["bloc"], period_start=START, period_end=END)
    data = render(report, "pdf")
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    layout = layout_of(report)

    def texts(flowables):
        for f in flowables:
            if hasattr(f, "text"):
                yield f.text
            for row in getattr(f, "_cellvalues", []):
                for cell in row:
                    yield from texts(cell if isinstance(cell, list) else [cell])

    found = " ".join(" ".join(texts(pdf_story(layout))).split())
    for part in ("ĐẢNG CỘNG SẢN VIỆT NAM", layout.number_text, layout.place_date,
                 "T/M BAN THƯỜNG VỤ", "Nơi nhận:", "tổng số 4 đảng viên"):  # fmt: skip
        assert " ".join(part.split()) in found, part


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_libreoffice_renders_the_docx(tree, members, tmp_path):
    report = services.report_build(org=tree["bloc"], period_start=START, period_end=END)
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(render(report, "docx"))
    subprocess.run(  # noqa: S603
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, timeout=120, capture_output=True,
    )  # fmt: skip
    data = (tmp_path / "bao-cao.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    # LibreOffice writes one page object per page: the report runs over several A4 pages.
    import re

    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 2


def test_reports_are_seen_in_scope_only(client, tree, members, user_with):
    bloc_report = services.report_create(org=tree["bloc"], period_start=START, period_end=END)
    base_report = services.report_create(
        org=tree["base"], period_start=START, period_end=END, template="base"
    )
    client.force_login(user_with(Role.BASE_SECRETARY, tree["base"]))
    listing = client.get("/quan-ly/bao-cao/").content.decode()
    assert f"/bao-cao/{base_report.pk}/" in listing and f"/bao-cao/{bloc_report.pk}/" not in listing
    assert client.get(f"/quan-ly/bao-cao/bao-cao/{bloc_report.pk}/").status_code == 404
    assert client.post(f"/quan-ly/bao-cao/bao-cao/{bloc_report.pk}/chot/").status_code == 404
    # A read-only role sees the bloc's report but may not change it.
    client.force_login(user_with(Role.INSPECTION, tree["bloc"]))
    assert client.post(f"/quan-ly/bao-cao/bao-cao/{bloc_report.pk}/chot/").status_code == 403
    bloc_report.refresh_from_db()
    assert not bloc_report.is_frozen
    # The office writes the committee's reports: it may freeze it.
    client.force_login(user_with(Role.BLOC_OFFICE, tree["bloc"]))
    assert client.post(f"/quan-ly/bao-cao/bao-cao/{bloc_report.pk}/chot/").status_code == 302
    bloc_report.refresh_from_db()
    assert bloc_report.is_frozen


def test_the_web_form_makes_a_draft_with_a_preset_period(client, tree, members, user_with):
    client.force_login(user_with(Role.ORG_BOARD, tree["bloc"]))
    response = client.post("/quan-ly/bao-cao/lap/", {
        "org": tree["bloc"].pk, "preset": "nine_months", "year": 2021, "template": "full",
        "secrecy": "",
    })  # fmt: skip
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.period_start, report.period_end, report.kind) == (START, END, "nine_months")
    bad = client.post("/quan-ly/bao-cao/lap/", {
        "org": tree["bloc"].pk, "preset": "custom", "year": 2021, "template": "full",
        "period_start": "30/09/2021", "period_end": "01/01/2021",
    })  # fmt: skip
    assert "Ngày kết thúc kỳ phải sau ngày bắt đầu." in bad.content.decode()
    # Editing a paragraph through the page.
    response = client.post(
        f"/quan-ly/bao-cao/bao-cao/{report.pk}/doan/next.text/", {"text": "Viết trên web."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.body["next.text"]["edited"] == "Viết trên web."


def test_reports_from_below_are_filled_submitted_and_added_up(client, tree, members, user_with):
    from dangbo.submissions.selectors import call_status
    from dangbo.submissions.services import call_create

    call = call_create(
        issuer=tree["bloc"], kind="report", subject="base", title="Báo cáo 9 tháng 2021",
        period_start=START, period_end=END, deadline=dt.date(2021, 10, 10),
    )  # fmt: skip
    client.force_login(user_with(Role.BASE_SECRETARY, tree["base"]))
    calls = client.get("/quan-ly/bao-cao/yeu-cau/").content.decode()
    assert "Báo cáo 9 tháng 2021" in calls and tree["base_cell"].name not in calls
    url = f"/quan-ly/bao-cao/yeu-cau/{call.pk}/{tree['base'].pk}/"
    assert client.post(url).status_code == 302
    report = Report.objects.get(call=call, org=tree["base"])
    assert report.template == "base"
    assert "có 3 đảng viên" in " ".join(_txt(report).split())
    client.post(f"/quan-ly/bao-cao/bao-cao/{report.pk}/doan/next.text/", {"text": "Cơ sở viết."})
    assert client.post(f"/quan-ly/bao-cao/bao-cao/{report.pk}/nop/").status_code == 302
    report.refresh_from_db()
    assert report.is_frozen and report.submission is not None
    assert report.submission.payload["figures"]["members.total"]["value"] == 3
    assert report.submission.payload["paragraphs"]["next.text"] == "Cơ sở viết."
    # The other base organization may not open this one's call page.
    assert (
        client.get(f"/quan-ly/bao-cao/yeu-cau/{call.pk}/{tree['base_cell'].pk}/").status_code == 404
    )

    states = {s.org.pk: s.state for s in call_status(call, today=dt.date(2021, 10, 1))}
    assert states[tree["base"].pk] in ("on_time", "late")
    assert states[tree["base_cell"].pk] == "missing"
    # The superior's own report adds up the submitted figures, and names who is missing.
    own = services.report_create(org=tree["bloc"], period_start=START, period_end=END, call=call)
    text = " ".join(_txt(own).split())
    assert "1/2 tổ chức đã nộp báo cáo; chưa nộp: Chi bộ Công ty Điện" in text
    rollup = own.figures["submissions.rollup"]["value"]
    assert rollup["rows"][0][:2] == ["Đảng bộ Sở Tài chính", 3]
    assert rollup["total"][0] == 3
    assert "Cộng" in _txt(own)


def test_a_large_scope_is_generated_as_a_job_with_progress(client, tree, members, user_with,
                                                           settings):  # fmt: skip
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.REPORTS_JOB_MEMBERS = 3  # the bloc's 4 members count as "large" here
    from dangbo.jobs.models import Job, JobStatus

    client.force_login(user_with(Role.ORG_BOARD, tree["bloc"]))
    response = client.post("/quan-ly/bao-cao/lap/", {
        "org": tree["bloc"].pk, "preset": "nine_months", "year": 2021, "template": "full",
    })  # fmt: skip
    job = Job.objects.get(kind="report")
    assert response.status_code == 302 and response["Location"].endswith(f"/tien-do/{job.pk}/")
    assert job.status == JobStatus.SUCCEEDED and job.done == job.total > 0
    report = Report.objects.get(pk=job.result["report_id"])
    assert report.org == tree["bloc"] and report.figures["members.total"]["value"] == 4
    page = client.get(f"/quan-ly/bao-cao/tien-do/{job.pk}/").content.decode()
    assert f"/quan-ly/bao-cao/bao-cao/{report.pk}/" in page


@pytest.mark.django_db(databases=["default", "portal"])
def test_a_report_becomes_an_article_draft_in_one_step(client, tree, members, user_with):
    from dangbo.portal.models import Article

    report = services.report_freeze(
        report=services.report_create(org=tree["bloc"], period_start=START, period_end=END)
    )
    # A writer outside the propaganda board's rights: refused, nothing written.
    client.force_login(user_with(Role.INSPECTION, tree["bloc"]))
    assert client.post(f"/quan-ly/bao-cao/bao-cao/{report.pk}/thanh-tin-bai/").status_code == 403
    assert not Article.objects.exists()
    client.force_login(user_with(Role.PROPAGANDA, tree["bloc"]))
    response = client.post(f"/quan-ly/bao-cao/bao-cao/{report.pk}/thanh-tin-bai/")
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{article.pk}/sua/")
    assert article.state == "draft" and article.org == tree["bloc"]
    assert article.title.startswith("Một số kết quả nổi bật")
    # The figures as the report states them, without the internal sections.
    assert "với tổng số 4 đảng viên" in " ".join(article.body.split())
    assert "HẠN CHẾ" not in article.body and "⟦" not in article.body
    # A secret report never reaches the portal.
    secret = services.report_create(org=tree["bloc"], period_start=START, period_end=END)
    services.report_update(report=secret, title=secret.title, dated=secret.dated, secrecy="mat")
    refused = client.post(f"/quan-ly/bao-cao/bao-cao/{secret.pk}/thanh-tin-bai/")
    assert refused.status_code == 403 and "đăng lên cổng thông tin" in refused.content.decode()
    assert Article.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.REFUSED, object_id=str(secret.pk)).exists()


def _call(tree, subject="base"):
    from dangbo.submissions.services import call_create

    return call_create(
        issuer=tree["bloc"], kind="report", subject=subject, title="Báo cáo 9 tháng 2021",
        period_start=START, period_end=END, deadline=dt.date(2021, 10, 10),
    )  # fmt: skip


def test_only_the_issuers_report_rolls_up_and_a_recipients_never(client, tree, members, user_with):
    call = _call(tree, subject="full")
    # A recipient's report, even on the full template, shows no sibling's figures.
    base = services.report_create(
        org=tree["base"], period_start=START, period_end=END, template="full", call=call
    )
    services.report_submit(report=base)
    other = services.report_create(
        org=tree["base_cell"], period_start=START, period_end=END, template="full", call=call
    )
    assert "submissions.rollup" not in other.figures
    assert "Đảng bộ Sở Tài chính" not in _txt(other)
    # Filled from the calls page: always the base template, whatever the call's subject.
    client.force_login(user_with(Role.BASE_SECRETARY, tree["base"]))
    other.delete()
    client.force_login(user_with(Role.BLOC_OFFICE, tree["bloc"]))
    filled = client.post(f"/quan-ly/bao-cao/yeu-cau/{call.pk}/{tree['base_cell'].pk}/")
    assert filled.status_code == 302
    assert Report.objects.get(call=call, org=tree["base_cell"]).template == "base"
    # The call page offers the issuer's roll-up report, which adds up what was submitted.
    from django.urls import reverse

    page = client.get(reverse("submissions:call_detail", args=[call.pk])).content.decode()
    assert "Lập báo cáo tổng hợp" in page
    made = client.post(f"/quan-ly/bao-cao/yeu-cau/{call.pk}/tong-hop/")
    own = Report.objects.get(call=call, org=tree["bloc"])
    assert made.status_code == 302 and made["Location"].endswith(f"/bao-cao/{own.pk}/")
    assert own.template == "full"
    assert own.figures["submissions.rollup"]["value"]["rows"][0][0] == "Đảng bộ Sở Tài chính"
    # Someone who does not write the issuer's reports gets no button and no report.
    client.force_login(user_with(Role.BASE_SECRETARY, tree["base"]))
    page = client.get(reverse("submissions:call_detail", args=[call.pk]))
    assert "Lập báo cáo tổng hợp" not in page.content.decode()
    assert client.post(f"/quan-ly/bao-cao/yeu-cau/{call.pk}/tong-hop/").status_code in (403, 404)
    assert Report.objects.filter(call=call, org=tree["bloc"]).count() == 1


def test_a_secret_report_from_below_makes_the_rollup_secret(tree, members):
    call = _call(tree)
    base = services.report_create(
        org=tree["base"], period_start=START, period_end=END, template="base", call=call,
        secrecy="mat",
    )  # fmt: skip
    submission = services.report_submit(report=base)
    assert submission.payload["secrecy"] == "mat"
    own = services.report_create(org=tree["bloc"], period_start=START, period_end=END, call=call)
    assert own.secrecy == "mat"
    plain_own = services.report_create(org=tree["bloc"], period_start=START, period_end=END)
    assert plain_own.secrecy == ""


def test_one_new_version_per_frozen_report_and_submit_checks_the_right(tree, members, user_with):
    from django.core.exceptions import PermissionDenied

    report = services.report_freeze(
        report=services.report_create(org=tree["bloc"], period_start=START, period_end=END)
    )
    second = services.report_new_version(report=report)
    assert second.version == 2
    with pytest.raises(ValidationError, match="đã có phiên bản 2"):
        services.report_new_version(report=report)
    assert Report.objects.filter(previous=report).count() == 1
    call = _call(tree)
    base = services.report_freeze(
        report=services.report_create(
            org=tree["base"], period_start=START, period_end=END, template="base", call=call
        )
    )
    outsider = user_with(Role.BASE_SECRETARY, tree["base_cell"])
    with pytest.raises(PermissionDenied):
        services.report_submit(report=base, user=outsider)
    base.refresh_from_db()
    assert base.submission is None


def test_the_default_date_is_near_the_period_end_and_before_dissolution(tree, members):
    from dangbo.reports.selectors import secretary_name

    report = services.report_build(org=tree["bloc"], period_start=START, period_end=END)
    assert report.dated == dt.date(2021, 10, 5)
    assert services.default_dated(tree["bloc"], END, today=dt.date(2021, 10, 2)) == dt.date(
        2021, 10, 2
    )
    tree["bloc"].dissolved_on = dt.date(2021, 10, 1)
    tree["bloc"].save(update_fields=["dissolved_on"])
    report = services.report_build(org=tree["bloc"], period_start=START, period_end=END)
    assert report.dated == dt.date(2021, 10, 1)
    assert layout_of(report).signer == secretary_name(tree["bloc"], dt.date(2021, 10, 1))
    assert "ngày 01 tháng 10 năm 2021" in layout_of(report).place_date.lower()


def test_the_article_leaves_out_the_rollup_and_does_not_repeat_its_title():
    from dangbo.reports.article import LEFT_OUT, article_title

    assert (
        article_title("Kết quả lãnh đạo thực hiện nhiệm vụ năm 2021")
        == "Một số kết quả nổi bật lãnh đạo thực hiện nhiệm vụ năm 2021"
    )
    assert article_title("Báo cáo tổng kết công tác năm 2021") == (
        "Một số kết quả nổi bật tổng kết công tác năm 2021"
    )
    assert any(word in "V. TỔNG HỢP BÁO CÁO CỦA CÁC TỔ CHỨC CƠ SỞ ĐẢNG" for word in LEFT_OUT)


def test_layout_sizes_page_numbers_and_the_draft_mark(tree, members):
    from dangbo.reports.render.pdf import _styles

    report = services.report_build(org=tree["bloc"], period_start=START, period_end=END)
    styles = _styles()
    assert styles["body"].fontSize == styles["heading"].fontSize == 14
    assert styles["center"].fontSize == 14  # the title line
    doc = Docx(io.BytesIO(render(report, "docx")))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml and round(section.header_distance.mm) == 10
    assert "PAGE" not in section.first_page_header._element.xml
    left = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    assert "DỰ THẢO" in left
    national = doc.tables[0].rows[0].cells[1].paragraphs[0]
    assert national.paragraph_format.left_indent.mm > 3  # the rule is as long as the text
    assert "DỰ THẢO" in _txt(report)
    assert "DỰ THẢO" in render(report, "html").decode()
    # A frozen report is not a draft any more.
    frozen = services.report_freeze(
        report=services.report_create(org=tree["bloc"], period_start=START, period_end=END)
    )
    assert "DỰ THẢO" not in _txt(frozen)


def _env(kind, *, cell=False, next_label="năm 2022"):
    from dangbo.reports.sections import Env

    return Env(org_word="Chi bộ" if cell else "Đảng bộ", end_text="31/12/2021",
               template="full", period_label="năm 2021", kind=kind, next_label=next_label,
               cell=cell)  # fmt: skip


def _figs(**values):
    from dangbo.reports.figures import Figures

    return Figures(None, frozen={k: {"value": v, "text": str(v)} for k, v in values.items()})  # type: ignore[arg-type]


def test_closing_sections_follow_the_period():
    from dangbo.reports import sections

    f = _figs(**{"admission.target": 120, "admission.target_share": 96.67,
                 "inspection.planned": 12, "inspection.done_rate": 75})  # fmt: skip
    year = plain(sections.next_tasks(f, _env("year")))
    assert "của năm" not in year and "cuối năm" not in year
    assert year.startswith("Trong năm 2022, tiếp tục tập trung lãnh đạo")
    nine = plain(sections.next_tasks(f, _env("nine_months", next_label="3 tháng cuối năm 2021")))
    assert "chỉ tiêu kết nạp 120 đảng viên mới của năm" in nine and "cuối năm" in nine
    assert "tập trung tiếp tục" not in nine
    # 96,67% after nine months is on track: no shortcoming about admissions; missed at year end.
    assert "phát triển đảng viên" not in plain(sections.shortcomings(f, _env("nine_months")))
    assert "chưa đạt chỉ tiêu" in plain(sections.shortcomings(f, _env("year")))
    at_risk = _figs()
    at_risk.store["target.1"] = {
        "value": 10,
        "text": "10",
        "label": "x",
        "extra": {"state": "at_risk", "indicator": "admission.admitted"},
    }
    assert "nguy cơ" in plain(sections.shortcomings(at_risk, _env("nine_months")))


def test_wording_of_paragraphs():
    from dangbo.reports import sections

    f = _figs(**{"training.classes": 2, "training.learners": 145, "training.certified": 145})
    assert "145 học viên, 100% được cấp giấy chứng nhận" in plain(sections.training(f, _env("")))
    f = _figs(**{"training.classes": 2, "training.learners": 145, "training.certified": 140})
    assert "145 học viên, 140 học viên được cấp" in plain(sections.training(f, _env("")))
    assert sections.economy(_figs(), _env("")) is None
    f = _figs(**{"contest.count": 1, "contest.prizes": 17})
    assert "Ban Tổ chức hội thi trao 17 giải" in plain(sections.contest(f, _env("")))
    f = _figs(**{"work_items.total": 5, "work_items.done": 3})
    assert plain(sections.work_items(f, _env("", cell=True))).startswith("Chi bộ lãnh đạo")
    assert "Ban Chấp hành Đảng bộ" in plain(sections.work_items(f, _env("")))


def test_targets_table_writes_shares_and_missing_actuals():
    from dangbo.reports import sections

    figures = _figs()
    figures.store["target.1"] = {
        "label": "90% cơ quan hoàn thành nhiệm vụ",
        "text": "91,3",
        "value": 91.3,
        "extra": {"plan": "90%", "actual": "91,3%", "share": "Đạt", "status": "Đạt"},
    }
    figures.store["target.2"] = {"label": "Chỉ tiêu nhập tay", "text": "0", "value": 0,
                                 "extra": {"plan": "5", "actual": "–", "share": "",
                                           "status": "Chưa có số liệu"}}  # fmt: skip
    headers, rows = sections.targets_table(figures)
    assert [plain(c) for c in rows[0][1:4]] == ["90%", "91,3%", "Đạt"]
    assert rows[1][2] == "–"
