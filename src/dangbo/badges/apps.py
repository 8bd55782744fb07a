from django.apps import AppConfig


class BadgesConfig(AppConfig):
    name = "dangbo.badges"
    label = "badges"
    verbose_name = "Huy hiệu Đảng"

    def ready(self) -> None:
        from dangbo.badges import indicators  # noqa: F401  (registers indicators)
