from django.apps import AppConfig


class MassorgsConfig(AppConfig):
    name = "dangbo.massorgs"
    label = "massorgs"
    verbose_name = "Đoàn thể"
