from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from dangbo.core.scope import Action, scope_of

# (url name, label, action the user needs); entries whose URL does not exist are skipped.
MENU: list[tuple[str, str, Action]] = [
    ("backoffice:org_tree", "Tổ chức đảng", Action.VIEW),
    ("backoffice:member_list", "Đảng viên", Action.VIEW),
    ("admission:home", "Kết nạp", Action.VIEW),
    ("rating:home", "Xếp loại", Action.VIEW),
    ("badges:home", "Huy hiệu", Action.VIEW),
    ("dues:home", "Đảng phí", Action.VIEW),
    ("activities:home", "Sinh hoạt", Action.VIEW),
    ("studies:home", "Học tập, bồi dưỡng", Action.VIEW),
    ("inspection:home", "Kiểm tra, giám sát", Action.VIEW),
    ("discipline:home", "Kỷ luật", Action.VIEW),
    ("emulation:home", "Thi đua, khen thưởng", Action.VIEW),
    ("massorgs:home", "Đoàn thể", Action.VIEW),
    ("imports:job_list", "Nhập, xuất Excel", Action.EXPORT),
    ("backoffice:indicator_list", "Chỉ tiêu thống kê", Action.VIEW),
    ("backoffice:audit_log", "Nhật ký truy cập", Action.VIEW_AUDIT),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_of(user)
    menu = []
    if scope.user_id is not None:
        for name, label, action in MENU:
            if not scope.allows(action):
                continue
            try:
                menu.append({"url": reverse(name), "label": label, "name": name})
            except NoReverseMatch:
                continue
    return {"nav_menu": menu}
