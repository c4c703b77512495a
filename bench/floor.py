"""Views that only `make bench` serves (bench/urls.py): what a request costs before a page
does any work of its own, measured in the same run as /ping.

A signed-in page first reads the session (Redis, with the database behind it) and the user it
names; these views do that and nothing else, so the difference between their row and /ping's
is the floor every signed-in page stands on, and the difference between a page's row and
theirs is the page's own work.
"""

from django.http import HttpRequest, HttpResponse


def signed_in(request: HttpRequest) -> HttpResponse:
    """The session and `request.user` read, as every signed-in page does, and a tiny answer.
    403 for a visitor who is not signed in, so the benchmark counts it as an error."""
    if not request.user.is_authenticated:
        return HttpResponse("not signed in\n", status=403, content_type="text/plain")
    return HttpResponse(f"{request.user.pk}\n", content_type="text/plain")
