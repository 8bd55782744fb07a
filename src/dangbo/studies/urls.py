"""Học tập, bồi dưỡng, hội thi (under /quan-ly/hoc-tap/)."""

from django.urls import path

from dangbo.studies import views

app_name = "studies"

urlpatterns = [
    path("", views.home, name="home"),
    path("hoc-tap/", views.session_list, name="session_list"),
    path("hoc-tap/xuat-excel/", views.session_export, name="session_export"),
    path("hoc-tap/them/", views.session_create, name="session_create"),
    path("buoi-hoc/<id:pk>/", views.session_detail, name="session_detail"),
    path("buoi-hoc/<id:pk>/sua/", views.session_edit, name="session_edit"),
    path("buoi-hoc/<id:pk>/them-diem-cau/", views.point_create, name="point_create"),
    path("buoi-hoc/<id:pk>/xuat-excel/", views.attendance_export, name="attendance_export"),
    path("diem-cau/<id:pk>/", views.point_attendance, name="point_attendance"),
    path("diem-cau/<id:pk>/sua/", views.point_edit, name="point_edit"),
    path("diem-cau/<id:pk>/bo/<id:member>/", views.attendance_remove, name="attendance_remove"),
    path("lop/", views.class_list, name="class_list"),
    path("lop/xuat-excel/", views.class_export, name="class_export"),
    path("lop/them/", views.class_create, name="class_create"),
    path("lop/<id:pk>/", views.class_detail, name="class_detail"),
    path("lop/<id:pk>/sua/", views.class_edit, name="class_edit"),
    path("lop/<id:pk>/them-hoc-vien/", views.learner_add, name="learner_add"),
    path("lop/<id:pk>/them-nhieu/", views.learners_many, name="learners_many"),
    path("lop/<id:pk>/xuat-excel/", views.learners_export, name="learners_export"),
    path("hoc-vien/<id:pk>/ket-qua/", views.learner_result, name="learner_result"),
    path("hoc-vien/<id:pk>/xoa/", views.learner_remove, name="learner_remove"),
    path("hoi-thi/", views.contest_list, name="contest_list"),
    path("hoi-thi/xuat-excel/", views.contest_export, name="contest_export"),
    path("hoi-thi/them/", views.contest_create, name="contest_create"),
    path("hoi-thi/<id:pk>/", views.contest_detail, name="contest_detail"),
    path("hoi-thi/<id:pk>/sua/", views.contest_edit, name="contest_edit"),
    path("hoi-thi/<id:pk>/them-thi-sinh/", views.entrant_add, name="entrant_add"),
    path("thi-sinh/<id:pk>/sua/", views.entrant_edit, name="entrant_edit"),
    path("thi-sinh/<id:pk>/xoa/", views.entrant_remove, name="entrant_remove"),
]
