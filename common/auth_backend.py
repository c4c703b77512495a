"""The signed-in user read from the shared cache instead of the database, on every request.

Django's `ModelBackend.get_user` reads the user's row on each request of a signed-in visitor:
on PostgreSQL the query's building, round trip and row make up most of what a signed-in page
pays before its own work (docs/PERFORMANCE.md, "The signed-in floor"). With a cache that every
server shares (`settings.CACHE_IS_SHARED`, Redis in production) the row is kept there instead,
and deleted on every save and delete of the user — a password change, a deactivation, a login
(`last_login`), an admin's edit — now and again when the transaction commits, so the next
request, on whichever server, reads the row afresh and Django's checks (`is_active`, the
session's password hash) see the change at once. Without a shared cache a process could not
hear another's save, so the row is read from the database as before.

What is kept is the row without the password hash: only the session hash derived from it
(an HMAC under the secret key, the value every signed-in session already holds), so the cache
gives an attacker who reads it no hash to crack. The user comes back with `password` deferred:
code that needs it (a password check) reads it from the database, and once the password is
set on the object the session hash is derived from it again.

A write that bypasses `save()` (`QuerySet.update` on users) must call `forget_user`; the
project has none. Entries also expire after `USER_TIMEOUT`, which bounds what a write racing
a cache fill could leave behind.
"""

import functools
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction
from django.utils.crypto import salted_hmac

USER_TIMEOUT = 10 * 60
# Never kept: the password hash (see the module's docstring).
NOT_KEPT = frozenset({"password"})


@functools.cache
def _secret_key_id(secret_key: str) -> str:
    """Names the secret key in the cache key without revealing it: a session hash made under
    one key is never served to a server that checks sessions under another (a key rotated
    while servers still run the old one)."""
    return salted_hmac("common.auth_backend", "key-id", secret=secret_key).hexdigest()[:12]


def _user_key(user_id: object) -> str:
    return f"user:{user_id}:{_secret_key_id(settings.SECRET_KEY)}"


def forget_user(user_id: object) -> None:
    """Drop the kept row of this user: now, and again when the transaction that changed it
    commits, so a request that read the old row in between cannot keep it in the cache."""
    key = _user_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def forget_saved_user(sender: type, instance: Any, **kwargs: Any) -> None:
    """`post_save` and `post_delete` receiver for the user model."""
    forget_user(instance.pk)


class CachedUserBackend(ModelBackend):
    """`ModelBackend`, whose `get_user` reads the row from the shared cache when there is
    one. Authentication (the password check at login) is ModelBackend's, unchanged."""

    def get_user(self, user_id: Any) -> Any:
        if not settings.CACHE_IS_SHARED:
            return super().get_user(user_id)
        model = get_user_model()
        key = _user_key(model._meta.pk.to_python(user_id))
        kept: tuple[dict[str, Any], str] | None = cache.get(key)
        if kept is None:
            try:
                user = model._default_manager.get(pk=user_id)
            except model.DoesNotExist:
                return None
            values = {
                field.attname: getattr(user, field.attname)
                for field in model._meta.concrete_fields
                if field.attname not in NOT_KEPT
            }
            cache.set(key, (values, user.get_session_auth_hash()), USER_TIMEOUT)
        else:
            values, session_hash = kept
            user = model.from_db("default", list(values), list(values.values()))
            # Django checks the session with this method: the kept hash stands for the password.
            user.get_session_auth_hash = functools.partial(  # type: ignore[method-assign]
                _session_auth_hash, user, session_hash
            )
        return user if self.user_can_authenticate(user) else None


def _session_auth_hash(user: Any, kept_hash: str) -> str:
    """The kept session hash while the password is not loaded; once it is (read, or set by a
    password change on this very object), the hash is derived from it as Django does."""
    if "password" in user.__dict__:
        return type(user).get_session_auth_hash(user)
    return kept_hash
