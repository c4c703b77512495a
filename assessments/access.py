"""Who may open an assessment: the browser that started it, its owner, or a browser that
opened it through its resume link while that link was valid.

Anyone else — another person with the URL, a guessed id — gets a 404, never a hint that
the assessment exists. The resume link carries its own secret token and works from any
device, so an expired session never locks a person out of their answers. It grants access,
never ownership: claiming on login takes only the attempts this browser started, and lists
and "Assess me" show only those and the account's own.
"""

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.db.models.base import ModelState
from django.http import Http404, HttpRequest
from django.utils import timezone

from assessments.access_cache import (
    ASSESSMENT_FIELDS,
    facts_key,
    kept_facts,
    kept_sharing_version,
    next_expiry,
    sharing_key,
)
from assessments.models import Assessment, PublicLink, Result, SharingVersion
from careers.models import CatalogRevision, Role
from careers.revision import REVISION_CACHE_KEY, REVISION_ID, revision_from
from common.sessions import get_many_with_session

# The session keeps the attempts this browser started apart from those it only opened
# through a resume link; for the latter it keeps the token, so retiring the token (on submit
# or claim) ends that browser's access too.
STARTED_KEY = "assessment_ids"
RESUMED_KEY = "resumed_tokens"


def session_assessment_ids(request: HttpRequest) -> list[str]:
    """The ids of the attempts this browser started."""
    return list(request.session.get(STARTED_KEY, []))


def _resumed_tokens(request: HttpRequest) -> list[str]:
    return list(request.session.get(RESUMED_KEY, []))


def remember_started(request: HttpRequest, assessment: Assessment) -> None:
    ids = session_assessment_ids(request)
    if str(assessment.pk) not in ids:
        request.session[STARTED_KEY] = [*ids, str(assessment.pk)]


def remember_resumed(request: HttpRequest, assessment: Assessment) -> None:
    tokens = _resumed_tokens(request)
    if assessment.resume_token not in tokens:
        request.session[RESUMED_KEY] = [*tokens, assessment.resume_token]


def started_here(request: HttpRequest, assessment: Assessment) -> bool:
    return str(assessment.pk) in session_assessment_ids(request)


def visible_assessments(request: HttpRequest):
    """This browser's and this account's own attempts: what lists show, what "Assess me"
    reopens, and where an earlier attempt to compare with is looked for."""
    return Assessment.objects.visible_to(
        user=request.user, session_ids=session_assessment_ids(request)
    )


def unfinished_assessment(request: HttpRequest, role: Role) -> Assessment | None:
    """The visitor's assessment in progress for this role. A first-time visitor has none,
    and most visitors are first-time visitors: they cost no query."""
    if not request.user.is_authenticated and not session_assessment_ids(request):
        return None
    return visible_assessments(request).in_progress().filter(role=role).first()


def reachable_assessments(request: HttpRequest):
    """`visible_assessments` and those this browser opened through their resume link."""
    return Assessment.objects.visible_to(
        user=request.user,
        session_ids=session_assessment_ids(request),
        resume_tokens=_resumed_tokens(request),
    )


def get_visible_assessment_or_404(request: HttpRequest, pk) -> Assessment:
    """One of `reachable_assessments`, with its role and track, or a 404."""
    try:
        return reachable_assessments(request).select_related("role__track").get(pk=pk)
    except Assessment.DoesNotExist:
        raise Http404("No such assessment.") from None


def earlier_attempts(request: HttpRequest, assessment: Assessment):
    """The same person's other attempts, for a result's comparison: the owner's, or for an
    anonymous attempt started here the other anonymous ones started here. An attempt this
    browser only opened through a resume link is someone else's as far as we know: none."""
    others = Assessment.objects.exclude(pk=assessment.pk)
    if assessment.owner_id is not None:
        return others.filter(owner_id=assessment.owner_id)
    if started_here(request, assessment):
        return others.filter(pk__in=session_assessment_ids(request), owner__isnull=True)
    return others.none()


# Logging in or signing up offers this browser's anonymous attempts to the account, and only
# a yes adds them: on a shared computer they may be someone else's.
CLAIM_OFFER_KEY = "claim_offer"


def claim_offer_make(request: HttpRequest) -> None:
    """Notes which anonymous attempts this browser started, to offer them to the account
    that just signed in. Runs no query for a browser that started none."""
    started = session_assessment_ids(request)
    offered = (
        [
            str(pk)
            for pk in Assessment.objects.filter(pk__in=started, owner__isnull=True).values_list(
                "pk", flat=True
            )
        ]
        if started
        else []
    )
    if offered:
        request.session[CLAIM_OFFER_KEY] = offered
    else:
        request.session.pop(CLAIM_OFFER_KEY, None)


def claim_offer(request: HttpRequest) -> list[str]:
    return list(request.session.get(CLAIM_OFFER_KEY, []))


def claim_offer_answered(request: HttpRequest) -> list[str]:
    """The ids offered, now that the question is answered (it is not asked again)."""
    return list(request.session.pop(CLAIM_OFFER_KEY, []))


def is_own(request: HttpRequest, assessment: Assessment) -> bool:
    """Started in this browser or owned by the signed-in account: the person's own, not one
    merely opened through its resume link."""
    return started_here(request, assessment) or (
        request.user.is_authenticated and assessment.owner_id == request.user.pk
    )


def prefill_sources(request: HttpRequest, assessment: Assessment):
    """The earlier attempts whose answers may prefill `assessment`: those this browser started
    and the account's own, never one only opened through a resume link (someone else's, as
    far as we know). Only for an attempt that is itself this browser's or this account's: a
    browser holding someone's resume link must not pour its own answers into theirs. None
    when there is nothing to look at, so a first visit costs no query."""
    own = is_own(request, assessment)
    others = [pk for pk in session_assessment_ids(request) if pk != str(assessment.pk)]
    if not own or not (others or request.user.is_authenticated):
        return None
    return visible_assessments(request).exclude(pk=assessment.pk)


# The result pages are cached whole; what decides which copy a visitor gets (may they open it,
# which result, which catalog revision) is read in one query in plain SQL, because the ORM
# takes longer to build these queries than the database takes to answer them (as for
# `careers.revision.current_revision`). The rest of an assessment is read only when a page is
# drawn (`drawn_assessment`). A counselor's copy is read the same way, with these pieces
# (`counselors.access.shared_result_or_404`).
RESULT_COLUMNS = """
    (SELECT r.id FROM {result} r WHERE r.assessment_id = a.id
     ORDER BY r.scoring_version DESC LIMIT 1) AS latest_result_id,
    (SELECT c.number FROM {revision} c WHERE c.id = %s) AS catalog_revision"""

# What the owner's sharing parts are cached under (`owner_parts.with_owner_parts`): their
# sharing version, and the earliest time one of the result's links stops working, so a link
# that expires shows as expired at once though nothing was written.
_SHARING_COLUMNS = """,
    (SELECT v.version FROM {sharing} v WHERE v.owner_id = a.owner_id) AS sharing_version,
    (SELECT MIN(l.expires_at) FROM {link} l
     WHERE l.assessment_id = a.id AND l.revoked_at IS NULL AND l.expires_at > %s) AS next_expiry"""


@dataclass(frozen=True)
class ResultRef:
    """An assessment's latest result, as a result page needs it to ask its cache."""

    # Only the fields the page's cache key and access need are read; `from_db` defers the
    # others, which load on first use.
    assessment: Assessment
    result_id: int | None  # None while the assessment is unfinished
    catalog_revision: int | None
    # The owner's sharing version and the next expiry of a link, read `with_sharing`.
    sharing_stamp: str | None = None
    # What the shared cache holds under the caller's keys `also`, read in the same round trip
    # (None for a key it does not hold); empty without a shared cache.
    kept: Mapping[str, Any] = field(default_factory=dict)
    # A finished assessment's last save (`AccessFacts.saved_at`: what a skills profile's
    # ranking is kept under), from the shared cache's facts; None without a shared cache.
    saved_at: str | None = None


def quoted_tables(**models: type[Model]) -> dict[str, str]:
    """Each model's table, quoted for plain SQL, under the name it is given here (the
    `{name}`s of a statement's text)."""
    return {name: connection.ops.quote_name(m._meta.db_table) for name, m in models.items()}


def table_names() -> dict[str, str]:
    return quoted_tables(
        assessment=Assessment,
        result=Result,
        revision=CatalogRevision,
        link=PublicLink,
        sharing=SharingVersion,
    )


def reachable_result_or_404(
    request: HttpRequest,
    pk,
    *,
    with_sharing: bool = False,
    also: Callable[[int | None], Sequence[str]] = lambda visitor_id: (),
) -> ResultRef:
    """The assessment `pk`'s latest result, if this visitor may open the assessment (as
    `get_visible_assessment_or_404` decides), in one query, or with a shared cache in one
    round trip to it and none to the database (`access_cache`), with what it holds under the
    keys `also(id of the signed-in visitor, or None)` read in the same trip, and the visitor's
    session and user too when they are not read yet (`common.sessions.get_many_with_session`);
    `with_sharing`, with what its owner's sharing parts are cached under too (when its owner
    is the one looking)."""
    if settings.CACHE_IS_SHARED:
        return _kept_result_or_404(request, pk, with_sharing=with_sharing, also=also)
    columns = ", ".join(f"a.{field}" for field in ASSESSMENT_FIELDS)
    params: list[Any] = [REVISION_ID]
    sharing = ""
    if with_sharing:
        sharing = _SHARING_COLUMNS
        params.append(connection.ops.adapt_datetimefield_value(timezone.now()))
    sql = f"SELECT {columns}, {RESULT_COLUMNS}{sharing} FROM {{assessment}} a WHERE a.id = %s"
    params.append(Assessment._meta.pk.get_db_prep_value(pk, connection))
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**table_names()), params)
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such assessment.")
    values = list(row)
    stamp = None
    if with_sharing:
        version, next_expiry = values[-2:]
        del values[-2:]
        stamp = f"{version or '-'}:{next_expiry or '-'}"
    *values, result_id, revision = values
    assessment = assessment_from_row(dict(zip(ASSESSMENT_FIELDS, values, strict=True)))
    if not _may_open(request, assessment):
        raise Http404("No such assessment.")
    return ResultRef(assessment, result_id, revision, stamp)


def _kept_result_or_404(
    request: HttpRequest, pk, *, with_sharing: bool, also: Callable[[int | None], Sequence[str]]
) -> ResultRef:
    """`reachable_result_or_404` from the facts kept in the shared cache: the assessment's,
    the catalog revision and the signed-in visitor's sharing version, read in one round trip
    (the last one asked for whoever is signed in: the owner is the one it serves)."""

    def keys(visitor_id: int | None) -> list[str]:
        keys = [facts_key(pk), REVISION_CACHE_KEY, *also(visitor_id)]
        if with_sharing and visitor_id is not None:
            keys.append(sharing_key(visitor_id))
        return keys

    found = get_many_with_session(request, keys)
    user = request.user
    facts = kept_facts(pk, found)
    if facts is None:
        raise Http404("No such assessment.")
    assessment = assessment_from_row(dict(zip(ASSESSMENT_FIELDS, facts.fields, strict=True)))
    if not _may_open(request, assessment):
        raise Http404("No such assessment.")
    stamp = None
    if with_sharing and user.is_authenticated and assessment.owner_id == user.pk:
        version = kept_sharing_version(user.pk, found)
        stamp = f"{version}:{next_expiry(facts, timezone.now()) or '-'}"
    kept = {key: found.get(key) for key in also(user.pk)}
    return ResultRef(assessment, facts.result_id, revision_from(found), stamp, kept, facts.saved_at)


def assessment_from_row(row: dict[str, Any]) -> Assessment:
    """An assessment with only the fields in `row` (the others load on first use), from
    plain SQL's values (SQLite gives a UUID as its hex text)."""
    for name in ("id", "profile_id"):
        value = row.get(name)
        if value is not None and not isinstance(value, uuid.UUID):
            row[name] = uuid.UUID(str(value))
    # What `Assessment.from_db("default", names, values)` makes, without `Model.__init__`'s
    # walk over every field and its two signals (the model has no receiver for them): read on
    # every view of a kept page, that was ~15 µs of its ~0.6 ms. The fields not in `row` are
    # deferred all the same, as Django tells them (absent from the instance's `__dict__`), and
    # load on first use.
    assessment = Assessment.__new__(Assessment)
    assessment.__dict__.update(row)
    state = assessment._state = ModelState()
    state.adding = False
    state.db = "default"
    return assessment


def may_open(request: HttpRequest, assessment: Assessment) -> bool:
    """Whether this visitor may open `assessment`, read with at least its id, owner and
    resume token: `Assessment.objects.visible_to` for one (the ranking page asks it too)."""
    return _may_open(request, assessment)


def _may_open(request: HttpRequest, assessment: Assessment) -> bool:
    """`Assessment.objects.visible_to` for one assessment already read."""
    user = request.user
    return (
        str(assessment.pk) in session_assessment_ids(request)
        or (bool(assessment.resume_token) and assessment.resume_token in _resumed_tokens(request))
        or (user.is_authenticated and assessment.owner_id == user.pk)
    )


def public_link_with_result_or_404(token: str) -> tuple[PublicLink, ResultRef]:
    """The read-only link `token` and its assessment's latest result, in one query."""
    sql = (
        "SELECT l.id, l.assessment_id, l.token, l.expires_at, l.revoked_at, l.show_evidence,"
        " l.show_answer_quality, a.owner_id AS a_owner_id, a.role_id AS a_role_id,"
        f" a.industry AS a_industry, a.profile_id AS a_profile_id, {RESULT_COLUMNS}"
        " FROM {link} l JOIN {assessment} a ON a.id = l.assessment_id WHERE l.token = %s"
    ).format(**table_names())
    found: list[Any] = list(PublicLink.objects.raw(sql, [REVISION_ID, token]))
    if not found:
        raise Http404("No such link.")
    link = found[0]
    assessment = assessment_from_row(
        {
            "id": link.assessment_id,
            "owner_id": link.a_owner_id,
            "role_id": link.a_role_id,
            "industry": link.a_industry,
            "profile_id": link.a_profile_id,
        }
    )
    link.assessment = assessment
    return link, ResultRef(assessment, link.latest_result_id, link.catalog_revision)


def drawn_assessment(ref: ResultRef) -> Assessment:
    """The whole assessment, with its role, for drawing its page when the cache has none."""
    return Assessment.objects.select_related("role__track").get(pk=ref.assessment.pk)
