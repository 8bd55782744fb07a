"""Who may do what with the portal's articles (the editorial rules of the committee).

A writer (Action.WRITE_NEWS) writes and submits in the sections of the organizations in
scope; an editor (Action.PUBLISH_NEWS) of the article's organization, or above it,
publishes, returns and withdraws. Nothing marked secret goes to the portal (Luật Bảo vệ bí
mật nhà nước số 29/2018/QH14; checked in dangbo.portal.publish).
"""

from __future__ import annotations

from typing import Any

from dangbo.core.scope import Action, scope_of
from dangbo.portal.models import Article, ArticleState

WRITER_STATES = frozenset({ArticleState.DRAFT, ArticleState.WITHDRAWN})


def can_write(user: Any, org: Any) -> bool:
    return scope_of(user).covers_path(Action.WRITE_NEWS, org.path)


def can_publish(user: Any, org: Any) -> bool:
    return scope_of(user).covers_path(Action.PUBLISH_NEWS, org.path)


def can_edit(user: Any, article: Article) -> bool:
    """Writers edit drafts (and withdrawn pieces) of their sections; editors edit any."""
    if can_publish(user, article.org):
        return True
    return can_write(user, article.org) and article.state in WRITER_STATES


def can_submit(user: Any, article: Article) -> bool:
    return can_write(user, article.org) and article.state in WRITER_STATES


def can_manage_categories(user: Any) -> bool:
    """Categories are the whole site's: editors of a top organization (depth 1 or 2)."""
    scope = scope_of(user)
    return scope.is_superuser or any(
        len(p) <= 8 for p in scope.prefixes.get(Action.PUBLISH_NEWS, [])
    )
