"""Small builders for catalog rows, so each test states only what it is about."""

import itertools

import pytest
from django.core.management import call_command

from careers.levels import PROFICIENCY_LEVELS
from careers.models import (
    ProficiencyAnchor,
    Requirement,
    Resource,
    Role,
    Skill,
    SkillCategory,
    Track,
)

_sequence = itertools.count(1)


@pytest.fixture
def catalog(db):
    """The shipped catalog, loaded the way `make run` loads it."""
    call_command("loaddata", "catalog", "scenarios", verbosity=0)


@pytest.fixture
def make_track(db):
    def make(**fields) -> Track:
        n = next(_sequence)
        return Track.objects.create(
            **{"name": f"Track {n}", "slug": f"track-{n}", "summary": "A track.", **fields}
        )

    return make


@pytest.fixture
def make_role(db, make_track):
    def make(track: Track | None = None, **fields) -> Role:
        n = next(_sequence)
        track = track or make_track()
        defaults = {
            "title": f"Role {n}",
            "slug": f"role-{n}",
            "rank": (track.roles.count() + 1),
            "summary": "Helps customers.",
            "responsibilities": "Answer calls\nLog contacts",
            "focus_areas": "Learn the product",
            "years_experience_min": 1,
            "years_experience_max": 3,
        }
        return Role.objects.create(track=track, **{**defaults, **fields})

    return make


@pytest.fixture
def make_category(db):
    def make(**fields) -> SkillCategory:
        n = next(_sequence)
        return SkillCategory.objects.create(
            **{"name": f"Category {n}", "slug": f"category-{n}", "position": n, **fields}
        )

    return make


@pytest.fixture
def make_skill(db, make_category):
    """A skill with all five anchors unless `anchors=False`."""

    def make(category: SkillCategory | None = None, anchors: bool = True, **fields) -> Skill:
        n = next(_sequence)
        skill = Skill.objects.create(
            category=category or make_category(),
            **{"name": f"Skill {n}", "slug": f"skill-{n}", "description": "A skill.", **fields},
        )
        if anchors:
            ProficiencyAnchor.objects.bulk_create(
                ProficiencyAnchor(skill=skill, level=level, description=f"{skill.name} at {level}")
                for level in PROFICIENCY_LEVELS
            )
        return skill

    return make


@pytest.fixture
def make_requirement(db, make_role, make_skill):
    def make(role: Role | None = None, skill: Skill | None = None, **fields) -> Requirement:
        return Requirement.objects.create(
            role=role or make_role(),
            skill=skill or make_skill(),
            **{"required_level": 3, "importance": 3, **fields},
        )

    return make


@pytest.fixture
def make_resource(db, make_skill):
    def make(skill: Skill | None = None, **fields) -> Resource:
        n = next(_sequence)
        defaults = {
            "slug": f"resource-{n}",
            "title": f"Resource {n}",
            "kind": "practice",
            "description": "Do the thing.",
            "from_level": 2,
            "to_level": 3,
            "effort_hours": 5,
        }
        return Resource.objects.create(skill=skill or make_skill(), **{**defaults, **fields})

    return make
