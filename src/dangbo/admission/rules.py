"""The rules of admission, each with the regulation it comes from.

Điều lệ Đảng (2011) Điều 4 and 5 and the rules implementing them: Quy định 29-QĐ/TW
(2016), 24-QĐ/TW (30/7/2021), 232-QĐ/TW (20/01/2025), 294-QĐ/TW (26/5/2025, in force
01/7/2025); the procedure in HD 12-HD/BTCTW (18/01/2022). The rule set is chosen by the
date of the step it checks. `derive_case` replays a case's steps in order, refuses an
impossible one with a Vietnamese message naming its rule, and returns the case's stage,
status and next deadline: one pure function for the forms, the API and the demo.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import ClassVar, Protocol

from dangbo.admission.models import CaseStatus, ExitReason, Stage
from dangbo.core import rulesets
from dangbo.core.workdays import add_working_days
from dangbo.members import rules as member_rules
from dangbo.members.rules import add_months


@dataclasses.dataclass(frozen=True)
class AdmissionRules(rulesets.RuleSet):
    family: ClassVar[str] = "admission"
    # Age "từ đủ 18 tuổi đến đủ 60 tuổi (tính theo tháng)" at the cell's meeting.
    min_age_months: int = 18 * 12
    max_age_months: int = 60 * 12
    # At least 2/3 of the cell's full members in favour (Điều lệ Điều 4 k3).
    vote_numerator: int = 2
    vote_denominator: int = 3
    # The admission decision within 60 working days of the cell's resolution, once
    # extendable by up to 30 (4.3.1); the same 30 for recognition decisions.
    decision_working_days: int = 60
    extension_working_days: int = 30
    recognition_decision_working_days: int = 30
    # The ceremony within 30 working days of the decision; later needs the superior
    # committee's agreement (232-QĐ/TW 4.1).
    ceremony_working_days: int = 30
    # The cell considers recognition within 30 working days after probation ends (4.2).
    recognition_working_days: int = 30
    # Certificate of the awareness class (CN-NTVĐ): 5 years in the older guides; HD 12/2022
    # thought to say "60 tháng" (RULES.md: Medium) — hence a field.
    certificate_valid_months: int = 60
    # Each introducer has worked with the candidate at least one year.
    introducer_min_months: int = 12
    # Re-admission (232-QĐ/TW 3.5): 36 months after leaving, once only (Medium).
    readmission_min_months: int = 36
    readmission_max_times: int = 1
    readmission_refused: tuple[str, ...] = (
        ExitReason.ABANDONED,
        ExitReason.RESIGNED,
        ExitReason.CORRUPTION,
        ExitReason.SERIOUS_CRIME,
    )


RULE_SETS = (
    # Not in RULES.md: the text implementing the 2011 Charter before 29-QĐ/TW, named from
    # memory; its numbers are those of the later texts. Used for records before 25/7/2016.
    AdmissionRules(
        name="Quy định 45-QĐ/TW",
        effective_from=dt.date(2011, 11, 1),
        source="Quy định 45-QĐ/TW ngày 01/11/2011 thi hành Điều lệ Đảng",
    ),
    AdmissionRules(
        name="Quy định 29-QĐ/TW",
        effective_from=dt.date(2016, 7, 25),
        source="Quy định 29-QĐ/TW ngày 25/7/2016; Hướng dẫn 01-HD/TW ngày 20/9/2016",
    ),
    AdmissionRules(
        name="Quy định 24-QĐ/TW",
        effective_from=dt.date(2021, 7, 30),
        source="Quy định 24-QĐ/TW ngày 30/7/2021; Hướng dẫn 12-HD/BTCTW ngày 18/01/2022",
    ),
    AdmissionRules(
        name="Quy định 232-QĐ/TW",
        effective_from=dt.date(2025, 1, 20),
        source="Quy định 232-QĐ/TW ngày 20/01/2025",
    ),
    AdmissionRules(
        name="Quy định 294-QĐ/TW",
        effective_from=dt.date(2025, 7, 1),
        source="Quy định 294-QĐ/TW ngày 26/5/2025; Hướng dẫn 06-HD/TW ngày 09/6/2025",
    ),
)


def rules_on(day: dt.date) -> AdmissionRules:
    return rulesets.pick(RULE_SETS, day)


class StepError(ValueError):
    """A step the rules refuse; `field` names the form field the message belongs to."""

    def __init__(self, message: str, *, field: str = "date", kind: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.kind = kind


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def age_in_months(birth: dt.date, on: dt.date) -> int:
    """Whole months of age on `on`."""
    months = (on.year - birth.year) * 12 + on.month - birth.month
    if on.day < birth.day and add_months(birth, months) > on:
        months -= 1
    return months


def _years_months(months: int) -> str:
    return f"{months // 12} tuổi {months % 12} tháng"


def check_age(birth: dt.date, on: dt.date, *, over_age_approval: str = "") -> None:
    """Điều lệ Đảng Điều 1 and 4; Quy định 24-QĐ/TW 1.1 (232, 294 keep it)."""
    rules = rules_on(on)
    months = age_in_months(birth, on)
    if months < rules.min_age_months:
        raise StepError(
            f"Người vào Đảng phải đủ {rules.min_age_months // 12} tuổi (tính theo tháng) khi chi "
            f"bộ xét kết nạp; ngày {_d(on)} mới {_years_months(months)} "
            f"(Điều lệ Đảng Điều 1; {rules.name})."
        )
    if months > rules.max_age_months and not over_age_approval:
        raise StepError(
            f"Người vào Đảng quá {rules.max_age_months // 12} tuổi ({_years_months(months)} ngày "
            f"{_d(on)}) chỉ được kết nạp khi có văn bản đồng ý của cấp ủy trực thuộc Trung "
            f"ương ({rules.name}).",
            field="over_age_approval",
        )


def required_votes(full_members: int, on: dt.date) -> int:
    rules = rules_on(on)
    return math.ceil(full_members * rules.vote_numerator / rules.vote_denominator)


def check_vote(votes_for: int | None, votes_total: int | None, on: dt.date) -> None:
    """Điều lệ Đảng Điều 4 k3: at least 2/3 of the cell's full members in favour."""
    if votes_total is None or votes_total <= 0:
        raise StepError("Phải ghi tổng số đảng viên chính thức của chi bộ.", field="votes_total")
    if votes_for is None:
        raise StepError("Phải ghi số đảng viên chính thức tán thành.", field="votes_for")
    if votes_for > votes_total:
        raise StepError(
            "Số tán thành không thể lớn hơn tổng số đảng viên chính thức.", field="votes_for"
        )
    needed = required_votes(votes_total, on)
    if votes_for < needed:
        rules = rules_on(on)
        raise StepError(
            f"Chỉ {votes_for}/{votes_total} đảng viên chính thức tán thành; cần ít nhất "
            f"{rules.vote_numerator}/{rules.vote_denominator} ({needed} đồng chí) "
            f"(Điều lệ Đảng Điều 4, khoản 3).",
            field="votes_for",
        )


def probation_end(ceremony: dt.date) -> dt.date:
    """Full membership dates from the end of 12 months of probation (232-QĐ/TW 4.2); the
    12 months are the one rule in members.rules that history.derive checks too."""
    return member_rules.probation_end(ceremony)


def recognition_deadline(
    admitted_on: dt.date, ceremony_on: dt.date | None
) -> tuple[dt.date, dt.date]:
    """(end of probation, last day for the cell to consider recognition) of a member: the
    probation runs from the ceremony (from the decision if no ceremony is recorded)."""
    start = ceremony_on if ceremony_on and ceremony_on >= admitted_on else admitted_on
    ends = probation_end(start)
    return ends, add_working_days(ends, rules_on(ends).recognition_working_days)


@dataclasses.dataclass(frozen=True)
class Readmission:
    """What the rules need about a former member (232-QĐ/TW 3.5)."""

    left_on: dt.date | None
    times_readmitted: int
    exit_reason: str


def check_readmission(facts: Readmission, on: dt.date) -> None:
    rules = rules_on(on)
    if facts.exit_reason in rules.readmission_refused:
        label = ExitReason(facts.exit_reason).label
        raise StepError(
            f"Không xem xét kết nạp lại người đã ra khỏi Đảng vì lý do: {label} "
            f"(Quy định 232-QĐ/TW, 3.5).",
            field="exit_reason",
        )
    if facts.times_readmitted >= rules.readmission_max_times:
        raise StepError(
            "Chỉ xem xét kết nạp lại một lần (Quy định 232-QĐ/TW, 3.5).", field="exit_reason"
        )
    if facts.left_on is not None:
        earliest = add_months(facts.left_on, rules.readmission_min_months)
        if on < earliest:
            raise StepError(
                f"Kết nạp lại chỉ được xem xét sau ít nhất {rules.readmission_min_months} tháng "
                f"kể từ ngày ra khỏi Đảng ({_d(facts.left_on)}), tức từ ngày {_d(earliest)} "
                f"(Quy định 232-QĐ/TW, 3.5)."
            )


def check_introducer(
    *, is_full_member: bool, worked_with_since: dt.date | None, on: dt.date
) -> None:
    """Each introducer is a full member who has worked with the candidate at least a year
    (Điều lệ Đảng Điều 4 k2; HD 12-HD/BTCTW, 4-KNĐ)."""
    rules = rules_on(on)
    if not is_full_member:
        raise StepError(
            f"Người giới thiệu phải là đảng viên chính thức vào ngày giới thiệu {_d(on)} "
            f"(Điều lệ Đảng Điều 4).",
            field="member",
        )
    if worked_with_since is None:
        raise StepError(
            "Phải ghi thời gian người giới thiệu cùng công tác với người vào Đảng.",
            field="worked_with_since",
        )
    if add_months(worked_with_since, rules.introducer_min_months) > on:
        raise StepError(
            f"Người giới thiệu phải cùng công tác với người vào Đảng ít nhất "
            f"{rules.introducer_min_months} tháng (từ {_d(worked_with_since)} đến ngày giới "
            f"thiệu {_d(on)} chưa đủ) (Điều lệ Đảng Điều 4).",
            field="worked_with_since",
        )


class StepLike(Protocol):
    kind: str
    date: dt.date
    votes_for: int | None
    votes_total: int | None
    late_reason: str


@dataclasses.dataclass
class CaseState:
    stage: str = Stage.IDENTIFIED
    status: str = CaseStatus.PREPARING
    certificate_valid_until: dt.date | None = None
    cell_resolution_on: dt.date | None = None
    decided_on: dt.date | None = None
    ceremony_on: dt.date | None = None
    probation_ends_on: dt.date | None = None
    recognition_resolution_on: dt.date | None = None
    due_on: dt.date | None = None


PREPARATION = (Stage.TRAINED, Stage.APPLIED, Stage.INTRODUCED, Stage.VERIFIED, Stage.CONCLUDED)
MAIN = (
    Stage.CELL_RESOLUTION,
    Stage.HIGHER_RESOLUTION,
    Stage.DECISION,
    Stage.CEREMONY,
    Stage.RECOGNITION_RESOLUTION,
)
FINAL = (Stage.RECOGNITION, Stage.NOT_RECOGNIZED, Stage.WITHDRAWN)
_ORDER = {kind: i for i, kind in enumerate(Stage.values)}


def sort_steps(steps: Iterable[StepLike]) -> list[StepLike]:
    return sorted(steps, key=lambda s: (_ORDER.get(s.kind, 99), s.date))


def _within(
    day: dt.date, start: dt.date, working_days: int, step: StepLike, what: str, rule: str,
    *, extension: int = 0,
) -> None:  # fmt: skip
    due = add_working_days(start, working_days)
    if day <= due:
        return
    if extension:
        extended = add_working_days(due, extension)
        if not step.late_reason:
            raise StepError(
                f"Quá thời hạn {working_days} ngày làm việc {what} (hạn {_d(due)}); nếu đã gia "
                f"hạn, ghi số văn bản gia hạn (gia hạn một lần, không quá {extension} ngày làm "
                f"việc) ({rule}).",
                field="late_reason",
            )
        if day > extended:
            raise StepError(
                f"Quá cả thời hạn đã gia hạn ({working_days} + {extension} ngày làm việc "
                f"{what}, hạn {_d(extended)}) ({rule}).",
            )
        return
    if not step.late_reason:
        raise StepError(
            f"Quá thời hạn {working_days} ngày làm việc {what} (hạn {_d(due)}); phải ghi văn "
            f"bản đồng ý của cấp ủy cấp trên trực tiếp hoặc lý do ({rule}).",
            field="late_reason",
        )


def derive_case(
    steps: Iterable[StepLike],
    *,
    birth_date: dt.date,
    needs_higher_resolution: bool,
    over_age_approval: str = "",
    readmission: Readmission | None = None,
) -> CaseState:
    """Replay the steps in order; raise StepError (with `kind`) on the first refused one."""
    state = CaseState()
    done: dict[str, StepLike] = {}
    last_date: dt.date | None = None
    for step in sort_steps(steps):
        kind = step.kind
        try:
            _apply(
                state, done, step, last_date, birth_date=birth_date,
                needs_higher_resolution=needs_higher_resolution,
                over_age_approval=over_age_approval, readmission=readmission,
            )  # fmt: skip
        except StepError as exc:
            exc.kind = kind
            raise
        done[kind] = step
        if kind not in PREPARATION:
            last_date = step.date
    state.due_on = _next_due(state, done)
    return state


def _apply(
    state: CaseState,
    done: dict[str, StepLike],
    step: StepLike,
    last_date: dt.date | None,
    *,
    birth_date: dt.date,
    needs_higher_resolution: bool,
    over_age_approval: str,
    readmission: Readmission | None,
) -> None:
    kind, day = step.kind, step.date
    label = Stage(kind).label
    if kind in done:
        raise StepError(f"Bước “{label}” đã được ghi.")
    ended = next((k for k in FINAL if k in done), None)
    if ended is not None:
        raise StepError(f"Hồ sơ đã kết thúc ({Stage(ended).label}), không ghi thêm được.")
    if kind == Stage.IDENTIFIED:
        return
    opened = done.get(Stage.IDENTIFIED)
    if opened is not None and day < opened.date:
        raise StepError(f"Ngày {_d(day)} sớm hơn ngày chi bộ tạo nguồn ({_d(opened.date)}).")
    if kind in PREPARATION:
        if Stage.CELL_RESOLUTION in done:
            raise StepError(f"Bước “{label}” phải có trước khi chi bộ xét kết nạp.")
        if kind == Stage.TRAINED:
            rules = rules_on(day)
            state.certificate_valid_until = add_months(day, rules.certificate_valid_months)
        state.stage = kind
        return
    if kind == Stage.WITHDRAWN:
        if Stage.CEREMONY in done:
            raise StepError(
                "Đã kết nạp: dùng bước không công nhận chính thức thay cho dừng xem xét."
            )
        state.stage, state.status = kind, CaseStatus.WITHDRAWN
        return
    if last_date is not None and day < last_date:
        raise StepError(f"Ngày {_d(day)} sớm hơn bước trước ({_d(last_date)}).")
    if kind == Stage.CELL_RESOLUTION:
        missing = [str(Stage(k).label) for k in PREPARATION if k not in done]
        if missing:
            raise StepError("Chưa đủ các bước trước khi chi bộ xét: " + "; ".join(missing) + ".")
        if any(done[k].date > day for k in PREPARATION):
            raise StepError("Các bước chuẩn bị phải có trước ngày chi bộ xét kết nạp.")
        assert state.certificate_valid_until is not None
        if day >= state.certificate_valid_until:
            raise StepError(
                f"Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng đã hết giá trị "
                f"(đến {_d(state.certificate_valid_until)}); người vào Đảng phải học lại "
                f"({rules_on(day).name}, thời hạn {rules_on(day).certificate_valid_months} tháng)."
            )
        check_age(birth_date, day, over_age_approval=over_age_approval)
        if readmission is not None:
            check_readmission(readmission, day)
        check_vote(step.votes_for, step.votes_total, day)
        state.cell_resolution_on = day
    elif kind == Stage.HIGHER_RESOLUTION:
        if Stage.CELL_RESOLUTION not in done:
            raise StepError("Chưa có nghị quyết của chi bộ đề nghị kết nạp.")
    elif kind == Stage.DECISION:
        if Stage.CELL_RESOLUTION not in done:
            raise StepError("Chưa có nghị quyết của chi bộ đề nghị kết nạp.")
        if needs_higher_resolution and Stage.HIGHER_RESOLUTION not in done:
            raise StepError("Chưa có nghị quyết của đảng ủy cơ sở đề nghị kết nạp (8-KNĐ).")
        assert state.cell_resolution_on is not None
        rules = rules_on(day)
        _within(
            day, state.cell_resolution_on, rules.decision_working_days, step,
            "kể từ ngày chi bộ có nghị quyết", f"{rules.name}, 4.3.1",
            extension=rules.extension_working_days,
        )  # fmt: skip
        state.decided_on = day
    elif kind == Stage.CEREMONY:
        if state.decided_on is None:
            raise StepError("Chưa có quyết định kết nạp.")
        rules = rules_on(day)
        _within(
            day, state.decided_on, rules.ceremony_working_days, step,
            "kể từ ngày nhận quyết định kết nạp", f"{rules.name}, 4.1",
        )  # fmt: skip
        state.ceremony_on = day
        state.probation_ends_on = probation_end(day)
        state.status = CaseStatus.PROBATION
    elif kind == Stage.RECOGNITION_RESOLUTION:
        if state.probation_ends_on is None:
            raise StepError("Chưa tổ chức lễ kết nạp.")
        if day < state.probation_ends_on:
            raise StepError(
                f"Chưa hết {member_rules.probation_months(day)} tháng dự bị (hết ngày "
                f"{_d(state.probation_ends_on)}); chi bộ chưa được xét công nhận chính thức "
                f"(Điều lệ Đảng Điều 5)."
            )
        rules = rules_on(day)
        _within(
            day, state.probation_ends_on, rules.recognition_working_days, step,
            "kể từ ngày hết thời gian dự bị", f"{rules.name}, 4.2",
        )  # fmt: skip
        if step.votes_for is not None:
            check_vote(step.votes_for, step.votes_total, day)
        state.recognition_resolution_on = day
    elif kind in (Stage.RECOGNITION, Stage.NOT_RECOGNIZED):
        if state.recognition_resolution_on is None:
            raise StepError("Chưa có nghị quyết của chi bộ xét công nhận chính thức.")
        rules = rules_on(day)
        _within(
            day, state.recognition_resolution_on, rules.recognition_decision_working_days, step,
            "kể từ ngày chi bộ có nghị quyết", f"{rules.name}, 4.3.1",
            extension=rules.extension_working_days,
        )  # fmt: skip
        state.status = CaseStatus.FULL if kind == Stage.RECOGNITION else CaseStatus.NOT_RECOGNIZED
    state.stage = kind


def _next_due(state: CaseState, done: dict[str, StepLike]) -> dt.date | None:
    """The deadline of what should happen next (for the due and overdue list)."""
    if any(k in done for k in FINAL):
        return None
    if Stage.RECOGNITION_RESOLUTION in done:
        assert state.recognition_resolution_on is not None
        rules = rules_on(state.recognition_resolution_on)
        return add_working_days(
            state.recognition_resolution_on, rules.recognition_decision_working_days
        )
    if state.probation_ends_on is not None:
        rules = rules_on(state.probation_ends_on)
        return add_working_days(state.probation_ends_on, rules.recognition_working_days)
    if state.decided_on is not None:
        return add_working_days(state.decided_on, rules_on(state.decided_on).ceremony_working_days)
    if state.cell_resolution_on is not None:
        rules = rules_on(state.cell_resolution_on)
        return add_working_days(state.cell_resolution_on, rules.decision_working_days)
    return state.certificate_valid_until


def next_kinds(done: Sequence[str], *, needs_higher_resolution: bool) -> list[str]:
    """The steps a user may record next, in order (for the buttons on the case page)."""
    if any(k in done for k in FINAL):
        return []
    if Stage.RECOGNITION_RESOLUTION in done:
        return [Stage.RECOGNITION, Stage.NOT_RECOGNIZED]
    if Stage.CEREMONY in done:
        return [Stage.RECOGNITION_RESOLUTION]
    if Stage.DECISION in done:
        return [Stage.CEREMONY, Stage.WITHDRAWN]
    if Stage.CELL_RESOLUTION in done:
        if needs_higher_resolution and Stage.HIGHER_RESOLUTION not in done:
            return [Stage.HIGHER_RESOLUTION, Stage.WITHDRAWN]
        return [Stage.DECISION, Stage.WITHDRAWN]
    kinds = [k for k in PREPARATION if k not in done]
    if not kinds:
        kinds = [Stage.CELL_RESOLUTION]
    return [*kinds, Stage.WITHDRAWN]
