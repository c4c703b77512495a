"""Every plan URL: only the owner sees and edits their plan; a counselor sees it (on the
counselor's pages) while the result behind it is shared with them, and never edits it."""

import pytest
from django.urls import reverse

from counselors.services import share_withdraw
from plans.models import PlanComment, PlanEvent


@pytest.fixture
def urls(plan, counselor):
    step = plan.steps.order_by("order").first()
    suggestion = PlanComment.objects.create(
        plan=plan,
        author=counselor,
        kind="suggestion",
        status="open",
        text="t",
        suggested_title="Suggested",
    )
    owner_reads = [
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:json", args=[plan.pk]),
        reverse("plans:ics", args=[plan.pk]),
        reverse("plans:step_edit", args=[plan.pk, step.pk]),
        reverse("plans:step_done", args=[plan.pk, step.pk]),
    ]
    owner_writes = [
        (
            reverse("plans:settings", args=[plan.pk]),
            {"hours_per_week": 9, "reassess_after_weeks": 4},
        ),
        (reverse("plans:step_add", args=[plan.pk]), {"title": "Mine", "effort_hours": 1}),
        (
            reverse("plans:step_edit", args=[plan.pk, step.pk]),
            {"title": "Edited", "effort_hours": 1},
        ),
        (reverse("plans:step_done", args=[plan.pk, step.pk]), {}),
        (reverse("plans:step_move", args=[plan.pk, step.pk]), {"direction": "down"}),
        (reverse("plans:suggestion_decide", args=[plan.pk, suggestion.pk]), {"decision": "accept"}),
        (reverse("plans:step_remove", args=[plan.pk, step.pk]), {}),
    ]
    counselor_reads = [reverse("counselors:plan_detail", args=[plan.pk])]
    counselor_writes = [
        (reverse("counselors:plan_comment", args=[plan.pk]), {"text": "Hello"}),
        (reverse("counselors:plan_suggest", args=[plan.pk]), {"title": "Do X", "effort_hours": 1}),
        (reverse("counselors:plan_cosign", args=[plan.pk]), {}),
    ]
    return owner_reads, owner_writes, counselor_reads, counselor_writes


def _state(plan):
    plan.refresh_from_db()
    steps = list(plan.steps.values_list("pk", "title", "order", "status"))
    return (
        plan.hours_per_week,
        plan.cosigned_at,
        steps,
        PlanEvent.objects.count(),
        PlanComment.objects.count(),
    )


def test_the_owner_sees_and_edits_every_plan_url(client, seeker, plan, urls):
    owner_reads, owner_writes, counselor_reads, counselor_writes = urls
    client.force_login(seeker)
    for url in owner_reads:
        assert client.get(url).status_code == 200, url
    for url in counselor_reads:
        assert client.get(url).status_code == 404, url
    for url, data in counselor_writes:
        assert client.post(url, data).status_code == 404, url
    before = PlanEvent.objects.count()
    for url, data in owner_writes:
        assert client.post(url, data).status_code == 302, url
    assert PlanEvent.objects.count() > before


@pytest.mark.parametrize(
    "who", ["another job seeker", "counselor without a share", "counselor after withdrawal"]
)
def test_nobody_else_sees_or_changes_the_plan(
    client, make_user, counselor, seeker, share, plan, urls, who
):
    owner_reads, owner_writes, counselor_reads, counselor_writes = urls
    if who == "another job seeker":
        client.force_login(make_user("other-seeker"))
    elif who == "counselor without a share":
        share_withdraw(owner=seeker, share_id=share.pk)
        client.force_login(counselor)
    else:
        client.force_login(counselor)
        assert client.get(counselor_reads[0]).status_code == 200
        share_withdraw(owner=seeker, share_id=share.pk)
    before = _state(plan)
    for url in owner_reads + counselor_reads:
        assert client.get(url).status_code == 404, url
    for url, data in owner_writes + counselor_writes:
        assert client.post(url, data).status_code == 404, url
    assert _state(plan) == before


def test_a_counselor_with_an_active_share_sees_the_plan_but_edits_nothing_of_the_owners(
    client, counselor, share, plan, urls
):
    owner_reads, owner_writes, counselor_reads, _ = urls
    client.force_login(counselor)
    for url in counselor_reads:
        assert client.get(url).status_code == 200, url
    before = _state(plan)
    for url in owner_reads:
        assert client.get(url).status_code == 404, url
    for url, data in owner_writes:
        assert client.post(url, data).status_code == 404, url
    assert _state(plan) == before


def test_anonymous_visitors_are_sent_to_log_in(client, plan, urls):
    owner_reads, _, counselor_reads, _ = urls
    for url in owner_reads + counselor_reads:
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
