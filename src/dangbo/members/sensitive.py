"""Which personal fields are sensitive, and who sees them: the one list every channel reads.

A field listed here is shown only to a user who holds Action.VIEW_SENSITIVE on the
organization the record belongs to (its member's path), or to the person themself. The
page, the forms, the lists, the API, every .xlsx export, the record lists of reports and
indicators, search by number and the duplicate messages of forms and imports all ask
this module; none keeps its own list.

The choice (docs/SECURITY.md, "Least privilege"): identity numbers (citizen ID, the
background number), contact details (phone, e-mail), addresses (permanent and temporary
residence), the family's class background and economic situation, and the family
relations. Name, birth date, home town, birth place, ethnicity, religion, education and
Party dates stay visible to everyone who may see the member: they are on every Party
roster (danh sách trích ngang) and in the statistics forms. The Party card number is the
member's working identifier (dues, transfers) and stays visible too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q

from dangbo.core.scope import Action, scope_of

PERSON_SENSITIVE: frozenset[str] = frozenset(
    {
        "citizen_id",
        "phone",
        "email",
        "residence",
        "temporary_residence",
        "family_background",
        "economic_situation",
    }
)
MEMBER_SENSITIVE: frozenset[str] = frozenset({"background_number"})
# Related records of a person shown only with the same right.
SENSITIVE_RELATIONS: frozenset[str] = frozenset({"family"})
SENSITIVE: frozenset[str] = PERSON_SENSITIVE | MEMBER_SENSITIVE | SENSITIVE_RELATIONS

# What a page shows in place of a hidden value.
HIDDEN = "Ẩn (không đủ quyền)"


def _path_and_owner(obj: Any) -> tuple[str, int | None]:
    """(organization path, user id of the person) of a Member, a Person or a path."""
    if isinstance(obj, str):
        return obj, None
    person = getattr(obj, "person", None)  # a Member
    if person is not None:
        return str(obj.org_path or ""), person.user_id
    member = getattr(obj, "member", None)  # a Person with a member record
    return (str(member.org_path or "") if member is not None else ""), obj.user_id


def may_see_sensitive(user: Any, obj: Any) -> bool:
    """True if `user` may read the sensitive fields of `obj` (a Member, a Person, or the
    path of the organization the record belongs to). A person always sees their own."""
    scope = scope_of(user)
    if scope.is_superuser:
        return True
    if scope.user_id is None:
        return False
    path, owner = _path_and_owner(obj)
    if owner is not None and owner == scope.user_id:
        return True
    return bool(path) and scope.covers_path(Action.VIEW_SENSITIVE, path)


def hidden_fields(user: Any, obj: Any) -> frozenset[str]:
    """The fields of `obj` the user may not read (empty if they may read everything)."""
    return frozenset() if may_see_sensitive(user, obj) else SENSITIVE


def visible_fields(user: Any, obj: Any, names: Iterable[str]) -> list[str]:
    """`names` without those the user may not read on `obj`, in order."""
    hidden = hidden_fields(user, obj)
    return [name for name in names if name not in hidden]


def mask(user: Any, obj: Any, values: Mapping[str, Any], blank: Any = None) -> dict[str, Any]:
    """`values` with every field the user may not read on `obj` replaced by `blank`."""
    hidden = hidden_fields(user, obj)
    return {name: (blank if name in hidden else value) for name, value in values.items()}


def sensitive_member_q(user: Any, prefix: str = "") -> Q | None:
    """The filter of Member rows (through `prefix`, e.g. "member__") whose sensitive
    fields the user may read; None means every row. Search by citizen ID goes through
    it, so a number matches only where the searcher could read it anyway."""
    scope = scope_of(user)
    if scope.is_superuser:
        return None
    condition = Q(pk__in=[])
    for path in scope.prefixes.get(Action.VIEW_SENSITIVE, []):
        condition |= Q(**{f"{prefix}org_path__startswith": path})
    if scope.user_id is not None:
        condition |= Q(**{f"{prefix}person__user_id": scope.user_id})
    return condition
