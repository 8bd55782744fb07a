"""Serving uploaded files, in one place (OWASP ASVS 12.5; Wagtail serves documents the same
way): a file is a download (`Content-Disposition: attachment`) unless its content, read with
Pillow, is a PNG, JPEG, GIF or WebP picture, or it is a PDF; every answer carries
`X-Content-Type-Options: nosniff`, so HTML, SVG or anything unknown never renders from the
site's origin whatever its name says."""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from PIL import Image, UnidentifiedImageError

# Raster formats (as Pillow names them) a browser may show inline.
INLINE_IMAGES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
PDF = "application/pdf"
# Types a download keeps (the browser hands the file to the right program); others are
# sent as application/octet-stream. <video> plays mp4 and webm whatever the disposition.
DOWNLOAD_TYPES = {
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/zip",
    "video/mp4",
    "video/webm",
    "audio/mpeg",
}
OCTET_STREAM = "application/octet-stream"
# What the public portal adds to its media: nothing runs, even if a browser sniffed.
MEDIA_CSP = "default-src 'none'; img-src 'self'; sandbox"

_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\"]+')


def safe_filename(name: str, default: str = "tep") -> str:
    """The last path part of `name` without control characters, quotes or slashes."""
    base = re.split(r"[/\\]", name)[-1]
    cleaned = _UNSAFE_NAME.sub("_", unicodedata.normalize("NFC", base)).strip(" .")
    return cleaned or default


def _ascii(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in folded if ord(ch) < 128 and not unicodedata.combining(ch))
    return re.sub(r"[^\x21-\x7e ]", "_", text) or "tep"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """RFC 6266 with RFC 5987: an ASCII `filename` for old clients, `filename*` in UTF-8
    for the Vietnamese name ("Nghị quyết.pdf" stays "Nghị quyết.pdf")."""
    name = safe_filename(filename)
    kind = "inline" if inline else "attachment"
    fallback = _ascii(name).replace("\\", "_").replace('"', "_")
    if fallback == name:
        return f'{kind}; filename="{name}"'
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def inline_type(handle: IO[bytes]) -> str | None:
    """The content type to show `handle` inline with (a raster picture or a PDF, judged by
    its bytes), or None: a download. The position of `handle` is restored."""
    start = handle.tell()
    try:
        if handle.read(5) == b"%PDF-":
            return PDF
        handle.seek(start)
        try:
            with Image.open(handle) as image:
                return INLINE_IMAGES.get(image.format or "")
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            return None
    finally:
        handle.seek(start)


def download_type(filename: str) -> str:
    guessed, _ = mimetypes.guess_type(filename)
    return guessed if guessed in DOWNLOAD_TYPES else OCTET_STREAM


def file_response(
    file: Any, *, filename: str | None = None, csp: str | None = None
) -> FileResponse:
    """Answer a stored file (a FieldFile, a Django File or a path) safely; 404 if it is
    missing. `filename` is the name the user sees (default: the stored name's last part)."""
    name = filename or str(getattr(file, "name", file))
    try:
        handle = Path(file).open("rb") if isinstance(file, str | Path) else file.open("rb")
    except (OSError, ValueError) as exc:
        raise Http404("Không tìm thấy tệp.") from exc
    shown = inline_type(handle)
    response = FileResponse(handle, content_type=shown or download_type(name))
    response["Content-Disposition"] = content_disposition(name, inline=shown is not None)
    response["X-Content-Type-Options"] = "nosniff"
    if csp:
        response["Content-Security-Policy"] = csp
    return response


def serve_from(root: str | Path, path: str, *, csp: str | None = None) -> FileResponse:
    """A file under `root` named by a URL `path` (never outside `root`), through
    `file_response`; 404 for anything that is not a file there."""
    try:
        full = Path(safe_join(str(root), path))
    except SuspiciousFileOperation as exc:
        raise Http404("Không tìm thấy tệp.") from exc
    if not full.is_file():
        raise Http404("Không tìm thấy tệp.")
    return file_response(full, filename=full.name, csp=csp)
