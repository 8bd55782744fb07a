"""Going through the back office's grouped menu as a person does: open the group, click."""

from __future__ import annotations

from typing import Any


def open_menu(page: Any, group: str, item: str) -> None:
    nav = page.locator("#mainnav")
    nav.get_by_role("button", name=group, exact=True).or_(
        nav.get_by_role("link", name=group, exact=True)
    ).first.click()
    nav.get_by_role("link", name=item, exact=True).click()
