"""Pages of Huy hiệu Đảng: thin views over badges.selectors and badges.services."""

from dangbo.badges.views.awards import (
    award_create,
    award_detail,
    award_export,
    award_list,
    award_many,
    award_reissue,
    award_return,
    member_history,
)
from dangbo.badges.views.proposals import figures, home, proposal_export

__all__ = [
    "award_create", "award_detail", "award_export", "award_list", "award_many",
    "award_reissue", "award_return", "figures", "home", "member_history", "proposal_export",
]  # fmt: skip
