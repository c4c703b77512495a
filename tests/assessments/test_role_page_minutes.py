"""The role page's "About N minutes" is the progress line's "about N minutes left" on the
first questionnaire page: the same estimate of the same questions, the rung below's included,
and for a returning person their prefilled answers at a glance's cost."""

import re

import pytest
from django.urls import reverse

from careers.models import Role
from tests.assessments.scoring_cases import CASES
from tests.assessments.test_scoring_cases_pages import answer_through_the_pages

RUNGS = [
    "junior-customer-service-associate",  # the entry rung: nothing below
    "customer-service-associate",
    "customer-service-specialist",
    "customer-service-team-lead",
]


@pytest.mark.parametrize("slug", RUNGS)
def test_the_role_page_promises_the_minutes_the_first_page_counts(client, catalog, slug):
    role = Role.objects.get(slug=slug)
    role_page = client.get(role.get_absolute_url()).content.decode()
    (promised,) = re.findall(r"About (\d+) minutes?\.", role_page)
    first_page = client.post(reverse("assessments:start", args=[slug]), follow=True)
    (left,) = re.findall(r"about (\d+) minutes? left", first_page.content.decode())
    assert promised == left


@pytest.mark.parametrize("slug", RUNGS[:2])
def test_a_returning_person_is_promised_the_minutes_of_their_prefilled_questionnaire(
    client, catalog, slug
):
    """After a finished Junior assessment, a retake and the rung above start prefilled: the
    role page says what the first page will say, not the first-time figure."""
    url = Role.objects.get(slug=slug).get_absolute_url()
    first_time = re.findall(r"About (\d+) minutes?\.", client.get(url).content.decode())
    (case,) = [c for c in CASES if c.name == "over-qualified-for-an-entry-role"]
    client.post(reverse("assessments:review", args=[answer_through_the_pages(client, case).pk]))
    role_page = client.get(url).content.decode()
    (promised,) = re.findall(r"About (\d+) minutes?\.", role_page)
    first_page = client.post(
        reverse("assessments:start", args=[slug]), {"restart": "1"}, follow=True
    )
    (left,) = re.findall(r"about (\d+) minutes? left", first_page.content.decode())
    assert promised == left
    assert int(promised) < int(first_time[0])
