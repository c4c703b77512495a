"""A person chooses their industry on the result: resources that only another industry needs
leave the next steps (and the plan made from them); with no choice they are shown, marked."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment, PublicLink
from assessments.services import assessment_industry_set
from plans.models import Plan
from tests.assessments import test_result_page
from tests.assessments.test_result import result_url, submit

# The result page's own fixtures: a result with CRM resources, one of them for insurers only.
resources = test_result_page.resources
owner_result = test_result_page.owner_result

INSURANCE_ONLY = "Insurance CRM workflows"  # the only resource for CRM 2 → 3


def choose(client, assessment, industry: str):
    return client.post(
        reverse("assessments:industry", args=[assessment.pk]), {"industry": industry}
    )


def test_without_a_choice_every_resource_shows_and_industry_ones_are_marked(client, owner_result):
    html = client.get(result_url(owner_result)).content.decode()
    assert INSURANCE_ONLY in html and "for Insurance roles" in html
    assert '<option value="" selected>Any industry</option>' in html


def test_another_industry_leaves_them_out_also_of_a_page_already_cached(client, owner_result):
    assert INSURANCE_ONLY in client.get(result_url(owner_result)).content.decode()
    response = choose(client, owner_result, "retail")
    assert response["Location"] == f"{result_url(owner_result)}#next-steps-heading"
    assert Assessment.objects.get(pk=owner_result.pk).industry == "retail"
    html = client.get(result_url(owner_result)).content.decode()
    assert INSURANCE_ONLY not in html
    top = html[html.index("Your top gap — and the first step for it") :]
    assert "To close it: about 4 hours, free" in top  # the 2 → 3 step has no resource now
    assert "Resources that fit any industry, and those for Retail roles." in html
    assert '<option value="retail" selected>' in html
    # Back to any industry: they return.
    choose(client, owner_result, "")
    assert INSURANCE_ONLY in client.get(result_url(owner_result)).content.decode()


def test_its_own_industry_keeps_them(client, owner_result):
    choose(client, owner_result, "insurance")
    html = client.get(result_url(owner_result)).content.decode()
    assert INSURANCE_ONLY in html
    assert "To close it: about 14 hours, $40" in html


def test_an_unknown_industry_changes_nothing(client, owner_result):
    response = choose(client, owner_result, "mining")
    assert response.status_code == 302
    assert Assessment.objects.get(pk=owner_result.pk).industry == ""
    assert "Choose an industry from the list." in client.get(response["Location"]).content.decode()
    with pytest.raises(ValidationError):
        assessment_industry_set(assessment=owner_result, industry="mining")


def test_the_browser_of_an_anonymous_attempt_may_choose_and_a_stranger_may_not(
    client,
    role,
    start,
    resources,
):
    attempt = submit(client, start(role), crm="1", typing="4", empathy="2")
    assert choose(client, attempt, "healthcare").status_code == 302
    assert Assessment.objects.get(pk=attempt.pk).industry == "healthcare"
    assert choose(Client(), attempt, "retail").status_code == 404
    assert Assessment.objects.get(pk=attempt.pk).industry == "healthcare"


def test_choosing_needs_the_csrf_token(seeker, owner_result):
    client = Client(enforce_csrf_checks=True)
    client.force_login(seeker)
    assert choose(client, owner_result, "retail").status_code == 403
    assert Assessment.objects.get(pk=owner_result.pk).industry == ""


def test_counselor_and_public_views_follow_the_persons_choice(client, owner_result):
    choose(client, owner_result, "retail")
    link = PublicLink.objects.create(assessment=owner_result, expires_at="2099-01-01T00:00:00Z")
    html = Client().get(link.get_absolute_url()).content.decode()
    assert "Intro to CRM" in html and INSURANCE_ONLY not in html
    assert 'name="industry"' not in html  # only the person chooses


def test_a_plan_takes_the_resources_of_the_chosen_industry(client, owner_result):
    choose(client, owner_result, "retail")
    client.post(
        reverse("plans:create", args=[owner_result.pk]),
        {"hours_per_week": 5, "start_date": timezone.localdate().isoformat()},
    )
    titles = list(Plan.objects.get().steps.values_list("title", flat=True))
    assert INSURANCE_ONLY not in titles
    assert "Reach level 3 in CRM software" in titles
