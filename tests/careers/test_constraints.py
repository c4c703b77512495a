"""The database itself refuses rows that would make the catalog meaningless."""

import pytest
from django.db import IntegrityError, transaction

from careers.models import ProficiencyAnchor, Requirement


def assert_rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_required_level_above_five_is_rejected(make_requirement):
    assert_rejected(lambda: make_requirement(required_level=6))


def test_importance_outside_one_to_five_is_rejected(make_requirement):
    assert_rejected(lambda: make_requirement(importance=0))
    assert_rejected(lambda: make_requirement(importance=6))
    assert Requirement.objects.count() == 0


def test_required_level_zero_is_allowed(make_requirement):
    assert make_requirement(required_level=0).required_level == 0


def test_one_requirement_per_role_and_skill(make_requirement):
    requirement = make_requirement()
    assert_rejected(lambda: make_requirement(role=requirement.role, skill=requirement.skill))


def test_anchor_level_must_be_one_to_five(make_skill):
    skill = make_skill(anchors=False)
    assert_rejected(lambda: ProficiencyAnchor.objects.create(skill=skill, level=0, description="x"))
    assert_rejected(lambda: ProficiencyAnchor.objects.create(skill=skill, level=6, description="x"))


def test_one_anchor_per_skill_and_level(make_skill):
    skill = make_skill()
    assert_rejected(lambda: ProficiencyAnchor.objects.create(skill=skill, level=3, description="x"))


def test_ladder_rank_is_unique_within_a_track(make_role, make_track):
    first = make_role(rank=1)
    assert_rejected(lambda: make_role(track=first.track, rank=1))
    assert make_role(track=make_track(), rank=1).rank == 1


def test_role_rank_must_be_positive(make_role):
    assert_rejected(lambda: make_role(rank=0))


def test_years_range_must_be_ordered(make_role):
    assert_rejected(lambda: make_role(years_experience_min=5, years_experience_max=2))
    assert (
        make_role(years_experience_min=12, years_experience_max=None).years_experience_max is None
    )


def test_salary_range_must_surround_the_median(make_role):
    assert_rejected(lambda: make_role(salary_low=60000, salary_median=50000, salary_high=70000))
    assert_rejected(lambda: make_role(salary_low=40000, salary_median=80000, salary_high=70000))


def test_slugs_are_unique(make_skill, make_role):
    make_skill(slug="empathy")
    assert_rejected(lambda: make_skill(slug="empathy"))
    make_role(slug="associate")
    assert_rejected(lambda: make_role(slug="associate"))


def test_resource_must_lead_upwards(make_resource):
    assert_rejected(lambda: make_resource(from_level=3, to_level=3))
    assert_rejected(lambda: make_resource(from_level=4, to_level=6))
