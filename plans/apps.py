from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        # assessments knows nothing of plans: a new result reaches its plan through post_save.
        from plans import signals  # noqa: F401
