from django.urls import path

from dangbo.backoffice.views import members, members_events, members_forms, members_lists

urlpatterns = [
    path("dang-vien/", members.member_list, name="member_list"),
    path("dang-vien/them/", members_forms.member_create, name="member_create"),
    path("dang-vien/<int:pk>/", members.member_detail, name="member_detail"),
    path("dang-vien/<int:pk>/sua/", members_forms.member_edit, name="member_edit"),
    path(
        "dang-vien/<int:pk>/qua-trinh-cong-tac/",
        members_lists.member_work_history,
        name="member_work_history",
    ),
    path(
        "dang-vien/<int:pk>/qua-trinh-dao-tao/",
        members_lists.member_training_history,
        name="member_training_history",
    ),
    path("dang-vien/<int:pk>/gia-dinh/", members_lists.member_family, name="member_family"),
    path(
        "dang-vien/<int:pk>/su-kien/<int:event_pk>/xoa/",
        members_events.member_event_delete,
        name="member_event_delete",
    ),
    path(
        "dang-vien/<int:pk>/su-kien/<str:kind>/",
        members_events.member_event,
        name="member_event",
    ),
]
