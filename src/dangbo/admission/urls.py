from django.urls import path

from dangbo.admission import views, views_conclusions

app_name = "admission"

urlpatterns = [
    path("", views.home, name="home"),
    path("den-han/", views.due_list, name="due"),
    path("to-chuc/<id:org_pk>/", views.org_pipeline, name="pipeline"),
    path("doi-tuong/them/", views.case_create, name="case_create"),
    path("doi-tuong/<id:pk>/", views.case_detail, name="case_detail"),
    path("doi-tuong/<id:pk>/buoc/<str:stage>/", views.case_step, name="case_step"),
    path("doi-tuong/<id:pk>/tep/<id:step_pk>/", views.step_document, name="step_document"),
    path("doi-tuong/<id:pk>/xoa-buoc/", views.case_undo, name="case_undo"),
    path("doi-tuong/<id:pk>/nguoi-gioi-thieu/", views.case_introducer, name="case_introducer"),
    path("ket-luan/", views_conclusions.conclusion_list, name="conclusions"),
    path("ket-luan/them/", views_conclusions.conclusion_form, name="conclusion_create"),
    path("ket-luan/<id:pk>/", views_conclusions.conclusion_form, name="conclusion_edit"),
    path("chi-tieu/", views_conclusions.target_list, name="targets"),
]
