"""A page of ratings saved from what the shared cache keeps of its attempt (who may open it,
its role, its status) and of the catalog, with one write to the database and no read: the
write itself checks, as it happens, that what the cache said still holds. Where it no longer
does, the save is answered from the database as if nothing were kept, and nothing is written
on the cache's word."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from assessments.models import Assessment, SkillRating
from assessments.questionnaire import PageAnswers, questionnaire_pages
from assessments.services import answers_save
from careers.revision import REVISION_CACHE_KEY, current_revision
from tests.assessments.conftest import signed_in, step_url


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """Production's arrangement: sessions and the facts kept in a cache every server shares."""
    settings.CACHE_IS_SHARED = True
    settings.SESSION_ENGINE = "common.sessions"


def levels(assessment) -> dict[str, int | None]:
    return dict(assessment.ratings.values_list("skill__slug", "level"))


def first_page(role):
    return questionnaire_pages(role.requirements.all(), rank=role.rank, levels={})[0]


def test_a_page_of_ratings_is_saved_with_one_write(client, role, start, django_assert_num_queries):
    assessment = start(role)
    client.post(step_url(assessment, 2), {"rating-empathy": "3"})  # its facts, now kept
    # On PostgreSQL one statement; elsewhere the update and the upsert in a transaction (its
    # savepoint and release in a test).
    write = 1 if connection.vendor == "postgresql" else 4
    with django_assert_num_queries(write) as queries:
        response = client.post(
            step_url(assessment, 1), {"rating-crm": "4", "note-crm": "Zendesk", "direction": "next"}
        )
    assert response.url == step_url(assessment, 2)
    assert not any("SELECT" in query["sql"].split("WHERE")[0] for query in queries)
    assert levels(assessment) == {"crm": 4, "empathy": 3}
    assert SkillRating.objects.get(skill__slug="crm").evidence_note == "Zendesk"
    assessment.refresh_from_db()
    assert assessment.last_step == 2


def test_a_resume_link_retired_since_the_facts_were_kept_opens_nothing(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "2"})
    elsewhere = Client()
    elsewhere.get(assessment.get_resume_url())
    elsewhere.post(step_url(assessment, 1), {"rating-typing": "2"})  # kept: the token works
    assert levels(assessment) == {"crm": 2, "typing": 2}
    # Retired without a signal (as SQL by hand would): the kept facts still hold the old token.
    Assessment.objects.filter(pk=assessment.pk).update(resume_token="retired-by-hand")

    response = elsewhere.post(step_url(assessment, 1), {"rating-crm": "5", "rating-typing": "5"})

    assert response.status_code == 404
    assert levels(assessment) == {"crm": 2, "typing": 2}


# A submit the kept facts have not seen: `test_questionnaire_pages.
# test_posting_to_a_submitted_assessment_changes_nothing`, run with a shared cache too.


def test_an_attempt_given_to_another_account_since_the_facts_were_kept_opens_nothing(
    role, seeker, make_user
):
    assessment = Assessment.objects.create(role=role, owner=seeker)
    owner = signed_in(seeker)  # another browser than the one that started it: by account only
    owner.post(step_url(assessment, 1), {"rating-crm": "2"})
    assert levels(assessment) == {"crm": 2}
    Assessment.objects.filter(pk=assessment.pk).update(owner=make_user("someone-else"))

    response = owner.post(step_url(assessment, 1), {"rating-crm": "5"})

    assert response.status_code == 404
    assert levels(assessment) == {"crm": 2}


def test_a_catalog_edit_the_cache_has_not_seen_yet_is_saved_against_the_new_catalog(
    client, role, start, make_skill, make_requirement
):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "2"})
    seen = current_revision()
    tools = role.requirements.get(skill__slug="crm").skill.category
    # A skill added to the page, and the cache still holding the revision before the edit
    # (the moment before the edit's commit sets the new one).
    make_requirement(role=role, skill=make_skill(category=tools, slug="macros", position=3))
    assert current_revision() != seen
    cache.set(REVISION_CACHE_KEY, seen)

    response = client.post(step_url(assessment, 1), {"rating-crm": "3", "rating-macros": "4"})

    assert response.status_code == 302
    assert levels(assessment) == {"crm": 3, "macros": 4}


def test_a_write_whose_guard_no_longer_holds_writes_nothing(client, role, start):
    assessment = start(role)
    page = first_page(role)
    answers = PageAnswers(ratings={"crm": 4}, years={"years_experience": 3})
    revision = current_revision()

    assert not answers_save(
        assessment=assessment, page=page, answers=answers, last_step=2, revision=revision + 1
    )
    assert not answers_save(
        assessment=assessment,
        page=page,
        answers=answers,
        last_step=2,
        unchanged={"owner_id": 10**6, "resume_token": assessment.resume_token},
    )
    assert not answers_save(
        assessment=assessment,
        page=page,
        answers=answers,
        last_step=2,
        unchanged={"owner_id": None, "resume_token": "another"},
    )
    assert not SkillRating.objects.exists()
    assessment.refresh_from_db()
    assert (assessment.last_step, assessment.years_experience) == (1, None)

    assert answers_save(
        assessment=assessment,
        page=page,
        answers=answers,
        last_step=2,
        unchanged={"owner_id": None, "resume_token": assessment.resume_token},
        revision=revision,
    )
    assert levels(assessment) == {"crm": 4}


def test_a_page_with_a_mistake_shows_it_and_saves_the_rest(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "2"})
    response = client.post(
        step_url(assessment, 1), {"rating-crm": "4", "link-crm": "not a link", "direction": "next"}
    )
    assert response.status_code == 200
    assert "link" in response.content.decode().lower()
    assert levels(assessment) == {"crm": 4}
