"""The plan pages (the owner's page, JSON, calendar and list, and a counselor's view of a
plan), built once per change of what they show.

Drawing a plan of 15 steps with their dates, comments and history takes ~20 ms of templates;
knowing whether the plan changed takes one small read. So what a plan shows is cached under
its own stamp:

- `Plan.updated_at`, which every write to a plan moves: each service records an event
  (`plans.services.record`), the admin saves the plan or touches it, and a new name of
  someone the plan shows moves it too (`plans.signals`);
- the catalog text the pages show (the role's title): the title itself, read with the stamp
  from the database, or — when the stamp comes from the shared cache — the catalog revision;
- today's date, since what is due this week and what is overdue follow the calendar;
- the language.

The stamp is read from the database on each request, which keeps every process and server
right without a shared cache. When every server shares the cache (`settings.CACHE_IS_SHARED`,
Redis in production) it is kept there, as the catalog revision is, with the database as the
source of truth: every write deletes the plan's stamp in its transaction and sets it anew when
that commits (`plans_changed`), readers only `add` what they read from the database on a miss,
so a reader that read the old stamp just before the commit cannot put it back over the
writer's. The pages then run no query beyond the visitor's own. A change made outside Django
(SQL by hand) shows when the kept stamp expires, after STAMP_CACHE_SECONDS at most.

The plan list is keyed the same way by the owner's plans' stamp: how many, and the latest
`updated_at` among them (a new, changed or deleted plan moves one or the other).

Pages are kept whole by `common.page_cache.render_cached` (which puts each request's CSRF token
and navigation back); the JSON and the calendar by `cached`.
"""

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar
from uuid import UUID

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from careers.models import CatalogRevision, Role
from careers.revision import REVISION_CACHE_KEY, REVISION_ID, revision_from
from plans.models import Plan

CACHE_SECONDS = 24 * 60 * 60  # the date is in the key: nothing is read after its day
STAMP_CACHE_SECONDS = 10 * 60

T = TypeVar("T")


class PlanStamp(NamedTuple):
    """What a plan's cached pieces are keyed by: it changes whenever what they show does."""

    pk: UUID
    owner_id: int
    updated_at: str
    catalog: str  # the role's title, or the catalog revision ("r12")


class PlanListStamp(NamedTuple):
    """What the owner's list of plans is keyed by."""

    owner_id: int | None
    plans: int
    updated_at: str
    catalog: str  # the catalog revision ("r12")


def stamp_key(pk: UUID | str) -> str:
    return f"plan-stamp:{pk}"


def list_stamp_key(owner_id: int | None) -> str:
    return f"plan-list-stamp:{owner_id}"


def plan_stamp_or_404(plans: QuerySet[Plan], pk: UUID) -> PlanStamp:
    """The stamp of the plan `pk` among `plans` (those the visitor may see), in one query."""
    row = plans.filter(pk=pk).values_list("owner_id", "updated_at", "role__title").first()
    if row is None:
        raise Http404("No such plan to show.")
    owner_id, updated_at, title = row
    return PlanStamp(pk, owner_id, str(updated_at), title)


def owned_plan_read(
    owner_id: int | None,
    pk: UUID,
    *,
    also: Iterable[str] = (),
    read: Callable[[list[str]], dict[str, Any]] | None = None,
) -> tuple[PlanStamp, dict[str, Any]]:
    """The stamp of the owner's plan `pk` (else a 404): from the shared cache, with what it
    holds under the caller's keys `also` read in the same round trip (by `read`, e.g. with
    the visitor's session: `common.sessions.get_many`); else in one query (and nothing
    found)."""
    found: dict[str, Any] = {}
    if settings.CACHE_IS_SHARED:
        stamp, found = shared_plan_stamp(pk, also=also, read=read)
    else:
        stamp = _stored_plan_stamp(pk)
    if stamp is None or stamp.owner_id != owner_id:
        raise Http404("No such plan of yours.")
    return stamp, found


def visitor_slot(kind: str, pk: Any, visitor_id: Any) -> str:
    """Where the latest copy of a visitor's page (or JSON) is kept (`common.page_cache.
    render_kept`, `kept_in_slot`): named by nothing that must be read first, so it is read
    with the page's stamp in one round trip."""
    return f"{kind}-slot:{pk}:{visitor_id}:{get_language()}"


def kept_in_slot(slot: str, key: str, found: dict[str, Any], build: Callable[[], T]) -> T:
    """The value built under `key` (`cache_key`), from `slot` when the copy kept there was
    built under that key, else `build()`'s, kept there. `found` is what the caller read from
    the shared cache with its stamp, `slot` among it. Without a shared cache, `cached`."""
    if not settings.CACHE_IS_SHARED:
        return cached(key, build)
    kept: tuple[str, T] | None = found.get(slot)
    if kept is None or kept[0] != key:
        kept = (key, build())
        cache.set(slot, kept, CACHE_SECONDS)
    return kept[1]


def plan_stamp_keys(pk: UUID) -> list[str]:
    """What `shared_plan_stamp` reads of the shared cache besides the caller's keys."""
    return [stamp_key(pk), REVISION_CACHE_KEY]


def shared_plan_stamp(
    pk: UUID,
    *,
    also: Iterable[str] = (),
    read: Callable[[list[str]], dict[str, Any]] | None = None,
) -> tuple[PlanStamp | None, dict[str, Any]]:
    """The plan's stamp (None for a plan that does not exist), its catalog part the revision,
    read from the shared cache with the revision in one round trip, and from the database on
    a miss; with what the cache holds under the caller's keys `also`, read in the same trip."""
    keys = [*plan_stamp_keys(pk), *also]
    found = (read or cache.get_many)(keys)
    revision = revision_from(found)
    row = found.get(keys[0])
    if row is None:
        stored = _stored_rows([pk])
        if not stored:
            return None, found
        row = stored[0][1:]
        cache.add(keys[0], row, STAMP_CACHE_SECONDS)
    owner_id, updated_at = row
    return PlanStamp(pk, owner_id, updated_at, f"r{revision}"), found


def _stored_plan_stamp(pk: UUID) -> PlanStamp | None:
    """In plain SQL: read on every view of the owner's plan page, JSON and calendar, and the
    ORM takes longer to build the query than the database takes to answer it (as for
    `careers.revision.current_revision`)."""
    plan, role = (connection.ops.quote_name(model._meta.db_table) for model in (Plan, Role))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.owner_id, p.updated_at, r.title FROM {plan} p"
            f" JOIN {role} r ON r.id = p.role_id WHERE p.id = %s",
            [_db_id(pk)],
        )
        row = cursor.fetchone()
    return None if row is None else PlanStamp(pk, row[0], str(row[1]), row[2])


def _stored_rows(pks: list[Any]) -> list[tuple[Any, int, str]]:
    """(id, owner, updated_at) of the plans `pks` that exist, as the shared cache keeps them."""
    table = connection.ops.quote_name(Plan._meta.db_table)
    marks = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, owner_id, updated_at FROM {table} WHERE id IN ({marks})",
            [_db_id(pk) for pk in pks],
        )
        rows = cursor.fetchall()
    return [(Plan._meta.pk.to_python(pk), owner, str(updated)) for pk, owner, updated in rows]


def _db_id(pk: Any) -> Any:
    return Plan._meta.pk.get_db_prep_value(Plan._meta.pk.to_python(pk), connection)


def plan_list_stamp(owner_id: int | None) -> PlanListStamp:
    """The owner's plans' stamp: from the shared cache, else in one query (with the catalog
    revision, for the role titles)."""
    if not settings.CACHE_IS_SHARED:
        plans, updated_at, revision = _stored_list_stamp(owner_id)
        return PlanListStamp(owner_id, plans, updated_at, f"r{revision}")
    key = list_stamp_key(owner_id)
    found = cache.get_many([key, REVISION_CACHE_KEY])
    row = found.get(key)
    if row is None:
        row = _stored_list_stamps([owner_id])[owner_id]
        cache.add(key, row, STAMP_CACHE_SECONDS)
    plans, updated_at = row
    return PlanListStamp(owner_id, plans, updated_at, f"r{revision_from(found)}")


def _stored_list_stamp(owner_id: int | None) -> tuple[int, str, int]:
    """(plans, latest `updated_at`, catalog revision) of the owner's plans, in plain SQL as
    `_stored_plan_stamp`."""
    plan, revision = (
        connection.ops.quote_name(model._meta.db_table) for model in (Plan, CatalogRevision)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), MAX(p.updated_at),"
            f" (SELECT r.number FROM {revision} r WHERE r.id = %s)"
            f" FROM {plan} p WHERE p.owner_id = %s",
            [REVISION_ID, owner_id],
        )
        plans, updated_at, number = cursor.fetchone()
    return plans, str(updated_at), number or 0


def _stored_list_stamps(owner_ids: list[Any]) -> dict[Any, tuple[int, str]]:
    """(plans, latest `updated_at`) of each owner's plans, in one query, as the shared cache
    keeps them."""
    table = connection.ops.quote_name(Plan._meta.db_table)
    marks = ", ".join(["%s"] * len(owner_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT owner_id, COUNT(*), MAX(updated_at) FROM {table}"
            f" WHERE owner_id IN ({marks}) GROUP BY owner_id",
            owner_ids,
        )
        rows = cursor.fetchall()
    stamps = {owner: (0, str(None)) for owner in owner_ids}
    stamps.update((owner, (plans, str(latest))) for owner, plans, latest in rows)
    return stamps


def plans_changed(plans: Iterable[tuple[Any, int]]) -> None:
    """Called by every write that moves plans' `updated_at` (or adds or deletes a plan), in
    its transaction, with each plan's (id, owner): with a shared cache, their stamps and their
    owners' list stamps are deleted now and set anew when the write commits, so the next
    request on any server reads the new ones."""
    if not settings.CACHE_IS_SHARED:
        return
    plans = list(plans)
    if not plans:
        return
    pks = [pk for pk, _owner in plans]
    owners = sorted({owner for _pk, owner in plans})
    cache.delete_many([*map(stamp_key, pks), *map(list_stamp_key, owners)])
    transaction.on_commit(lambda: _share_stamps(pks, owners))


def plans_touch(plans: QuerySet[Plan]) -> None:
    """Moves `plans`' `updated_at` to now: something they show changed outside their own
    services (a comment edited in the admin, a new name of someone they show)."""
    now = timezone.now()
    if not settings.CACHE_IS_SHARED:
        plans.update(updated_at=now)
        return
    moved = list(plans.values_list("pk", "owner_id"))
    Plan.objects.filter(pk__in=[pk for pk, _owner in moved]).update(updated_at=now)
    plans_changed(moved)


def _share_stamps(pks: list[Any], owners: list[int]) -> None:
    stamps: dict[str, Any] = {
        stamp_key(pk): (owner, updated) for pk, owner, updated in _stored_rows(pks)
    }
    for owner, stamp in _stored_list_stamps(owners).items():
        stamps[list_stamp_key(owner)] = stamp
    cache.set_many(stamps, STAMP_CACHE_SECONDS)


def cache_key(kind: str, stamp: PlanStamp | PlanListStamp, *more: Any) -> str:
    """One key per plan (or owner's list), kind of piece, stamp, language and what else the
    piece shows that varies (`more`: the day, the site's address), hashed: the title and the
    time stamp hold characters some caches refuse in keys."""
    fields = [kind, *stamp, get_language(), *more]
    digest = hashlib.blake2b("\n".join(map(str, fields)).encode(), digest_size=16)
    return f"plan:{kind}:{digest.hexdigest()}"


def cached(key: str, build: Callable[[], T]) -> T:
    """The value under `key`, else `build()`'s, stored there."""
    value: T | None = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value
