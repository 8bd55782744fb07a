"""Báo cáo định kỳ."""

from django.urls import path

from dangbo.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("lap/", views.report_create, name="create"),
    path("tien-do/<id:pk>/", views.job_detail, name="job"),
    path("bao-cao/<id:pk>/", views.report_detail, name="detail"),
    path("bao-cao/<id:pk>/in/", views.report_print, name="print"),
    path("bao-cao/<id:pk>/tai/<str:fmt>/", views.report_download, name="download"),
    path("bao-cao/<id:pk>/doan/<str:para>/", views.paragraph_edit, name="paragraph"),
    path("bao-cao/<id:pk>/thong-tin/", views.report_meta, name="meta"),
    path("bao-cao/<id:pk>/cap-nhat/", views.report_regenerate, name="regenerate"),
    path("bao-cao/<id:pk>/chot/", views.report_freeze, name="freeze"),
    path("bao-cao/<id:pk>/phien-ban-moi/", views.report_new_version, name="new_version"),
    path("bao-cao/<id:pk>/vao-so/", views.report_file, name="file"),
    path("bao-cao/<id:pk>/nop/", views.report_submit, name="submit"),
    path("bao-cao/<id:pk>/thanh-tin-bai/", views.report_to_article, name="to_article"),
    path("yeu-cau/", views.calls_received, name="calls"),
    path("yeu-cau/<id:report_call>/tong-hop/", views.call_rollup, name="call_rollup"),
    path("yeu-cau/<id:report_call>/<id:org_id>/", views.call_fill, name="call_fill"),
    path("da-nop/<id:pk>/", views.submission_detail, name="submission"),
]
