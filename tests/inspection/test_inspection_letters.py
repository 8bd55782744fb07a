"""Letters: receiving, the one-month limit, anonymous letters, settlement, and the sender
of a denunciation seen only by the inspection roles (page, list, search, export, audit)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangbo.accounts.models import AuditEntry, Role
from dangbo.core import workdays
from dangbo.inspection import services
from dangbo.inspection.models import CloseReason, Complaint, LetterStatus

SENDER = "Trần Văn Khiếu"
TODAY = dt.date(2021, 12, 1)


def _denunciation(tree, **over):
    values = dict(  # noqa: C408
        received_on=dt.date(2021, 3, 1), kind="denounce_member", settling_org=tree["bloc"],
        settling_body="inspection", subject="Tố cáo đảng viên vi phạm đạo đức",
        sender_name=SENDER, sender_address="Số 9 phố Hàng Bạc", sender_contact="0912345678",
        today=TODAY,
    )  # fmt: skip
    values.update(over)
    return services.complaint_receive(**values)


def test_receiving_computes_the_deadline_and_writes_an_audit_row_without_the_sender(tree):
    letter = _denunciation(tree)
    assert letter.status == LetterStatus.OPEN
    assert letter.number == "01/2021"
    assert workdays.working_days_between(letter.received_on, letter.deadline) == 90
    assert letter.deadline == dt.date(2021, 7, 8)  # Monday to Friday less 30/4 and 1/5
    assert letter.rule_name == "Quy định 22-QĐ/TW"
    row = AuditEntry.objects.get(object_type="complaint", object_id=str(letter.pk))
    assert SENDER not in row.description and "0912" not in row.description
    assert "khiếu" not in letter.search  # the sender is not in the public search column


def test_a_complaint_lodged_more_than_a_month_after_the_decision_is_closed_as_out_of_time(tree):
    letter = _denunciation(
        tree, kind="discipline_complaint", decision_received_on=dt.date(2021, 1, 20),
        received_on=dt.date(2021, 2, 22),
    )  # fmt: skip
    assert letter.status == LetterStatus.CLOSED
    assert letter.close_reason == CloseReason.OUT_OF_TIME
    assert "Điều lệ Đảng, Điều 39" in letter.close_note
    in_time = _denunciation(
        tree, kind="discipline_complaint", decision_received_on=dt.date(2021, 1, 22),
        received_on=dt.date(2021, 2, 22),
    )  # fmt: skip
    assert in_time.status == LetterStatus.OPEN


def test_anonymous_letters_are_recorded_and_closed(tree):
    letter = _denunciation(tree, anonymous=True, sender_name="")
    assert letter.status == LetterStatus.CLOSED
    assert letter.close_reason == CloseReason.ANONYMOUS


def test_bad_input_changes_nothing(tree):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        _denunciation(tree, sender_name="", received_on=dt.date(2022, 1, 1))
    assert set(exc.value.message_dict) >= {"sender_name", "received_on"}
    with pytest.raises(ValidationError) as exc:
        _denunciation(tree, kind="discipline_complaint")
    assert "Điều 39" in exc.value.message_dict["decision_received_on"][0]
    with pytest.raises(ValidationError) as exc:
        _denunciation(tree, settling_org=tree["cell_a"])
    assert "settling_body" in exc.value.message_dict
    assert Complaint.objects.count() == 0 and AuditEntry.objects.count() == before


def test_settle_close_and_extend(tree):
    letter = _denunciation(tree)
    with pytest.raises(ValidationError) as exc:
        services.complaint_settle(complaint=letter, settled_on=dt.date(2021, 4, 1),
                                  outcome="upheld", result="x", decision_number="1",
                                  today=TODAY)  # fmt: skip
    assert "outcome" in exc.value.message_dict
    services.complaint_extend(complaint=letter, extended_to=dt.date(2021, 7, 30))
    letter = services.complaint_settle(
        complaint=letter, settled_on=dt.date(2021, 7, 20), outcome="partly_true",
        result="Đúng một phần", decision_number="12-TB/UBKT", today=TODAY,
    )  # fmt: skip
    assert letter.status == LetterStatus.SETTLED and not letter.is_overdue(TODAY)
    with pytest.raises(ValidationError):
        services.complaint_close(complaint=letter, reason="withdrawn", closed_on=TODAY,
                                 today=TODAY)  # fmt: skip
    other = _denunciation(tree, received_on=dt.date(2021, 3, 2))
    with pytest.raises(ValidationError) as exc:
        services.complaint_close(complaint=other, reason="out_of_scope",
                                 closed_on=dt.date(2021, 3, 5), today=TODAY)  # fmt: skip
    assert "note" in exc.value.message_dict
    services.complaint_close(complaint=other, reason="out_of_scope", closed_on=dt.date(2021, 3, 5),
                             note="Chuyển UBKT Tỉnh ủy", today=TODAY)  # fmt: skip
    other.refresh_from_db()
    assert other.status == LetterStatus.CLOSED


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def letter(tree):
    return _denunciation(tree, accused_org=tree["cell_a"])


def test_a_cell_secretary_never_sees_the_sender(client, tree, user_with, letter):
    secretary = user_with(Role.CELL_SECRETARY, tree["bloc"])
    _login(client, secretary)
    detail = client.get(reverse("inspection:letter_detail", args=[letter.pk]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert SENDER not in body and "Hàng Bạc" not in body and "0912345678" not in body
    assert "được bảo vệ" in body
    listing = client.get(reverse("inspection:letter_list")).content.decode()
    assert "Tố cáo đảng viên vi phạm" in listing and SENDER not in listing
    # Searching by the sender's name finds nothing (it would tell who sent it).
    found = client.get(reverse("inspection:letter_list"), {"q": "tran van khieu"})
    assert "Tố cáo đảng viên vi phạm" not in found.content.decode()
    export = client.get(reverse("inspection:letter_export"))
    book = openpyxl.load_workbook(io.BytesIO(export.content), read_only=True)
    cells = [str(v) for row in book.active.iter_rows(values_only=True) for v in row if v]
    assert "Người gửi" not in cells and not any(SENDER in c or "Hàng Bạc" in c for c in cells)
    assert any("Tố cáo đảng viên vi phạm" in c for c in cells)
    views = AuditEntry.objects.filter(object_type="complaint", action="view")
    assert views.count() == 1 and SENDER not in views.get().description
    assert not AuditEntry.objects.filter(description__contains="Khiếu").exists()


def test_the_blocs_inspection_committee_sees_the_sender(client, tree, user_with, letter):
    inspector = user_with(Role.INSPECTION, tree["bloc"])
    _login(client, inspector)
    body = client.get(reverse("inspection:letter_detail", args=[letter.pk])).content.decode()
    assert SENDER in body and "Hàng Bạc" in body
    found = client.get(reverse("inspection:letter_list"), {"q": "tran van khieu"})
    assert SENDER in found.content.decode()
    export = client.get(reverse("inspection:letter_export"))
    book = openpyxl.load_workbook(io.BytesIO(export.content), read_only=True)
    cells = [str(v) for row in book.active.iter_rows(values_only=True) for v in row if v]
    assert "Người gửi" in cells and SENDER in cells


def test_overdue_letters_stand_out_on_the_home_page(client, tree, users, letter):
    _login(client, users["inspection"])
    home = client.get(reverse("inspection:home")).content.decode()
    assert "quá hạn giải quyết" in home and "Đơn số 01/2021" in home  # open since 2021
    listing = client.get(reverse("inspection:letter_list"), {"overdue": "on"}).content.decode()
    assert "table-danger" in listing and "01/2021" in listing


def test_the_create_form_shows_errors_next_to_the_fields(client, tree, users):
    _login(client, users["inspection"])
    url = reverse("inspection:letter_create")
    response = client.post(url, {
        "received_on": "01/03/2021", "kind": "discipline_complaint",
        "settling_org": tree["bloc"].pk, "settling_body": "inspection",
        "subject": "Khiếu nại kỷ luật", "sender_name": "Lê Văn A",
        "decision_received_on": "",
    })  # fmt: skip
    assert response.status_code == 200
    assert 'data-field="decision_received_on"' in response.content.decode()
    response = client.post(url, {
        "received_on": "01/03/2021", "kind": "discipline_complaint",
        "settling_org": tree["bloc"].pk, "settling_body": "inspection",
        "subject": "Khiếu nại kỷ luật", "sender_name": "Lê Văn A",
        "decision_received_on": "15/01/2021",
    })  # fmt: skip
    letter = Complaint.objects.get()
    assert response.status_code == 302 and letter.close_reason == CloseReason.OUT_OF_TIME


def test_read_only_and_out_of_sight(client, tree, users, user_with, letter):
    _login(client, users["bloc_office"])  # may read, not settle
    assert client.get(reverse("inspection:letter_settle", args=[letter.pk])).status_code == 403
    assert client.get(reverse("inspection:letter_create")).status_code == 403
    outsider = user_with(Role.INSPECTION, tree["base_cell"])
    _login(client, outsider)
    assert client.get(reverse("inspection:letter_detail", args=[letter.pk])).status_code == 404
