"""Kỷ luật đảng (mounted at /quan-ly/ky-luat/)."""

from django.urls import path

from dangbo.discipline import views

app_name = "discipline"

urlpatterns = [
    path("", views.home, name="home"),
    path("danh-sach/", views.case_list, name="case_list"),
    path("danh-sach/xuat-excel/", views.case_export, name="case_export"),
    path("dang-vien/", views.member_case_create, name="member_case_create"),
    path("to-chuc-dang/", views.org_case_create, name="org_case_create"),
    path("thong-tin/", views.external_create, name="external_create"),
    path("ho-so/<id:pk>/", views.case_detail, name="case_detail"),
    path("ho-so/<id:pk>/khieu-nai/", views.case_complaint, name="case_complaint"),
]
