"""The 2025 re-issue of Party cards in the demo: members on the list get a new card
number; the old one stays in their card history."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from dangbo.members.models import Member, MemberPeriod, PartyCard

REISSUE_ON = dt.date(2025, 8, 15)


def reissue_cards(today: dt.date) -> int:
    if today < REISSUE_ON:
        return 0
    on_list = MemberPeriod.objects.filter(valid_from__lte=REISSUE_ON).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=REISSUE_ON)
    )
    members = list(
        Member.objects.filter(pk__in=on_list.values("member_id"))
        .exclude(card_number__isnull=True)
        .order_by("pk")
    )
    cards = []
    for serial, member in enumerate(members, start=1):
        member.card_number = f"25{serial:010d}"
        cards.append(
            PartyCard(
                member=member,
                number=member.card_number,
                issued_on=REISSUE_ON,
                reason=PartyCard.Reason.REISSUE_2025,
            )
        )
    PartyCard.objects.bulk_create(cards, batch_size=5000)
    Member.objects.bulk_update(members, ["card_number"], batch_size=5000)
    return len(cards)
