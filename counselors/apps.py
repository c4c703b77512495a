from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounselorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "counselors"
    verbose_name = _("Counselors and sharing")

    def ready(self) -> None:
        # What moves a counselor's dashboard version comes from the apps below this one.
        from assessments.owner_parts import owner_part
        from counselors import signals  # noqa: F401
        from counselors.sharing_panel import SHARES, shared_with_list

        # The result page (assessments) draws whom it is shared with for each request.
        owner_part(SHARES, shared_with_list)
