"""What decides who may open a result and which cached copy of its page they get, kept in the
shared cache so that a result page, its JSON and a skills profile's ranking page run no query.

Those facts change rarely: an assessment's owner (a claim), its resume token (submit, claim),
its status, its industry, the skills profile it came from, its latest result (a submission, a
re-scoring), the expiry times of its read-only links that are not revoked (a link made,
revoked or deleted), when a finished assessment was last saved (what a skills profile's
ranking is kept under: a submission, a claim, an admin's edit); and its owner's sharing
version (`SharingVersion`: a share made or withdrawn, a counselor's new name, a link). Without
a shared cache they are read from the database with each page (one query:
`access.reachable_result_or_404`, `explore.ranking_ref_or_404`). When every server shares the
cache (`settings.CACHE_IS_SHARED`, Redis in production) they are kept there, with the
database as the source of truth, as the catalog revision and the plan stamps are: every write
of one of them deletes the kept copy in its transaction and sets it anew from the database when
that commits (`results_changed`, `sharing_versions_changed`: from the signals of
`assessments.signals` for every save and delete through the ORM, and by the bulk writes
themselves); readers only `add` what they read on a miss, so a reader that read the old facts
just before the commit cannot put them back over the writer's. A change made outside Django
(SQL by hand) shows when the kept copy expires, after FACTS_CACHE_SECONDS at most.

A link's expiry needs no write: the times are kept, and the reader takes the next one still
ahead (`next_expiry`).

An unfinished assessment's last save is not kept: its questionnaire's saves move it in plain
SQL, with no signal (`services.answers_save`), and nothing kept depends on it. Those saves
read the facts too (`questionnaire_read.kept_attempt`: who may write the attempt, while it is
in progress), and write only while the database still agrees with what the facts said. A
finished one moves only through a save of the model (its signal), whose `update_fields`, when
given, name `updated_at` (`signals.assessment_changed`).
"""

import datetime
import uuid
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from assessments.models import Assessment, PublicLink, Result, SharingVersion

FACTS_CACHE_SECONDS = 10 * 60

# The assessment's fields a result page's access and cache key need (`access.ResultRef`).
ASSESSMENT_FIELDS = [
    "id",
    "owner_id",
    "role_id",
    "resume_token",
    "status",
    "industry",
    "profile_id",
]

# Kept for an owner without a `SharingVersion` row yet (nothing of theirs was ever shared): a
# cached None could not be told from a miss.
NO_VERSION = "-"


class AccessFacts(NamedTuple):
    """One assessment's facts as the shared cache keeps them (plain values, small to read)."""

    fields: tuple[Any, ...]  # ASSESSMENT_FIELDS' values, the ids as text
    result_id: int | None  # the latest result; None while unfinished
    link_expiries: tuple[datetime.datetime, ...]  # of its links not revoked
    # A finished assessment's `updated_at`, as the database gives it, as text (a skills
    # profile's ranking is kept under it); None while unfinished.
    saved_at: str | None


def facts_key(pk: Any) -> str:
    # "2": the facts' second shape (with `saved_at`); a copy of the first is never read.
    return f"result-access:2:{pk}"


def sharing_key(owner_id: Any) -> str:
    return f"sharing-version:{owner_id}"


def next_expiry(facts: AccessFacts, now: datetime.datetime) -> datetime.datetime | None:
    """The earliest time one of the assessment's links still working stops working."""
    return min((expiry for expiry in facts.link_expiries if expiry > now), default=None)


def stored_facts(pks: Iterable[Any]) -> dict[str, AccessFacts]:
    """The facts of the assessments `pks` that exist, by id (as text), in two queries."""
    ids = [uuid.UUID(str(pk)) for pk in pks]
    if not ids:
        return {}
    quote = connection.ops.quote_name
    assessment, result = (quote(m._meta.db_table) for m in (Assessment, Result))
    columns = ", ".join(f"a.{field}" for field in ASSESSMENT_FIELDS)
    marks = ", ".join(["%s"] * len(ids))
    # In plain SQL, as `access.reachable_result_or_404` reads them without a shared cache.
    sql = (
        f"SELECT {columns}, (SELECT r.id FROM {result} r WHERE r.assessment_id = a.id"
        f" ORDER BY r.scoring_version DESC LIMIT 1), a.updated_at"
        f" FROM {assessment} a WHERE a.id IN ({marks})"
    )
    prepared = [Assessment._meta.pk.get_db_prep_value(pk, connection) for pk in ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, prepared)
        rows = cursor.fetchall()
    expiries: dict[str, list[datetime.datetime]] = {}
    for pk, expires_at in PublicLink.objects.filter(
        assessment__in=ids, revoked_at__isnull=True
    ).values_list("assessment_id", "expires_at"):
        expiries.setdefault(str(pk), []).append(expires_at)
    facts = {}
    for *values, result_id, updated_at in rows:
        # SQLite gives a UUID as its hex text, PostgreSQL as a UUID: kept as the usual text.
        row = dict(zip(ASSESSMENT_FIELDS, values, strict=True))
        for name in ("id", "profile_id"):
            if row[name] is not None:
                row[name] = str(uuid.UUID(str(row[name])))
        pk = row["id"]
        facts[pk] = AccessFacts(
            tuple(row[name] for name in ASSESSMENT_FIELDS),
            result_id,
            tuple(sorted(expiries.get(pk, []))),
            # The text the database gives, as `explore.ranking_ref_or_404` reads it.
            str(updated_at) if row["status"] == Assessment.Status.SUBMITTED else None,
        )
    return facts


def kept_facts(pk: Any, found: dict[str, Any]) -> AccessFacts | None:
    """The facts of `pk` from what a reader read from the shared cache (`found`, with
    `facts_key(pk)` among its keys), else from the database, then kept."""
    key = facts_key(pk)
    facts: AccessFacts | None = found.get(key)
    if facts is None:
        facts = stored_facts([pk]).get(str(pk))
        if facts is not None:
            cache.add(key, facts, FACTS_CACHE_SECONDS)
    return facts


def kept_sharing_version(owner_id: Any, found: dict[str, Any]) -> str:
    """The owner's sharing version from what the reader read, else from the database."""
    key = sharing_key(owner_id)
    version: str | None = found.get(key)
    if version is None:
        version = stored_sharing_versions([owner_id])[owner_id]
        cache.add(key, version, FACTS_CACHE_SECONDS)
    return version


def stored_sharing_versions(owner_ids: Iterable[Any]) -> dict[Any, str]:
    owner_ids = list(owner_ids)
    versions = {owner_id: NO_VERSION for owner_id in owner_ids}
    rows = SharingVersion.objects.filter(owner_id__in=owner_ids).values_list("owner_id", "version")
    versions.update((owner_id, str(version)) for owner_id, version in rows)
    return versions


def results_changed(pks: Iterable[Any]) -> None:
    """Called in the transaction of every write of an assessment's facts (see the module's
    docstring), with the assessments' ids: with a shared cache, their kept facts are deleted
    now and set anew when the write commits."""
    if not settings.CACHE_IS_SHARED:
        return
    pks = sorted({str(pk) for pk in pks})
    if not pks:
        return
    cache.delete_many([facts_key(pk) for pk in pks])
    transaction.on_commit(lambda: _share_facts(pks))


def _share_facts(pks: list[str]) -> None:
    facts = stored_facts(pks)
    cache.set_many({facts_key(pk): value for pk, value in facts.items()}, FACTS_CACHE_SECONDS)


def sharing_versions_changed(owner_ids: Iterable[Any]) -> None:
    """As `results_changed`, for the owners' sharing versions (`owner_parts.sharing_changed`)."""
    if not settings.CACHE_IS_SHARED:
        return
    owner_ids = sorted(set(owner_ids) - {None})
    if not owner_ids:
        return
    cache.delete_many([sharing_key(owner_id) for owner_id in owner_ids])
    transaction.on_commit(lambda: _share_versions(owner_ids))


def _share_versions(owner_ids: list[Any]) -> None:
    versions = stored_sharing_versions(owner_ids)
    cache.set_many(
        {sharing_key(owner_id): version for owner_id, version in versions.items()},
        FACTS_CACHE_SECONDS,
    )
