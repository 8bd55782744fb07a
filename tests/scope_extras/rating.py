"""The rating's records in the scope walk: a round of A, a round of B, and a round of the
bloc holding both (A's roles see that round, never B's entries in it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.rating import services
from dangbo.rating.models import (
    CommentResult,
    Grade,
    MemberRating,
    OrgRating,
    RatingRound,
    ResidenceComment,
)

SEGMENT_KINDS = {"dot": "rating_round", "xep-loai-to-chuc": "org_rating"}


def _round(parts: Any, scope: Any, year: int, marked: set[int]) -> RatingRound:
    root = parts.users["superuser"]
    rnd = services.round_open(by=root, scope=scope, year=year, opened_on=dt.date(year, 12, 1))
    entries = rnd.members.select_related("member__person", "cell")
    commented = set(ResidenceComment.objects.filter(year=year).values_list("member_id", flat=True))
    rows = [
        services.MemberProposal(
            entry=e,
            grade=Grade.GOOD if e.member_id in commented and not e.not_rated_reason else "",
            note=f"Ghi chú {parts.MARK}" if e.member_id in marked else "Ghi chú",
        )
        for e in entries
    ]
    services.member_ratings_propose(by=root, rnd=rnd, rows=rows, on=dt.date(year, 12, 20))
    for rating in rnd.orgs.select_related("org"):
        services.org_rating_propose(
            by=root,
            rating=rating,
            grade=Grade.GOOD,
            score=None,
            on=dt.date(year, 12, 21),
            note=f"Tự đánh giá {parts.MARK}" if parts.MARK in rating.org.name else "Tự đánh giá",
        )
    return rnd


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    root = parts.users["superuser"]
    b_ids = {m.pk for m in parts.b_members}
    for year in (2021, 2022):
        for member in [*parts.a_members, *parts.b_members]:
            side_b = member.pk in b_ids
            services.residence_comment_save(
                by=root,
                member=member,
                year=year,
                residence_cell=f"Chi bộ khu phố {parts.MARK}" if side_b else "Chi bộ khu phố 1",
                requested_on=dt.date(year, 11, 1),
                received_on=dt.date(year, 11, 15),
                result=CommentResult.GOOD,
                remarks=f"Gương mẫu {parts.MARK}" if side_b else "Gương mẫu",
            )
    a_round = _round(parts, parts.orgs["a_base"], 2021, set())
    b_round = _round(parts, parts.orgs["b_base"], 2021, b_ids)
    bloc_round = _round(parts, parts.orgs["bloc"], 2022, b_ids)
    b_path = parts.orgs["b_base"].path
    return {
        "A": {
            "rating_round": [a_round.pk],
            "org_rating": list(a_round.orgs.values_list("pk", flat=True)),
        },
        "B": {
            "rating_round": [b_round.pk, bloc_round.pk],
            "org_rating": list(
                OrgRating.objects.filter(org__path__startswith=b_path).values_list("pk", flat=True)
            ),
        },
    }


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return [
        list(RatingRound.objects.filter(scope__path__startswith=path).order_by("pk").values_list()),
        list(MemberRating.objects.filter(cell__path__startswith=path).order_by("pk").values_list()),
        list(OrgRating.objects.filter(org__path__startswith=path).order_by("pk").values_list()),
        list(
            ResidenceComment.objects.filter(member__org_path__startswith=path)
            .order_by("pk")
            .values_list()
        ),
    ]
