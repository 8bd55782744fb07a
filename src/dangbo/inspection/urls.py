"""Kiểm tra, giám sát, đơn thư (under /quan-ly/kiem-tra/)."""

from django.urls import path

from dangbo.inspection import views

app_name = "inspection"

urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/them/", views.plan_create, name="plan_create"),
    path("ke-hoach/<id:pk>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<id:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("ke-hoach/<id:pk>/them-cuoc/", views.item_create, name="item_create"),
    path("cuoc/", views.item_list, name="item_list"),
    path("cuoc/xuat-excel/", views.item_export, name="item_export"),
    path("cuoc/<id:pk>/", views.item_detail, name="item_detail"),
    path("cuoc/<id:pk>/sua/", views.item_edit, name="item_edit"),
    path("cuoc/<id:pk>/tien-do/", views.item_progress, name="item_progress"),
    path("cuoc/<id:pk>/ket-luan/", views.item_conclude, name="item_conclude"),
    path("don-thu/", views.letter_list, name="letter_list"),
    path("don-thu/xuat-excel/", views.letter_export, name="letter_export"),
    path("don-thu/them/", views.letter_create, name="letter_create"),
    path("don-thu/<id:pk>/", views.letter_detail, name="letter_detail"),
    path("don-thu/<id:pk>/giai-quyet/", views.letter_settle, name="letter_settle"),
    path("don-thu/<id:pk>/luu-don/", views.letter_close, name="letter_close"),
    path("don-thu/<id:pk>/gia-han/", views.letter_extend, name="letter_extend"),
]
