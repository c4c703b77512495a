"""A counselor and a client's plan: they see it while the result is shared, comment,
suggest a step and co-sign; the client sees all of it and decides."""

from datetime import timedelta

import pytest
from django.urls import reverse

from counselors.plans import PlanNotShared, plan_comment_create, plan_cosign, plan_suggest
from counselors.services import share_withdraw
from plans.models import PlanComment, PlanStep
from plans.services import step_update


def test_a_counselor_comments_on_a_step_and_the_client_sees_it(
    client, counselor, seeker, share, plan
):
    step = plan.steps.order_by("order").first()
    client.force_login(counselor)
    response = client.post(
        reverse("counselors:plan_comment", args=[plan.pk]),
        {"text": "Start with this one", "step": step.pk},
    )
    assert response.status_code == 302
    assert PlanComment.objects.get().step == step
    client.force_login(seeker)
    assert "Start with this one" in client.get(plan.get_absolute_url()).content.decode()


def test_a_suggested_step_is_offered_to_the_client_who_accepts_it(
    client, counselor, seeker, share, plan
):
    client.force_login(counselor)
    client.post(
        reverse("counselors:plan_suggest", args=[plan.pk]),
        {"title": "Volunteer at the help desk", "skill": "empathy", "effort_hours": 4},
    )
    suggestion = PlanComment.objects.get(kind="suggestion")
    client.force_login(seeker)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Volunteer at the help desk" in page
    client.post(
        reverse("plans:suggestion_decide", args=[plan.pk, suggestion.pk]), {"decision": "accept"}
    )
    assert plan.steps.filter(title="Volunteer at the help desk", skill="empathy").exists()


def test_a_suggestion_for_a_skill_not_in_the_role_is_refused(counselor, share, plan):
    with pytest.raises(Exception):  # noqa: B017
        plan_suggest(counselor=counselor, plan=plan, title="x", skill="juggling")
    assert not PlanComment.objects.exists()


def test_co_signing_shows_agreed_and_a_later_change_shows_changed_since(
    client, counselor, seeker, share, plan
):
    plan_cosign(counselor=counselor, plan=plan)
    client.force_login(seeker)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Agreed on" in page and "Casey" in page and "Changed since agreement" not in page
    step = plan.steps.order_by("order").first()
    step_update(step=step, actor=seeker, changes={"title": "Changed"})
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Changed since agreement" in page


def test_a_comment_after_the_share_is_withdrawn_is_refused_and_the_plan_untouched(
    client, counselor, seeker, share, plan
):
    client.force_login(counselor)
    assert client.get(reverse("counselors:plan_detail", args=[plan.pk])).status_code == 200
    share_withdraw(owner=seeker, share_id=share.pk)  # while the counselor types
    with pytest.raises(PlanNotShared):
        plan_comment_create(counselor=counselor, plan=plan, text="Too late")
    with pytest.raises(PlanNotShared):
        plan_cosign(counselor=counselor, plan=plan)
    plan.refresh_from_db()
    assert plan.cosigned_at is None and not PlanComment.objects.exists()
    assert (
        client.post(reverse("counselors:plan_comment", args=[plan.pk]), {"text": "x"}).status_code
        == 404
    )


def test_the_dashboard_shows_each_clients_plan_progress_and_overdue_steps(
    client, counselor, share, plan, today
):
    from datetime import timedelta

    first = plan.steps.order_by("order").first()
    PlanStep.objects.filter(pk=first.pk).update(target_date=today - timedelta(days=1))
    client.force_login(counselor)
    page = client.get(reverse("counselors:dashboard")).content.decode()
    assert reverse("counselors:plan_detail", args=[plan.pk]) in page
    assert "0 of 6 steps" in page and "1 overdue" in page


def test_the_counselor_plan_page_runs_a_fixed_number_of_queries(
    client, counselor, seeker, share, plan, django_assert_max_num_queries
):
    client.force_login(counselor)
    url = reverse("counselors:plan_detail", args=[plan.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    for n in range(30):
        plan_comment_create(counselor=counselor, plan=plan, text=f"Comment {n}")
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_the_dashboard_filters_clients_with_overdue_plan_steps(
    client, counselor, share, plan, today, monkeypatch
):
    client.force_login(counselor)
    url = reverse("counselors:dashboard")
    assert "Samira" not in client.get(url, {"overdue": "1"}).content.decode()
    # A year on, every step is overdue (the dashboard is cached per day).
    next_year = today + timedelta(days=366)
    monkeypatch.setattr("counselors.views.timezone.localdate", lambda: next_year)
    assert "Samira" in client.get(url, {"overdue": "1"}).content.decode()
