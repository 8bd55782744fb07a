"""Pages of Thi đua, khen thưởng: thin views over emulation.selectors and services."""

from dangbo.emulation.views.commendations import (
    commendation_create,
    commendation_detail,
    commendation_edit,
    commendation_export,
    commendation_list,
    home,
)
from dangbo.emulation.views.danvan import (
    model_create,
    model_detail,
    model_edit,
    model_export,
    model_list,
)
from dangbo.emulation.views.proposals import (
    proposal_create,
    proposal_decide,
    proposal_detail,
    proposal_export,
    proposal_list,
)

__all__ = [
    "commendation_create", "commendation_detail", "commendation_edit", "commendation_export",
    "commendation_list", "home", "model_create", "model_detail", "model_edit", "model_export",
    "model_list", "proposal_create", "proposal_decide", "proposal_detail", "proposal_export",
    "proposal_list",
]  # fmt: skip
