from django.apps import AppConfig


class AdmissionConfig(AppConfig):
    name = "dangbo.admission"
    label = "admission"
    verbose_name = "Kết nạp đảng viên"

    def ready(self) -> None:
        from dangbo.admission import indicators  # noqa: F401  (registers indicators)
