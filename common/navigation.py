"""Who the visitor is, as far as the site's navigation cares: anonymous, signed in, or signed
in and in groups that add links (counselors get "Clients").

Every page asks, so the answer must cost nothing for anonymous visitors and no query for a
signed-in one where that can be made safe. With a shared cache (`settings.CACHE_IS_SHARED`,
Redis in production) the user's group names come with the user's kept entry
(`common.auth_backend`), and the membership signals below forget the members' entries when
an admin changes them, so the change shows on the next request, whichever server serves it.
A cache of one process could not be told by another process's signal, so without a shared
cache the names are read from the database once per request (and kept on the user object for
the rest of it).
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.http import HttpRequest

from common.auth_backend import forget_users, read_group_names

ANONYMOUS = "anonymous"
SIGNED_IN = "signed-in"


def group_names(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """The names of the groups the user is in; none for an anonymous visitor."""
    if not user.is_authenticated:
        return frozenset()
    kept: frozenset[str] | None = getattr(user, "_group_names", None)
    if kept is None:
        kept = user._group_names = read_group_names(user.pk)  # type: ignore[attr-defined]
    return kept


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


def forget_on_membership_change(
    sender: type, instance: object, action: str, reverse: bool, pk_set: set | None, **kwargs
) -> None:
    """`m2m_changed` receiver for users' groups, from either side: the kept entries of the
    users it names, group names and all, are forgotten (`forget_users`). `user.groups.add(group)`
    names the user, `group.user_set.add(user)` names the users (and a clear names none, so
    they are read before it)."""
    if not reverse:
        if action in {"post_add", "post_remove", "post_clear"}:
            forget_users([instance.pk])  # type: ignore[attr-defined]
    elif action in {"post_add", "post_remove"}:
        forget_users(pk_set or ())
    elif action == "pre_clear":
        forget_users(instance.user_set.values_list("pk", flat=True))  # type: ignore[attr-defined]


def forget_group_members(sender: type, instance: Group, **kwargs) -> None:
    """`post_save` and `pre_delete` receiver for groups: a renamed or deleted group changes
    its members' names."""
    forget_users(instance.user_set.values_list("pk", flat=True))
