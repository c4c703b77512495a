from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careers"
    verbose_name = _("Career catalog")

    def ready(self) -> None:
        from careers.models import CatalogRevision
        from careers.revision import bump_on_change

        for model in self.get_models():
            if model is not CatalogRevision:
                post_save.connect(bump_on_change, sender=model, dispatch_uid=f"revision-{model}")
                post_delete.connect(
                    bump_on_change, sender=model, dispatch_uid=f"revision-d-{model}"
                )
