"""The owner's "Which careers fit me?" ranking page is kept whole, and with a cache every server
shares a reload runs no query: its access facts, the catalog revision, the owner's sharing
version, the group names and the visitor's kept page come from one read of that cache
(`assessments.explore.ranking`). Who may open it is decided on every request, and nothing kept
outlives what it shows: a profile submitted or changed, a catalog edit, a share made or
withdrawn, a group change, a claim, a deletion; one visitor's copy is never another's."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.access import STARTED_KEY
from assessments.models import Assessment
from assessments.services import assessments_claim
from careers.models import Role, Skill
from careers.skills_profile import skills_profile
from counselors.models import Share
from counselors.services import counselor_make
from tests.assessments.conftest import holding, signed_in

# Each test twice: with each process's own cache and with one every server shares.
pytestmark = pytest.mark.usefixtures("cache_is_shared")

SHARE_FORM = "Share this ranking"


@pytest.fixture(autouse=True)
def sessions_in_the_cache(settings):
    """Sessions read from the cache, written through to the database (with the shared cache,
    production's own: `cache_is_shared`), so a reload's queries are the page's own."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture(autouse=True)
def short_pages(monkeypatch):
    """A few rows a page, so the shipped slice's ranking has several."""
    monkeypatch.setattr("assessments.explore.RANKS_PER_PAGE", 2)


@pytest.fixture
def make_profile(occupations):
    """A skills profile of `owner` (None: anonymous), every O*NET skill rated `level`."""

    def make(owner=None, level: int = 3, submitted: bool = True) -> Assessment:
        profile = Assessment.objects.create(role=skills_profile(), owner=owner)
        for skill in Skill.objects.exclude(onet_element_id=""):
            profile.ratings.create(skill=skill, level=level)
        if submitted:
            profile.status, profile.submitted_at = Assessment.Status.SUBMITTED, timezone.now()
            profile.save()
        return profile

    return make


@pytest.fixture
def profile(make_profile, seeker):
    return make_profile(seeker)


def url(profile, **query) -> str:
    address = reverse("assessments:explore_ranking", args=[profile.pk])
    return f"{address}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else address


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def rows(html: str) -> str:
    """The ranking itself, without the forms' CSRF tokens (new per request)."""
    return html.split("<h1", 1)[1].split('<form id="gap-report"', 1)[0]


def test_a_reload_runs_no_query_with_a_shared_cache(
    profile, seeker, cache_is_shared, django_assert_num_queries
):
    owner = signed_in(seeker)
    first = page(owner, url(profile))
    page(owner, url(profile, page=2))
    # Without a shared cache: the access query, the user and their groups.
    with django_assert_num_queries(0 if cache_is_shared else 3):
        again = page(owner, url(profile))
    assert rows(again) == rows(first) and SHARE_FORM in again
    with django_assert_num_queries(0 if cache_is_shared else 3):
        assert "Page 2 of" in page(owner, url(profile, page=2))


def test_a_reload_of_an_anonymous_profile_runs_no_query_with_a_shared_cache(
    make_profile, cache_is_shared, django_assert_num_queries
):
    anonymous = make_profile()
    browser = holding(anonymous)
    page(browser, url(anonymous))
    with django_assert_num_queries(0 if cache_is_shared else 1):
        assert SHARE_FORM not in page(browser, url(anonymous))


def test_a_stranger_gets_a_404_even_once_the_page_is_kept(profile, seeker, make_user):
    page(signed_in(seeker), url(profile))
    page(signed_in(seeker), url(profile))
    assert Client().get(url(profile)).status_code == 404
    assert signed_in(make_user("robin")).get(url(profile)).status_code == 404
    assert holding().get(url(profile)).status_code == 404


def test_one_visitors_copy_is_never_anothers(profile, seeker, counselor, make_user):
    Share.objects.create(owner=seeker, counselor=counselor, assessment=profile)
    withdraw = reverse("counselors:share_withdraw", args=[Share.objects.get().pk])
    owner = signed_in(seeker)
    assert withdraw in page(owner, url(profile))
    assert withdraw in page(owner, url(profile))  # kept
    # Another account whose browser started the profile may open it: the visitor's copy,
    # without the owner's sharing panel, kept apart from the owner's.
    other = signed_in(make_user("robin"))
    session = other.session
    session[STARTED_KEY] = [str(profile.pk)]
    session.save()
    for _reload in range(2):
        visitor = page(other, url(profile))
        assert withdraw not in visitor and SHARE_FORM not in visitor
    # The counselor it is shared with reads it on their own page, never the owner's.
    assert signed_in(counselor).get(url(profile)).status_code == 404
    assert withdraw in page(owner, url(profile))


def test_each_query_keeps_its_own_copy(profile, seeker):
    owner = signed_in(seeker)
    first, second = page(owner, url(profile)), page(owner, url(profile, page=2))
    assert rows(page(owner, url(profile))) == rows(first)
    assert rows(page(owner, url(profile, page=2))) == rows(second) != rows(first)


def test_a_submitted_profile_opens_its_ranking_at_once(make_profile, seeker):
    unfinished = make_profile(seeker, submitted=False)
    owner = signed_in(seeker)
    step = reverse("assessments:step", args=[unfinished.pk, 1])
    assert owner.get(url(unfinished)).url == step
    assert owner.get(url(unfinished)).url == step

    owner.post(reverse("assessments:review", args=[unfinished.pk]))

    assert SHARE_FORM in page(owner, url(unfinished))


def test_a_profile_changed_by_an_admin_shows_at_once(profile, seeker):
    owner = signed_in(seeker)
    before = rows(page(owner, url(profile)))
    assert rows(page(owner, url(profile))) == before

    profile.ratings.update(level=1)
    profile.save()  # as the admin saves a profile with its ratings inline

    assert rows(page(owner, url(profile))) != before


def test_a_save_that_moves_only_when_a_profile_was_saved_shows_at_once(profile, seeker):
    """A finished assessment's last save is a fact of its own: a write that names only it
    (`update_fields`) moves the kept facts too."""
    owner = signed_in(seeker)
    before = rows(page(owner, url(profile)))

    profile.ratings.update(level=1)
    profile.save(update_fields=["updated_at"])

    assert rows(page(owner, url(profile))) != before


def test_a_catalog_edit_shows_at_once(profile, seeker):
    owner = signed_in(seeker)
    assert "Customer Service Representatives" in page(owner, url(profile))
    role = Role.objects.get(title="Customer Service Representatives")
    role.title = "Customer Care Representatives"
    role.save()  # moves the catalog revision

    shown = page(owner, url(profile))
    assert "Customer Care Representatives" in shown
    assert "Customer Service Representatives" not in shown


def test_a_share_made_and_withdrawn_show_at_once(profile, seeker, counselor):
    owner = signed_in(seeker)
    elsewhere = signed_in(seeker)  # the same person's other browser (another server)
    assert "Casey" not in page(elsewhere, url(profile))
    owner.post(
        reverse("counselors:share_create", args=[profile.pk]),
        {"share_code": counselor.counselor_profile.share_code, "scope": "result"},
    )
    withdraw = reverse("counselors:share_withdraw", args=[Share.objects.get().pk])
    assert withdraw in page(elsewhere, url(profile))

    owner.post(withdraw)

    assert withdraw not in page(elsewhere, url(profile))


def test_a_group_change_shows_at_once(profile, seeker):
    owner = signed_in(seeker)
    dashboard = reverse("counselors:dashboard")
    assert dashboard not in page(owner, url(profile))
    assert dashboard not in page(owner, url(profile))

    counselor_make(user=seeker)

    assert dashboard in page(owner, url(profile))


def test_a_claimed_profile_opens_at_once_for_its_new_owner(make_profile, seeker):
    anonymous = make_profile()
    browser = holding(anonymous)
    assert SHARE_FORM not in page(browser, url(anonymous))
    other_browser = signed_in(seeker)
    assert other_browser.get(url(anonymous)).status_code == 404

    assessments_claim(user=seeker, assessment_ids=[str(anonymous.pk)])

    assert SHARE_FORM in page(other_browser, url(anonymous))


def test_a_deleted_profile_is_gone_at_once(profile, seeker):
    owner, address = signed_in(seeker), url(profile)
    page(owner, address)
    page(owner, address)

    profile.delete()

    assert owner.get(address).status_code == 404


def test_an_assessment_of_a_job_is_no_profile(occupations, seeker, role, make_submitted):
    attempt = make_submitted(role, owner=seeker, level=2)
    owner = signed_in(seeker)
    assert owner.get(attempt.get_absolute_url()).status_code == 200  # its facts now kept
    assert owner.get(url(attempt)).status_code == 404
