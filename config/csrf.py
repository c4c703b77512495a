"""The page a form post gets when its CSRF check fails: the cookie was lost (cleared, blocked,
expired with the session) or the page was open for a very long time.

Django's own page is an unstyled "Forbidden (403) CSRF verification failed". This one says
what happened in plain words and, for a post that carried answers, keeps them: the posted
fields come back as hidden inputs in a form that sends them again to the same address, with
a fresh token (rendering it sets a new CSRF cookie), so one click finishes what the person
meant to do. Nothing secret is carried over: no token, no password.

Answers are kept only for a questionnaire page posted from this site itself (its Origin or
Referer is ours). A failed check may also be a forged cross-site post, and offering to send
a forged form again "with a fresh token" would be exactly the attack the check prevents.
"""

import re
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

# Field names never echoed back into a page.
SECRET_FIELD = re.compile(r"csrf|pass|token|secret", re.IGNORECASE)
MAX_KEPT_FIELDS = 1000  # the form-data limit in settings is lower; this only bounds the page
# The pages whose posts are answers worth keeping.
KEPT_VIEWS = {"assessments:step"}


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    kept = []
    if request.method == "POST" and _keeps_answers(request):
        kept = [
            (name, value)
            for name, values in request.POST.lists()
            if not SECRET_FIELD.search(name)
            for value in values
        ][:MAX_KEPT_FIELDS]
    referer = request.headers.get("referer", "")
    context = {
        "kept": kept,
        "action": request.get_full_path(),
        "back_url": referer if _same_site(request, referer) else "",
    }
    return render(request, "403_csrf.html", context, status=403)


def _same_site(request: HttpRequest, url: str) -> bool:
    """An absolute address on this site ("null" or a relative path is not one)."""
    parts = urlsplit(url)
    return (
        parts.scheme in {"http", "https"}
        and parts.netloc == request.get_host()
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def _keeps_answers(request: HttpRequest) -> bool:
    origin = request.headers.get("origin")
    came_from = origin if origin is not None else request.headers.get("referer", "")
    if not _same_site(request, came_from):
        return False
    try:
        return resolve(request.path_info).view_name in KEPT_VIEWS
    except Resolver404:
        return False
