"""A client's "Which careers fit me?" ranking, shared with a counselor: seen read-only and in
the third person while it is shared, a 404 otherwise; listed beside their results."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from careers.models import Skill
from careers.skills_profile import skills_profile
from counselors.models import Share
from counselors.services import counselor_make


@pytest.fixture
def make_profile(occupations):
    """A submitted skills profile of `owner`, every O*NET skill rated `level`."""

    def make(owner, level: int = 3) -> Assessment:
        profile = Assessment.objects.create(
            role=skills_profile(),
            owner=owner,
            status=Assessment.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
        for skill in Skill.objects.exclude(onet_element_id=""):
            profile.ratings.create(skill=skill, level=level)
        return profile

    return make


@pytest.fixture
def profile(make_profile, seeker):
    return make_profile(seeker)


@pytest.fixture
def shared_profile(profile, seeker, counselor):
    Share.objects.create(owner=seeker, counselor=counselor, assessment=profile)
    return profile


@pytest.fixture
def counselor_client(client, counselor):
    client.force_login(counselor)
    return client


def ranking_url(profile) -> str:
    return reverse("counselors:ranking_detail", args=[profile.pk])


def test_a_counselor_sees_a_shared_ranking_read_only_in_the_third_person(
    counselor_client, shared_profile
):
    response = counselor_client.get(ranking_url(shared_profile))
    page = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "Shared with you by Samira." in page
    assert "Careers that fit Samira’s skills" in page
    assert "the skills Samira rated on" in page
    ranking = page.split("<h1", 1)[1].split("<footer", 1)[0]  # below the note to the counselor
    assert "your" not in ranking.lower()
    assert "Gap report" not in page and "Share this ranking" not in page
    assert "Customer Service Representatives" in page
    assert len(response.context["page_obj"].object_list) > 0


def test_the_owners_view_and_the_counselors_are_kept_apart(
    counselor_client, shared_profile, seeker
):
    client = Client()
    client.force_login(seeker)
    own = client.get(reverse("assessments:explore_ranking", args=[shared_profile.pk]))
    assert "Careers that fit your skills" in own.content.decode()
    page = counselor_client.get(ranking_url(shared_profile)).content.decode()
    assert "Careers that fit Samira’s skills" in page and "Gap report" not in page
    own = client.get(reverse("assessments:explore_ranking", args=[shared_profile.pk]))
    assert "Careers that fit your skills" in own.content.decode()
    assert "Gap report" in own.content.decode()


def test_filters_and_pages_stay_on_the_counselors_view(counselor_client, shared_profile):
    response = counselor_client.get(ranking_url(shared_profile), {"q": "customer", "page": "1"})
    page = response.content.decode()
    assert f'action="{ranking_url(shared_profile)}"' in page
    assert f'href="{ranking_url(shared_profile)}">Clear' in page
    assert response.context["filtered"]
    titles = [row.role.title for row in response.context["page_obj"].object_list]
    assert "Customer Service Representatives" in titles and "Cashiers" not in titles


@pytest.mark.usefixtures("cache_is_shared")
def test_a_counselor_without_a_share_gets_a_404(
    client, shared_profile, seeker, make_user, make_profile
):
    other = make_user("robin", first_name="Robin")
    counselor_make(user=other)
    client.force_login(other)
    assert client.get(ranking_url(shared_profile)).status_code == 404
    # Nor does sharing one profile open the client's others.
    counselor = Share.objects.get().counselor
    client.force_login(counselor)
    assert client.get(ranking_url(make_profile(seeker, level=4))).status_code == 404


@pytest.mark.usefixtures("cache_is_shared")
def test_only_counselors_may_open_it(client, shared_profile, seeker):
    response = client.get(ranking_url(shared_profile))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    client.force_login(seeker)  # the owner: their own page is elsewhere
    assert client.get(ranking_url(shared_profile)).status_code == 404


@pytest.mark.usefixtures("cache_is_shared")
def test_a_withdrawn_share_ends_access_at_once(counselor_client, shared_profile, seeker):
    assert counselor_client.get(ranking_url(shared_profile)).status_code == 200
    owner = Client()
    owner.force_login(seeker)
    share = Share.objects.get()
    owner.post(reverse("counselors:share_withdraw", args=[share.pk]))
    assert counselor_client.get(ranking_url(shared_profile)).status_code == 404


def test_sharing_every_profile_includes_later_ones(
    counselor_client, counselor, seeker, profile, make_profile
):
    Share.objects.create(owner=seeker, counselor=counselor, role=profile.role)
    later = make_profile(seeker, level=4)
    assert counselor_client.get(ranking_url(profile)).status_code == 200
    assert counselor_client.get(ranking_url(later)).status_code == 200


def test_the_owner_shares_the_ranking_from_its_page(client, seeker, counselor, profile):
    client.force_login(seeker)
    url = reverse("assessments:explore_ranking", args=[profile.pk])
    assert "Share this ranking" in client.get(url).content.decode()
    response = client.post(
        reverse("counselors:share_create", args=[profile.pk]),
        {"share_code": counselor.counselor_profile.share_code, "scope": "result"},
    )
    assert response.url == f"{url}#sharing"
    assert Share.objects.get().assessment == profile


def test_the_owner_sees_whom_the_ranking_is_shared_with_until_they_withdraw_it(
    client, seeker, counselor, shared_profile
):
    client.force_login(seeker)
    url = reverse("assessments:explore_ranking", args=[shared_profile.pk])
    page = client.get(url).content.decode()
    sharing = page[page.index('id="sharing"') :]
    assert "owner-part:" not in page  # the marker is drawn, not left in the page
    share = Share.objects.get()
    withdraw = reverse("counselors:share_withdraw", args=[share.pk])
    assert withdraw in sharing
    client.post(withdraw)
    assert withdraw not in client.get(url).content.decode()


def test_the_client_page_and_dashboard_link_to_the_ranking(
    counselor_client, shared_profile, seeker, counselor, role, make_submitted
):
    result = make_submitted(role, owner=seeker, level=2)
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    for page in ("counselors:dashboard", "counselors:group"):
        assert counselor_client.get(reverse(page)).status_code == 200
    dashboard = counselor_client.get(reverse("counselors:dashboard")).content.decode()
    assert ranking_url(shared_profile) in dashboard
    assert reverse("counselors:result_detail", args=[result.pk]) in dashboard
    detail = counselor_client.get(reverse("counselors:client_detail", args=[seeker.pk]))
    assert detail.status_code == 200
    assert ranking_url(shared_profile) in detail.content.decode()
    assert reverse("counselors:result_detail", args=[result.pk]) in detail.content.decode()


def test_a_shared_ranking_alone_breaks_no_counselor_page(counselor_client, shared_profile, seeker):
    # A skills profile has no scored result: pages that list results leave it out.
    detail = counselor_client.get(reverse("counselors:client_detail", args=[seeker.pk]))
    assert ranking_url(shared_profile) in detail.content.decode()
    assert counselor_client.get(reverse("counselors:group")).status_code == 200
    export = counselor_client.get(reverse("counselors:export_csv")).content.decode()
    assert len(list(csv.reader(io.StringIO(export)))) == 1  # the header only
    result_page = reverse("counselors:result_detail", args=[shared_profile.pk])
    assert counselor_client.get(result_page).status_code == 404


@pytest.mark.parametrize("page", ["1", "2"])
def test_the_ranking_runs_a_fixed_number_of_queries(
    counselor_client, shared_profile, page, django_assert_max_num_queries
):
    counselor_client.get(ranking_url(shared_profile))  # the matrix is read once per revision
    # session, user, counselors group, the shared profile, the catalog revision, its ratings
    with django_assert_max_num_queries(6):
        response = counselor_client.get(ranking_url(shared_profile), {"page": page})
    assert response.status_code == 200


# --- The page kept whole: asked after one access query, never shown to whom may not see it ---


def test_the_counselors_view_is_drawn_once_and_then_asks_one_query_about_the_profile(
    counselor_client, shared_profile, monkeypatch, cache_is_shared, django_assert_max_num_queries
):
    first = counselor_client.get(ranking_url(shared_profile)).content.decode()

    def no_drawing(*args, **kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr("counselors.views.ranking_body", no_drawing)
    # session, user, counselors group, the access check with the client's name and revision;
    # with a shared cache none: the session, the user, the groups and the dashboard version
    # the copy is kept under come from the cache
    with django_assert_max_num_queries(0 if cache_is_shared else 4):
        again = counselor_client.get(ranking_url(shared_profile)).content.decode()
    assert again.split("<main", 1)[1] == first.split("<main", 1)[1]


@pytest.mark.usefixtures("cache_is_shared")
def test_a_renamed_client_shows_on_the_counselors_view_at_once(
    counselor_client, shared_profile, seeker
):
    assert (
        "Careers that fit Samira’s skills"
        in counselor_client.get(ranking_url(shared_profile)).content.decode()
    )
    seeker.first_name = "Sam"
    seeker.save()
    page = counselor_client.get(ranking_url(shared_profile)).content.decode()
    assert "Careers that fit Sam’s skills" in page and "Samira" not in page


@pytest.mark.usefixtures("cache_is_shared")
def test_a_withdrawn_share_of_all_profiles_ends_access_to_the_cached_page_at_once(
    counselor_client, counselor, seeker, profile
):
    share = Share.objects.create(owner=seeker, counselor=counselor, role=profile.role)
    assert counselor_client.get(ranking_url(profile)).status_code == 200
    share.withdrawn_at = timezone.now()
    share.save()
    assert counselor_client.get(ranking_url(profile)).status_code == 404


def test_the_owners_cached_page_is_never_shown_to_anyone_else(
    client, seeker, profile, make_user, monkeypatch, django_assert_max_num_queries
):
    url = reverse("assessments:explore_ranking", args=[profile.pk])
    client.force_login(seeker)
    first = client.get(url).content.decode()

    def no_drawing(*args, **kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr("assessments.explore.ranking_body", no_drawing)
    # the access check with the revision, session, user, the user's groups (navigation), the
    # shares drawn for the owner
    with django_assert_max_num_queries(5):
        again = client.get(url).content.decode()

    def ranking_part(page: str) -> str:  # without the forms' CSRF tokens, new per request
        return page.split("<h1", 1)[1].split('<form id="gap-report"', 1)[0]

    assert ranking_part(again) == ranking_part(first)
    stranger = Client()
    assert stranger.get(url).status_code == 404
    stranger.force_login(make_user("robin"))
    assert stranger.get(url).status_code == 404


@pytest.mark.usefixtures("cache_is_shared")
def test_a_deleted_profile_is_gone_from_the_counselors_cached_view_at_once(
    counselor_client, counselor, seeker, profile
):
    Share.objects.create(owner=seeker, counselor=counselor, role=profile.role)
    url = ranking_url(profile)
    assert counselor_client.get(url).status_code == 200
    profile.delete()
    assert counselor_client.get(url).status_code == 404


@pytest.mark.usefixtures("cache_is_shared")
def test_a_profile_changed_by_an_admin_shows_on_the_counselors_view_at_once(
    counselor_client, shared_profile
):
    def ranking(page: str) -> str:  # without the forms' CSRF tokens, new per request
        return page.split("<h1", 1)[1].split("<footer", 1)[0]

    before = ranking(counselor_client.get(ranking_url(shared_profile)).content.decode())
    shared_profile.ratings.update(level=1)
    shared_profile.save()  # as the admin saves a profile with its ratings inline
    after = ranking(counselor_client.get(ranking_url(shared_profile)).content.decode())
    assert after != before


def test_a_kept_counselors_ranking_is_one_read_of_the_shared_cache_with_the_session(
    cache_is_shared, counselor_client, shared_profile, cache_reads
):
    """With a shared cache (signed in with production's sessions): the session, the user,
    the dashboard version, the counselor's copy and the navigation's groups in one round
    trip; without, none (the page is kept in the process itself)."""
    counselor_client.get(ranking_url(shared_profile))
    cache_reads.clear()

    assert counselor_client.get(ranking_url(shared_profile)).status_code == 200

    assert len(cache_reads) == (1 if cache_is_shared else 0)
    if cache_is_shared:
        [keys] = cache_reads
        assert any(key.startswith("user-entry:") for key in keys)
        assert any(key.startswith("counselor-ranking-slot:") for key in keys)
