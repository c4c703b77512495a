"""Small builders for catalog rows, so each test states only what it is about."""

import itertools
import os
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.core.management import call_command
from django.urls import reverse
from hypothesis import settings

from assessments.access import STARTED_KEY
from assessments.explore import codes_matching, ranked_profile
from assessments.models import Assessment
from assessments.question_html import clear_pieces
from assessments.questionnaire import questionnaire_pages
from assessments.questionnaire_read import role_at
from assessments.ranking_matrix import crosswalk_links, requirement_matrix, standpoint_of_occupation
from assessments.services import assessment_submit
from assessments.views import questionnaire_shape_for
from careers.levels import PROFICIENCY_LEVELS
from careers.models import (
    ProficiencyAnchor,
    Requirement,
    Resource,
    Role,
    ScenarioItem,
    ScenarioOption,
    Skill,
    SkillCategory,
    Track,
)
from careers.revision import current_revision, questionnaire_requirements, questionnaire_rungs
from careers.skills_profile import skills_profile_role_ids
from common.page_cache import forget_process_copies
from counselors.services import counselor_make

# Property tests judge results, not speed: a busy CI machine must not fail them on
# Hypothesis's 200 ms deadline, and in CI they replay the same examples every run so a
# failure there can be reproduced.
settings.register_profile("project", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("project")

# The plan fixtures (a result with next steps, a plan, a share) serve plans' and counselors' tests;
# the roles-to-move-to catalog serves assessments' and counselors'.
pytest_plugins = ["tests.plans.fixtures", "tests.assessments.moves_world"]

_sequence = itertools.count(1)


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test's database starts from the same catalog revision, so nothing cached under
    that revision by an earlier test may be served to a later one."""
    cache.clear()
    forget_process_copies()
    questionnaire_requirements.cache_clear()
    questionnaire_rungs.cache_clear()
    requirement_matrix.cache_clear()
    crosswalk_links.cache_clear()
    standpoint_of_occupation.cache_clear()
    ranked_profile.cache_clear()
    codes_matching.cache_clear()
    questionnaire_shape_for.cache_clear()
    role_at.cache_clear()
    skills_profile_role_ids.cache_clear()
    clear_pieces()


@pytest.fixture
def cache_reads(monkeypatch) -> list[tuple[str, ...]]:
    """The keys of each read of the default cache (`get` or `get_many`) from now on."""
    cache = caches["default"]
    reads: list[tuple[str, ...]] = []
    get, get_many = cache.get, cache.get_many
    in_get_many = []

    def counted_get(key, *args, **kwargs):
        if not in_get_many:  # some backends' get_many calls get
            reads.append((key,))
        return get(key, *args, **kwargs)

    def counted_get_many(keys, *args, **kwargs):
        reads.append(tuple(keys))
        in_get_many.append(True)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            in_get_many.pop()

    monkeypatch.setattr(cache, "get", counted_get)
    monkeypatch.setattr(cache, "get_many", counted_get_many)
    return reads


@pytest.fixture(params=[False, True], ids=["own cache", "shared cache"])
def cache_is_shared(request, settings) -> bool:
    """Runs a test twice: with each process's own cache, where the stamps are read from the
    database, and with a cache every server shares (Redis in production: here one process's
    cache, which all of a test's clients use, as two servers share one Redis), where the
    stamps are kept in it. A module takes it for all its tests with
    `pytestmark = pytest.mark.usefixtures("cache_is_shared")`; a test that asserts a count
    that differs between the two asks for it by name. With the shared cache, sessions are
    production's too (common/sessions.py), which read a page's own keys with the session."""
    settings.CACHE_IS_SHARED = request.param
    if request.param:
        settings.SESSION_ENGINE = "common.sessions"
    return request.param


@pytest.fixture
def catalog(db):
    """The shipped catalog, loaded the way `make run` loads it."""
    call_command("loaddata", "catalog", "scenarios", verbosity=0)


@pytest.fixture
def occupations(db, tmp_path):
    """A few O*NET occupations cut from the shipped data (`tests.careers.occupations.slice`),
    loaded the way `make setup` loads them all: with all 35 O*NET skills."""
    from tests.careers.occupations.slice import shipped_slice

    folder, wages = shipped_slice(tmp_path)
    call_command(
        "load_occupations", "--onet", str(folder), "--wages", str(wages), stdout=StringIO()
    )


@pytest.fixture
def crosswalk(catalog, occupations):
    """The shipped catalog and occupations joined by the shipped crosswalk, as `make setup`
    leaves them."""
    call_command("load_crosswalk", stdout=StringIO())


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
                ProficiencyAnchor(
                    skill=skill,
                    level=level,
                    description=f"{skill.name} at {level}",
                    short_description=f"{skill.name} at {level}",
                )
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
            "provider": "On the job",
            "kind": "practice",
            "description": "Do the thing.",
            "from_level": 2,
            "to_level": 3,
            "effort_hours": 5,
        }
        return Resource.objects.create(skill=skill or make_skill(), **{**defaults, **fields})

    return make


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
        return Assessment.objects.get(pk=client.session[STARTED_KEY][-1])

    return start_for


@pytest.fixture
def make_submitted(db):
    """A submitted, scored assessment with every skill rated `level` (scenarios: closest)."""

    def make(role, owner=None, level: int = 3, previous=None) -> Assessment:
        assessment = Assessment.objects.create(role=role, owner=owner)
        target, below = questionnaire_rungs(role.pk, current_revision())
        pages = questionnaire_pages(
            target,
            below=below,
            rank=role.rank,
            levels={requirement.skill.pk: level for requirement in (*target, *below)},
        )
        for skill in {skill.pk: skill for page in pages for skill in page.skills}.values():
            assessment.ratings.create(skill=skill, level=level)
        for item in (item for page in pages for item in page.scenario_items):
            option = min(item.options.all(), key=lambda o: abs(o.level - level))
            assessment.scenario_answers.create(item=item, option=option)
        return assessment_submit(assessment=assessment, pages=pages, previous=previous)

    return make


@pytest.fixture
def make_user(db):
    def make(username: str, **fields):
        return get_user_model().objects.create_user(
            username=username,
            password="a-long-passphrase-42",
            email=f"{username}@example.org",
            **fields,
        )

    return make


@pytest.fixture
def counselor(make_user):
    user = make_user("casey", first_name="Casey")
    counselor_make(user=user, organisation="Job centre north")
    return user


@pytest.fixture
def seeker(make_user):
    return make_user("samira-k", first_name="Samira")
