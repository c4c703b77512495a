"""Scenario items carry the lowest rung they fit, and the questionnaire asks only those."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from careers.models import Requirement, Role, ScenarioItem
from careers.revision import current_revision, questionnaire_requirements


@pytest.fixture
def empathy_items(make_skill, make_scenario):
    skill = make_skill(slug="empathy")
    everyone = make_scenario(skill, "angry-caller")
    leads = make_scenario(skill, "as-team-lead-upset-agent")
    leads.min_rank = 5
    leads.save()
    managers = make_scenario(skill, "as-manager-after-reorganization")
    managers.min_rank = 6
    managers.save()
    return everyone, leads, managers


def slugs(items) -> list[str]:
    return sorted(item.slug for item in items)


def test_an_item_fits_every_rung_unless_told_otherwise(make_skill):
    item = ScenarioItem.objects.create(skill=make_skill(), slug="angry-caller", prompt="?")
    assert item.min_rank == 1


def test_for_rank_keeps_the_items_written_for_that_rung_or_below(empathy_items):
    assert slugs(ScenarioItem.objects.for_rank(1)) == ["angry-caller"]
    assert slugs(ScenarioItem.objects.for_rank(5)) == ["angry-caller", "as-team-lead-upset-agent"]
    assert len(ScenarioItem.objects.for_rank(8)) == 3


def test_for_rank_chains_with_other_filters(empathy_items):
    everyone, _, _ = empathy_items
    items = ScenarioItem.objects.filter(skill=everyone.skill).for_rank(5).exclude(pk=everyone.pk)
    assert slugs(items) == ["as-team-lead-upset-agent"]


def test_a_rank_below_1_is_refused(make_skill):
    item = ScenarioItem(skill=make_skill(), slug="angry-caller", prompt="?", min_rank=0)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "min_rank" in error.value.message_dict
    with pytest.raises(IntegrityError):
        item.save()


@pytest.fixture
def junior_and_lead(make_role, make_requirement, empathy_items):
    everyone, _, _ = empathy_items
    junior = make_role(slug="junior", rank=1)
    lead = make_role(track=junior.track, slug="team-lead", rank=5)
    for role in (junior, lead):
        make_requirement(role=role, skill=everyone.skill, required_level=3, importance=5)
    return junior, lead


def questionnaire_item_slugs(role: Role | int) -> list[str]:
    (requirement,) = Requirement.objects.for_questionnaire(role)
    return slugs(requirement.skill.scenario_items.all())


def test_a_junior_questionnaire_asks_no_item_written_for_leaders(junior_and_lead):
    junior, lead = junior_and_lead
    assert questionnaire_item_slugs(junior) == ["angry-caller"]
    assert questionnaire_item_slugs(lead) == ["angry-caller", "as-team-lead-upset-agent"]


def test_the_cached_questionnaire_filters_by_the_rank_of_the_role_id(junior_and_lead):
    junior, lead = junior_and_lead
    assert questionnaire_item_slugs(junior.pk) == ["angry-caller"]
    (requirement,) = questionnaire_requirements(lead.pk, current_revision())
    assert slugs(requirement.skill.scenario_items.all()) == [
        "angry-caller",
        "as-team-lead-upset-agent",
    ]


def test_the_questionnaire_still_loads_in_four_queries(junior_and_lead, django_assert_num_queries):
    _, lead = junior_and_lead
    with django_assert_num_queries(4):
        questionnaire_item_slugs(lead.pk)
