"""`dangbo manage issue_token USERNAME`: print a new API token for a user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dangbo.accounts.tokens import api_token_issue


class Command(BaseCommand):
    help = "Cấp mã truy cập API (Authorization: Bearer ...) cho một người dùng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Tên đăng nhập")
        parser.add_argument("--name", default="dòng lệnh", help="Tên gợi nhớ của mã")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Số ngày mã còn hiệu lực (mặc định DANGBO_API_TOKEN_DAYS, 90)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: options["username"]})
        except user_model.DoesNotExist as exc:
            raise CommandError(f"Không có người dùng “{options['username']}”.") from exc
        if not user.is_active:
            raise CommandError(f"Người dùng “{options['username']}” đã bị khóa.")
        try:
            token, raw = api_token_issue(user=user, name=options["name"], days=options["days"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        until = timezone.localtime(token.expires_at) if token.expires_at else None
        self.stderr.write(
            f"Mã số {token.pk}, hiệu lực đến {until:%H:%M %d/%m/%Y}. "
            "Mã chỉ hiện một lần; hãy lưu lại ngay:"
        )
        self.stdout.write(raw)
