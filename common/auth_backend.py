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

The entry holds the user's group names too (`common.navigation` asks for them on every page,
to draw the header's links, and `counselors.access.is_counselor` to let a counselor in): a
change of membership, or a group renamed or deleted, forgets its members' entries
(`forget_users`), so the next request reads them again. One entry rather than two saves every
signed-in page a key of its one read.

What is kept is the row without the password hash: only the session hash derived from it
(an HMAC under the secret key, the value every signed-in session already holds), so the cache
gives an attacker who reads it no hash to crack. The user comes back with `password` deferred:
code that needs it (a password check) reads it from the database, and once the password is
set on the object the session hash is derived from it again.

A write that bypasses `save()` (`QuerySet.update` on users) must call `forget_user`; the
project has none. Entries also expire after `USER_TIMEOUT`, which bounds what a write racing
a cache fill could leave behind.

With common/sessions.py the entry is read in the same round trip as the session that names
the user; `AuthenticationMiddleware` below lets the backend see that request's session.
"""

import functools
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.functional import SimpleLazyObject

USER_TIMEOUT = 10 * 60
# Never kept: the password hash (see the module's docstring).
NOT_KEPT = frozenset({"password"})


@functools.cache
def _secret_key_id(secret_key: str) -> str:
    """Names the secret key in the cache key without revealing it: a session hash made under
    one key is never served to a server that checks sessions under another (a key rotated
    while servers still run the old one)."""
    return salted_hmac("common.auth_backend", "key-id", secret=secret_key).hexdigest()[:12]


def user_cache_key(user_id: object) -> str:
    # "user-entry": entries of the form before the group names were kept in them ("user")
    # are never read as this form.
    return f"user-entry:{user_id}:{_secret_key_id(settings.SECRET_KEY)}"


def read_group_names(user_id: Any) -> frozenset[str]:
    """The names of the groups the user is in, from the database."""
    return frozenset(Group.objects.filter(user=user_id).values_list("name", flat=True))


# How many rows this process has forgotten: an entry read with a session before a save in this
# process (the request that read it saving the user) is not used after the save.
_forgotten = 0
# The session of the request whose user is being read (see AuthenticationMiddleware).
_request_session: ContextVar[Any] = ContextVar("request_session", default=None)
NOT_READ = object()


def forget_user(user_id: object) -> None:
    """Drop the kept row of this user: now, and again when the transaction that changed it
    commits, so a request that read the old row in between cannot keep it in the cache."""
    forget_users([user_id])


def forget_users(user_ids: Iterable[object]) -> None:
    """`forget_user` for each of these users (a group's members), in one call to the cache."""
    global _forgotten
    keys = [user_cache_key(user_id) for user_id in user_ids]
    if not keys:
        return
    _forgotten += 1
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


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
        user_id = model._meta.pk.to_python(user_id)
        key = user_cache_key(user_id)
        kept: Any = _read_with_session(user_id)
        if kept is NOT_READ:
            kept = cache.get(key)
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
            group_names = read_group_names(user_id)
            cache.set(key, (values, user.get_session_auth_hash(), group_names), USER_TIMEOUT)
        else:
            values, session_hash, group_names = kept
            user = model.from_db("default", list(values), list(values.values()))
            # Django checks the session with this method: the kept hash stands for the password.
            user.get_session_auth_hash = functools.partial(  # type: ignore[method-assign]
                _session_auth_hash, user, session_hash
            )
        user._group_names = group_names  # type: ignore[attr-defined]  # for common.navigation
        return user if self.user_can_authenticate(user) else None


def _session_auth_hash(user: Any, kept_hash: str) -> str:
    """The kept session hash while the password is not loaded; once it is (read, or set by a
    password change on this very object), the hash is derived from it as Django does."""
    if "password" in user.__dict__:
        return type(user).get_session_auth_hash(user)
    return kept_hash


def read_with_session(session: Any, user_id: int, entry: Any) -> None:
    """Called by a session store that read the entry of the user its key names together with
    the session (common/sessions.py)."""
    session.user_entry = (user_id, entry, _forgotten)


def _read_with_session(user_id: Any) -> Any:
    """The entry read with this request's session, if it is this user's and no save in this
    process came after it; else NOT_READ."""
    read = getattr(_request_session.get(), "user_entry", None)
    if read is None or read[0] != user_id or read[2] != _forgotten:
        return NOT_READ
    return read[1]


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, but while `request.user` is read the backend can see the request's session
    (a context variable, set for that call only), to take the user's entry read with it.

    And once read, `request.user` is the user itself rather than the lazy object: each
    attribute read through `SimpleLazyObject` is a Python call or two (its
    `__getattribute__`, then `__getattr__`), and a kept page reads the user's id and
    whether they are signed in a dozen times (the access check, the keys, the navigation).
    Code that took the lazy object before it was read keeps it and goes on working through
    it; a user put in its place meanwhile (`login`) is left where it is."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)

        def read() -> Any:
            user = _get_user(request)
            if request.__dict__.get("user") is lazy:
                request.user = user
            return user

        lazy = SimpleLazyObject(read)
        request.user = lazy  # type: ignore[assignment]


def _get_user(request: HttpRequest) -> Any:
    # As Django's middleware: read once per request.
    if not hasattr(request, "_cached_user"):
        token = _request_session.set(request.session)
        try:
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
        finally:
            _request_session.reset(token)
    return request._cached_user  # type: ignore[attr-defined]
