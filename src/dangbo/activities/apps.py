from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "dangbo.activities"
    label = "activities"
    verbose_name = "Sinh hoạt đảng, cam kết"
