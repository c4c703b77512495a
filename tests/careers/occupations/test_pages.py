"""Finding any occupation (search by title or alternate title, browse by major group) and
its page: tasks, skills, Job Zone, pay with its source, related occupations, attribution."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.models import Occupation, OccupationWage, RelatedOccupation, Role
from tests.careers.occupations.slice import (
    ACTORS,
    CASHIERS,
    CSR,
    PAGE_CODES,
    PROJECT_MANAGERS,
    shipped_slice,
)

ATTRIBUTION = "includes information from the O*NET 29.0 Database"


def load_occupations(tmp_path) -> None:
    folder, wages = shipped_slice(tmp_path, PAGE_CODES)
    out = StringIO()
    call_command("load_occupations", "--onet", str(folder), "--wages", str(wages), stdout=out)


@pytest.fixture
def occupations(db, tmp_path):
    load_occupations(tmp_path)


def search(client, text: str):
    return client.get(reverse("careers:occupation_search"), {"q": text})


def test_a_search_finds_an_occupation_by_its_title(client, occupations):
    page = search(client, "customer service").content.decode()
    assert "Customer Service Representatives" in page
    assert "$44,770" in page


def test_a_search_finds_an_occupation_by_an_alternate_title_and_says_which(client, occupations):
    page = search(client, "fast food cashier").content.decode()
    assert "Cashiers" in page
    assert "Also called “Fast Food Cashier”" in page


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a", "Type at least 2 characters"),
        ("x" * 500, "at most 100 characters"),
    ],
)
def test_a_search_too_short_or_too_long_says_so(client, occupations, text, message):
    response = search(client, text)
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "text", ["'; DROP TABLE careers_occupation; --", "<script>alert(1)</script>", "%_%", "\\\\"]
)
def test_a_search_with_sql_or_html_is_just_text(client, occupations, text):
    response = search(client, text)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in page
    assert "No occupation has that title" in page
    assert search(client, "cashier").status_code == 200  # the table is still there


def test_the_search_page_runs_a_fixed_number_of_queries(
    client, occupations, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        assert search(client, "re").status_code == 200


def test_a_search_is_read_once_per_catalog_revision_and_an_edit_shows_at_once(client, occupations):
    """The results of a search are cached under the catalog revision: the same search again
    asks the database nothing about occupations; a renamed occupation is found at once."""
    with CaptureQueriesContext(connection) as first:
        assert "Cashiers" in search(client, "cashier").content.decode()
    with CaptureQueriesContext(connection) as again:
        assert "Cashiers" in search(client, "cashier").content.decode()
    assert len(again) < len(first)
    assert not [q for q in again.captured_queries if "careers_alternatetitle" in q["sql"]]

    cashiers = Occupation.objects.get(code=CASHIERS)
    cashiers.title = "Checkout cashiers"
    cashiers.save()

    assert "Checkout cashiers" in search(client, "cashier").content.decode()


def test_occupations_are_browsed_by_major_group_with_bls_names(client, occupations):
    page = client.get(reverse("careers:occupation_search")).content.decode()
    assert "Office and Administrative Support Occupations" in page
    group = client.get(reverse("careers:occupation_group", args=["43"])).content.decode()
    assert "Customer Service Representatives" in group
    assert "Cashiers" not in group
    assert client.get(reverse("careers:occupation_group", args=["99"])).status_code == 404
    bad_page = client.get(reverse("careers:occupation_group", args=["43"]), {"page": "x"})
    assert bad_page.status_code == 200


def test_the_occupation_page_shows_tasks_skills_job_zone_pay_and_related(
    client, occupations, django_assert_max_num_queries
):
    url = reverse("careers:occupation_detail", args=[CSR])
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert "Confer with customers" in page  # a task
    assert "Active Listening" in page
    assert "Job Zone" in page and "Some Preparation Needed" in page
    assert "$44,770" in page and "2,595,750" in page and "May 2025" in page
    for link in RelatedOccupation.objects.filter(occupation__code=CSR).select_related("related"):
        assert link.get_tier_display() in page
        assert link.related.title in page
    assert ATTRIBUTION in page
    assert "Assess me" in page


def test_an_occupation_without_skill_ratings_has_a_page_that_says_so(client, occupations):
    page = client.get(reverse("careers:occupation_detail", args=[PROJECT_MANAGERS])).content
    assert b"has not rated the skills of this occupation" in page
    assert ATTRIBUTION.encode() in page


def test_a_wage_bls_does_not_publish_reads_not_published_never_zero(client, occupations):
    page = client.get(reverse("careers:occupation_detail", args=[ACTORS])).content.decode()
    assert "not published" in page
    assert "$0" not in page


def test_a_catalog_rung_with_a_soc_code_shows_bls_pay_beside_the_guides(client, catalog, tmp_path):
    load_occupations(tmp_path)
    role = Role.objects.get(slug="customer-service-associate")
    page = client.get(role.get_absolute_url()).content.decode()
    assert role.salary_source in page
    assert "Occupational Employment and Wage Statistics, May 2025, SOC 43-4051" in page
    assert OccupationWage.objects.get(soc_code="43-4051").annual_median == 44_770


def test_the_imported_track_page_is_paginated(client, occupations):
    from careers import views

    track = Role.objects.get(onet_soc_code=CASHIERS).track
    views_per_page, views.ROLES_PER_PAGE = views.ROLES_PER_PAGE, 2
    try:
        first = client.get(track.get_absolute_url()).content.decode()
        last = client.get(track.get_absolute_url(), {"page": "3"}).content.decode()
    finally:
        views.ROLES_PER_PAGE = views_per_page
    assert "Page 1 of 3" in first
    assert "Page 3 of 3" in last


def test_an_occupations_role_page_says_what_preparation_it_takes_not_no_minimum(
    client, occupations, django_assert_max_num_queries
):
    """O*NET states no years of experience for an occupation; its Job Zone says how much
    preparation it takes. Nor does it say anything of leading people or focus areas, and BLS's
    pay stands for the salary the catalog's own roles carry."""
    role = Role.objects.get(onet_soc_code=CSR)
    assert not role.states_years
    # Drawn cold: the page's own eleven and the zone's one.
    with django_assert_max_num_queries(12):
        page = client.get(role.get_absolute_url()).content.decode()
    assert "O*NET Job Zone 2 of 5" in page
    assert "Some Preparation Needed" in page
    assert "Some previous work-related skill, knowledge, or experience is usually needed." in page
    assert "teller" not in page  # the zone's example is the occupation page's to tell
    assert "$44,770" in page
    for unknown in ("No minimum", "Typical experience", "Leading people", "No figures yet"):
        assert unknown not in page
    assert "Focus areas for growth" not in page and "None listed" not in page


def test_an_occupations_role_page_without_bls_pay_says_it_is_not_published(client, occupations):
    page = client.get(Role.objects.get(onet_soc_code=ACTORS).get_absolute_url()).content.decode()
    assert "National median pay (per year)" in page and "not published" in page
    assert "$0" not in page and "No figures yet" not in page


def test_a_catalog_role_keeps_its_years_leading_salary_and_focus_areas(client, catalog):
    role = Role.objects.get(slug="customer-service-associate")
    assert role.states_years
    page = client.get(role.get_absolute_url()).content.decode()
    assert "Typical experience" in page and role.years_experience_display in page
    assert "Leading people" in page
    assert "Salary (per year)" in page and role.salary_source in page
    assert "Focus areas for growth" in page and role.focus_area_list[0] in page
    assert "Preparation ·" not in page


def test_the_occupations_ladder_shows_each_ones_job_zone_not_no_minimum(
    client, occupations, django_assert_max_num_queries
):
    track = Role.objects.get(onet_soc_code=CSR).track
    with django_assert_max_num_queries(6):
        page = client.get(track.get_absolute_url()).content.decode()
    zones = dict(Occupation.objects.values_list("code", "job_zone_id"))
    shown = Role.objects.filter(track=track).exclude(onet_soc_code="")
    assert page.count("Job Zone ") == shown.count()
    assert f"Job Zone {zones[CSR]} of 5" in page
    assert "No minimum" not in page
