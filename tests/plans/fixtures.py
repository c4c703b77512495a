"""A job seeker with a finished result that has next steps, and a plan made from it (used by
the plans tests and the counselors' plan tests; registered in tests/conftest.py)."""

import pytest
from django.utils import timezone

from counselors.services import share_create
from plans.services import plan_create_from_result


@pytest.fixture
def resources(role, make_resource):
    """Two level steps (1→2, 2→3) for every skill of `role`, the first with two resources."""
    made = {}
    for requirement in role.requirements.select_related("skill"):
        skill = requirement.skill
        made[skill.slug] = [
            make_resource(
                skill=skill,
                from_level=1,
                to_level=2,
                effort_hours=4,
                cost=10,
                title=f"{skill.name} basics",
                url="https://example.org/basics",
            ),
            make_resource(
                skill=skill,
                from_level=1,
                to_level=2,
                effort_hours=9,
                title=f"{skill.name} other course",
            ),
            make_resource(
                skill=skill,
                from_level=2,
                to_level=3,
                effort_hours=6,
                title=f"{skill.name} practice",
            ),
        ]
    return made


@pytest.fixture
def result(role, resources, seeker, make_submitted):
    """The seeker's finished result: every skill at level 1, two levels short."""
    return make_submitted(role, owner=seeker, level=1)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def plan(result, seeker, today):
    return plan_create_from_result(
        owner=seeker, assessment=result, hours_per_week=5, start_date=today
    )


@pytest.fixture
def share(seeker, counselor, result):
    return share_create(
        owner=seeker,
        share_code=counselor.counselor_profile.share_code,
        assessment=result,
        whole_role=False,
    )
