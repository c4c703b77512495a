"""The floors that `make bench` measures (the signed-in floor, the questionnaire read floor):
served by the bench's URLconf only, with production's settings otherwise."""

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.test_production import production_python


@pytest.mark.parametrize(
    "path",
    ["/bench/signed-in", "/bench/read/assessments/00000000-0000-0000-0000-000000000000/step/1/"],
)
def test_the_product_has_no_floor_address(path):
    with pytest.raises(Resolver404):
        resolve(path)


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


@pytest.mark.urls("bench.urls")
def test_the_read_floor_reads_what_a_questionnaire_page_reads(
    client, role, start, django_assert_num_queries
):
    assessment = start(role)
    client.post(
        reverse("assessments:step", args=[assessment.pk, 1]),
        {"rating-crm": "3", "years_leading": "2"},
    )
    path = f"/bench/read{reverse('assessments:step', args=[assessment.pk, 1])}"
    client.get(path)  # the role, once per process and catalog revision
    with django_assert_num_queries(2):  # the session's row and the page's one query
        response = client.get(path)
    assert response.status_code == 200
    revision, ratings, chosen, number = response.content.decode().split()
    assert (int(revision) > 0, ratings, chosen, number) == (True, "1", "0", "1")


@pytest.mark.urls("bench.urls")
def test_the_read_floor_opens_only_what_the_questionnaire_page_opens(client, role, start):
    """Another browser gets the page's own 404 for an attempt it did not start."""
    assessment = start(role)
    path = f"/bench/read{reverse('assessments:step', args=[assessment.pk, 1])}"
    assert client.get(path).status_code == 200
    assert Client().get(path).status_code == 404


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
