"""Mass-organization writes, figures and pages."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from dangbo.accounts.models import AuditEntry, Role
from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.massorgs import services
from dangbo.massorgs.models import MassOrgActivity, MassOrganization, MassOrgTerm

PERIOD = (dt.date(2021, 1, 1), dt.date(2021, 9, 30))


@pytest.fixture
def orgs(tree):
    bloc = services.massorg_save(kind="veterans", party_org=tree["bloc"], name="Hội CCB Khối")
    base = services.massorg_save(kind="trade_union", party_org=tree["base"],
                                 name="Công đoàn Sở Tài chính")  # fmt: skip
    other = services.massorg_save(kind="youth_union", party_org=tree["base_cell"],
                                  name="Đoàn Thanh niên Công ty Điện")  # fmt: skip
    services.activity_save(massorg=bloc, date=dt.date(2021, 4, 2), kind="fund_raising",
                           title="Ủng hộ Quỹ phòng, chống dịch", purpose="epidemic_fund",
                           amount_vnd=257_000_000)  # fmt: skip
    services.activity_save(massorg=base, date=dt.date(2021, 7, 1), kind="house_building",
                           title="Mái ấm công đoàn", purpose="houses", amount_vnd=50_000_000,
                           houses=1, beneficiaries=1)  # fmt: skip
    services.activity_save(massorg=other, date=dt.date(2021, 3, 20), kind="blood_donation",
                           title="Hiến máu tình nguyện", blood_units=12)  # fmt: skip
    services.activity_save(massorg=other, date=dt.date(2021, 10, 2), kind="support",
                           title="Xuân yêu thương", purpose="social_security",
                           amount_vnd=9_000_000)  # fmt: skip
    return {"bloc": bloc, "base": base, "other": other}


def _value(key, scope):
    return registry.value(key, Context(scope=scope, at=PERIOD[1], period=PERIOD))


def test_figures_of_a_period_and_a_subtree(tree, orgs):
    assert _value("massorg.funds", tree["bloc"]) == 307_000_000
    assert _value("massorg.funds", tree["base"]) == 50_000_000
    assert _value("massorg.funds_by_kind", tree["bloc"]) == {
        "Công đoàn": 50_000_000, "Hội Cựu chiến binh": 257_000_000,
    }  # fmt: skip
    assert _value("massorg.funds_by_purpose", tree["bloc"]) == {
        "Quỹ phòng, chống dịch": 257_000_000, "Nhà tình nghĩa, mái ấm": 50_000_000,
    }  # fmt: skip
    assert _value("massorg.houses", tree["bloc"]) == 1
    assert _value("massorg.blood_units", tree["bloc"]) == 12
    assert _value("massorg.activities", tree["bloc"]) == 3
    assert _value("massorg.beneficiaries", tree["bloc"]) == 1


def test_members_are_the_latest_count_summed(tree, orgs):
    services.membership_record(massorg=orgs["bloc"], as_of=dt.date(2020, 12, 31), members=40)
    services.membership_record(massorg=orgs["bloc"], as_of=dt.date(2021, 6, 30), members=43)
    services.membership_record(massorg=orgs["base"], as_of=dt.date(2021, 6, 30), members=120)
    services.membership_record(massorg=orgs["base"], as_of=dt.date(2021, 12, 31), members=125)
    assert _value("massorg.members", tree["bloc"]) == 43 + 120
    at = Context(scope=tree["bloc"], at=dt.date(2021, 3, 1))
    assert registry.value("massorg.members", at) == 40


def test_bad_activity_changes_nothing(orgs):
    before = MassOrgActivity.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.activity_save(massorg=orgs["base"], date=dt.date(2021, 7, 1),
                               kind="house_building", title="Nhà", purpose="houses",
                               amount_vnd=50_000_000)  # fmt: skip
    assert "houses" in caught.value.message_dict
    assert MassOrgActivity.objects.count() == before


def test_terms_do_not_overlap_and_one_kind_per_party_org(tree, orgs):
    services.term_create(massorg=orgs["base"], name="2017–2022", congress_on=dt.date(2017, 6, 1))
    services.term_create(massorg=orgs["base"], name="2022–2027", congress_on=dt.date(2022, 6, 1))
    with pytest.raises(ValidationError) as caught:
        services.term_create(massorg=orgs["base"], name="2020–2025",
                             congress_on=dt.date(2020, 6, 1))  # fmt: skip
    assert "Trùng thời gian với nhiệm kỳ" in caught.value.message_dict["name"][0]
    assert MassOrgTerm.objects.count() == 2
    with pytest.raises(ValidationError) as caught:
        services.massorg_save(kind="trade_union", party_org=tree["base"], name="Công đoàn 2")
    assert "đã có tổ chức" in caught.value.message_dict["kind"][0]
    entries = AuditEntry.objects.filter(object_type="mass_organization",
                                        object_id=str(orgs["base"].pk))  # fmt: skip
    assert entries.count() == 3  # created, two congresses


def test_pages_lists_detail_and_exports(client, users, orgs):
    client.force_login(users[Role.BLOC_OFFICE])
    assert client.get("/quan-ly/doan-the/").status_code == 200
    text = client.get("/quan-ly/doan-the/to-chuc-doan-the/", {"q": "cong doan so"}).content.decode()
    assert "Công đoàn Sở Tài chính" in text and "Hội CCB Khối" not in text
    detail = client.get(f"/quan-ly/doan-the/to-chuc-doan-the/{orgs['bloc'].pk}/").content.decode()
    assert "257.000.000 đ" in detail and 'data-chart="chart-money"' in detail
    assert "Lịch sử thay đổi" in detail
    listed = client.get("/quan-ly/doan-the/hoat-dong/", {"year": 2021, "purpose": "houses"})
    assert "Mái ấm công đoàn" in listed.content.decode()
    assert "Ủng hộ Quỹ phòng" not in listed.content.decode()
    for url, expected in (
        ("/quan-ly/doan-the/to-chuc-doan-the/xuat-excel/", "Hội CCB Khối"),
        ("/quan-ly/doan-the/hoat-dong/xuat-excel/", "Mái ấm công đoàn"),
    ):
        book = openpyxl.load_workbook(io.BytesIO(client.get(url).content))
        cells = [str(v) for row in book.active.iter_rows(values_only=True) for v in row if v]
        assert expected in cells, url
    # Reading is allowed, writing is not (403), and nothing changed.
    assert (
        client.get(f"/quan-ly/doan-the/to-chuc-doan-the/{orgs['bloc'].pk}/sua/").status_code == 403
    )
    assert (
        client.post(
            f"/quan-ly/doan-the/to-chuc-doan-the/{orgs['bloc'].pk}/hoat-dong/them/", {}
        ).status_code
        == 403
    )


def test_a_base_secretary_sees_only_their_base(client, users, orgs):
    client.force_login(users[Role.BASE_SECRETARY])
    text = client.get("/quan-ly/doan-the/to-chuc-doan-the/").content.decode()
    assert "Công đoàn Sở Tài chính" in text and "Hội CCB Khối" not in text
    assert client.get(f"/quan-ly/doan-the/to-chuc-doan-the/{orgs['other'].pk}/").status_code == 404


def test_activity_form_errors_next_to_fields_then_saved(client, users, orgs):
    client.force_login(users[Role.MASS_MOBILIZATION])
    url = f"/quan-ly/doan-the/to-chuc-doan-the/{orgs['base'].pk}/hoat-dong/them/"
    data = {"date": "01/08/2021", "kind": "fund_raising", "title": "Ủng hộ đồng bào bão lũ",
            "purpose": "", "amount_vnd": "12.500.000"}  # fmt: skip
    text = client.post(url, data).content.decode()
    assert 'data-field="purpose">Có số tiền thì phải chọn mục đích sử dụng.' in text
    text = client.post(url, data | {"amount_vnd": "mười triệu"}).content.decode()
    assert 'data-field="amount_vnd">Số tiền ghi bằng chữ số' in text
    assert client.post(url, data | {"purpose": "disaster"}).status_code == 302
    saved = MassOrgActivity.objects.get(title="Ủng hộ đồng bào bão lũ")
    assert saved.amount_vnd == 12_500_000
    edit = f"/quan-ly/doan-the/hoat-dong-doan-the/{saved.pk}/sua/"
    assert (
        client.post(
            edit,
            data
            | {"purpose": "disaster", "amount_vnd": "13000000", "expected_version": saved.version},
        ).status_code
        == 302
    )
    saved.refresh_from_db()
    assert saved.amount_vnd == 13_000_000
    detail = client.get(f"/quan-ly/doan-the/hoat-dong-doan-the/{saved.pk}/").content.decode()
    assert "Sửa hoạt động" in detail and "13.000.000 đ" in detail


def test_term_and_count_forms(client, users, orgs):
    client.force_login(users[Role.BASE_SECRETARY])
    pk = orgs["base"].pk
    text = client.post(f"/quan-ly/doan-the/to-chuc-doan-the/{pk}/nhiem-ky/them/",
                       {"name": "2022", "congress_on": "10/05/2022"}).content.decode()  # fmt: skip
    assert 'data-field="name">Nhiệm kỳ ghi theo dạng' in text
    assert (
        client.post(
            f"/quan-ly/doan-the/to-chuc-doan-the/{pk}/nhiem-ky/them/",
            {"name": "2022-2027", "congress_on": "10/05/2022"},
        ).status_code
        == 302
    )
    assert MassOrgTerm.objects.get(massorg_id=pk).name == "2022–2027"
    assert (
        client.post(
            f"/quan-ly/doan-the/to-chuc-doan-the/{pk}/so-luong/them/",
            {"as_of": "31/12/2021", "members": "130"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            "/quan-ly/doan-the/to-chuc-doan-the/them/",
            {
                "kind": "veterans",
                "party_org": orgs["other"].party_org_id,
                "name": "Hội CCB Điện",
            },
        ).status_code
        == 200
    )  # outside the base secretary's reach: refused by the picker
    assert not MassOrganization.objects.filter(name="Hội CCB Điện").exists()
