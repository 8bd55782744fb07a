from django.urls import path

from dangbo.backoffice.views import members, members_events, members_forms, members_lists

urlpatterns = [
    path("dang-vien/", members.member_list, name="member_list"),
    path("dang-vien/them/", members_forms.member_create, name="member_create"),
    path("dang-vien/<id:pk>/", members.member_detail, name="member_detail"),
    path("dang-vien/<id:pk>/sua/", members_forms.member_edit, name="member_edit"),
    path(
        "dang-vien/<id:pk>/qua-trinh-cong-tac/",
        members_lists.member_work_history,
        name="member_work_history",
    ),
    path(
        "dang-vien/<id:pk>/qua-trinh-dao-tao/",
        members_lists.member_training_history,
        name="member_training_history",
    ),
    path("dang-vien/<id:pk>/gia-dinh/", members_lists.member_family, name="member_family"),
    path(
        "dang-vien/<id:pk>/su-kien/<id:event_pk>/xoa/",
        members_events.member_event_delete,
        name="member_event_delete",
    ),
    path(
        "dang-vien/<id:pk>/su-kien/<str:kind>/",
        members_events.member_event,
        name="member_event",
    ),
]
