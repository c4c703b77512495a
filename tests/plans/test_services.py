from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from careers.models import Resource
from plans.models import Plan, PlanComment, PlanEvent, PlanStep
from plans.services import (
    DATE_IN_PAST,
    SKILL_NOT_IN_ROLE,
    PlanExists,
    plan_create_from_result,
    plan_update,
    step_add,
    step_done,
    step_move,
    step_remove,
    step_update,
    suggestion_decide,
)


def steps_of(plan):
    return list(plan.steps.order_by("order"))


def test_a_plan_from_a_result_has_a_step_per_level_step_with_its_first_resource(plan):
    steps = steps_of(plan)
    # Three skills, each two levels short: six level steps, in the recommendations' order.
    assert len(steps) == 6
    first = steps[0]
    assert (first.from_level, first.to_level) == (1, 2)
    assert first.title.endswith("basics")
    assert (first.effort_hours, first.cost, first.url) == (4, 10, "https://example.org/basics")
    assert [step.order for step in steps] == list(range(1, 7))


def test_steps_are_dated_from_their_effort_and_the_hours_a_week(plan, today):
    dates = [step.target_date for step in steps_of(plan)]
    assert dates == sorted(dates)
    # 4 hours at 5 a week: six days.
    assert dates[0] == today + timedelta(days=6)


def test_a_plan_keeps_its_steps_when_the_catalog_changes(plan):
    Resource.objects.update(title="Renamed", effort_hours=99, url="https://elsewhere.example")
    first = steps_of(plan)[0]
    assert first.title.endswith("basics") and first.effort_hours == 4


def test_making_a_plan_records_an_event(plan, seeker):
    event = plan.events.get()
    assert (event.kind, event.actor) == ("created", seeker)


def test_a_result_makes_one_plan(plan, result, seeker, today):
    with pytest.raises(PlanExists) as exists:
        plan_create_from_result(owner=seeker, assessment=result, hours_per_week=3, start_date=today)
    assert exists.value.plan == plan


def test_only_the_owner_makes_a_plan_of_a_result(result, make_user, today):
    with pytest.raises(PermissionError):
        plan_create_from_result(
            owner=make_user("other"), assessment=result, hours_per_week=5, start_date=today
        )
    assert not Plan.objects.exists()


@pytest.mark.parametrize("hours", [0, 81, 200])
def test_hours_a_week_of_0_or_over_80_are_refused_and_nothing_is_made(result, seeker, today, hours):
    with pytest.raises(ValidationError) as error:
        plan_create_from_result(
            owner=seeker, assessment=result, hours_per_week=hours, start_date=today
        )
    assert "hours_per_week" in error.value.error_dict
    assert not Plan.objects.exists() and not PlanStep.objects.exists()


def test_a_start_date_in_the_past_is_refused(result, seeker, today):
    with pytest.raises(ValidationError):
        plan_create_from_result(
            owner=seeker, assessment=result, hours_per_week=5, start_date=today - timedelta(days=1)
        )


def test_an_own_step_is_added_at_the_end(plan, seeker, today):
    step = step_add(
        plan=plan,
        actor=seeker,
        title="Shadow a team lead",
        skill="crm",
        url="https://example.org/x",
        effort_hours=2,
        target_date=today,
    )
    assert step.order == 7
    assert plan.events.filter(kind="step_added").exists()


def test_an_own_step_for_a_skill_not_in_the_role_is_refused(plan, seeker):
    with pytest.raises(ValidationError) as error:
        step_add(plan=plan, actor=seeker, title="Juggling", skill="juggling")
    assert error.value.error_dict["skill"][0].messages == [str(SKILL_NOT_IN_ROLE)]
    assert plan.steps.count() == 6


def test_a_target_date_in_the_past_is_refused(plan, seeker, today):
    step = steps_of(plan)[0]
    with pytest.raises(ValidationError) as error:
        step_update(step=step, actor=seeker, changes={"target_date": today - timedelta(days=1)})
    assert error.value.error_dict["target_date"][0].messages == [str(DATE_IN_PAST)]
    step.refresh_from_db()
    assert step.target_date >= today


@pytest.mark.parametrize(
    "link", ["ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_a_link_that_is_not_http_is_refused(plan, seeker, link):
    with pytest.raises(ValidationError):
        step_add(plan=plan, actor=seeker, title="Read", url=link)
    assert plan.steps.count() == 6


def test_an_update_saves_only_the_fields_given_so_two_tabs_keep_each_others_fields(
    plan, seeker, today
):
    step = steps_of(plan)[0]
    # Tab one changes the title, tab two (opened before) the date: both stay.
    step_update(step=step, actor=seeker, changes={"title": "Tab one's title"})
    step_update(step=step, actor=seeker, changes={"target_date": today + timedelta(days=30)})
    step.refresh_from_db()
    assert step.title == "Tab one's title"
    assert step.target_date == today + timedelta(days=30)
    changed = plan.events.filter(kind="step_changed")
    assert changed.count() == 2  # the timeline shows both saves


def test_the_later_save_wins_per_field(plan, seeker):
    step = steps_of(plan)[0]
    step_update(step=step, actor=seeker, changes={"title": "First"})
    step_update(step=step, actor=seeker, changes={"title": "Second"})
    step.refresh_from_db()
    assert step.title == "Second"
    assert plan.events.filter(kind="step_changed").first().changes["title"] == ["First", "Second"]


def test_setting_a_step_to_done_and_back_dates_and_clears_it(plan, seeker):
    step = steps_of(plan)[0]
    step_update(step=step, actor=seeker, changes={"status": "done"})
    step.refresh_from_db()
    assert step.done_at is not None
    step_update(step=step, actor=seeker, changes={"status": "doing"})
    step.refresh_from_db()
    assert step.done_at is None


def test_a_step_done_keeps_its_evidence(plan, seeker):
    step = steps_of(plan)[0]
    step_done(
        step=step,
        actor=seeker,
        evidence_note="Finished the course",
        evidence_url="https://example.org/cert",
    )
    step.refresh_from_db()
    assert step.status == "done" and step.done_at
    assert step.evidence_note == "Finished the course"
    assert plan.events.filter(kind="step_done").exists()


def test_a_step_done_with_a_non_http_evidence_link_is_refused_and_stays_open(plan, seeker):
    step = steps_of(plan)[0]
    with pytest.raises(ValidationError):
        step_done(step=step, actor=seeker, evidence_url="ftp://example.org/x")
    step.refresh_from_db()
    assert step.status == "todo"


def test_moving_a_step_up_swaps_it_with_the_one_above(plan, seeker):
    first, second = steps_of(plan)[:2]
    step_move(step=second, actor=seeker, up=True)
    assert steps_of(plan)[:2] == [second, first]


def test_a_removed_step_is_kept_in_the_history(plan, seeker):
    step = steps_of(plan)[0]
    step_remove(step=step, actor=seeker)
    assert plan.steps.count() == 5
    event = plan.events.get(kind="step_removed")
    assert event.changes["removed"]["title"] == step.title


def test_rescheduling_redates_the_open_steps_from_today(plan, seeker, today):
    plan_update(
        plan=plan,
        actor=seeker,
        hours_per_week=20,
        weekly_digest=True,
        reassess_reminder=False,
        reassess_after_weeks=8,
        reschedule=True,
    )
    plan.refresh_from_db()
    assert plan.hours_per_week == 20 and plan.weekly_digest
    assert steps_of(plan)[0].target_date == today + timedelta(days=2)  # 4 h at 20 a week
    assert plan.events.filter(kind="rescheduled").exists()


def test_every_write_records_an_event(plan, seeker, today):
    before = PlanEvent.objects.count()
    step = steps_of(plan)[0]
    step_update(step=step, actor=seeker, changes={"title": "x"})
    step_move(step=step, actor=seeker, up=False)
    step_done(step=step, actor=seeker)
    step_add(plan=plan, actor=seeker, title="y")
    step_remove(step=step, actor=seeker)
    assert PlanEvent.objects.count() == before + 5


def test_an_accepted_suggestion_becomes_a_step(plan, seeker, counselor):
    suggestion = PlanComment.objects.create(
        plan=plan,
        author=counselor,
        kind="suggestion",
        status="open",
        text="Try this",
        suggested_title="Join a mentoring circle",
        suggested_skill="empathy",
        suggested_effort_hours=3,
    )
    step = suggestion_decide(comment=suggestion, actor=seeker, accept=True)
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    assert (step.title, step.skill, step.order) == ("Join a mentoring circle", "empathy", 7)
    assert step.target_date >= steps_of(plan)[5].target_date


def test_a_declined_suggestion_adds_nothing_and_cannot_be_decided_again(plan, seeker, counselor):
    suggestion = PlanComment.objects.create(
        plan=plan,
        author=counselor,
        kind="suggestion",
        status="open",
        text="Try this",
        suggested_title="Something",
    )
    assert suggestion_decide(comment=suggestion, actor=seeker, accept=False) is None
    assert plan.steps.count() == 6
    with pytest.raises(ValidationError):
        suggestion_decide(comment=suggestion, actor=seeker, accept=True)
    assert plan.steps.count() == 6
