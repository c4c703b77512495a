from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from assessments import signals  # noqa: F401 — connects the claim offer on login
        from assessments.access import claim_offer
        from common.page_cache import render_fresh_when

        # The base template offers a signed-in visitor this browser's attempts: a page that
        # shows the offer is this request's alone, never a cached one.
        render_fresh_when(
            lambda request: request.user.is_authenticated and bool(claim_offer(request))
        )
