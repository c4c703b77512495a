"""Views that only `make bench` serves (bench/urls.py): what a request costs before a page
does any work of its own, measured in the same run as /ping.

A signed-in page first reads the session (Redis, with the database behind it) and the user it
names; these views do that and nothing else, so the difference between their row and /ping's
is the floor every signed-in page stands on, and the difference between a page's row and
theirs is the page's own work.
"""

from django.http import HttpRequest, HttpResponse

from assessments.questionnaire_read import questionnaire_read_or_404


def signed_in(request: HttpRequest) -> HttpResponse:
    """The session and `request.user` read, as every signed-in page does, and a tiny answer.
    403 for a visitor who is not signed in, so the benchmark counts it as an error."""
    if not request.user.is_authenticated:
        return HttpResponse("not signed in\n", status=403, content_type="text/plain")
    return HttpResponse(f"{request.user.pk}\n", content_type="text/plain")


def questionnaire_read(request: HttpRequest, pk, number: int) -> HttpResponse:
    """What a questionnaire page reads before it draws anything, and a tiny answer: the session,
    then the attempt with its saved answers and the catalog revision in the page's one query
    (`questionnaire_read_or_404`, the same call the page makes). Its row is the most a
    questionnaire page could reach while it reads the answers from the database on every view."""
    read = questionnaire_read_or_404(request, pk)
    body = f"{read.revision} {len(read.answers.ratings)} {len(read.answers.chosen)} {number}\n"
    return HttpResponse(body, content_type="text/plain")
