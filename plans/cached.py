"""The plan page and the plan's JSON, built once per change of the plan.

Drawing a plan of 15 steps with their dates, comments and history takes ~20 ms of templates;
reading whether the plan changed takes one small query. So what a plan shows is cached under
its own stamp, read from the database on each request (as the catalog revision is), which
keeps every process and server right without a shared cache:

- `Plan.updated_at`, which every write to a plan moves: each service records an event
  (`plans.services.record`), the admin saves the plan, and a new name of someone the plan
  shows moves it too (`plans.signals`);
- the role's title (the only thing the page shows from the catalog), read in the same query;
- today's date, since what is due this week and what is overdue follow the calendar;
- the language.

Pages are kept whole by `common.page_cache.render_cached` (which puts each request's CSRF token
and navigation back); the JSON by `cached`.
"""

import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple
from uuid import UUID

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import get_language

from careers.models import Role
from plans.models import Plan

CACHE_SECONDS = 24 * 60 * 60  # the date is in the key: nothing is read after its day


class PlanStamp(NamedTuple):
    """What a plan's cached pieces are keyed by: it changes whenever what they show does."""

    pk: UUID
    updated_at: object  # a datetime, or its text as SQLite gives it to plain SQL
    role_title: str


def plan_stamp_or_404(plans: QuerySet[Plan], pk: UUID) -> PlanStamp:
    """The stamp of the plan `pk` among `plans` (those the visitor may see), in one query."""
    row = plans.filter(pk=pk).values_list("updated_at", "role__title").first()
    if row is None:
        raise Http404("No such plan to show.")
    return PlanStamp(pk, *row)


def owned_plan_stamp_or_404(owner_id: int | None, pk: UUID) -> PlanStamp:
    """The stamp of the owner's plan `pk`. In plain SQL: it is read on every view of the
    owner's plan page and JSON, and the ORM takes longer to build the query than the database
    takes to answer it (as for `careers.revision.current_revision`)."""
    plan, role = (connection.ops.quote_name(model._meta.db_table) for model in (Plan, Role))
    plan_id = Plan._meta.pk.get_db_prep_value(pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.updated_at, r.title FROM {plan} p JOIN {role} r ON r.id = p.role_id"
            " WHERE p.id = %s AND p.owner_id = %s",
            [plan_id, owner_id],
        )
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such plan of yours.")
    return PlanStamp(pk, *row)


def cache_key(kind: str, stamp: PlanStamp, today: date) -> str:
    """One key per plan, kind of piece, stamp, day and language (hashed: the title and the
    time stamp hold characters some caches refuse in keys)."""
    fields = [stamp.pk, stamp.updated_at, stamp.role_title, today, get_language()]
    digest = hashlib.blake2b("\n".join(map(str, fields)).encode(), digest_size=16)
    return f"plan:{kind}:{digest.hexdigest()}"


def cached(key: str, build: Any) -> Any:
    """The value under `key`, else `build()`'s, stored there."""
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def lazy_context(build: Callable[[], Mapping[str, Any]], names: Iterable[str]) -> dict[str, Any]:
    """`build()`'s values named `names`, as functions the template calls (templates call what
    is callable): a page served from the cache builds nothing, one rendered builds once."""
    built = functools.cache(build)
    return {name: _LazyValue(built, name) for name in names}


class _LazyValue:
    """One of `build()`'s values. Templates call it where they resolve a variable; where they
    only print one — inside `{% blocktranslate %}`, which calls nothing — its text is the
    value's (a partial printed its own repr there: the dashboard showed a counselor
    "functools.partial(…)" as their share code)."""

    __slots__ = ("_built", "_name")

    def __init__(self, built: Callable[[], Mapping[str, Any]], name: str) -> None:
        self._built = built
        self._name = name

    def __call__(self) -> Any:
        return self._built()[self._name]

    def __str__(self) -> str:
        return str(self())
