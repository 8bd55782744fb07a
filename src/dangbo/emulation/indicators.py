"""Figures of emulation and commendation, and of the "Dân vận khéo" models.

Commendations of a period: recipients of the decisions dated in it whose organization was
under the scope on the decision's day (every theme counts; `commendation.by_theme` splits
them). Models: the state on the date (the period's end when a period is given)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from dangbo.emulation.models import (
    Level,
    ModelField,
    ProposalOutcome,
    RecipientKind,
    Theme,
)
from dangbo.emulation.selectors import (
    models_at,
    proposals_in_scope,
    recipients_in_scope,
    recognized_at,
)
from dangbo.indicators.registry import Context, Result, indicator
from dangbo.orgs.models import Organization


def _recipients(context: Context):  # type: ignore[no-untyped-def]
    return recipients_in_scope(context.scope, *context.period_or_year)


def _end(context: Context) -> dt.date:
    return context.period[1] if context.period else context.at


@indicator(
    "commendation.collectives", "Tập thể được khen thưởng trong kỳ", "tập thể",
    group="emulation",
)  # fmt: skip
def commendation_collectives(context: Context) -> Result:
    rows = _recipients(context).filter(kind=RecipientKind.COLLECTIVE)
    return Result(value=rows.count(), records=rows)


@indicator(
    "commendation.individuals", "Cá nhân được khen thưởng trong kỳ", "cá nhân",
    group="emulation",
)  # fmt: skip
def commendation_individuals(context: Context) -> Result:
    rows = _recipients(context).filter(kind=RecipientKind.INDIVIDUAL)
    return Result(value=rows.count(), records=rows)


@indicator(
    "commendation.total", "Tập thể và cá nhân được khen thưởng trong kỳ", "lượt",
    group="emulation",
)  # fmt: skip
def commendation_total(context: Context) -> Result:
    rows = _recipients(context)
    return Result(value=rows.count(), records=rows)


def _breakdown(context: Context, column: str, labels: dict[str, str]) -> Result:
    rows = _recipients(context)
    counts = dict(
        rows.values_list(f"commendation__{column}")
        .annotate(n=Count("id"))
        .values_list(f"commendation__{column}", "n")
    )
    value = {str(labels[k]): counts[k] for k in labels if counts.get(k)}
    return Result(value=value, records=rows)


@indicator(
    "commendation.by_level", "Khen thưởng trong kỳ theo cấp khen (tập thể và cá nhân)", "lượt",
    group="emulation",
)  # fmt: skip
def commendation_by_level(context: Context) -> Result:
    return _breakdown(context, "level", {k: str(v) for k, v in Level.choices})


@indicator(
    "commendation.by_theme", "Khen thưởng trong kỳ theo phong trào, chủ đề", "lượt",
    group="emulation",
)  # fmt: skip
def commendation_by_theme(context: Context) -> Result:
    return _breakdown(context, "theme", {k: str(v) for k, v in Theme.choices})


@indicator(
    "commendation.proposals", "Đề nghị cấp trên khen thưởng, trình trong kỳ", "đề nghị",
    group="emulation",
)  # fmt: skip
def commendation_proposals(context: Context) -> Result:
    rows = proposals_in_scope(context.scope, *context.period_or_year)
    return Result(value=rows.count(), records=rows)


@indicator(
    "commendation.proposals_approved", "Đề nghị khen thưởng được chấp thuận trong kỳ",
    "đề nghị", group="emulation",
)  # fmt: skip
def commendation_proposals_approved(context: Context) -> Result:
    rows = proposals_in_scope(
        context.scope, *context.period_or_year, date_field="decided_on"
    ).filter(outcome=ProposalOutcome.APPROVED)
    return Result(value=rows.count(), records=rows)


@indicator(
    "models.units", "Đơn vị đăng ký xây dựng mô hình “Dân vận khéo” (đang thực hiện)",
    "đơn vị", group="emulation",
)  # fmt: skip
def models_units(context: Context) -> Result:
    units = models_at(context.scope, _end(context)).values("unit_id")
    orgs = Organization.objects.filter(pk__in=units)
    return Result(value=orgs.count(), records=orgs)


@indicator(
    "models.count", "Mô hình “Dân vận khéo” đăng ký, đang thực hiện", "mô hình",
    group="emulation",
)  # fmt: skip
def models_count(context: Context) -> Result:
    rows = models_at(context.scope, _end(context))
    return Result(value=rows.count(), records=rows)


@indicator("models.by_field", "Mô hình “Dân vận khéo” theo lĩnh vực", "mô hình", group="emulation")
def models_by_field(context: Context) -> Result:
    rows = models_at(context.scope, _end(context))
    counts = dict(rows.values_list("field").annotate(n=Count("id")).values_list("field", "n"))
    labels = {k: str(v) for k, v in ModelField.choices}
    return Result(value={str(labels[k]): counts[k] for k in labels if counts.get(k)}, records=rows)


@indicator(
    "models.recognized", "Mô hình “Dân vận khéo” đã được công nhận", "mô hình",
    group="emulation",
)  # fmt: skip
def models_recognized(context: Context) -> Result:
    rows = recognized_at(context.scope, _end(context))
    return Result(value=rows.count(), records=rows)
