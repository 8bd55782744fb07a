from django.contrib.auth import views as auth_views
from django.urls import include, path

from dangbo.backoffice.views import home

app_name = "backoffice"

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="backoffice/login.html"),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    # Organizations, indicators, audit log (views/orgs.py, views/home.py).
    path("", include("dangbo.backoffice.urls_orgs")),
    # Members, their profile, forms and events (views/members.py).
    path("", include("dangbo.backoffice.urls_members")),
    # Accounts and their dated roles (views/accounts.py).
    path("", include("dangbo.backoffice.urls_accounts")),
    # The user's account: password, second factor, API tokens (views/security.py, tokens.py).
    path("", include("dangbo.backoffice.urls_security")),
]
