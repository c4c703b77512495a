import copy
import json
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments.access import (
    claim_offer_answered,
    drawn_assessment,
    earlier_attempts,
    get_visible_assessment_or_404,
    is_own,
    prefill_sources,
    public_link_with_result_or_404,
    reachable_result_or_404,
    remember_resumed,
    remember_started,
    started_here,
    unfinished_assessment,
    visible_assessments,
)
from assessments.fields import (
    DIRECTION,
    YEARS_EXPERIENCE,
    YEARS_LEADING,
    Direction,
    link_field,
    note_field,
    rating_field,
    scenario_field,
)
from assessments.forms import (
    IndustryForm,
    PublicLinkForm,
    QuestionnairePageForm,
    ResumeLinkEmailForm,
)
from assessments.models import Assessment, PublicLink, Result
from assessments.owner_parts import (
    PUBLIC_LINKS,
    marker,
    owner_parts_in,
    owner_parts_key,
    with_owner_parts,
)
from assessments.prefill import NONE as NO_PRIORS
from assessments.prefill import levels_shown, page_prefill, prefilled_ids, prior_answers
from assessments.presenters import (
    answered_skill_ids,
    extension_minutes,
    kept_page,
    owner_view,
    page_slot,
    public_view,
    result_context,
    result_page_key,
    stored_result,
)
from assessments.question_html import cached_piece
from assessments.questionnaire import (
    QuestionnaireShape,
    Steps,
    asked_rows,
    find_unanswered,
    questionnaire_shape,
    questionnaire_steps,
    review_rows,
)
from assessments.questionnaire_read import (
    KeptAttempt,
    kept_attempt,
    questionnaire_read_or_404,
    saved_answers,
)
from assessments.services import (
    AssessmentIncomplete,
    ResumeLinkMailLimit,
    answers_save,
    assessment_extend,
    assessment_industry_set,
    assessment_start,
    assessment_submit,
    assessments_claim,
    public_link_create,
    public_link_revoke,
    resume_link_send,
)
from careers.models import Role
from careers.revision import current_revision, questionnaire_rungs
from common.http import never_cache
from common.page_cache import (
    cached_html,
    named_once,
    page_key,
    render_cached,
    renders_fresh,
)

RESULT_CACHE_SECONDS = 24 * 60 * 60


@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    role = get_object_or_404(Role, slug=slug)
    unfinished = request.POST.get("restart") != "1" and unfinished_assessment(request, role)
    if unfinished:
        messages.info(request, _("Welcome back: here is where you stopped."))
        return redirect(unfinished)
    assessment = assessment_start(role=role, owner=request.user)
    remember_started(request, assessment)
    return redirect("assessments:step", assessment.pk, 1)


def resume(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment.objects.resumable(token))
    remember_resumed(request, assessment)
    return redirect(assessment)


def _lost_access(request: HttpRequest) -> HttpResponse:
    """What a questionnaire address shows a browser that cannot open it — mostly one whose
    session expired: how to get back in, never "the link has a typo". The same page (and a
    404) whether or not the assessment exists, so it tells a stranger nothing."""
    context = {
        "posted": request.method == "POST",
        "login_url": f"{reverse('accounts:login')}?{urlencode({'next': request.path})}",
    }
    return render(request, "assessments/lost_access.html", context, status=404)


@never_cache
def step(request: HttpRequest, pk, number: int) -> HttpResponse:
    if request.method == "POST" and (kept := kept_attempt(request, pk)) is not None:
        saved = _save_ratings_page(request, kept, number)
        if saved is not None:
            return saved
    try:
        read = questionnaire_read_or_404(request, pk)
    except Http404:
        return _lost_access(request)
    assessment, revision = read.assessment, read.revision
    if assessment.is_submitted:
        return _already_submitted(request, assessment)
    ratings, chosen = read.answers.ratings, read.answers.chosen
    shape = _shape(assessment, revision)
    if number > shape.page_count:
        return redirect("assessments:review", assessment.pk)
    if number < 1:
        return redirect("assessments:step", assessment.pk, 1)
    pages = shape.pages_for(read.answers.levels)
    # Earlier answers are read to show a page, and to post the situations page, whose items
    # were chosen from the levels shown (prefilled ones included).
    priors = NO_PRIORS
    if request.method != "POST" or pages[number - 1].is_situations:
        priors = prior_answers(prefill_sources(request, assessment), revision=revision)
        if priors:
            pages = _pages(assessment, ratings, priors, revision=revision)
    page = pages[number - 1]

    if request.method == "POST":
        form = QuestionnairePageForm(
            request.POST,
            page=page,
            ask_experience=_asks_experience(assessment, number),
            revision=revision,
        )
        form.is_valid()
        destination = _destination(Direction.parse(request.POST.get(DIRECTION)), number, len(pages))
        saved_now = answers_save(
            assessment=assessment,
            page=page,
            answers=form.page_answers(),
            last_step=number if form.errors else destination,
        )
        if not saved_now:  # submitted since it was read (another tab, at the same moment)
            assessment.status = Assessment.Status.SUBMITTED
            return _already_submitted(request, assessment)
        if not form.errors:
            if destination > len(pages):
                return redirect("assessments:review", assessment.pk)
            return redirect("assessments:step", assessment.pk, destination)
        answers = saved_answers(assessment)
        ratings, chosen = answers.ratings, answers.chosen
        pages = _pages(assessment, ratings, priors, revision=revision)
    else:
        prefilled, shown = page_prefill(
            page,
            priors,
            saved_ratings=ratings,
            saved_choices=chosen,
            assessment=assessment if number == 1 else None,
        )
        form = QuestionnairePageForm(
            initial=_initial(assessment, page, ratings, chosen),
            page=page,
            ask_experience=_asks_experience(assessment, number),
            prefilled=prefilled,
            priors=shown,
            revision=revision,
        )
    steps = _steps(pages, number, ratings, chosen, priors, sizes=shape.sizes)
    context = {
        "assessment": assessment,
        "form": form,
        "page": page,
        "steps": steps,
        "has_prefilled": form.has_prefilled,
        # What differs per person (`STEP_PIECES`):
        "progress": _progress(steps, assessment, revision),
        "step_url": reverse("assessments:step", args=[assessment.pk, number]),
        "baseline_inputs": form.baseline_inputs,
        "questions_html": form.questions_html,
        **_resume_link(request, assessment),
    }
    if form.is_bound:  # answers that need another look: this request's errors
        return render(request, "assessments/step.html", context)
    layout = f"{assessment.role_id}:{revision}:{number}:{len(pages)}:{int(form.has_prefilled)}"
    return _render_step(request, context, key=f"questionnaire:{layout}")


def _save_ratings_page(request: HttpRequest, kept: KeptAttempt, number: int) -> HttpResponse | None:
    """A page of ratings posted without a mistake, saved from the attempt's kept facts: one
    round trip to the database, the write. None, having written nothing, for anything else —
    the situations page (chosen from the answers saved), a page to show again with its
    errors, an address past the pages, or a write whose guard no longer holds — which `step`
    then answers from the database."""
    assessment, revision = kept.assessment, kept.revision
    shape = _shape(assessment, revision)
    if not 1 <= number <= len(shape.pages):
        return None
    form = QuestionnairePageForm(
        request.POST,
        page=shape.pages[number - 1],
        ask_experience=_asks_experience(assessment, number),
        revision=revision,
    )
    if not form.is_valid():
        return None
    destination = _destination(
        Direction.parse(request.POST.get(DIRECTION)), number, shape.page_count
    )
    if not answers_save(
        assessment=assessment,
        page=shape.pages[number - 1],
        answers=form.page_answers(),
        last_step=destination,
        unchanged=kept.unchanged(),
        revision=revision,
    ):
        return None
    if destination > shape.page_count:
        return redirect("assessments:review", assessment.pk)
    return redirect("assessments:step", assessment.pk, destination)


def _already_submitted(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    if request.method == "POST":
        messages.info(request, _("This assessment is already submitted; nothing was changed."))
    return redirect(assessment)


def _progress(steps: Steps, assessment: Assessment, revision: int) -> str:
    """The progress line, drawn once per role, catalog revision, language and figures: it
    shows nothing else, and a person meets the same figures on every visit to a page."""
    figures = (
        steps.current,
        steps.count,
        str(steps.name),
        steps.first_question,
        steps.questions_total,
        steps.questions_answered,
        steps.minutes_left,
    )
    return cached_piece(
        ("progress", assessment.role_id, revision, get_language(), figures),
        lambda: render_to_string(
            "assessments/_progress.html", {"steps": steps, "assessment": assessment}
        ),
    )


# What a questionnaire page shows of the person who answers it (the rest is the same for
# everyone answering that page of that role): kept out of the page's cached HTML.
STEP_PIECES = (
    "progress",
    "step_url",
    "baseline_inputs",
    "questions_html",
    "resume_url",
    "resume_email_url",
    "resume_back",
)
STEP_MARKERS = {name: f"questionnaire-piece-{name}-goes-here" for name in STEP_PIECES}


def _render_step(request: HttpRequest, context: dict, *, key: str) -> HttpResponse:
    """The page's HTML kept whole per `key` (the role, catalog revision, page and what its
    layout depends on; `render_cached` adds the language, the navigation and the CSRF token),
    rendered once with a marker for each of `STEP_PIECES` and kept cut there, so that each
    request joins its own pieces in without searching the page. Building those pieces is the
    work left per request."""
    markers = STEP_MARKERS
    return render_cached(
        request,
        "assessments/step.html",
        {**context, **markers, "form": None},
        key=key,
        keep_in_process=True,  # the key holds the catalog revision: nothing else changes it
        pieces={marker: conditional_escape(context[name]) for name, marker in markers.items()},
    )


def _asks_experience(assessment: Assessment, number: int) -> bool:
    """Years in customer-facing work and leading people, on the first page; never for the
    skills profile, whose answers rank every kind of work."""
    return number == 1 and not assessment.role.is_skills_profile


def _resume_link(request: HttpRequest, assessment: Assessment) -> dict:
    return {
        "resume_url": request.build_absolute_uri(assessment.get_resume_url()),
        "resume_email_url": reverse("assessments:resume_link_email", args=[assessment.pk]),
        "resume_back": request.get_full_path(),
        "resume_days": settings.RESUME_LINK_MAX_AGE.days,
        # Built only when the page is drawn, not when it comes from the cache.
        "resume_email_form": SimpleLazyObject(ResumeLinkEmailForm),
    }


@require_POST
def email_resume_link(request: HttpRequest, pk) -> HttpResponse:
    try:
        assessment = get_visible_assessment_or_404(request, pk)
    except Http404:
        return _lost_access(request)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = assessment.get_absolute_url()
    if assessment.is_submitted:
        return redirect(assessment)
    form = ResumeLinkEmailForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter an e-mail address such as name@example.com."))
        return redirect(back)
    try:
        resume_link_send(
            assessment=assessment,
            email=form.cleaned_data["email"],
            resume_url=request.build_absolute_uri(assessment.get_resume_url()),
        )
    except ResumeLinkMailLimit:
        messages.error(
            request, _("The link was e-mailed three times in the last hour; try again later.")
        )
    else:
        messages.success(
            request,
            _("The link is on its way to %(email)s. We keep no copy of the address.")
            % {"email": form.cleaned_data["email"]},
        )
    return redirect(back)


def _steps(pages, number: int, ratings: dict, chosen: dict, priors=NO_PRIORS, sizes=None) -> Steps:
    prefilled_skills, prefilled_items = prefilled_ids(
        pages, priors, saved_ratings=ratings, saved_choices=chosen
    )
    return questionnaire_steps(
        pages,
        number,
        review_name=_("Review"),
        rated_skill_ids={skill_id for skill_id, r in ratings.items() if r.level is not None},
        answered_item_ids=set(chosen),
        prefilled_skill_ids=prefilled_skills,
        prefilled_item_ids=prefilled_items,
        sizes=sizes,
    )


def _destination(direction: Direction, number: int, page_count: int) -> int:
    """The page a button leads to; the review step counts as page_count + 1. "stay" is the
    background autosave: it saves without moving on."""
    if direction == Direction.STAY:
        return number
    if direction == Direction.BACK:
        return max(number - 1, 1)
    if direction == Direction.REVIEW:
        return page_count + 1
    return number + 1


def _initial(assessment: Assessment, page, ratings: dict, chosen_option_ids: dict) -> dict:
    initial = {
        YEARS_EXPERIENCE: assessment.years_experience,
        YEARS_LEADING: assessment.years_leading,
    }
    for skill in page.skills:
        if rating := ratings.get(skill.pk):
            initial[rating_field(skill)] = rating.level
            initial[note_field(skill)] = rating.evidence_note
            initial[link_field(skill)] = rating.evidence_url
    for item in page.scenario_items:
        for option in item.options.all():
            if chosen_option_ids.get(item.pk) == option.pk:
                initial[scenario_field(item)] = option.slug
    return initial


def extend_url(assessment: Assessment, role_slug: str) -> str:
    """Where the result's "answer them" link for another rung leads."""
    return reverse("assessments:extend", args=[assessment.pk, role_slug])


@require_http_methods(["GET", "POST"])
def extend(request: HttpRequest, pk, slug: str) -> HttpResponse:
    """A finished assessment, extended to another rung of its ladder. GET says what it takes
    ("6 more skills, about 3 minutes"); POST starts a new attempt holding every answer
    already given, opened at the first question that rung adds."""
    source = get_visible_assessment_or_404(request, pk)
    if not source.is_submitted or not is_own(request, source):
        raise Http404("Only your own finished assessment can be extended.")
    role = get_object_or_404(Role, slug=slug, track_id=source.role.track_id)
    revision = current_revision()
    target, below = questionnaire_rungs(role.pk, revision)
    rows = asked_rows(target, below)
    skill_ids = {requirement.skill.pk for requirement in rows}
    if request.method == "GET":
        answered = answered_skill_ids(source)
        added = {r.skill.pk: r.skill for r in rows if r.skill.pk not in answered}
        own = {r.skill.pk for r in target}
        # The result's "N skills not assessed yet" counts the rung's own skills; the new
        # attempt also asks the key skills the rung below adds (as every questionnaire does),
        # said apart.
        below_added = [skill for pk, skill in added.items() if pk not in own]
        context = {
            "source": source,
            "role": role,
            "added": [skill for pk, skill in added.items() if pk in own],
            "below_added": below_added,
            "below_role": Role.objects.filter(track_id=role.track_id, rank=role.rank - 1).first()
            if below_added
            else None,
            "minutes": extension_minutes(role.pk, revision, answered),
        }
        return render(request, "assessments/extend.html", context)
    assessment = assessment_extend(
        source=source, role=role, owner=request.user, skill_ids=skill_ids
    )
    remember_started(request, assessment)
    return _open_extension(request, assessment, role)


def _open_extension(request: HttpRequest, assessment: Assessment, role: Role) -> HttpResponse:
    pages, ratings, options = _answers(assessment)
    rated = {skill_id for skill_id, rating in ratings.items() if rating.level is not None}
    unanswered = find_unanswered(pages, rated, set(options))
    messages.info(
        request,
        ngettext(
            "Your answers are carried over: %(count)d more question to see whether you are "
            "ready for %(role)s.",
            "Your answers are carried over: %(count)d more questions to see whether you are "
            "ready for %(role)s.",
            len(unanswered),
        )
        % {"count": len(unanswered), "role": role.title},
    )
    if not unanswered:
        return redirect("assessments:review", assessment.pk)
    return redirect("assessments:step", assessment.pk, unanswered[0].page_number)


@never_cache
def review(request: HttpRequest, pk) -> HttpResponse:
    try:
        assessment = get_visible_assessment_or_404(request, pk)
    except Http404:
        return _lost_access(request)
    if assessment.is_submitted:
        return redirect(assessment)
    pages, ratings, options = _answers(assessment)
    rated = {skill_id for skill_id, rating in ratings.items() if rating.level is not None}
    unanswered = find_unanswered(pages, rated, set(options))
    submit_failed = False
    if request.method == "POST":
        previous = (
            earlier_attempts(request, assessment)
            .submitted()
            .filter(role=assessment.role)
            .order_by("-submitted_at")
            .first()
        )
        try:
            assessment = assessment_submit(assessment=assessment, pages=pages, previous=previous)
        except AssessmentIncomplete as incomplete:
            unanswered, submit_failed = incomplete.unanswered, True
        else:
            if not started_here(request, assessment):
                # Submitting retired the resume link; the browser that submitted keeps
                # reading the result it just finished.
                remember_resumed(request, assessment)
            messages.success(request, _("Your assessment is submitted."))
            return redirect(assessment)
    context = {
        "assessment": assessment,
        "pages": pages,
        "rows": review_rows(pages, ratings, options),
        "unanswered": unanswered,
        "submit_failed": submit_failed,
        "steps": _steps(pages, len(pages) + 1, ratings, options),
        **_resume_link(request, assessment),
    }
    return render(request, "assessments/review.html", context)


@never_cache
def result(request: HttpRequest, pk) -> HttpResponse:
    slot_of = named_once(lambda visitor_id: page_slot("result", pk, visitor_id))
    ref = reachable_result_or_404(
        request, pk, with_sharing=True, also=lambda visitor_id: [slot_of(visitor_id)]
    )
    slot = slot_of(request.user.pk)
    assessment = ref.assessment
    if ref.result_id is None:
        return redirect(assessment)
    # The signed-in owner sees the sharing panel; a browser holding an anonymous attempt (or
    # its resume link) sees the same report without it.
    is_owner = request.user.is_authenticated and assessment.owner_id == request.user.pk

    def context() -> dict:
        whole = drawn_assessment(ref)
        return {
            **result_context(whole, stored_result(ref)),
            "json_url": reverse("assessments:result_json", args=[assessment.pk]),
            "industry_form": IndustryForm(initial={"industry": whole.industry}),
            "is_owner": is_owner,
            "link_form": PublicLinkForm() if is_owner else None,
            "public_links_marker": marker(PUBLIC_LINKS),
        }

    key = result_page_key(
        ref, view=owner_view(), comparison=True, detail="owner" if is_owner else "holder"
    )
    if renders_fresh(request):  # a message to show: drawn for this request alone
        response = render(request, "assessments/result.html", context())
        if is_owner:
            response.content = with_owner_parts(response.content, request, ref)
        return response

    def html() -> str:
        page = cached_html(request, "assessments/result.html", context, key=key)
        return owner_parts_in(page, request, ref) if is_owner else page

    # The page and the owner's parts kept as one copy, under both their keys.
    full_key = page_key(request, key)
    if is_owner:
        full_key = f"{full_key}:{owner_parts_key(request, ref)}"
    return kept_page(request, slot=slot, key=full_key, found=ref.kept, build=html)


@require_POST
def set_industry(request: HttpRequest, pk) -> HttpResponse:
    """The industry whose resources the next steps show; whoever may read the result may
    choose it, an anonymous attempt's browser too."""
    assessment = get_visible_assessment_or_404(request, pk)
    form = IndustryForm(request.POST)
    if form.is_valid():
        assessment_industry_set(assessment=assessment, industry=form.cleaned_data["industry"])
        messages.success(request, _("The next steps now show the resources for your industry."))
    else:
        messages.error(request, _("Choose an industry from the list."))
    return redirect(f"{assessment.get_absolute_url()}#next-steps-heading")


@require_POST
def create_public_link(request: HttpRequest, pk) -> HttpResponse:
    assessment, stored = _submitted_result(request, pk)
    # A signed-in owner only: a link made for an anonymous attempt could never be revoked,
    # and holding a resume link gives access to an attempt, not the right to publish it.
    if (
        stored is None
        or not request.user.is_authenticated
        or assessment.owner_id != request.user.pk
    ):
        raise Http404("Only the signed-in owner of a finished result can share it.")
    form = PublicLinkForm(request.POST)
    if form.is_valid():
        link = public_link_create(assessment=assessment, **form.cleaned_data)
        messages.success(request, _("Read-only link created."))
        # The sharing panel shows the new link in full, with a copy button.
        return redirect(f"{assessment.get_absolute_url()}?new_link={link.pk}#sharing")
    return redirect(f"{assessment.get_absolute_url()}#sharing")


@require_POST
def revoke_public_link(request: HttpRequest, link_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    link = get_object_or_404(PublicLink, pk=link_id, assessment__owner=request.user)
    public_link_revoke(link=link)
    messages.success(request, _("The link is revoked; it no longer shows anything."))
    return redirect(f"{link.assessment.get_absolute_url()}#sharing")


@never_cache
def public_result(request: HttpRequest, token: str) -> HttpResponse:
    link, ref = public_link_with_result_or_404(token)
    if ref.result_id is None:
        raise Http404("No stored result to show.")
    if not link.is_usable:
        # Gone for good, and saying so beats "perhaps it was renamed".
        response = render(request, "assessments/link_gone.html", {"link": link}, status=410)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    view = public_view(
        show_evidence=link.show_evidence, show_answer_quality=link.show_answer_quality
    )

    def context() -> dict:
        whole = drawn_assessment(ref)
        return {
            **result_context(whole, stored_result(ref), view=view, shown_ids=[]),
            "read_only": True,
            "public_link": link,
        }

    key = result_page_key(
        ref,
        view=view,
        comparison=False,
        detail=f"until-{link.expires_at:%Y%m%dT%H%M%S}",  # the page says until when it works
    )
    response = render_cached(request, "assessments/result.html", context, key=key)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def result_json(request: HttpRequest, pk) -> HttpResponse:
    # Kept per assessment with the id of the result it shows, and read in the same round trip
    # as the access: a new result (a new version after re-scoring) replaces it.
    slot = f"result-json:{pk}"
    ref = reachable_result_or_404(request, pk, also=lambda visitor_id: [slot])
    if ref.result_id is None:
        raise Http404("This assessment is not finished.")
    kept = ref.kept[slot] if slot in ref.kept else caches["default"].get(slot)
    if kept is None or kept[0] != ref.result_id:
        # The document is loaded only now, and serialised once per result.
        document = with_extension_urls(stored_result(ref).document, ref.assessment)
        body = json.dumps(document, ensure_ascii=False, cls=DjangoJSONEncoder).encode()
        kept = (ref.result_id, body)
        caches["default"].set(slot, kept, RESULT_CACHE_SECONDS)
    return HttpResponse(kept[1], content_type="application/json")


def with_extension_urls(document: dict, assessment: Assessment) -> dict:
    """The stored document with a `url` on each "answer them" extension (the role's, each
    rung's and aiming low's rungs above). A finished assessment's JSON is served only to its
    own person (a resume link stops opening it once submitted), the one who may extend it.
    The stored snapshot itself stays as scored."""
    document = copy.deepcopy(document)
    ladder = document.get("ladder") or {}
    aiming_low = (document.get("flags") or {}).get("aiming_low") or {}
    extensions = [
        document.get("extension"),
        *(rung.get("extension") for rung in ladder.get("rungs", [])),
        *aiming_low.get("extension", []),
    ]
    for extension in extensions:
        if extension:
            extension["url"] = extend_url(assessment, extension["role"])
    return document


def _submitted_result(
    request: HttpRequest, pk, defer=("inputs",)
) -> tuple[Assessment, Result | None]:
    """The assessment and its latest stored result (None while it is unfinished). The
    scoring inputs are never shown, so they are not read."""
    assessment = get_visible_assessment_or_404(request, pk)
    if not assessment.is_submitted:
        return assessment, None
    return assessment, assessment.results.defer(*defer).with_catalog_revision().first()


@login_required
@require_POST
def claim(request: HttpRequest) -> HttpResponse:
    """The answer to "add this browser's attempts to your account?", asked once after
    signing in. Only the attempts offered then are added, and only on a yes."""
    offered = claim_offer_answered(request)
    if request.POST.get("answer") == "yes" and offered:
        count = assessments_claim(user=request.user, assessment_ids=offered)
        messages.success(
            request,
            ngettext(
                "Added %(count)d assessment to your account.",
                "Added %(count)d assessments to your account.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Nothing was added to your account."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("accounts:home")
    return redirect(next_url)


def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = visible_assessments(request).select_related("role").with_latest_score()
    return render(request, "assessments/assessment_list.html", {"assessments": assessments})


def _answers(assessment: Assessment):
    """The questionnaire's pages, the ratings by skill id and the chosen options by item id."""
    ratings = {rating.skill_id: rating for rating in assessment.ratings.all()}
    pages = _pages(assessment, ratings)
    chosen = assessment.scenario_answers.select_related("option")
    return pages, ratings, {answer.item_id: answer.option for answer in chosen}


def _pages(assessment: Assessment, ratings: dict, priors=NO_PRIORS, revision: int | None = None):
    """The questionnaire's pages — the target's skills and those the rung below adds — its
    situations chosen from the saved `ratings`, or where none is saved the prefilled one."""
    if revision is None:
        revision = current_revision()
    shape = _shape(assessment, revision)
    saved = {skill_id: r.level for skill_id, r in ratings.items() if r.level is not None}
    return shape.pages_for(levels_shown(shape.rows, priors, saved) if priors else saved)


def _shape(assessment: Assessment, revision: int) -> QuestionnaireShape:
    role = assessment.role
    return questionnaire_shape_for(role.pk, role.rank, revision, get_language())


@lru_cache(maxsize=64)
def questionnaire_shape_for(
    role_id: int, rank: int, revision: int, language: str | None
) -> QuestionnaireShape:
    """The questionnaire of a role as the catalog of `revision` has it, once per process (the
    situations' cap counts the level names' length, so once per language too)."""
    target, below = questionnaire_rungs(role_id, revision)
    return questionnaire_shape(target, below=below, rank=rank)
