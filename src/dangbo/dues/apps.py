from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangbo.dues"
    label = "dues"
    verbose_name = "Đảng phí"

    def ready(self) -> None:
        from dangbo.dues import indicators  # noqa: F401  (registers indicators)
