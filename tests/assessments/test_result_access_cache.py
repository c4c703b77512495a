"""With a cache every server shares, what decides who may open a result and which copy of its
page and JSON they get is kept in that cache (`assessments.access_cache`), and every write of
it shows at once: a claim, a submission, a re-scoring, an industry chosen, a deleted attempt or
skills profile, a link. Here the cache is one process's, used by every test client, as every
server uses Redis; each test fails if its write leaves the kept facts in place."""

import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.access import assessment_from_row
from assessments.access_cache import ASSESSMENT_FIELDS, facts_key
from assessments.models import Assessment, Result
from assessments.rescoring import results_rescore
from assessments.scoring import SCORING_VERSION
from assessments.services import assessments_claim, result_create
from counselors.services import counselor_make
from tests.assessments.conftest import holding, signed_in


@pytest.fixture(autouse=True)
def shared_cache(settings):
    settings.CACHE_IS_SHARED = True


def json_url(assessment) -> str:
    return reverse("assessments:result_json", args=[assessment.pk])


def test_a_claimed_attempt_opens_at_once_for_its_new_owner_in_another_browser(
    seeker, role, make_submitted
):
    attempt = make_submitted(role, level=2)
    browser = holding(attempt)
    assert browser.get(attempt.get_absolute_url()).status_code == 200  # facts kept: nobody's
    other_browser = signed_in(seeker)
    assert other_browser.get(attempt.get_absolute_url()).status_code == 404

    assessments_claim(user=seeker, assessment_ids=[str(attempt.pk)])

    page = other_browser.get(attempt.get_absolute_url())
    assert page.status_code == 200 and "Share this result" in page.content.decode()
    assert other_browser.get(json_url(attempt)).status_code == 200


def test_a_submitted_attempt_shows_its_result_at_once(seeker, role):
    attempt = Assessment.objects.create(role=role, owner=seeker)
    owner = signed_in(seeker)
    result_url = reverse("assessments:result", args=[attempt.pk])
    assert owner.get(result_url).status_code == 302  # unfinished, and its facts kept
    assert owner.get(json_url(attempt)).status_code == 404

    attempt.status, attempt.submitted_at = Assessment.Status.SUBMITTED, timezone.now()
    attempt.save()
    result_create(assessment=attempt)

    assert owner.get(result_url).status_code == 200
    assert owner.get(json_url(attempt)).json()["assessment"]["id"] == str(attempt.pk)


def test_a_new_result_of_the_same_attempt_replaces_its_page_and_json_at_once(
    seeker, role, make_submitted
):
    attempt = make_submitted(role, owner=seeker, level=2)
    owner = signed_in(seeker)
    assert 'readiness-number">12<' not in owner.get(attempt.get_absolute_url()).content.decode()
    assert owner.get(json_url(attempt)).json()["scoring_version"] == SCORING_VERSION

    results_rescore(to_version=SCORING_VERSION + 1)  # in bulk: no post_save
    newest = attempt.results.get(scoring_version=SCORING_VERSION + 1)
    Result.objects.filter(pk=newest.pk).update(
        document={**newest.document, "readiness_percent": 12.0}, readiness_percent=12.0
    )

    assert owner.get(json_url(attempt)).json()["scoring_version"] == SCORING_VERSION + 1
    assert 'readiness-number">12<' in owner.get(attempt.get_absolute_url()).content.decode()


def test_a_result_stored_again_for_the_same_attempt_replaces_its_page_and_json_at_once(
    seeker, role, make_submitted
):
    attempt = make_submitted(role, owner=seeker, level=2)
    owner = signed_in(seeker)
    assert 'readiness-number">12<' not in owner.get(attempt.get_absolute_url()).content.decode()
    first = owner.get(json_url(attempt)).json()

    attempt.results.all().delete()
    stored = result_create(assessment=attempt)
    Result.objects.filter(pk=stored.pk).update(
        document={**stored.document, "readiness_percent": 12.0}, readiness_percent=12.0
    )

    assert (
        owner.get(json_url(attempt)).json()["readiness_percent"]
        == 12.0
        != first["readiness_percent"]
    )
    assert 'readiness-number">12<' in owner.get(attempt.get_absolute_url()).content.decode()


def test_an_industry_chosen_shows_at_once(seeker, role, make_submitted):
    attempt = make_submitted(role, owner=seeker, level=2)
    owner = signed_in(seeker)
    assert 'value="retail" selected' not in owner.get(attempt.get_absolute_url()).content.decode()

    owner.post(reverse("assessments:industry", args=[attempt.pk]), {"industry": "retail"})
    owner.get(attempt.get_absolute_url())  # shows the message, so drawn for itself alone

    assert 'value="retail" selected' in owner.get(attempt.get_absolute_url()).content.decode()


def test_a_deleted_attempt_is_gone_at_once(seeker, role, make_submitted):
    attempt = make_submitted(role, owner=seeker, level=2)
    owner = signed_in(seeker)
    assert owner.get(attempt.get_absolute_url()).status_code == 200
    assert owner.get(json_url(attempt)).status_code == 200

    Assessment.objects.filter(pk=attempt.pk).delete()

    assert owner.get(attempt.get_absolute_url()).status_code == 404
    assert owner.get(json_url(attempt)).status_code == 404


def test_a_gap_report_stops_linking_to_its_deleted_skills_profile_at_once(
    seeker, role, make_submitted
):
    profile = make_submitted(role, owner=seeker, level=3)
    report = make_submitted(role, owner=seeker, level=2)
    report.profile = profile
    report.save()
    ranking = reverse("assessments:explore_ranking", args=[profile.pk])
    owner = signed_in(seeker)
    assert ranking in owner.get(report.get_absolute_url()).content.decode()

    profile.delete()  # leaves the report without it (SET_NULL, an update without signals)

    assert ranking not in owner.get(report.get_absolute_url()).content.decode()


def test_the_facts_are_read_from_the_cache_and_one_visitors_copy_is_never_anothers(
    seeker, make_user, role, make_submitted, django_assert_num_queries
):
    attempt = make_submitted(role, owner=seeker, level=2)
    anonymous = make_submitted(role, level=2)
    owner, stranger, browser = signed_in(seeker), signed_in(make_user("robin")), holding(anonymous)
    for client, assessment in ((owner, attempt), (browser, anonymous)):
        client.get(assessment.get_absolute_url())
        client.get(json_url(assessment))
    # The session only (in the database in the tests' settings): the user, the facts, the
    # catalog revision and the page come from the cache.
    with django_assert_num_queries(1):
        assert "Share this result" in owner.get(attempt.get_absolute_url()).content.decode()
    with django_assert_num_queries(1):
        owner.get(json_url(attempt))
    with django_assert_num_queries(1):
        assert "Share this result" not in browser.get(anonymous.get_absolute_url()).content.decode()
    # Another account, another anonymous browser: no copy of anyone's, and no facts leak.
    assert stranger.get(attempt.get_absolute_url()).status_code == 404
    assert stranger.get(json_url(attempt)).status_code == 404
    assert Client().get(anonymous.get_absolute_url()).status_code == 404
    assert holding().get(json_url(anonymous)).status_code == 404


def test_facts_changed_outside_django_show_when_their_copy_expires(seeker, role, make_submitted):
    """The database is the source of truth: a copy gone (expired, evicted) is read again."""
    attempt = make_submitted(role, owner=seeker, level=2)
    owner = signed_in(seeker)
    assert owner.get(attempt.get_absolute_url()).status_code == 200
    Assessment.objects.filter(pk=attempt.pk).update(owner=None)  # SQL by hand, no signal
    cache.delete(facts_key(attempt.pk))

    assert owner.get(attempt.get_absolute_url()).status_code == 404


def test_a_write_keeps_the_new_facts_when_it_commits(
    seeker, role, make_submitted, django_capture_on_commit_callbacks
):
    attempt = make_submitted(role, level=2)
    holding(attempt).get(attempt.get_absolute_url())
    assert cache.get(facts_key(attempt.pk)).fields[1] is None  # owner_id

    with django_capture_on_commit_callbacks(execute=True):
        assessments_claim(user=seeker, assessment_ids=[str(attempt.pk)])

    assert cache.get(facts_key(attempt.pk)).fields[1] == seeker.pk


def test_the_navigation_follows_a_group_change_at_once(seeker, role, make_submitted):
    """The group names are read with the facts, in the same round trip."""
    attempt = make_submitted(role, owner=seeker, level=2)
    owner = signed_in(seeker)
    dashboard = reverse("counselors:dashboard")
    assert dashboard not in owner.get(attempt.get_absolute_url()).content.decode()

    counselor_make(user=seeker)

    assert dashboard in owner.get(attempt.get_absolute_url()).content.decode()


def test_an_assessment_from_kept_facts_is_the_orms_with_the_rest_deferred(
    role, make_submitted, django_assert_num_queries
):
    stored = make_submitted(role)
    row = {name: getattr(stored, name) for name in ASSESSMENT_FIELDS}
    row["id"] = str(stored.pk)  # as SQLite's plain SQL gives it

    built = assessment_from_row(row)

    assert built == stored and isinstance(built.pk, uuid.UUID)
    assert (built._state.adding, built._state.db) == (False, "default")
    every = {field.attname for field in Assessment._meta.concrete_fields}
    assert built.get_deferred_fields() == every - set(ASSESSMENT_FIELDS)
    with django_assert_num_queries(0):
        assert (built.owner_id, built.status, built.role_id) == (
            stored.owner_id,
            stored.status,
            stored.role_id,
        )
    with django_assert_num_queries(1):
        assert built.submitted_at == stored.submitted_at  # a deferred field, loaded on use
    built.industry = "retail"
    built.save(update_fields=["industry"])
    stored.refresh_from_db()
    assert stored.industry == "retail"
