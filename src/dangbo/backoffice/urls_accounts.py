"""Accounts and their dated roles (views/accounts.py), for holders of MANAGE_ROLES."""

from django.urls import path

from dangbo.backoffice.views import accounts

urlpatterns = [
    path("tai-khoan/", accounts.account_list, name="account_list"),
    path("tai-khoan/xuat/", accounts.account_export, name="account_export"),
    path("tai-khoan/them/", accounts.account_create, name="account_create"),
    path("tai-khoan/nguoi-dung/<id:pk>/", accounts.account_detail, name="account_detail"),
    path("tai-khoan/nguoi-dung/<id:pk>/cap-quyen/", accounts.role_grant, name="role_grant"),
    path("tai-khoan/phan-quyen/<id:pk>/ket-thuc/", accounts.role_end, name="role_end"),
    path("tai-khoan/to-chuc/<id:pk>/", accounts.org_roles, name="org_roles"),
]
