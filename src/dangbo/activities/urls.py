"""Sinh hoạt đảng, cam kết (/quan-ly/sinh-hoat/)."""

from django.urls import path

from dangbo.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.home, name="home"),
    path("cuoc-hop/", views.meeting_list, name="meeting_list"),
    path("cuoc-hop/xuat-excel/", views.meeting_export, name="meeting_export"),
    path("cuoc-hop/ghi/", views.meeting_create, name="meeting_create"),
    path("cuoc-hop/<id:pk>/", views.meeting_detail, name="meeting_detail"),
    path("cuoc-hop/<id:pk>/sua/", views.meeting_edit, name="meeting_edit"),
    path("cuoc-hop/<id:pk>/gui-tai-lieu/", views.meeting_notice, name="meeting_notice"),
    path("tai-lieu/<id:pk>/", views.file_download, name="file_download"),
    path("bo-sinh-hoat/", views.missed, name="missed"),
    path("bo-sinh-hoat/xuat-excel/", views.missed_export, name="missed_export"),
    path("ty-le-du-hop/", views.rates, name="rates"),
    path("dang-vien/<id:pk>/", views.member_page, name="member_page"),
    path("lich/", views.calendar_page, name="calendar"),
    path("cam-ket/", views.commitment_list, name="commitment_list"),
    path("cam-ket/xuat-excel/", views.commitment_export, name="commitment_export"),
    path("cam-ket/dang-vien/<id:pk>/", views.commitment_edit, name="commitment_edit"),
    path("cam-ket/<id:pk>/", views.commitment_detail, name="commitment_detail"),
    path("cam-ket/<id:pk>/tu-danh-gia/", views.commitment_review, name="commitment_review"),
]
