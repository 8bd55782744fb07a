"""What each app adds to the scope walk (tests/test_scope_every_url.py).

One module per app, so apps extend the walk without editing it. A module may define:

- KIND_ALIASES / SEGMENT_KINDS / NEUTRAL_PARAMS: how to fill its URL parameters;
- build(parts) -> {"A": {kind: [pk, ...]}, "B": {kind: [pk, ...]}}: its records on both
  sides of the world, where `parts` has orgs, a_members, b_members, users and MARK (every
  name of B's records carries MARK so a leak shows);
- snapshot(parts) -> list: B's records, compared before and after every POST;
- secrets(parts) -> list[str]: more of B's values that must never show.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
    ]
