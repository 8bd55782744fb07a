from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dangbo.core"
    label = "core"
    verbose_name = "Lõi"

    def ready(self) -> None:
        # Registers the `<id:...>` path converter before any URLconf is loaded.
        from dangbo.core import params  # noqa: F401
