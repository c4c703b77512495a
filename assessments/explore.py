"""“Which careers fit me?”: the start page, every role ranked for a person's answers, and the
gap report of one role of the ranking.

The questionnaire is an assessment of the skills profile (`careers.skills_profile`), so it is
saved, resumed, owned and protected exactly as any other; once it is submitted its answers
rank every role (`assessments.ranking.rank` over the matrix cached per catalog revision).
A row's gap report is an ordinary attempt at that role filled in from those answers
(`services.gap_report_create`): its result page and "Make this my plan" are the usual ones.
"""

import functools
import hashlib
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from assessments.access import (
    ResultRef,
    get_visible_assessment_or_404,
    may_open,
    reachable_result_or_404,
    remember_resumed,
    remember_started,
    session_assessment_ids,
    started_here,
    unfinished_assessment,
    visible_assessments,
)
from assessments.forms import RankingFilterForm
from assessments.models import Assessment, SharingVersion, SkillRating
from assessments.owner_parts import owner_parts_in, owner_parts_key, with_owner_parts
from assessments.prefill import prior_answers, returning_minutes
from assessments.presenters import kept_page
from assessments.questionnaire import questionnaire_length
from assessments.ranking import MatrixRole, Ranked, is_desirable, rank
from assessments.ranking_matrix import requirement_matrix, standpoint_of_occupation
from assessments.services import gap_report_create
from careers.models import CatalogRevision, Occupation, Role
from careers.revision import REVISION_ID, current_revision, questionnaire_requirements
from careers.skills_profile import skills_profile, skills_profile_role_ids
from common.http import never_cache
from common.page_cache import (
    cached_html,
    named_once,
    page_key,
    query_digest,
    render_cached,
    renders_fresh,
)

RANKS_PER_PAGE = 25
# How many occupations "Which one do you mean?" offers for a current occupation typed in part.
CURRENT_CANDIDATES = 8
LENGTH_CACHE_SECONDS = 24 * 60 * 60
RANKING_CACHE_SECONDS = 60 * 60
ONET_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


def start(request: HttpRequest) -> HttpResponse:
    """What it is and how long it takes, and the button that starts (or continues) it.

    How long is the first questionnaire page's "about N minutes left", by the one estimate
    (`assessments.length`): for a first-time visitor the figure with nothing prefilled, kept
    per catalog revision; for a returning person (earlier answers in this browser or account,
    which the crosswalk carries to O*NET's skills) their own, shorter figure, as the role page
    tells them (`prefill.returning_minutes`)."""
    role = skills_profile()
    context: dict[str, Any] = {"role": role}
    if role is not None:
        revision = current_revision()
        unfinished = unfinished_assessment(request, role)
        # Continuing says no minutes: the questionnaire's own pages count what is left.
        minutes = None if unfinished else _returning_minutes(request, role)
        if minutes is None:
            key = f"skills-profile-minutes:{role.pk}:{revision}:{get_language()}"
            minutes = cache.get(key)
        if minutes is None:
            rows = questionnaire_requirements(role.pk, revision)
            minutes = questionnaire_length(row.skill for row in rows).minutes
            cache.set(key, minutes, LENGTH_CACHE_SECONDS)
        context |= {
            "minutes": minutes,
            "skill_count": len(questionnaire_requirements(role.pk, revision)),
            "unfinished_assessment": unfinished,
            "latest": _latest_profile(request, role),
        }
    return render(request, "assessments/explore_start.html", context)


def _returning_minutes(request: HttpRequest, role: Role) -> int | None:
    """None for a first-time visitor (no query), or when nothing earlier prefills anything."""
    if not request.user.is_authenticated and not session_assessment_ids(request):
        return None
    priors = prior_answers(visible_assessments(request))
    return returning_minutes(role, priors) if priors else None


def _latest_profile(request: HttpRequest, role: Role) -> Assessment | None:
    if not request.user.is_authenticated and not session_assessment_ids(request):
        return None  # a first-time visitor has none, and costs no query
    return (
        visible_assessments(request)
        .submitted()
        .filter(role=role)
        .select_related("role")
        .order_by("-submitted_at")
        .first()
    )


@dataclass(frozen=True)
class CurrentOccupation:
    """The occupation the person named as theirs, or the ones their words could mean."""

    text: str
    title: str = ""
    median_pay: int | None = None
    candidates: tuple[Occupation, ...] = ()
    code: str = ""  # its O*NET-SOC code, when found: where the ranking is seen from

    @property
    def found(self) -> bool:
        return bool(self.title)


def current_occupation(text: str | None, matrix: Sequence[MatrixRole]) -> CurrentOccupation | None:
    """The occupation `text` names — an O*NET-SOC code (as "Which one do you mean?" links
    send it), a title, or words only one title or alternate title contains — with its median
    pay; otherwise the first few it could mean. A code or title of a ranked occupation is
    found in the matrix, with no query (the page keeps the title in its form, so every further
    page of the ranking finds it so); anything else costs one."""
    if not text:
        return None
    folded = text.casefold()
    for role in matrix:
        if role.onet_code and (role.onet_code == text or role.title.casefold() == folded):
            return CurrentOccupation(
                text, title=role.title, median_pay=role.median_pay, code=role.onet_code
            )
    occupations = Occupation.objects.with_listing_facts()
    if ONET_CODE.match(text):
        found = list(occupations.filter(code=text)[:1])
    else:
        found = list(Occupation.objects.matching(text).with_listing_facts()[:CURRENT_CANDIDATES])
        exact = [o for o in found if o.title.casefold() == folded]
        found = exact or found
    if len(found) == 1:
        # Annotated by `with_listing_facts`: the newest national median, or None.
        return CurrentOccupation(
            text,
            title=found[0].title,
            median_pay=getattr(found[0], "annual_median", None),
            code=found[0].code,
        )
    return CurrentOccupation(text, candidates=tuple(found))


def _filtered(ranked: Sequence[Ranked], filters: dict[str, Any], revision: int) -> list[Ranked]:
    keyword, zone, min_pay = filters.get("q"), filters.get("job_zone"), filters.get("min_pay")
    shown = list(ranked)
    if keyword:
        # Titles and O*NET's alternate titles ("help desk"), as the occupation search finds them.
        codes = codes_matching(keyword, revision)
        folded = keyword.casefold()
        shown = [r for r in shown if r.role.onet_code in codes or folded in r.role.title.casefold()]
    if zone is not None:
        shown = [r for r in shown if r.role.job_zone == zone]
    if min_pay is not None:  # a pay BLS does not publish is not known to reach it
        shown = [r for r in shown if _pay(r) >= min_pay]
    return shown


@lru_cache(maxsize=256)
def codes_matching(keyword: str, revision: int) -> frozenset[str]:
    """The codes of the occupations a keyword finds at `revision` (the search over alternate
    titles is the slowest part of a filtered ranking: ~10 ms on SQLite)."""
    return frozenset(Occupation.objects.matching(keyword).values_list("code", flat=True))


@lru_cache(maxsize=64)
def ranked_profile(
    profile_pk: Any, saved_at: datetime, revision: int, current_code: str = ""
) -> tuple[Ranked, ...]:
    """Every role ranked for a submitted profile's answers at `revision`, seen from the
    current occupation `current_code` when one is named (its Job Zone and related
    occupations order the ranking: `assessments.ranking`), with no desirable mark (set on
    the rows shown). A submitted profile's answers no longer change; `saved_at`, its
    `updated_at`, is in the key all the same, so nothing saved to it could be hidden by this
    cache."""
    rated = SkillRating.objects.filter(assessment_id=profile_pk, level__isnull=False)
    rows = rated.values_list("skill__slug", "level")
    levels = {slug: level for slug, level in rows if level is not None}
    standpoint = standpoint_of_occupation(current_code, revision=revision)
    return tuple(rank(requirement_matrix(revision), levels, standpoint=standpoint))


def _pay(row: Ranked) -> int:
    return -1 if row.role.median_pay is None else row.role.median_pay


def _profile_or_404(request: HttpRequest, pk) -> Assessment:
    profile = get_visible_assessment_or_404(request, pk)
    if not profile.role.is_skills_profile:
        raise Http404("Not a skills profile.")
    return profile


def ranking_context(profile: Assessment, query: QueryDict, *, revision: int) -> dict[str, Any]:
    """What the ranking shows of a submitted skills profile for the filters and page of
    `query`: the person's own page and a counselor's view of it show the same."""
    form = RankingFilterForm(query)
    form.is_valid()
    filters = form.filters()
    current = current_occupation(filters.get("current"), requirement_matrix(revision))
    code = current.code if current else ""
    ranked = ranked_profile(profile.pk, profile.updated_at, revision, code)
    shown = _filtered(ranked, filters, revision)
    page = Paginator(shown, RANKS_PER_PAGE).get_page(query.get("page"))
    current_pay = current.median_pay if current else None
    page.object_list = [
        replace(row, desirable=is_desirable(row.role.median_pay, current_pay))
        for row in page.object_list
    ]
    return {
        "profile": profile,
        "form": form,
        "current": current,
        "total": len(ranked),
        "filtered": len(shown) != len(ranked),
        "page_obj": page,
        "onet_release": profile.role.onet_release,
    }


def ranking_body(
    request: HttpRequest,
    profile: Assessment,
    *,
    client_name: str = "",
    read_only: bool = False,
    revision: int | None = None,
) -> str:
    """The ranking's part of its page — heading, filters, the page of rows — as HTML, kept in
    the cache for an hour under everything it shows: the profile (and when it was last
    saved), the catalog revision (occupations, requirements, pay), the language, the page's
    address (whose view it is), the client's name on a counselor's view and the whole query.
    Who may see it is decided before, on every request, so a withdrawn share or a lost
    session hides it at once. Ranking ~900 roles and drawing 25 rows took ~30 ms a request.
    `revision`: the catalog revision when the caller has read it already."""
    if revision is None:
        revision = current_revision()
    parts = (
        str(profile.pk),
        profile.updated_at.isoformat(),
        str(revision),
        get_language(),
        request.path,
        client_name,
        str(read_only),
        repr(sorted(request.GET.lists())),
    )
    key = "ranking-body:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        context = {
            **ranking_context(profile, request.GET, revision=revision),
            "ranking_url": request.path,
            "client_name": client_name,
            "read_only": read_only,
        }
        body = render_to_string("assessments/_ranking.html", context, request=request)
        cache.set(key, body, RANKING_CACHE_SECONDS)
    return mark_safe(body)  # our own template's output, escaped as it was rendered


@dataclass(frozen=True)
class RankingRef:
    """A skills profile as its ranking page asks its cache: who may open it, and what its
    copy depends on (`saved`, its `updated_at` as the database gives it, and the catalog
    revision), read in one plain-SQL query, or with a shared cache in one round trip to it
    (`ranking_ref_or_404`): building the ORM's query took longer than the database took to
    answer it, and than serving the cached page."""

    profile: Assessment  # only id, role, owner, resume token, status: the rest loads on use
    saved: str
    revision: int
    # The owner's sharing version (`SharingVersion`): the owner's list of shares is cached
    # under it (`owner_parts.with_owner_parts`). A skills profile has no read-only links.
    sharing_stamp: str = "-:-"
    # What the shared cache holds under the caller's keys, read in the same round trip (None
    # for a key it does not hold); empty without a shared cache.
    kept: Mapping[str, Any] = field(default_factory=dict)

    def as_result_ref(self) -> ResultRef:
        """What `owner_parts.with_owner_parts` asks of a page: a profile has no result."""
        return ResultRef(self.profile, None, self.revision, self.sharing_stamp)


def ranking_ref_or_404(
    request: HttpRequest,
    pk,
    *,
    also: Callable[[int | None], Sequence[str]] = lambda visitor_id: (),
) -> RankingRef:
    """The skills profile `pk`, if this visitor may open it (as `get_visible_assessment_or_404`
    decides), in one query; with a shared cache in one round trip to it and none to the
    database, with what it holds under the keys `also(id of the signed-in visitor, or None)`
    read in the same trip (`access.reachable_result_or_404`)."""
    if settings.CACHE_IS_SHARED:
        return _kept_ranking_ref_or_404(request, pk, also)
    models = {
        "assessment": Assessment,
        "role": Role,
        "revision": CatalogRevision,
        "sharing": SharingVersion,
    }
    tables = {name: connection.ops.quote_name(m._meta.db_table) for name, m in models.items()}
    sql = (
        "SELECT a.id, a.role_id, a.owner_id, a.resume_token, a.status, a.updated_at,"
        " (SELECT c.number FROM {revision} c WHERE c.id = %s),"
        " (SELECT v.version FROM {sharing} v WHERE v.owner_id = a.owner_id)"
        " FROM {assessment} a JOIN {role} r ON r.id = a.role_id"
        " WHERE a.id = %s AND r.is_skills_profile"
    ).format(**tables)
    prepared = Assessment._meta.pk.get_db_prep_value(pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [REVISION_ID, prepared])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such skills profile.")
    profile_id, role_id, owner_id, resume_token, status, saved, revision, sharing = row
    # `from_db` takes the values in the model's field order; the role is what the owner's
    # list of shares asks for (`Share.objects.covering`).
    profile = Assessment.from_db(
        "default",
        ["id", "role_id", "owner_id", "resume_token", "status"],
        [uuid.UUID(str(profile_id)), role_id, owner_id, resume_token, status],
    )
    if not may_open(request, profile):
        raise Http404("No such skills profile.")
    revision = revision if revision is not None else 0
    return RankingRef(profile, str(saved), revision, f"{sharing or '-'}:-")


def _kept_ranking_ref_or_404(
    request: HttpRequest, pk, also: Callable[[int | None], Sequence[str]]
) -> RankingRef:
    """`ranking_ref_or_404` from the facts the result pages keep in the shared cache
    (`access_cache`: the profile's owner, resume token, status, role and last save), read
    with the catalog revision, the signed-in owner's sharing version and the caller's keys in
    one round trip; who may open it is decided as without
    (`may_open`). Whether the role is a skills profile is the catalog's, kept in the process
    per revision."""
    ref = reachable_result_or_404(request, pk, with_sharing=True, also=also)
    revision = ref.catalog_revision or 0
    if ref.assessment.role_id not in skills_profile_role_ids(revision):
        raise Http404("No such skills profile.")
    # An unfinished profile has no last save kept: its page sends it to its questionnaire.
    return RankingRef(
        ref.assessment, ref.saved_at or "", revision, ref.sharing_stamp or "-:-", ref.kept
    )


def ranking_page_key(ref: RankingRef, request: HttpRequest, viewer: str, *parts: str) -> str:
    """The cache key of a ranking page: the profile as saved, the catalog revision, whose
    view it is (`viewer` and `parts`, e.g. the client's name), the address and the whole
    query. `render_cached` adds the language and the navigation."""
    named = "\0".join((str(ref.profile.pk), ref.saved, str(ref.revision), viewer, *parts))
    query = query_digest(request)
    return "ranking:" + hashlib.sha256(f"{named}\0{request.path}\0{query}".encode()).hexdigest()


def ranking_slot(request: HttpRequest, pk, visitor_id: int | None) -> str:
    """Where the latest copy of a ranking page this visitor saw is kept with a shared cache
    (`presenters.kept_page`): a key known before anything is read, so it is read in the same
    round trip as the page's access. One per profile, visitor (a signed-in account by its
    id, or any anonymous browser, None: the copy is the same for each that may open it),
    language and query."""
    visitor = "anonymous" if visitor_id is None else f"u{visitor_id}"
    return f"ranking-slot:{pk}:{visitor}:{get_language()}:{query_digest(request)}"


@never_cache
def ranking(request: HttpRequest, pk) -> HttpResponse:
    """The page is kept whole per viewer kind and query under the profile as saved and the
    catalog revision; who may open it is decided first, on every request, and the owner's
    list of shares is drawn in for each under their sharing version (`owner_parts`).

    Without a shared cache it is kept by `render_cached`, in this process too, and the access
    is one query. With one, the visitor's latest copy, with the owner's list drawn in, is kept
    in their slot (`ranking_slot`) under its full key, read in the same round trip as the
    access facts, the revision and the sharing version: a reload runs no
    query and one read of the cache."""
    shared = settings.CACHE_IS_SHARED
    slot_of = named_once(functools.partial(ranking_slot, request, pk))
    ref = ranking_ref_or_404(request, pk, also=lambda visitor_id: [slot_of(visitor_id)])
    slot = slot_of(request.user.pk) if shared else ""
    if ref.profile.status != Assessment.Status.SUBMITTED:
        return redirect(_profile_or_404(request, pk))
    # Sharing with a counselor is for the signed-in owner, as on a result page.
    is_owner = request.user.is_authenticated and ref.profile.owner_id == request.user.pk
    template_name = "assessments/explore_ranking.html"

    def context() -> dict[str, Any]:
        profile = Assessment.objects.select_related("role").get(pk=ref.profile.pk)
        return {
            "profile": profile,
            "ranking_body": ranking_body(request, profile, revision=ref.revision),
            "is_owner": is_owner,
        }

    key = ranking_page_key(ref, request, "owner" if is_owner else "visitor")
    if not shared or renders_fresh(request):
        response = render_cached(
            request,
            template_name,
            context,
            key=key,
            timeout=RANKING_CACHE_SECONDS,
            keep_in_process=True,
        )
        if is_owner:
            # Whom it is shared with, drawn in place of the sharing panel's marker.
            response.content = with_owner_parts(response.content, request, ref.as_result_ref())
        return response

    def html() -> str:
        page = cached_html(request, template_name, context, key=key, timeout=RANKING_CACHE_SECONDS)
        return owner_parts_in(page, request, ref.as_result_ref()) if is_owner else page

    # The page and the owner's list kept as one copy, under both their keys.
    full_key = page_key(request, key)
    if is_owner:
        full_key = f"{full_key}:{owner_parts_key(request, ref.as_result_ref())}"
    return kept_page(request, slot=slot, key=full_key, found=ref.kept, build=html)


@require_POST
def gap_report(request: HttpRequest, pk, slug: str) -> HttpResponse:
    """Opens the gap report of one role of the ranking: the attempt at that role filled in
    from the profile's answers, made the first time it is asked for."""
    profile = _profile_or_404(request, pk)
    if not profile.is_submitted:
        return redirect(profile)
    role = get_object_or_404(Role.objects.jobs(), slug=slug)
    report = gap_report_create(profile=profile, role=role)
    # The browser reaches the report as it reaches the profile: as the browser that started
    # it (so signing up offers both), or through the link it was opened by.
    if started_here(request, profile):
        remember_started(request, report)
    elif not (request.user.is_authenticated and report.owner_id == request.user.pk):
        remember_resumed(request, report)
    return redirect(report)
