"""One assessment covers the target and the rung below it: the union of their skills."""

import pytest

from assessments.models import Assessment
from tests.assessments.conftest import step_url


@pytest.fixture
def lead(role, make_role, make_skill, make_requirement):
    """The rung above `role` (Associate): it requires CRM higher and adds Coaching; the
    Associate rung below it requires Empathy, which the lead rung does not."""
    lead = make_role(track=role.track, slug="team-lead", title="Team lead", rank=role.rank + 1)
    tools = role.requirements.get(skill__slug="crm").skill.category
    coaching = make_skill(category=tools, name="Coaching", slug="coaching", position=3)
    make_requirement(
        role=lead,
        skill=role.requirements.get(skill__slug="crm").skill,
        required_level=4,
        importance=5,
    )
    make_requirement(role=lead, skill=coaching, required_level=3, importance=4)
    return lead


def test_the_questionnaire_asks_the_rung_belows_skills_too(client, lead, start):
    assessment = start(lead)
    page_one = client.get(step_url(assessment, 1)).content.decode()
    for slug in ("crm", "typing", "coaching"):
        assert f'name="rating-{slug}"' in page_one
    page_two = client.get(step_url(assessment, 2)).content.decode()
    assert 'name="rating-empathy"' in page_two


def test_a_skill_both_rungs_require_is_asked_once_and_checked_from_the_lower_claim(
    client, lead, start
):
    assessment = start(lead)
    # CRM 3 reaches the Associate's requirement (3, key), not the lead's (4): still checked.
    client.post(step_url(assessment, 1), {"rating-crm": "3"})
    page_one = client.get(step_url(assessment, 1)).content.decode()
    assert page_one.count('name="rating-crm"') == 5  # one group of five levels


def test_submitting_needs_the_rung_belows_skills_and_scores_both(client, lead, start):
    assessment = start(lead)
    client.post(
        step_url(assessment, 1), {"rating-crm": "4", "rating-typing": "3", "rating-coaching": "3"}
    )
    client.post(f"/assessments/{assessment.pk}/review/")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS  # Empathy is still missing
    client.post(step_url(assessment, 2), {"rating-empathy": "2"})
    client.post(f"/assessments/{assessment.pk}/review/")
    assessment.refresh_from_db()
    assert assessment.is_submitted
    answers = assessment.results.get().inputs["answers"]
    assert set(answers) == {"crm", "typing", "coaching", "empathy"}


def test_a_minor_skill_only_the_rung_below_requires_is_not_asked(
    client, role, lead, start, make_skill, make_requirement
):
    empathy = role.requirements.get(skill__slug="empathy").skill
    filing = make_skill(category=empathy.category, name="Filing", slug="filing", position=9)
    make_requirement(role=role, skill=filing, required_level=2, importance=3)
    assessment = start(lead)
    pages = "".join(client.get(step_url(assessment, number)).content.decode() for number in (1, 2))
    assert 'name="rating-empathy"' in pages  # key on the rung below: asked
    assert 'name="rating-filing"' not in pages
    client.post(
        step_url(assessment, 1), {"rating-crm": "4", "rating-typing": "3", "rating-coaching": "3"}
    )
    client.post(step_url(assessment, 2), {"rating-empathy": "2"})
    client.post(f"/assessments/{assessment.pk}/review/")
    assessment.refresh_from_db()
    assert assessment.is_submitted  # the minor skill is not needed to submit
