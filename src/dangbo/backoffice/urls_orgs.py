"""Organizations, their committees, indicators and the audit log."""

from django.urls import path

from dangbo.backoffice.views import (
    orgs,
    orgs_audit,
    orgs_forms,
    orgs_indicators,
    orgs_picker,
    orgs_split,
)

urlpatterns = [
    path("to-chuc/", orgs.org_tree, name="org_tree"),
    path("to-chuc/chon/", orgs_picker.org_picker, name="org_picker"),
    path("to-chuc/<id:pk>/", orgs.org_detail, name="org_detail"),
    path("to-chuc/<id:pk>/con/", orgs.org_children, name="org_children"),
    path("to-chuc/<id:pk>/thanh-lap/", orgs_forms.org_create_child, name="org_create_child"),
    path("to-chuc/<id:pk>/doi-ten/", orgs_forms.org_rename, name="org_rename"),
    path("to-chuc/<id:pk>/chuyen/", orgs_forms.org_move, name="org_move"),
    path("to-chuc/<id:pk>/giai-the/", orgs_forms.org_dissolve, name="org_dissolve"),
    path("to-chuc/<id:pk>/hop-nhat/", orgs_forms.org_merge, name="org_merge"),
    path("to-chuc/<id:pk>/chia-tach/", orgs_split.org_split, name="org_split"),
    path("to-chuc/<id:pk>/nhiem-ky/them/", orgs_forms.term_create, name="term_create"),
    path("nhiem-ky/<id:pk>/cap-uy/them/", orgs_forms.seat_create, name="seat_create"),
    path("cap-uy/<id:pk>/ket-thuc/", orgs_forms.seat_end, name="seat_end"),
    path("chi-tieu/", orgs_indicators.indicator_list, name="indicator_list"),
    path("chi-tieu/<str:key>/", orgs_indicators.indicator_records, name="indicator_records"),
    path("nhat-ky/", orgs_audit.audit_log, name="audit_log"),
]
