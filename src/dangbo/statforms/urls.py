"""Biểu thống kê."""

from django.urls import path

from dangbo.statforms import views

app_name = "statforms"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-thap/<id:pk>/", views.call_view, name="call"),
    path("thu-thap/<id:pk>/nop/", views.submit_view, name="submit"),
    path("ban-nop/<id:pk>/", views.submission_view, name="submission"),
    path("bieu/<str:number>/", views.form_view, name="form"),
    path("bieu/<str:number>/o/", views.cell_view, name="cell"),
    path("bieu/<str:number>/xuat-excel/", views.export_view, name="export"),
    path("bieu/<str:number>/yeu-cau/", views.call_create, name="call_create"),
]
