"""Indicators of Party discipline: decisions in the period by decision date, counted in the
scope where the subject (the member's cell, or the organization) was on that date, as the
tree stood then. Annulled decisions and information from other bodies are not counted in
discipline.total (the latter have discipline.external)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from dangbo.discipline.models import BodyKind, DisciplineCase, Form, SubjectKind
from dangbo.discipline.rules import is_base_level
from dangbo.discipline.selectors import base_level_q, cases_in_scope, form_q
from dangbo.indicators.registry import Context, Result, indicator

GROUP = "discipline"
UNIT = "trường hợp"


def _cases(context: Context) -> QuerySet[DisciplineCase]:
    return cases_in_scope(context.scope, *context.period_or_year)


def _count(qs: QuerySet[DisciplineCase]) -> Result:
    return Result(value=qs.count(), records=qs)


@indicator("discipline.total", "Kỷ luật đảng trong kỳ (đảng viên và tổ chức đảng)", UNIT, GROUP)
def discipline_total(context: Context) -> Result:
    return _count(_cases(context))


@indicator("discipline.members", "Đảng viên bị kỷ luật trong kỳ", UNIT, GROUP)
def discipline_members(context: Context) -> Result:
    return _count(_cases(context).filter(subject_kind=SubjectKind.MEMBER))


@indicator("discipline.orgs", "Tổ chức đảng bị kỷ luật trong kỳ", UNIT, GROUP)
def discipline_orgs(context: Context) -> Result:
    return _count(_cases(context).filter(subject_kind=SubjectKind.ORGANIZATION))


@indicator(
    "discipline.by_superior", "Kỷ luật do cấp trên cơ sở quyết định (cấp ủy, UBKT cấp trên)",
    UNIT, GROUP,
)  # fmt: skip
def discipline_by_superior(context: Context) -> Result:
    return _count(_cases(context).exclude(base_level_q()))


@indicator(
    "discipline.by_base", "Kỷ luật do cấp cơ sở quyết định (đảng ủy cơ sở, chi bộ)", UNIT, GROUP
)
def discipline_by_base(context: Context) -> Result:
    return _count(_cases(context).filter(base_level_q()))


def _form_indicator(form: Form, label: str) -> None:
    @indicator(f"discipline.{form.value}", label, UNIT, GROUP)
    def compute(context: Context) -> Result:
        return _count(_cases(context).filter(form_q(form)))


_form_indicator(Form.REPRIMAND, "Kỷ luật khiển trách trong kỳ")
_form_indicator(Form.WARNING, "Kỷ luật cảnh cáo trong kỳ")
_form_indicator(Form.DISMISSAL, "Kỷ luật cách chức trong kỳ")
_form_indicator(Form.EXPULSION, "Kỷ luật khai trừ trong kỳ")
_form_indicator(Form.STRUCK_OFF, "Đảng viên dự bị bị xóa tên do kỷ luật trong kỳ")
_form_indicator(Form.DISSOLUTION, "Tổ chức đảng bị giải tán do kỷ luật trong kỳ")


@indicator("discipline.by_form", "Kỷ luật trong kỳ theo hình thức", UNIT, GROUP)
def discipline_by_form(context: Context) -> Result:
    qs = _cases(context)
    counts: dict[str, int] = {}
    for row in qs.values("form", "changed_form").annotate(n=Count("id")):
        form = row["changed_form"] or row["form"]
        counts[form] = counts.get(form, 0) + row["n"]
    value = {str(f.label): counts[f.value] for f in Form if counts.get(f.value)}
    return Result(value=value, records=qs)


def body_label(body_kind: str, org_kind: str) -> str:
    """ "Chi bộ", "Ban Chấp hành – cấp cơ sở", "Ủy ban Kiểm tra – cấp trên cơ sở"…"""
    if body_kind == BodyKind.CELL:
        return "Chi bộ"
    level = "cấp cơ sở" if is_base_level(org_kind) else "cấp trên cơ sở"
    return f"{BodyKind(body_kind).label} – {level}"


@indicator("discipline.by_body", "Kỷ luật trong kỳ theo cơ quan quyết định", UNIT, GROUP)
def discipline_by_body(context: Context) -> Result:
    qs = _cases(context)
    value: dict[str, int] = {}
    rows = qs.values("body_kind", "body_org__kind").annotate(n=Count("id"))
    for row in sorted(rows, key=lambda r: (not is_base_level(r["body_org__kind"]), r["body_kind"])):
        label = body_label(row["body_kind"], row["body_org__kind"])
        value[label] = value.get(label, 0) + row["n"]
    return Result(value=value, records=qs)


@indicator(
    "discipline.external",
    "Đảng viên bị cơ quan nhà nước, đoàn thể kỷ luật trong kỳ (thông tin)",
    UNIT,
    GROUP,
)
def discipline_external(context: Context) -> Result:
    return _count(cases_in_scope(context.scope, *context.period_or_year, kind="information"))


def _by_form(qs: QuerySet[DisciplineCase]) -> Result:
    counts: dict[str, int] = {}
    for row in qs.values("form", "changed_form").annotate(n=Count("id")):
        form = row["changed_form"] or row["form"]
        counts[form] = counts.get(form, 0) + row["n"]
    value = {str(f.label): counts[f.value] for f in Form if counts.get(f.value)}
    return Result(value=value, records=qs)


@indicator(
    "discipline.by_form_superior",
    "Kỷ luật do cấp trên cơ sở quyết định, theo hình thức",
    UNIT,
    GROUP,
)
def discipline_by_form_superior(context: Context) -> Result:
    return _by_form(_cases(context).exclude(base_level_q()))


@indicator(
    "discipline.by_form_base", "Kỷ luật do cấp cơ sở quyết định, theo hình thức", UNIT, GROUP
)
def discipline_by_form_base(context: Context) -> Result:
    return _by_form(_cases(context).filter(base_level_q()))
