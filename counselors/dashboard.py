"""What a counselor's dashboard is cached under: their `dashboard_version`, which every change
of what it shows moves (`counselors.signals`), and the catalog revision (role titles).

Both are read from the database in one query, which keeps every process and server right
without a shared cache. When every server shares the cache (`settings.CACHE_IS_SHARED`, Redis
in production) the version is kept there, as the catalog revision is, with the database as
the source of truth: a change deletes it in the writer's transaction and sets it anew when
that commits (`dashboards_change`), readers only `add` what they read on a miss. The
dashboard then runs no query beyond the counselor's own user. A version moved outside Django
shows when the kept one expires, after VERSION_CACHE_SECONDS at most.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, QuerySet

from careers.models import CatalogRevision
from careers.revision import REVISION_CACHE_KEY, REVISION_ID, revision_from
from counselors.models import CounselorProfile

VERSION_CACHE_SECONDS = 10 * 60


def version_key(user_id: int | None) -> str:
    return f"dashboard-version:{user_id}"


def dashboard_stamp(user_id: int | None) -> tuple[int, int] | None:
    """(dashboard version, catalog revision) of the counselor's profile, None without one:
    from the shared cache in one round trip, else in one query."""
    return dashboard_read(user_id)[0]


def dashboard_keys(user_id: int | None) -> list[str]:
    """What `dashboard_read` reads of the shared cache besides the caller's keys."""
    return [version_key(user_id), REVISION_CACHE_KEY]


def dashboard_read(
    user_id: int | None,
    *,
    also: Iterable[str] = (),
    read: Callable[[list[str]], dict[str, Any]] | None = None,
) -> tuple[tuple[int, int] | None, dict[str, Any]]:
    """`dashboard_stamp`, with what the shared cache holds under the caller's keys `also`,
    read in the same round trip (by `read`, e.g. with the visitor's session:
    `common.sessions.get_many`); nothing without a shared cache."""
    if not settings.CACHE_IS_SHARED:
        return _stored_stamp(user_id), {}
    found = (read or cache.get_many)([*dashboard_keys(user_id), *also])
    return stamp_from(user_id, found), found


def stamp_from(user_id: int | None, found: dict[str, Any]) -> tuple[int, int] | None:
    """`dashboard_stamp` for a caller that read `version_key(user_id)` and the revision from
    the shared cache with its own keys (`found`)."""
    key = version_key(user_id)
    version = found.get(key)
    if version is None:
        stamp = _stored_stamp(user_id)
        if stamp is None:
            return None
        version = stamp[0]
        cache.add(key, version, VERSION_CACHE_SECONDS)
    return version, revision_from(found)


def _stored_stamp(user_id: int | None) -> tuple[int, int] | None:
    """In plain SQL, one query for both: read on every view of the dashboard, where the ORM
    takes longer to build a query than the database takes to answer it."""
    profile, revision = (
        connection.ops.quote_name(model._meta.db_table)
        for model in (CounselorProfile, CatalogRevision)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.dashboard_version, (SELECT r.number FROM {revision} r WHERE r.id = %s)"
            f" FROM {profile} p WHERE p.user_id = %s",
            [REVISION_ID, user_id],
        )
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1] or 0)


def dashboards_change(counselor_ids: Iterable[int] | QuerySet[Any]) -> None:
    """Moves these counselors' dashboard versions, in the writer's transaction."""
    if not settings.CACHE_IS_SHARED:
        CounselorProfile.objects.filter(user_id__in=counselor_ids).update(
            dashboard_version=F("dashboard_version") + 1
        )
        return
    # With the versions in the shared cache, which are moved must be known by id.
    ids = sorted(set(counselor_ids))
    if not ids:
        return
    CounselorProfile.objects.filter(user_id__in=ids).update(
        dashboard_version=F("dashboard_version") + 1
    )
    cache.delete_many([version_key(user_id) for user_id in ids])
    transaction.on_commit(lambda: _share_versions(ids))


def _share_versions(ids: list[int]) -> None:
    versions = CounselorProfile.objects.filter(user_id__in=ids).values_list(
        "user_id", "dashboard_version"
    )
    cache.set_many(
        {version_key(user_id): version for user_id, version in versions}, VERSION_CACHE_SECONDS
    )
