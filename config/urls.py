from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config.health import healthz, ping

admin.site.site_header = _("Skills-gap catalog administration")
admin.site.site_title = _("Skills-gap admin")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("ping", ping, name="ping"),
    path("admin/", admin.site.urls),
    path("", include("careers.urls")),
    path("", include("assessments.urls")),
    path("", include("plans.urls")),
    path("account/", include("accounts.urls")),
    path("", include("counselors.urls")),
]
