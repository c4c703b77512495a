"""The ranking's order on the shipped data, for the worked profiles of docs/SCORING.md ("How
roles are ordered", printed by `python -m bench.ranking_order`): the top ten are roles a career
counselor would suggest — the person's own occupation and O*NET's related ones, nothing two Job
Zones up unmarked — and the match shown stays the match."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from assessments.ranking import Ranked
from assessments.ranking_matrix import (
    crosswalk_links,
    moves_for_profile,
    requirement_matrix,
    standpoint_of_role,
)
from bench.ranking_order import Worked, top, worked_profiles
from careers.crosswalk import profile_across
from careers.revision import current_revision
from careers.skills_profile import skills_profile

CSR_TITLE = "Customer Service Representatives"


@pytest.fixture(scope="module")
def shipped_data(django_db_setup, django_db_blocker):
    """The catalog, every shipped O*NET occupation and BLS wage, and the crosswalk, as `make
    setup` loads them: once for the module (seconds), rolled back after its last test."""
    with django_db_blocker.unblock():
        loaded = transaction.atomic()
        loaded.__enter__()
        call_command("loaddata", "catalog", "scenarios", verbosity=0)
        call_command("load_occupations", stdout=StringIO())
        call_command("load_crosswalk", verbosity=0)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loaded.__exit__(None, None, None)


@pytest.fixture
def worked(shipped_data, db) -> dict[str, Worked]:
    revision = current_revision()
    links = crosswalk_links(revision)
    profile_role = skills_profile()
    assert profile_role is not None
    profiles = worked_profiles(
        requirement_matrix(revision),
        lambda levels: profile_across(levels, links),
        lambda slug: standpoint_of_role(slug, revision=revision),
        [r.skill.slug for r in profile_role.requirements.select_related("skill")],
    )
    return {w.key: w for w in profiles}


def top_ten(worked: Worked) -> list[Ranked]:
    return top(worked, requirement_matrix(current_revision()))


def titles(rows: list[Ranked]) -> list[str]:
    return [r.role.title for r in rows]


def test_a_customer_service_associate_sees_their_own_occupation_and_its_relatives_first(worked):
    rows = top_ten(worked["a"])
    assert rows[0].role.title == CSR_TITLE
    assert rows[0].match_percent == 96.3  # two minor one-level gaps: still the figure shown
    assert "Broadcast Announcers and Radio Disc Jockeys" not in titles(rows)
    assert "Actors" not in titles(rows)
    assert sum(r.relatedness is not None for r in rows) >= 8


def test_the_associates_result_page_offers_customer_service_representatives(worked):
    revision = current_revision()
    required = next(
        r for r in requirement_matrix(revision) if r.slug == "customer-service-associate"
    )
    measured = {r.skill_slug: r.required_level for r in required.requirements}
    found = moves_for_profile(measured, "customer-service-associate", revision=revision)
    assert CSR_TITLE in [m.role.title for m in found[:10]]
    # a step back on the person's own ladder is no move
    assert "Junior Customer Service Associate" not in [m.role.title for m in found]
    assert found[-1].role.title == "Billing and Posting Clerks"


@pytest.mark.parametrize("name", ["a", "b", "c", "d-named"])
def test_no_role_two_job_zones_up_is_in_the_top_ten_unmarked(worked, name):
    person = worked[name]
    assert person.standpoint.job_zone is not None
    for row in top_ten(person):
        assert row.role.job_zone is None or row.role.job_zone <= person.standpoint.job_zone + 1
        assert row.is_strong and not row.beyond_reach


def test_a_team_lead_sees_first_line_supervisors_not_judges_and_hospitalists(worked):
    rows = top_ten(worked["b"])
    assert rows[0].role.title.startswith("First-Line Supervisors of Office")
    assert sum(r.role.title.startswith("First-Line Supervisors") for r in rows) >= 5
    before = titles(top(worked["b"], requirement_matrix(current_revision()), before=True))
    assert "Hospitalists" in before and "Hospitalists" not in titles(rows)


def test_a_customer_service_manager_sees_general_and_operations_managers_first(worked):
    rows = top_ten(worked["c"])
    assert rows[0].role.title == "General and Operations Managers"
    assert all(r.role.job_zone in (3, 4, 5) for r in rows)


def test_naming_nursing_assistants_brings_o_nets_related_aides_forward(worked):
    plain, named = top_ten(worked["d"]), top_ten(worked["d-named"])
    assert plain[0].role.title == "Nursing Assistants"  # nothing named: nearest levels first
    assert titles(named)[:2] == ["Home Health Aides", "Psychiatric Aides"]
    assert all(r.coverage_percent == 100.0 for r in named)


def test_ready_roles_of_a_full_profile_come_nearest_its_levels_first(worked):
    rows = top_ten(worked["e"])
    assert all(r.verdict.value == "ready" and r.match_percent == 100.0 for r in rows)
    closeness = [r.closeness for r in rows]
    assert closeness == sorted(closeness)
