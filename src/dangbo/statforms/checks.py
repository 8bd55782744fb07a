"""Consistency checks before a form is submitted.

The cells read are named by each version's "checks" (statforms.definitions): form 1's
start, gains, losses, end; form 3's total; each in its "column". Shipped: A, B, C, D and I
in column 2. A version without them gets a failed finding saying so, not a crash.

- Form 1's end count (D) = form 3's total (I) = the members.total indicator on the date.
- Last period's end (A) + gains (B) − losses (C) = this period's end (D); when not, the
  members causing it (a move of their organization, an entry or exit of no known kind).
- Every transfer in the period is known as from/to another province or within it
  (statforms.facts.origin_of).
- Records that break the history, with the tree as it stood on the date: a member of a
  cell in the scope then with no membership period, a member in the list then (periods_at)
  or entering or leaving in the period whose events are out of order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dangbo.indicators import registry
from dangbo.members.choices import MemberStatus
from dangbo.members.history import HistoryError, derive
from dangbo.members.models import Member
from dangbo.members.selectors import periods_at
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import subtree_versions_at
from dangbo.statforms import definitions
from dangbo.statforms.definitions import CHECK_COLUMN
from dangbo.statforms.evaluate import Evaluation
from dangbo.statforms.facts import TREE_CHANGE

COUNTED_GAINS = {"admitted", "transferred_in", "transferred", "reinstated"}
COUNTED_LOSSES = {
    "deceased", "expelled", "struck_off", "not_recognized", "resigned", "transferred_out",
    "transferred",
}  # fmt: skip


@dataclass
class Finding:
    label: str
    ok: bool
    detail: str = ""
    # (member id, name, why) of the records behind a difference.
    records: list[tuple[int, str, str]] = field(default_factory=list)


def _names(ids: list[int]) -> dict[int, str]:
    return dict(Member.objects.filter(pk__in=ids).values_list("pk", "person__full_name"))


def _cells(evaluation: Evaluation, keys: tuple[str, ...]) -> dict[str, Any] | str:
    """{key: (row code, value)} of the "checks" cells of a version, or why they are missing."""
    definition = evaluation.definition
    refs = definition.checks
    missing = [k for k in (*keys, CHECK_COLUMN) if k not in refs]
    if missing:
        return (
            f"Biểu {definition.number} ({definition.version_label}) không khai báo dòng, cột "
            f'đối chiếu ("checks": {", ".join(missing)})'
        )
    return {k: (refs[k], evaluation.value(refs[k], refs[CHECK_COLUMN])) for k in keys}


def run(
    scope: Organization, at: dt.date, period: tuple[dt.date, dt.date] | None = None
) -> list[Finding]:
    form1 = Evaluation(definitions.pick("1", at), scope, at, period)
    form3 = Evaluation(definitions.pick("3", at), scope, at, period)
    context = registry.Context(scope=scope, at=at)
    total = registry.get("members.total").value(context)
    cells1 = _cells(form1, ("start", "gains", "losses", "end"))
    cells3 = _cells(form3, ("total",))
    findings: list[Finding] = []
    for problem in (c for c in (cells1, cells3) if isinstance(c, str)):
        findings.append(Finding("Dòng, cột đối chiếu của biểu", False, problem))
    if isinstance(cells1, dict) and isinstance(cells3, dict):
        (end_code, d), (total_code, i3) = cells1["end"], cells3["total"]
        findings.append(
            Finding(
                f"Dòng {end_code} Biểu 1 = dòng {total_code} Biểu 3 = chỉ tiêu Tổng số đảng viên",
                d == i3 == total,
                f"Biểu 1 ({end_code}): {d}; Biểu 3 ({total_code}): {i3}; "
                f"chỉ tiêu members.total: {total}",
            )
        )

    # A + B − C = D, member by member.
    start_ids = {f["member_id"] for f in form1.facts("members_start")}
    end_ids = {f["member_id"] for f in form1.facts("members")}
    net: Counter[int] = Counter(dict.fromkeys(start_ids, 1))
    why: dict[int, str] = {}
    for flow in form1.facts("flows"):
        member = flow["member_id"]
        counted = COUNTED_GAINS if flow["direction"] == "gain" else COUNTED_LOSSES
        if flow["kind"] in counted:
            net[member] += 1 if flow["direction"] == "gain" else -1
        elif flow["kind"] == TREE_CHANGE:
            way = "vào" if flow["direction"] == "gain" else "ra khỏi"
            why[member] = (
                f"tổ chức đảng của đảng viên chuyển {way} "
                f"phạm vi báo cáo ngày {flow['date']:%d/%m/%Y} (không phải biến động đảng viên)"
            )
    wrong = sorted(m for m in set(net) | end_ids if net.get(m, 0) != (1 if m in end_ids else 0))
    names = _names(wrong)
    records = [
        (m, names.get(m, str(m)), why.get(m, "biến động không có sự kiện tương ứng")) for m in wrong
    ]
    if isinstance(cells1, dict):
        (ca, a), (cb, b), (cc, c), (cd, d) = (
            cells1[k] for k in ("start", "gains", "losses", "end")
        )
        findings.append(
            Finding(
                f"Cuối kỳ trước + tăng − giảm = cuối kỳ này ({ca} + {cb} − {cc} = {cd})",
                a is not None and b is not None and c is not None and a + b - c == d and not wrong,
                f"{a} + {b} − {c} = {(a or 0) + (b or 0) - (c or 0)}; cuối kỳ ({cd}): {d}",
                records,
            )
        )

    unknown = [
        f
        for f in form1.facts("flows")
        if f["transfer"] and f["origin"] not in ("other_province", "within_province")
    ]
    names = _names([f["member_id"] for f in unknown])
    findings.append(
        Finding(
            "Chuyển sinh hoạt xác định được tỉnh khác hay trong tỉnh "
            "(dòng 2a + 2b = 2, 5a + 5b = 5)",
            not unknown,
            f"{len(unknown)} lượt chuyển sinh hoạt không xác định được nơi đến, nơi đi",
            [
                (
                    f["member_id"],
                    names.get(f["member_id"], ""),
                    f"chuyển {'đến' if f['direction'] == 'gain' else 'đi'} "
                    f"ngày {f['date']:%d/%m/%Y}",
                )
                for f in unknown[:200]
            ],
        )
    )

    findings.append(_history_findings(scope, at, form1))
    return findings


def _history_findings(scope: Organization, at: dt.date, form1: Evaluation) -> Finding:
    """Members of a cell in the scope on `at` with no period, and members in the list on
    `at` or entering or leaving in the period with events in an order their history
    refuses; the tree as it stood on `at`, not today's paths."""
    records: list[tuple[int, str, str]] = []
    orgs_then = subtree_versions_at(scope, at).values("org_id")
    no_period = (
        Member.objects.filter(cell_id__in=orgs_then, periods__isnull=True)
        .exclude(status=MemberStatus.LEFT)
        .values_list("pk", "person__full_name")
    )
    records += [
        (pk, name, "đang trong danh sách nhưng không có quá trình sinh hoạt")
        for pk, name in no_period
    ]
    involved = set(periods_at(scope, at).values_list("member_id", flat=True))
    involved |= {f["member_id"] for f in form1.facts("flows")}
    members: Any = (
        Member.objects.filter(pk__in=involved).select_related("person").prefetch_related("events")
    )
    for member in members:
        try:
            derive(list(member.events.all()), ceremony_on=member.ceremony_on)
        except HistoryError as exc:
            records.append((member.pk, member.person.full_name, str(exc)))
    return Finding(
        "Quá trình đảng tịch hợp lệ (có quá trình sinh hoạt, sự kiện đúng thứ tự)",
        not records,
        f"{len(records)} đảng viên có quá trình không hợp lệ",
        records,
    )
