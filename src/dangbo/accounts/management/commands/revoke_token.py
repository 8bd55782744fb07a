"""`dangbo manage revoke_token ID`: revoke an API token (audited with the OS user)."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangbo.accounts.models import ApiToken, AuditEntry
from dangbo.accounts.tokens import api_token_revoke


class Command(BaseCommand):
    help = "Thu hồi một mã truy cập API theo số của nó (xem list_tokens)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", type=int, help="Số của mã")

    def handle(self, *args: Any, **options: Any) -> None:
        token = ApiToken.objects.select_related("user").filter(pk=options["id"]).first()
        if token is None:
            raise CommandError(f"Không có mã truy cập số {options['id']}.")
        if not api_token_revoke(token=token):
            raise CommandError(f"Mã số {token.pk} đã được thu hồi trước đó.")
        # Who ran the command: the operating-system user, as for every CLI run with no account.
        AuditEntry.objects.filter(object_type="api_token", object_id=str(token.pk)).filter(
            user__isnull=True, actor=""
        ).update(actor=f"os:{getpass.getuser()}"[:64])
        self.stdout.write(f"Đã thu hồi mã số {token.pk} “{token.name}” của {token.user.username}.")
