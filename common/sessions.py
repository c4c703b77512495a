"""Sessions in the shared cache with the database behind (Django's `cached_db`), whose key
names the signed-in user, so that a signed-in request reads its session and its user in one
cache round trip.

A signed-in request reads the session (its key comes in the cookie), then the user the
session names (common/auth_backend.py keeps the row in the shared cache): two round trips to
Redis, one after the other, since the user's key is known only once the session is read. Here
a signed-in session's key ends with its user's id (`<32 random characters>-<id in base 36>`),
so both entries are read together (`get_many`, one `MGET`) and the user's entry is handed to
the auth backend with the session.

The id in the key is a hint and nothing more: the session's own data still says who is
signed in, and the entry fetched beside it is used only when the two agree, so a key naming
someone else (made up, or left from before a change of user) reads that entry in vain and the
request goes on as before. The entry is the one the auth backend keeps and deletes on every
save and delete of the user (exact on every server); nothing else is cached. A key is made to
name its user when someone signs in (a receiver of `user_logged_in` cycles it) and whenever
the key changes while someone is signed in (a password change keeps the session), and names
no one after a logout (the session is flushed). A session whose key names no one (an
anonymous visitor, or one signed in before this change) reads as `cached_db` does.

A page that reads the shared cache under keys of its own that name the visitor (its kept copy
for this visitor, the visitor's sharing version, their group names) reads them in that same
round trip (`get_many_with_session`): built for the user the key names before anything is
read, and used only once the session has said that this is who is signed in.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.core.cache import DEFAULT_CACHE_ALIAS, cache
from django.http import HttpRequest
from django.utils.crypto import get_random_string
from django.utils.http import base36_to_int, int_to_base36

from common import auth_backend

SEPARATOR = "-"
RANDOM_LENGTH = 32  # as Django's own keys
MAX_KEY_LENGTH = 40  # django_session.session_key


def named_user_id(session_key: str | None) -> int | None:
    """The user id a session key ends with, if any."""
    if not session_key:
        return None
    _random, separator, named = session_key.rpartition(SEPARATOR)
    if not separator:
        return None
    try:
        return base36_to_int(named)
    except ValueError:
        return None


class SessionStore(cached_db.SessionStore):
    def _get_new_session_key(self) -> str:
        suffix = ""
        user_id = getattr(self, "_session_cache", {}).get(SESSION_KEY)
        if isinstance(user_id, str) and user_id.isdigit():
            suffix = SEPARATOR + int_to_base36(int(user_id))
        if RANDOM_LENGTH + len(suffix) > MAX_KEY_LENGTH:
            suffix = ""
        while True:
            session_key = get_random_string(RANDOM_LENGTH, VALID_KEY_CHARS) + suffix
            if not self.exists(session_key):
                return session_key

    # Keys a caller asked to be read with the session (`get_many_with_session`), and what the
    # cache held under them once read.
    read_along: Sequence[str] = ()
    found_along: dict[str, Any] | None = None

    def user_id_to_read_with(self) -> int | None:
        """The user this session's key names, while the session is not read yet and would be
        read with the user's entry; else None."""
        if hasattr(self, "_session_cache"):
            return None
        user_id = named_user_id(self.session_key)
        if (
            user_id is None
            or not settings.CACHE_IS_SHARED
            or settings.SESSION_CACHE_ALIAS != DEFAULT_CACHE_ALIAS
        ):
            return None
        return user_id

    def load(self) -> dict[str, Any]:
        user_id = self.user_id_to_read_with()
        if user_id is None:
            return super().load()
        user_key = auth_backend.user_cache_key(user_id)
        along, self.read_along = self.read_along, ()
        # cached_db's attributes, which its type stubs do not declare.
        store: Any = self
        try:
            found = store._cache.get_many([self.cache_key, user_key, *along])
        except Exception:
            # As cached_db: a key the cache refuses reads as no session.
            found = {}
        if along:
            self.found_along = {key: found[key] for key in along if key in found}
        auth_backend.read_with_session(self, user_id, found.get(user_key))
        data: dict[str, Any] | None = found.get(self.cache_key)
        if data is None:
            # cached_db's own read from the database, and its copy to the cache.
            row = store._get_session_from_db()
            if row is None:
                return {}
            data = self.decode(row.session_data)
            store._cache.set(self.cache_key, data, self.get_expiry_age(expiry=row.expire_date))
        return data


def get_many_with_session(
    request: HttpRequest, keys_of: Callable[[int | None], Sequence[str]]
) -> dict[str, Any]:
    """`cache.get_many(keys_of(id))` for the signed-in visitor's id (None for an anonymous
    one), with `request.user` read: in one round trip with the session and the user when
    neither is read yet and the session's key names a user (the keys are built for that user
    and what they hold is used once the session says it is them; else they are read again,
    for whoever it is)."""
    session = getattr(request, "session", None)
    named = session.user_id_to_read_with() if isinstance(session, SessionStore) else None
    if session is not None and named is not None:
        session.read_along = keys_of(named)
        user = request.user
        signed_in = user.is_authenticated  # reads the session, and the keys with it
        found, session.found_along, session.read_along = session.found_along, None, ()
        if found is not None and signed_in and user.pk == named:
            return found
    user = request.user
    return cache.get_many(keys_of(user.pk if user.is_authenticated else None))


def name_the_user_in_the_key(sender: type, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """`user_logged_in` receiver: Django's login cycles the session's key before the session
    names its user; cycled again now, the key names them."""
    session = getattr(request, "session", None)
    if isinstance(session, SessionStore) and named_user_id(session.session_key) != user.pk:
        session.cycle_key()
