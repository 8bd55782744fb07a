"""Demo records of the programmes app: the bloc's documents, its 2020–2025 action programme
with its targets, the work programme of every year, and the host units' figures.

- Documents through the years: the central ones the seeds name (58-NQ/TW of 5/8/2020,
  01-KL/TW of 18/5/2021, 05-CT/TW, 35-NQ/TW, 12-HD/BTCTW, 213-QĐ/TW) received, and the
  bloc's own issued through the services, so the numbers run per type per term: 02-NQ/ĐUK
  falls on 26/4/2021, 05-NQ/ĐUK on 18/8/2021, the action programme is 12-CTr/ĐUK. A few
  are secret ("Mật"); resolutions and directives are public.
- The action programme of the 2020–2025 term implementing 58-NQ/TW and the congress
  resolution, and one per base organization (all 76 by 31/3/2021: "100% cấp ủy cơ sở").
- Targets of the bloc: every year ≥600 trained candidates and the admission target
  (120 in 2021: the seed's 116/120 for 1–9/2021), ≥300 admissions over the term, new base
  organizations in private (≥2) and FDI (≥1) enterprises, 90% of agencies completing their
  tasks, 80% of enterprises in profit, 100% base committees with a programme, and one
  target measured by hand (the mass organizations' programmes).
- Work programmes: the bloc's for 2016–2024, its successors' for 2025 on; 2021 has 78 items,
  64 done by 30/9/2021, 75 by the year's end.
- Host units' figures: 1–9/2021 estimates whose 30 enterprises add up to 4.262 tỉ đồng of
  revenue, 2.931 workers and 10 triệu đồng a month on average (the draw is adjusted on the
  last units so the sums come out), and yearly figures 2016–2025 for every host unit.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth import get_user_model

from dangbo.orgs.models import BASE_KINDS, Organization, OrgKind, Term
from dangbo.orgs.selectors import subtree_versions_at
from dangbo.programmes import services
from dangbo.programmes.indicators import AGENCIES, ENTERPRISES
from dangbo.programmes.models import (
    ItemStatus,
    Target,
    UnitFigures,
    WorkItem,
    WorkProgramme,
)

D = dt.date
NINE_MONTHS = (D(2021, 1, 1), D(2021, 9, 30))
REVENUE_9M = Decimal(4_262_000)  # triệu đồng = 4.262 tỉ đồng
WORKERS_9M = 2931
INCOME_9M = Decimal(10)  # triệu đồng/tháng
ADMISSION_TARGETS = {2020: 120, 2021: 120, 2022: 125, 2023: 125, 2024: 130}

RECEIVED = [
    ("Chỉ thị số 05-CT/TW, ngày 15/5/2016", "Bộ Chính trị",
     "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("Hướng dẫn số 12-HD/BTCTW, ngày 06/7/2018", "Ban Tổ chức Trung ương",
     "Một số vấn đề về nâng cao chất lượng sinh hoạt chi bộ"),
    ("Nghị quyết số 35-NQ/TW, ngày 22-10-2018", "Bộ Chính trị",
     "Tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, "
     "thù địch trong tình hình mới"),
    ("Quy định số 213-QĐ/TW, ngày 02/01/2020", "Bộ Chính trị",
     "Trách nhiệm của đảng viên đang công tác thường xuyên giữ mối liên hệ với tổ chức đảng và "
     "nhân dân nơi cư trú"),
    ("Nghị quyết số 58-NQ/TW, ngày 5-8-2020", "Bộ Chính trị",
     "Xây dựng và phát triển tỉnh đến năm 2030, tầm nhìn đến năm 2045"),
    ("Kết luận số 01-KL/TW, ngày 18/5/2021", "Bộ Chính trị",
     "Tiếp tục thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, "
     "phong cách Hồ Chí Minh"),
]  # fmt: skip

# What the bloc issues in a year: (type, how many, subjects to draw from).
YEARLY = [
    ("NQ", 3, ["Lãnh đạo thực hiện nhiệm vụ chính trị năm", "Công tác xây dựng Đảng năm"]),
    ("CT", 1, ["Lãnh đạo tổ chức đại hội các tổ chức cơ sở đảng",
               "Tăng cường công tác phòng, chống dịch bệnh trong các cơ quan, doanh nghiệp"]),
    ("KH", 8, ["Kiểm tra, giám sát năm", "Tổ chức lớp bồi dưỡng nhận thức về Đảng",
               "Học tập, quán triệt nghị quyết", "Tổng kết công tác xây dựng Đảng",
               "Kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên",
               "Thực hiện công tác dân vận", "Phát triển đảng viên trong doanh nghiệp"]),
    ("BC", 6, ["Sơ kết công tác xây dựng Đảng 6 tháng đầu năm",
               "Kết quả thực hiện nhiệm vụ 9 tháng đầu năm", "Tổng kết công tác năm",
               "Kết quả công tác kiểm tra, giám sát", "Tình hình tư tưởng đảng viên"]),
    ("HD", 2, ["Kiểm điểm, đánh giá, xếp loại chất lượng cuối năm",
               "Tổ chức sinh hoạt chi bộ chuyên đề"]),
    ("TB", 6, ["Kết luận của Ban Thường vụ Đảng ủy Khối", "Phân công nhiệm vụ"]),
    ("QĐ", 10, ["Chuẩn y kết quả bầu cử cấp ủy", "Thành lập đoàn kiểm tra",
                "Kết nạp đảng viên", "Khen thưởng tổ chức đảng và đảng viên"]),
    ("CV", 12, ["Triển khai thực hiện nhiệm vụ", "Đôn đốc báo cáo", "Hướng dẫn thủ tục"]),
]  # fmt: skip

# The bloc's first eleven programmes of the 2020–2025 term.
TERM_PROGRAMMES = [
    "Thực hiện Nghị quyết số 35-NQ/TW về bảo vệ nền tảng tư tưởng của Đảng",
    "Thực hiện Quy định số 213-QĐ/TW về đảng viên giữ mối liên hệ với nơi cư trú",
    "Kiểm tra, giám sát toàn khóa nhiệm kỳ 2020–2025",
    "Phát triển đảng viên trong doanh nghiệp ngoài nhà nước nhiệm kỳ 2020–2025",
    "Đào tạo, bồi dưỡng cán bộ, đảng viên nhiệm kỳ 2020–2025",
    "Công tác dân vận nhiệm kỳ 2020–2025",
    "Nâng cao chất lượng sinh hoạt chi bộ theo Hướng dẫn số 12-HD/BTCTW",
    "Thực hiện Chỉ thị số 05-CT/TW giai đoạn 2020–2025",
    "Ứng dụng công nghệ thông tin trong công tác đảng",
    "Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
    "Phòng, chống tham nhũng, lãng phí trong các cơ quan, doanh nghiệp",
]
assert len(TERM_PROGRAMMES) == 11  # noqa: S101 - the action programme is 12-CTr/ĐUK

WORK_TITLES = [
    ("Hội nghị Ban Chấp hành Đảng bộ Khối thường kỳ", "Thường trực Đảng ủy Khối"),
    ("Hội nghị Ban Thường vụ Đảng ủy Khối", "Văn phòng Đảng ủy Khối"),
    ("Kiểm tra việc thực hiện nghị quyết tại tổ chức cơ sở đảng", "Ủy ban Kiểm tra"),
    ("Giám sát chuyên đề đối với cấp ủy cơ sở", "Ủy ban Kiểm tra"),
    ("Tổ chức lớp bồi dưỡng nhận thức về Đảng", "Ban Tổ chức"),
    ("Thẩm định hồ sơ kết nạp đảng viên", "Ban Tổ chức"),
    ("Hội nghị học tập, quán triệt nghị quyết", "Ban Tuyên giáo"),
    ("Sơ kết, tổng kết chuyên đề học tập và làm theo Bác", "Ban Tuyên giáo"),
    ("Nắm tình hình tư tưởng cán bộ, đảng viên", "Ban Tuyên giáo"),
    ("Xây dựng, nhân rộng mô hình Dân vận khéo", "Ban Dân vận"),
    ("Làm việc với các đoàn thể chính trị - xã hội", "Ban Dân vận"),
    ("Tổng hợp báo cáo định kỳ gửi Tỉnh ủy", "Văn phòng Đảng ủy Khối"),
    ("Chuẩn bị nội dung hội nghị sơ kết, tổng kết", "Văn phòng Đảng ủy Khối"),
    ("Kiểm tra tài chính đảng, thu nộp đảng phí", "Ủy ban Kiểm tra"),
]


def _q(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _bases(bloc: Organization, on: dt.date) -> list[Organization]:
    ids = subtree_versions_at(bloc, on).filter(kind__in=BASE_KINDS).values("org_id")
    return list(Organization.objects.filter(pk__in=ids).order_by("path"))


def _term(org: Organization) -> Term | None:
    return Term.objects.filter(org=org).order_by("starts_on").first()


def build_programmes(rng: random.Random, today: dt.date) -> dict[str, int]:
    """Write the programmes app's demo records; returns how many of each were written."""
    rng = random.Random(rng.random())
    bloc = Organization.objects.get(code="DBK")
    province = Organization.objects.get(code="DBT")
    successors = list(
        Organization.objects.filter(depth=2, kind=OrgKind.BLOC_COMMITTEE, dissolved_on=None)
    )
    services.issuer_profile_save(org=province, place="Thanh Hóa")
    for org in [bloc, *successors]:
        services.issuer_profile_save(org=org, superior_line="ĐẢNG BỘ TỈNH THANH HÓA")
    docs = _documents(rng, bloc, successors, today)
    programme = _programmes(rng, bloc, docs, today)
    targets = _targets(bloc, programme, today)
    items = _work_programmes(rng, bloc, successors, today)
    figures = _unit_figures(rng, bloc, today)
    return {"documents": docs["count"], "targets": targets, "work_items": items,
            "unit_figures": figures}  # fmt: skip


def _documents(
    rng: random.Random, bloc: Organization, successors: list[Organization], today: dt.date
) -> dict:  # type: ignore[type-arg]
    out: dict = {}  # type: ignore[type-arg]
    for reference, issuer, subject in RECEIVED:
        doc = services.document_receive(
            org=bloc, reference=reference, issuer_name=issuer, subject=subject, is_public=True
        )
        out[doc.code] = doc
    out["congress"] = services.document_receive(
        org=bloc, issued_on=D(2020, 8, 14), doc_type="NQ",
        issuer_name="Đại hội đại biểu Đảng bộ Khối lần thứ XX",
        subject="Nghị quyết Đại hội đại biểu Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh lần "
        "thứ XX, nhiệm kỳ 2020–2025", is_public=True,
    )  # fmt: skip
    # The named ones of the 2020–2025 term, in date order among the drawn ones.
    named = {
        ("NQ", D(2021, 4, 26)): "Nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở "
        "đảng, chất lượng đội ngũ cán bộ, đảng viên giai đoạn 2021–2025",
        ("NQ", D(2021, 8, 18)): "Nâng cao chất lượng công tác phát triển đảng viên trong "
        "doanh nghiệp ngoài nhà nước giai đoạn 2021–2025",
        ("CTr", D(2020, 12, 28)): "Chương trình hành động thực hiện Nghị quyết 58-NQ/TW, Nghị "
        "quyết Đại hội Đảng bộ tỉnh lần thứ XIX và Nghị quyết Đại hội Đảng bộ Khối lần thứ XX, "
        "nhiệm kỳ 2020–2025",
    }
    plan: list[tuple[str, dt.date, str, str]] = []
    for (doc_type, day), subject in named.items():
        plan.append((doc_type, day, subject, ""))
    # Resolutions of the term before and between the named ones: 01 in 2020; 03, 04 between
    # 26/4 and 18/8/2021 (so the numbers fall as the seeds write them).
    plan.append(("NQ", D(2020, 10, 20), "Lãnh đạo thực hiện nhiệm vụ chính trị năm 2021", ""))
    plan.append(("NQ", D(2021, 6, 3), "Công tác xây dựng Đảng 6 tháng cuối năm 2021", ""))
    plan.append(("NQ", D(2021, 7, 9), "Tăng cường công tác kiểm tra, giám sát", ""))
    # Eleven programmes before the term's action programme (12-CTr/ĐUK).
    for i, subject in enumerate(TERM_PROGRAMMES):
        plan.append(("CTr", D(2020, 9, 1) + dt.timedelta(days=9 * i), subject, ""))
    for year in range(2016, min(today.year, 2025) + 1):
        for doc_type, count, subjects in YEARLY:
            if doc_type in ("NQ", "CTr") and D(2020, 8, 14) <= D(year, 12, 31) and year in (
                2020, 2021,
            ):  # fmt: skip
                continue  # the term's first resolutions are placed above
            for _ in range(count):
                day = D(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
                if day > today or (year == 2025 and day >= D(2025, 2, 10)):
                    continue
                secret = "mat" if doc_type == "BC" and rng.random() < 0.15 else ""
                plan.append((doc_type, day, f"{rng.choice(subjects)} {year}", secret))
    plan.sort(key=lambda p: p[1])
    count = len(out)
    for doc_type, day, subject, secret in plan:
        doc = services.document_issue(
            org=bloc, doc_type=doc_type, issued_on=day, subject=subject, secrecy=secret,
            is_public=doc_type in ("NQ", "CT") and not secret,
        )  # fmt: skip
        count += 1
        if (doc_type, day) in named:
            out[doc.code] = doc
    for org in successors:  # their first months after the 2025 restructuring
        for doc_type, day, subject in [
            ("NQ", D(2025, 3, 1), "Lãnh đạo thực hiện nhiệm vụ chính trị năm 2025"),
            ("KH", D(2025, 3, 15), "Kiểm tra, giám sát năm 2025"),
            ("BC", D(2025, 6, 20), "Sơ kết công tác 6 tháng đầu năm 2025"),
        ]:
            if day <= today:
                services.document_issue(org=org, doc_type=doc_type, issued_on=day, subject=subject)
                count += 1
    services.document_link(source=out["12-CTr/ĐUK"], target=out["58-NQ/TW"], kind="implements")
    services.document_link(source=out["12-CTr/ĐUK"], target=out["congress"], kind="implements")
    services.document_link(source=out["05-NQ/ĐUK"], target=out["congress"], kind="implements")
    services.document_link(source=out["01-KL/TW"], target=out["05-CT/TW"], kind="implements")
    out["count"] = count
    return out


def _programmes(rng: random.Random, bloc: Organization, docs: dict, today: dt.date):  # type: ignore[no-untyped-def,type-arg]
    implemented = [docs["58-NQ/TW"], docs["congress"]]
    programme = services.programme_save(
        org=bloc, title=docs["12-CTr/ĐUK"].subject, issued_on=docs["12-CTr/ĐUK"].issued_on,
        year_from=2020, year_to=2025, documents=implemented, issued_as=docs["12-CTr/ĐUK"],
    )  # fmt: skip
    services.programme_save(
        org=bloc, title="Chương trình hành động thực hiện Nghị quyết số 05-NQ/ĐUK",
        issued_on=D(2021, 9, 10), year_from=2021, year_to=2025, documents=[docs["05-NQ/ĐUK"]],
    )  # fmt: skip
    for base in _bases(bloc, D(2021, 1, 1)):
        day = D(2020, 10, 1) + dt.timedelta(days=rng.randrange(180))  # by 30/3/2021
        if day > today:
            continue
        doc = services.document_issue(
            org=base, doc_type="CTr", issued_on=day,
            subject=f"Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ Khối lần thứ "
            f"XX của {base.name}",
        )  # fmt: skip
        services.programme_save(
            org=base, title=doc.subject, issued_on=day, year_from=2020, year_to=2025,
            documents=implemented, issued_as=doc,
        )  # fmt: skip
    return programme


def _targets(bloc: Organization, programme, today: dt.date) -> int:  # type: ignore[no-untyped-def]
    term = _term(bloc)
    start = term.starts_on if term else D(2020, 8, 14)
    end = (term.ends_on if term and term.ends_on else None) or D(2025, 2, 10)
    n = 0

    def add(**kw: Any) -> Target:
        nonlocal n
        n += 1
        return services.target_save(**{"org": bloc, "programme": programme, **kw})

    for year in range(2021, min(today.year, 2024) + 1):
        span = {"period_kind": "year", "period_start": D(year, 1, 1),
                "period_end": D(year, 12, 31)}  # fmt: skip
        add(label=f"Năm {year} bồi dưỡng trên 600 đối tượng kết nạp Đảng", comparison="at_least",
            value=Decimal(600), indicator_key="admission.trained", **span)  # fmt: skip
        add(label=f"Năm {year} có 90% cơ quan hoàn thành nhiệm vụ", comparison="share",
            value=Decimal(90), indicator_key="units.task_completed",
            denominator_key="units.agencies", **span)  # fmt: skip
        add(label=f"Năm {year} có 80% doanh nghiệp sản xuất, kinh doanh có lãi",
            comparison="share", value=Decimal(80), indicator_key="units.profitable",
            denominator_key="units.enterprises", **span)  # fmt: skip
    for year, count in ADMISSION_TARGETS.items():
        if year > today.year:
            continue
        # The year's admission target comes with the year's resolution, not the programme.
        add(label=f"Kết nạp {count} đảng viên mới trong năm {year}", comparison="at_least",
            value=Decimal(count), indicator_key="admission.admitted", period_kind="year",
            period_start=D(year, 1, 1), period_end=D(year, 12, 31), programme=None)  # fmt: skip
    term_span = {"period_kind": "term", "period_start": start, "period_end": end}
    add(label="Nhiệm kỳ 2020–2025 kết nạp ít nhất 300 đảng viên mới", comparison="at_least",
        value=Decimal(300), indicator_key="admission.admitted", **term_span)  # fmt: skip
    add(label="Phát triển ít nhất 2 tổ chức cơ sở đảng trong doanh nghiệp ngoài nhà nước",
        comparison="at_least", value=Decimal(2), indicator_key="units.new_base_private",
        **term_span)  # fmt: skip
    add(label="Phát triển ít nhất 1 tổ chức cơ sở đảng trong doanh nghiệp có vốn đầu tư nước "
        "ngoài", comparison="at_least", value=Decimal(1), indicator_key="units.new_base_fdi",
        **term_span)  # fmt: skip
    add(label="100% cấp ủy cơ sở ban hành chương trình hành động thực hiện nghị quyết",
        comparison="share", value=Decimal(100), indicator_key="programmes.base_with_programme",
        denominator_key="orgs.base", **term_span)  # fmt: skip
    manual = add(
        label="100% ban thường vụ các đoàn thể chính trị - xã hội trực thuộc ban hành chương "
        "trình hành động thực hiện nghị quyết", comparison="share", value=Decimal(100),
        unit="%", **term_span,
    )  # fmt: skip
    office = get_user_model().objects.filter(username="vanphong").first()
    for at, value in ((D(2020, 12, 31), Decimal(75)), (D(2021, 3, 31), Decimal(100))):
        if at <= today:
            services.target_enter_value(
                target=manual, at=at, value=value, user=office,
                note="Tổng hợp từ báo cáo của Công đoàn Viên chức, Đoàn Khối và Hội Cựu chiến binh",
            )  # fmt: skip
    return n


def _work_programmes(
    rng: random.Random, bloc: Organization, successors: list[Organization], today: dt.date
) -> int:
    rows: list[WorkItem] = []
    owners = {org.pk: org for org in successors}
    for year in range(2016, today.year + 1):
        orgs = [bloc] if year <= 2024 else list(owners.values())
        for org in orgs:
            wp = WorkProgramme.objects.create(
                org=org, year=year, title=f"Chương trình công tác năm {year} của {org.name}"
            )
            size = 78 if (org.pk == bloc.pk and year == 2021) else rng.randint(60, 80)
            rows += _items(rng, wp, size, today, exact=(org.pk == bloc.pk and year == 2021))
    WorkItem.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _items(
    rng: random.Random, wp: WorkProgramme, size: int, today: dt.date, *, exact: bool
) -> list[WorkItem]:
    year = wp.year
    # 2021 of the bloc: 66 due Jan–Sep (64 done by 30/9, 2 done late in October), 12 due
    # Oct–Dec (9 done, 2 postponed, 1 cancelled): 64/78 on 30/9, 75/78 at the year's end.
    due_by_sep = 66 if exact else round(size * 0.8)
    items: list[WorkItem] = []
    for i in range(size):
        title, owner = WORK_TITLES[i % len(WORK_TITLES)]
        if i < due_by_sep:
            due = D(year, 1, 15) + dt.timedelta(days=round(i * 255 / due_by_sep))
        else:
            due = D(year, 10, 1) + dt.timedelta(
                days=round((i - due_by_sep) * 88 / (size - due_by_sep))
            )
        status = ItemStatus.DONE
        done_on: dt.date | None = max(
            due - dt.timedelta(days=rng.randint(0, 10)), due.replace(day=1)
        )  # within the month it is due
        late = (exact and i in (20, 41)) or (not exact and rng.random() < 0.05)
        if late:
            done_on = D(year, 10, 5) + dt.timedelta(days=rng.randint(0, 20))
        q4 = i - due_by_sep
        if exact and q4 in (3, 7):
            status, done_on = ItemStatus.POSTPONED, None
        elif exact and q4 == 10:
            status, done_on = ItemStatus.CANCELLED, None
        elif not exact and i >= due_by_sep and rng.random() < 0.12:
            status, done_on = rng.choice([ItemStatus.POSTPONED, ItemStatus.CANCELLED]), None
        if done_on is not None and done_on > today:
            # Not yet done on the demo's day: in progress until its due date, then overdue.
            status, done_on = (ItemStatus.IN_PROGRESS if due <= today + dt.timedelta(days=60)
                               else ItemStatus.PLANNED), None  # fmt: skip
        quarter = (due.month - 1) // 3 + 1
        items.append(
            WorkItem(
                programme=wp,
                order=i + 1,
                title=f"{title} (quý {quarter})",
                owner=owner,
                due_on=due,
                status=status,
                done_on=done_on,
            )  # fmt: skip
        )
    return items


def _split(total: Decimal, weights: list[float], places: str) -> list[Decimal]:
    """`total` shared in proportion to `weights`, rounded; the last takes the remainder."""
    whole = sum(weights)
    parts = [_q(total * Decimal(w / whole), places) for w in weights[:-1]]
    return [*parts, total - sum(parts, Decimal(0))]


def _unit_figures(rng: random.Random, bloc: Organization, today: dt.date) -> int:
    bases = _bases(bloc, NINE_MONTHS[1])
    enterprises = [b for b in bases if b.sector in ENTERPRISES]
    agencies = [b for b in bases if b.sector in AGENCIES]
    rows: list[UnitFigures] = []
    # 1–9/2021: the enterprises add up to the seed's sums.
    sizes = [rng.uniform(0.3, 3.0) for _ in enterprises]
    workers = [int(w) for w in _split(Decimal(WORKERS_9M), sizes, "1")]
    revenue = _split(REVENUE_9M, [s * rng.uniform(0.6, 1.6) for s in sizes], "0.1")
    deviations = [rng.uniform(-3, 4) for _ in enterprises]
    mean = sum(d * w for d, w in zip(deviations, workers, strict=True)) / WORKERS_9M
    incomes = [_q(INCOME_9M + Decimal(d - mean), "0.01") for d in deviations]
    profitable: dict[int, bool] = {}
    for org, w, r, inc in zip(enterprises, workers, revenue, incomes, strict=True):
        profitable[org.pk] = rng.random() < 0.85
        margin = (
            Decimal(rng.uniform(0.02, 0.09))
            if profitable[org.pk]
            else -Decimal(rng.uniform(0.01, 0.04))
        )
        rows.append(UnitFigures(org=org, period_start=NINE_MONTHS[0], period_end=NINE_MONTHS[1],
                                revenue=r, workers=w, avg_income=inc,
                                profit=_q(r * margin, "0.1")))  # fmt: skip
    completed = set(rng.sample([a.pk for a in agencies], k=round(len(agencies) * 0.915)))
    for org in agencies:
        rows.append(UnitFigures(org=org, period_start=NINE_MONTHS[0], period_end=NINE_MONTHS[1],
                                workers=rng.randint(25, 240),
                                task_completed=org.pk in completed))  # fmt: skip
    base_9m = {r.org_id: r for r in rows}
    # Yearly figures, 2016 through the last full year.
    for year in range(2016, 2026):
        if D(year, 12, 31) > today:
            break
        growth = Decimal(1.07) ** (year - 2021)
        for org in enterprises + agencies:
            nine = base_9m[org.pk]
            if org.pk in profitable:
                r = _q(
                    (nine.revenue or Decimal(0))
                    * 4
                    / 3
                    * growth
                    * Decimal(rng.uniform(0.93, 1.07)),
                    "0.1",
                )
                ok = rng.random() < 0.85
                margin = (
                    Decimal(rng.uniform(0.02, 0.09)) if ok else -Decimal(rng.uniform(0.01, 0.04))
                )
                rows.append(UnitFigures(
                    org=org, period_start=D(year, 1, 1), period_end=D(year, 12, 31), revenue=r,
                    workers=max(5, int(nine.workers * rng.uniform(0.92, 1.08))),  # type: ignore[operator]
                    avg_income=_q(nine.avg_income * growth, "0.01"),  # type: ignore[operator]
                    profit=_q(r * margin, "0.1"),
                ))  # fmt: skip
            else:
                rows.append(UnitFigures(
                    org=org, period_start=D(year, 1, 1), period_end=D(year, 12, 31),
                    workers=nine.workers, task_completed=rng.random() < 0.93,
                ))  # fmt: skip
    UnitFigures.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
