"""The root URL configuration of the portal-only deployment: the public site, nothing else."""

from django.urls import include, path

urlpatterns = [
    path("ma-kiem-tra/", include("dangbo.portal_public.captcha_urls")),
    path("", include("dangbo.portal_public.urls")),
]

# Vietnamese error pages in the portal's layout (docs/SECURITY.md, "Production defaults").
handler400 = "dangbo.config.errors.bad_request"
handler403 = "dangbo.config.errors.permission_denied"
handler404 = "dangbo.config.errors.page_not_found"
handler500 = "dangbo.config.errors.server_error"
