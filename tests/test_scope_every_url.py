"""The scope proof: every URL of the project, as every role, never shows another subtree.

The world has two sibling base committees, A and B, under one bloc. Every role is held on
A (or inside it); only a superuser reaches B. Every name in B carries the marker MARK, and
B's identity numbers are listed too. The test walks django.urls.get_resolver() so URLs
added later are covered without editing it, fills path parameters with B's objects (and,
where a URL takes two objects, mixes A's with B's), GETs and POSTs each URL as every role
and checks that B never shows: the answer is 401/403/404/405 or a redirect to the login
page, or its body (HTML, JSON, .xlsx cells, other zipped documents, headers) holds no
marker. A POST must also leave B's records unchanged.

A new path parameter name makes the test fail until PARAM_KINDS or NEUTRAL_PARAMS below
say how to fill it, so no URL escapes the check.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

import scope_extras
from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction, Role, RoleAssignment
from dangbo.jobs.models import Job
from dangbo.members.choices import EventKind, Gender
from dangbo.members.models import Member, MembershipEvent, PartyCard, Person
from dangbo.members.rules import probation_end
from dangbo.members.services import member_create, member_record_event, person_save
from dangbo.orgs.models import CommitteeSeat, Organization, OrgEvent, OrgKind, Position, Term
from dangbo.orgs.services import org_create, org_rename, seat_create, term_create

# The public pages write the visitor counter and captcha rows into the portal's database.
pytestmark = pytest.mark.django_db(databases=["default", "portal"])

MARK = "Zqxb"
DAY = dt.date(2000, 1, 1)

# Where each role is held: everything on A's base committee, the cell roles on A's cell.
ROLE_ORG = dict.fromkeys(Role.values, "a_base") | {
    Role.CELL_SECRETARY: "a_cell",
    Role.MEMBER: "a_cell",
}
WHO = [*Role.values, "anonymous"]

# Kinds of objects a path parameter can name, and the parameter names that mean them
# ("org" -> org, org_pk, org_id, org_code...). A bare pk/id is read from the segment before it.
KIND_ALIASES: dict[str, tuple[str, ...]] = {
    "org": ("org", "organization", "parent", "cell", "base", "target", "from_org", "to_org"),
    "member": ("member",),
    "person": ("person",),
    "event": ("event",),
    "orgevent": ("orgevent", "org_event"),
    "term": ("term",),
    "seat": ("seat",),
    "job": ("job", "task"),
    "card": ("card",),
    "audit": ("audit", "entry"),
    "user": ("user",),
    "role": ("role", "assignment", "grant"),
}
SEGMENT_KINDS: dict[str, str] = {
    "to-chuc": "org", "orgs": "org", "dang-vien": "member", "members": "member",
    "ca-nhan": "person", "su-kien": "event", "events": "event", "nhiem-ky": "term",
    "cap-uy": "seat", "tac-vu": "job", "jobs": "job", "the-dang": "card", "nhat-ky": "audit",
    "nguoi-dung": "user", "phan-quyen": "role",
}  # fmt: skip
for _extra in scope_extras.modules():
    KIND_ALIASES.update(getattr(_extra, "KIND_ALIASES", {}))
    SEGMENT_KINDS.update(getattr(_extra, "SEGMENT_KINDS", {}))
GENERIC_IDS = ("pk", "id", "object_id")
CODE_PARAMS = ("code", "org_code", "parent_code", "scope", "scope_code")
# Parameters that do not name a record; B is then reached through the query string.
NEUTRAL_PARAMS: dict[str, list[Any]] = {
    "key": ["members.total", "orgs.base"],
    "indicator": ["members.total"],
    "indicator_key": ["members.total"],
    "kind": [EventKind.TRANSFERRED.value, EventKind.DECEASED.value],
    "event_kind": [EventKind.TRANSFERRED.value],
    "year": [2021],
    "month": [12],
    "date": ["2021-12-31"],
    "at": ["2021-12-31"],
    "format": ["xlsx", "csv", "docx", "pdf"],
    "fmt": ["xlsx", "csv"],
    "ext": ["xlsx", "csv"],
}
for _extra in scope_extras.modules():
    NEUTRAL_PARAMS.update(getattr(_extra, "NEUTRAL_PARAMS", {}))


@dataclass
class World:
    orgs: dict[str, Organization]
    users: dict[str, Any]
    ids: dict[str, dict[str, list[int]]]  # side ("A"/"B") -> kind -> pks
    codes: dict[str, list[str]]
    secrets: list[str]
    b_member: Member
    a_members: list[Member]
    parts: Any = None


@dataclass
class Parts:
    """What scope_extras modules build their records from."""

    orgs: dict[str, Organization]
    a_members: list[Member]
    b_members: list[Member]
    users: dict[str, Any]
    MARK: str = MARK


def _member(cell: Organization, name: str, n: int, *, side: str, **extra: Any) -> Member:
    person = person_save(
        full_name=name,
        gender=Gender.FEMALE if n % 2 else Gender.MALE,
        birth_date=dt.date(1960 + n, 3, 4),
        citizen_id=f"{'9' if side == 'B' else '1'}0{n:010d}",
        residence=f"Số {n} phố {MARK} Hải" if side == "B" else "Số 1 phố Tràng Tiền",
    )
    member = member_create(
        person=person,
        kind=EventKind.ADMITTED,
        date=dt.date(2005, 5, 19),
        cell=cell,
        card_number=f"{'8' if side == 'B' else '2'}1{n:010d}",
        background_number=f"{'7' if side == 'B' else '3'}2{n:08d}",
        **extra,
    )
    member_record_event(
        member=member, kind=EventKind.RECOGNIZED, date=probation_end(dt.date(2005, 5, 19))
    )
    member.refresh_from_db()
    return member


def build_world() -> World:
    org = {}
    org["province"] = org_create(
        parent=None,
        code="T",
        name="Đảng bộ tỉnh",
        kind=OrgKind.PROVINCIAL_COMMITTEE,
        founded_on=DAY,
    )
    org["bloc"] = org_create(
        parent=org["province"], code="K", name="Đảng bộ Khối", kind=OrgKind.BLOC_COMMITTEE,
        founded_on=DAY,
    )  # fmt: skip
    for side, word in (("A", "Sở Alpha"), ("B", f"Cảng {MARK}")):
        low = side.lower()
        org[f"{low}_base"] = org_create(
            parent=org["bloc"], code=side, name=f"Đảng bộ {word}", kind=OrgKind.BASE_COMMITTEE,
            host_unit_name=word, founded_on=DAY,
        )  # fmt: skip
        org[f"{low}_cell"] = org_create(
            parent=org[f"{low}_base"], code=f"{side}-1", name=f"Chi bộ Văn phòng {word}",
            kind=OrgKind.SUB_CELL, founded_on=DAY,
        )  # fmt: skip
        org[f"{low}_cell2"] = org_create(
            parent=org[f"{low}_base"], code=f"{side}-9", name=f"Chi bộ Kho {word}",
            kind=OrgKind.SUB_CELL, founded_on=DAY,
        )  # fmt: skip
        org_rename(org=org[f"{low}_cell2"], date=dt.date(2015, 1, 1), code=f"{side}-2")

    a_members = [
        _member(org["a_cell"], "Nguyễn Văn An", 1, side="A"),
        _member(org["a_cell"], "Trần Thị Anh", 2, side="A"),
        _member(org["a_cell2"], "Lê Văn Ánh", 3, side="A"),
    ]
    b_members = [
        _member(org["b_cell"], f"Phạm Văn {MARK}một", 11, side="B"),
        _member(org["b_cell"], f"Hoàng Thị {MARK}hai", 12, side="B"),
        _member(org["b_cell2"], f"Đỗ Văn {MARK}ba", 13, side="B"),
    ]
    b_member = b_members[0]
    b_event = member_record_event(
        member=b_member, kind=EventKind.TRANSFERRED, date=dt.date(2016, 2, 1), org=org["b_cell2"],
        decision_number=f"15-QĐ/{MARK}", note=f"Chuyển theo đề nghị của {MARK}",
    )  # fmt: skip
    member_record_event(
        member=b_member, kind=EventKind.TRANSFERRED, date=dt.date(2017, 2, 1), org=org["b_cell"]
    )
    a_event = member_record_event(
        member=a_members[0],
        kind=EventKind.TRANSFERRED,
        date=dt.date(2016, 2, 1),
        org=org["a_cell2"],
    )
    b_member.refresh_from_db()

    terms, seats = {}, {}
    for side, members in (("A", a_members), ("B", b_members)):
        base = org[f"{side.lower()}_base"]
        terms[side] = term_create(org=base, name="2020–2025", starts_on=dt.date(2020, 10, 1))
        seats[side] = seat_create(
            term=terms[side], member=members[0], position=Position.SECRETARY,
            starts_on=dt.date(2020, 10, 1),
        )  # fmt: skip

    users: dict[str, Any] = {"anonymous": None}
    model = get_user_model()
    for role, where in ROLE_ORG.items():
        users[role] = model.objects.create_user(username=f"scope_{role}")
        RoleAssignment.objects.create(user=users[role], role=role, organization=org[where])
    a_person = a_members[1].person
    a_person.user = users[Role.MEMBER]
    a_person.save(update_fields=["user"])
    users["superuser"] = model.objects.create_superuser(username="scope_super", password=None)
    b_user = model.objects.create_user(username=f"b_{MARK.lower()}", first_name=MARK)
    b_grant = RoleAssignment.objects.create(
        user=b_user, role=Role.BASE_SECRETARY, organization=org["b_base"]
    )
    users["b_user"] = b_user
    b_job = Job.objects.create(
        kind="export", title=f"Danh sách đảng viên {MARK}", user=b_user, message=MARK,
        params={"org": org["b_base"].pk}, result={"names": [str(m) for m in b_members]},
    )  # fmt: skip
    b_import = Job.objects.create(
        kind="import_members", title=f"Nhập đảng viên {MARK}", user=b_user, message=MARK,
        params={"org": org["b_base"].pk}, result={"errors": [f"Dòng 2: {MARK}"]},
    )  # fmt: skip
    a_job = Job.objects.create(
        kind="export", title="Danh sách Alpha", user=users[Role.BASE_SECRETARY]
    )
    b_audit = audit_log(
        user=b_user, action=AuditAction.VIEW, object_type="member", object_id=b_member.pk,
        description=f"Xem hồ sơ đảng viên {b_member.person.full_name}",
    )  # fmt: skip

    def side_ids(side: str) -> dict[str, list[int]]:
        low = side.lower()
        first = a_members[0] if side == "A" else b_member
        return {
            "org": [org[f"{low}_base"].pk, org[f"{low}_cell"].pk],
            "member": [first.pk],
            "person": [first.person_id],
            "event": [(a_event if side == "A" else b_event).pk],
            "orgevent": [OrgEvent.objects.filter(org=org[f"{low}_cell2"]).latest("pk").pk],
            "term": [terms[side].pk],
            "seat": [seats[side].pk],
            "job": [a_job.pk] if side == "A" else [b_job.pk, b_import.pk],
            "card": [PartyCard.objects.filter(member=first).latest("pk").pk],
            "audit": [b_audit.pk] if side == "B" else [],
            "user": [b_user.pk] if side == "B" else [users[Role.BASE_SECRETARY].pk],
            "role": [b_grant.pk] if side == "B" else [],
        }

    secrets = [
        value
        for m in b_members
        for value in (m.person.citizen_id, m.card_number, m.background_number)
        if value
    ]
    ids = {"A": side_ids("A"), "B": side_ids("B")}
    parts = Parts(orgs=org, a_members=a_members, b_members=b_members, users=users)
    for extra in scope_extras.modules():
        if hasattr(extra, "build"):
            for side, kinds in extra.build(parts).items():
                for kind, pks in kinds.items():
                    ids[side].setdefault(kind, []).extend(pks)
        if hasattr(extra, "secrets"):
            secrets += [s for s in extra.secrets(parts) if s]
    return World(
        orgs=org,
        users=users,
        ids=ids,
        codes={"A": ["A", "A-1", "A-9"], "B": ["B", "B-1", "B-9"]},
        secrets=secrets,
        b_member=b_member,
        a_members=a_members,
        parts=parts,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


# --- Walking the URL configuration -------------------------------------------------------


class Unfillable(Exception):
    """A URL pattern this test does not know how to fill: add its parameter above."""


@dataclass
class Param:
    name: str
    regex: str  # what the converter accepts
    segment: str  # the path segment before it ("to-chuc" in to-chuc/<int:pk>/)


@dataclass
class Pattern:
    route: str
    parts: list[Any]
    pattern: URLPattern
    params: list[Param] = field(default_factory=list)


_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def _is_excluded(resolvers: tuple[URLResolver, ...], route: str) -> bool:
    """Django's admin (superusers only; see test_django_admin_is_for_superusers) and static."""
    if any(r.app_name == "admin" for r in resolvers):
        return True
    return bool(settings.STATIC_URL) and route.startswith(settings.STATIC_URL.lstrip("/"))


def walk(
    patterns: list[Any] | None = None, parts: tuple = (), resolvers: tuple = ()
) -> list[Pattern]:
    found: list[Pattern] = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            found += walk(entry.url_patterns, (*parts, entry.pattern), (*resolvers, entry))
            continue
        chain = [*parts, entry.pattern]
        route = "".join(_text(p) for p in chain)
        if not _is_excluded(resolvers, route):
            found.append(Pattern(route=route, parts=chain, pattern=entry, params=_params(chain)))
    unique: dict[str, Pattern] = {}
    for p in found:  # django-ninja registers a path once per HTTP method
        unique.setdefault(p.route, p)
    return list(unique.values())


def _text(part: Any) -> str:
    if isinstance(part, LocalePrefixPattern):
        return part.language_prefix
    if isinstance(part, RegexPattern):
        return part.regex.pattern.lstrip("^").removesuffix("$").removesuffix(r"\Z")
    return str(part)


def _params(chain: list[Any]) -> list[Param]:
    params: list[Param] = []
    before = ""
    for part in chain:
        text = _text(part)
        if isinstance(part, RoutePattern):
            for m in _ROUTE_PARAM.finditer(text):
                segment = (before + text[: m.start()]).rstrip("/").rsplit("/", 1)[-1]
                regex = part.converters[m["name"]].regex
                params.append(Param(m["name"], regex, segment))
        elif isinstance(part, RegexPattern):
            for name, start, inner in _regex_groups(text):
                segment = (before + text[:start]).rstrip("/").rsplit("/", 1)[-1]
                params.append(Param(name, inner, segment))
        before += text
    return params


def _regex_groups(text: str) -> list[tuple[str, int, str]]:
    """(name, start, inner regex) of each named group, with balanced parentheses."""
    groups = []
    for m in re.finditer(r"\(\?P<(\w+)>", text):
        depth, i = 1, m.end()
        while depth and i < len(text):
            if text[i] == "\\":
                i += 2
                continue
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        groups.append((m[1], m.start(), text[m.end() : i - 1]))
    return groups


def build_url(p: Pattern, values: dict[str, Any]) -> str:
    url = ""
    for part in p.parts:
        text = _text(part)
        if isinstance(part, RoutePattern):
            converters = part.converters
            text = _ROUTE_PARAM.sub(
                lambda m, c=converters: c[m["name"]].to_url(values[m["name"]]), text
            )
        elif isinstance(part, RegexPattern):
            for name, start, inner in reversed(_regex_groups(text)):
                end = start + len(f"(?P<{name}>") + len(inner) + 1
                text = text[:start] + str(values[name]) + text[end:]
            text = re.sub(r"\\(.)", r"\1", text)
            if re.search(r"[\^$*+?()\[\]{}|]", text):
                raise Unfillable(f"{p.route}: cannot turn this regular expression into a URL")
        url += text
    url = "/" + url
    match = resolve(url.split("?")[0])
    if match.func is not p.pattern.callback:
        raise Unfillable(f"{p.route}: {url} resolves to {match.view_name}, not to this pattern")
    return url


def candidates(param: Param, world: World) -> tuple[str, dict[str, list[Any]]]:
    """("record", {"A": [...], "B": [...]}) or ("neutral", {"N": [...]}); else Unfillable."""
    name = param.name.lower()
    if name in NEUTRAL_PARAMS:
        return "neutral", {"N": NEUTRAL_PARAMS[name]}
    if name in CODE_PARAMS or name.endswith("_code"):
        return "record", world.codes
    if name == "username":
        return "record", {"A": [], "B": [world.users["b_user"].username]}
    if name in GENERIC_IDS:
        kind: str | None = SEGMENT_KINDS.get(param.segment, "*")
    else:
        stem = re.sub(r"_(pk|id)$", "", name)
        kind = next((k for k, aliases in KIND_ALIASES.items() if stem in aliases), None)
    if kind is None:
        raise Unfillable(
            f"URL parameter “{param.name}” is unknown to the scope test; say how to fill it "
            f"in tests/test_scope_every_url.py (KIND_ALIASES or NEUTRAL_PARAMS)"
        )
    if kind == "*":  # a bare pk after an unknown segment: try B's records of every kind
        return "record", {
            s: sorted({i for ids in world.ids[s].values() for i in ids}) for s in "AB"
        }
    return "record", {s: world.ids[s][kind] for s in "AB"}


def fillings(p: Pattern, world: World) -> list[dict[str, Any]]:
    """Parameter values to try: each has at least one of B's records (mixed with A's when
    a URL names two records, to catch a child fetched without checking its parent)."""
    per_param = []
    records = [q for q in p.params if candidates(q, world)[0] == "record"]
    for param in p.params:
        kind, by_side = candidates(param, world)
        options = [(side, v) for side, values in by_side.items() for v in values]
        if kind == "record" and len(records) < 2:
            options = [(s, v) for s, v in options if s == "B"]
        options = [(s, v) for s, v in options if re.fullmatch(param.regex, str(v))]
        if not any(s in ("B", "N") for s, _ in options):
            raise Unfillable(f"{p.route}: no value of B fits parameter “{param.name}”")
        per_param.append([(param.name, s, v) for s, v in options])
    combos = []
    for combo in itertools.product(*per_param):
        if records and not any(side == "B" for _, side, _ in combo):
            continue
        combos.append({name: value for name, _, value in combo})
    return combos


# --- Reading answers ---------------------------------------------------------------------


def _content(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        # Closing the response would send request_finished, which closes the test's
        # database connection (fatal on PostgreSQL); consuming it is enough.
        return b"".join(response.streaming_content)
    return bytes(response.content)


def readable_text(response: Any) -> str:
    """Everything a user could read in an answer, lower-cased: headers, then the body as
    text, JSON (unescaped), .xlsx cell values or the text of any other zipped document."""
    raw = _content(response)
    headers = " ".join(f"{k}: {v}" for k, v in response.headers.items())
    ctype = response.get("Content-Type", "")
    if raw[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" in names:
                book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
                cells = [
                    str(value)
                    for sheet in book.worksheets
                    for row in sheet.iter_rows(values_only=True)
                    for value in row
                    if value is not None
                ]
                body = "\n".join([*book.sheetnames, *cells])
                book.close()
            else:
                body = "\n".join(archive.read(n).decode("utf-8", "replace") for n in names)
    elif "json" in ctype:
        try:
            body = json.dumps(json.loads(raw), ensure_ascii=False)
        except ValueError:
            body = raw.decode("utf-8", "replace")
    else:
        body = raw.decode("utf-8", "replace")
    return f"{headers}\n{body}".lower()


def _is_login(location: str) -> bool:
    path = location.split("?")[0]
    return path.endswith(resolve_url(settings.LOGIN_URL)) or path.endswith("/django-admin/login/")


CSRF_TOKENS = re.compile(r'(x-csrftoken": "|csrfmiddlewaretoken" value="|csrftoken=)[^";]*')


def check(client: Client, world: World, method: str, url: str, query: dict, who: str) -> list[str]:
    """What, if anything, of B this request shows."""
    headers = {"HX-Request": "true"} if query.get("hx") else {}
    query = {k: v for k, v in query.items() if k != "hx"}
    if method == "GET":
        response = client.get(url, query, headers=headers)
    else:
        response = client.post(url, {}, headers=headers)
    label = f"{who} {method} {url}" + ("?" if query else "")
    label += "&".join(f"{k}={v}" for k, v in query.items())
    for _hop in range(4):
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        location = response["Location"]
        if _is_login(location):
            return []
        label += f" -> {location}"
        response = client.get(location)
    if response.status_code in (401, 403, 404, 405):
        return []
    if response.status_code in (301, 302, 303, 307, 308) or response.status_code >= 500:
        return [f"{label}: status {response.status_code}"]
    # Random CSRF tokens can spell the marker by chance: they are not B's data.
    text = CSRF_TOKENS.sub(r"\1", readable_text(response))
    leaks = [m for m in [MARK.lower(), *world.secrets] if m in text]
    if leaks:
        where = text.find(leaks[0])
        excerpt = text[max(0, where - 80) : where + 40]
        return [f"{label}: {response.status_code} shows {leaks} …{excerpt!r}…"]
    return []


def b_snapshot(world: World) -> list[Any]:
    """B's records, to prove that no POST by anyone outside B changed them."""
    path = world.orgs["b_base"].path
    return [
        list(Organization.objects.filter(path__startswith=path).order_by("pk").values_list()),
        list(Member.objects.filter(org_path__startswith=path).order_by("pk").values_list()),
        list(Person.objects.filter(member__org_path__startswith=path).order_by("pk").values_list()),
        list(
            MembershipEvent.objects.filter(member__org_path__startswith=path)
            .order_by("pk")
            .values_list()
        ),
        list(Term.objects.filter(org__path__startswith=path).order_by("pk").values_list()),
        list(CommitteeSeat.objects.filter(term__org__path__startswith=path).values_list()),
        list(Job.objects.filter(user=world.users["b_user"]).values_list()),
        list(RoleAssignment.objects.filter(organization__path__startswith=path).values_list()),
        *[
            extra.snapshot(world.parts)
            for extra in scope_extras.modules()
            if hasattr(extra, "snapshot")
        ],
    ]


def query_variants(world: World) -> list[dict[str, Any]]:
    """Plain, pointing at B by id (as an htmx request), pointing at B by code."""
    base, cell = world.orgs["b_base"], world.orgs["b_cell"]
    by_id = {"org": base.pk, "org_id": base.pk, "parent": base.pk, "cell": cell.pk,
             "scope": base.pk, "member": world.b_member.pk, "hx": True}  # fmt: skip
    by_code = {"org": "B", "scope": "B", "parent": "B", "code": "B", "at": "2021-12-31"}
    return [{}, by_id, by_code]


# --- The tests -----------------------------------------------------------------------------


def test_every_url_parameter_can_be_filled(world):
    problems = []
    for p in walk():
        try:
            for values in fillings(p, world):
                build_url(p, values)
        except Unfillable as exc:
            problems.append(str(exc))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("who", WHO)
def test_nobody_outside_b_sees_b(world, who):
    user = world.users[who]
    client = Client()
    if user is not None:
        client.force_login(user)
    before = b_snapshot(world)
    failures: list[str] = []
    checked = 0
    for p in walk():
        urls = (
            [build_url(p, values) for values in fillings(p, world)]
            if p.params
            else [build_url(p, {})]
        )
        for url in urls:
            for query in query_variants(world):
                failures += check(client, world, "GET", url, query, who)
                checked += 1
            failures += check(client, world, "POST", url, {}, who)
            checked += 1
            if user is not None and "_auth_user_id" not in client.session:
                client.force_login(user)  # a POST to the logout URL logged us out
    assert checked > 50
    assert not failures, f"{len(failures)} leaks of B:\n" + "\n".join(failures[:60])
    assert b_snapshot(world) == before, f"a POST as {who} changed B's records"


def test_the_markers_are_visible_to_a_superuser(world):
    """The check above is not vacuous: B's markers do show where B may be seen."""
    client = Client()
    client.force_login(world.users["superuser"])
    member = world.b_member
    assert MARK.lower() in readable_text(client.get(f"/api/members/{member.pk}"))
    assert member.person.citizen_id in readable_text(client.get(f"/api/members/{member.pk}"))
    assert MARK.lower() in readable_text(client.get("/api/orgs/B"))
    assert MARK.lower() in readable_text(client.get("/api/members", {"page_size": 100}))


def test_org_board_of_a_sees_a(world):
    client = Client()
    client.force_login(world.users[Role.ORG_BOARD])
    listed = readable_text(client.get("/api/members", {"page_size": 100}))
    for member in world.a_members:
        assert member.person.full_name.lower() in listed
    detail = readable_text(client.get(f"/api/members/{world.a_members[0].pk}"))
    assert world.a_members[0].person.citizen_id in detail
    assert "a-1" in readable_text(client.get("/api/orgs/A/children"))
    # The back office list and its .xlsx export too, once they exist.
    pages = [p for p in walk() if p.pattern.name in ("member_list", "member_export")]
    for p in pages:
        if not p.params:
            text = readable_text(client.get(build_url(p, {}), {"page_size": 100}))
            assert world.a_members[0].person.full_name.lower() in text, p.route


def test_the_reader_looks_inside_workbooks_json_and_headers(world):
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", f"Phạm Văn {MARK}một"])
    buffer = io.BytesIO()
    book.save(buffer)
    xlsx = HttpResponse(buffer.getvalue(), content_type="application/vnd.ms-excel")
    assert MARK.lower() in readable_text(xlsx)
    escaped = HttpResponse(json.dumps({"name": f"Đỗ {MARK}"}), content_type="application/json")
    assert f"đỗ {MARK.lower()}" in readable_text(escaped)
    named = HttpResponse(
        b"", headers={"Content-Disposition": f'attachment; filename="{MARK}.xlsx"'}
    )
    assert MARK.lower() in readable_text(named)


@pytest.mark.parametrize("who", [*Role.values, "anonymous"])
def test_django_admin_is_for_superusers(world, who):
    client = Client()
    if world.users[who] is not None:
        client.force_login(world.users[who])
    for url in (
        "/django-admin/",
        "/django-admin/members/member/",
        f"/django-admin/members/member/{world.b_member.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/django-admin/login/" in response["Location"], url


def test_django_admin_opens_for_a_superuser(world):
    client = Client()
    client.force_login(world.users["superuser"])
    assert client.get("/django-admin/").status_code == 200
