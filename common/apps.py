from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """An app only so that its template filters (`{% load people %}`) are found; no models."""

    name = "common"
    verbose_name = _("Common")
