from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "dangbo.inspection"
    label = "inspection"
    verbose_name = "Kiểm tra, giám sát, đơn thư"
