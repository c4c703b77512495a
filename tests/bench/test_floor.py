"""The signed-in floor that `make bench` measures: served by the bench's URLconf only, with
production's settings otherwise."""

import pytest
from django.urls import Resolver404, resolve

from tests.test_production import production_python


def test_the_product_has_no_floor_address():
    with pytest.raises(Resolver404):
        resolve("/bench/signed-in")


@pytest.mark.urls("bench.urls")
def test_the_floor_reads_the_session_and_the_user(client, seeker, django_assert_num_queries):
    client.force_login(seeker)
    # The session's row and the user's row, nothing else.
    with django_assert_num_queries(2):
        response = client.get("/bench/signed-in")
    assert response.status_code == 200
    assert response.content.decode() == f"{seeker.pk}\n"


@pytest.mark.urls("bench.urls")
def test_the_floor_refuses_a_visitor_who_is_not_signed_in(client):
    assert client.get("/bench/signed-in").status_code == 403


@pytest.mark.urls("bench.urls")
def test_the_bench_urls_keep_every_page_of_the_product(client, catalog):
    assert client.get("/").status_code == 200
    assert client.get("/ping").status_code == 200


COMPARE_SETTINGS = """
import importlib
bench = importlib.import_module("bench.settings")
prod = importlib.import_module("config.settings.prod")
names = {n for n in dir(prod) if n.isupper()} | {n for n in dir(bench) if n.isupper()}
print(sorted(n for n in names if getattr(bench, n, None) != getattr(prod, n, None)))
"""


def test_the_bench_serves_with_production_settings_but_for_the_urls():
    differing = production_python(COMPARE_SETTINGS, REDIS_URL="redis://127.0.0.1:6379/0")
    assert differing.strip() == "['ROOT_URLCONF']"
