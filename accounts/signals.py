from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="accounts.signed_in_session_age")
def lengthen_the_session(sender, request, user, **kwargs) -> None:
    """Anonymous sessions are short (SESSION_COOKIE_AGE) so that the next person at a shared
    computer finds little of the last one's; a signed-in session lasts longer, until the
    person logs out."""
    if request is not None:
        request.session.set_expiry(settings.SIGNED_IN_SESSION_AGE)
