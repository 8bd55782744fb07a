from django.urls import path

from dangbo.dues import views

app_name = "dues"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-vien/<id:pk>/", views.member, name="member"),
    path("dang-vien/<id:pk>/dong/", views.payment, name="payment"),
    path("dang-vien/<id:pk>/can-cu/", views.basis, name="basis"),
    path("dang-vien/<id:pk>/mien-giam/", views.relief, name="relief"),
    path("lap-danh-sach/", views.prepare, name="prepare"),
    path("chua-dong/", views.unpaid, name="unpaid"),
    path("xuat/", views.export, name="export"),
    path("nhap/", views.import_page, name="import"),
]
