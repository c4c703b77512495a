"""The role page's "About N minutes" is the progress line's "about N minutes left" on the
first questionnaire page: the same estimate of the same questions, the rung below's included."""

import re

import pytest
from django.urls import reverse

from careers.models import Role

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
