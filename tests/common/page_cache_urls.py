"""A page served by `render_cached` for tests/common/test_page_cache.py, beside the site's own
URLs (its base template links to them). The page shows the `label` it was rendered with, so a
test sees whether a request got a stored copy or a page of its own."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.html import escape

from common.page_cache import render_cached
from config.urls import urlpatterns as site_urlpatterns

MINE_MARKER = "page-cache-test-mine-goes-here"


def cached_page(request: HttpRequest) -> HttpResponse:
    if "flash" in request.GET:
        messages.info(request, request.GET["flash"])
    form = "no-form" not in request.GET
    context = {"label": request.GET.get("label", ""), "form": form}
    keep = "keep" in request.GET
    # The visitor's own part of the page (`pieces`), drawn at its marker.
    pieces = {}
    if "mine" in request.GET:
        context["mine"] = MINE_MARKER
        pieces[MINE_MARKER] = escape(request.GET["mine"])
    return render_cached(
        request,
        "common/page_cache_test.html",
        context,
        key=f"test-page:{keep}:{form}:{bool(pieces)}",
        keep_in_process=keep,
        pieces=pieces,
    )


def posted(request: HttpRequest) -> HttpResponse:
    return HttpResponse("posted")


urlpatterns = [
    path("cached/", cached_page, name="page_cache_test"),
    path("cached/post/", posted, name="page_cache_post"),
    *site_urlpatterns,
]
