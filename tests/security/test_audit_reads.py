"""Every read of personal data is audited, by every channel.

The walk reuses the scope test's world and URL walker (tests/test_scope_every_url.py), so a
URL added later is checked without editing this file. A superuser GETs every URL, filled
with side B's records, plain, pointing at B and searching B's citizen ID; then:

- an answer that shows a personal field of someone in B (citizen ID, party card number,
  background number, address, a complainant's contact...) wrote a VIEW or EXPORT row;
- a download (.xlsx or attachment) that shows a person of B wrote an EXPORT row;
- a page about one member (its URL names a member or person: the record and its
  sub-pages, dues, badges, activities...) wrote a VIEW row;

each time by exactly the reading user, and one row per read (not one per person listed).
The command-line reads run as subprocesses against a file database and record the
operating-system user ("os:<user>").
"""

from __future__ import annotations

import getpass
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.test import Client

from dangbo.accounts.models import AuditAction, AuditEntry
from dangbo.imports.tasks import KIND_EXPORT
from dangbo.jobs.models import Job, JobStatus
from test_scope_every_url import (
    GENERIC_IDS,
    KIND_ALIASES,
    MARK,
    SEGMENT_KINDS,
    Pattern,
    build_url,
    build_world,
    fillings,
    readable_text,
    walk,
)

pytestmark = pytest.mark.django_db(databases=["default", "portal"])

READS = (AuditAction.VIEW, AuditAction.EXPORT)
# Pages that must be found by the walk and audited: the walk is not vacuous.
MUST_AUDIT = {
    "member_detail",  # the member's record
    "member_work_history",
    "member_training_history",
    "member_family",
    "member_list",  # the list, and the search by citizen ID
    "member_export",
    "indicator_records",
    "member",  # dues
    "member_history",  # badges
    "member_page",  # activities
    "job_download",  # a large export, made in the background
}

MUST_AUDIT_API = {"member_list", "member_detail", "member_events", "indicator_values",
                  "indicator_value"}  # fmt: skip


def _about_a_member(p: Pattern) -> bool:
    for param in p.params:
        name = param.name.lower()
        if name in GENERIC_IDS:
            kind = SEGMENT_KINDS.get(param.segment)
        else:
            stem = name.removesuffix("_pk").removesuffix("_id")
            kind = next((k for k, names in KIND_ALIASES.items() if stem in names), None)
        if kind in ("member", "person"):
            return True
    return False


def _is_download(response: Any) -> bool:
    return "attachment" in response.get("Content-Disposition", "") or "spreadsheet" in response.get(
        "Content-Type", ""
    )


def _variants(world: Any) -> list[dict[str, Any]]:
    b = world.b_member
    return [
        {},
        {"org": "B", "scope": "B", "code": "B", "at": "2021-12-31", "records": "true"},
        {"q": b.person.citizen_id},  # search by citizen ID
        {"org": world.orgs["b_base"].pk, "member": b.pk, "hx": True},
    ]


def _walk_reads(world: Any, api: bool, must: set[str]) -> tuple[list[str], set[str]]:
    reader = world.users["superuser"]
    client = Client()
    client.force_login(reader)
    personal = [s.lower() for s in world.secrets] + [f"phố {MARK.lower()} hải"]
    names = [m.person.full_name.lower() for m in world.parts.b_members]
    failures: list[str] = []
    audited: set[str] = set()
    for p in walk():
        if p.route.startswith("api/") != api or "logout" in p.route or "dang-xuat" in p.route:
            continue
        urls = [build_url(p, v) for v in fillings(p, world)] if p.params else [build_url(p, {})]
        for url in urls:
            for query in _variants(world):
                headers = {"HX-Request": "true"} if query.get("hx") else {}
                query = {k: v for k, v in query.items() if k != "hx"}
                last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                response = client.get(url, query, headers=headers)
                if response.status_code != 200:
                    continue
                text = readable_text(response)
                for echoed in query.values():  # a search box shows the citizen ID searched
                    if len(str(echoed)) >= 9:
                        text = text.replace(str(echoed).lower(), "")
                rows = list(AuditEntry.objects.filter(pk__gt=last, action__in=READS))
                download = _is_download(response)
                shown = [s for s in personal if s in text]
                if download and (shown or any(n in text for n in names)):
                    need = {AuditAction.EXPORT}
                elif shown or _about_a_member(p):
                    need = set(READS)
                elif p.pattern.name in must and any(n in text for n in names):
                    need = set(READS)  # a list of people: the member list, indicator records
                else:
                    continue
                label = f"{p.pattern.name or p.route} GET {url} {query or ''}"
                audited.add(str(p.pattern.name))
                if not any(r.action in need for r in rows):
                    why = f"shows {shown[:2]}" if shown else "download" if download else "member"
                    failures.append(f"{label}: no {'/'.join(sorted(need))} row ({why})")
                elif any(r.user_id != reader.pk or r.actor for r in rows):
                    failures.append(f"{label}: a row names someone else than the reader")
                elif len(rows) > 3:
                    failures.append(f"{label}: {len(rows)} rows for one read (one per person?)")
    return failures, audited


@pytest.fixture
def world(db, settings, tmp_path):
    """The scope test's world, plus a finished export job of the reader with its file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    made = build_world()
    book = openpyxl.Workbook()
    book.active.append([m.person.full_name for m in made.parts.b_members])
    buffer = io.BytesIO()
    book.save(buffer)
    job = Job(kind=KIND_EXPORT, title="Danh sách B", user=made.users["superuser"],
              status=JobStatus.SUCCEEDED)  # fmt: skip
    job.output_file.save("danh-sach.xlsx", ContentFile(buffer.getvalue()), save=True)
    made.ids["B"]["job"].append(job.pk)
    return made


def test_every_back_office_read_of_personal_data_is_audited(world):
    failures, audited = _walk_reads(world, api=False, must=MUST_AUDIT)
    assert not failures, f"{len(failures)} reads without an audit row:\n" + "\n".join(failures)
    assert MUST_AUDIT <= audited, f"the walk did not reach {sorted(MUST_AUDIT - audited)}"


def test_every_api_read_of_personal_data_is_audited(world):
    failures, audited = _walk_reads(world, api=True, must=MUST_AUDIT_API)
    assert not failures, f"{len(failures)} reads without an audit row:\n" + "\n".join(failures)
    assert MUST_AUDIT_API <= audited, f"the walk did not reach {sorted(MUST_AUDIT_API - audited)}"


def test_search_by_citizen_id_is_audited_with_what_was_searched(world):
    client = Client()
    reader = world.users["superuser"]
    client.force_login(reader)
    cid = world.b_member.person.citizen_id
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert client.get("/quan-ly/dang-vien/", {"q": cid}).status_code == 200
    rows = list(AuditEntry.objects.filter(pk__gt=last, action=AuditAction.VIEW))
    assert len(rows) == 1
    assert rows[0].user == reader
    assert "1 " in rows[0].description or "(1" in rows[0].description


# --- The command line ----------------------------------------------------------------------

SRC = Path(__file__).resolve().parents[2] / "src"
WORLD = """
import datetime as dt
import django
django.setup()
from dangbo.members.choices import EventKind, Gender
from dangbo.members.services import member_create, person_save
from dangbo.orgs.models import OrgKind
from dangbo.orgs.services import org_create

day = dt.date(2000, 1, 1)
top = org_create(parent=None, code="T", name="Đảng bộ tỉnh",
                 kind=OrgKind.PROVINCIAL_COMMITTEE, founded_on=day)
cell = org_create(parent=top, code="T-1", name="Chi bộ Văn phòng",
                  kind=OrgKind.BASE_CELL, founded_on=day)
for n, name in enumerate(["Nguyễn Văn Đức", "Trần Thị Hoa"], 1):
    p = person_save(full_name=name, gender=Gender.MALE, birth_date=dt.date(1980, 1, n),
                    citizen_id=f"{n:012d}")
    member_create(person=p, kind=EventKind.ADMITTED, date=dt.date(2010, 5, n), cell=cell)
print("ok")
"""


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("audit_cli")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO"))}
    env |= {
        "PYTHONPATH": str(SRC),
        "DANGBO_DATA_DIR": str(tmp),
        "DATABASE_URL": f"sqlite:///{tmp / 'main.sqlite3'}",
        "PORTAL_DATABASE_URL": f"sqlite:///{tmp / 'portal.sqlite3'}",
    }
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "dangbo.cli", "migrate"], env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    made = subprocess.run(  # noqa: S603
        [sys.executable, "-c", WORLD],
        env={**env, "DJANGO_SETTINGS_MODULE": "dangbo.config.settings"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert made.stdout.strip() == "ok", made.stderr
    return tmp, env


CLI_READS = {
    "export-members": (["export-members", "{tmp}/ds.xlsx", "--org", "T"], "export"),
    "indicators --records": (["indicators", "--scope", "T", "--records"], "view"),
    "report": (["report", "--scope", "T", "--period", "2021-01-01..2021-12-31"], "export"),
    "statform xlsx": (
        [
            "statform",
            "1",
            "--scope",
            "T",
            "--at",
            "2021-12-31",
            "--format",
            "xlsx",
            "--output",
            "{tmp}/bieu.xlsx",
        ],
        "export",
    ),  # fmt: skip
    "statform check": (["statform", "check", "--scope", "T", "--at", "2021-12-31"], "view"),
}


@pytest.mark.parametrize("command", list(CLI_READS))
def test_command_line_reads_are_audited_with_the_os_user(cli_db, command):
    tmp, env = cli_db
    args, action = CLI_READS[command]
    db = sqlite3.connect(tmp / "main.sqlite3")
    last = db.execute("SELECT coalesce(max(id), 0) FROM accounts_auditentry").fetchone()[0]
    db.close()
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "dangbo.cli", *(a.format(tmp=tmp) for a in args)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr  # statform check exits 1 on a finding
    db = sqlite3.connect(tmp / "main.sqlite3")
    rows = db.execute(
        "SELECT action, user_id, actor, description FROM accounts_auditentry WHERE id > ?",
        (last,),
    ).fetchall()
    db.close()
    reads = [r for r in rows if r[0] in ("view", "export")]
    assert len(reads) == 1, rows
    assert reads[0][0] == action
    assert reads[0][1] is None
    assert reads[0][2] == f"os:{getpass.getuser()}"
