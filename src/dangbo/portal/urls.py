"""Cổng thông tin: the editors' back office."""

from django.urls import path

from dangbo.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("tin-bai/", views.article_list, name="article_list"),
    path("tin-bai/them/", views.article_create, name="article_create"),
    path("tin-bai/<id:pk>/", views.article_detail, name="article_detail"),
    path("tin-bai/<id:pk>/sua/", views.article_edit, name="article_edit"),
    path("tin-bai/<id:pk>/gui-duyet/", views.article_submit, name="article_submit"),
    path("tin-bai/<id:pk>/dang/", views.article_publish, name="article_publish"),
    path("tin-bai/<id:pk>/tra-lai/", views.article_return, name="article_return"),
    path("tin-bai/<id:pk>/go/", views.article_withdraw, name="article_withdraw"),
    path("tin-bai/<id:pk>/dinh-kem/", views.article_attach, name="article_attach"),
    path("phien-ban/<id:pk>/khoi-phuc/", views.revision_restore, name="revision_restore"),
    path("chuyen-muc/", views.categories, name="categories"),
    path("thu-vien-anh/", views.gallery_list, name="gallery_list"),
    path("thu-vien-anh/them/", views.gallery_create, name="gallery_create"),
    path("thu-vien-anh/<id:pk>/", views.gallery_detail, name="gallery_detail"),
    path("thu-vien-anh/<id:pk>/dang/", views.gallery_publish, name="gallery_publish"),
    path("thu-vien-anh/<id:pk>/go/", views.gallery_unpublish, name="gallery_unpublish"),
    path("video/", views.video_list, name="video_list"),
    path("video/<id:pk>/dang/", views.video_publish, name="video_publish"),
    path("video/<id:pk>/go/", views.video_unpublish, name="video_unpublish"),
    path("lien-ket/", views.link_list, name="link_list"),
    path("van-ban-cong-khai/", views.document_list, name="document_list"),
    path("van-ban-cong-khai/<id:pk>/dang/", views.document_publish, name="document_publish"),
    path("van-ban-cong-khai/<id:pk>/go/", views.document_withdraw, name="document_withdraw"),
    path("gop-y/", views.feedback_list, name="feedback_list"),
    path("gop-y/<id:pk>/duyet/", views.feedback_moderate, name="feedback_moderate"),
    path("thong-ke/", views.stats, name="stats"),
]
