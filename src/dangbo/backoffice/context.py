from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from dangbo.core.scope import Action, scope_of

# The back office's menu: groups of (url name, label, action the user needs). A group with
# one entry the user may open is shown as a plain link; entries whose URL does not exist
# are skipped.
MENU: list[tuple[str, list[tuple[str, str, Action]]]] = [
    ("Điều hành", [("dashboard:home", "Bảng điều hành", Action.VIEW)]),
    ("Tổ chức, đảng viên", [
        ("backoffice:org_tree", "Tổ chức đảng", Action.VIEW),
        ("backoffice:member_list", "Đảng viên", Action.VIEW),
        ("admission:home", "Kết nạp đảng viên", Action.VIEW),
        ("rating:home", "Đánh giá, xếp loại", Action.VIEW),
        ("badges:home", "Huy hiệu Đảng", Action.VIEW),
        ("dues:home", "Đảng phí", Action.VIEW),
        ("statforms:home", "Biểu thống kê (BTCTW)", Action.VIEW),
    ]),
    ("Sinh hoạt", [
        ("activities:home", "Sinh hoạt đảng", Action.VIEW),
        ("studies:home", "Học tập, bồi dưỡng, hội thi", Action.VIEW),
    ]),
    ("Kiểm tra", [
        ("inspection:home", "Kiểm tra, giám sát, đơn thư", Action.VIEW),
        ("discipline:home", "Kỷ luật đảng", Action.VIEW),
    ]),
    ("Dân vận", [
        ("emulation:home", "Thi đua, khen thưởng", Action.VIEW),
        ("massorgs:home", "Đoàn thể", Action.VIEW),
    ]),
    ("Văn bản, báo cáo", [
        ("programmes:document_list", "Văn bản", Action.VIEW),
        ("programmes:programme_list", "Chương trình hành động, chỉ tiêu", Action.VIEW),
        ("programmes:workplan", "Chương trình công tác năm", Action.VIEW),
        ("programmes:unit_figures", "Số liệu đơn vị", Action.VIEW),
        ("reports:home", "Báo cáo định kỳ", Action.VIEW),
        ("submissions:home", "Báo cáo từ cấp dưới", Action.VIEW),
    ]),
    ("Cổng thông tin", [
        ("portal:home", "Cổng thông tin", Action.WRITE_NEWS),
    ]),
    ("Hệ thống", [
        ("backoffice:indicator_list", "Chỉ tiêu thống kê", Action.VIEW),
        ("imports:job_list", "Nhập, xuất Excel", Action.EXPORT),
        ("backoffice:audit_log", "Nhật ký truy cập", Action.VIEW_AUDIT),
        ("backoffice:account_list", "Tài khoản, phân quyền", Action.MANAGE_ROLES),
    ]),
]  # fmt: skip


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_of(user)
    menu = []
    if scope.user_id is not None:
        for group, entries in MENU:
            items = []
            for name, label, action in entries:
                if not scope.allows(action):
                    continue
                try:
                    items.append({"url": reverse(name), "label": label, "name": name})
                except NoReverseMatch:
                    continue
            if items:
                menu.append({"label": group, "items": items})
    return {"nav_menu": menu}
