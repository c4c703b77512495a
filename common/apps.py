from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """An app so that its template tags are found and its signal receivers connected; no
    models."""

    name = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from common import auth_backend, navigation, sessions

        # A signed-in user's kept row goes on every save and delete (common/auth_backend.py).
        post_save.connect(auth_backend.forget_saved_user, sender=get_user_model())
        post_delete.connect(auth_backend.forget_saved_user, sender=get_user_model())
        # A signed-in session's key names its user (common/sessions.py).
        user_logged_in.connect(sessions.name_the_user_in_the_key)

        # A user's cached group names go when an admin changes them (common/navigation.py).
        m2m_changed.connect(
            navigation.forget_on_membership_change, sender=get_user_model().groups.through
        )
        post_save.connect(navigation.forget_group_members, sender=Group)
        pre_delete.connect(navigation.forget_group_members, sender=Group)
