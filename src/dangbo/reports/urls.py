"""Báo cáo định kỳ."""

from django.urls import path

from dangbo.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("lap/", views.report_create, name="create"),
    path("tien-do/<int:pk>/", views.job_detail, name="job"),
    path("bao-cao/<int:pk>/", views.report_detail, name="detail"),
    path("bao-cao/<int:pk>/in/", views.report_print, name="print"),
    path("bao-cao/<int:pk>/tai/<str:fmt>/", views.report_download, name="download"),
    path("bao-cao/<int:pk>/doan/<str:para>/", views.paragraph_edit, name="paragraph"),
    path("bao-cao/<int:pk>/thong-tin/", views.report_meta, name="meta"),
    path("bao-cao/<int:pk>/cap-nhat/", views.report_regenerate, name="regenerate"),
    path("bao-cao/<int:pk>/chot/", views.report_freeze, name="freeze"),
    path("bao-cao/<int:pk>/phien-ban-moi/", views.report_new_version, name="new_version"),
    path("bao-cao/<int:pk>/vao-so/", views.report_file, name="file"),
    path("bao-cao/<int:pk>/nop/", views.report_submit, name="submit"),
    path("bao-cao/<int:pk>/thanh-tin-bai/", views.report_to_article, name="to_article"),
    path("yeu-cau/", views.calls_received, name="calls"),
    path("yeu-cau/<int:report_call>/tong-hop/", views.call_rollup, name="call_rollup"),
    path("yeu-cau/<int:report_call>/<int:org_id>/", views.call_fill, name="call_fill"),
    path("da-nop/<int:pk>/", views.submission_detail, name="submission"),
]
