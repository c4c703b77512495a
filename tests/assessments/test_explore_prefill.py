"""Answers cross the crosswalk: “Which careers fit me?” starts from a person's latest
customer-service answers, a customer-service assessment from their O*NET answers — shown as
prefilled answers like any earlier answer, never over one given to the skill itself."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments.access import STARTED_KEY
from assessments.models import Assessment
from careers.models import Role, Skill
from careers.skills_profile import skills_profile
from tests.assessments.conftest import step_url


def checked_values(html: str, name: str) -> list[str]:
    inputs = re.findall(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in inputs if " checked" in tag]


def start(client, role: Role) -> Assessment:
    response = client.post(reverse("assessments:start", args=[role.slug]), {"restart": "1"})
    assert response.status_code == 302
    return Assessment.objects.get(pk=client.session[STARTED_KEY][-1])


def remember(client, assessment: Assessment) -> None:
    """As if this browser had started `assessment`."""
    session = client.session
    session[STARTED_KEY] = [*session.get(STARTED_KEY, []), str(assessment.pk)]
    session.save()


def page_of(client, assessment: Assessment, skill_slug: str) -> str:
    """The questionnaire page that asks `skill_slug`."""
    for number in range(1, 9):
        html = client.get(step_url(assessment, number)).content.decode()
        if f'name="rating-{skill_slug}"' in html:
            return html
    raise AssertionError(f"no page asks {skill_slug}")


@pytest.fixture
def associate(crosswalk):
    return Role.objects.get(slug="customer-service-associate")


def test_customer_service_answers_prefill_the_onet_skills_they_inform(
    client, associate, make_submitted
):
    remember(client, make_submitted(associate, level=4))
    profile = start(client, skills_profile())
    html = page_of(client, profile, "onet-speaking")
    assert checked_values(html, "rating-onet-speaking") == ["4"]  # verbal communication: 4
    assert checked_values(html, "rating-onet-active-listening") == ["4"]
    assert "From your answer on Verbal communication" in html
    assert "All still true" in html
    assert not profile.ratings.exists()  # shown, not stored, until the person saves


def test_an_answer_to_the_onet_skill_itself_wins(client, associate, make_submitted):
    remember(client, make_submitted(associate, level=4))
    first = start(client, skills_profile())
    first.ratings.create(skill=Skill.objects.get(slug="onet-speaking"), level=2)
    second = start(client, skills_profile())
    html = page_of(client, second, "onet-speaking")
    assert checked_values(html, "rating-onet-speaking") == ["2"]
    assert "You said 2" in html


def test_onet_answers_prefill_a_customer_service_assessment(client, associate):
    profile = start(client, skills_profile())
    profile.ratings.create(skill=Skill.objects.get(slug="onet-speaking"), level=5)
    attempt = start(client, associate)
    html = page_of(client, attempt, "verbal-communication")
    assert checked_values(html, "rating-verbal-communication") == ["5"]
    assert "From your answer on Speaking" in html


def test_nothing_answered_means_nothing_prefilled(client, crosswalk):
    profile = start(client, skills_profile())
    html = page_of(client, profile, "onet-speaking")
    assert checked_values(html, "rating-onet-speaking") == []
    assert "All still true" not in html


def test_another_browsers_answers_never_prefill(client, associate, make_submitted):
    make_submitted(associate, level=4)  # not started in this browser
    html = page_of(client, start(client, skills_profile()), "onet-speaking")
    assert checked_values(html, "rating-onet-speaking") == []
    stranger = Client()
    remember(stranger, make_submitted(associate, level=2))
    html = page_of(client, start(client, skills_profile()), "onet-speaking")
    assert checked_values(html, "rating-onet-speaking") == []


def test_the_start_page_promises_fewer_minutes_when_answers_prefill_it(
    client, associate, make_submitted
):
    """The start page's "About N minutes" is what the first page's progress line will say:
    with a finished customer-service assessment, most O*NET skills come prefilled."""
    url = reverse("assessments:explore")
    (first_time,) = re.findall(r"About (\d+) minutes?\.", client.get(url).content.decode())
    remember(client, make_submitted(associate, level=4))
    (promised,) = re.findall(r"About (\d+) minutes?\.", client.get(url).content.decode())
    profile = start(client, skills_profile())
    first_page = client.get(step_url(profile, 1)).content.decode()
    (left,) = re.findall(r"about (\d+) minutes? left", first_page)
    assert promised == left
    assert int(promised) < int(first_time)
