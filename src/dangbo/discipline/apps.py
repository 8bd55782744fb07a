from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "dangbo.discipline"
    label = "discipline"
    verbose_name = "Kỷ luật đảng"
