from django.apps import AppConfig


class StudiesConfig(AppConfig):
    name = "dangbo.studies"
    label = "studies"
    verbose_name = "Học tập, bồi dưỡng, hội thi"
