"""Imports and large exports as background jobs: progress on the Job row, the job pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from excel_helpers import as_dicts, good_row, make_xlsx

from dangbo.accounts.models import AuditAction, AuditEntry, Role
from dangbo.jobs.models import Job, JobStatus
from dangbo.members.choices import MemberStatus
from dangbo.members.models import Member, MemberPeriod


def progress_updates(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "jobs_job" SET "done"')]


def test_a_3000_row_import_runs_as_jobs_reporting_progress(client, tree, board):
    cells = ["K-01-1", "K-01-2", "K-02"]
    rows = [good_row(cells[i % 3], **{"Họ và tên": f"Đảng Viên {i}"}) for i in range(3000)]
    rows[10]["Ngày chính thức"] = None
    content = make_xlsx(rows)
    client.force_login(board)

    with CaptureQueriesContext(connection) as checking:
        response = client.post(
            reverse("imports:member_import"),
            {"org": "K", "file": SimpleUploadedFile("ds.xlsx", content)},
        )
    job = Job.objects.get()
    assert response.url == reverse("imports:job_detail", args=[job.pk])
    assert len(progress_updates(checking.captured_queries)) >= 6  # every 500 rows
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and (job.done, job.total) == (3000, 3000)
    assert (
        job.result["stage"] == "preview"
        and job.result["summary"] == "3.000 mới, 0 cập nhật, 0 không đổi"
    )
    assert Member.objects.count() == 0
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "3.000 mới, 0 cập nhật, 0 không đổi" in page and "Ghi vào hồ sơ" in page

    with CaptureQueriesContext(connection) as writing:
        client.post(reverse("imports:job_commit", args=[job.pk]))
    assert len(progress_updates(writing.captured_queries)) >= 6
    job.refresh_from_db()
    assert job.result["stage"] == "committed" and (job.done, job.total) == (3000, 3000)
    assert Member.objects.count() == 3000
    assert Member.objects.filter(status=MemberStatus.PROBATIONARY).count() == 1
    assert MemberPeriod.objects.count() == 2 * 3000 - 1
    assert (
        Member.objects.filter(cell=tree["base_cell"], org_path=tree["base_cell"].path).count()
        == 1000
    )
    audit = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert "3.000 mới" in audit.description and audit.user == board

    # a second click does not import twice
    client.post(reverse("imports:job_commit", args=[job.pk]))
    assert Member.objects.count() == 3000


def test_a_large_export_runs_as_a_job_with_a_download(
    client, tree, make_member, board, monkeypatch
):
    monkeypatch.setattr("dangbo.imports.views.DIRECT_LIMIT", 2)
    for name in ("An", "Bình", "Chi"):
        make_member(tree["cell_a"], name=name)
    client.force_login(board)
    response = client.get(reverse("imports:member_export"), {"org": tree["base"].pk})
    job = Job.objects.get(kind="member_export")
    assert response.url == reverse("imports:job_detail", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED and job.result == {"rows": 3}
    page = client.get(response.url).content.decode()
    assert reverse("imports:job_download", args=[job.pk]) in page
    download = client.get(reverse("imports:job_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    assert [r["Họ và tên"] for r in as_dicts(content)] == ["An", "Bình", "Chi"]
    assert (
        "Xuất 3 đảng viên"
        in AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="member").description
    )


def test_a_running_job_page_polls_with_a_progress_bar(client, board):
    job = Job.objects.create(kind="member_import", title="Nhập", user=board,
                             status=JobStatus.RUNNING, done=1500, total=6000)  # fmt: skip
    client.force_login(board)
    partial = client.get(reverse("imports:job_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert 'hx-trigger="every 1s"' in html and "<html" not in html
    assert 'class="progress-bar' in html and "width: 25%" in html and "1.500 / 6.000" in html
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED, done=6000)
    html = client.get(reverse("imports:job_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "every 1s" not in html.content.decode()


def test_jobs_are_private_to_their_user(client, tree, board, user_with):
    job = Job.objects.create(kind="member_export", title="Xuất", user=board)
    someone = user_with(Role.ORG_BOARD, tree["bloc"])
    client.force_login(someone)
    assert client.get(reverse("imports:job_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("imports:job_download", args=[job.pk])).status_code == 404
    assert (
        "Xuất"
        not in client.get(reverse("imports:job_list")).content.decode().split("Tác vụ của bạn")[1]
    )
    client.force_login(board)
    page = client.get(reverse("imports:job_list")).content.decode()
    assert reverse("imports:job_detail", args=[job.pk]) in page


@pytest.mark.parametrize("name", ["imports:job_list", "imports:template", "imports:member_import"])
def test_pages_open_for_the_organization_board(client, board, name):
    client.force_login(board)
    assert client.get(reverse(name)).status_code == 200
