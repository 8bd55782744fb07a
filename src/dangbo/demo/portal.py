"""Demo content of the public portal, published into its own database.

The articles are written for the demo from the demo's own figures (read through the
indicator registry, so the portal says what the records say): each year's admissions,
inspections, commendations, mass organizations' work, "Dân vận khéo" models and cell
meetings, and the "Một số kết quả nổi bật ..." piece of each year's first nine months.
A few base organizations have pieces in their own sections; some drafts and pieces in
review wait in the back office. Galleries carry small generated images (Pillow), videos a
generated poster only (no video file: the demo has no encoder), and the visitor history
covers two years. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dangbo.core.text import fold, format_number, format_percent
from dangbo.indicators.registry import Context, value
from dangbo.orgs.models import Organization, OrgKind
from dangbo.portal import services
from dangbo.portal.models import Article, ArticleState, Category

CATEGORIES = [
    ("Tin hoạt động", "tin-hoat-dong"),
    ("Xây dựng Đảng", "xay-dung-dang"),
    ("Kiểm tra, giám sát", "kiem-tra-giam-sat"),
    ("Dân vận", "dan-van"),
    ("Đoàn thể", "doan-the"),
    ("Thi đua, khen thưởng", "thi-dua-khen-thuong"),
]
PALETTE = [
    (183, 28, 28),
    (21, 101, 192),
    (46, 125, 50),
    (239, 108, 0),
    (106, 27, 154),
    (0, 121, 107),
    (93, 64, 55),
]
LINKS = [
    ("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn"),
    ("Tạp chí Cộng sản", "https://www.tapchicongsan.org.vn"),
    ("Ban Tuyên giáo Trung ương", "https://tuyengiao.vn"),
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn"),
    ("Ủy ban Kiểm tra Trung ương", "https://ubkttw.vn"),
]
GALLERIES = [
    (
        "Hội thao truyền thống chào mừng ngày thành lập Đảng",
        ["Lễ khai mạc", "Thi kéo co", "Bóng chuyền nam", "Trao giải", "Các vận động viên"],
    ),
    (
        "Lớp bồi dưỡng nhận thức về Đảng",
        [
            "Khai giảng lớp học",
            "Giảng viên lên lớp",
            "Học viên thảo luận",
            "Kiểm tra cuối khóa",
            "Bế giảng",
        ],
    ),
    (
        "Ngày hội hiến máu tình nguyện",
        ["Đăng ký hiến máu", "Khám sàng lọc", "Hiến máu", "Tặng quà tình nguyện viên"],
    ),
    (
        "Hội nghị sơ kết công tác xây dựng Đảng",
        [
            "Toàn cảnh hội nghị",
            "Đồng chí Bí thư phát biểu",
            "Tham luận của cơ sở",
            "Khen thưởng tập thể",
        ],
    ),
    (
        "Trao tặng Huy hiệu Đảng",
        ["Trao Huy hiệu 30 năm tuổi Đảng", "Trao Huy hiệu 40 năm tuổi Đảng", "Chụp ảnh lưu niệm"],
    ),
    (
        "Hội thi Bí thư chi bộ giỏi",
        ["Phần thi chào hỏi", "Phần thi xử lý tình huống", "Ban giám khảo", "Trao giải nhất"],
    ),
]
VIDEOS = [
    ("Phóng sự: một năm thực hiện Nghị quyết Đại hội Đảng bộ Khối", "Tóm tắt kết quả nổi bật."),
    ("Hội thi Bí thư chi bộ giỏi: những khoảnh khắc", "Các phần thi của thí sinh."),
    ("Ngày hội hiến máu tình nguyện", "Đoàn viên thanh niên các cơ quan tham gia hiến máu."),
]


def _font(size: int) -> Any:
    from PIL import ImageFont

    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ):
        try:
            return ImageFont.truetype(path, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


def picture(rng: random.Random, caption: str, size: tuple[int, int] = (640, 400)) -> bytes:
    """A simple coloured picture with its caption (small JPEG)."""
    from PIL import Image, ImageDraw

    base = rng.choice(PALETTE)
    img = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(img)
    w, h = size
    for _ in range(6):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.randrange(30, 140)
        shade = tuple(min(255, c + rng.randrange(20, 90)) for c in base)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=shade)
    draw.rectangle((0, h - 70, w, h), fill=(0, 0, 0))
    font, unicode_ok = _font(22)
    text = caption if unicode_ok else fold(caption)
    draw.text((18, h - 55), text[:48], fill=(255, 255, 255), font=font)
    draw.text((w - 60, 12), "★", fill=(249, 214, 74), font=_font(36)[0])
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70, optimize=True)
    return out.getvalue()


def _upload(rng: random.Random, caption: str, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, picture(rng, caption), content_type="image/jpeg")


def _n(x: Any) -> str:
    return format_number(x or 0)


def _figures(bloc: Organization, start: dt.date, end: dt.date, keys: list[str]) -> dict[str, Any]:
    ctx = Context(scope=bloc, at=end, period=(start, end))
    out = {}
    for key in keys:
        try:
            out[key] = value(key, ctx)
        except KeyError:  # an indicator of an app this deployment does not have
            out[key] = 0
    return out


Writer = Callable[[int, dict[str, Any], str], tuple[str, str, str, str]]


def _admission(year: int, f: dict[str, Any], name: str) -> tuple[str, str, str, str]:
    return (
        "xay-dung-dang",
        f"Năm {year}: {_n(f['admission.admitted'])} quần chúng ưu tú được kết nạp vào Đảng",
        f"Cả năm {year}, các tổ chức cơ sở đảng trong {name} kết nạp "
        f"{_n(f['admission.admitted'])} đảng viên mới.",
        f"<p>Trong năm {year}, {_n(f['admission.trained'])} quần chúng được bồi dưỡng nhận thức "
        f"về Đảng, {_n(f['admission.verified'])} người được thẩm tra lý lịch. Đến cuối năm, "
        f"{name} có <strong>{_n(f['members.total'])}</strong> đảng viên, trong đó "
        f"{_n(f['members.probationary'])} đảng viên dự bị.</p>"
        f"<p>Các chi bộ tiếp tục theo dõi, giúp đỡ {_n(f['admission.candidates'])} quần chúng "
        "đang được bồi dưỡng, xem xét để tạo nguồn kết nạp cho năm sau.</p>",
    )


def _inspection(year: int, f: dict[str, Any], name: str) -> tuple[str, str, str, str]:
    return (
        "kiem-tra-giam-sat",
        f"Hoàn thành {_n(f['inspection.done'])} cuộc kiểm tra, giám sát theo kế hoạch năm {year}",
        f"Công tác kiểm tra, giám sát năm {year} của {name} được triển khai theo chương trình.",
        f"<p>Ban Chấp hành thực hiện {_n(f['inspection.done'])}/{_n(f['inspection.planned'])} "
        f"cuộc kiểm tra, giám sát theo kế hoạch, {_n(f['inspection.unplanned'])} cuộc ngoài kế "
        f"hoạch. Trong năm tiếp nhận {_n(f['complaints.received'])} đơn thư, đã giải quyết "
        f"{_n(f['complaints.settled'])} đơn.</p>"
        f"<p>Các cấp ủy thi hành kỷ luật {_n(f['discipline.members'])} trường hợp đảng viên vi "
        "phạm, bảo đảm đúng nguyên tắc, thủ tục.</p>",
    )


def _commendation(year: int, f: dict[str, Any], name: str) -> tuple[str, str, str, str]:
    return (
        "thi-dua-khen-thuong",
        f"Khen thưởng {_n(f['commendation.collectives'])} tập thể, "
        f"{_n(f['commendation.individuals'])} cá nhân trong năm {year}",
        f"Nhiều tập thể, cá nhân trong {name} được ghi nhận thành tích năm {year}.",
        f"<p>Năm {year}, {_n(f['commendation.collectives'])} tập thể và "
        f"{_n(f['commendation.individuals'])} cá nhân được các cấp khen thưởng; "
        f"{_n(f['badges.awarded'])} đảng viên được trao tặng Huy hiệu Đảng.</p>",
    )


def _massorgs(year: int, f: dict[str, Any], name: str) -> tuple[str, str, str, str]:
    return (
        "doan-the",
        f"Đoàn thể các cơ quan, doanh nghiệp tổ chức {_n(f['massorg.activities'])} hoạt động "
        f"trong năm {year}",
        "Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh tích cực tham gia an sinh xã hội.",
        f"<p>Các đoàn thể vận động ủng hộ {_n(f['massorg.funds'])} đồng, hỗ trợ "
        f"{_n(f['massorg.beneficiaries'])} lượt người, xây tặng {_n(f['massorg.houses'])} nhà "
        f"và hiến {_n(f['massorg.blood_units'])} đơn vị máu.</p>",
    )


def _danvan(year: int, f: dict[str, Any], name: str) -> tuple[str, str, str, str]:
    return (
        "dan-van",
        f"{_n(f['models.count'])} mô hình “Dân vận khéo” đang được thực hiện",
        f"Phong trào thi đua “Dân vận khéo” năm {year} lan tỏa trong các cơ quan, doanh nghiệp.",
        f"<p>Đến cuối năm {year}, {_n(f['models.units'])} đơn vị đăng ký xây dựng "
        f"{_n(f['models.count'])} mô hình “Dân vận khéo”, {_n(f['models.recognized'])} mô hình "
        "đã được công nhận.</p>",
    )


def _meetings(year: int, f: dict[str, Any], name: str) -> tuple[str, str, str, str]:
    held = format_percent(f["meetings.held"] or 0, f["meetings.expected"] or 1)
    return (
        "tin-hoat-dong",
        f"Nâng cao chất lượng sinh hoạt chi bộ năm {year}",
        f"Các chi bộ trong {name} duy trì nền nếp sinh hoạt thường kỳ và chuyên đề.",
        f"<p>Năm {year}, các chi bộ tổ chức {_n(f['meetings.held'])}/"
        f"{_n(f['meetings.expected'])} lượt sinh hoạt thường kỳ, đạt {held}; "
        f"{_n(f['meetings.thematic_held'])} lượt sinh hoạt chuyên đề. "
        f"{_n(f['commitments.registered'])} đảng viên đăng ký cam kết nêu gương.</p>",
    )


def _nine_months(year: int, f: dict[str, Any], name: str) -> tuple[str, str, str, str]:
    return (
        "xay-dung-dang",
        f"Một số kết quả nổi bật 9 tháng đầu năm {year}",
        f"Nhìn lại 9 tháng đầu năm {year} của {name} qua những con số.",
        f"<ul><li>Kết nạp {_n(f['admission.admitted'])} đảng viên mới;</li>"
        f"<li>Hoàn thành {_n(f['inspection.done'])} cuộc kiểm tra, giám sát;</li>"
        f"<li>Thu đảng phí đạt {format_number(f['dues.collection_rate'] or 0, 2)}%;</li>"
        f"<li>Khen thưởng {_n(f['commendation.total'])} lượt tập thể, cá nhân.</li></ul>",
    )


# Each piece with the figure it is about: no piece is written about a figure of zero.
YEARLY: list[tuple[Writer, str]] = [
    (_admission, "admission.admitted"),
    (_inspection, "inspection.done"),
    (_commendation, "commendation.total"),
    (_massorgs, "massorg.activities"),
    (_danvan, "models.count"),
    (_meetings, "meetings.held"),
]
KEYS = [
    "admission.admitted",
    "admission.trained",
    "admission.verified",
    "admission.candidates",
    "members.total",
    "members.probationary",
    "inspection.done",
    "inspection.planned",
    "inspection.unplanned",
    "complaints.received",
    "complaints.settled",
    "discipline.members",
    "commendation.collectives",
    "commendation.individuals",
    "commendation.total",
    "badges.awarded",
    "massorg.activities",
    "massorg.funds",
    "massorg.beneficiaries",
    "massorg.houses",
    "massorg.blood_units",
    "models.count",
    "models.units",
    "models.recognized",
    "meetings.held",
    "meetings.expected",
    "meetings.thematic_held",
    "commitments.registered",
    "dues.collection_rate",
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def build_portal(rng: random.Random, today: dt.date) -> dict[str, int]:
    """Categories, articles, galleries, videos, links, visitors and feedback of the demo."""
    from django.contrib.auth import get_user_model

    from dangbo.portal_public.models import Feedback, FeedbackStatus, VisitDay
    from dangbo.portal_public.selectors import main_section

    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    assert admin is not None, "build_portal runs after the demo users"
    editor = User.objects.filter(username="bientap").first() or admin
    writer = User.objects.filter(username="phongvien").first() or admin
    bloc = Organization.objects.filter(kind=OrgKind.BLOC_COMMITTEE).order_by("path").first()
    assert bloc is not None
    cats = {}
    for i, (name, slug) in enumerate(CATEGORIES):
        cats[slug] = Category.objects.create(name=name, slug=slug, order=i + 1)

    written = 0

    def post(
        org: Organization,
        cat: str,
        title: str,
        lead: str,
        body: str,
        day: dt.date,
        *,
        image: bool,
        featured: bool = False,
        by: Any = editor,
    ) -> Article:
        nonlocal written
        article = services.article_save(
            org=org,
            category=cats[cat],
            title=title,
            lead=lead,
            body=body,
            image=_upload(rng, title[:48], f"bai-{written + 1}.jpg") if image else None,
            image_caption=f"Ảnh minh họa: {title[:80]}" if image else "",
            author_name=rng.choice(["Minh Châu", "Thu Hà", "Quốc Tuấn", "Lan Anh", "Văn Hùng"]),
            source=f"Ban Tuyên giáo {bloc.name}",
            featured=featured,
            publish_at=_at(day, rng.randrange(7, 17)),
            acting_user=by,
        )
        written += 1
        return article

    start_year = max(2021, today.year - 3)
    published: list[Article] = []
    for year in range(start_year, today.year + 1):
        end = min(dt.date(year, 12, 31), today)
        figures = _figures(bloc, dt.date(year, 1, 1), end, KEYS)
        for i, (writer_fn, main_key) in enumerate(YEARLY):
            if not figures.get(main_key):
                continue
            day = min(end, dt.date(year, 12, 31)) - dt.timedelta(days=rng.randrange(0, 25) + i)
            if year == today.year:
                day = today - dt.timedelta(days=rng.randrange(1, 60))
            cat, title, lead, body = writer_fn(year, figures, bloc.name)
            published.append(
                post(
                    bloc,
                    cat,
                    title,
                    lead,
                    body,
                    day,
                    image=i % 2 == 0,
                    featured=year == today.year and i < 3,
                )
            )
        nine = min(dt.date(year, 9, 30), today)
        if nine.month >= 9:
            f9 = _figures(bloc, dt.date(year, 1, 1), nine, KEYS)
            cat, title, lead, body = _nine_months(year, f9, bloc.name)
            published.append(
                post(
                    bloc,
                    cat,
                    title,
                    lead,
                    body,
                    nine + dt.timedelta(days=5),
                    image=True,
                    featured=year == today.year,
                )
            )
    bases = list(
        Organization.objects.filter(
            kind=OrgKind.BASE_COMMITTEE, dissolved_on__isnull=True
        ).order_by("code")[:4]
    )
    for base in bases:
        members = value("members.total", Context(scope=base, at=today))
        published.append(
            post(
                base,
                "tin-hoat-dong",
                f"{base.name} tổ chức sinh hoạt chuyên đề",
                f"{base.name} sinh hoạt chuyên đề về học tập và làm theo tư tưởng Hồ Chí Minh.",
                f"<p>Đảng bộ hiện có {_n(members)} đảng viên. Các chi bộ trực thuộc thảo luận, "
                "liên hệ với nhiệm vụ chuyên môn của từng cơ quan.</p>",
                today - dt.timedelta(days=rng.randrange(3, 90)),
                image=True,
            )
        )
    for article in published:
        services.article_publish(article=article, acting_user=editor)
    # what waits in the back office
    first_base = bases[0] if bases else bloc
    for title, state in [
        ("Chi bộ Văn phòng ra quân hưởng ứng Tết trồng cây", ArticleState.DRAFT),
        ("Đoàn Thanh niên tổ chức ngày Chủ nhật xanh", ArticleState.REVIEW),
        ("Hội nghị cán bộ, công chức năm mới", ArticleState.REVIEW),
    ]:
        a = post(
            first_base,
            "tin-hoat-dong",
            title,
            "Tin do cộng tác viên gửi.",
            "<p>Nội dung đang được biên tập.</p>",
            today,
            image=False,
            by=writer,
        )
        if state == ArticleState.REVIEW:
            services.article_submit(article=a, acting_user=writer)

    for i, (title, captions) in enumerate(GALLERIES):
        gallery = services.gallery_save(org=bloc, title=title, acting_user=editor)
        for j, caption in enumerate(captions):
            services.photo_add(
                gallery=gallery,
                image=_upload(rng, caption, f"album{i}-{j}.jpg"),
                caption=caption,
                acting_user=editor,
            )
        gallery.published_at = _at(today - dt.timedelta(days=20 * (i + 1)), 9)
        gallery.save(update_fields=["published_at"])
        services.item_publish(obj=gallery, acting_user=editor)
    for i, (title, description) in enumerate(VIDEOS):
        video = services.video_save(
            org=bloc,
            title=title,
            description=description,
            poster=_upload(rng, title[:48], f"video{i}.jpg"),
            acting_user=editor,
        )
        video.published_at = _at(today - dt.timedelta(days=30 * (i + 1)), 10)
        video.save(update_fields=["published_at"])
        services.item_publish(obj=video, acting_user=editor)
    for i, (name, url) in enumerate(LINKS):
        services.link_save(org=bloc, name=name, url=url, order=i + 1, acting_user=editor)
    documents = 0
    from dangbo.portal.publish import public_documents

    for doc in public_documents()[:30]:
        services.document_publish(document=doc, acting_user=editor)
        documents += 1

    # two years of visits: weekdays busier, a slow growth, peaks at the start of each month
    rows, day = [], today - dt.timedelta(days=730)
    while day <= today:
        base_n = 120 + (730 - (today - day).days) // 8
        visitors = int(base_n * (0.45 if day.weekday() >= 5 else 1.0) * rng.uniform(0.8, 1.25))
        visitors += 60 if day.day <= 3 else 0
        rows.append(
            VisitDay(day=day, visitors=visitors, views=int(visitors * rng.uniform(2.2, 3.6)))
        )
        day += dt.timedelta(days=1)
    VisitDay.objects.bulk_create(rows)
    section = main_section()
    letters = [
        (
            "Nguyễn Thị Hoa",
            "Hỏi về thủ tục chuyển sinh hoạt đảng",
            "Tôi chuyển công tác sang đơn vị mới, xin hỏi cần chuẩn bị giấy tờ gì?",
            FeedbackStatus.PUBLISHED,
            "Đồng chí liên hệ chi bộ nơi đang sinh hoạt để được hướng dẫn "
            "làm giấy giới thiệu sinh hoạt đảng.",
        ),
        (
            "Trần Văn Bình",
            "Đề nghị đăng lịch học nghị quyết",
            "Đề nghị cổng thông tin đăng lịch học tập nghị quyết của các đơn vị.",
            FeedbackStatus.PENDING,
            "",
        ),
        (
            "Lê Minh",
            "Góp ý giao diện trên điện thoại",
            "Trang đọc tốt trên điện thoại, nên thêm mục tìm kiếm văn bản.",
            FeedbackStatus.PENDING,
            "",
        ),
    ]
    for name, title, content, status, answer in letters:
        Feedback.objects.create(
            section=section, name=name, title=title, content=content, status=status, answer=answer
        )
    return {
        "articles": written,
        "published": len(published),
        "galleries": len(GALLERIES),
        "videos": len(VIDEOS),
        "documents": documents,
        "visit_days": len(rows),
    }
