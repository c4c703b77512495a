from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from assessments import signals  # noqa: F401 — connects the claim offer on login
