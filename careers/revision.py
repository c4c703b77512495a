"""The catalog's revision number: the key that lets everything built from the catalog be cached.

The catalog changes rarely (an admin edit, a fixture load, an O*NET import) and is read on
every page. Anything expensive to build from it — a role page's tables, a role's questionnaire
— is cached under the current revision; a change bumps the revision, so the next request
builds afresh and the old entries simply stop being asked for. Reading the revision costs one
primary-key query, which keeps every app server right without a shared cache.

When every server shares the cache (`settings.CACHE_IS_SHARED`, Redis in production), the
number is kept there too and read from it: a write deletes it at once and sets the new number
when its transaction commits, so the next request anywhere reads the new one. Readers only
`add` what they read from the database, never overwrite: a reader that read the old number
just before the commit cannot put it back over the writer's. A change made outside Django
(SQL by hand) shows when the kept number expires, after REVISION_CACHE_SECONDS at most.

Saves and deletes through the ORM bump it by signal (`careers.apps`); bulk writes, which send
no signals, bump it themselves (`loaddata`, `import_catalog`, `import_onet`).
"""

import time
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F

from careers.models import CatalogRevision, Requirement, Role

REVISION_ID = 1
REVISION_CACHE_KEY = "catalog-revision"
REVISION_CACHE_SECONDS = 60


def current_revision() -> int:
    """Read on every catalog page: from the shared cache when there is one, else from the
    database."""
    if not settings.CACHE_IS_SHARED:
        return _stored_revision()
    number: int | None = cache.get(REVISION_CACHE_KEY)
    if number is None:
        number = _stored_revision()
        cache.add(REVISION_CACHE_KEY, number, REVISION_CACHE_SECONDS)
    return number


def revision_from(found: Mapping[str, Any]) -> int:
    """The revision for a caller that read REVISION_CACHE_KEY from the shared cache along with
    its own keys, in one round trip (`cache.get_many`): as `current_revision` does on a miss."""
    number: int | None = found.get(REVISION_CACHE_KEY)
    if number is None:
        number = _stored_revision()
        cache.add(REVISION_CACHE_KEY, number, REVISION_CACHE_SECONDS)
    return number


def _stored_revision() -> int:
    """In plain SQL: the ORM would take longer to build the query than the database takes to
    answer it."""
    table = connection.ops.quote_name(CatalogRevision._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {table} WHERE id = %s", [REVISION_ID])
        row = cursor.fetchone()
    return row[0] if row else 0


def bump_revision() -> None:
    """Called inside the writer's transaction, so readers see the new number exactly when
    they can see the new catalog."""
    if not CatalogRevision.objects.filter(pk=REVISION_ID).update(number=F("number") + 1):
        # The row is gone (a flushed database): start from a number no cache has seen.
        CatalogRevision.objects.get_or_create(pk=REVISION_ID, defaults={"number": time.time_ns()})
    if settings.CACHE_IS_SHARED:
        cache.delete(REVISION_CACHE_KEY)
        transaction.on_commit(_share_revision)


def _share_revision() -> None:
    cache.set(REVISION_CACHE_KEY, _stored_revision(), REVISION_CACHE_SECONDS)


def bump_on_change(sender, instance=None, raw=False, **kwargs) -> None:
    """Signal receiver for every catalog model. Fixture loads (`raw`) bump once when done."""
    if not raw:
        bump_revision()


@lru_cache(maxsize=64)
def questionnaire_requirements(role_id: int, revision: int) -> tuple:
    """A role's questionnaire rows (`Requirement.objects.for_questionnaire`), kept in this
    process for as long as the catalog stays at `revision`.

    Building them loads the role's skills, anchors, scenarios and options — hundreds of model
    instances — which every questionnaire page and save would otherwise repeat. They are only
    read after this, never changed.
    """
    return tuple(Requirement.objects.for_questionnaire(role_id))


@lru_cache(maxsize=64)
def questionnaire_rungs(role_id: int, revision: int) -> tuple[tuple, tuple]:
    """The questionnaire rows of a role and of the rung below it on its ladder (empty for the
    entry rung): an assessment covers both, so its result can say where the person stands
    now as well as how far the target is. Cached like `questionnaire_requirements`."""
    below = (
        Role.objects.filter(track__roles=role_id, rank=F("track__roles__rank") - 1)
        .values_list("pk", flat=True)
        .first()
    )
    rows_below = questionnaire_requirements(below, revision) if below is not None else ()
    return questionnaire_requirements(role_id, revision), rows_below
