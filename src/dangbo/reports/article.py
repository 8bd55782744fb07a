"""A report turned into a portal article draft: its prose and tables, its figures as of the
report, for the editor to rewrite ("Một số kết quả nổi bật ..." pieces)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.html import escape

from dangbo.core.scope import Action, scope_of
from dangbo.core.secrecy import Channel, refuse_if_secret
from dangbo.core.text import format_date
from dangbo.reports.figures import plain
from dangbo.reports.layout import layout_of
from dangbo.reports.models import Report

# Sections an article leaves out: the office's self-criticism and next tasks are internal,
# and so is the roll-up of what the organizations below submitted.
LEFT_OUT = ("HẠN CHẾ", "PHƯƠNG HƯỚNG", "TỔNG HỢP BÁO CÁO")

_TITLE_PREFIXES = ("kết quả ", "báo cáo ")


def article_title(report_title: str) -> str:
    """ "Một số kết quả nổi bật lãnh đạo thực hiện nhiệm vụ ..." from "Kết quả lãnh đạo ..."
    (a leading "Kết quả " or "Báo cáo " is not repeated)."""
    rest = report_title.strip()
    for prefix in _TITLE_PREFIXES:
        if rest.lower().startswith(prefix):
            rest = rest[len(prefix) :]
            break
    return f"Một số kết quả nổi bật {rest[:1].lower()}{rest[1:]}"


def article_body(report: Report) -> str:
    """The report's body as sanitizable HTML: headings, paragraphs and tables, figures as
    the report states them (a frozen report's figures never change)."""
    out: list[str] = []
    skipping = False
    for block in layout_of(report).blocks:
        if block.kind == "heading":
            skipping = block.level == 1 and any(word in block.text.upper() for word in LEFT_OUT)
            if not skipping:
                out.append(f"<h{min(block.level + 1, 4)}>{escape(plain(block.text))}</h"
                           f"{min(block.level + 1, 4)}>")  # fmt: skip
        elif skipping:
            continue
        elif block.kind == "paragraph":
            out.append(f"<p>{escape(plain(block.text))}</p>")
        elif block.kind == "table" and block.rows:
            head = "".join(f"<th>{escape(h)}</th>" for h in block.headers)
            rows = "".join(
                "<tr>" + "".join(f"<td>{escape(plain(c))}</td>" for c in row) + "</tr>"
                for row in block.rows
            )
            caption = f"<caption>{escape(block.text)}</caption>" if block.text else ""
            out.append(f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"
                       "</table>")  # fmt: skip
    return "\n".join(out)


def report_to_article(*, report: Report, user: Any, request: Any = None) -> Any:
    """A draft article of the report's organization, made from the report in one step."""
    from dangbo.portal.services import article_draft_from_report

    if not scope_of(user).covers_path(Action.WRITE_NEWS, report.org.path):
        raise PermissionDenied("Đồng chí không có quyền viết tin cho chuyên trang này.")
    refuse_if_secret(report, channel=Channel.PORTAL, user=user, request=request)
    title = article_title(report.title)
    note = f"Theo {report.title} của {report.org.name}"
    if report.is_frozen and report.frozen_at is not None:
        note += f" (số liệu chốt ngày {format_date(report.frozen_at.date())})"
    return article_draft_from_report(
        org=report.org, title=title[:255], body_html=article_body(report), source_note=note,
        user=user,
    )  # fmt: skip
