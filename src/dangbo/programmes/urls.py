"""Văn bản, chương trình hành động (mounted at /quan-ly/van-ban/)."""

from django.urls import path

from dangbo.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("xuat-excel/", views.document_export, name="document_export"),
    path("ban-hanh/", views.document_issue, name="document_issue"),
    path("vao-so/", views.document_receive, name="document_receive"),
    path("<id:pk>/", views.document_detail, name="document_detail"),
    path("<id:pk>/sua/", views.document_edit, name="document_edit"),
    path("<id:pk>/tep/", views.document_file, name="document_file"),
    path("<id:pk>/lien-ket/", views.document_link, name="document_link"),
    path("lien-ket/<id:pk>/xoa/", views.document_unlink, name="document_unlink"),
    path("the-thuc/<id:pk>/", views.issuer_profile, name="issuer_profile"),
    path("chuong-trinh/", views.programme_list, name="programme_list"),
    path("chuong-trinh/xuat-excel/", views.programme_export, name="programme_export"),
    path("chuong-trinh/them/", views.programme_create, name="programme_create"),
    path("chuong-trinh/<id:pk>/", views.programme_detail, name="programme_detail"),
    path("chuong-trinh/<id:pk>/sua/", views.programme_edit, name="programme_edit"),
    path("chi-tieu/", views.target_list, name="target_list"),
    path("chi-tieu/xuat-excel/", views.target_export, name="target_export"),
    path("chi-tieu/them/", views.target_create, name="target_create"),
    path("chi-tieu/<id:pk>/", views.target_detail, name="target_detail"),
    path("chi-tieu/<id:pk>/sua/", views.target_edit, name="target_edit"),
    path("cong-tac-nam/", views.workplan, name="workplan"),
    path("cong-tac-nam/xuat-excel/", views.workplan_export, name="workplan_export"),
    path("cong-tac-nam/tao/", views.work_programme_create, name="work_programme_create"),
    path("cong-tac-nam/<id:pk>/them-viec/", views.work_item_create, name="work_item_create"),
    path("dau-viec/<id:pk>/sua/", views.work_item_edit, name="work_item_edit"),
    path("dau-viec/<id:pk>/trang-thai/", views.work_item_status, name="work_item_status"),
    path("so-lieu-don-vi/", views.unit_figures, name="unit_figures"),
    path("so-lieu-don-vi/xuat-excel/", views.unit_figures_export, name="unit_figures_export"),
    path("so-lieu-don-vi/mau-excel/", views.unit_figures_template, name="unit_figures_template"),
    path("so-lieu-don-vi/them/", views.unit_figures_create, name="unit_figures_create"),
    path("so-lieu-don-vi/nhap-excel/", views.unit_figures_import, name="unit_figures_import"),
    path("so-lieu-don-vi/<id:pk>/sua/", views.unit_figures_edit, name="unit_figures_edit"),
]
