"""The JSON API (django-ninja); routers live beside the apps they serve."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(
    title="Đảng bộ số API",
    version="1",
    description="Tổ chức đảng, đảng viên, sự kiện đảng tịch và chỉ tiêu thống kê, theo phạm vi "
    "phân quyền của người dùng.",
    urls_namespace="api",
)
