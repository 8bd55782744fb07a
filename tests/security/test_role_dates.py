"""Security promise: a role assignment counts only from its start day to its end day, both
included, in the site's time zone (core.scope.scope_of); before or after, it grants nothing
in pages, .xlsx exports, the API with a bearer token, and background jobs that were queued
while the role was still active.

"Today" is moved by replacing django.utils.timezone.localdate, which is what every check
of the scope reads, so the same role is tried the day before it starts, on its first day,
on its last day and the day after.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from dangbo.accounts.models import AuditAction, AuditEntry, Role, RoleAssignment
from dangbo.accounts.tokens import api_token_issue
from dangbo.core.scope import Action, scope_of
from dangbo.jobs.models import Job, JobStatus
from dangbo.reports.models import Report

FIRST = dt.date(2026, 3, 1)
LAST = dt.date(2026, 3, 31)
BEFORE, AFTER = FIRST - dt.timedelta(days=1), LAST + dt.timedelta(days=1)


@pytest.fixture
def on(monkeypatch):
    """on(day): from now on, "today" in the site's time zone is `day`."""

    def move(day: dt.date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return move


@pytest.fixture
def secretary(tree):
    """A base committee secretary for March 2026 only."""
    user = get_user_model().objects.create_user(username="bithu_thang3", password="x")
    RoleAssignment.objects.create(
        user=user, role=Role.BASE_SECRETARY, organization=tree["base"],
        starts_on=FIRST, ends_on=LAST,
    )  # fmt: skip
    return user


@pytest.fixture
def member(tree, make_member):
    return make_member(tree["cell_a"], name="Trần Thị Mai Hương")


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_scope_counts_from_the_first_day_to_the_last_day_included(secretary, tree, on):
    for day, counts in ((BEFORE, False), (FIRST, True), (LAST, True), (AFTER, False)):
        on(day)
        user = get_user_model().objects.get(pk=secretary.pk)  # a fresh request's user
        scope = scope_of(user)
        assert scope.covers_path(Action.VIEW, tree["cell_a"].path) is counts, day
        assert scope.allows(Action.EXPORT) is counts, day
        assert bool(scope.roles) is counts, day


def test_scope_is_resolved_in_one_query(secretary, on, django_assert_num_queries):
    on(LAST)
    user = get_user_model().objects.get(pk=secretary.pk)
    with django_assert_num_queries(1):
        scope_of(user)
        scope_of(user)  # cached on the request's user


@pytest.mark.parametrize(
    ("day", "status"), [(BEFORE, 404), (FIRST, 200), (LAST, 200), (AFTER, 404)]
)
def test_a_member_page_opens_only_while_the_role_counts(secretary, member, on, day, status):
    on(day)
    response = login(secretary).get(f"/quan-ly/dang-vien/{member.pk}/")
    assert response.status_code == status
    if status == 200:
        assert "Trần Thị Mai Hương" in response.content.decode()


@pytest.mark.parametrize(("day", "allowed"), [(BEFORE, False), (LAST, True), (AFTER, False)])
def test_the_xlsx_export_gives_nothing_outside_the_role_dates(
    secretary, member, on, day, allowed, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    on(day)
    response = login(secretary).get("/quan-ly/excel/xuat-dang-vien/")
    if not allowed:
        assert response.status_code == 403
        assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()
        return
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c}
    assert "Trần Thị Mai Hương" in cells


@pytest.mark.parametrize(("day", "allowed"), [(BEFORE, False), (LAST, True), (AFTER, False)])
def test_a_bearer_token_carries_only_the_roles_active_today(secretary, member, on, day, allowed):
    _token, raw = api_token_issue(user=secretary, name="kịch bản")
    on(day)
    bearer = {"Authorization": f"Bearer {raw}"}
    me = Client().get("/api/me", headers=bearer)
    assert me.status_code == 200  # the token authenticates; the role is what expires
    assert bool(me.json()["roles"]) is allowed
    detail = Client().get(f"/api/members/{member.pk}", headers=bearer)
    listing = Client().get("/api/members", headers=bearer)
    if allowed:
        assert detail.status_code == 200
        assert "Trần Thị Mai Hương" in listing.content.decode()
    else:
        assert detail.status_code in (403, 404)
        assert "Trần Thị Mai Hương" not in listing.content.decode()


def _run_queued_jobs() -> None:
    """What the background worker does: run every queued task once, then stop."""
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=io.StringIO()
    )


def _queue_export(client: Client, monkeypatch) -> Job:
    monkeypatch.setattr("dangbo.imports.views.DIRECT_LIMIT", 0)  # every export is a job
    response = client.get("/quan-ly/excel/xuat-dang-vien/")
    job = Job.objects.get(kind="member_export")
    assert response.status_code == 302 and job.status == JobStatus.QUEUED
    return job


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("run_on", "ok"), [(LAST, True), (AFTER, False)])
def test_an_export_queued_on_the_last_day_runs_with_the_roles_of_the_day_it_runs(
    secretary, member, on, monkeypatch, settings, tmp_path, run_on, ok
):
    settings.MEDIA_ROOT = tmp_path
    on(LAST)
    job = _queue_export(login(secretary), monkeypatch)
    on(run_on)
    _run_queued_jobs()
    job.refresh_from_db()
    exported = AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="member")
    if ok:
        assert job.status == JobStatus.SUCCEEDED and job.output_file
        assert exported.exists()
        return
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("Đồng chí không còn quyền xuất danh sách")
    assert not job.output_file and not exported.exists()
    assert not list(tmp_path.rglob("*.xlsx"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("run_on", "ok"), [(LAST, True), (AFTER, False)])
def test_a_report_queued_while_the_role_counted_writes_nothing_after_it_ended(
    secretary, member, tree, on, settings, run_on, ok
):
    settings.REPORTS_JOB_MEMBERS = 0  # every report is a job
    on(LAST)
    response = login(secretary).post("/quan-ly/bao-cao/lap/", {
        "org": tree["base"].pk, "preset": "nine_months", "year": 2025, "template": "full",
    })  # fmt: skip
    job = Job.objects.get(kind="report")
    assert response.status_code == 302 and job.status == JobStatus.QUEUED
    on(run_on)
    _run_queued_jobs()
    job.refresh_from_db()
    if ok:
        assert job.status == JobStatus.SUCCEEDED and Report.objects.count() == 1
        return
    assert job.status == JobStatus.FAILED
    assert job.message == "Đồng chí không còn quyền lập báo cáo của tổ chức này; chưa ghi gì."
    assert not Report.objects.exists()


def test_an_ended_role_stays_as_history_and_a_new_one_counts(secretary, tree, on):
    on(AFTER)
    RoleAssignment.objects.create(
        user=secretary, role=Role.CELL_SECRETARY, organization=tree["cell_b"], starts_on=AFTER
    )
    user = get_user_model().objects.get(pk=secretary.pk)
    scope = scope_of(user)
    assert [r[0] for r in scope.roles] == [Role.CELL_SECRETARY]
    assert not scope.covers_path(Action.VIEW, tree["cell_a"].path)
    assert scope.covers_path(Action.VIEW, tree["cell_b"].path)
    assert RoleAssignment.objects.filter(user=secretary).count() == 2
