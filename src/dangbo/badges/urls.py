"""Huy hiệu Đảng."""

from django.urls import path

from dangbo.badges import views

app_name = "badges"

urlpatterns = [
    path("", views.home, name="home"),
    path("de-nghi/xuat-excel/", views.proposal_export, name="proposal_export"),
    path("so-lieu/", views.figures, name="figures"),
    path("da-trao/", views.award_list, name="award_list"),
    path("da-trao/xuat-excel/", views.award_export, name="award_export"),
    path("trao/", views.award_create, name="award_create"),
    path("trao-nhieu/", views.award_many, name="award_many"),
    path("huy-hieu/<id:pk>/", views.award_detail, name="award_detail"),
    path("huy-hieu/<id:pk>/thu-hoi/", views.award_return, name="award_return"),
    path("huy-hieu/<id:pk>/cap-lai/", views.award_reissue, name="award_reissue"),
    path("dang-vien/<id:pk>/", views.member_history, name="member_history"),
]
