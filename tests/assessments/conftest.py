import pytest
from django.urls import reverse

from assessments.access import SESSION_KEY
from assessments.models import Assessment
from careers.models import ScenarioItem, ScenarioOption


@pytest.fixture
def make_scenario(db):
    def make(skill, slug: str, levels=(1, 2, 4, 5)) -> ScenarioItem:
        item = ScenarioItem.objects.create(
            skill=skill, slug=slug, prompt=f"A tricky moment for {skill.name}. What do you do?"
        )
        for position, level in enumerate(levels, start=1):
            ScenarioOption.objects.create(
                item=item,
                slug=f"{slug}-option-{position}",
                text=f"Answer {position}",
                level=level,
                position=position,
            )
        return item

    return make


@pytest.fixture
def role(make_role, make_category, make_skill, make_requirement, make_scenario):
    """A role needing three skills over two categories; one skill has a scenario item."""
    role = make_role(slug="associate", title="Associate")
    tools = make_category(name="Tools", slug="tools", position=1)
    people = make_category(name="People", slug="people", position=2)
    crm = make_skill(category=tools, name="CRM software", slug="crm", position=1)
    typing = make_skill(category=tools, name="Typing", slug="typing", position=2)
    empathy = make_skill(category=people, name="Empathy", slug="empathy", position=1)
    for skill in (crm, typing, empathy):
        make_requirement(role=role, skill=skill, required_level=3, importance=4)
    make_scenario(empathy, "angry-caller")
    return role


@pytest.fixture
def start(client):
    """Starts an assessment for a role in the test client's browser."""

    def start_for(role) -> Assessment:
        response = client.post(reverse("assessments:start", args=[role.slug]))
        assert response.status_code == 302
        return Assessment.objects.get(pk=client.session[SESSION_KEY][-1])

    return start_for


def step_url(assessment, number: int) -> str:
    return reverse("assessments:step", args=[assessment.pk, number])
