"""`dangbo manage list_tokens [--user USERNAME]`: the API tokens and their state."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from dangbo.accounts.models import ApiToken
from dangbo.accounts.tokens import api_token_state


def _when(value: Any) -> str:
    return f"{timezone.localtime(value):%d/%m/%Y %H:%M}" if value else "–"


class Command(BaseCommand):
    help = "Liệt kê các mã truy cập API (không hiện mã, chỉ số, tên, hạn và trạng thái)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="Chỉ mã của tên đăng nhập này")

    def handle(self, *args: Any, **options: Any) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("pk")
        if options["user"]:
            tokens = tokens.filter(user__username=options["user"])
        now = timezone.now()
        self.stdout.write(
            f"{'Số':>5}  {'Người dùng':<14} {'Tên':<20} {'Hết hạn':<17} "
            f"{'Dùng lần cuối':<17} Trạng thái"
        )
        for t in tokens:
            self.stdout.write(
                f"{t.pk:>5}  {t.user.username:<14} {t.name[:20]:<20} {_when(t.expires_at):<17} "
                f"{_when(t.last_used_at):<17} {api_token_state(t, now)}"
            )
