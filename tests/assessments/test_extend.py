"""A finished assessment extended to another rung: only what that rung adds is asked."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from assessments.views import extend_url
from tests.assessments.conftest import step_url


@pytest.fixture
def lead(role, make_role, make_skill, make_requirement):
    """The rung above Associate: CRM again, and Coaching, new."""
    lead = make_role(track=role.track, slug="team-lead", title="Team lead", rank=role.rank + 1)
    tools = role.requirements.get(skill__slug="crm").skill.category
    coaching = make_skill(category=tools, name="Coaching", slug="coaching", position=3)
    make_requirement(role=lead, skill=coaching, required_level=3, importance=5)
    make_requirement(role=lead, skill=role.requirements.get(skill__slug="crm").skill)
    return lead


@pytest.fixture
def finished(client, role, start):
    assessment = start(role)
    client.post(
        step_url(assessment, 1),
        {"rating-crm": "3", "rating-typing": "4", "note-crm": "Zendesk", "years_experience": "2"},
    )
    client.post(step_url(assessment, 2), {"rating-empathy": "4"})
    client.post(step_url(assessment, 3), {"scenario-angry-caller": "angry-caller-option-3"})
    client.post(reverse("assessments:review", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.is_submitted
    return assessment


def test_extending_carries_every_answer_and_opens_the_first_added_question(client, finished, lead):
    response = client.post(extend_url(finished, lead.slug))
    extended = Assessment.objects.in_progress().get()
    assert extended.role == lead
    assert response.url == step_url(extended, 1)
    assert dict(extended.ratings.values_list("skill__slug", "level")) == {
        "crm": 3,
        "typing": 4,
        "empathy": 4,
    }
    assert extended.ratings.get(skill__slug="crm").evidence_note == "Zendesk"
    assert extended.years_experience == 2
    assert extended.scenario_answers.count() == 1
    page = client.get(response.url).content.decode()
    assert "1 more question to see whether you are ready for Team lead" in page
    finished.refresh_from_db()
    assert finished.ratings.count() == 3  # the source keeps its own


def test_answering_only_the_added_skill_submits_the_extension(client, finished, lead):
    client.post(extend_url(finished, lead.slug))
    extended = Assessment.objects.in_progress().get()
    client.post(step_url(extended, 1), {"rating-coaching": "2"})
    client.post(reverse("assessments:review", args=[extended.pk]))
    extended.refresh_from_db()
    assert extended.is_submitted


def test_only_the_persons_own_finished_assessment_extends(client, role, finished, lead, start):
    assert Client().post(extend_url(finished, lead.slug)).status_code == 404
    unfinished = start(role)
    assert client.post(extend_url(unfinished, lead.slug)).status_code == 404
    # A browser that only holds a resume link of someone's attempt cannot extend it.
    other = Client()
    theirs = Assessment.objects.create(role=role)
    other.get(theirs.get_resume_url())
    Assessment.objects.filter(pk=theirs.pk).update(
        status=Assessment.Status.SUBMITTED, submitted_at="2026-01-01T00:00:00Z"
    )
    assert other.post(extend_url(theirs, lead.slug)).status_code == 404
    assert Assessment.objects.filter(role=lead).count() == 0


def test_a_role_of_another_ladder_is_not_an_extension(client, finished, make_role):
    elsewhere = make_role(slug="elsewhere")
    assert client.post(extend_url(finished, elsewhere.slug)).status_code == 404


def test_the_result_links_the_extension_which_says_what_it_takes(client, lead, finished):
    html = client.get(reverse("assessments:result", args=[finished.pk])).content.decode()
    assert f'href="{extend_url(finished, lead.slug)}"' in html
    offer = client.get(extend_url(finished, lead.slug))
    assert offer.status_code == 200
    assert re.search(
        r"1 more skill, about \d+ minutes?, to see whether you’re ready for Team lead",
        offer.content.decode(),
    )
    assert "Coaching" in offer.content.decode()
    assert not Assessment.objects.filter(role=lead).exists()  # a GET starts nothing
