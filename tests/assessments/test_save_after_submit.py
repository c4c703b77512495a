"""A save that meets a submit: the submitted attempt keeps exactly the answers its result was
scored from. The save writes only while the attempt is in progress, and it takes the attempt's
row lock as a submit does, so the two take turns (on PostgreSQL, where they really run side
by side: `make test-postgres`)."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from assessments import views
from assessments.models import Assessment
from assessments.questionnaire import PageAnswers, questionnaire_pages
from assessments.services import answers_save
from tests.assessments.conftest import step_url
from tests.assessments.test_review_and_submit import answer_everything, review_url


def first_page(role):
    return questionnaire_pages(role.requirements.all(), rank=role.rank, levels={})[0]


def saved(assessment) -> dict:
    assessment.refresh_from_db()
    return {
        "status": assessment.status,
        "last_step": assessment.last_step,
        "years": assessment.years_experience,
        "ratings": {r.skill.slug: (r.level, r.evidence_note) for r in assessment.ratings.all()},
        "choices": {a.item.slug: a.option.slug for a in assessment.scenario_answers.all()},
    }


def submitted_by_someone_else(assessment) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.SUBMITTED, submitted_at=timezone.now()
    )


def test_a_save_on_a_submitted_attempt_writes_nothing(client, role, start):
    assessment = start(role)
    answer_everything(client, assessment)
    submitted_by_someone_else(assessment)
    before = saved(assessment)
    assert before["ratings"]["crm"] == (3, "")

    wrote = answers_save(
        assessment=assessment,
        page=first_page(role),
        answers=PageAnswers(
            ratings={"crm": 1, "typing": 1},
            evidence_notes={"crm": "Changed after the submit"},
            years={"years_experience": 9},
        ),
        last_step=1,
    )

    assert wrote is False
    assert saved(assessment) == before


def test_a_save_in_progress_still_writes_and_says_so(client, role, start):
    assessment = start(role)
    wrote = answers_save(
        assessment=assessment,
        page=first_page(role),
        answers=PageAnswers(ratings={"crm": 4}, evidence_notes={"crm": "Zendesk, 2 years"}),
        last_step=2,
    )
    assert wrote is True
    now = saved(assessment)
    assert now["ratings"] == {"crm": (4, "Zendesk, 2 years")}
    assert now["last_step"] == 2


def test_a_page_posted_as_another_tab_submits_changes_nothing_and_says_so(
    client, role, start, monkeypatch
):
    """The page read the attempt in progress, and the submit landed before its save."""
    assessment = start(role)
    answer_everything(client, assessment)
    before = saved(assessment)
    read = views.questionnaire_read_or_404

    def read_then_submit_elsewhere(request, pk):
        found = read(request, pk)
        submitted_by_someone_else(assessment)
        return found

    monkeypatch.setattr(views, "questionnaire_read_or_404", read_then_submit_elsewhere)
    response = client.post(step_url(assessment, 1), {"rating-crm": "1", "note-crm": "Late"})

    assert response.status_code == 302
    assert response.url == reverse("assessments:result", args=[assessment.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "This assessment is already submitted; nothing was changed."
    ]
    assert saved(assessment)["ratings"] == before["ratings"]
    assert saved(assessment)["last_step"] == before["last_step"]


@pytest.mark.django_db(transaction=True)
def test_a_save_that_waits_for_a_submit_writes_nothing_after_it(client, role, start):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks (make test-postgres)")
    assessment = start(role)
    answer_everything(client, assessment)
    client.get(review_url(assessment))
    before = saved(assessment)
    page = first_page(role)
    locked, waited = threading.Event(), []

    def save() -> None:
        try:
            locked.wait(5)
            waited.append(
                answers_save(
                    assessment=assessment,
                    page=page,
                    answers=PageAnswers(ratings={"crm": 1}, years={"years_experience": 9}),
                    last_step=1,
                )
            )
        except BaseException as error:
            waited.append(error)
            raise
        finally:
            connection.close()  # each thread has its own connection to the database

    saver = threading.Thread(target=save)
    saver.start()
    with transaction.atomic():  # a submit: the row locked, the status moved on
        Assessment.objects.select_for_update().get(pk=assessment.pk)
        submitted_by_someone_else(assessment)
        locked.set()
        with connection.cursor() as cursor:  # until the save waits for this row
            for _poll in range(500):
                # Statistics read in a transaction stay as first read unless cleared.
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    " AND datname = current_database()"
                )
                if cursor.fetchone()[0]:
                    break
                threading.Event().wait(0.01)
            else:
                pytest.fail(f"the save did not wait for the submit's lock: {waited}")
    saver.join(10)

    assert waited == [False]
    after = saved(assessment)
    assert after["status"] == Assessment.Status.SUBMITTED
    assert {key: after[key] for key in ("ratings", "choices", "years", "last_step")} == {
        key: before[key] for key in ("ratings", "choices", "years", "last_step")
    }
