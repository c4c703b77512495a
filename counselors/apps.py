from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounselorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "counselors"
    verbose_name = _("Counselors and sharing")

    def ready(self) -> None:
        # What moves a counselor's dashboard version comes from the apps below this one.
        from counselors import signals  # noqa: F401
