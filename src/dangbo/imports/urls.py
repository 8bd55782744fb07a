from django.urls import path

from dangbo.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("mau-nhap.xlsx", views.template, name="template"),
    path("xuat-dang-vien/", views.member_export, name="member_export"),
    path("nhap-dang-vien/", views.member_import, name="member_import"),
    path("tac-vu/<id:pk>/", views.job_detail, name="job_detail"),
    path("tac-vu/<id:pk>/ghi/", views.job_commit, name="job_commit"),
    path("tac-vu/<id:pk>/tai-ve/", views.job_download, name="job_download"),
    path("tac-vu/<id:pk>/thu-lai/", views.job_retry_view, name="job_retry"),
]
