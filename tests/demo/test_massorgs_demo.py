"""The mass-organization figures of the seed (1–9/2021), computed from the demo's records
by the CLI."""

from __future__ import annotations

import json

from test_demo_cli import run

MILLION = 1_000_000
# Hội Cựu chiến binh: 257 triệu to the epidemic fund, 75,5 triệu to other campaigns, a house
# worth 70 triệu.
VETERANS = 257 * MILLION + 75_500_000 + 70 * MILLION
# Công đoàn: 100 triệu for two houses, 95 triệu lent to two members, "gần 200 triệu" support.
UNION_EXACT = 100 * MILLION + 95 * MILLION
UNION_SUPPORT_ABOUT = 200 * MILLION
# Đoàn Thanh niên: "hơn 1 tỷ đồng", "hơn 30 đơn vị máu".
YOUTH_OVER = 1_000 * MILLION


def _values(db_url, *args):
    done = run(["indicators", "--scope", "DBK", *args, "--json"], db_url)
    assert done.returncode == 0, done.stderr
    return {k: v["value"] for k, v in json.loads(done.stdout).items()}


def test_money_houses_and_blood_of_1_to_9_2021(demo_db):
    values = _values(demo_db, "--period", "2021-01-01..2021-09-30")
    by_kind = values["massorg.funds_by_kind"]
    assert by_kind["Hội Cựu chiến binh"] == VETERANS == 402_500_000
    union = by_kind["Công đoàn"]
    assert UNION_EXACT + 0.95 * UNION_SUPPORT_ABOUT <= union < UNION_EXACT + UNION_SUPPORT_ABOUT
    youth = by_kind["Đoàn Thanh niên Cộng sản Hồ Chí Minh"]
    assert YOUTH_OVER < youth < 1.1 * YOUTH_OVER
    assert values["massorg.funds"] == VETERANS + union + youth
    assert values["massorg.funds"] == sum(values["massorg.funds_by_purpose"].values())
    purposes = values["massorg.funds_by_purpose"]
    assert purposes["Vay vốn phát triển kinh tế"] == 95 * MILLION
    assert purposes["Nhà tình nghĩa, mái ấm"] == 100 * MILLION + 70 * MILLION
    assert purposes["Quỹ phòng, chống dịch"] >= 257 * MILLION
    assert purposes["Các chương trình, cuộc vận động các cấp phát động"] == 75_500_000
    assert values["massorg.houses"] == 3  # two "Mái ấm công đoàn", one veterans' house
    assert 30 < values["massorg.blood_units"] <= 35
    assert values["massorg.members"] > 0 and values["massorg.activities"] > 0


def test_other_years_have_activities_too(demo_db):
    for year in (2019, 2022, 2024):
        values = _values(demo_db, "--period", f"{year}-01-01..{year}-12-31")
        assert values["massorg.funds"] > 0 and values["massorg.activities"] > 0, year
