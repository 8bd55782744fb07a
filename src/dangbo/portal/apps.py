"""The committee's public portal and its editors' back office."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "dangbo.portal"
    label = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self) -> None:
        from dangbo.core import scope
        from dangbo.portal.models import Article, ArticleRevision, Gallery, LinkedSite, Video

        scope.register(Article, path="org__path")
        scope.register(ArticleRevision, path="article__org__path")
        scope.register(Gallery, path="org__path")
        scope.register(Video, path="org__path")
        scope.register(LinkedSite, path="org__path")
