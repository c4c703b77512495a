import json
from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from assessments.access import STARTED_KEY
from plans.models import Plan, PlanComment, PlanStep
from plans.services import step_add


def test_the_result_page_offers_its_owner_to_make_a_plan(client, seeker, result):
    client.force_login(seeker)
    page = client.get(result.get_absolute_url()).content.decode()
    assert reverse("plans:create", args=[result.pk]) in page


def test_an_anonymous_owner_is_asked_to_sign_up_or_log_in_and_comes_back(
    client, role, resources, make_submitted
):
    anonymous = make_submitted(role, level=1)
    session = client.session
    session[STARTED_KEY] = [str(anonymous.pk)]
    session.save()
    url = reverse("plans:create", args=[anonymous.pk])
    assert url in client.get(anonymous.get_absolute_url()).content.decode()
    page = client.get(url).content.decode()
    assert f"{reverse('accounts:signup')}?next={url}" in page
    response = client.post(
        f"{reverse('accounts:signup')}?next={url}",
        {
            "username": "newcomer",
            "email": "n@example.org",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    # Back on the page, the attempt is offered to the new account; a yes comes back here.
    page = client.get(url).content.decode()
    assert reverse("assessments:claim") in page
    response = client.post(reverse("assessments:claim"), {"answer": "yes", "next": url})
    assert response["Location"] == url
    response = client.post(url, {"hours_per_week": 5, "start_date": result_today()})
    plan = Plan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert plan.owner.username == "newcomer"


def result_today():
    from django.utils import timezone

    return timezone.localdate().isoformat()


def test_the_owner_makes_a_plan_and_sees_it(client, seeker, result):
    client.force_login(seeker)
    response = client.post(
        reverse("plans:create", args=[result.pk]),
        {"hours_per_week": 5, "start_date": result_today()},
    )
    plan = Plan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "CRM software basics" in page and "Associate" in page
    # Asking again opens the same plan.
    again = client.post(
        reverse("plans:create", args=[result.pk]),
        {"hours_per_week": 5, "start_date": result_today()},
    )
    assert again["Location"] == plan.get_absolute_url()


@pytest.mark.parametrize("hours", ["0", "200", "x"])
def test_bad_hours_a_week_are_an_error_on_the_form(client, seeker, result, hours):
    client.force_login(seeker)
    response = client.post(
        reverse("plans:create", args=[result.pk]),
        {"hours_per_week": hours, "start_date": result_today()},
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not Plan.objects.exists()


def test_the_plan_page_shows_progress_overdue_and_history(client, seeker, plan, today):
    first = plan.steps.order_by("order").first()
    PlanStep.objects.filter(pk=first.pk).update(target_date=today - timedelta(days=2))
    client.force_login(seeker)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "0 of 6 steps" in page
    assert f'href="#step-{first.pk}"' in page.split('data-testid="overdue"')[1].split("</ul>")[0]
    assert "Plan made from the result" in page


def test_marking_a_step_done_with_evidence(client, seeker, plan):
    step = plan.steps.order_by("order").first()
    client.force_login(seeker)
    url = reverse("plans:step_done", args=[plan.pk, step.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"evidence_note": "Did it", "evidence_url": "https://example.org/e"}
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.status, step.evidence_note) == ("done", "Did it")
    assert "1 of 6 steps" in client.get(plan.get_absolute_url()).content.decode()


def test_a_non_http_evidence_link_is_an_error_and_the_note_stays(client, seeker, plan):
    step = plan.steps.order_by("order").first()
    client.force_login(seeker)
    response = client.post(
        reverse("plans:step_done", args=[plan.pk, step.pk]),
        {"evidence_note": "My note", "evidence_url": "ftp://example.org/e"},
    )
    assert response.status_code == 200
    assert "My note" in response.content.decode()
    step.refresh_from_db()
    assert step.status == "todo"


def test_two_tabs_editing_one_step_keep_each_others_fields(client, seeker, plan, today):
    step = plan.steps.order_by("order").first()
    client.force_login(seeker)
    url = reverse("plans:step_edit", args=[plan.pk, step.pk])
    shown = {
        "title": step.title,
        "skill": step.skill,
        "url": step.url,
        "effort_hours": str(step.effort_hours),
        "cost": str(step.cost),
        "target_date": step.target_date.isoformat(),
        "status": step.status,
    }
    baseline = {f"initial-{name}": value for name, value in shown.items()}
    later = (today + timedelta(days=40)).isoformat()
    client.post(url, {**shown, **baseline, "title": "New title"})
    client.post(url, {**shown, **baseline, "target_date": later})  # the stale tab
    step.refresh_from_db()
    assert step.title == "New title"
    assert step.target_date.isoformat() == later
    assert plan.events.filter(kind="step_changed").count() == 2


def test_a_past_target_date_is_an_error_on_the_edit_form(client, seeker, plan, today):
    step = plan.steps.order_by("order").first()
    client.force_login(seeker)
    response = client.post(
        reverse("plans:step_edit", args=[plan.pk, step.pk]),
        {
            "title": "Kept title",
            "effort_hours": 4,
            "cost": 0,
            "target_date": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose a target date from today on." in page and "Kept title" in page


def test_adding_an_own_step(client, seeker, plan, today):
    client.force_login(seeker)
    response = client.post(
        reverse("plans:step_add", args=[plan.pk]),
        {
            "title": "Ask for a stretch project",
            "skill": "empathy",
            "url": "https://example.org",
            "effort_hours": 3,
            "cost": "",
            "target_date": today.isoformat(),
        },
    )
    assert response.status_code == 302
    assert plan.steps.filter(title="Ask for a stretch project", order=7).exists()


def test_the_json_follows_the_documented_schema(client, seeker, plan):
    client.force_login(seeker)
    document = json.loads(client.get(reverse("plans:json", args=[plan.pk])).content)
    assert document["schema"] == "skills-gap/plan/v1"
    assert document["role"] == {"slug": "associate", "title": "Associate"}
    assert document["progress"] == {
        "steps_total": 6,
        "steps_done": 0,
        "hours_total": 30,
        "hours_done": 0,
    }
    assert set(document["steps"][0]) >= {"id", "order", "skill", "title", "target_date", "status"}
    assert document["agreement"] is None


def test_the_calendar_parses_and_keeps_its_uids(client, seeker, plan):
    client.force_login(seeker)
    url = reverse("plans:ics", args=[plan.pk])
    first = Calendar.from_ical(client.get(url).content)
    events = first.walk("VEVENT")
    assert len(events) == 6
    assert str(events[0]["SUMMARY"]).endswith("basics")
    step = plan.steps.order_by("order").first()
    assert events[0].decoded("DTSTART") == step.target_date
    step.title = "Renamed"
    step.save()
    second = Calendar.from_ical(client.get(url).content)
    assert [str(e["UID"]) for e in second.walk("VEVENT")] == [str(e["UID"]) for e in events]


def _many(plan, seeker, counselor, count):
    for n in range(count):
        step = step_add(plan=plan, actor=seeker, title=f"Step {n}")
        PlanComment.objects.create(plan=plan, step=step, author=counselor, text=f"Comment {n}")


@pytest.mark.parametrize("name", ["plans:detail", "plans:json", "plans:ics"])
def test_plan_pages_run_a_fixed_number_of_queries(
    client, seeker, counselor, plan, name, django_assert_max_num_queries
):
    client.force_login(seeker)
    url = reverse(name, args=[plan.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    _many(plan, seeker, counselor, 30)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
