"""The plan's dated steps as an iCalendar file. Every step keeps its UID across exports, so
importing the file again updates the events rather than duplicating them."""

from datetime import timedelta

from icalendar import Calendar, Event

from plans.models import Plan, PlanStep

UID_DOMAIN = "skills-gap.plans"


def step_uid(step: PlanStep) -> str:
    return f"plan-{step.plan_id}-step-{step.pk}@{UID_DOMAIN}"


def plan_calendar(plan: Plan, steps: list[PlanStep], plan_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//skills-gap//plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Plan: {plan.role.title}")
    for step in steps:
        if step.target_date is None:
            continue
        event = Event()
        event.add("uid", step_uid(step))
        event.add("dtstamp", step.updated_at)
        event.add("last-modified", step.updated_at)
        event.add("dtstart", step.target_date)
        event.add("dtend", step.target_date + timedelta(days=1))
        event.add("summary", f"✓ {step.title}" if step.is_finished else step.title)
        description = [step.description] if step.description else []
        if step.effort_hours:
            description.append(f"Effort: {step.effort_hours} h")
        description.append(plan_url)
        event.add("description", "\n".join(description))
        event.add("url", step.url or plan_url)
        calendar.add_component(event)
    return calendar.to_ical()
