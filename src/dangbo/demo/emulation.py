"""Demo records of Thi đua, khen thưởng: commendations, proposals and "Dân vận khéo" models
of the demo bloc, from the seeds and plausible around them.

- 18/5/2021, the five-year review of Chỉ thị 05-CT/TW: the bloc's standing committee
  commends 27 collectives and 57 individuals (the only commendations of 1–9/2021: the keys
  count every theme, and 1–9/2021 holds that decision alone);
- late 2021 and 2022: the province chairman's and the Prime Minister's certificates for
  2016–2021 (2 collectives and 1 individual by the Prime Minister) on the bloc's proposals,
  and the base committees' year-end Giấy khen;
- 15/6/2023, two years of Kết luận 01-KL/TW: 32 collectives and 50 individuals for
  2021–2023, the only commendations of 2023 (the 2023 year-end ones are decided in January
  2024); the proposal of 3 collectives and 1 individual to the province, decided in 2024;
- "Dân vận khéo": 110 models registered 2021–2024 by 71 base organizations, a few more
  after, a few stopped after 2024.

Every record passes emulation.rules; written in bulk."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import Q

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.text import fold
from dangbo.emulation import rules
from dangbo.emulation.models import (
    Commendation,
    CommendationProposal,
    CommendationRecipient,
    DanVanModel,
    ModelField,
    ModelStatus,
)
from dangbo.members.models import MemberPeriod
from dangbo.orgs.models import BASE_KINDS, Organization, OrgKind
from dangbo.orgs.selectors import subtree_versions_at

CT05 = "ct05"
SNAPSHOT = dt.date(2021, 9, 30)
MODELS_BY_2024 = 110
MODEL_UNITS_BY_2024 = 71
MODELS_PER_YEAR = {2021: 31, 2022: 28, 2023: 27, 2024: 24}
MODELS_LATER = {2025: 12, 2026: 9}
POSITIONS = ["Bí thư chi bộ", "Phó Bí thư chi bộ", "Chi ủy viên", "Trưởng phòng",
             "Phó Trưởng phòng", "Chuyên viên", "Kế toán trưởng", "Đảng viên",
             "Chủ tịch Công đoàn cơ sở", "Bí thư Chi đoàn", "Kỹ sư", "Giám đốc"]  # fmt: skip
MODEL_NAMES = {
    ModelField.ECONOMY: [
        "Tiết kiệm chi phí, nâng cao hiệu quả sản xuất kinh doanh",
        "Sáng kiến cải tiến kỹ thuật trong người lao động",
        "Đồng hành cùng doanh nghiệp tháo gỡ khó khăn",
        "Tiết kiệm điện, nước tại nơi làm việc",
        "Chuyển đổi số trong quản lý, kinh doanh",
    ],
    ModelField.CULTURE_SOCIETY: [
        "Ngày thứ Bảy tình nguyện vì cộng đồng",
        "Tương trợ đoàn viên có hoàn cảnh khó khăn",
        "Xây dựng cơ quan văn hóa, xanh - sạch - đẹp",
        "Tủ sách pháp luật tại cơ quan",
        "Chung tay phòng, chống dịch Covid-19",
        "Nhà nhân ái cho người lao động",
    ],
    ModelField.DEFENCE_SECURITY: [
        "Cơ quan an toàn về an ninh, trật tự",
        "Bảo vệ bí mật nhà nước trên không gian mạng",
        "Phòng cháy, chữa cháy tại chỗ",
    ],
    ModelField.POLITICAL_SYSTEM: [
        "Dân vận khéo trong cải cách thủ tục hành chính",
        "Đối thoại định kỳ giữa lãnh đạo và người lao động",
        "Cán bộ, đảng viên gương mẫu nơi cư trú",
        "Tiếp nhận, trả kết quả một cửa thân thiện",
        "Thực hiện tốt quy chế dân chủ ở cơ sở",
    ],
}


@dataclass
class _Decision:
    org: Organization
    decided_on: dt.date
    number: str
    level: str
    form: str
    theme: str
    years: tuple[int | None, int | None]
    collectives: list[tuple[Organization, str]]  # (organization, achievement)
    individuals: list[tuple[int | None, str, str]]  # (member id, name, position)
    theme_other: str = ""


def _bases() -> list[Organization]:
    """The bloc's base organizations as the tree stood before the 2025 restructuring."""
    bloc = Organization.objects.get(code="DBK")
    ids = subtree_versions_at(bloc, SNAPSHOT).filter(kind__in=BASE_KINDS).values("org_id")
    return list(Organization.objects.filter(pk__in=ids).order_by("code"))


def _base_of(bases: list[Organization]) -> dict[int, int]:
    """cell id -> base organization id (moves keep subtrees whole, so this holds always)."""
    by_path = sorted(((b.path, b.pk) for b in bases), key=lambda p: -len(p[0]))
    out: dict[int, int] = {}
    for org_id, path in Organization.objects.values_list("pk", "path"):
        for base_path, base_id in by_path:
            if path.startswith(base_path):
                out[org_id] = base_id
                break
    return out


def _members_on(day: dt.date, base_of: dict[int, int]) -> dict[int, list[tuple[int, str]]]:
    """base id -> [(member id, full name)] of members in its cells on `day`."""
    rows = (
        MemberPeriod.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .values_list("member_id", "org_id", "member__person__full_name")
        .order_by("member_id")
    )
    out: dict[int, list[tuple[int, str]]] = {}
    for member_id, org_id, name in rows:
        base = base_of.get(org_id)
        if base is not None:
            out.setdefault(base, []).append((member_id, name))
    return out


def _people(
    rng: random.Random, day: dt.date, bases: list[Organization], base_of: dict[int, int],
    count: int, within: list[Organization] | None = None,
) -> list[tuple[int | None, str, str]]:  # fmt: skip
    by_base = _members_on(day, base_of)
    pool = [(mid, name, b) for b in (within or bases) for mid, name in by_base.get(b.pk, [])]
    chosen = rng.sample(pool, min(count, len(pool)))
    return [
        (mid, name, f"{rng.choice(POSITIONS)}, {b.host_unit_name or b.name}")
        for mid, name, b in chosen
    ]


def _check(d: _Decision) -> None:
    rule = rules.rules_at(d.decided_on)
    problems = [
        rules.check_form(rule, d.level, d.form),
        rules.check_level_for_org(d.level, d.org.kind),
        rules.check_theme(d.theme, d.theme_other),
        *rules.check_period(rule, d.years[0], d.years[1], d.decided_on).values(),
    ]
    problems = [p for p in problems if p]
    assert not problems, (d.number, problems)


def _write(decisions: list[_Decision]) -> int:
    for d in decisions:
        _check(d)
    made = Commendation.objects.bulk_create(
        [
            Commendation(
                org=d.org,
                decided_on=d.decided_on,
                decision_number=d.number,
                level=d.level,
                form=d.form,
                theme=d.theme,
                theme_other=d.theme_other,
                year_from=d.years[0],
                year_to=d.years[1],
                search_text=fold(
                    " ".join(
                        [d.number, d.theme_other]
                        + [o.host_unit_name or o.name for o, _ in d.collectives]
                        + [f"{n} {p}" for _, n, p in d.individuals]
                    )
                ),
            )  # fmt: skip
            for d in decisions
        ]
    )
    recipients: list[CommendationRecipient] = []
    for c, d in zip(made, decisions, strict=True):
        for i, (org, achievement) in enumerate(d.collectives):
            recipients.append(
                CommendationRecipient(
                    commendation=c,
                    kind="collective",
                    org=org,
                    host_unit_name=org.host_unit_name if org.kind in BASE_KINDS else "",
                    achievement=achievement,
                    order=i,
                )  # fmt: skip
            )
        for j, (member_id, name, position) in enumerate(d.individuals):
            recipients.append(
                CommendationRecipient(
                    commendation=c,
                    kind="individual",
                    member_id=member_id,
                    name=name,
                    position=position,
                    order=len(d.collectives) + j,
                )  # fmt: skip
            )
    CommendationRecipient.objects.bulk_create(recipients, batch_size=2000)
    return len(recipients)


def build_emulation(rng: random.Random, today: dt.date) -> int:
    """Write the demo's commendations, proposals and models; return how many rows."""
    bloc = Organization.objects.filter(code="DBK").first()
    if bloc is None:
        return 0
    bases = _bases()
    base_of = _base_of(bases)
    decisions: list[_Decision] = []
    serial = iter(range(1000, 100000))

    def bloc_decision(
        day: dt.date, level: str, form: str, theme: str, years: tuple[int | None, int | None],
        n_coll: int, n_ind: int, achievement: str,
    ) -> _Decision | None:  # fmt: skip
        if day > today or day >= dt.date(2025, 2, 10):
            return None
        alive = [b for b in bases if b.founded_on <= day]
        return _Decision(
            org=bloc, decided_on=day, number=f"{next(serial)}-QĐ/ĐUK", level=level, form=form,
            theme=theme, years=years,
            collectives=[(b, achievement) for b in rng.sample(alive, n_coll)],
            individuals=_people(rng, day, alive, base_of, n_ind),
        )  # fmt: skip

    seeded = [
        # Sơ kết 5 năm Chỉ thị 05-CT/TW (the seed of 1–9/2021).
        bloc_decision(dt.date(2021, 5, 18), "bloc_standing", "giay_khen", CT05, (2016, 2021),
                      27, 57, "Điển hình tiêu biểu học tập và làm theo Bác"),
        # The province chairman's certificates for 2016–2021, on the bloc's proposal.
        bloc_decision(dt.date(2021, 12, 15), "province_chair", "bang_khen", CT05, (2016, 2021),
                      5, 8, "Thành tích xuất sắc giai đoạn 2016–2021"),
        # The Prime Minister's certificates (seed: 2 collectives and 1 individual).
        bloc_decision(dt.date(2022, 3, 10), "prime_minister", "bang_khen", CT05, (2016, 2021),
                      2, 1, "Thành tích tiêu biểu giai đoạn 2016–2021"),
        # Sơ kết 2 năm Kết luận 01-KL/TW (the seed of 2023).
        bloc_decision(dt.date(2023, 6, 15), "bloc_standing", "giay_khen", CT05, (2021, 2023),
                      32, 50, "Thành tích xuất sắc giai đoạn 2021–2023"),
        # The province's answer to the bloc's proposal of 2023.
        bloc_decision(dt.date(2024, 1, 20), "province_chair", "bang_khen", CT05, (2021, 2023),
                      3, 1, "Thành tích xuất sắc giai đoạn 2021–2023"),
        bloc_decision(dt.date(2024, 5, 17), "bloc_standing", "giay_khen", CT05, (2021, 2024),
                      24, 41, "Điển hình tiên tiến giai đoạn 2021–2024"),
        bloc_decision(dt.date(2024, 10, 15), "bloc_standing", "giay_khen", "dan_van_kheo",
                      (2024, 2024), 12, 15, "Thực hiện tốt mô hình “Dân vận khéo”"),
        bloc_decision(dt.date(2022, 12, 20), "bloc_standing", "bang_khen", "excellent",
                      (2022, 2022), 8, 12, "Hoàn thành xuất sắc nhiệm vụ năm 2022"),
        bloc_decision(dt.date(2021, 12, 22), "bloc_standing", "bang_khen", "excellent",
                      (2021, 2021), 7, 10, "Hoàn thành xuất sắc nhiệm vụ năm 2021"),
        bloc_decision(dt.date(2024, 12, 20), "bloc_standing", "bang_khen", "excellent",
                      (2024, 2024), 8, 11, "Hoàn thành xuất sắc nhiệm vụ năm 2024"),
    ]  # fmt: skip
    decisions += [d for d in seeded if d is not None]
    # Year-end Giấy khen of the base committees (2023's decided in January 2024).
    committees = [b for b in bases if b.kind == OrgKind.BASE_COMMITTEE]
    children: dict[int, list[Organization]] = {}
    for org in Organization.objects.filter(kind=OrgKind.SUB_CELL).order_by("path"):
        base_id = base_of.get(org.pk)
        if base_id is not None:
            children.setdefault(base_id, []).append(org)
    for year in range(2021, today.year + 1):
        day = dt.date(year + 1, 1, 12) if year == 2023 else dt.date(year, 12, 18)
        if day > today:
            continue
        for base in rng.sample(committees, min(len(committees), 10)):
            cells = children.get(base.pk, [])
            d = _Decision(
                org=base, decided_on=day + dt.timedelta(days=rng.randint(0, 6)),
                number=f"{rng.randint(20, 180)}-QĐ/ĐU", level="base_committee",
                form="giay_khen", theme="excellent", years=(year, year),
                collectives=[(c, f"Chi bộ hoàn thành xuất sắc nhiệm vụ năm {year}")
                             for c in rng.sample(cells, min(len(cells), rng.randint(1, 3)))],
                individuals=_people(rng, day, bases, base_of, rng.randint(3, 6), within=[base]),
            )  # fmt: skip
            if d.collectives or d.individuals:
                decisions.append(d)
    written = _write(decisions)
    written += _proposals(bloc, today)
    written += _models(rng, bases, today)
    audit_log(
        user=None, action=AuditAction.CHANGE, object_type="commendation",
        description=f"Dữ liệu mẫu: {len(decisions)} quyết định khen thưởng, {written} bản ghi",
    )  # fmt: skip
    return written


def _proposals(bloc: Organization, today: dt.date) -> int:
    """The bloc's proposals to the province and the Prime Minister, linked to the
    decisions that answered them."""
    plan = [
        (dt.date(2021, 10, 20), "province_chair", 5, 8, dt.date(2021, 12, 15)),
        (dt.date(2021, 10, 20), "prime_minister", 2, 1, dt.date(2022, 3, 10)),
        (dt.date(2023, 7, 5), "province_chair", 3, 1, dt.date(2024, 1, 20)),
        (dt.date(2024, 11, 5), "province_chair", 4, 3, None),
    ]
    rows = []
    for submitted, level, n_coll, n_ind, answered in plan:
        if submitted > today:
            continue
        errors = rules.check_proposal(
            org_kind=bloc.kind, to_level=level, submitted_on=submitted, collectives=n_coll,
            individuals=n_ind, today=today,
        )  # fmt: skip
        assert not errors, errors
        decision = (
            Commendation.objects.filter(org=bloc, level=level, decided_on=answered).first()
            if answered and answered <= today
            else None
        )
        rows.append(
            CommendationProposal(
                org=bloc,
                to_level=level,
                form="bang_khen",
                theme=CT05,
                submitted_on=submitted,
                document_number=f"{submitted.month * 10 + n_coll}-TTr/ĐUK",
                collectives=n_coll,
                individuals=n_ind,
                recipients_text=f"{n_coll} tập thể, {n_ind} cá nhân tiêu biểu trong học tập và "
                "làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                outcome="approved" if decision else "pending",
                decided_on=decision.decided_on if decision else None,
                commendation=decision,
            )  # fmt: skip
        )
    CommendationProposal.objects.bulk_create(rows)
    return len(rows)


def _models(rng: random.Random, bases: list[Organization], today: dt.date) -> int:
    """110 models of 71 base organizations registered 2021–2024, then a few more."""
    units = rng.sample(bases, min(MODEL_UNITS_BY_2024, len(bases)))
    owners = list(units) + [rng.choice(units) for _ in range(MODELS_BY_2024 - len(units))]
    rng.shuffle(owners)
    years = [y for y, n in MODELS_PER_YEAR.items() for _ in range(n)]
    assert len(years) == MODELS_BY_2024
    later = [(y, rng.choice(bases)) for y, n in MODELS_LATER.items() for _ in range(n)]
    plan = list(zip(years, owners, strict=True)) + later
    used: set[tuple[int, str]] = set()
    rows = []
    for year, unit in plan:
        if year > today.year:
            continue
        field = rng.choice(list(MODEL_NAMES))
        names = [n for n in MODEL_NAMES[field] if (unit.pk, n) not in used]
        if not names:
            names = [n for f in MODEL_NAMES.values() for n in f if (unit.pk, n) not in used]
            field = next(f for f, ns in MODEL_NAMES.items() if names[0] in ns)
            names = names[:1]
        name = rng.choice(names)
        used.add((unit.pk, name))
        status, recognized, stopped = ModelStatus.IMPLEMENTING, None, None
        if year == today.year:
            status = ModelStatus.REGISTERED
        elif rng.random() < 0.35:
            recognized = dt.date(year + 1, 12, rng.randint(1, 20))
            status = ModelStatus.RECOGNIZED
            if recognized > today:
                status, recognized = ModelStatus.IMPLEMENTING, None
        if year == 2021 and rng.random() < 0.06 and today >= dt.date(2025, 7, 1):
            status, stopped = ModelStatus.STOPPED, dt.date(2025, 6, 30)
        results = (
            f"Năm {year + 1} mô hình tiếp tục thực hiện, thu hút cán bộ, đảng viên và người "
            "lao động tham gia."
            if year < today.year
            else ""
        )
        errors = rules.check_model(
            name=name, registered_year=year, status=status, recognized_on=recognized,
            stopped_on=stopped, today=today,
        )  # fmt: skip
        assert not errors, errors
        rows.append(
            DanVanModel(
                unit=unit,
                name=name,
                field=field,
                registered_year=year,
                status=status,
                results=results,
                recognized_on=recognized,
                stopped_on=stopped,
                search_text=fold(f"{name} {unit.name} {unit.host_unit_name}"),
            )  # fmt: skip
        )
    DanVanModel.objects.bulk_create(rows)
    return len(rows)
