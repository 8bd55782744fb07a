"""The emulation pages through the test client: lists, filters, details, forms with errors
next to fields, the formset (all rows or none), exports, 403/404."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from dangbo.accounts.models import Role
from dangbo.emulation import services
from dangbo.emulation.models import Commendation, CommendationProposal, DanVanModel
from dangbo.emulation.services import RecipientLine

DAY = dt.date(2021, 5, 18)


@pytest.fixture
def records(tree):
    bloc = services.commendation_save(
        org=tree["bloc"], decided_on=DAY, decision_number="215-QĐ/ĐUK", level="bloc_standing",
        form="giay_khen", theme="ct05", year_from=2016, year_to=2021,
        recipients=[RecipientLine(kind="collective", org=tree["base"]),
                    RecipientLine(kind="individual", name="Trần Văn Bình")],
    )  # fmt: skip
    base = services.commendation_save(
        org=tree["base"], decided_on=dt.date(2022, 12, 20), decision_number="31-QĐ/ĐU",
        level="base_committee", form="giay_khen", theme="excellent",
        recipients=[RecipientLine(kind="individual", name="Đặng Thu Hà")],
    )  # fmt: skip
    other = services.commendation_save(
        org=tree["base_cell"], decided_on=dt.date(2022, 12, 20), decision_number="9-QĐ/CB",
        level="base_committee", form="giay_khen", theme="excellent",
        recipients=[RecipientLine(kind="individual", name="Phí Văn Khải")],
    )  # fmt: skip
    model = services.model_save(unit=tree["base"], name="Một cửa thân thiện",
                                field="political_system", registered_year=2022,
                                status="implementing")  # fmt: skip
    proposal = services.proposal_create(
        org=tree["bloc"], to_level="province_chair", form="bang_khen", theme="ct05",
        submitted_on=dt.date(2021, 6, 1), collectives=3, individuals=1,
    )  # fmt: skip
    return {"bloc": bloc, "base": base, "other": other, "model": model, "proposal": proposal}


def _login(client, user):
    client.force_login(user)
    return client


def test_home_shows_this_years_figures(client, users, records):
    response = _login(client, users["superuser"]).get("/quan-ly/thi-dua/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-key="commendation.collectives"' in text and "Tổng quan" in text


def test_list_search_ignores_diacritics_and_filters(client, users, records):
    client = _login(client, users["superuser"])
    text = client.get("/quan-ly/thi-dua/khen-thuong/", {"q": "tran van binh"}).content.decode()
    assert "215-QĐ/ĐUK" in text and "31-QĐ/ĐU" not in text
    text = client.get("/quan-ly/thi-dua/khen-thuong/", {"level": "base_committee"}).content.decode()
    assert "31-QĐ/ĐU" in text and "215-QĐ/ĐUK" not in text
    text = client.get("/quan-ly/thi-dua/khen-thuong/", {"year": 2021, "kind": "collective"})
    assert "215-QĐ/ĐUK" in text.content.decode()


def test_a_base_secretary_sees_only_their_base(client, users, records):
    client = _login(client, users[Role.BASE_SECRETARY])
    text = client.get("/quan-ly/thi-dua/khen-thuong/").content.decode()
    assert "31-QĐ/ĐU" in text and "215-QĐ/ĐUK" not in text and "9-QĐ/CB" not in text
    assert client.get(f"/quan-ly/thi-dua/khen-thuong/{records['other'].pk}/").status_code == 404
    assert client.get(f"/quan-ly/thi-dua/khen-thuong/{records['base'].pk}/").status_code == 200


def test_detail_shows_recipients_and_history(client, users, records):
    text = (
        _login(client, users["superuser"])
        .get(f"/quan-ly/thi-dua/khen-thuong/{records['bloc'].pk}/")
        .content.decode()
    )
    assert "Trần Văn Bình" in text and "Đảng bộ Sở Tài chính" in text
    assert "Lịch sử thay đổi" in text and "Ghi nhận quyết định khen thưởng số 215-QĐ/ĐUK" in text


def test_readers_may_not_edit(client, users, records):
    client = _login(client, users[Role.PROPAGANDA])
    assert client.get(f"/quan-ly/thi-dua/khen-thuong/{records['bloc'].pk}/").status_code == 200
    assert client.get(f"/quan-ly/thi-dua/khen-thuong/{records['bloc'].pk}/sua/").status_code == 403
    assert client.get("/quan-ly/thi-dua/khen-thuong/them/").status_code == 403
    assert client.get("/quan-ly/thi-dua/mo-hinh-dan-van/them/").status_code == 403


def _post_data(tree, rows):
    data = {
        "org": tree["bloc"].pk, "decision_number": "300-QĐ/ĐUK", "decided_on": "20/05/2021",
        "level": "bloc_standing", "form": "giay_khen", "theme": "ct05", "theme_other": "",
        "year_from": "2016", "year_to": "2021", "note": "",
        "r-TOTAL_FORMS": str(len(rows)), "r-INITIAL_FORMS": "0", "r-MIN_NUM_FORMS": "0",
        "r-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"r-{i}-{key}"] = value
    return data


def test_create_with_recipients_in_one_form(client, users, tree, make_member):
    member = make_member(tree["cell_a"], name="Lê Thị Hạnh")
    type(member).objects.filter(pk=member.pk).update(card_number="123456789012")
    client = _login(client, users[Role.ORG_BOARD])
    assert client.get("/quan-ly/thi-dua/khen-thuong/them/").status_code == 200
    response = client.post("/quan-ly/thi-dua/khen-thuong/them/", _post_data(tree, [
        {"kind": "collective", "org": tree["base"].pk},
        {"kind": "individual", "member_card": "123456789012", "position": "Chuyên viên"},
        {},
    ]))  # fmt: skip
    assert response.status_code == 302
    c = Commendation.objects.get(decision_number="300-QĐ/ĐUK")
    assert c.recipients.count() == 2 and c.recipients.get(kind="individual").member == member


def test_one_bad_row_shows_its_error_next_to_the_field_and_saves_nothing(client, users, tree):
    client = _login(client, users[Role.ORG_BOARD])
    response = client.post("/quan-ly/thi-dua/khen-thuong/them/", _post_data(tree, [
        {"kind": "collective", "org": tree["base"].pk},
        {"kind": "individual", "name": "", "position": "Kế toán"},
    ]))  # fmt: skip
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-field="name">Cá nhân được khen: chọn đảng viên hoặc ghi họ và tên.' in text
    response = client.post("/quan-ly/thi-dua/khen-thuong/them/", _post_data(tree, [
        {"kind": "collective", "org": tree["base"].pk},
        {"kind": "individual", "member_card": "999999999999"},
    ]))  # fmt: skip
    text = response.content.decode()
    assert 'data-field="member_card">Không tìm thấy đảng viên có số thẻ 999999999999' in text
    assert not Commendation.objects.exists()


def test_header_errors_show_next_to_their_fields(client, users, tree):
    client = _login(client, users[Role.ORG_BOARD])
    data = _post_data(tree, [{"kind": "individual", "name": "A"}]) | {
        "form": "bang_khen", "level": "base_committee", "year_to": "2022",
    }  # fmt: skip
    text = client.post("/quan-ly/thi-dua/khen-thuong/them/", data).content.decode()
    assert 'data-field="level">Khen thưởng của đảng ủy, chi bộ cơ sở' in text
    assert 'data-field="form">' in text and 'data-field="year_to">' in text
    assert not Commendation.objects.exists()


def test_edit_page_keeps_rows(client, users, records):
    client = _login(client, users["superuser"])
    text = client.get(f"/quan-ly/thi-dua/khen-thuong/{records['bloc'].pk}/sua/").content.decode()
    assert 'value="Trần Văn Bình"' in text


def test_exports_open_with_openpyxl(client, users, records):
    client = _login(client, users[Role.BLOC_OFFICE])
    for url, expected in (
        ("/quan-ly/thi-dua/khen-thuong/xuat-excel/", "Trần Văn Bình"),
        ("/quan-ly/thi-dua/de-nghi-khen-thuong/xuat-excel/", "Chủ tịch UBND tỉnh"),
        ("/quan-ly/thi-dua/mo-hinh-dan-van/xuat-excel/", "Một cửa thân thiện"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        cells = [str(v) for row in book.active.iter_rows(values_only=True) for v in row if v]
        assert expected in cells, url


def test_proposal_pages_and_decide(client, users, records):
    client = _login(client, users[Role.ORG_BOARD])
    pk = records["proposal"].pk
    assert (
        "Chủ tịch UBND tỉnh" in client.get("/quan-ly/thi-dua/de-nghi-khen-thuong/").content.decode()
    )
    assert client.get(f"/quan-ly/thi-dua/de-nghi-khen-thuong/{pk}/").status_code == 200
    bad = client.post(f"/quan-ly/thi-dua/de-nghi-khen-thuong/{pk}/ket-qua/",
                      {"outcome": "approved", "decided_on": "01/01/2021"})  # fmt: skip
    assert 'data-field="decided_on">Ngày có kết quả phải từ ngày trình (01/06/2021).' in (
        bad.content.decode()
    )
    ok = client.post(f"/quan-ly/thi-dua/de-nghi-khen-thuong/{pk}/ket-qua/",
                     {"outcome": "rejected", "decided_on": "01/08/2021"})  # fmt: skip
    assert ok.status_code == 302
    assert CommendationProposal.objects.get(pk=pk).outcome == "rejected"


def test_proposal_form_error_next_to_field(client, users, tree):
    client = _login(client, users[Role.ORG_BOARD])
    text = client.post("/quan-ly/thi-dua/de-nghi-khen-thuong/them/", {
        "org": tree["bloc"].pk, "to_level": "base_committee", "form": "giay_khen",
        "theme": "ct05", "submitted_on": "01/06/2021", "collectives": "1", "individuals": "0",
    }).content.decode()  # fmt: skip
    assert 'data-field="to_level">' in text and not CommendationProposal.objects.exists()


def test_models_need_mobilize(client, users, tree, records):
    # The cell secretary may change commendations but not register models.
    cell = _login(client, users[Role.CELL_SECRETARY])
    assert cell.get("/quan-ly/thi-dua/mo-hinh-dan-van/them/").status_code == 403
    client.logout()
    mobilization = _login(client, users[Role.MASS_MOBILIZATION])
    data = {"unit": tree["base_cell"].pk, "name": "Tiết kiệm điện", "field": "economy",
            "registered_year": "2023", "status": "recognized"}  # fmt: skip
    text = mobilization.post("/quan-ly/thi-dua/mo-hinh-dan-van/them/", data).content.decode()
    assert 'data-field="recognized_on">Mô hình đã được công nhận: nhập ngày công nhận.' in text
    response = mobilization.post(
        "/quan-ly/thi-dua/mo-hinh-dan-van/them/", data | {"recognized_on": "01/12/2023"}
    )
    assert response.status_code == 302
    model = DanVanModel.objects.get(name="Tiết kiệm điện")
    text = mobilization.get(f"/quan-ly/thi-dua/mo-hinh-dan-van/{model.pk}/").content.decode()
    assert "Đăng ký mô hình “Dân vận khéo” “Tiết kiệm điện”" in text
    listed = mobilization.get("/quan-ly/thi-dua/mo-hinh-dan-van/", {"q": "tiet kiem"})
    assert "Tiết kiệm điện" in listed.content.decode()
    assert "Một cửa thân thiện" not in listed.content.decode()
