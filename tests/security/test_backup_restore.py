"""`dangbo backup` then `dangbo restore` into an empty place gives identical data.

The commands run as subprocesses against file databases (SQLite in tmp_path; PostgreSQL
databases wt_backup_src / wt_backup_dst when a server answers at 127.0.0.1:5432).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PG = "postgres://postgres@127.0.0.1:5432"

# A small world written through the services: an organization tree, members, an audit row,
# a job with its input file, a portal article with its image.
WORLD = """
import datetime as dt
import django
django.setup()
from django.core.files.base import ContentFile
from django.contrib.auth import get_user_model
from django.utils import timezone
from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.jobs.models import Job
from dangbo.members.choices import EventKind, Gender
from dangbo.members.services import member_create, person_save
from dangbo.orgs.models import OrgKind
from dangbo.orgs.services import org_create
from dangbo.portal_public.models import Article, Category

day = dt.date(2000, 1, 1)
top = org_create(parent=None, code="T", name="Đảng bộ tỉnh",
                 kind=OrgKind.PROVINCIAL_COMMITTEE, founded_on=day)
cell = org_create(parent=top, code="T-1", name="Chi bộ Văn phòng",
                  kind=OrgKind.BASE_CELL, founded_on=day)
for n, name in enumerate(["Nguyễn Văn Đức", "Trần Thị Hoa", "Lê Minh Khôi"], 1):
    p = person_save(full_name=name, gender=Gender.MALE, birth_date=dt.date(1980, 1, n),
                    citizen_id=f"{n:012d}")
    member_create(person=p, kind=EventKind.ADMITTED, date=dt.date(2010, 5, n), cell=cell)
user = get_user_model().objects.create_user(username="thu_ky", password="mat-khau-dai-123")
audit_log(user=user, action=AuditAction.VIEW, object_type="member", object_id=1,
          description="Xem hồ sơ")
job = Job(kind="import", title="Nhập danh sách", user=user)
job.input_file.save("danh-sach.xlsx", ContentFile(b"PK\\x03\\x04 fake xlsx \\x00\\xff"), save=True)
cat = Category.objects.create(source_id=1, slug="tin", name="Tin tức")
art = Article(source_id=1, category=cat, slug="bai-1", title="Bài một",
              published_at=timezone.now(), updated_at=timezone.now())
art.image.save("anh.png", ContentFile(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(range(256))), save=True)
print("ok")
"""


def _env(tmp: Path, name: str, *, pg: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO"))}
    env["PYTHONPATH"] = str(SRC)
    env["DANGBO_DATA_DIR"] = str(tmp / name)
    if pg:
        env["DATABASE_URL"] = f"{PG}/wt_backup_{name}"
        env["PORTAL_DATABASE_URL"] = f"{PG}/wt_backup_{name}_portal"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp / name / 'main.sqlite3'}"
        env["PORTAL_DATABASE_URL"] = f"sqlite:///{tmp / name / 'portal.sqlite3'}"
    env.pop("PORTAL_DATABASE_URL_", None)
    return env


def _dangbo(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "dangbo.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _populate(env: dict[str, str]) -> None:
    done = _dangbo(env, "migrate")
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


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _sqlite_tables(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    names = [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY 1")
    ]
    out = {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}  # noqa: S608
    conn.close()
    return out


def _pg_tables(dbname: str) -> dict[str, list[tuple]]:
    import psycopg

    with psycopg.connect(f"{PG}/{dbname}") as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1"
            )
        ]
        return {
            n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)  # noqa: S608
            for n in names
        }


@pytest.fixture(scope="module")
def sqlite_world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("backup")
    src = _env(tmp, "src")
    _populate(src)
    archive = tmp / "sao-luu.tar.gz"
    done = _dangbo(src, "backup", str(archive))
    assert done.returncode == 0, done.stderr
    return tmp, src, archive


def test_sqlite_backup_restores_identical_tables_and_files(sqlite_world):
    tmp, src, archive = sqlite_world
    dst = _env(tmp, "dst")
    done = _dangbo(dst, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    for db in ("main", "portal"):
        before = _sqlite_tables(tmp / "src" / f"{db}.sqlite3")
        after = _sqlite_tables(tmp / "dst" / f"{db}.sqlite3")
        assert after == before
    before_files = _files(tmp / "src" / "media")
    assert len(before_files) == 2  # the job's input file and the article's image
    assert _files(tmp / "dst" / "media") == before_files
    # the world is really in there: members, the audit row with its timestamp, the job
    main = _sqlite_tables(tmp / "dst" / "main.sqlite3")
    assert len(main["members_person"]) == 3
    assert len(main["accounts_auditentry"]) >= 1
    assert len(main["jobs_job"]) == 1


def test_archive_has_manifest_with_counts_and_checksums(sqlite_world):
    _tmp, _src, archive = sqlite_world
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["version"] == 1
    assert manifest["databases"]["default"]["engine"] == "sqlite"
    assert manifest["databases"]["default"]["tables"]["members_person"] == 3
    assert manifest["databases"]["portal"]["tables"]["portal_public_article"] == 1
    listed = {f["path"] for f in manifest["files"]}
    assert listed | {"manifest.json"} == names
    assert all(len(f["sha256"]) == 64 for f in manifest["files"])


def test_restore_refuses_non_empty_target_without_force(sqlite_world):
    tmp, src, archive = sqlite_world
    before = (tmp / "src" / "main.sqlite3").read_bytes()
    done = _dangbo(src, "restore", str(archive))
    assert done.returncode == 2
    assert "đã có dữ liệu" in done.stderr and "--force" in done.stderr
    assert (tmp / "src" / "main.sqlite3").read_bytes() == before


def test_restore_refuses_media_files_in_target(sqlite_world):
    tmp, _src, archive = sqlite_world
    dst = _env(tmp, "dst_media")
    (tmp / "dst_media" / "media").mkdir(parents=True)
    (tmp / "dst_media" / "media" / "cu.txt").write_text("tệp cũ")
    done = _dangbo(dst, "restore", str(archive))
    assert done.returncode == 2
    assert "có tệp" in done.stderr
    assert not (tmp / "dst_media" / "main.sqlite3").exists()


def test_restore_with_force_replaces_data(sqlite_world):
    tmp, _src, archive = sqlite_world
    dst = _env(tmp, "dst_force")
    (tmp / "dst_force" / "media").mkdir(parents=True)
    (tmp / "dst_force" / "media" / "cu.txt").write_text("tệp cũ")
    done = _dangbo(dst, "restore", "--force", str(archive))
    assert done.returncode == 0, done.stderr
    assert _files(tmp / "dst_force" / "media") == _files(tmp / "src" / "media")
    kept = list((tmp / "dst_force").glob("media.truoc-khoi-phuc-*/cu.txt"))
    assert len(kept) == 1


def test_restore_checks_checksums_before_touching_anything(sqlite_world):
    tmp, _src, archive = sqlite_world
    broken = tmp / "hong.tar"
    with tarfile.open(archive) as tar_in, tarfile.open(broken, "w") as tar_out:
        for member in tar_in:
            data = tar_in.extractfile(member).read()
            if member.name.startswith("media/jobs/"):
                data = data[:-1] + b"X"  # one changed byte
            import io

            tar_out.addfile(member, io.BytesIO(data))
    dst = _env(tmp, "dst_broken")
    done = _dangbo(dst, "restore", str(broken))
    assert done.returncode == 2
    assert "SHA-256" in done.stderr
    assert not (tmp / "dst_broken" / "main.sqlite3").exists()
    assert not (tmp / "dst_broken" / "media").exists()


def _pg_reachable() -> bool:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        return False
    try:
        import psycopg

        psycopg.connect(f"{PG}/postgres", connect_timeout=3).close()
    except Exception:  # noqa: BLE001 - any failure means no server to test against
        return False
    return True


@pytest.mark.skipif(
    not _pg_reachable(), reason="no PostgreSQL server (with pg_dump) at 127.0.0.1:5432"
)
def test_postgresql_backup_restores_identical_tables_and_files(tmp_path):
    import psycopg

    names = ["wt_backup_src", "wt_backup_src_portal", "wt_backup_dst", "wt_backup_dst_portal"]
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        src = _env(tmp_path, "src", pg=True)
        _populate(src)
        archive = tmp_path / "sao-luu.tar"
        done = _dangbo(src, "backup", str(archive))
        assert done.returncode == 0, done.stderr
        dst = _env(tmp_path, "dst", pg=True)
        done = _dangbo(dst, "restore", str(archive))
        assert done.returncode == 0, done.stderr
        for a, b in (
            ("wt_backup_src", "wt_backup_dst"),
            ("wt_backup_src_portal", "wt_backup_dst_portal"),
        ):
            before = _pg_tables(a)
            assert _pg_tables(b) == before
        assert len(_pg_tables("wt_backup_dst")["members_person"]) == 3
        assert _files(tmp_path / "dst" / "media") == _files(tmp_path / "src" / "media")
        refused = _dangbo(dst, "restore", str(archive))
        assert refused.returncode == 2
        assert "đã có dữ liệu" in refused.stderr
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
