"""The structure of a periodic report as data: sections, and in each the paragraphs, tables and
charts, every one a template over named figures (see dangbo.reports.figures).

A paragraph is a function of the figures returning its text, or None when it has nothing to
say (no "0 lớp"). The text is the committee's register; no figure is typed or computed here:
each comes from a Figures object, which reads the indicator registry (or a frozen copy).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dangbo.reports.figures import Figures, number, padded

Text = str | None


@dataclass(frozen=True)
class Env:
    """What a paragraph may say about the report besides its figures."""

    org_word: str  # "Đảng bộ" or "Chi bộ"
    end_text: str  # "30/09/2021"
    template: str  # "full" | "base"
    period_label: str = ""  # "9 tháng đầu năm 2021"
    kind: str = ""  # ReportKind: half_year | nine_months | year | term | other
    next_label: str = ""  # "3 tháng cuối năm 2021", "năm 2022"
    cell: bool = False  # a cell's report ("Chi bộ"), not a committee's


@dataclass(frozen=True)
class Paragraph:
    key: str
    write: Callable[[Figures, Env], Text]


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    build: Callable[[Figures], tuple[list[str], list[list[str]]] | None]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    figure: str  # a breakdown indicator


Item = Paragraph | Table | Chart


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    level: int = 1
    items: tuple[Item, ...] = ()
    # Shortcomings and next tasks: the office usually rewrites them; its edit is kept, the
    # generated text follows the figures like any other paragraph.
    kept: bool = False
    templates: frozenset[str] = field(default_factory=lambda: frozenset({"full", "base"}))


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:] if label else label


def _parts(f: Figures, key: str, unit: str = "", lower: bool = True) -> str:
    """ "24 cơ quan nhà nước, 11 doanh nghiệp nhà nước" from a breakdown (non-zero only)."""
    items = []
    for label, _n in f.breakdown(key).items():
        name = _lower_first(label) if lower else label
        items.append(f"{f.part(key, label)} {unit + ' ' if unit else ''}{name}")
    return ", ".join(items)


def _join(clauses: list[str], last: str = " và ") -> str:
    clauses = [c for c in clauses if c]
    if len(clauses) <= 1:
        return "".join(clauses)
    return ", ".join(clauses[:-1]) + last + clauses[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


# I. The situation ---------------------------------------------------------------------------


def situation(f: Figures, env: Env) -> Text:
    if not f.n("members.total") and not f.n("orgs.base"):
        return None
    if env.template == "base":
        cells = f" với {f.num('orgs.sub_cells')} chi bộ trực thuộc" if f.n("orgs.sub_cells") else ""
        return _sentence(
            f"Đến ngày {env.end_text}, {env.org_word}{cells} có {f.num('members.total')} đảng viên"
            + (f", trong đó {f.num('members.probationary')} đảng viên dự bị"
               if f.n("members.probationary") else "")
        )  # fmt: skip
    kinds = []
    if f.n("orgs.base_committees"):
        sub = f" với {f.num('orgs.sub_cells')} chi bộ trực thuộc" if f.n("orgs.sub_cells") else ""
        if f.n("orgs.sub_committees"):
            sub += f" và {f.num('orgs.sub_committees')} đảng bộ bộ phận"
        kinds.append(f"{f.num('orgs.base_committees')} đảng bộ cơ sở{sub}")
    if f.n("orgs.base_cells"):
        kinds.append(f"{f.num('orgs.base_cells')} chi bộ cơ sở")
    text = (
        f"Đến ngày {env.end_text}, {env.org_word} có {f.num('orgs.base')} tổ chức cơ sở đảng"
        + (f" ({'; '.join(kinds)})" if kinds else "")
        + f" với tổng số {f.num('members.total')} đảng viên"
    )
    details = []
    if f.n("members.full"):
        details.append(f"{f.num('members.full')} đảng viên chính thức")
    if f.n("members.probationary"):
        details.append(f"{f.num('members.probationary')} đảng viên dự bị")
    if f.n("members.female"):
        details.append(f"{f.num('members.female')} đảng viên nữ")
    if details:
        text += ", trong đó " + ", ".join(details)
    return _sentence(text)


def situation_sectors(f: Figures, env: Env) -> Text:
    if env.template == "base" or not f.breakdown("orgs.base_by_sector"):
        return None
    return _sentence(
        "Các tổ chức cơ sở đảng hoạt động trong nhiều loại hình cơ quan, đơn vị, doanh nghiệp: "
        + _parts(f, "orgs.base_by_sector", "trong")
        + "; nhiệm vụ chính trị của từng nơi khác nhau nên công tác lãnh đạo của cấp ủy"
        " được cụ thể hóa phù hợp với đặc thù của mỗi đơn vị"
    )


# II. Political tasks ------------------------------------------------------------------------


def economy(f: Figures, env: Env) -> Text:
    keys = ("units.revenue", "units.workers", "units.profitable_rate", "units.task_completed_rate")
    if not any(f.n(key) for key in keys):
        return None
    clauses = []
    if f.n("units.revenue"):
        clauses.append(f"tổng doanh thu của các doanh nghiệp đạt {f.num('units.revenue')} tỉ đồng")
    if f.n("units.workers"):
        work = f"tạo việc làm ổn định cho {f.num('units.workers')} người lao động"
        if f.n("units.avg_income"):
            work += (f" với thu nhập bình quân {f.num('units.avg_income')} "
                     "triệu đồng/người/tháng")  # fmt: skip
        clauses.append(work)
    if f.n("units.profitable_rate"):
        clauses.append(f"{f.pct('units.profitable_rate')} doanh nghiệp sản xuất, kinh doanh có lãi")
    if f.n("units.task_completed_rate"):
        clauses.append(
            f"{f.pct('units.task_completed_rate')} cơ quan, đơn vị hoàn thành tốt "
            "nhiệm vụ chính trị"
        )
    return _sentence(
        f"Các cấp ủy lãnh đạo cơ quan, đơn vị, doanh nghiệp thực hiện nhiệm vụ chính trị "
        f"{env.period_label}: " + "; ".join(clauses)
    )


def work_items(f: Figures, env: Env) -> Text:
    if not f.n("work_items.total"):
        return None
    who = "Chi bộ" if env.cell else f"Ban Chấp hành {env.org_word}"
    return _sentence(
        f"{who} lãnh đạo, chỉ đạo triển khai chương trình công tác trọng "
        f"tâm, đến nay hoàn thành {f.num('work_items.done')}/{f.num('work_items.total')} "
        "đầu công việc theo kế hoạch"
    )


def targets_table(f: Figures) -> tuple[list[str], list[list[str]]] | None:
    rows = []
    for key, entry in f.store.items():
        if not key.startswith("target."):
            continue
        extra = entry.get("extra", {})
        actual = str(extra.get("actual", entry["text"]))
        rows.append([
            str(entry["label"]), str(extra.get("plan", "")),
            f.mark(key, actual) if actual != "–" else actual,
            str(extra.get("share", "")), str(extra.get("status", "")),
        ])  # fmt: skip
    if not rows:
        return None
    return ["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỉ lệ", "Đánh giá"], rows


# III.1 Political and ideological education --------------------------------------------------


def study(f: Figures, env: Env) -> Text:
    if not f.n("study.sessions"):
        return None
    text = f"Các cấp ủy tổ chức {f.num('study.sessions')} hội nghị học tập, quán triệt"
    text += " nghị quyết, chỉ thị, kết luận của Đảng"
    if f.n("study.bridge_points"):
        text += f" tại {f.num('study.bridge_points')} điểm cầu"
    if f.n("study.attendees"):
        text += f", thu hút {f.num('study.attendees')} lượt cán bộ, đảng viên và quần chúng dự"
    if f.n("study.participation_rate"):
        text += f"; tỉ lệ đảng viên tham gia học tập đạt {f.pct('study.participation_rate')}"
    return _sentence(text)


def training(f: Figures, env: Env) -> Text:
    if not f.n("training.classes"):
        return None
    text = f"Phối hợp mở {f.num('training.classes')} lớp bồi dưỡng"
    kinds = _parts(f, "training.by_kind", "lớp")
    if kinds and len(f.breakdown("training.by_kind")) > 1:
        text += f" ({kinds})"
    text += f" cho {f.num('training.learners')} học viên"
    if f.n("training.certified"):
        if f.n("training.certified") == f.n("training.learners"):
            text += f", {f.mark('training.certified', '100%')} được cấp giấy chứng nhận"
        else:
            text += f", {f.num('training.certified')} học viên được cấp giấy chứng nhận"
    return _sentence(text)


def contest(f: Figures, env: Env) -> Text:
    if not f.n("contest.count"):
        return None
    text = f"Tổ chức {f.num('contest.count')} hội thi báo cáo viên, tuyên truyền viên giỏi"
    if f.n("contest.entrants"):
        text += f" với {f.num('contest.entrants')} thí sinh dự thi"
    if f.n("contest.prizes"):
        ranks = [
            f"{f.part('contest.prizes_by_rank', label)} {_lower_first(label)}"
            for label in f.breakdown("contest.prizes_by_rank")
        ]
        text += f"; Ban Tổ chức hội thi trao {f.num('contest.prizes')} giải"
        if ranks:
            text += f", gồm {_join(ranks)}"
    return _sentence(text)


def commitments(f: Figures, env: Env) -> Text:
    if not f.n("commitments.registered"):
        return None
    return _sentence(
        f"Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với trách nhiệm "
        f"nêu gương được duy trì: {f.num('commitments.registered')} đảng viên (đạt "
        f"{f.pct('commitments.registered_rate')}) đăng ký cam kết nêu gương trong năm"
    )


# III.2 Organization and members ------------------------------------------------------------


def admission(f: Figures, env: Env) -> Text:
    text = "Công tác phát triển đảng viên được cấp ủy các cấp quan tâm"
    prep = []
    if f.n("admission.trained"):
        prep.append(
            f"bồi dưỡng nhận thức về Đảng cho {f.num('admission.trained')} quần chúng ưu tú"
        )
    if f.n("admission.verified"):
        prep.append(f"thẩm tra lý lịch {f.num('admission.verified')} trường hợp")
    if prep:
        text += ": " + ", ".join(prep)
    admitted = f.n("admission.admitted")
    if admitted and f.n("admission.target"):
        text += (
            f"; kết nạp được {f.num('admission.admitted')}/{f.num('admission.target')} đảng viên "
            f"(đạt {f.pct('admission.target_share')}) so với chỉ tiêu năm"
        )
    elif admitted:
        text += f"; kết nạp được {f.num('admission.admitted')} đảng viên mới"
    elif not prep:
        return None
    else:
        text += "; trong kỳ chưa kết nạp đảng viên mới"
    return _sentence(text)


def political_standard(f: Figures, env: Env) -> Text:
    if not f.n("political_standard.concluded"):
        return None
    text = (
        f"Thực hiện kết luận tiêu chuẩn chính trị cho {f.num('political_standard.concluded')} "
        "trường hợp"
    )
    parts = _parts(f, "political_standard.by_purpose")
    if parts:
        text += f" ({parts})"
    return _sentence(text)


def membership_changes(f: Figures, env: Env) -> Text:
    clauses = []
    if f.n("members.transferred_out"):
        clauses.append(f"{f.num('members.transferred_out')} đảng viên chuyển sinh hoạt đi")
    if f.n("members.deceased"):
        clauses.append(f"{f.num('members.deceased')} đảng viên từ trần")
    if f.n("members.exempted"):
        clauses.append(
            f"{f.num('members.exempted')} đảng viên được miễn công tác và sinh hoạt đảng"
        )
    if not clauses:
        return None
    return _sentence("Trong kỳ có " + "; ".join(clauses))


def meetings(f: Figures, env: Env) -> Text:
    if not f.n("meetings.expected"):
        return None
    text = (
        f"Nề nếp sinh hoạt chi bộ được duy trì: các chi bộ tổ chức {f.num('meetings.held')}/"
        f"{f.num('meetings.expected')} lượt sinh hoạt thường kỳ (đạt {f.pct('meetings.held_rate')})"
    )
    if f.n("meetings.attendance_rate"):
        text += f", tỉ lệ đảng viên dự sinh hoạt đạt {f.pct('meetings.attendance_rate')}"
    if f.n("meetings.thematic_expected"):
        text += (
            f"; {f.num('meetings.thematic_held')}/{f.num('meetings.thematic_expected')} lượt "
            "sinh hoạt chuyên đề theo quý"
        )
    return _sentence(text)


_GRADES = ("rating.excellent", "rating.good", "rating.completed", "rating.not_completed")
_GRADE_WORDS = ("hoàn thành xuất sắc", "hoàn thành tốt", "hoàn thành", "không hoàn thành")


def rating(f: Figures, env: Env) -> Text:
    members = [
        f"{f.num(key)} đảng viên {word} nhiệm vụ"
        for key, word in zip(_GRADES, _GRADE_WORDS, strict=True)
        if f.n(key)
    ]
    orgs = f.breakdown("rating.by_grade")
    if not members and not orgs:
        return None
    text = "Kết quả đánh giá, xếp loại chất lượng"
    if orgs:
        text += ": tổ chức đảng có " + _parts(f, "rating.by_grade")
    if members:
        text += ("; " if orgs else ": ") + ", ".join(members)
    return _sentence(text)


def rating_table(f: Figures) -> tuple[list[str], list[list[str]]] | None:
    orgs = f.breakdown("rating.by_grade")
    if not orgs:
        return None
    return ["Mức xếp loại", "Tổ chức đảng"], [
        [label, f.part("rating.by_grade", label)] for label in orgs
    ]


def badges(f: Figures, env: Env) -> Text:
    if not f.n("badges.awarded"):
        return None
    text = f"Đề nghị và trao tặng Huy hiệu Đảng cho {f.num('badges.awarded')} đồng chí"
    levels = [
        f"{f.part('badges.awarded_by_level', label)} Huy hiệu {label} tuổi Đảng"
        for label in f.breakdown("badges.awarded_by_level")
    ]
    if levels:
        text += f" ({', '.join(levels)})"
    return _sentence(text)


def dues(f: Figures, env: Env) -> Text:
    if not f.n("dues.collected"):
        return None
    return _sentence(
        f"Công tác thu, nộp đảng phí được thực hiện nghiêm túc: đã thu "
        f"{f.num('dues.collected')} đồng, đạt {f.pct('dues.collection_rate')} số phải thu"
    )


# III.3 Inspection, supervision, discipline --------------------------------------------------


def inspection(f: Figures, env: Env) -> Text:
    if not f.n("inspection.planned") and not f.n("inspection.unplanned"):
        return None
    text = "Cấp ủy, ủy ban kiểm tra các cấp"
    if f.n("inspection.planned"):
        text += (
            f" thực hiện {f.num('inspection.done', padded)}/{f.num('inspection.planned', padded)}"
            f" cuộc kiểm tra, giám sát theo chương trình, kế hoạch (đạt "
            f"{f.pct('inspection.done_rate')})"
        )
        if f.n("inspection.orgs_covered"):
            text += f" đối với {f.num('inspection.orgs_covered')} tổ chức đảng"
    if f.n("inspection.unplanned"):
        text += (
            f"{';' if f.n('inspection.planned') else ''} tiến hành "
            f"{f.num('inspection.unplanned')} cuộc kiểm tra, giám sát ngoài kế hoạch"
        )
    return _sentence(text)


def _forms(f: Figures, key: str) -> str:
    return ", ".join(f"{f.part(key, label)} {_lower_first(label)}" for label in f.breakdown(key))


def discipline(f: Figures, env: Env) -> Text:
    if not f.n("discipline.total"):
        return "Trong kỳ không có trường hợp đảng viên, tổ chức đảng phải thi hành kỷ luật."
    text = f"Thi hành kỷ luật {f.num('discipline.total')} trường hợp"
    clauses = []
    if f.n("discipline.by_superior"):
        forms = _forms(f, "discipline.by_form_superior")
        clauses.append(
            f"cấp trên cơ sở thi hành kỷ luật {f.num('discipline.by_superior')} trường hợp"
            + (f" ({forms})" if forms else "")
        )
    if f.n("discipline.by_base"):
        forms = _forms(f, "discipline.by_form_base")
        clauses.append(
            f"cấp cơ sở thi hành kỷ luật {f.num('discipline.by_base')} trường hợp"
            + (f" ({forms})" if forms else "")
        )
    if clauses:
        text += ": " + "; ".join(clauses)
    return _sentence(text)


def discipline_table(f: Figures) -> tuple[list[str], list[list[str]]] | None:
    total = f.breakdown("discipline.by_form")
    if not total:
        return None
    rows = [
        [
            label,
            f.part("discipline.by_form_superior", label),
            f.part("discipline.by_form_base", label),
            f.part("discipline.by_form", label),
        ]
        for label in total
    ]
    rows.append(["Cộng", f.num("discipline.by_superior"), f.num("discipline.by_base"),
                 f.num("discipline.total")])  # fmt: skip
    return ["Hình thức kỷ luật", "Cấp trên cơ sở", "Cấp cơ sở", "Tổng số"], rows


def complaints(f: Figures, env: Env) -> Text:
    if not f.n("complaints.received"):
        return None
    text = f"Tiếp nhận {f.num('complaints.received')} đơn thư khiếu nại, tố cáo"
    if f.n("complaints.settled"):
        text += f"; đã giải quyết {f.num('complaints.settled')} đơn"
        if f.n("complaints.settled_on_time"):
            text += f" ({f.num('complaints.settled_on_time')} đơn đúng thời hạn)"
    if f.n("complaints.closed"):
        text += f"; lưu {f.num('complaints.closed')} đơn không đủ điều kiện giải quyết"
    if f.n("complaints.overdue"):
        text += f"; còn {f.num('complaints.overdue')} đơn quá hạn chưa giải quyết"
    return _sentence(text)


# III.4 Mass mobilization, mass organizations, emulation -------------------------------------


def danvan(f: Figures, env: Env) -> Text:
    if not f.n("models.count"):
        return None
    text = f"Phong trào thi đua “Dân vận khéo” được triển khai với {f.num('models.count')} mô hình"
    if f.n("models.units"):
        text += f" tại {f.num('models.units')} cơ quan, đơn vị"
    fields = _parts(f, "models.by_field", "mô hình")
    if fields:
        text += f" ({fields})"
    if f.n("models.recognized"):
        text += f"; {f.num('models.recognized')} mô hình đã được công nhận"
    return _sentence(text)


def massorgs(f: Figures, env: Env) -> Text:
    clauses = []
    if f.n("massorg.activities"):
        clauses.append(f"tổ chức {f.num('massorg.activities')} hoạt động")
    if f.n("massorg.funds"):
        funds = f"vận động ủng hộ, hỗ trợ {f.num('massorg.funds')} đồng"
        kinds = [
            f"{label} {f.part('massorg.funds_by_kind', label)} đồng"
            for label in f.breakdown("massorg.funds_by_kind")
        ]
        if kinds:
            funds += f" ({'; '.join(kinds)})"
        clauses.append(funds)
    if f.n("massorg.blood_units"):
        clauses.append(f"hiến {f.num('massorg.blood_units')} đơn vị máu")
    if f.n("massorg.houses"):
        clauses.append(f"xây tặng {f.num('massorg.houses')} nhà tình nghĩa, mái ấm")
    if f.n("massorg.beneficiaries"):
        clauses.append(f"hỗ trợ {f.num('massorg.beneficiaries')} lượt người có hoàn cảnh khó khăn")
    if not clauses:
        return None
    text = "Cấp ủy lãnh đạo Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh"
    if f.n("massorg.members"):
        text += f" (với {f.num('massorg.members')} đoàn viên, hội viên)"
    return _sentence(text + " " + "; ".join(clauses))


def funds_table(f: Figures) -> tuple[list[str], list[list[str]]] | None:
    kinds = f.breakdown("massorg.funds_by_kind")
    if not kinds:
        return None
    rows = [[label, f.part("massorg.funds_by_kind", label)] for label in kinds]
    rows.append(["Cộng", f.num("massorg.funds")])
    return ["Đoàn thể", "Số tiền ủng hộ, hỗ trợ (đồng)"], rows


def commendation(f: Figures, env: Env) -> Text:
    if not f.n("commendation.total"):
        return None
    whom = _join([
        f"{f.num('commendation.collectives')} tập thể" if f.n("commendation.collectives") else "",
        f"{f.num('commendation.individuals')} cá nhân" if f.n("commendation.individuals") else "",
    ])  # fmt: skip
    return _sentence(
        f"Công tác thi đua, khen thưởng được quan tâm: khen thưởng {whom} có thành tích "
        "xuất sắc trong các phong trào thi đua"
    )


# Reports from below -------------------------------------------------------------------------

ROLLUP = "submissions.rollup"


def rollup_note(f: Figures, env: Env) -> Text:
    rollup = f.store.get(ROLLUP)
    if not rollup:
        return None
    value: dict[str, Any] = rollup["value"]
    text = (
        f"Tổng hợp báo cáo của các tổ chức cơ sở đảng: "
        f"{f.mark(ROLLUP, number(len(value['rows'])))}/"
        f"{f.mark(ROLLUP, number(value['asked']))} tổ chức đã nộp báo cáo"
    )
    if value["missing"]:
        text += "; chưa nộp: " + ", ".join(value["missing"])
    return _sentence(text)


def rollup_table(f: Figures) -> tuple[list[str], list[list[str]]] | None:
    rollup = f.store.get(ROLLUP)
    if not rollup or not rollup["value"]["rows"]:
        return None
    value = rollup["value"]
    rows = [[str(r[0]), *(number(v) if v is not None else "–" for v in r[1:])]
            for r in value["rows"]]  # fmt: skip
    rows.append(["Cộng", *(number(v) for v in value["total"])])
    return ["Tổ chức cơ sở đảng", *value["columns"]], rows


# Kept sections: drafted once from the figures, then the office's text -----------------------


_PARTIAL = ("half_year", "nine_months")


def _admission_behind(f: Figures, env: Env) -> str:
    """ "missed", "at_risk" or "" for the year's admission target: from the evaluation of the
    programmes' targets on admissions when the report has them, else from the share reached
    (at the end of the year below 100% is missed; during the year it is behind the pace)."""
    states = [
        str(entry.get("extra", {}).get("state", ""))
        for key, entry in f.store.items()
        if key.startswith("target.")
        and entry.get("extra", {}).get("indicator") == "admission.admitted"
    ]
    if states:
        if "missed" in states:
            return "missed"
        return "at_risk" if "at_risk" in states else ""
    if not f.n("admission.target"):
        return ""
    share = f.n("admission.target_share")
    if env.kind in _PARTIAL:
        pace = 50 if env.kind == "half_year" else 75
        return "at_risk" if share < pace else ""
    return "missed" if share < 100 else ""


def shortcomings(f: Figures, env: Env) -> Text:
    points = []
    behind = _admission_behind(f, env)
    if behind == "missed":
        points.append("công tác phát triển đảng viên chưa đạt chỉ tiêu đề ra")
    elif behind == "at_risk":
        points.append("tiến độ kết nạp đảng viên chậm, có nguy cơ không đạt chỉ tiêu năm")
    if f.n("inspection.planned") and f.n("inspection.done_rate") < 100:
        points.append(
            "một số cuộc kiểm tra, giám sát chưa hoàn thành theo tiến độ kế hoạch"
            if env.kind in _PARTIAL
            else "một số cuộc kiểm tra, giám sát theo chương trình, kế hoạch chưa thực hiện được"
        )
    if f.n("meetings.cells_missed"):
        points.append(
            f"còn {f.num('meetings.cells_missed')} chi bộ chưa duy trì sinh hoạt thường kỳ "
            "đủ các tháng"
        )
    if f.n("dues.members_owing"):
        points.append(f"{f.num('dues.members_owing')} đảng viên chưa đóng đủ đảng phí")
    if f.n("complaints.overdue"):
        points.append(f"{f.num('complaints.overdue')} đơn thư quá hạn giải quyết")
    if not points:
        return (
            "Việc nắm bắt tình hình tư tưởng ở một số cơ sở có lúc chưa kịp thời; chất lượng "
            "sinh hoạt chi bộ ở một số nơi chưa cao."
        )
    return _sentence("Bên cạnh kết quả đạt được, còn một số hạn chế: " + "; ".join(points))


def next_tasks(f: Figures, env: Env) -> Text:
    """What comes next depends on the period: the rest of the year after a six- or nine-month
    report; the next year after a year report; the next term after a term report."""
    tasks = [
        "lãnh đạo cơ quan, đơn vị, doanh nghiệp hoàn thành nhiệm vụ chính trị",
        "đổi mới nội dung, nâng cao chất lượng sinh hoạt chi bộ",
    ]
    if env.kind in _PARTIAL or env.kind not in ("year", "term"):
        if f.n("admission.target"):
            tasks.append(
                f"đẩy mạnh công tác tạo nguồn, phấn đấu hoàn thành chỉ tiêu kết nạp "
                f"{f.num('admission.target')} đảng viên mới của năm"
            )
        if f.n("inspection.planned"):
            tasks.append(
                "hoàn thành các cuộc kiểm tra, giám sát còn lại theo chương trình, kế hoạch"
            )
        if env.kind in _PARTIAL:
            tasks.append("chuẩn bị tốt việc kiểm điểm, đánh giá, xếp loại chất lượng cuối năm")
    elif env.kind == "year":
        tasks += [
            f"xây dựng chương trình công tác, chương trình kiểm tra, giám sát {env.next_label}",
            f"làm tốt công tác tạo nguồn, phát triển đảng viên theo chỉ tiêu {env.next_label}",
        ]
    else:
        tasks += [
            "triển khai, quán triệt và cụ thể hóa nghị quyết đại hội nhiệm kỳ mới",
            "xây dựng chương trình hành động, chương trình kiểm tra, giám sát toàn khóa",
        ]
    when = f"Trong {env.next_label}" if env.next_label else "Trong thời gian tới"
    return _sentence(f"{when}, tiếp tục tập trung " + "; ".join(tasks))


FULL = frozenset({"full"})

SECTIONS: tuple[Section, ...] = (
    Section("situation", "ĐẶC ĐIỂM TÌNH HÌNH", items=(
        Paragraph("situation.overview", situation),
        Paragraph("situation.sectors", situation_sectors),
        Chart("situation.chart", "Đảng viên theo loại hình cơ quan, đơn vị", "members.by_sector"),
    )),
    Section("political", "KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ", items=(
        Paragraph("political.economy", economy),
        Paragraph("political.work_items", work_items),
        Table("political.targets", "Kết quả thực hiện các chỉ tiêu", targets_table),
    )),
    Section("building", "CÔNG TÁC XÂY DỰNG ĐẢNG"),
    Section("education", "Công tác chính trị, tư tưởng", level=2, items=(
        Paragraph("education.study", study),
        Paragraph("education.training", training),
        Paragraph("education.contest", contest),
        Paragraph("education.commitments", commitments),
    )),
    Section("organization", "Công tác tổ chức, xây dựng Đảng và đảng viên", level=2, items=(
        Paragraph("organization.admission", admission),
        Paragraph("organization.political_standard", political_standard),
        Paragraph("organization.changes", membership_changes),
        Paragraph("organization.meetings", meetings),
        Paragraph("organization.rating", rating),
        Table("organization.rating_table", "Xếp loại chất lượng tổ chức đảng", rating_table),
        Paragraph("organization.badges", badges),
        Paragraph("organization.dues", dues),
    )),
    Section("inspection", "Công tác kiểm tra, giám sát và thi hành kỷ luật đảng", level=2,
            items=(
        Paragraph("inspection.plan", inspection),
        Paragraph("inspection.discipline", discipline),
        Table("inspection.discipline_table", "Kỷ luật đảng theo hình thức và cấp quyết định",
              discipline_table),
        Paragraph("inspection.complaints", complaints),
    )),
    Section("mass", "Công tác dân vận, lãnh đạo các đoàn thể chính trị - xã hội", level=2,
            items=(
        Paragraph("mass.danvan", danvan),
        Paragraph("mass.massorgs", massorgs),
        Table("mass.funds_table", "Kinh phí đoàn thể vận động ủng hộ, hỗ trợ", funds_table),
        Chart("mass.funds_chart", "Kinh phí ủng hộ, hỗ trợ theo đoàn thể (đồng)",
              "massorg.funds_by_kind"),
        Paragraph("mass.commendation", commendation),
    )),
    Section("rollup", "TỔNG HỢP BÁO CÁO CỦA CÁC TỔ CHỨC CƠ SỞ ĐẢNG", templates=FULL, items=(
        Paragraph("rollup.note", rollup_note),
        Table("rollup.table", "Số liệu các tổ chức cơ sở đảng đã báo cáo", rollup_table),
    )),
    Section("shortcomings", "HẠN CHẾ, KHUYẾT ĐIỂM", kept=True, items=(
        Paragraph("shortcomings.text", shortcomings),
    )),
    Section("next", "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", kept=True, items=(
        Paragraph("next.text", next_tasks),
    )),
)  # fmt: skip

# Figures of a base organization's report that its superior adds up (reports from below).
ROLLUP_KEYS: tuple[tuple[str, str], ...] = (
    ("members.total", "Đảng viên"),
    ("admission.admitted", "Kết nạp"),
    ("political_standard.concluded", "Kết luận TCCT"),
    ("discipline.total", "Kỷ luật"),
    ("commendation.total", "Khen thưởng"),
    ("massorg.funds", "Quỹ đoàn thể (đồng)"),
)


def sections_for(template: str) -> list[Section]:
    return [s for s in SECTIONS if template in s.templates]


def kept_keys() -> set[str]:
    return {item.key for s in SECTIONS if s.kept for item in s.items}
