from django.urls import path

from dangbo.backoffice.views import members, members_events, members_forms

urlpatterns = [
    path("dang-vien/", members.member_list, name="member_list"),
    path("dang-vien/them/", members_forms.member_create, name="member_create"),
    path("dang-vien/<int:pk>/", members.member_detail, name="member_detail"),
    path("dang-vien/<int:pk>/sua/", members_forms.member_edit, name="member_edit"),
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
