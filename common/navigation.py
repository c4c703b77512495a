"""Who the visitor is, as far as the site's navigation cares: anonymous, signed in, or signed
in and in groups that add links (counselors get "Clients").

Every page asks, so the answer must cost nothing for anonymous visitors and no query for a
signed-in one where that can be made safe. A user's group names are kept in the default cache
when that cache is shared by every server (`settings.CACHE_IS_SHARED`, Redis in production):
the membership signals below delete the entry when an admin changes it, so the change shows
on the next request, whichever server serves it. A cache of one process could not be told by
another process's signal, so without a shared cache the names are read from the database once
per request (and kept on the user object for the rest of it).
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

ANONYMOUS = "anonymous"
SIGNED_IN = "signed-in"


def _group_names_key(user_id: object) -> str:
    return f"user-groups:{user_id}"


def group_names(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """The names of the groups the user is in; none for an anonymous visitor."""
    if not user.is_authenticated:
        return frozenset()
    kept: frozenset[str] | None = getattr(user, "_group_names", None)
    if kept is not None:
        return kept
    key = _group_names_key(user.pk)
    names: frozenset[str] | None = cache.get(key) if settings.CACHE_IS_SHARED else None
    if names is None:
        names = frozenset(Group.objects.filter(user=user.pk).values_list("name", flat=True))
        if settings.CACHE_IS_SHARED:
            cache.set(key, names)
    user._group_names = names  # type: ignore[attr-defined]
    return names


def group_names_keys(user: AbstractBaseUser | AnonymousUser) -> list[str]:
    """The shared cache's key of the user's group names while this request has not read them
    yet, for a caller that reads its own keys from the shared cache anyway: it reads these
    with them in one round trip and hands what it found to `group_names_found`. Empty when
    there is nothing to read (anonymous, already read, no shared cache)."""
    if not user.is_authenticated or getattr(user, "_group_names", None) is not None:
        return []
    return group_names_keys_of(user.pk)


def group_names_keys_of(user_id: int | None) -> list[str]:
    """`group_names_keys` for a caller that builds its keys from the visitor's id before
    the user is read (`common.sessions.get_many_with_session`); None for anonymous."""
    if not settings.CACHE_IS_SHARED or user_id is None:
        return []
    return [_group_names_key(user_id)]


def group_names_found(user: AbstractBaseUser | AnonymousUser, found: dict[str, object]) -> None:
    """Keeps on the user, for the rest of the request, the group names a caller read with
    `group_names_keys` (`found`: what the shared cache gave back); a miss is read as before
    when the names are first asked for."""
    for key in group_names_keys(user):
        names = found.get(key)
        if isinstance(names, frozenset):
            user._group_names = names  # type: ignore[union-attr]


def navigation_state(request: HttpRequest) -> str:
    """What decides the header's links: "anonymous", "signed-in", or "signed-in" followed by
    the user's groups ("signed-in:Counselors"). Pages cached per navigation state
    (`common.page_cache`) keep one copy for each."""
    # An error page for a request refused before the authentication middleware ran (a 400
    # for an oversized body) has no user: it gets the anonymous links.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    return ":".join([SIGNED_IN, *sorted(group_names(user))])


def forget_group_names(user_ids: Iterable[object]) -> None:
    """Drop the cached group names of these users: now, and again when the transaction that
    changed them commits, so a request that read the old membership in between cannot keep
    it in the cache."""
    keys = [_group_names_key(user_id) for user_id in user_ids]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_on_membership_change(
    sender: type, instance: object, action: str, reverse: bool, pk_set: set | None, **kwargs
) -> None:
    """`m2m_changed` receiver for users' groups, from either side: `user.groups.add(group)`
    names the user, `group.user_set.add(user)` names the users (and a clear names none, so
    they are read before it)."""
    if not reverse:
        if action in {"post_add", "post_remove", "post_clear"}:
            forget_group_names([instance.pk])  # type: ignore[attr-defined]
    elif action in {"post_add", "post_remove"}:
        forget_group_names(pk_set or ())
    elif action == "pre_clear":
        forget_group_names(instance.user_set.values_list("pk", flat=True))  # type: ignore[attr-defined]


def forget_group_members(sender: type, instance: Group, **kwargs) -> None:
    """`post_save` and `pre_delete` receiver for groups: a renamed or deleted group changes
    its members' names."""
    forget_group_names(instance.user_set.values_list("pk", flat=True))
