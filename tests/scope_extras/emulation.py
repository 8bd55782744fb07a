"""The emulation pages in the scope walk: commendations, proposals and models on both
sides; B's texts carry the marker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.emulation.models import (
    Commendation,
    CommendationProposal,
    CommendationRecipient,
    DanVanModel,
)
from dangbo.emulation.services import (
    RecipientLine,
    commendation_save,
    model_save,
    proposal_create,
)

SEGMENT_KINDS = {
    "khen-thuong": "commendation",
    "de-nghi-khen-thuong": "commendation_proposal",
    "mo-hinh-dan-van": "danvan_model",
}


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        text = parts.MARK if side == "B" else "Alpha"
        base = parts.orgs[f"{side.lower()}_base"]
        member = (parts.a_members if side == "A" else parts.b_members)[0]
        c = commendation_save(
            org=base, decided_on=dt.date(2021, 5, 18), decision_number=f"15-QĐ/{text}",
            level="base_committee", form="giay_khen", theme="other",
            theme_other=f"Phong trào {text}",
            recipients=[
                RecipientLine(kind="collective", org=parts.orgs[f"{side.lower()}_cell"],
                              achievement=f"Chi bộ {text}"),
                RecipientLine(kind="individual", member=member, position=f"Chuyên viên {text}"),
                RecipientLine(kind="individual", name=f"Ngô Văn {text}"),
            ],
        )  # fmt: skip
        p = proposal_create(
            org=base, to_level="bloc_standing", form="giay_khen", theme="ct05",
            submitted_on=dt.date(2021, 6, 1), collectives=1, individuals=1,
            document_number=f"3-TTr/{text}", recipients_text=f"Đồng chí Lý {text}",
        )  # fmt: skip
        m = model_save(
            unit=base, name=f"Mô hình {text}", field="economy", registered_year=2022,
            status="implementing", results=f"Kết quả {text}",
        )  # fmt: skip
        ids[side] = {
            "commendation": [c.pk], "commendation_proposal": [p.pk], "danvan_model": [m.pk],
        }  # fmt: skip
    return ids


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return [
        list(Commendation.objects.filter(org__path__startswith=path).order_by("pk").values_list()),
        list(
            CommendationRecipient.objects.filter(commendation__org__path__startswith=path)
            .order_by("pk")
            .values_list()
        ),
        list(
            CommendationProposal.objects.filter(org__path__startswith=path)
            .order_by("pk")
            .values_list()
        ),
        list(DanVanModel.objects.filter(unit__path__startswith=path).order_by("pk").values_list()),
    ]
