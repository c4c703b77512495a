"""The shipped catalog: complete, consistent, and loadable any number of times."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max, Min, Q

from careers.catalog_checks import required_steps_without_named_resources
from careers.models import (
    SHORT_ANCHOR_MAX_WORDS,
    Industry,
    ProficiencyAnchor,
    Requirement,
    Resource,
    ResourceKind,
    Role,
    ScenarioItem,
    Skill,
    SkillCategory,
    Track,
)
from careers.steps import covers_step, uncovered_steps

CATALOG_MODELS = [Track, Role, SkillCategory, Skill, ProficiencyAnchor, Requirement, Resource]


@pytest.fixture(scope="module")
def shipped_catalog(django_db_setup, django_db_blocker):
    """The shipped catalog, loaded once for the whole module (loading it takes seconds) inside
    a transaction that is rolled back after the module's last test, so no other module sees it.
    Each test runs in a savepoint within it (pytest-django's `db`), so a test that writes
    leaves the catalog as it found it for the next."""
    with django_db_blocker.unblock():
        loaded = transaction.atomic()
        loaded.__enter__()
        call_command("loaddata", "catalog", "scenarios", verbosity=0)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loaded.__exit__(None, None, None)


@pytest.fixture
def catalog(shipped_catalog, db):
    """Overrides tests/conftest.py's `catalog`, which loads the catalog for every test."""


def snapshot() -> dict[str, list[tuple]]:
    return {
        model.__name__: sorted(model.objects.values_list(*[f.attname for f in model._meta.fields]))
        for model in CATALOG_MODELS
    }


def all_titles() -> str:
    return " | ".join(f"{role.title}, {role.other_titles}" for role in Role.objects.all())


def test_the_shipped_catalog_passes_check_catalog(catalog, capsys):
    call_command("check_catalog")
    assert "The catalog is consistent." in capsys.readouterr().out


def test_loading_it_twice_leaves_the_same_data(catalog):
    before = snapshot()
    call_command("loaddata", "catalog", verbosity=0)
    assert snapshot() == before


LADDER_TITLES = [
    "Junior Customer Service",
    "Customer Service Associate",
    "Customer Service Representative",
    "Senior Customer Service",
    "Customer Service Specialist",
    "Customer Service Team Lead",
    "Customer Service Manager",
    "Director of Customer Service",
    "VP of Customer Experience",
]


def test_every_ladder_level_in_the_seeds_is_on_the_ladder(catalog):
    titles = all_titles().lower()
    assert [title for title in LADDER_TITLES if title.lower() not in titles] == []


def test_every_role_has_experience_salary_and_a_description(catalog):
    for role in Role.objects.all():
        assert role.salary_median and role.salary_source, role
        assert role.summary and len(role.responsibility_list) >= 3, role
        assert role.focus_area_list, role
    ranks = list(Role.objects.order_by("rank").values_list("years_experience_min", flat=True))
    assert ranks == sorted(ranks), "typical experience rises up the ladder"


def test_salaries_rise_up_the_ladder(catalog):
    medians = list(Role.objects.order_by("rank").values_list("salary_median", flat=True))
    assert medians == sorted(medians)


SEED_SKILLS = [
    "CRM",
    "ticketing",
    "telephony|call.center",
    "chat",
    "knowledge.base",
    "data entry",
    "typing",
    "troubleshooting",
    "order",
    "product",
    "compliance|privacy",
    "active listening",
    "empathy",
    "patience",
    "conflict|de-escalation",
    "time management",
    "adaptability",
    "attention to detail",
    "coaching|mentoring",
    "feedback",
    "delegation",
    "training",
    "quality",
    "process improvement",
    "workforce|scheduling",
    "budget",
    "strateg",
    "stakeholder",
    "change management",
]


def test_the_skills_the_seeds_name_are_in_the_catalog(catalog):
    names = list(Skill.objects.values_list("name", flat=True))
    missing = [
        pattern
        for pattern in SEED_SKILLS
        if not any(re.search(pattern, name, re.IGNORECASE) for name in names)
    ]
    assert missing == []


def test_there_are_at_least_35_skills_each_with_five_anchors(catalog):
    skills = Skill.objects.annotate(anchor_count=Count("anchors"))
    assert skills.count() >= 35
    assert {skill.anchor_count for skill in skills} == {5}


def test_every_anchor_has_a_short_description_of_at_most_twelve_words(catalog):
    too_long = [
        (anchor.skill.slug, anchor.level, anchor.short_description)
        for anchor in ProficiencyAnchor.objects.select_related("skill")
        if not 0 < len(anchor.short_description.split()) <= SHORT_ANCHOR_MAX_WORDS
    ]
    assert too_long == []


def test_short_descriptions_are_shorter_than_the_full_ones_and_differ_between_levels(catalog):
    shorts_by_skill: dict[str, set[str]] = {}
    for anchor in ProficiencyAnchor.objects.select_related("skill"):
        assert len(anchor.short_description) < len(anchor.description), anchor
        shorts_by_skill.setdefault(anchor.skill.slug, set()).add(anchor.short_description.lower())
    assert {len(shorts) for shorts in shorts_by_skill.values()} == {5}


def test_leadership_skills_start_at_team_lead(catalog):
    team_lead_rank = Role.objects.get(title__icontains="team lead").rank
    leadership = SkillCategory.objects.get(slug__contains="leadership")
    below_team_lead = Requirement.objects.filter(
        skill__category=leadership, role__rank__lt=team_lead_rank, required_level__gt=0
    )
    assert not below_team_lead.exists()
    at_or_above = Requirement.objects.filter(
        skill__category=leadership, role__rank__gte=team_lead_rank, required_level__gt=0
    )
    assert (
        at_or_above.values("role").distinct().count()
        == Role.objects.filter(rank__gte=team_lead_rank).count()
    )


def test_leadership_and_management_demands_rise_up_the_ladder(catalog):
    management = Q(skill__category__slug__contains="leadership") | Q(
        skill__category__slug__contains="management"
    )
    totals = [
        sum(role.requirements.filter(management).values_list("required_level", flat=True))
        for role in Role.objects.order_by("rank")
    ]
    assert totals == sorted(totals)


def test_every_level_step_of_every_important_skill_has_a_resource(catalog):
    important = Skill.objects.filter(requirements__importance__gte=4).distinct()
    assert important.count() >= 12
    for skill in important:
        steps = list(skill.resources.values_list("from_level", "to_level"))
        for into in range(1, 6):
            assert any(covers_step(low, high, into) for low, high in steps), (skill, into)


def test_certifications_are_offered(catalog):
    assert Resource.objects.filter(kind=ResourceKind.CERTIFICATION).count() >= 2


def test_every_level_step_of_every_required_skill_has_a_named_resource(catalog):
    assert required_steps_without_named_resources() == []
    required = Skill.objects.filter(requirements__required_level__gt=0).distinct()
    for skill in required:
        named = [
            (r.from_level, r.to_level)
            for r in skill.resources.all()
            if r.provider.strip() and r.title.strip() and not r.industry
        ]
        assert uncovered_steps(5, named) == [], skill  # all five steps, for any industry


def test_at_least_80_percent_of_resources_link_somewhere(catalog):
    with_url = Resource.objects.exclude(url="").count()
    assert with_url >= 0.8 * Resource.objects.count()


def test_every_link_is_a_web_address(catalog):
    for url in Resource.objects.exclude(url="").values_list("url", flat=True):
        assert urlsplit(url).scheme in {"http", "https"} and urlsplit(url).netloc, url


def test_every_resource_names_its_provider(catalog):
    assert not Resource.objects.filter(provider__regex=r"^\s*$").exists()


def test_no_two_resources_share_a_slug_in_the_fixture():
    objects = json.loads((settings.BASE_DIR / "fixtures" / "catalog.json").read_text())
    slugs = [o["fields"]["slug"] for o in objects if o["model"] == "careers.resource"]
    assert len(slugs) == len(set(slugs))


def test_industry_specific_resources_are_tagged(catalog):
    license = Resource.objects.get(title__icontains="insurance producer license")
    assert license.industry == Industry.INSURANCE
    assert Resource.objects.exclude(industry="").values("industry").distinct().count() >= 4


def test_free_options_come_first_within_a_level_step(catalog):
    skill = Skill.objects.get(slug="crm-software")
    costs = [r.cost for r in skill.resources.filter(from_level=3, to_level=4)]
    assert costs == sorted(costs)


# How the shipped situations address a leader; the ones that do must not reach junior rungs.
WRITTEN_FOR_LEADERS = re.compile(
    r"\bas (team lead|the lead|(a contact-center |the )?manager|director)\b|team you lead",
    re.IGNORECASE,
)


def test_every_shipped_scenario_can_show_level_1_and_level_5(catalog):
    items = ScenarioItem.objects.annotate(
        lowest=Min("options__level"), highest=Max("options__level")
    )
    assert items.count() >= 52
    assert [item.slug for item in items if (item.lowest, item.highest) != (1, 5)] == []


def test_scenarios_written_for_leaders_start_at_a_leading_rung(catalog):
    team_lead_rank = Role.objects.get(title__icontains="team lead").rank
    for_leaders = [
        item for item in ScenarioItem.objects.all() if WRITTEN_FOR_LEADERS.search(item.prompt)
    ]
    assert len(for_leaders) >= 8
    assert [item.slug for item in for_leaders if item.min_rank < team_lead_rank] == []


def test_the_junior_questionnaire_asks_no_scenario_written_for_leaders(catalog):
    junior = Role.objects.get(rank=1)
    asked = [
        item
        for requirement in Requirement.objects.for_questionnaire(junior)
        for item in requirement.skill.scenario_items.all()
    ]
    assert len(asked) >= 20
    assert [item.slug for item in asked if WRITTEN_FOR_LEADERS.search(item.prompt)] == []
