from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangbo.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        # Audit rows and session marks for logins, failures and lockouts.
        from dangbo.accounts import login_guard

        login_guard.connect()
