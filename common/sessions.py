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
anonymous visitor, or one signed in before this change) reads as `cached_db` does, with the
keys of a page that asks for them with it (`get_many_with_session`).

A page that reads the shared cache under keys of its own that name the visitor (its kept copy
for this visitor, the visitor's sharing version, their group names) reads them in that same
round trip: built for the user the key names before anything is read (`read_with_session`;
`reads_with_session` for a view behind `login_required`, which reads the session first) and
served to the view when it asks for them (`get_many`), which it does for the user the session
turned out to hold; keys built for anyone else are never asked for, and whatever the view
asks for beyond what was read along is read then (`get_many_with_session` does all three).
"""

import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.core.cache import DEFAULT_CACHE_ALIAS, cache
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import get_random_string
from django.utils.http import base36_to_int, int_to_base36

from common import auth_backend

SEPARATOR = "-"
# What `found_along` holds for a key the cache did not hold, and `get_many` for one not read.
MISSING = object()
NOT_READ = object()
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

    # Keys a view asked to be read with the session (`read_with_session`), and, once read,
    # what the cache held under each (`MISSING` where it held nothing), for `get_many`.
    read_along: Sequence[str] = ()
    found_along: dict[str, Any] | None = None

    def reads_along(self) -> bool:
        """Whether keys asked for now would be read with the session: it is not read yet, and
        it lives in the shared cache that holds them."""
        return (
            not hasattr(self, "_session_cache")
            and bool(self.session_key)
            and settings.CACHE_IS_SHARED
            and settings.SESSION_CACHE_ALIAS == DEFAULT_CACHE_ALIAS
        )

    def load(self) -> dict[str, Any]:
        if not self.reads_along():
            return super().load()
        user_id = named_user_id(self.session_key)
        along, self.read_along = self.read_along, ()
        if user_id is None and not along:
            return super().load()
        user_key = auth_backend.user_cache_key(user_id) if user_id is not None else None
        # cached_db's attributes, which its type stubs do not declare.
        store: Any = self
        keys = [self.cache_key, *([user_key] if user_key else []), *along]
        try:
            found = store._cache.get_many(keys)
        except Exception:
            # As cached_db: a key the cache refuses reads as no session.
            found = {}
        if along:
            self.found_along = {key: found.get(key, MISSING) for key in along}
        if user_id is not None:
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


def read_with_session(
    request: HttpRequest, keys_of: Callable[[Any], Sequence[str]], *, anonymous: bool = False
) -> tuple[int | None, Sequence[str]] | None:
    """Asks that `keys_of(id)` be read in the same round trip as the visitor's session and
    user, for the user the session key names, when those are yet to be read
    (`SessionStore.reads_along`): a hint, as the key's id is, which the session's own data
    then confirms or not. `get_many` then serves them. `anonymous`: for a session
    whose key names no one too, with None for the id (such a session is read alone
    otherwise). Returns the id the keys were built for with the keys, or None when nothing
    was asked."""
    session = getattr(request, "session", None)
    if not isinstance(session, SessionStore) or not session.reads_along():
        return None
    named = named_user_id(session.session_key)
    if named is None and not anonymous:
        return None
    keys = session.read_along = keys_of(named)
    return named, keys


def get_many(request: HttpRequest, keys: Sequence[str]) -> dict[str, Any]:
    """`cache.get_many(keys)`: each key read with the session (`read_with_session`) from that
    read, once (asked again, it is read again), the others now. A key names its value
    whoever reads it, so keys built for a user the session turned out not to be are simply
    not asked for."""
    along = getattr(getattr(request, "session", None), "found_along", None)
    if not along:
        return cache.get_many(keys)
    found: dict[str, Any] = {}
    missing = []
    for key in keys:
        value = along.pop(key, NOT_READ)
        if value is NOT_READ:
            missing.append(key)
        elif value is not MISSING:
            found[key] = value
    if missing:
        found.update(cache.get_many(missing))
    return found


def get_many_with_session(
    request: HttpRequest, keys_of: Callable[[int | None], Sequence[str]]
) -> dict[str, Any]:
    """`cache.get_many(keys_of(id))` for the signed-in visitor's id (None for an anonymous
    one), with `request.user` read: in one round trip with the session (and the user its key
    names, if any) when the session is not read yet (the keys built for whom the key names,
    which are what is asked for once the session says it is them)."""
    asked = read_with_session(request, keys_of, anonymous=True)
    user = request.user
    visitor_id = user.pk if user.is_authenticated else None
    if asked is not None and asked[0] == visitor_id:  # already built for this visitor
        return get_many(request, asked[1])
    return get_many(request, keys_of(visitor_id))


def reads_with_session(
    keys_of: Callable[..., Sequence[str]],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator, put outside `login_required` and the like (which read the session
    before the view runs): `keys_of(request, user_id, *view args, **view kwargs)` are the
    keys the view reads (`get_many`) for that user, read with the session and the user of
    the visitor whose session key names them (`read_with_session`)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            read_with_session(request, lambda named: keys_of(request, named, *args, **kwargs))
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def name_the_user_in_the_key(sender: type, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """`user_logged_in` receiver: Django's login cycles the session's key before the session
    names its user; cycled again now, the key names them."""
    session = getattr(request, "session", None)
    if isinstance(session, SessionStore) and named_user_id(session.session_key) != user.pk:
        session.cycle_key()
