"""Who may open an assessment: the browser that started or resumed it, or its owner.

Anyone else — another person with the URL, a guessed id — gets a 404, never a hint that
the assessment exists. The resume link carries its own secret token and works from any
device, so an expired session never locks a person out of their answers.
"""

from django.http import Http404, HttpRequest

from assessments.models import Assessment
from careers.models import Role

SESSION_KEY = "assessment_ids"


def session_assessment_ids(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def remember(request: HttpRequest, assessment: Assessment) -> None:
    ids = session_assessment_ids(request)
    if str(assessment.pk) not in ids:
        request.session[SESSION_KEY] = [*ids, str(assessment.pk)]


def visible_assessments(request: HttpRequest):
    return Assessment.objects.visible_to(
        user=request.user, session_ids=session_assessment_ids(request)
    )


def unfinished_assessment(request: HttpRequest, role: Role) -> Assessment | None:
    """The visitor's assessment in progress for this role. A first-time visitor has none,
    and most visitors are first-time visitors: they cost no query."""
    if not request.user.is_authenticated and not session_assessment_ids(request):
        return None
    return visible_assessments(request).in_progress().filter(role=role).first()


def get_visible_assessment_or_404(request: HttpRequest, pk) -> Assessment:
    try:
        return visible_assessments(request).select_related("role__track").get(pk=pk)
    except Assessment.DoesNotExist:
        raise Http404("No such assessment.") from None
