from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "dangbo.backoffice"
    label = "backoffice"
    verbose_name = "Trang quản lý"
