"""Admins can browse and edit the whole catalog, and bad values never reach the database."""

import pytest
from django.urls import reverse

from careers.models import (
    ProficiencyAnchor,
    Requirement,
    Resource,
    Role,
    ScenarioItem,
    Skill,
    SkillCategory,
    Track,
)

ADMIN_MODELS = [Track, Role, SkillCategory, Skill, ProficiencyAnchor, Requirement, Resource]


@pytest.fixture
def row_of_each(make_requirement, make_resource):
    requirement = make_requirement()
    resource = make_resource(skill=requirement.skill)
    return {
        Track: requirement.role.track,
        Role: requirement.role,
        SkillCategory: requirement.skill.category,
        Skill: requirement.skill,
        ProficiencyAnchor: requirement.skill.anchors.first(),
        Requirement: requirement,
        Resource: resource,
    }


def admin_url(model, action, *args):
    return reverse(f"admin:careers_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_load(admin_client, row_of_each, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "changelist"), {"q": "a"}).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    assert admin_client.get(admin_url(model, "change", row_of_each[model].pk)).status_code == 200


def test_skill_change_page_offers_all_five_anchors_inline(admin_client, make_skill):
    skill = make_skill()
    content = admin_client.get(admin_url(Skill, "change", skill.pk)).content.decode()
    assert 'name="anchors-TOTAL_FORMS" value="5"' in content


def test_skill_change_page_edits_each_anchors_short_description(admin_client, make_skill):
    skill = make_skill()
    content = admin_client.get(admin_url(Skill, "change", skill.pk)).content.decode()
    assert all(f'name="anchors-{n}-short_description"' in content for n in range(5))


def test_a_short_description_over_twelve_words_is_a_form_error(admin_client, make_skill):
    anchor = make_skill().anchors.get(level=3)
    before = anchor.short_description
    data = {
        "skill": anchor.skill.pk,
        "level": 3,
        "description": anchor.description,
        "short_description": "one two three four five six seven eight nine ten eleven twelve 13",
    }
    response = admin_client.post(admin_url(ProficiencyAnchor, "change", anchor.pk), data)
    assert "At most 12 words, please: this has 13." in response.content.decode()
    anchor.refresh_from_db()
    assert anchor.short_description == before


def test_role_change_page_edits_requirements_inline(admin_client, make_requirement):
    requirement = make_requirement()
    content = admin_client.get(admin_url(Role, "change", requirement.role.pk)).content.decode()
    assert 'name="requirements-0-required_level"' in content


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("required_level", 7, "Select a valid choice. 7 is not one of the available choices."),
        ("importance", 0, "Select a valid choice. 0 is not one of the available choices."),
    ],
)
def test_out_of_range_values_are_a_form_error_and_nothing_is_saved(
    admin_client, make_role, make_skill, field, value, message
):
    role, skill = make_role(), make_skill()
    data = {"role": role.pk, "skill": skill.pk, "required_level": 3, "importance": 3, field: value}
    response = admin_client.post(admin_url(Requirement, "add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Requirement.objects.exists()


def test_inline_requirement_with_bad_level_saves_nothing_on_the_role(
    admin_client, make_requirement
):
    requirement = make_requirement(required_level=2)
    role = requirement.role
    data = {
        "track": role.track.pk,
        "rank": role.rank,
        "title": "Renamed role",
        "slug": role.slug,
        "summary": role.summary,
        "responsibilities": role.responsibilities,
        "focus_areas": role.focus_areas,
        "years_experience_min": role.years_experience_min,
        "years_experience_max": role.years_experience_max,
        "years_leading_min": 0,
        "salary_currency": "USD",
        "requirements-TOTAL_FORMS": 1,
        "requirements-INITIAL_FORMS": 1,
        "requirements-0-id": requirement.pk,
        "requirements-0-role": role.pk,
        "requirements-0-skill": requirement.skill.pk,
        "requirements-0-required_level": 7,
        "requirements-0-importance": 3,
    }
    response = admin_client.post(admin_url(Role, "change", role.pk), data)
    assert response.status_code == 200
    assert "7 is not one of the available choices" in response.content.decode()
    role.refresh_from_db()
    requirement.refresh_from_db()
    assert role.title != "Renamed role"
    assert requirement.required_level == 2


def test_a_duplicate_rank_is_a_form_error(admin_client, make_role):
    first = make_role(rank=1)
    second = make_role(track=first.track, rank=2)
    data = {
        "track": first.track.pk,
        "rank": 1,
        "title": second.title,
        "slug": second.slug,
        "summary": "s",
        "responsibilities": "r",
        "years_experience_min": 1,
        "years_leading_min": 0,
        "salary_currency": "USD",
        "requirements-TOTAL_FORMS": 0,
        "requirements-INITIAL_FORMS": 0,
    }
    response = admin_client.post(admin_url(Role, "change", second.pk), data)
    assert "Another role of this track already has this rank." in response.content.decode()
    second.refresh_from_db()
    assert second.rank == 2


def test_admins_set_the_lowest_rung_a_scenario_fits(admin_client, make_skill, make_scenario):
    item = make_scenario(make_skill(), "as-team-lead")
    url = admin_url(ScenarioItem, "change", item.pk)
    assert 'name="min_rank"' in admin_client.get(url).content.decode()
    options = list(item.options.all())
    data = {
        "skill": item.skill.pk,
        "slug": item.slug,
        "prompt": item.prompt,
        "min_rank": 5,
        "position": 0,
        "options-TOTAL_FORMS": len(options),
        "options-INITIAL_FORMS": len(options),
    }
    for n, option in enumerate(options):
        data |= {
            f"options-{n}-id": option.pk,
            f"options-{n}-item": item.pk,
            f"options-{n}-position": option.position,
            f"options-{n}-slug": option.slug,
            f"options-{n}-text": option.text,
            f"options-{n}-level": option.level,
        }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.min_rank == 5


def test_the_scenario_list_filters_by_the_lowest_rung(admin_client, make_skill, make_scenario):
    skill = make_skill()
    make_scenario(skill, "angry-caller")
    leads = make_scenario(skill, "as-team-lead")
    ScenarioItem.objects.filter(pk=leads.pk).update(min_rank=5)
    html = admin_client.get(admin_url(ScenarioItem, "changelist"), {"min_rank": 5}).content.decode()
    assert "as-team-lead" in html
    assert "angry-caller" not in html
