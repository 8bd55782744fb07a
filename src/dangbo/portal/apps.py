"""The committee's public portal and its editors' back office."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "dangbo.portal"
    label = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from dangbo.core import scope
        from dangbo.portal import services
        from dangbo.portal.models import Article, ArticleRevision, Gallery, LinkedSite, Video

        scope.register(Article, path="org__path")
        scope.register(ArticleRevision, path="article__org__path")
        scope.register(Gallery, path="org__path")
        scope.register(Video, path="org__path")
        scope.register(LinkedSite, path="org__path")

        # The portal follows the registry: a published document turned secret, no longer
        # public or deleted is taken down (after the commit); a public one is refreshed.
        for signal in (post_save, post_delete):
            signal.connect(
                services.document_changed,
                sender="programmes.Document",
                dispatch_uid=f"portal-follow-document-{signal is post_save}",
            )
