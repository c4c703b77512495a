"""`common.http.never_cache` writes what Django's `never_cache` writes."""

from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.http import http_date
from django.views.decorators.cache import cache_control
from django.views.decorators.cache import never_cache as djangos_never_cache

from common import http
from common.http import never_cache


def headers_of(decorator, view):
    response = decorator(view)(RequestFactory().get("/"))
    return {name: response.headers.get(name) for name in ("Cache-Control", "Expires")}


def test_a_plain_response_gets_djangos_headers():
    def view(request):
        return HttpResponse("page")

    ours, djangos = headers_of(never_cache, view), headers_of(djangos_never_cache, view)

    assert ours["Cache-Control"] == djangos["Cache-Control"]
    assert ours["Expires"] and djangos["Expires"]


def test_a_response_with_its_own_cache_control_is_merged_as_django_merges_it():
    @cache_control(public=True, max_age=60)
    def view(request):
        return HttpResponse("page")

    ours, djangos = headers_of(never_cache, view), headers_of(djangos_never_cache, view)

    assert ours["Cache-Control"] == djangos["Cache-Control"]
    assert "no-store" in ours["Cache-Control"]


def test_expires_is_the_current_second_as_the_clock_moves(monkeypatch):
    def view(request):
        return HttpResponse("page")

    for now in (1_800_000_000.2, 1_800_000_000.9, 1_800_000_001.0, 1_900_000_000.5):
        monkeypatch.setattr(http.time, "time", lambda now=now: now)
        assert headers_of(never_cache, view)["Expires"] == http_date(now)
