"""A citizen ID never tells whose it is to someone who may not read it.

Searching by number on the member list (page and API) answers the same for a number that
does not exist, for one of a member outside the searcher's scope, and for one of a member
inside their scope whose sensitive fields they may not read. The duplicate messages of the
member form and of the Excel import name no one outside what the user may read.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from dangbo.accounts.models import Role
from dangbo.imports.columns import HEADERS, SHEET_TITLE
from dangbo.imports.importing import check_file

pytestmark = pytest.mark.django_db

UNKNOWN = "001199999999"
INSIDE = "001190000222"  # cell A
OUTSIDE = "001190000333"  # the base cell K-02, beside the base committee
CANDIDATE = "001195000444"  # an admission candidate of the base cell K-02


@pytest.fixture
def people(tree, make_member):
    return {
        INSIDE: make_member(tree["cell_a"], name="Hồ Thị Trong", citizen_id=INSIDE),
        OUTSIDE: make_member(tree["base_cell"], name="Lý Văn Ngoài", citizen_id=OUTSIDE),
    }


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_rows(client: Client, number: str) -> tuple[int, list[str]]:
    response = client.get(reverse("backoffice:member_list"), {"q": number})
    rows = [m.person.full_name for m in response.context["rows"]]
    return response.status_code, rows


def api_rows(client: Client, number: str) -> tuple[int, str]:
    response = client.get("/api/members", {"q": number})
    body = json.loads(response.content)
    return response.status_code, json.dumps(body["items"], ensure_ascii=False)


def _forms(client: Client, number: str) -> tuple:
    return page_rows(client, number), api_rows(client, number)


@pytest.mark.parametrize(
    "role, org", [(Role.ORG_BOARD, "base"), (Role.CELL_SECRETARY, "cell_a"),
                  (Role.BLOC_OFFICE, "bloc")],
)  # fmt: skip
def test_not_found_and_not_yours_answer_alike(tree, user_with, people, role, org):
    client = login(user_with(role, tree[org]))
    nothing = _forms(client, UNKNOWN)
    assert nothing == ((200, []), (200, "[]"))
    assert _forms(client, OUTSIDE) == nothing


@pytest.mark.parametrize(
    "role, org", [(Role.CELL_SECRETARY, "cell_a"), (Role.BLOC_OFFICE, "bloc"),
                  (Role.PROPAGANDA, "bloc")],
)  # fmt: skip
def test_a_number_the_searcher_may_not_read_finds_nothing(tree, user_with, people, role, org):
    """Inside the searcher's scope, but without VIEW_SENSITIVE: searching by the number
    would tell whose it is, so it finds nothing, exactly like an unknown number."""
    client = login(user_with(role, tree[org]))
    assert _forms(client, INSIDE) == _forms(client, UNKNOWN)
    # The member is listed to them by name: only the number does not find them.
    assert "Hồ Thị Trong" in page_rows(client, "")[1]


@pytest.mark.parametrize(
    "role, org", [(Role.ORG_BOARD, "bloc"), (Role.BASE_SECRETARY, "base"), (None, None)]
)
def test_a_reader_of_the_number_finds_the_member(tree, user_with, people, role, org):
    client = login(user_with(role, tree[org] if org else None))
    assert page_rows(client, INSIDE) == (200, ["Hồ Thị Trong"])
    assert "Hồ Thị Trong" in api_rows(client, INSIDE)[1]


def create_data(tree, citizen_id: str) -> dict[str, str]:
    return {
        "full_name": "Lê Thị Hoa", "gender": "female", "birth_date": "12/08/1995",
        "ethnicity": "01", "religion": "none", "citizen_id": citizen_id,
        "start_kind": "admitted", "date": "19/05/2020", "cell": str(tree["cell_a"].pk),
    }  # fmt: skip


def test_form_duplicate_message_is_the_same_inside_and_outside(tree, user_with, people):
    """A cell secretary (no VIEW_SENSITIVE) typing a number already on record is told so,
    with one message whether the holder is in their cell or elsewhere, naming no one."""
    client = login(user_with(Role.CELL_SECRETARY, tree["cell_a"]))
    url = reverse("backoffice:member_create")
    messages = []
    for number in (INSIDE, OUTSIDE):
        body = client.post(url, create_data(tree, number)).content.decode()
        assert "Hồ Thị Trong" not in body and "Lý Văn Ngoài" not in body
        assert "Chi bộ Công ty Điện" not in body and "K-02" not in body
        messages.append(body.split("đã có trong", 1)[1].split("<", 1)[0])
    assert messages[0] == messages[1]
    assert "không được xem" in messages[0]


def test_form_duplicate_names_the_holder_to_who_may_read_the_number(tree, user_with, people):
    client = login(user_with(Role.ORG_BOARD, tree["bloc"]))
    body = client.post(reverse("backoffice:member_create"), create_data(tree, INSIDE))
    assert "đã có trong hồ sơ của Hồ Thị Trong" in body.content.decode()


def sheet(citizen_id: str) -> io.BytesIO:
    """A one-row member sheet for cell K-01-1, as an office fills it in."""
    row = {
        "Họ và tên": "Trần Thị Mai", "Giới tính": "Nữ", "Ngày sinh": "12/03/1990",
        "Dân tộc": "Kinh", "Tôn giáo": "Không", "Số căn cước": citizen_id,
        "Mã chi bộ": "K-01-1", "Ngày vào Đảng": "19/05/2015", "Ngày chính thức": "19/05/2016",
    }  # fmt: skip
    book = openpyxl.Workbook()
    book.active.title = SHEET_TITLE
    book.active.append(list(HEADERS))
    book.active.append([row.get(h) for h in HEADERS])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_import_duplicate_outside_scope_names_no_one(tree, user_with, people):
    importer = user_with(Role.BASE_SECRETARY, tree["base"])
    report = check_file(sheet(OUTSIDE), org=tree["base"], user=importer)
    assert not report.ok
    texts = " ".join(str(issue) for issue in report.issues)
    assert "ngoài phạm vi" in texts, texts
    for secret in ("Lý Văn Ngoài", "Chi bộ Công ty Điện", "K-02", "Đảng bộ Khối"):
        assert secret not in texts, secret


def test_import_of_an_unknown_number_is_a_new_member(tree, user_with, people):
    """The sheet above is valid apart from the duplicate: the check is not vacuous."""
    importer = user_with(Role.BASE_SECRETARY, tree["base"])
    report = check_file(sheet(UNKNOWN), org=tree["base"], user=importer)
    assert report.ok and report.new == 1, [str(i) for i in report.issues]


def test_import_cannot_take_a_candidate_kept_outside_its_scope(tree, user_with, people):
    """A person on record who is not a member (an admission candidate of another base
    organization) is neither named nor taken over by an import from outside."""
    from dangbo.admission.services import case_create
    from dangbo.members.choices import Gender
    from dangbo.members.services import person_save

    candidate = person_save(
        full_name="Đinh Thị Ứng", gender=Gender.FEMALE, birth_date=dt.date(1995, 4, 2),
        citizen_id=CANDIDATE,
    )  # fmt: skip
    case_create(person=candidate, cell=tree["base_cell"], identified_on=dt.date(2024, 3, 1))
    outside = check_file(
        sheet(CANDIDATE), org=tree["base"], user=user_with(Role.BASE_SECRETARY, tree["base"])
    )
    texts = " ".join(str(issue) for issue in outside.issues)
    assert not outside.ok and "ngoài phạm vi" in texts, texts
    assert "Đinh Thị Ứng" not in texts and "K-02" not in texts
    # The candidate's own organization may admit her through an import.
    inside = check_file(
        sheet(CANDIDATE), org=tree["bloc"], user=user_with(Role.ORG_BOARD, tree["bloc"])
    )
    assert inside.ok and inside.new == 1, [str(i) for i in inside.issues]
