"""Demo records of Đoàn thể: the trade union, the Youth Union and the veterans'
association of the bloc and of the host units, their congresses, member counts and
activities.

1–9/2021 holds exactly the seed's money (split among the bloc's organizations and some of
the host units'): veterans 257.000.000 đ to the epidemic fund, 75.500.000 đ to other
campaigns and a house worth 70.000.000 đ; the Youth Union 1.036.500.000 đ of support
("hơn 1 tỷ") and 32 units of blood ("hơn 30"); the trade union 100.000.000 đ for two "Mái
ấm công đoàn" houses, 95.000.000 đ lent to two members and 196.800.000 đ of support ("gần
200 triệu"): 1.830.800.000 đ in all. Other years: plausible activities up to today. The
bloc's own organizations stop at the 2025 restructuring (the bloc was dissolved). Every
record passes massorgs.rules; written in bulk."""

from __future__ import annotations

import datetime as dt
import random

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.text import fold
from dangbo.demo.people import random_date
from dangbo.massorgs import rules
from dangbo.massorgs.models import (
    MassOrgActivity,
    MassOrganization,
    MassOrgMembership,
    MassOrgTerm,
)
from dangbo.orgs.models import BASE_KINDS, Organization, Sector
from dangbo.orgs.selectors import subtree_versions_at

RESTRUCTURE = dt.date(2025, 2, 10)
SEED_START, SEED_END = dt.date(2021, 1, 1), dt.date(2021, 9, 30)
FIRST_YEAR = 2019
CHAIRS = ["Nguyễn Văn Hùng", "Lê Thị Hoa", "Trần Đức Thắng", "Phạm Thị Lan", "Hoàng Văn Nam",
          "Đỗ Thị Mai", "Vũ Minh Tuấn", "Bùi Thị Hương", "Đặng Quang Sơn",
          "Ngô Thị Nga"]  # fmt: skip
# (kind, purpose, title): what each organization does in an ordinary year.
ROUTINE = {
    "trade_union": [
        ("support", "member_support", "Thăm hỏi, hỗ trợ đoàn viên ốm đau, khó khăn"),
        ("support", "member_support", "Chương trình “Tết sum vầy” cho người lao động"),
        ("fund_raising", "social_security", "Ủng hộ Quỹ “Vì người nghèo”"),
        ("fund_raising", "disaster", "Ủng hộ đồng bào bị thiệt hại do bão lũ"),
    ],
    "youth_union": [
        ("support", "volunteer", "Chiến dịch thanh niên tình nguyện hè"),
        ("fund_raising", "social_security", "Trao quà cho học sinh nghèo vượt khó"),
        ("support", "social_security", "Chương trình “Xuân yêu thương”"),
    ],
    "veterans": [
        ("fund_raising", "campaigns", "Ủng hộ các chương trình do các cấp phát động"),
        ("support", "member_support", "Thăm hỏi hội viên ốm đau, gia đình chính sách"),
    ],
}
BLOC_NAMES = {
    "trade_union": "Công đoàn Viên chức tỉnh",
    "youth_union": "Đoàn Thanh niên Khối các cơ quan và doanh nghiệp tỉnh",
    "veterans": "Hội Cựu chiến binh Khối các cơ quan và doanh nghiệp tỉnh",
}
PREFIX = {"trade_union": "Công đoàn", "youth_union": "Đoàn Thanh niên", "veterans": "Hội CCB"}


def _split(rng: random.Random, total: int, parts: int, step: int = 500_000) -> list[int]:
    """`total` đồng in `parts` amounts, multiples of `step`, summing exactly."""
    units = total // step
    cuts = sorted(rng.sample(range(1, units), parts - 1))
    amounts = [(b - a) * step for a, b in zip([0, *cuts], [*cuts, units], strict=True)]
    amounts[-1] += total - units * step
    return amounts


def build_massorgs(rng: random.Random, today: dt.date) -> int:
    bloc = Organization.objects.filter(code="DBK").first()
    if bloc is None:
        return 0
    # The bloc's base organizations as the tree stood before the 2025 restructuring.
    ids = subtree_versions_at(bloc, SEED_END).filter(kind__in=BASE_KINDS).values("org_id")
    bases = list(Organization.objects.filter(pk__in=ids).order_by("code"))
    massorgs = _organizations(rng, bloc, bases)
    written = len(massorgs)
    written += _terms_and_counts(rng, massorgs, today)
    activities = _seed_activities(rng, massorgs) + _routine(rng, massorgs, today)
    for a in activities:
        errors = rules.check_activity(
            kind=a.kind, title=a.title, date=a.date, purpose=a.purpose, amount_vnd=a.amount_vnd,
            houses=a.houses, blood_units=a.blood_units, beneficiaries=a.beneficiaries,
            today=today,
        )  # fmt: skip
        assert not errors, (a.title, errors)
        a.search_text = fold(f"{a.title} {a.notes}")
    MassOrgActivity.objects.bulk_create(activities, batch_size=2000)
    written += len(activities)
    audit_log(
        user=None, action=AuditAction.CHANGE, object_type="mass_organization",
        description=f"Dữ liệu mẫu: {len(massorgs)} tổ chức đoàn thể, {len(activities)} hoạt động",
    )  # fmt: skip
    return written


def _organizations(
    rng: random.Random, bloc: Organization, bases: list[Organization]
) -> dict[str, list[MassOrganization]]:
    rows: list[MassOrganization] = []
    for kind, name in BLOC_NAMES.items():
        rows.append(MassOrganization(kind=kind, party_org=bloc, name=name, host_unit_name=""))
    for base in bases:
        unit = base.host_unit_name or base.name
        kinds = ["trade_union"]
        if rng.random() < 0.7:
            kinds.append("youth_union")
        if base.sector in (Sector.STATE_AGENCY, Sector.STATE_ENTERPRISE) or rng.random() < 0.2:
            kinds.append("veterans")
        for kind in kinds:
            rows.append(
                MassOrganization(
                    kind=kind, party_org=base, name=f"{PREFIX[kind]} {unit}", host_unit_name=unit
                )  # fmt: skip
            )
    for m in rows:
        assert not rules.check_massorg(name=m.name, party_org_kind=m.party_org.kind)
        m.search_text = fold(f"{m.name} {m.host_unit_name} {m.party_org.name}")
    made = MassOrganization.objects.bulk_create(rows)
    out: dict[str, list[MassOrganization]] = {"bloc": made[:3]}
    for m in made[3:]:
        out.setdefault(m.kind, []).append(m)
    return out


def _terms_and_counts(
    rng: random.Random, massorgs: dict[str, list[MassOrganization]], today: dt.date
) -> int:
    terms, counts = [], []
    for m in [m for group in massorgs.values() for m in group]:
        is_bloc = m.party_org.code == "DBK"
        start = 2017 if m.kind != "youth_union" else 2017
        size = {"trade_union": rng.randint(25, 400), "youth_union": rng.randint(10, 120),
                "veterans": rng.randint(8, 60)}[m.kind] * (12 if is_bloc else 1)  # fmt: skip
        for first in (start, start + 5):
            congress = random_date(rng, dt.date(first, 3, 1), dt.date(first, 11, 30))
            last_day = RESTRUCTURE if is_bloc else today
            if congress > min(today, last_day):
                continue
            name = f"{first}–{first + 5}"
            assert not rules.check_term(rules.rules_at(congress), name=name, congress_on=congress,
                                        today=today)  # fmt: skip
            terms.append(
                MassOrgTerm(
                    massorg=m,
                    congress_on=congress,
                    name=name,
                    start_year=first,
                    end_year=first + 5,
                    chair_name=rng.choice(CHAIRS),
                    committee_size=rng.choice([5, 7, 9, 11, 15])
                    if is_bloc
                    else rng.choice([3, 5, 7]),
                )  # fmt: skip
            )
        for year in range(FIRST_YEAR, today.year + 1):
            for as_of in (dt.date(year, 6, 30), dt.date(year, 12, 31)):
                if as_of > today or (is_bloc and as_of >= RESTRUCTURE):
                    continue
                size = max(1, size + rng.randint(-3, 4) * (5 if is_bloc else 1))
                counts.append(MassOrgMembership(massorg=m, as_of=as_of, members=size))
    MassOrgTerm.objects.bulk_create(terms, batch_size=2000)
    MassOrgMembership.objects.bulk_create(counts, batch_size=2000)
    return len(terms) + len(counts)


def _spread(
    rng: random.Random, total: int, orgs: list[MassOrganization], parts: int, *, kind: str,
    purpose: str, title: str, start: dt.date = SEED_START, end: dt.date = SEED_END,
    beneficiaries: tuple[int, int] = (0, 0),
) -> list[MassOrgActivity]:  # fmt: skip
    chosen = [orgs[0], *rng.sample(orgs[1:], min(parts - 1, len(orgs) - 1))]
    amounts = _split(rng, total, len(chosen))
    return [
        MassOrgActivity(
            massorg=m,
            date=random_date(rng, start, end),
            kind=kind,
            title=title,
            purpose=purpose,
            amount_vnd=amount,
            beneficiaries=rng.randint(*beneficiaries),
        )  # fmt: skip
        for m, amount in zip(chosen, amounts, strict=True)
    ]


def _seed_activities(
    rng: random.Random, massorgs: dict[str, list[MassOrganization]]
) -> list[MassOrgActivity]:
    """1–9/2021, from the seed."""
    union, youth, veterans = massorgs["bloc"]
    vets = [veterans, *massorgs.get("veterans", [])]
    youths = [youth, *massorgs.get("youth_union", [])]
    unions = [union, *massorgs.get("trade_union", [])]
    rows = _spread(rng, 257_000_000, vets, 7, kind="fund_raising", purpose="epidemic_fund",
                   title="Ủng hộ Quỹ phòng, chống dịch Covid-19")  # fmt: skip
    rows += _spread(rng, 75_500_000, vets, 3, kind="fund_raising", purpose="campaigns",
                    title="Ủng hộ các chương trình do các cấp, các ngành phát động")  # fmt: skip
    company = next((m for m in vets[1:] if "Công ty" in m.name), vets[-1])
    rows.append(
        MassOrgActivity(
            massorg=company,
            date=dt.date(2021, 7, 27),
            kind="house_building",
            title="Xây nhà tình nghĩa cho hội viên Cựu chiến binh",
            purpose="houses",
            amount_vnd=70_000_000,
            houses=1,
            beneficiaries=1,
        )  # fmt: skip
    )
    youth_parts = [
        (420_000_000, "epidemic_fund", "Ủng hộ các quỹ, chốt kiểm soát dịch bệnh Covid-19"),
        (316_500_000, "social_security", "Trao tặng trực tiếp cho các đối tượng khó khăn"),
        (300_000_000, "volunteer", "Hoạt động tình nguyện, công trình phần việc thanh niên"),
    ]  # 1.036.500.000 đ
    for total, purpose, title in youth_parts:
        rows += _spread(rng, total, youths, 4, kind="support", purpose=purpose, title=title,
                        beneficiaries=(5, 60))  # fmt: skip
    for units, m in zip((12, 11, 9), [youth, *rng.sample(youths[1:], 2)], strict=True):
        rows.append(
            MassOrgActivity(
                massorg=m,
                date=random_date(rng, dt.date(2021, 3, 1), dt.date(2021, 9, 15)),
                kind="blood_donation",
                title="Vận động đoàn viên thanh niên hiến máu tình nguyện",
                blood_units=units,
            )  # fmt: skip
        )
    rows.append(
        MassOrgActivity(
            massorg=youth,
            date=dt.date(2021, 3, 26),
            kind="campaign",
            title="Cuộc thi ảnh “Tự hào áo xanh Thanh niên Việt Nam”",
            notes="Kỷ niệm 90 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh",
        )  # fmt: skip
    )
    for day in (dt.date(2021, 5, 14), dt.date(2021, 8, 20)):
        rows.append(
            MassOrgActivity(
                massorg=union,
                date=day,
                kind="house_building",
                title="Hỗ trợ xây nhà “Mái ấm công đoàn” cho đoàn viên",
                purpose="houses",
                amount_vnd=50_000_000,
                houses=1,
                beneficiaries=1,
            )  # fmt: skip
        )
    rows.append(
        MassOrgActivity(
            massorg=union,
            date=dt.date(2021, 6, 10),
            kind="loan",
            title="Cho 02 đoàn viên vay vốn phát triển kinh tế gia đình",
            purpose="loans",
            amount_vnd=95_000_000,
            beneficiaries=2,
        )  # fmt: skip
    )
    rows += _spread(rng, 96_800_000, unions, 5, kind="support", purpose="member_support",
                    title="Chương trình “Tết sum vầy - Gắn kết yêu thương” năm 2021",
                    start=dt.date(2021, 1, 15), end=dt.date(2021, 2, 10),
                    beneficiaries=(10, 40))  # fmt: skip
    rows += _spread(rng, 100_000_000, unions, 6, kind="support", purpose="member_support",
                    title="Hỗ trợ đoàn viên, người lao động có hoàn cảnh khó khăn",
                    beneficiaries=(3, 25))  # fmt: skip
    return rows


def _routine(
    rng: random.Random, massorgs: dict[str, list[MassOrganization]], today: dt.date
) -> list[MassOrgActivity]:
    """Every other period: one to three activities a year per organization."""
    rows = []
    everyone = [m for group in massorgs.values() for m in group]
    for m in everyone:
        is_bloc = m.party_org.code == "DBK"
        for year in range(FIRST_YEAR, today.year + 1):
            for _ in range(rng.randint(1, 3)):
                kind, purpose, title = rng.choice(ROUTINE[m.kind])
                day = random_date(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
                if SEED_START <= day <= SEED_END:
                    day = random_date(rng, dt.date(2021, 10, 1), dt.date(2021, 12, 31))
                if day > today or (is_bloc and day >= RESTRUCTURE):
                    continue
                amount = rng.randint(4, 80) * 500_000 * (5 if is_bloc else 1)
                rows.append(
                    MassOrgActivity(
                        massorg=m,
                        date=day,
                        kind=kind,
                        title=title,
                        purpose=purpose,
                        amount_vnd=amount,
                        beneficiaries=rng.randint(2, 40),
                    )  # fmt: skip
                )
            if m.kind == "youth_union" and rng.random() < 0.5:
                day = random_date(rng, dt.date(year, 3, 1), dt.date(year, 3, 26))
                if (
                    day <= today
                    and not (SEED_START <= day <= SEED_END)
                    and not (is_bloc and day >= RESTRUCTURE)
                ):
                    rows.append(
                        MassOrgActivity(
                            massorg=m,
                            date=day,
                            kind="blood_donation",
                            title="Ngày hội hiến máu tình nguyện",
                            blood_units=rng.randint(5, 30),
                        )  # fmt: skip
                    )
    return rows
