"""The committee's public portal and its editors' back office."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "dangbo.portal"
    label = "portal"
    verbose_name = "Cổng thông tin"
