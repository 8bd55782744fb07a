"""Writes of the rating. Each service checks the rule set of the round's year, records a
RatingStep per entry and one audit row (which also refreshes cached indicator values), and
refuses any change to a decided round.

Who may do what (core.scope, Action.CHANGE over the path): the cell proposes its members'
grades; the base organization (đảng ủy cơ sở, or the base cell for its own members)
decides them (HD 21-HD/BTCTW); the organization proposes its own rating and the directly
superior committee decides it (HD 43-HD/BTCTW: Ban Thường vụ cấp ủy cấp trên trực tiếp).
"""

from dangbo.rating.services.common import NON_FIELD
from dangbo.rating.services.members import (
    FACT_FIELDS,
    MemberDecision,
    MemberProposal,
    member_facts,
    member_ratings_decide,
    member_ratings_propose,
    quota_errors,
)
from dangbo.rating.services.orgs import (
    deciding_body,
    org_facts,
    org_rating_decide,
    org_rating_errors,
    org_rating_propose,
)
from dangbo.rating.services.residence import residence_comment_save
from dangbo.rating.services.rounds import round_lock, round_open

__all__ = [
    "FACT_FIELDS", "MemberDecision", "MemberProposal", "NON_FIELD", "deciding_body",
    "member_facts", "member_ratings_decide",
    "member_ratings_propose", "org_facts", "org_rating_decide", "org_rating_errors",
    "org_rating_propose", "quota_errors", "residence_comment_save", "round_lock", "round_open",
]  # fmt: skip
