"""Party documents, action programmes, targets, work programmes and host units' yearly figures."""

from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "dangbo.programmes"
    label = "programmes"
    verbose_name = "Văn bản, chương trình hành động"
