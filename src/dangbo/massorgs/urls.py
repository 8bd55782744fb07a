"""Đoàn thể."""

from django.urls import path

from dangbo.massorgs import views

app_name = "massorgs"

urlpatterns = [
    path("", views.home, name="home"),
    path("to-chuc-doan-the/", views.massorg_list, name="massorg_list"),
    path("to-chuc-doan-the/xuat-excel/", views.massorg_export, name="massorg_export"),
    path("to-chuc-doan-the/them/", views.massorg_create, name="massorg_create"),
    path("to-chuc-doan-the/<id:pk>/", views.massorg_detail, name="massorg_detail"),
    path("to-chuc-doan-the/<id:pk>/sua/", views.massorg_edit, name="massorg_edit"),
    path("to-chuc-doan-the/<id:pk>/nhiem-ky/them/", views.term_create, name="term_create"),
    path(
        "to-chuc-doan-the/<id:pk>/so-luong/them/",
        views.membership_create,
        name="membership_create",
    ),  # fmt: skip
    path(
        "to-chuc-doan-the/<id:pk>/hoat-dong/them/",
        views.activity_create,
        name="activity_create",
    ),  # fmt: skip
    path("hoat-dong/", views.activity_list, name="activity_list"),
    path("hoat-dong/xuat-excel/", views.activity_export, name="activity_export"),
    path("hoat-dong-doan-the/<id:pk>/", views.activity_detail, name="activity_detail"),
    path("hoat-dong-doan-the/<id:pk>/sua/", views.activity_edit, name="activity_edit"),
]
