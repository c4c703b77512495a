"""What a visitor sees on the ladder, role and skill pages, and what it costs in queries."""

import pytest
from django.urls import reverse

from assessments.ranking_matrix import crosswalk_links, requirement_matrix
from careers.models import Resource
from careers.revision import current_revision
from tests.html import without_csrf


@pytest.fixture
def ladder(make_track, make_role, make_category, make_skill, make_requirement, make_resource):
    track = make_track(name="Customer service", slug="customer-service")
    junior = make_role(
        track=track,
        rank=1,
        title="Junior Associate",
        slug="junior",
        other_titles="Trainee agent",
        years_experience_min=0,
        years_experience_max=1,
        salary_median=36000,
        salary_low=29000,
        salary_high=41000,
        salary_source="Example salary survey, 2024",
        responsibilities="Answer routine questions\nLog every contact",
        focus_areas="Learn the CRM",
    )
    lead = make_role(
        track=track,
        rank=2,
        title="Team Lead",
        slug="team-lead",
        years_experience_min=5,
        years_experience_max=None,
        years_leading_min=1,
    )
    people = make_category(name="Interpersonal", slug="interpersonal", position=1)
    empathy = make_skill(category=people, name="Empathy", slug="empathy")
    empathy.anchors.filter(level=3).update(description="Names the customer's feeling aloud.")
    make_requirement(role=junior, skill=empathy, required_level=3, importance=5)
    make_requirement(role=lead, skill=empathy, required_level=4, importance=4)
    make_resource(
        skill=empathy,
        title="Shadow a senior on escalations",
        kind="on_the_job",
        from_level=2,
        to_level=3,
        effort_hours=20,
        cost=0,
    )
    make_resource(
        skill=empathy,
        title="Empathy course",
        kind="course",
        from_level=3,
        to_level=5,
        effort_hours=8,
        cost=49,
    )
    return track, junior, lead, empathy


def add_skills(role, count, make_skill, make_requirement, make_resource):
    for _ in range(count):
        skill = make_skill()
        make_requirement(role=role, skill=skill)
        make_resource(skill=skill)


def test_home_lists_every_rung_of_the_ladder(client, ladder):
    response = client.get(reverse("careers:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Customer service" in content
    assert content.index("Junior Associate") < content.index("Team Lead")
    assert "$36,000" in content
    assert "0–1 years" in content and "5+ years" in content


def test_track_page_shows_the_ladder(client, ladder):
    track, *_ = ladder
    response = client.get(reverse("careers:track_detail", args=[track.slug]))
    assert response.status_code == 200
    assert "2 roles, from entry level up." in response.content.decode()


def test_role_page_shows_facts_and_required_skills(client, ladder):
    _, junior, lead, _ = ladder
    response = client.get(junior.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    for expected in [
        "Junior Associate",
        "Also called: Trainee agent",
        "0–1 years",
        "$36,000 median",
        "Typical range $29,000 to $41,000",
        "Source: Example salary survey, 2024",
        "Answer routine questions",
        "Learn the CRM",
        "Interpersonal",
        "Empathy",
        "3 · Competent",
        "Names the customer&#x27;s feeling aloud.",
        "5 · Essential",
    ]:
        assert expected in content, expected
    assert f'href="{lead.get_absolute_url()}"' in content


@pytest.mark.parametrize(
    ("low", "high", "shown"),
    [(0, 1, "0–1 years"), (2, 2, "2 years"), (5, None, "5+ years"), (0, None, "No minimum")],
)
def test_typical_experience_reads_naturally(make_role, low, high, shown):
    role = make_role(years_experience_min=low, years_experience_max=high)
    assert role.years_experience_display == shown


def test_role_page_says_when_leadership_experience_is_expected(client, ladder):
    _, _, lead, _ = ladder
    content = client.get(lead.get_absolute_url()).content.decode()
    assert "1+ year" in content
    assert "No figures yet" in content


def test_skill_page_shows_five_levels_and_resources_per_step(client, ladder):
    *_, empathy = ladder
    response = client.get(empathy.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    for level in ["1 · Novice", "2 · Developing", "3 · Competent", "4 · Proficient", "5 · Expert"]:
        assert level in content
    assert "From 2 (Developing) to 3 (Competent)" in content
    assert "Shadow a senior on escalations" in content
    assert "On-the-job stretch" in content and "free" in content
    assert "about $49" in content
    # The two-level course helps with both 3→4 and 4→5.
    assert content.count("Empathy course") == 2
    assert "No resource listed for this step yet." in content  # 0→1 and 1→2
    assert "Junior Associate" in content and "Team Lead" in content


def test_skill_page_shows_the_full_anchors_not_the_short_ones(client, ladder):
    *_, empathy = ladder
    empathy.anchors.filter(level=3).update(
        description="Names the customer's feeling, then fixes the problem, every time.",
        short_description="Names feelings, then fixes things.",
    )
    content = client.get(empathy.get_absolute_url()).content.decode()
    assert "Names the customer&#x27;s feeling, then fixes the problem, every time." in content
    assert "Names feelings, then fixes things." not in content


def test_skill_list_groups_skills_by_category(client, ladder):
    content = client.get(reverse("careers:skill_list")).content.decode()
    assert "Interpersonal" in content and "Empathy" in content


@pytest.mark.parametrize(
    "url",
    ["/roles/no-such-role/", "/skills/no-such-skill/", "/tracks/no-such-track/", "/nowhere/"],
)
def test_unknown_slugs_get_the_sites_own_404_page(client, ladder, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()
    assert "Browse the career ladders" in response.content.decode()


@pytest.mark.parametrize("extra_skills", [0, 25])
def test_role_page_runs_a_fixed_number_of_queries(
    client,
    ladder,
    extra_skills,
    make_skill,
    make_requirement,
    make_resource,
    django_assert_max_num_queries,
):
    _, junior, *_ = ladder
    add_skills(junior, extra_skills, make_skill, make_requirement, make_resource)
    # "Roles close to this one" ranks over the catalog's requirement matrix, read once per
    # process and catalog revision (tests/assessments/test_moves_pages.py counts it cold).
    revision = current_revision()
    requirement_matrix(revision), crosswalk_links(revision)
    with django_assert_max_num_queries(4):
        response = client.get(junior.get_absolute_url())
    assert response.content.decode().count('scope="row"') == 1 + extra_skills
    with django_assert_max_num_queries(2):  # the role and the catalog revision
        cached = client.get(junior.get_absolute_url())
    assert without_csrf(cached) == without_csrf(response)


@pytest.mark.parametrize("extra_roles", [0, 10])
def test_ladder_pages_run_a_fixed_number_of_queries(
    client, ladder, extra_roles, make_role, django_assert_max_num_queries
):
    track, *_ = ladder
    for _ in range(extra_roles):
        make_role(track=track)
    for url, cold, warm in [
        (reverse("careers:home"), 3, 1),
        (reverse("careers:track_detail", args=[track.slug]), 3, 2),
    ]:
        with django_assert_max_num_queries(cold):
            response = client.get(url)
        with django_assert_max_num_queries(warm):
            assert without_csrf(client.get(url)) == without_csrf(response)


@pytest.mark.parametrize("extra_resources", [0, 20])
def test_skill_pages_run_a_fixed_number_of_queries(
    client, ladder, extra_resources, make_resource, make_skill, django_assert_max_num_queries
):
    *_, empathy = ladder
    for _ in range(extra_resources):
        make_resource(skill=empathy)
        make_skill()
    for url, cold, warm in [
        (empathy.get_absolute_url(), 5, 2),
        (reverse("careers:skill_list"), 3, 1),
    ]:
        with django_assert_max_num_queries(cold):
            response = client.get(url)
        with django_assert_max_num_queries(warm):
            assert without_csrf(client.get(url)) == without_csrf(response)
    assert Resource.objects.filter(skill=empathy).count() == 2 + extra_resources
