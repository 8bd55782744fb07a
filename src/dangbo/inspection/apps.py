"""Inspection and supervision plans, complaints and denunciations."""

from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "dangbo.inspection"
    label = "inspection"
    verbose_name = "Kiểm tra, giám sát, đơn thư"

    def ready(self) -> None:
        from dangbo.core import scope
        from dangbo.inspection import indicators  # noqa: F401  (registers indicators)
        from dangbo.inspection.models import Complaint, InspectionItem, InspectionPlan

        # Plans and items by the inspecting body's organization; letters by the
        # organization of the body competent to settle them.
        scope.register(InspectionPlan, path="org__path")
        scope.register(InspectionItem, path="plan__org__path")
        scope.register(Complaint, path="settling_org__path")
