"""What the plan page and its JSON say about progress, computed from the plan's steps in
memory (the page reads the steps once; nothing here queries)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from plans.models import Plan, PlanStep
from plans.schedule import ready_date


@dataclass
class GapProgress:
    skill: str
    name: str
    required_level: int | None
    level_before: int | None
    level_after: int | None
    steps: list[PlanStep] = field(default_factory=list)

    @property
    def steps_total(self) -> int:
        return len(self.steps)

    @property
    def steps_done(self) -> int:
        return sum(step.is_finished for step in self.steps)

    @property
    def hours_total(self) -> int:
        return sum(step.effort_hours for step in self.steps)

    @property
    def hours_done(self) -> int:
        return sum(step.effort_hours for step in self.steps if step.is_finished)

    @property
    def percent(self) -> int:
        if not self.hours_total:
            return 100 * self.steps_done // self.steps_total if self.steps_total else 0
        return 100 * self.hours_done // self.hours_total


@dataclass
class PlanProgress:
    gaps: list[GapProgress]
    own_steps: list[PlanStep]
    this_week: list[PlanStep]
    overdue: list[PlanStep]
    steps_total: int
    steps_done: int
    hours_total: int
    hours_done: int
    ready_on: date | None

    @property
    def percent(self) -> int:
        if not self.hours_total:
            return 100 * self.steps_done // self.steps_total if self.steps_total else 0
        return 100 * self.hours_done // self.hours_total


def plan_progress(plan: Plan, steps: list[PlanStep], today: date) -> PlanProgress:
    """Progress per gap (the skills the plan's steps work on, in the result's order), what is
    due within the next seven days, what is overdue, and the date the plan expects the
    person ready: the latest target date of its open steps (or of all, once all are done)."""
    by_skill: dict[str, GapProgress] = {}
    for row in plan.skills:
        by_skill[row["skill"]] = GapProgress(
            skill=row["skill"],
            name=row["name"],
            required_level=row["required_level"],
            level_before=row["measured_level"],
            level_after=plan.skills_after.get(row["skill"]),
        )
    own = []
    for step in steps:
        if step.skill in by_skill:
            by_skill[step.skill].steps.append(step)
        else:
            own.append(step)
    open_steps = [step for step in steps if not step.is_finished]
    week_end = today + timedelta(days=7)
    dated = [s.target_date for s in (open_steps or steps) if s.target_date is not None]
    return PlanProgress(
        gaps=[gap for gap in by_skill.values() if gap.steps],
        own_steps=own,
        this_week=[
            s
            for s in open_steps
            if s.target_date is not None and today <= s.target_date <= week_end
        ],
        overdue=[s for s in open_steps if s.target_date is not None and s.target_date < today],
        steps_total=len(steps),
        steps_done=len(steps) - len(open_steps),
        hours_total=sum(s.effort_hours for s in steps),
        hours_done=sum(s.effort_hours for s in steps if s.is_finished),
        ready_on=ready_date(dated),
    )


def step_json(step: PlanStep) -> dict[str, Any]:
    return {
        "id": step.pk,
        "order": step.order,
        "skill": step.skill or None,
        "from_level": step.from_level,
        "to_level": step.to_level,
        "title": step.title,
        "kind": step.resource_kind or None,
        "description": step.description,
        "url": step.url or None,
        "effort_hours": step.effort_hours,
        "cost": step.cost,
        "target_date": step.target_date.isoformat() if step.target_date else None,
        "status": step.status,
        "done_at": step.done_at.isoformat() if step.done_at else None,
        "achieved_at": step.achieved_at.isoformat() if step.achieved_at else None,
        "evidence_note": step.evidence_note,
        "evidence_url": step.evidence_url or None,
    }


SCHEMA = "skills-gap/plan/v1"


def plan_json(
    plan: Plan, steps: list[PlanStep], comments: list[Any], today: date
) -> dict[str, Any]:
    """The plan as `<plan url>.json` serves it; the README documents every key."""
    progress = plan_progress(plan, steps, today)
    return {
        "schema": SCHEMA,
        "id": str(plan.pk),
        "role": {"slug": plan.role.slug, "title": plan.role.title},
        "source_assessment": str(plan.source_id),
        "hours_per_week": plan.hours_per_week,
        "start_date": plan.start_date.isoformat(),
        "ready_date": progress.ready_on.isoformat() if progress.ready_on else None,
        "created_at": plan.created_at.isoformat(),
        "content_changed_at": plan.content_changed_at.isoformat(),
        "agreement": {
            "by": plan.cosigned_by.get_full_name() or plan.cosigned_by.get_username(),
            "at": plan.cosigned_at.isoformat(),
            "changed_since": plan.changed_since_agreement,
        }
        if plan.cosigned_by and plan.cosigned_at
        else None,
        "progress": {
            "steps_total": progress.steps_total,
            "steps_done": progress.steps_done,
            "hours_total": progress.hours_total,
            "hours_done": progress.hours_done,
        },
        "skills": [
            {
                **row,
                "measured_level_after": plan.skills_after.get(row["skill"]),
            }
            for row in plan.skills
        ],
        "steps": [step_json(step) for step in steps],
        "comments": [
            {
                "id": comment.pk,
                "kind": comment.kind,
                "step": comment.step_id,
                "text": comment.text,
                "suggested_title": comment.suggested_title or None,
                "status": comment.status or None,
                "created_at": comment.created_at.isoformat(),
            }
            for comment in comments
        ],
    }
