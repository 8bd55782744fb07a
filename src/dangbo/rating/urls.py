from django.urls import path

from dangbo.rating import views, views_entries

app_name = "rating"

urlpatterns = [
    path("", views.home, name="home"),
    path("xuat-excel/", views.round_list_export, name="round_list_export"),
    path("dot/mo/", views.round_open, name="round_open"),
    path("dot/<id:pk>/", views.round_detail, name="round_detail"),
    path("dot/<id:pk>/xuat-excel/", views.round_export, name="round_export"),
    path("dot/<id:pk>/de-xuat/", views_entries.round_propose, name="round_propose"),
    path("dot/<id:pk>/quyet-dinh/", views_entries.round_decide, name="round_decide"),
    path("dot/<id:pk>/khoa/", views.round_lock, name="round_lock"),
    path("xep-loai-to-chuc/<id:pk>/", views_entries.org_rating, name="org_rating"),
    path("nhan-xet-cu-tru/", views_entries.residence_list, name="residence_list"),
    path(
        "nhan-xet-cu-tru/<id:member_id>/<id:year>/",
        views_entries.residence_edit,
        name="residence_edit",
    ),
]
