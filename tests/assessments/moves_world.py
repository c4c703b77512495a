"""A small catalog for the roles-to-move-to tests (`world`): a customer-service rung, O*NET
occupations and the crosswalk between their skills. A pytest plugin of tests/conftest.py."""

import pytest

from careers.models import CrosswalkLink, Occupation, OccupationWage, RelatedOccupation, Role


@pytest.fixture
def world(make_track, make_role, make_skill, make_requirement):
    """A customer-service rung (SOC 43-4051) needing two of our skills, linked to O*NET's
    Speaking and Active Listening; O*NET occupations needing those, one of them also a skill
    nobody measured; O*NET relating one occupation closely; BLS pay for some."""
    verbal = make_skill(name="Verbal communication", slug="verbal-communication")
    listening = make_skill(name="Active listening", slug="active-listening")
    speaking = make_skill(name="Speaking", slug="onet-speaking", onet_element_id="2.A.1.d")
    onet_listening = make_skill(
        name="Active Listening", slug="onet-active-listening", onet_element_id="2.A.1.b"
    )
    science = make_skill(name="Science", slug="onet-science", onet_element_id="2.A.1.f")
    CrosswalkLink.objects.create(skill=verbal, onet_element_id="2.A.1.d", weight=3)
    CrosswalkLink.objects.create(skill=listening, onet_element_id="2.A.1.b", weight=3)

    ladder = make_track(name="Customer service", slug="customer-service")
    associate = make_role(track=ladder, title="Associate", slug="associate", soc_code="43-4051")
    lead = make_role(track=ladder, title="Team lead", slug="team-lead", soc_code="43-1011")
    for skill in (verbal, listening):
        make_requirement(role=associate, skill=skill, required_level=3, importance=4)
        make_requirement(role=lead, skill=skill, required_level=4, importance=4)

    onet = make_track(name="O*NET occupations", slug="onet-occupations")
    specs = [
        ("43-4051.00", "Customer Service Representatives", 3, 44_770),
        ("41-2011.00", "Cashiers", 2, 31_000),
        ("27-2011.00", "Actors", 3, None),
        ("29-1248.00", "Surgeons", 5, 400_000),
    ]
    for code, title, level, pay in specs:
        occupation_role = make_role(
            track=onet,
            title=title,
            slug=title.lower().replace(" ", "-"),
            onet_soc_code=code,
            onet_release="29.0",
            soc_code=code[:7],
        )
        make_requirement(role=occupation_role, skill=speaking, required_level=level, importance=4)
        make_requirement(role=occupation_role, skill=onet_listening, required_level=level)
        Occupation.objects.create(code=code, title=title, description="…", onet_release="29.0")
        OccupationWage.objects.create(
            release="May 2025", soc_code=code[:7], title=title, display_level=3, annual_median=pay
        )
    surgeons = Role.objects.get(onet_soc_code="29-1248.00")
    make_requirement(role=surgeons, skill=science, required_level=4, importance=5)
    RelatedOccupation.objects.create(
        occupation_id=Occupation.objects.get(code="43-4051.00").pk,
        related=Occupation.objects.get(code="41-2011.00"),
        tier="primary-short",
        position=1,
    )
    return associate
