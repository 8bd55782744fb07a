"""Thi đua, khen thưởng."""

from django.urls import path

from dangbo.emulation import views

app_name = "emulation"

urlpatterns = [
    path("", views.home, name="home"),
    path("khen-thuong/", views.commendation_list, name="commendation_list"),
    path("khen-thuong/xuat-excel/", views.commendation_export, name="commendation_export"),
    path("khen-thuong/them/", views.commendation_create, name="commendation_create"),
    path("khen-thuong/<id:pk>/", views.commendation_detail, name="commendation_detail"),
    path("khen-thuong/<id:pk>/sua/", views.commendation_edit, name="commendation_edit"),
    path("de-nghi-khen-thuong/", views.proposal_list, name="proposal_list"),
    path("de-nghi-khen-thuong/xuat-excel/", views.proposal_export, name="proposal_export"),
    path("de-nghi-khen-thuong/them/", views.proposal_create, name="proposal_create"),
    path("de-nghi-khen-thuong/<id:pk>/", views.proposal_detail, name="proposal_detail"),
    path("de-nghi-khen-thuong/<id:pk>/ket-qua/", views.proposal_decide, name="proposal_decide"),
    path("mo-hinh-dan-van/", views.model_list, name="model_list"),
    path("mo-hinh-dan-van/xuat-excel/", views.model_export, name="model_export"),
    path("mo-hinh-dan-van/them/", views.model_create, name="model_create"),
    path("mo-hinh-dan-van/<id:pk>/", views.model_detail, name="model_detail"),
    path("mo-hinh-dan-van/<id:pk>/sua/", views.model_edit, name="model_edit"),
]
