"""`dangbo backup` and `dangbo restore`: both databases and every uploaded file in one archive.

The archive is a tar file (gzip-compressed when its name ends in .gz or .tgz):

    db/default.sqlite3 | db/default.dump     the main database (SQLite copy or pg_dump -Fc)
    db/portal.sqlite3  | db/portal.dump      the public portal's database
    media/...                                MEDIA_ROOT (uploads, generated files)
    portal_media/...                         DANGBO_PORTAL_MEDIA_ROOT, when it is elsewhere
    manifest.json                            version, date, engines, row counts, sha256 of all

Restore checks the manifest and every checksum before it touches anything, and refuses a
target that holds data unless forced. See docs/SECURITY.md, "Backup and restore".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connections

from dangbo.core import backup_db
from dangbo.core.backup_db import BackupError

FORMAT = "dangbo-backup"
VERSION = 1
MANIFEST = "manifest.json"
ALIASES = ("default", "portal")
CHUNK = 1 << 20

# (what was done, how many, out of how many); the command line draws it as a progress bar.
Progress = Callable[[str, int, int], None]


def _silent(label: str, done: int, total: int) -> None:
    return None


def media_roots() -> dict[str, Path]:
    """Archive folder -> directory of uploaded and generated files (static files excluded)."""
    from dangbo.config.env import load

    roots = {"media": Path(settings.MEDIA_ROOT)}
    portal = load().portal_media_root
    if portal.resolve() != roots["media"].resolve():
        roots["portal_media"] = portal
    return roots


def _files_under(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _Hashing:
    """A reader that hashes what tarfile takes from it."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.digest.update(data)
        return data


@dataclass
class Summary:
    tables: dict[str, dict[str, int]]
    files: int
    size: int

    def text(self) -> str:
        rows = sum(sum(t.values()) for t in self.tables.values())
        return f"{len(self.tables)} cơ sở dữ liệu, {rows} dòng dữ liệu, {self.files} tệp"


def _add(tar: tarfile.TarFile, path: Path, name: str) -> dict[str, Any]:
    with path.open("rb") as fh:
        info = tar.gettarinfo(fileobj=fh, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _Hashing(fh)
        tar.addfile(info, reader)  # type: ignore[arg-type]
    return {"path": name, "size": info.size, "sha256": reader.digest.hexdigest()}


def create_backup(path: Path, *, progress: Progress = _silent) -> Summary:
    """Write both databases and every uploaded file into the archive at `path`."""
    aliases = [a for a in ALIASES if a in settings.DATABASES]
    engines = {alias: backup_db.engine(alias) for alias in aliases}
    partial = path.with_name(path.name + ".part")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "databases": {},
        "roots": {},
        "files": [],
    }
    gz = path.name.endswith((".gz", ".tgz"))
    archive = tarfile.open(partial, "w:gz") if gz else tarfile.open(partial, "w")
    try:
        _write(archive, manifest, aliases, engines, progress, dump_dir=path.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)
    return Summary(
        tables={a: d["tables"] for a, d in manifest["databases"].items()},
        files=sum(1 for f in manifest["files"] if not f["path"].startswith("db/")),
        size=path.stat().st_size,
    )


def _write(
    archive: tarfile.TarFile,
    manifest: dict[str, Any],
    aliases: list[str],
    engines: dict[str, str],
    progress: Progress,
    *,
    dump_dir: Path,
) -> None:
    total = len(aliases)
    with tempfile.TemporaryDirectory(dir=dump_dir, prefix=".sao-luu-") as tmp, archive as tar:
        for i, alias in enumerate(aliases, 1):
            suffix = "sqlite3" if engines[alias] == "sqlite" else "dump"
            dump = Path(tmp) / f"{alias}.{suffix}"
            counts = backup_db.dump(alias, dump)
            entry = _add(tar, dump, f"db/{alias}.{suffix}")
            manifest["files"].append(entry)
            manifest["databases"][alias] = {
                "engine": engines[alias],
                "file": entry["path"],
                "tables": counts,
            }
            dump.unlink()
            progress(f"Cơ sở dữ liệu {alias}", i, 0)
        # Files after the databases: a file the dumps name was uploaded before them.
        media = [(d, root, f) for d, root in media_roots().items() for f in _files_under(root)]
        total += len(media)
        for i, (folder, root, file) in enumerate(media, len(aliases) + 1):
            manifest["roots"][folder] = str(root)
            name = f"{folder}/{file.relative_to(root).as_posix()}"
            manifest["files"].append(_add(tar, file, name))
            progress(name, i, total)
        raw = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(raw)
        info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
        tar.addfile(info, io.BytesIO(raw))


# --- Restore ------------------------------------------------------------------------------


def _safe_name(name: str) -> bool:
    pure = PurePosixPath(name)
    return bool(name) and not pure.is_absolute() and ".." not in pure.parts


def _read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
        fh = tar.extractfile(member)
        manifest = json.loads(fh.read()) if fh else None
    except (KeyError, ValueError) as exc:
        raise BackupError("Tệp sao lưu không có bản kê manifest.json hợp lệ.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Tệp này không phải bản sao lưu của Đảng bộ số.")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"Bản sao lưu phiên bản {manifest.get('version')} không đọc được "
            f"(phiên bản này đọc {VERSION})."
        )
    return manifest


def _unpack_checked(path: Path, into: Path) -> dict[str, Any]:
    """Unpack into `into`, checking every file against the manifest; nothing else is touched."""
    try:
        tar = tarfile.open(path, "r:*")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {path}: {exc}") from exc
    with tar:
        manifest = _read_manifest(tar)
        expected = {f["path"]: f for f in manifest.get("files", [])}
        seen: set[str] = set()
        for member in tar:
            if member.name == MANIFEST or member.isdir():
                continue
            entry = expected.get(member.name)
            if entry is None or not member.isfile() or not _safe_name(member.name):
                raise BackupError(f"Tệp sao lưu chứa mục lạ không có trong bản kê: {member.name}")
            target = into / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            source = tar.extractfile(member)
            assert source is not None  # noqa: S101 - a regular file always has content
            with target.open("wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != entry["sha256"]:
                raise BackupError(f"Tệp {member.name} trong bản sao lưu bị hỏng (sai mã SHA-256).")
            os.utime(target, (member.mtime, member.mtime))
            seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"Bản sao lưu thiếu {len(missing)} tệp, ví dụ {missing[0]}.")
    return manifest


def _check_target(manifest: dict[str, Any]) -> list[str]:
    """Refusals that hold whatever --force says, then the list of what already holds data."""
    busy: list[str] = []
    for alias, db in manifest["databases"].items():
        if alias not in settings.DATABASES:
            raise BackupError(f"Cấu hình hiện tại không có cơ sở dữ liệu {alias!r}.")
        here = backup_db.engine(alias)
        if here != db["engine"]:
            raise BackupError(
                f"Bản sao lưu của cơ sở dữ liệu {alias!r} là {db['engine']}, "
                f"còn cơ sở dữ liệu đích là {here}: không khôi phục chéo được."
            )
        tables = backup_db.tables_with_rows(alias)
        if tables:
            busy.append(f"cơ sở dữ liệu {alias!r} có dữ liệu ({', '.join(tables[:3])}…)")
    for folder, root in media_roots().items():
        if any(True for _ in _files_under(root)):
            busy.append(f"thư mục {root} có tệp ({folder})")
    return busy


def restore_backup(path: Path, *, force: bool = False, progress: Progress = _silent) -> Summary:
    """Check the archive whole, then replace both databases and the uploaded files by it."""
    roots = media_roots()
    work_parent = Path(settings.MEDIA_ROOT).parent
    work_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_parent, prefix=".khoi-phuc-") as tmp:
        work = Path(tmp)
        manifest = _unpack_checked(path, work)
        progress("Đã kiểm tra bản sao lưu", 0, 1)
        busy = _check_target(manifest)
        if busy and not force:
            raise TargetNotEmpty(busy)
        databases = manifest["databases"]
        media = [f["path"] for f in manifest["files"] if not f["path"].startswith("db/")]
        total = len(databases) + len(media)
        for i, (alias, db) in enumerate(databases.items(), 1):
            backup_db.load(alias, work / db["file"])
            progress(f"Cơ sở dữ liệu {alias}", i, total)
        for root in roots.values():
            _set_aside(root)
        for i, name in enumerate(media, len(databases) + 1):
            folder, _, rest = name.partition("/")
            root = roots.get(folder, roots["media"])
            target = root / rest
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(work / name, target)
            progress(name, i, total)
    connections.close_all()
    for alias, db in databases.items():
        got = backup_db.row_counts(alias)
        wrong = [t for t, n in db["tables"].items() if got.get(t) != n]
        if wrong:
            raise BackupError(
                f"Sau khi khôi phục, số dòng của {alias!r} khác bản kê ở bảng {wrong[0]}."
            )
    return Summary(
        tables={a: d["tables"] for a, d in databases.items()},
        files=len(media),
        size=path.stat().st_size,
    )


def _set_aside(root: Path) -> None:
    """With --force, the files already there are kept beside, not deleted."""
    if any(True for _ in _files_under(root)):
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        root.rename(root.with_name(f"{root.name}.truoc-khoi-phuc-{stamp}"))


class TargetNotEmpty(BackupError):
    def __init__(self, busy: list[str]) -> None:
        self.busy = busy
        super().__init__(
            "Nơi khôi phục đã có dữ liệu: "
            + "; ".join(busy)
            + ". Không ghi đè. Dùng --force nếu thật sự muốn thay thế (tệp cũ được giữ lại "
            "bên cạnh thư mục)."
        )
