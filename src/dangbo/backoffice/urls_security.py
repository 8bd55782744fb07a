"""The user's account: security settings, second factor, password, API tokens."""

from django.urls import path

from dangbo.backoffice.views import security, tokens

urlpatterns = [
    path("tai-khoan/bao-mat/", security.account_security, name="account_security"),
    path("tai-khoan/bao-mat/xac-thuc/", security.two_factor_verify, name="two_factor_verify"),
    path("tai-khoan/bao-mat/dang-ky/", security.two_factor_enrol, name="two_factor_enrol"),
    path("tai-khoan/bao-mat/ma-khoi-phuc/", security.recovery_codes, name="recovery_codes"),
    path("tai-khoan/bao-mat/tat/", security.two_factor_disable, name="two_factor_disable"),
    path("tai-khoan/mat-khau/", security.password_change, name="password_change"),
    path("tai-khoan/ma-api/", tokens.token_list, name="token_list"),
    path("tai-khoan/ma-api/<id:pk>/thu-hoi/", tokens.token_revoke, name="token_revoke"),
]
