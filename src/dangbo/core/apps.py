from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dangbo.core"
    label = "core"
    verbose_name = "Lõi"

    def ready(self) -> None:
        # Registers the `<id:...>` path converter before any URLconf is loaded.
        from django.core import checks

        from dangbo.core import params  # noqa: F401
        from dangbo.core.bounds import bound_form_class
        from dangbo.core.checks import check_form_bounds, project_forms

        # Every number a form takes gets its column's limits (docs/SECURITY.md, "Dates and
        # bounds"); the check below catches a form defined where this walk does not look.
        for form_class in project_forms():
            bound_form_class(form_class)
        checks.register(check_form_bounds)
