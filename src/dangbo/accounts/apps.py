from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangbo.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        from dangbo.accounts.models import RoleAssignment
        from dangbo.core import scope

        # An assignment sits where its organization is: administrators manage their subtree.
        scope.register(RoleAssignment, path="organization__path")
        # Audit rows and session marks for logins, failures and lockouts.
        from dangbo.accounts import login_guard

        login_guard.connect()
