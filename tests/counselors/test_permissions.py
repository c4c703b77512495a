"""Every URL that takes an id: anonymous visitors, other job seekers, counselors without a
share and counselors whose share was withdrawn get a 404 or the login page — never data."""

import pytest
from django.urls import reverse

from counselors.models import Share
from counselors.services import counselor_make


@pytest.fixture
def world(seeker, counselor, role, make_submitted, make_user):
    result = make_submitted(role, owner=seeker, level=2)
    share = Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    other_counselor = make_user("other-counselor")
    counselor_make(user=other_counselor)
    withdrawn_counselor = make_user("withdrawn-counselor")
    counselor_make(user=withdrawn_counselor)
    Share.objects.create(owner=seeker, counselor=withdrawn_counselor, assessment=result).withdraw()
    return {
        "result": result,
        "share": share,
        "other job seeker": make_user("other-seeker"),
        "counselor without a share": other_counselor,
        "counselor whose share was withdrawn": withdrawn_counselor,
    }


def urls(world, seeker):
    result = world["result"]
    return {
        "counselor client page": reverse("counselors:client_detail", args=[seeker.pk]),
        "counselor result page": reverse("counselors:result_detail", args=[result.pk]),
        "result page": reverse("assessments:result", args=[result.pk]),
        "result json": reverse("assessments:result_json", args=[result.pk]),
        "review": reverse("assessments:review", args=[result.pk]),
    }


VISITORS = [
    "anonymous",
    "other job seeker",
    "counselor without a share",
    "counselor whose share was withdrawn",
]


@pytest.mark.parametrize("visitor", VISITORS)
def test_nobody_without_a_share_sees_anything(client, world, seeker, visitor):
    if visitor != "anonymous":
        client.force_login(world[visitor])
    for name, url in urls(world, seeker).items():
        response = client.get(url)
        if response.status_code == 302:
            assert response.url.startswith(reverse("accounts:login")), name
        else:
            assert response.status_code == 404, name
        assert "Samira" not in response.content.decode(), name


@pytest.mark.parametrize("visitor", VISITORS)
def test_counselor_lists_and_exports_show_nothing_unshared(client, world, visitor):
    if visitor != "anonymous":
        client.force_login(world[visitor])
    for url in ("counselors:dashboard", "counselors:group", "counselors:export_csv"):
        response = client.get(reverse(url))
        assert response.status_code in (302, 404, 200), url
        assert "Samira" not in response.content.decode()
        assert "samira" not in response.content.decode()
        if visitor == "anonymous":
            assert response.url.startswith(reverse("accounts:login"))
        elif visitor == "other job seeker":
            assert response.status_code == 404


def test_posting_a_note_needs_a_share(client, world, seeker):
    client.force_login(world["counselor without a share"])
    response = client.post(
        reverse("counselors:client_detail", args=[seeker.pk]), {"text": "sneaky"}
    )
    assert response.status_code == 404


def test_counselors_cannot_reach_django_admin(client, counselor):
    client.force_login(counselor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_sharing_counselor_does_see_it(client, world, counselor, seeker):
    client.force_login(counselor)
    for name, url in urls(world, seeker).items():
        if name.startswith("counselor"):
            assert client.get(url).status_code == 200, name
