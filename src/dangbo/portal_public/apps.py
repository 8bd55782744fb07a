from django.apps import AppConfig


class PortalPublicConfig(AppConfig):
    name = "dangbo.portal_public"
    label = "portal_public"
    verbose_name = "Cổng thông tin (bản công khai)"
