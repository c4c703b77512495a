"""Who may open an assessment: the browser that started it, its owner, or a browser that
opened it through its resume link while that link was valid.

Anyone else — another person with the URL, a guessed id — gets a 404, never a hint that
the assessment exists. The resume link carries its own secret token and works from any
device, so an expired session never locks a person out of their answers. It grants access,
never ownership: claiming on login takes only the attempts this browser started, and lists
and "Assess me" show only those and the account's own.
"""

from django.http import Http404, HttpRequest

from assessments.models import Assessment
from careers.models import Role

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
