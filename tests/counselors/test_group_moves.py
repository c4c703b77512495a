"""A counselor sees the roles a client could move to on a shared result, and the group view
names the occupations most clients are closest to, in a fixed number of queries."""

import pytest
from django.urls import reverse

from assessments.ranking import MatrixRole
from counselors.group import summarize_closest
from counselors.models import Share


@pytest.fixture
def share_as(counselor, make_user, make_submitted, world):
    def share(name: str, level: int):
        person = make_user(name.lower(), first_name=name)
        result = make_submitted(world, owner=person, level=level)
        Share.objects.create(owner=person, counselor=counselor, assessment=result)
        return result

    return share


def closest_rows(html: str) -> list[str]:
    section = html[html.index('id="closest-heading"') :]
    return [row.split("</a>")[0].rsplit(">", 1)[1] for row in section.split('class="closest">')[1:]]


def test_a_shared_result_shows_the_clients_moves(client, counselor, share_as):
    result = share_as("Samira", 3)
    client.force_login(counselor)
    html = client.get(reverse("counselors:result_detail", args=[result.pk])).content.decode()
    assert "Roles Samira could move to" in html
    assert "Customer Service Representatives" in html


def test_the_group_view_names_the_occupations_most_clients_are_closest_to(
    client, counselor, share_as
):
    share_as("Ada", 3)
    share_as("Ben", 3)
    share_as("Cy", 2)  # level 2 on both: 100 % only for cashiers
    client.force_login(counselor)

    html = client.get(reverse("counselors:group")).content.decode()

    assert "Occupations most of my clients are closest to" in html
    # All three share every occupation with a verdict; cashiers' average match is highest.
    assert closest_rows(html) == ["Cashiers", "Actors", "Customer Service Representatives"]
    cashiers = html[html.index(">Cashiers<") :].split("</tr>")[0]
    assert "3 (100%)" in cashiers and "100%" in cashiers and "$31,000" in cashiers
    assert "Surgeons" not in html  # nobody's skills reach its key skill
    assert "O*NET 29.0 Database" in html


def test_occupations_shared_by_more_clients_come_first():
    def occupation(slug: str) -> MatrixRole:
        return MatrixRole(slug, slug.title(), f"{slug}-code", "", None, None, ())

    matrix = [occupation("a"), occupation("b"), occupation("c")]
    ours = MatrixRole("ours", "Ours", "", "", None, None, ())
    clients = [{"a": 50.0, "b": 90.0, "ours": 100.0}, {"a": 60.0}, {"c": 99.0}]

    closest = summarize_closest(clients, [*matrix, ours], top=2)

    assert [(o.role.slug, o.clients, o.share_percent, o.average_match) for o in closest] == [
        ("a", 2, 66.7, 55.0),
        ("c", 1, 33.3, 99.0),  # one client each: the better average match first
    ]


@pytest.mark.parametrize("clients", [1, 6])
def test_the_group_view_runs_a_fixed_number_of_queries(
    client, counselor, share_as, clients, django_assert_num_queries
):
    for n in range(clients):
        share_as(f"Client{n}", 2 + n % 3)
    client.force_login(counselor)
    # Cold: the catalog's matrix and crosswalk read once, every client ranked.
    with django_assert_num_queries(11):
        assert len(closest_rows(client.get(reverse("counselors:group")).content.decode())) == 3
    # Warm: the rankings come from the cache.
    with django_assert_num_queries(6):
        client.get(reverse("counselors:group"))
