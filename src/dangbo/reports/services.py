"""Writes of reports: create and regenerate a draft from the indicators, edit a paragraph,
freeze, start a new version, file as a Party document, submit to the superior that asked.

Each write is one transaction and writes an AuditEntry (action "change"), which the indicator
cache's data version counts. A frozen report is never recomputed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.scope import Action, scope_of
from dangbo.core.secrecy import Secrecy
from dangbo.core.text import format_date
from dangbo.indicators.links import records_url
from dangbo.indicators.registry import Context
from dangbo.orgs.models import Organization, OrgKind
from dangbo.reports import sections
from dangbo.reports.figures import Figures, number, percent, plain
from dangbo.reports.models import Report, ReportKind, ReportStatus, Template
from dangbo.reports.sections import ROLLUP, Chart, Env, Paragraph, Table

Progress = Callable[[int, int], None]


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _require_change(user: Any, org: Organization) -> None:
    """The command line (user None) acts as the operator; a web user needs CHANGE there."""
    if user is not None and not scope_of(user).covers_path(Action.OFFICE, org.path):
        raise PermissionDenied("Bạn không có quyền lập, sửa báo cáo của tổ chức này.")


def kind_for(start: dt.date, end: dt.date) -> str:
    """Guess the kind of report from its period (1/1 to 30/6, 30/9, 31/12 of one year)."""
    if start.month == 1 and start.day == 1 and start.year == end.year:
        if (end.month, end.day) == (6, 30):
            return ReportKind.HALF_YEAR
        if (end.month, end.day) == (9, 30):
            return ReportKind.NINE_MONTHS
        if (end.month, end.day) == (12, 31):
            return ReportKind.YEAR
    if end.year - start.year >= 4:
        return ReportKind.TERM
    return ReportKind.OTHER


def period_label(kind: str, start: dt.date, end: dt.date) -> tuple[str, str]:
    """(this period, the next one): ("9 tháng đầu năm 2021", "3 tháng cuối năm 2021")."""
    year = end.year
    if kind == ReportKind.HALF_YEAR:
        return f"6 tháng đầu năm {year}", f"6 tháng cuối năm {year}"
    if kind == ReportKind.NINE_MONTHS:
        return f"9 tháng đầu năm {year}", f"3 tháng cuối năm {year}"
    if kind == ReportKind.YEAR:
        return f"năm {year}", f"năm {year + 1}"
    if kind == ReportKind.TERM:
        return f"nhiệm kỳ {start.year} – {end.year}", "nhiệm kỳ tới"
    return f"từ ngày {format_date(start)} đến ngày {format_date(end)}", "thời gian tới"


def default_title(kind: str, start: dt.date, end: dt.date) -> str:
    this, following = period_label(kind, start, end)
    return f"Kết quả lãnh đạo thực hiện nhiệm vụ {this}, phương hướng, nhiệm vụ {following}"


def env_for(report: Report) -> Env:
    cell = report.org.kind in (OrgKind.BASE_CELL, OrgKind.SUB_CELL)
    this, following = period_label(report.kind, report.period_start, report.period_end)
    return Env(
        org_word="Chi bộ" if cell else "Đảng bộ",
        end_text=format_date(report.period_end),
        template=report.template,
        period_label=this,
        kind=report.kind,
        next_label=following if report.kind != ReportKind.OTHER else "",
        cell=cell,
    )


def default_dated(org: Organization, period_end: dt.date, today: dt.date | None = None) -> dt.date:
    """The date a report is signed when none is given: a few days after the period (never
    later than today, nor after the organization was dissolved)."""
    days = [today or timezone.localdate(), period_end + dt.timedelta(days=5)]
    if org.dissolved_on is not None:
        days.append(org.dissolved_on)
    return min(days)


_SECRECY_ORDER = list(Secrecy.values)


def highest_secrecy(*levels: str) -> str:
    """The highest of secrecy levels ("" < "mat" < "toi_mat" < "tuyet_mat")."""
    known = [level or "" for level in levels if (level or "") in _SECRECY_ORDER]
    return max(known, key=_SECRECY_ORDER.index, default="")


def is_rollup(report: Report) -> bool:
    """Only the issuer's own report of a call adds up what was submitted for it."""
    call = report.call if report.call_id else None
    return bool(
        call is not None and report.org_id == call.issuer_id and report.template == Template.FULL
    )


def context_for(report: Report) -> Context:
    return Context(
        scope=report.org, at=report.period_end, period=(report.period_start, report.period_end)
    )


def _put_targets(figures: Figures, report: Report) -> None:
    """The targets of the organization's programmes for the period, with their actuals
    (programmes.targets.evaluate)."""
    from dangbo.programmes.models import Comparison
    from dangbo.programmes.selectors import targets_for
    from dangbo.programmes.targets import evaluate

    for target in targets_for(report.org, period=(report.period_start, report.period_end)):
        progress = evaluate(target, at=report.period_end)
        share = target.comparison == Comparison.SHARE
        figures.put(
            f"target.{target.pk}", label=str(target.label), unit="%" if share else "",
            value=progress.actual if progress.actual is not None else 0,
            url=progress.records_url or "",
        )  # fmt: skip
        if progress.actual is None:
            actual, ratio = "–", ""
        elif share:
            # A share is compared, not divided: "91,3%" against "90%" is reached or not.
            actual = percent(progress.actual)
            ratio = "Đạt" if progress.actual >= float(target.value) else "Chưa đạt"
        else:
            actual = number(progress.actual)
            ratio = percent(progress.share) if progress.share is not None else ""
        plan = "" if target.value is None else number(target.value)
        figures.store[f"target.{target.pk}"]["extra"] = {
            "plan": f"{plan}%" if share and plan else plan,
            "actual": actual,
            "share": ratio,
            "status": str(progress.status_label) + (" (nhập tay)" if progress.manual else ""),
            "state": progress.status,
            "indicator": target.indicator_key or "",
        }


def _generate(report: Report, progress: Progress | None = None) -> None:
    """Recompute the figures and the generated text of a draft; the office's edits stay."""
    context = context_for(report)
    figures = Figures(context)
    _put_targets(figures, report)
    if is_rollup(report):
        from dangbo.reports.selectors import call_rollup

        rollup = call_rollup(report.call)
        figures.store[ROLLUP] = {
            "key": ROLLUP, "label": "Tổng hợp báo cáo của cấp dưới", "unit": "",
            "value": rollup, "text": "", "url": "",
        }  # fmt: skip
        # A roll-up is as secret as the most secret report it includes.
        report.secrecy = highest_secrecy(report.secrecy, rollup.get("secrecy", ""))
    env = env_for(report)
    old = report.body or {}
    body: dict[str, Any] = {}
    chosen = sections.sections_for(report.template)
    for index, section in enumerate(chosen):
        for item in section.items:
            if isinstance(item, Paragraph):
                # Every generated text follows the figures (kept sections too, so their
                # figures stay in the frozen set); only the office's edits are kept.
                previous = old.get(item.key) or {}
                body[item.key] = {
                    "generated": item.write(figures, env) or "",
                    "edited": previous.get("edited"),
                    "edited_by": previous.get("edited_by"),
                    "edited_at": previous.get("edited_at"),
                }
            elif isinstance(item, Table):
                item.build(figures)  # reads the table's figures into the frozen set
            elif isinstance(item, Chart):
                figures.value(item.figure)
        if progress is not None:
            progress(index + 1, len(chosen))
    report.figures = figures.store
    report.body = body


def report_build(
    *,
    org: Organization,
    period_start: dt.date,
    period_end: dt.date,
    kind: str = "",
    template: str = Template.FULL,
    title: str = "",
    dated: dt.date | None = None,
    secrecy: str = "",
    call: Any = None,
    progress: Progress | None = None,
) -> Report:
    """A report generated from the records, not saved (the command line prints it)."""
    if period_start > period_end:
        raise ValidationError({"period_end": "Ngày kết thúc kỳ phải sau ngày bắt đầu."})
    kind = kind or kind_for(period_start, period_end)
    report = Report(
        org=org, kind=kind, template=template, period_start=period_start,
        period_end=period_end, title=title or default_title(kind, period_start, period_end),
        dated=dated or default_dated(org, period_end), secrecy=secrecy, call=call,
        generated_at=timezone.now(),
    )  # fmt: skip
    _generate(report, progress)
    return report


def _audit(user: Any, report: Report, description: str) -> None:
    audit_log(
        user=_user(user), action=AuditAction.CHANGE, object_type="report",
        object_id=report.pk, description=f"{description}: {report.title} – {report.org.name}",
    )  # fmt: skip


@transaction.atomic
def report_create(
    *,
    org: Organization,
    period_start: dt.date,
    period_end: dt.date,
    kind: str = "",
    template: str = Template.FULL,
    title: str = "",
    dated: dt.date | None = None,
    secrecy: str = "",
    call: Any = None,
    user: Any = None,
    progress: Progress | None = None,
) -> Report:
    """Generate a draft report and store it."""
    _require_change(user, org)
    report = report_build(
        org=org, period_start=period_start, period_end=period_end, kind=kind,
        template=template, title=title, dated=dated, secrecy=secrecy, call=call,
        progress=progress,
    )  # fmt: skip
    report.generated_by = _user(user)
    report.save()
    _audit(user, report, "Lập dự thảo báo cáo")
    return report


def _require_draft(report: Report) -> None:
    if report.is_frozen:
        raise ValidationError("Báo cáo đã chốt, không sửa được; hãy lập phiên bản mới.")


@transaction.atomic
def report_regenerate(*, report: Report, user: Any = None) -> Report:
    """Recompute the figures and the generated text; the office's edits stay."""
    _require_change(user, report.org)
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_draft(report)
    _generate(report)
    report.generated_at = timezone.now()
    report.generated_by = _user(user)
    report.save()
    _audit(user, report, "Cập nhật số liệu báo cáo")
    return report


@transaction.atomic
def report_edit(*, report: Report, key: str, text: str, user: Any = None) -> Report:
    """Rewrite one paragraph; an empty text (or the generated one) goes back to the generated."""
    _require_change(user, report.org)
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_draft(report)
    if key not in report.body:
        raise ValidationError({"text": "Không có đoạn văn này trong báo cáo."})
    entry = dict(report.body[key])
    cleaned = text.strip().replace("\r\n", "\n")
    same = cleaned == plain(entry.get("generated") or "").strip()
    entry["edited"] = None if (not cleaned or same) else cleaned
    entry["edited_by"] = getattr(_user(user), "pk", None) if entry["edited"] else None
    entry["edited_at"] = timezone.now().isoformat() if entry["edited"] else None
    report.body = {**report.body, key: entry}
    report.save(update_fields=["body"])
    _audit(user, report, f"Sửa đoạn {key} của báo cáo")
    return report


@transaction.atomic
def report_update(
    *, report: Report, title: str, dated: dt.date, secrecy: str, user: Any = None
) -> Report:
    _require_change(user, report.org)
    _require_draft(report)
    report.title, report.dated, report.secrecy = title, dated, secrecy
    report.save(update_fields=["title", "dated", "secrecy"])
    _audit(user, report, "Sửa thông tin báo cáo")
    return report


@transaction.atomic
def report_freeze(*, report: Report, user: Any = None) -> Report:
    """Freeze the figures and the text: the report reads the same from now on."""
    _require_change(user, report.org)
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_draft(report)
    report.status = ReportStatus.FROZEN
    report.frozen_at = timezone.now()
    report.frozen_by = _user(user)
    report.save(update_fields=["status", "frozen_at", "frozen_by"])
    _audit(user, report, "Chốt báo cáo")
    return report


@transaction.atomic
def report_new_version(*, report: Report, user: Any = None) -> Report:
    """A new draft of a frozen report, regenerated from today's records, keeping its edits."""
    _require_change(user, report.org)
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("org", "call")
        .get(pk=report.pk)
    )
    if not report.is_frozen:
        raise ValidationError("Chỉ lập phiên bản mới từ một báo cáo đã chốt.")
    successor = Report.objects.filter(previous=report).order_by("-version").first()
    if successor is not None:
        raise ValidationError(
            f"Báo cáo này đã có phiên bản {successor.version}; hãy sửa tiếp phiên bản đó."
        )
    draft = Report(
        org=report.org, kind=report.kind, template=report.template, title=report.title,
        period_start=report.period_start, period_end=report.period_end, dated=report.dated,
        secrecy=report.secrecy, version=report.version + 1, previous=report, call=report.call,
        body=report.body, generated_at=timezone.now(), generated_by=_user(user),
    )  # fmt: skip
    _generate(draft)
    draft.save()
    _audit(user, draft, f"Lập phiên bản {draft.version} của báo cáo")
    return draft


@transaction.atomic
def report_file(*, report: Report, issued_on: dt.date | None = None, user: Any = None) -> Report:
    """File a frozen report as a Party document (programmes.services.document_issue): its
    number ("12-BC/ĐUK") appears in the header from now on."""
    _require_change(user, report.org)
    if not report.is_frozen:
        raise ValidationError("Hãy chốt báo cáo trước khi vào sổ văn bản.")
    if report.document_code:
        raise ValidationError(f"Báo cáo đã vào sổ với số {report.document_code}.")
    from dangbo.programmes.models import DocType
    from dangbo.programmes.services import document_issue

    day = issued_on or report.dated
    document = document_issue(
        org=report.org, doc_type=DocType.REPORT, issued_on=day, subject=report.title,
        secrecy=report.secrecy, is_public=False, file=None, user=user,
    )  # fmt: skip
    report.document = document
    report.document_code = document.code
    report.dated = day
    report.save(update_fields=["document_id", "document_code", "dated"])
    _audit(user, report, f"Vào sổ văn bản số {document.code}")
    return report


def payload_of(report: Report) -> dict[str, Any]:
    """What a submission freezes: the figures and the text of every paragraph."""
    return {
        "report_id": report.pk, "title": report.title, "version": report.version,
        "secrecy": report.secrecy or "", "figures": report.figures,
        "paragraphs": {key: report.paragraph_text(key) for key in report.body},
    }  # fmt: skip


@transaction.atomic
def report_submit(*, report: Report, user: Any = None, when: dt.datetime | None = None) -> Any:
    """Freeze the report (if still a draft) and submit it for the call that asked for it."""
    from dangbo.submissions.services import submit

    _require_change(user, report.org)  # even for a frozen report
    call = report.call
    if call is None:
        raise ValidationError("Báo cáo này không thuộc yêu cầu nào của cấp trên.")
    if not report.is_frozen:
        report = report_freeze(report=report, user=user)
    submission = submit(
        call=call, org=report.org, payload=payload_of(report), user=user,
        title=report.title, when=when,
    )  # fmt: skip
    report.submission = submission
    report.save(update_fields=["submission"])
    _audit(user, report, f"Nộp báo cáo lên cấp trên (lần {submission.version})")
    return submission


def figure_link(report: Report, key: str) -> str:
    entry = report.figures.get(key) or {}
    return str(entry.get("url") or records_url(key, context_for(report)))
