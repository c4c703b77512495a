"""Every result page and every role page shows the roles one could move to: the best matches
across all tracks and occupations (our skills reach O*NET's through the crosswalk), with
overlap, O*NET's relatedness and pay; cached with the page, fresh after a catalog change, in a
fixed number of queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import PublicLink
from careers.models import Role
from counselors.models import Share
from tests.assessments.test_result import result_url


@pytest.fixture
def result(world, seeker, make_submitted):
    return make_submitted(world, owner=seeker, level=3)


def moves_section(html: str) -> str:
    start = html.index('id="moves-heading"')
    return html[start : html.index("</section>", start)]


def test_a_result_lists_the_roles_the_person_could_move_to(client, seeker, result):
    client.force_login(seeker)
    section = moves_section(client.get(result_url(result)).content.decode())

    assert "Roles you could move to" in section
    rows = section.split('<tr class="move">')[1:]
    assert [row.split("</a>")[0].rsplit(">", 1)[1] for row in rows] == [
        "Customer Service Representatives",  # ready, and the same occupation
        "Cashiers",  # ready, and closely related by O*NET
        "Actors",  # ready, at the person's levels, unrelated
        "Team lead",  # 75 %: not ready
    ]
    cashiers = rows[1]
    assert "100%" in cashiers and "Closely related" in cashiers and "$31,000" in cashiers
    assert "Same occupation" in rows[0] and "$44,770" in rows[0]
    assert "not published" in rows[2]  # BLS publishes no median for actors: never $0
    assert "75%" in rows[3]  # 3 of 4 on both skills
    # where the person stands is not a move; a role whose key skill nobody measured neither
    assert ">Associate<" not in section and "Surgeons" not in section
    assert "O*NET 29.0 Database" in section  # O*NET's credit, for the occupations shown


def test_overlap_shows_how_much_of_the_role_is_measured(client, seeker, result, make_skill):
    writing = make_skill(name="Writing", slug="onet-writing", onet_element_id="2.A.1.c")
    cashiers = Role.objects.get(slug="cashiers")
    cashiers.requirements.create(skill=writing, required_level=2, importance=2)
    client.force_login(seeker)

    section = moves_section(client.get(result_url(result)).content.decode())

    cashiers_row = section[section.index("Cashiers") :].split("</tr>")[0]
    # Speaking (importance 4) and Active Listening (3) measured, Writing (2) not: 7 of 9.
    assert "100%" in cashiers_row and "78%" in cashiers_row


def test_a_public_link_and_a_counselor_see_the_moves_in_the_third_person(
    client, seeker, counselor, result
):
    client.force_login(seeker)
    client.post(reverse("assessments:public_link_create", args=[result.pk]), {"days": 7})
    public = Client().get(PublicLink.objects.get().get_absolute_url()).content.decode()
    assert "Roles this person could move to" in moves_section(public)
    assert "Cashiers" in moves_section(public)

    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    client.force_login(counselor)
    seen = client.get(reverse("counselors:result_detail", args=[result.pk])).content.decode()
    assert "Roles Samira could move to" in moves_section(seen)
    assert "Cashiers" in moves_section(seen)


def test_the_moves_are_cached_with_the_result_and_follow_a_catalog_change(client, seeker, result):
    client.force_login(seeker)
    client.get(result_url(result))
    with CaptureQueriesContext(connection) as cached:
        client.get(result_url(result))
    assert cached.captured_queries
    assert not any("relatedoccupation" in q["sql"].lower() for q in cached.captured_queries)

    cashiers = Role.objects.get(slug="cashiers")
    cashiers.title = "Cashiers and checkers"
    cashiers.save()  # an admin's edit: bumps the catalog revision

    section = moves_section(client.get(result_url(result)).content.decode())
    assert "Cashiers and checkers" in section


def test_a_result_page_runs_the_same_queries_however_many_roles_there_are(
    client, seeker, result, make_role, make_requirement, django_assert_max_num_queries
):
    client.force_login(seeker)

    def queries_of_a_fresh_render() -> int:
        client.get(result_url(result))  # the revision's matrix and crosswalk, once per process
        cache.clear()  # the page's fragments drawn again
        with django_assert_max_num_queries(20) as captured:
            html = client.get(result_url(result)).content.decode()
        assert "Cashiers" in moves_section(html)
        return len(captured.captured_queries)

    few = queries_of_a_fresh_render()
    cashiers = Role.objects.get(slug="cashiers")
    speaking = cashiers.requirements.get(importance=4).skill
    for n in range(12):
        extra = make_role(
            track=cashiers.track, title=f"Occupation {n}", onet_soc_code=f"11-{n:04d}.00"
        )
        make_requirement(role=extra, skill=speaking, required_level=2, importance=4)

    assert queries_of_a_fresh_render() == few
    html = client.get(result_url(result)).content.decode()
    assert moves_section(html).count('<tr class="move">') == 10


def test_a_role_page_shows_the_roles_closest_to_it(client, world, django_assert_max_num_queries):
    html = client.get(world.get_absolute_url()).content.decode()
    section = moves_section(html)
    assert "Roles close to this one" in section
    assert "someone who meets exactly this role" in section
    assert "Customer Service Representatives" in section and "Same occupation" in section
    assert ">Associate<" not in section and "Surgeons" not in section

    onet_role = client.get(reverse("careers:role_detail", args=["cashiers"])).content.decode()
    assert "Associate" in moves_section(onet_role)
    with django_assert_max_num_queries(2):  # the role and the catalog revision: all cached
        client.get(world.get_absolute_url())
