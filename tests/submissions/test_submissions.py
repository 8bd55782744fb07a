"""Calls for reports from below: who is asked, versions, on time or late, and scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.models import AuditEntry, Role
from dangbo.submissions import selectors, services
from dangbo.submissions.models import Call, Submission

pytestmark = pytest.mark.django_db

START, END, DEADLINE = dt.date(2021, 1, 1), dt.date(2021, 6, 30), dt.date(2021, 7, 5)


def _when(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def _call(tree, **kw):
    return services.call_create(
        issuer=tree["bloc"], kind="report", subject="dinh-ky", title="Báo cáo 6 tháng 2021",
        period_start=START, period_end=END, deadline=DEADLINE, **kw,
    )  # fmt: skip


def test_a_call_goes_to_the_organizations_directly_below(tree):
    call = _call(tree)
    asked = set(call.recipients.values_list("org__code", flat=True))
    assert asked == {"K-01", "K-02"}
    assert AuditEntry.objects.filter(object_type="submission_call", action="change").exists()


def test_recipients_outside_the_issuer_are_refused(tree):
    with pytest.raises(ValidationError) as err:
        _call(tree, recipients=[tree["province"]])
    assert "recipients" in err.value.message_dict
    assert not Call.objects.exists()


def test_a_period_ending_before_it_starts_is_refused(tree):
    with pytest.raises(ValidationError) as err:
        services.call_create(
            issuer=tree["bloc"], kind="report", subject="x", title="t",
            period_start=END, period_end=START, deadline=DEADLINE,
        )  # fmt: skip
    assert "period_end" in err.value.message_dict


def test_on_time_late_missing_and_versions(tree):
    call = _call(tree)
    services.submit(call=call, org=tree["base"], payload={"a": 1}, when=_when(dt.date(2021, 7, 2)))
    services.submit(call=call, org=tree["base"], payload={"a": 2}, when=_when(dt.date(2021, 7, 9)))
    rows = {r.org.code: r for r in selectors.call_status(call, today=dt.date(2021, 7, 3))}
    # The first version decides on time; the latest version is the one that counts.
    assert rows["K-01"].state == "on_time"
    assert rows["K-01"].latest.version == 2 and rows["K-01"].latest.payload == {"a": 2}
    assert rows["K-02"].state == "missing"
    later = {r.org.code: r.state for r in selectors.call_status(call, today=dt.date(2021, 7, 6))}
    assert later["K-02"] == "overdue"
    services.submit(call=call, org=tree["base_cell"], payload={}, when=_when(dt.date(2021, 7, 6)))
    states = {r.org.code: r.state for r in selectors.call_status(call)}
    assert states == {"K-01": "on_time", "K-02": "late"}
    assert Submission.objects.filter(call=call).count() == 3


def test_an_organization_not_asked_cannot_submit(tree):
    call = _call(tree)
    with pytest.raises(ValidationError):
        services.submit(call=call, org=tree["cell_a"], payload={})
    assert not Submission.objects.exists()


def test_pages_by_role(tree, client, user_with):
    call = _call(tree)
    services.submit(call=call, org=tree["base"], payload={}, when=_when(dt.date(2021, 7, 1)))
    office = user_with(Role.ORG_BOARD, tree["bloc"])
    client.force_login(office)
    page = client.get(reverse("submissions:call_detail", args=[call.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert tree["base"].name in body and tree["base_cell"].name in body
    assert "Nộp đúng hạn" in body
    export = client.get(reverse("submissions:call_export", args=[call.pk]))
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")

    # A base cell's secretary sees the call addressed to it, and only its own row.
    secretary = user_with(Role.BASE_SECRETARY, tree["base_cell"])
    client.force_login(secretary)
    home = client.get(reverse("submissions:home")).content.decode()
    assert "Báo cáo 6 tháng 2021" in home
    page = client.get(reverse("submissions:call_detail", args=[call.pk])).content.decode()
    assert tree["base_cell"].name in page and tree["base"].name not in page

    # A cell below the base committee was not asked: the call is not found.
    cell = user_with(Role.CELL_SECRETARY, tree["cell_a"])
    client.force_login(cell)
    assert client.get(reverse("submissions:call_detail", args=[call.pk])).status_code == 404


def test_the_form_creates_a_call_and_shows_errors_next_to_fields(tree, client, user_with):
    client.force_login(user_with(Role.ORG_BOARD, tree["bloc"]))
    url = reverse("submissions:call_create")
    bad = client.post(url, {
        "issuer": tree["bloc"].pk, "kind": "report", "subject": "dinh-ky", "title": "BC",
        "period_start": "2021-06-30", "period_end": "2021-01-01", "deadline": "2021-07-05",
    })  # fmt: skip
    assert bad.status_code == 200
    assert "Ngày kết thúc kỳ phải sau ngày bắt đầu." in bad.content.decode()
    assert not Call.objects.exists()
    good = client.post(url, {
        "issuer": tree["bloc"].pk, "kind": "report", "subject": "dinh-ky", "title": "BC",
        "period_start": "2021-01-01", "period_end": "2021-06-30", "deadline": "2021-07-05",
    })  # fmt: skip
    assert good.status_code == 302
    assert Call.objects.get().recipients.count() == 2


def test_a_call_follows_the_tree_of_its_period(tree):
    from dangbo.orgs.services import org_move

    # The base cell moves to the province later; a call about the earlier period still
    # goes to it, and a call about a period after the move does not.
    org_move(org=tree["base_cell"], new_parent=tree["province"], date=dt.date(2022, 1, 1))
    call = _call(tree)
    assert set(call.recipients.values_list("org__code", flat=True)) == {"K-01", "K-02"}
    later = services.call_create(
        issuer=tree["bloc"], kind="report", subject="dinh-ky", title="Báo cáo 2022",
        period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 6, 30),
        deadline=dt.date(2022, 7, 5),
    )  # fmt: skip
    assert set(later.recipients.values_list("org__code", flat=True)) == {"K-01"}
