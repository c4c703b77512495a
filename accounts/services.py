from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone


@transaction.atomic
def account_delete(*, user) -> None:
    """Deletes the user and everything that is theirs: assessments with their answers and
    results, shares, read-only links, notes about them, login records under their name, and
    the sessions still signed in as them on other devices."""
    username = user.get_username()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
    # Through the session engine, so that a cached copy (`cached_db`) goes with the row.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in _session_keys_of(user):
        store(session_key).delete()
    user.delete()


def _session_keys_of(user) -> list[str]:
    """Sessions are stored encoded, so finding a user's means decoding every live one: slow
    with very many sessions, but deleting an account is rare and must leave nothing signed in."""
    user_id = str(user.pk)
    live = Session.objects.filter(expire_date__gt=timezone.now()).only(
        "session_key", "session_data"
    )
    return [
        session.session_key
        for session in live.iterator(chunk_size=500)
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]


def account_unlock(*, user) -> None:
    """Ends every lockout of the account, from every address."""
    axes_reset(username=user.get_username())
