import csv
import functools
import hashlib
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.access import drawn_assessment, get_visible_assessment_or_404
from assessments.explore import (
    RANKING_CACHE_SECONDS,
    RankingRef,
    ranking_body,
    ranking_page_key,
)
from assessments.models import Assessment, Result
from assessments.presenters import (
    counselor_view,
    result_context,
    result_page_key,
    stored_result,
)
from assessments.scoring import Verdict
from careers.revision import current_revision
from common import sessions
from common.names import display_name, name_from_parts
from common.page_cache import query_digest, render_cached, render_kept
from common.sessions import reads_with_session
from counselors.access import (
    counselor_required,
    is_counselor,
    shared_result_or_404,
    shared_results,
    shared_with,
)
from counselors.csv_safe import safe_row
from counselors.dashboard import (
    dashboard_keys,
    dashboard_read,
    dashboard_stamp,
    stamp_from,
    version_key,
)
from counselors.forms import InvitationForm, NoteForm, ShareForm
from counselors.group import (
    closest_occupations,
    group_summary,
    latest_per_client_and_role,
    newest_per_client_and_role,
)
from counselors.models import CounselorProfile, Note, Share
from counselors.plan_forms import PlanCommentForm, PlanSuggestForm
from counselors.plans import (
    PlanNotShared,
    plan_comment_create,
    plan_cosign,
    plan_suggest,
    plans_shared_with,
)
from counselors.services import (
    AlreadyShared,
    SharingError,
    counselor_profile_for,
    note_create,
    share_create,
    share_withdraw,
)
from counselors.shared_ranking import shared_ranking_or_404
from plans.access import plan_page_queryset
from plans.cached import CACHE_SECONDS, cache_key, plan_stamp_or_404, shared_plan_stamp
from plans.models import Plan, PlanStep
from plans.views import plan_page_context

VERDICTS = list(Verdict)  # the dashboard filter's choices, best first
CLIENTS_PER_PAGE = 50


# --- The job seeker's side ---------------------------------------------------------------


@login_required
@require_POST
def share_create_view(request: HttpRequest, pk) -> HttpResponse:
    assessment = get_visible_assessment_or_404(request, pk)
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter your counselor's share code to share."))
    else:
        _share_and_say(
            request,
            assessment,
            form.cleaned_data["share_code"],
            whole_role=form.cleaned_data["scope"] == "role",
        )
    return redirect(f"{assessment.get_absolute_url()}#sharing")


def invitation(request: HttpRequest, code: str) -> HttpResponse:
    """A counselor's invitation link (`/share/<code>/`): the client shares a finished result
    with them in one step, without typing the code. Anonymous visitors are asked to sign up
    or log in and come back here."""
    profile = CounselorProfile.objects.with_share_code(code).first()
    if profile is None:
        return render(request, "counselors/invitation_unknown.html", status=404)
    context = {"profile": profile, "counselor_name": display_name(profile.user)}
    if not request.user.is_authenticated or profile.user_id == request.user.pk:
        return render(request, "counselors/invitation.html", context)
    results = (
        Assessment.objects.submitted()
        .filter(owner=request.user)
        .select_related("role")
        .with_latest_score()
        .order_by("-submitted_at")
    )
    form = InvitationForm(request.POST or None, results=results)
    if request.method == "POST" and form.is_valid():
        assessment = form.cleaned_data["assessment"]
        _share_and_say(
            request, assessment, profile.share_code, whole_role=form.cleaned_data["scope"] == "role"
        )
        return redirect(f"{assessment.get_absolute_url()}#sharing")
    return render(request, "counselors/invitation.html", {**context, "form": form})


def _share_and_say(
    request: HttpRequest, assessment: Assessment, code: str, *, whole_role: bool
) -> None:
    """Shares through the one sharing service and tells the person what happened."""
    try:
        share = share_create(
            owner=request.user,
            share_code=code,
            assessment=assessment,
            whole_role=whole_role,
            client_url=request.build_absolute_uri(
                reverse("counselors:client_detail", args=[request.user.pk])
            ),
        )
    except AlreadyShared as already:
        messages.info(request, str(already))
    except SharingError as error:
        messages.error(request, str(error))
    else:
        name = display_name(share.counselor)
        messages.success(request, _("Shared with %(name)s.") % {"name": name})


@login_required
@require_POST
def share_withdraw_view(request: HttpRequest, share_id: int) -> HttpResponse:
    try:
        share_withdraw(owner=request.user, share_id=share_id)
    except Share.DoesNotExist:
        raise Http404("No such share.") from None
    messages.success(request, _("Withdrawn: the counselor no longer sees it."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "accounts:home"
    return redirect(next_url)


# --- The counselor's side ----------------------------------------------------------------


def _shared_results(counselor, *, documents: bool = True, rankings: bool = False):
    """Every shared submitted assessment with its owner, role and latest result, newest first.

    Without `documents`, the results carry only their headline figures (readiness and
    verdict): enough for lists, and it spares reading every result's JSON. With `rankings`,
    the shared skills profiles too, which have no result."""
    latest = Result.objects.order_by("assessment_id", "-scoring_version")
    if documents:
        latest = latest.defer("inputs").with_catalog_revision()
    else:
        latest = latest.only("assessment_id", "scoring_version", "readiness_percent", "verdict")
    return (
        (shared_with(counselor) if rankings else shared_results(counselor))
        .select_related("owner", "role")
        .prefetch_related(Prefetch("results", queryset=latest))
        .order_by("-submitted_at")
    )


DASHBOARD_CACHE_SECONDS = 24 * 60 * 60  # the date is in the key: nothing is read after its day


def _dashboard_slot(request: HttpRequest, user_id: int | None) -> str:
    """Where the counselor's latest copy of this view of their dashboard is kept."""
    return f"counselor-dashboard-slot:{user_id}:{get_language()}:{query_digest(request)}"


def _ranking_slot(user_id: int | None, pk, query: str) -> str:
    """Where the counselor's latest copy of a client's ranking, with the query digest
    `query`, is kept."""
    return f"counselor-ranking-slot:{pk}:{user_id}:{get_language()}:{query}"


@reads_with_session(
    lambda request, user_id: [
        *dashboard_keys(user_id),
        _dashboard_slot(request, user_id),
    ]
)
@login_required  # and a counselor: asked below, from the group names read with the user
def dashboard(request: HttpRequest) -> HttpResponse:
    """Cached whole for each view of it (filters, page) under the counselor's dashboard
    version, which every change of what it shows moves (counselors.signals), the catalog
    revision (role titles), the day (overdue steps) and the site's address (the invitation
    link); `render_kept` adds the language and the navigation. The counselor's latest copy of
    this view and the version come in one read of the shared cache, with the session and the
    user (whose entry holds the group names: who is a counselor)."""
    slot = _dashboard_slot(request, request.user.pk)
    stamp, found = dashboard_read(
        request.user.pk,
        also=[slot],
        read=functools.partial(sessions.get_many, request),
    )
    if not is_counselor(request.user):
        raise Http404("Not a counselor.")
    if stamp is None:  # an admin only added the user to the Counselors group: make the profile
        counselor_profile_for(request.user)
        stamp = dashboard_stamp(request.user.pk)
    today = timezone.localdate()
    fields = [
        request.user.pk,
        stamp,
        today,
        request.build_absolute_uri("/"),
        sorted(request.GET.lists()),
    ]
    digest = hashlib.blake2b(repr(fields).encode(), digest_size=16).hexdigest()
    return render_kept(
        request,
        "counselors/dashboard.html",
        lambda: _dashboard_context(request, today),
        slot=slot,
        key=f"counselor-dashboard:{digest}",
        found=found,
        timeout=DASHBOARD_CACHE_SECONDS,
    )


def _dashboard_context(request: HttpRequest, today: date) -> dict:
    # Plain rows, not model instances: a counselor may see hundreds of shared results, and
    # building an assessment, its owner, its role and its result for each took most of the time.
    shared = (
        shared_with(request.user)
        .with_latest_score()
        .order_by("-submitted_at")
        .values(
            "pk",
            "owner_id",
            "submitted_at",
            "readiness_percent",
            "verdict",
            username=F("owner__username"),
            first_name=F("owner__first_name"),
            last_name=F("owner__last_name"),
            role_slug=F("role__slug"),
            role_title=F("role__title"),
            track_id=F("role__track_id"),
            rank=F("role__rank"),
            is_ranking=F("role__is_skills_profile"),
        )
    )
    role_slug = request.GET.get("role", "")
    verdict = request.GET.get("verdict", "")
    only_overdue = request.GET.get("overdue") == "1"
    plans_by_client: dict[int, list[Plan]] = defaultdict(list)
    for plan in (
        plans_shared_with(request.user)
        .select_related("role")
        .with_progress()
        .with_overdue(today)
        .order_by("role__title")
    ):
        plans_by_client[plan.owner_id].append(plan)
    query = request.GET.get("q", "").strip().lower()
    latest = newest_per_client_and_role(shared, key=lambda row: (row["owner_id"], row["role_slug"]))
    roles = {row["role_slug"]: (row["track_id"], row["rank"], row["role_title"]) for row in latest}
    clients: dict[int, dict] = {}
    for row in latest:
        name = name_from_parts(row["first_name"], row["last_name"], row["username"])
        if role_slug and row["role_slug"] != role_slug:
            continue
        if verdict in VERDICTS and row["verdict"] != verdict:
            continue
        if query and query not in f"{name} {row['username']}".lower():
            continue
        plans = plans_by_client.get(row["owner_id"], [])
        if only_overdue and not any(plan.steps_overdue for plan in plans):  # type: ignore[attr-defined]
            continue
        client = clients.setdefault(
            row["owner_id"], {"pk": row["owner_id"], "name": name, "plans": plans}
        )
        client.setdefault("rows", []).append(row)
    ordered = sorted(clients.values(), key=lambda client: client["name"].lower())
    share_code = counselor_profile_for(request.user).share_code
    page = Paginator(ordered, CLIENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "clients": page.object_list,
        "page_obj": page,
        "roles": [
            {"slug": slug, "title": title}
            for slug, (_track, _rank, title) in sorted(roles.items(), key=lambda item: item[1])
        ],
        "filters": {
            "role": role_slug,
            "verdict": verdict,
            "q": request.GET.get("q", ""),
            "overdue": only_overdue,
        },
        "verdicts": VERDICTS,
        "share_code": share_code,
        "invitation_url": request.build_absolute_uri(
            reverse("counselors:invitation", args=[share_code])
        ),
    }
    return context


@counselor_required
def client_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    shared = list(
        _shared_results(request.user, documents=False, rankings=True).filter(owner_id=user_id)
    )
    if not shared:
        raise Http404("Nothing shared by this person.")
    client = shared[0].owner
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note_create(counselor=request.user, client=client, text=form.cleaned_data["text"])
        messages.success(request, _("Note saved."))
        return redirect("counselors:client_detail", user_id=client.pk)
    attempts_by_role: dict = defaultdict(list)
    rankings = []
    for assessment in shared:
        if assessment.role.is_skills_profile:
            rankings.append(assessment)
        else:
            attempts_by_role[assessment.role].append(assessment)
    context = {
        "client": client,
        "client_name": display_name(client),
        "attempts_by_role": [
            (role, _with_changes(attempts)) for role, attempts in attempts_by_role.items()
        ],
        "rankings": rankings,
        "notes": Note.objects.filter(counselor_id=request.user.pk, client=client),
        "form": form,
    }
    return render(request, "counselors/client_detail.html", context)


def _with_changes(attempts: list) -> list[tuple]:
    """(assessment, result, readiness change since the previous *shared* attempt)."""
    ordered = sorted(attempts, key=lambda a: a.submitted_at)
    rows, previous = [], None
    for assessment in ordered:
        result = assessment.results.all()[0]
        change = None
        if previous is not None:
            change = round(result.readiness_percent - previous.readiness_percent, 1)
        rows.append((assessment, result, change))
        previous = result
    return list(reversed(rows))


@counselor_required
def result_detail(request: HttpRequest, pk) -> HttpResponse:
    # With the client's other results this counselor may see: the comparison with the
    # previous attempt is shown only if that one is among them (a share of one result never
    # reveals the score of another), so the cached page is kept per set of them.
    shared = shared_result_or_404(request.user, pk)
    ref, client_name, shown_ids = shared.ref, shared.client_name, shared.shown_ids
    view = counselor_view(client_name)

    def context() -> dict:
        return {
            **result_context(
                drawn_assessment(ref),
                stored_result(ref),
                view=view,
                shown_ids=shown_ids,
            ),
            "read_only": True,
            "counselor_view": True,
            "client_name": client_name,
        }

    key = result_page_key(
        ref,
        view=view,
        comparison=True,
        detail=f"{ref.assessment.owner_id}:{client_name}:{','.join(shown_ids)}",
    )
    return render_cached(request, "counselors/result.html", context, key=key)


@reads_with_session(
    lambda request, user_id, pk: [
        *dashboard_keys(user_id),
        _ranking_slot(user_id, pk, query_digest(request)),
    ]
)
@login_required  # and a counselor: asked below, from the group names read with the user
def ranking_detail(request: HttpRequest, pk) -> HttpResponse:
    """A client's "Which careers fit me?" ranking, as they see it, read-only: while they
    share that profile (or all their profiles) with this counselor, else a 404.

    With a shared cache the page is kept in the counselor's slot under their dashboard
    version, which every share made, withdrawn or deleted, every client's new name and every
    save or deletion of a client's finished attempt or profile moves (`counselors.signals`):
    a copy found under the current version was drawn after the same access check this request
    would make, so the check (a query) runs only when the page is drawn. The slot, the version
    and the catalog revision come in one read, with the session and the user (whose entry
    holds the group names: who is a counselor)."""
    if not settings.CACHE_IS_SHARED:
        if not is_counselor(request.user):
            raise Http404("Not a counselor.")
        ref, client_name = shared_ranking_or_404(request.user, pk)
        key = ranking_page_key(ref, request, "counselor", client_name)
        return render_cached(
            request,
            "counselors/ranking.html",
            lambda: _ranking_context(request, ref, client_name),
            key=key,
            timeout=RANKING_CACHE_SECONDS,
            keep_in_process=True,
        )
    query = query_digest(request)
    slot = _ranking_slot(request.user.pk, pk, query)
    stamp, found = dashboard_read(
        request.user.pk,
        also=[slot],
        read=functools.partial(sessions.get_many, request),
    )
    if not is_counselor(request.user) or stamp is None:
        raise Http404("Not a counselor.")
    version, revision = stamp
    named = "\0".join(map(str, [pk, request.user.pk, version, revision, request.path]))
    key = "counselor-ranking:" + hashlib.sha256(f"{named}\0{query}".encode()).hexdigest()

    def context() -> dict:
        ref, client_name = shared_ranking_or_404(request.user, pk)
        return _ranking_context(request, ref, client_name)

    return render_kept(
        request,
        "counselors/ranking.html",
        context,
        slot=slot,
        key=key,
        found=found,
        timeout=RANKING_CACHE_SECONDS,
    )


def _ranking_context(request: HttpRequest, ref: RankingRef, client_name: str) -> dict:
    profile = Assessment.objects.select_related("owner", "role").get(pk=ref.profile.pk)
    body = ranking_body(
        request, profile, client_name=client_name, read_only=True, revision=ref.revision
    )
    return {
        "profile": profile,
        "ranking_body": body,
        "client_name": client_name,
        "read_only": True,
    }


@counselor_required
def group(request: HttpRequest) -> HttpResponse:
    rows = latest_per_client_and_role(list(_shared_results(request.user)))
    context = {
        "summary": group_summary(rows),
        "verdicts": VERDICTS,
        "closest": closest_occupations(rows, revision=current_revision()) if rows else [],
    }
    return render(request, "counselors/group.html", context)


@counselor_required
def export_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="shared-results.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Client"),
            _("Username"),
            _("Role"),
            _("Submitted"),
            _("Readiness %"),
            _("Verdict"),
            _("Top gaps"),
            _("Years in customer-facing work"),
            _("Years leading people"),
        ]
    )
    for assessment in _shared_results(request.user):
        document = assessment.results.all()[0].document
        names = {s["skill"]: s["name"] for s in document["skills"]}
        writer.writerow(
            safe_row(
                [
                    display_name(assessment.owner),
                    assessment.owner.get_username(),
                    assessment.role.title,
                    assessment.submitted_at.date().isoformat(),
                    document["readiness_percent"],
                    document["verdict"],
                    "; ".join(names[slug] for slug in document["gaps"][:5]),
                    document["assessment"]["years_experience"],
                    document["assessment"]["years_leading"],
                ]
            )
        )
    return response


# --- A client's plan ---------------------------------------------------------------------


def _shared_plan_or_404(counselor, pk) -> Plan:
    return get_object_or_404(plans_shared_with(counselor), pk=pk)


@counselor_required
def plan_detail(request: HttpRequest, pk) -> HttpResponse:
    """The same page for every counselor the plan is shared with, but kept per counselor when
    the cache is shared: there the page's key holds the counselor's dashboard version, which
    every share made or withdrawn moves, so a page found under it was built after the same
    access check this request would make, and the check runs only when the page is built."""
    today = timezone.localdate()
    if settings.CACHE_IS_SHARED:
        stamp, found = shared_plan_stamp(pk, also=[version_key(request.user.pk)])
        version = stamp_from(request.user.pk, found)
        if stamp is None or version is None:
            raise Http404("No such plan to show.")
        key = cache_key("counselor-page", stamp, today, request.user.pk, version)
    else:
        stamp = plan_stamp_or_404(plans_shared_with(request.user), pk)
        key = cache_key("counselor-page", stamp, today)

    def context() -> dict:
        plan = get_object_or_404(
            plan_page_queryset().filter(pk__in=plans_shared_with(request.user).values("pk")),
            pk=stamp.pk,
        )
        return {
            **plan_page_context(plan, today),
            "client_name": display_name(plan.owner),
            "comment_form": PlanCommentForm(),
            "suggest_form": PlanSuggestForm(plan=plan),
            "step_extra": "counselors/_plan_step_comment.html",
        }

    return render_cached(request, "counselors/plan.html", context, key=key, timeout=CACHE_SECONDS)


def _plan_write(request: HttpRequest, plan: Plan, write) -> HttpResponse:
    """Runs a counselor's write; a share withdrawn meanwhile is a clear refusal."""
    try:
        write()
    except PlanNotShared as refused:
        messages.error(request, str(refused))
        return redirect("counselors:dashboard")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('counselors:plan_detail', args=[plan.pk])}#comments")


@counselor_required
@require_POST
def plan_comment_view(request: HttpRequest, pk) -> HttpResponse:
    plan = _shared_plan_or_404(request.user, pk)
    form = PlanCommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return redirect("counselors:plan_detail", pk=plan.pk)
    step = None
    if form.cleaned_data["step"]:
        step = get_object_or_404(PlanStep, pk=form.cleaned_data["step"], plan=plan)

    def write() -> None:
        plan_comment_create(
            counselor=request.user, plan=plan, text=form.cleaned_data["text"], step=step
        )
        messages.success(request, _("Comment added; your client sees it on their plan."))

    return _plan_write(request, plan, write)


@counselor_required
@require_POST
def plan_suggest_view(request: HttpRequest, pk) -> HttpResponse:
    plan = _shared_plan_or_404(request.user, pk)
    form = PlanSuggestForm(request.POST, plan=plan)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("counselors:plan_detail", pk=plan.pk)

    def write() -> None:
        plan_suggest(counselor=request.user, plan=plan, **form.cleaned_data)
        messages.success(request, _("Step suggested; your client decides."))

    return _plan_write(request, plan, write)


@counselor_required
@require_POST
def plan_cosign_view(request: HttpRequest, pk) -> HttpResponse:
    plan = _shared_plan_or_404(request.user, pk)

    def write() -> None:
        plan_cosign(counselor=request.user, plan=plan)
        messages.success(request, _("You agreed to this plan."))

    return _plan_write(request, plan, write)
