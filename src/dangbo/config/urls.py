from django.contrib import admin
from django.urls import include, path

from dangbo.api.urls import api

urlpatterns = [
    path("quan-ly/", include("dangbo.backoffice.urls")),
    path("quan-ly/excel/", include("dangbo.imports.urls")),
    path("quan-ly/ket-nap/", include("dangbo.admission.urls")),
    path("quan-ly/xep-loai/", include("dangbo.rating.urls")),
    path("quan-ly/huy-hieu/", include("dangbo.badges.urls")),
    path("quan-ly/dang-phi/", include("dangbo.dues.urls")),
    path("quan-ly/kiem-tra/", include("dangbo.inspection.urls")),
    path("quan-ly/ky-luat/", include("dangbo.discipline.urls")),
    path("quan-ly/sinh-hoat/", include("dangbo.activities.urls")),
    path("quan-ly/hoc-tap/", include("dangbo.studies.urls")),
    path("quan-ly/thi-dua/", include("dangbo.emulation.urls")),
    path("quan-ly/doan-the/", include("dangbo.massorgs.urls")),
    path("quan-ly/van-ban/", include("dangbo.programmes.urls")),
    path("quan-ly/bao-cao-cap-duoi/", include("dangbo.submissions.urls")),
    path("quan-ly/bao-cao/", include("dangbo.reports.urls")),
    path("quan-ly/dieu-hanh/", include("dangbo.dashboard.urls")),
    path("quan-ly/bieu-thong-ke/", include("dangbo.statforms.urls")),
    path("quan-ly/cong-thong-tin/", include("dangbo.portal.urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
    # The public portal at the site root (its own database; see dangbo.portal_public).
    path("ma-kiem-tra/", include("dangbo.portal_public.captcha_urls")),
    path("", include("dangbo.portal_public.urls")),
]

# Vietnamese error pages in the site's layout (docs/SECURITY.md, "Production defaults").
handler400 = "dangbo.config.errors.bad_request"
handler403 = "dangbo.config.errors.permission_denied"
handler404 = "dangbo.config.errors.page_not_found"
handler500 = "dangbo.config.errors.server_error"
