"""The official statistics forms (Biểu số N-BTCTW) as versioned definitions over the records."""

from django.apps import AppConfig


class StatformsConfig(AppConfig):
    name = "dangbo.statforms"
    label = "statforms"
    verbose_name = "Biểu thống kê"
