"""Every write to a plan goes through one of these functions. Each is atomic, validates
before it saves, and records what it changed as a `PlanEvent`: nothing is silently lost.

The counselor's writes (comment, suggest, co-sign) live in `counselors.plans`, which decides
access with the shares; the owner's are here.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.document import ResultDocument
from assessments.models import Assessment
from assessments.next_steps import for_industry
from plans.cached import plans_changed
from plans.models import Plan, PlanComment, PlanEvent, PlanStep
from plans.schedule import target_dates

DATE_IN_PAST = gettext_lazy("Choose a target date from today on.")
SKILL_NOT_IN_ROLE = gettext_lazy("That skill is not one this role needs.")
NOT_SUBMITTED = gettext_lazy("Only a finished result can become a plan.")
NOT_OWNER = gettext_lazy("Only the owner of a result can make it their plan.")
SUGGESTION_DECIDED = gettext_lazy("This suggestion was already decided.")

# What the owner may change on a step, and how the timeline names each field.
EDITABLE_STEP_FIELDS = ("title", "skill", "url", "effort_hours", "cost", "target_date", "status")


class PlanExists(Exception):
    def __init__(self, plan: Plan):
        super().__init__("This result already has a plan.")
        self.plan = plan


def record(
    *,
    plan: Plan,
    actor: Any,
    kind: str,
    summary: str,
    changes: dict[str, Any] | None = None,
    content: bool = True,
) -> PlanEvent:
    """Adds one line to the plan's history and moves the plan's `updated_at`, which keys
    what is cached of it (`plans.cached`); a change of content also dates the plan's last
    change, which is how a change after the counselor agreed shows."""
    now = timezone.now()
    if content:
        Plan.objects.filter(pk=plan.pk).update(content_changed_at=now, updated_at=now)
        plan.content_changed_at = now
    else:
        Plan.objects.filter(pk=plan.pk).update(updated_at=now)
    plan.updated_at = now
    plans_changed([(plan.pk, plan.owner_id)])
    return PlanEvent.objects.create(
        plan=plan,
        actor=actor if actor is not None and actor.is_authenticated else None,
        kind=kind,
        summary=summary[:500],
        changes=changes or {},
    )


def _today() -> date:
    return timezone.localdate()


def _check_target_date(value: date | None, today: date, field: str = "target_date") -> None:
    if value is not None and value < today:
        raise ValidationError({field: DATE_IN_PAST}, code="past")


def _check_skill(plan: Plan, skill: str, field: str = "skill") -> None:
    if skill and skill not in plan.skill_names():
        raise ValidationError({field: SKILL_NOT_IN_ROLE}, code="skill")


def steps_from_document(document: ResultDocument, industry: str = "") -> list[dict[str, Any]]:
    """The result's next steps as plan steps: one per level step of each recommended skill,
    with the first resource offered for it (copied: a plan never follows catalog edits) that
    fits the industry the person chose, as the result page shows them."""
    steps = []
    for recommendation in for_industry(document["recommendations"], industry):
        for level_step in recommendation["steps"]:
            resources = level_step["resources"]
            fields: dict[str, Any] = {
                "skill": recommendation["skill"],
                "from_level": level_step["from_level"],
                "to_level": level_step["to_level"],
                "title": _("Reach level %(level)s in %(skill)s")
                % {"level": level_step["to_level"], "skill": recommendation["name"]},
            }
            if resources:
                resource = resources[0]
                fields.update(
                    title=resource["title"][:200],
                    resource_kind=resource["kind"],
                    description=resource["description"],
                    url=resource["url"],
                    effort_hours=resource["effort_hours"],
                    cost=resource["cost"],
                )
            steps.append(fields)
    return steps


@transaction.atomic
def plan_create_from_result(
    *,
    owner: Any,
    assessment: Assessment,
    hours_per_week: int,
    start_date: date,
    today: date | None = None,
) -> Plan:
    """Turns a finished result's next steps into the owner's plan, each step dated from its
    effort and the hours a week (see `plans.schedule`). One plan per result: asking again
    raises PlanExists with the plan."""
    today = today or _today()
    if not owner.is_authenticated or assessment.owner_id != owner.pk:
        raise PermissionError(str(NOT_OWNER))
    stored = assessment.results.defer("inputs").first() if assessment.is_submitted else None
    if stored is None:
        raise ValidationError(NOT_SUBMITTED, code="unfinished")
    if existing := Plan.objects.filter(source=assessment).first():
        raise PlanExists(existing)
    _check_target_date(start_date, today, "start_date")
    document: ResultDocument = stored.document
    now = timezone.now()
    plan = Plan(
        owner=owner,
        role_id=assessment.role_id,
        source=assessment,
        hours_per_week=hours_per_week,
        start_date=start_date,
        content_changed_at=now,
        skills=[
            {
                "skill": row["skill"],
                "name": row["name"],
                "required_level": row["required_level"],
                "measured_level": row["measured_level"],
            }
            for row in document["skills"]
            if row["required_level"] > 0
        ],
    )
    plan.full_clean()
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:  # another request made it first
        raise PlanExists(Plan.objects.get(source=assessment)) from None
    fields = steps_from_document(document, assessment.industry)
    dates = target_dates(
        efforts=[step.get("effort_hours", 0) for step in fields],
        hours_per_week=hours_per_week,
        start=start_date,
        today=today,
    )
    steps = [
        PlanStep(plan=plan, order=order, target_date=target, **step)
        for order, (step, target) in enumerate(zip(fields, dates, strict=True), start=1)
    ]
    for step in steps:
        step.full_clean(exclude=["plan"])
    PlanStep.objects.bulk_create(steps)
    record(
        plan=plan,
        actor=owner,
        kind="created",
        summary=_("Plan made from the result of %(date)s, with %(count)s steps.")
        % {"date": stored.created_at.date().isoformat(), "count": len(steps)},
    )
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    actor: Any,
    hours_per_week: int,
    weekly_digest: bool,
    reassess_reminder: bool,
    reassess_after_weeks: int,
    reschedule: bool = False,
    today: date | None = None,
) -> Plan:
    """The plan's own settings; `reschedule` re-dates every unfinished step from today."""
    today = today or _today()
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    before = {
        "hours_per_week": plan.hours_per_week,
        "weekly_digest": plan.weekly_digest,
        "reassess_reminder": plan.reassess_reminder,
        "reassess_after_weeks": plan.reassess_after_weeks,
    }
    after = {
        "hours_per_week": hours_per_week,
        "weekly_digest": weekly_digest,
        "reassess_reminder": reassess_reminder,
        "reassess_after_weeks": reassess_after_weeks,
    }
    for name, value in after.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save(update_fields=[*after, "updated_at"])
    changes = {
        name: [before[name], value] for name, value in after.items() if before[name] != value
    }
    if changes:
        record(
            plan=plan,
            actor=actor,
            kind="settings",
            summary=_("Plan settings changed."),
            changes=changes,
            content="hours_per_week" in changes,
        )
    if reschedule:
        open_steps = [step for step in plan.steps.all() if not step.is_finished]
        dates = target_dates(
            efforts=[step.effort_hours for step in open_steps],
            hours_per_week=plan.hours_per_week,
            start=today,
            today=today,
        )
        for step, target in zip(open_steps, dates, strict=True):
            step.target_date = target
        PlanStep.objects.bulk_update(open_steps, ["target_date", "updated_at"])
        record(
            plan=plan,
            actor=actor,
            kind="rescheduled",
            summary=_("%(count)s open steps re-dated from %(date)s at %(hours)s hours a week.")
            % {"count": len(open_steps), "date": today.isoformat(), "hours": plan.hours_per_week},
        )
    return plan


@transaction.atomic
def step_add(
    *,
    plan: Plan,
    actor: Any,
    title: str,
    skill: str = "",
    url: str = "",
    effort_hours: int = 0,
    cost: int = 0,
    target_date: date | None = None,
    today: date | None = None,
) -> PlanStep:
    """The owner's own step, at the end of the plan."""
    today = today or _today()
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _check_skill(plan, skill)
    _check_target_date(target_date, today)
    last = plan.steps.aggregate(last=Max("order"))["last"] or 0
    step = PlanStep(
        plan=plan,
        order=last + 1,
        title=title,
        skill=skill,
        url=url,
        effort_hours=effort_hours,
        cost=cost,
        target_date=target_date,
    )
    step.full_clean()
    step.save()
    record(
        plan=plan,
        actor=actor,
        kind="step_added",
        summary=_("Step added: %(title)s") % {"title": title},
        changes={"step": step.pk},
    )
    return step


def _apply_status(step: PlanStep, status: str) -> None:
    step.status = status
    if status in PlanStep.FINISHED:
        step.done_at = step.done_at or timezone.now()
    else:
        step.done_at = None
        step.achieved_at = None


@transaction.atomic
def step_update(
    *, step: PlanStep, actor: Any, changes: dict[str, Any], today: date | None = None
) -> PlanStep:
    """Saves only the fields in `changes` (what the person changed on the page they saw), so
    of two tabs editing the same step the later save wins per field and the other tab's
    changes to other fields stay. Each save is one event on the timeline."""
    today = today or _today()
    step = PlanStep.objects.select_for_update().select_related("plan").get(pk=step.pk)
    unknown = set(changes) - set(EDITABLE_STEP_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "target_date" in changes:
        _check_target_date(changes["target_date"], today)
    if "skill" in changes:
        _check_skill(step.plan, changes["skill"])
    diff = {}
    for name, value in changes.items():
        before = getattr(step, name)
        if before == value:
            continue
        if name == "status":
            _apply_status(step, value)
        else:
            setattr(step, name, value)
        diff[name] = [_jsonable(before), _jsonable(value)]
    if not diff:
        return step
    step.full_clean()
    step.save()
    record(
        plan=step.plan,
        actor=actor,
        kind="step_changed",
        summary=_("Step changed: %(title)s (%(fields)s)")
        % {"title": step.title, "fields": ", ".join(diff)},
        changes={"step": step.pk, **diff},
    )
    return step


@transaction.atomic
def step_move(*, step: PlanStep, actor: Any, up: bool) -> None:
    """Swaps the step with its neighbour above (or below)."""
    step = PlanStep.objects.select_for_update().select_related("plan").get(pk=step.pk)
    steps = list(PlanStep.objects.select_for_update().filter(plan_id=step.plan_id))
    index = next(i for i, other in enumerate(steps) if other.pk == step.pk)
    neighbour_index = index - 1 if up else index + 1
    if not 0 <= neighbour_index < len(steps):
        return
    steps[index], steps[neighbour_index] = steps[neighbour_index], steps[index]
    for order, each in enumerate(steps, start=1):
        each.order = order
    PlanStep.objects.bulk_update(steps, ["order"])
    record(
        plan=step.plan,
        actor=actor,
        kind="step_moved",
        summary=(_("Step moved up: %(title)s") if up else _("Step moved down: %(title)s"))
        % {"title": step.title},
        changes={"step": step.pk, "order": [index + 1, neighbour_index + 1]},
    )


@transaction.atomic
def step_remove(*, step: PlanStep, actor: Any) -> None:
    """Removes a step; the timeline keeps what it was."""
    step = PlanStep.objects.select_for_update().select_related("plan").get(pk=step.pk)
    kept = {
        "title": step.title,
        "skill": step.skill,
        "url": step.url,
        "effort_hours": step.effort_hours,
        "target_date": _jsonable(step.target_date),
        "status": step.status,
    }
    plan = step.plan
    step.delete()
    record(
        plan=plan,
        actor=actor,
        kind="step_removed",
        summary=_("Step removed: %(title)s") % {"title": kept["title"]},
        changes={"removed": kept},
    )


@transaction.atomic
def step_done(
    *, step: PlanStep, actor: Any, evidence_note: str = "", evidence_url: str = ""
) -> PlanStep:
    """Marks a step done with optional evidence. At the owner's next assessment for the same
    role, the evidence is filled in on that skill (see `plans.signals`)."""
    step = PlanStep.objects.select_for_update().select_related("plan").get(pk=step.pk)
    before = step.status
    if step.status != PlanStep.Status.ACHIEVED:
        _apply_status(step, PlanStep.Status.DONE)
    step.evidence_note = evidence_note
    step.evidence_url = evidence_url
    step.full_clean()
    step.save()
    record(
        plan=step.plan,
        actor=actor,
        kind="step_done",
        summary=_("Step done: %(title)s") % {"title": step.title},
        changes={
            "step": step.pk,
            "status": [before, step.status],
            "evidence_note": evidence_note,
            "evidence_url": evidence_url,
        },
    )
    return step


@transaction.atomic
def suggestion_decide(
    *, comment: PlanComment, actor: Any, accept: bool, today: date | None = None
) -> PlanStep | None:
    """The owner accepts a counselor's suggested step (it joins the plan, dated after the
    last step) or declines it; either way the suggestion stays visible with its decision."""
    today = today or _today()
    comment = PlanComment.objects.select_for_update().select_related("plan").get(pk=comment.pk)
    if not comment.is_open_suggestion:
        raise ValidationError(SUGGESTION_DECIDED, code="decided")
    plan = comment.plan
    comment.status = PlanComment.Status.ACCEPTED if accept else PlanComment.Status.DECLINED
    comment.decided_at = timezone.now()
    comment.save(update_fields=["status", "decided_at"])
    if not accept:
        record(
            plan=plan,
            actor=actor,
            kind="suggestion_declined",
            summary=_("Suggestion declined: %(title)s") % {"title": comment.suggested_title},
            changes={"comment": comment.pk},
            content=False,
        )
        return None
    last = plan.steps.filter(target_date__isnull=False).aggregate(last=Max("target_date"))
    start = max(last["last"] or today, today)
    [target] = target_dates(
        efforts=[comment.suggested_effort_hours],
        hours_per_week=plan.hours_per_week,
        start=start,
        today=today,
    )
    step = step_add(
        plan=plan,
        actor=actor,
        title=comment.suggested_title,
        skill=comment.suggested_skill if comment.suggested_skill in plan.skill_names() else "",
        url=comment.suggested_url,
        effort_hours=comment.suggested_effort_hours,
        target_date=target,
        today=today,
    )
    record(
        plan=plan,
        actor=actor,
        kind="suggestion_accepted",
        summary=_("Suggestion accepted: %(title)s") % {"title": comment.suggested_title},
        changes={"comment": comment.pk, "step": step.pk},
    )
    return step


@transaction.atomic
def plan_reassessed(*, plan: Plan, assessment: Assessment, document: ResultDocument) -> int:
    """A new result for the plan's role: records each skill's level after, and marks achieved
    (with the date) every step whose level it now reaches — or, for a step without a level,
    whose skill's gap is closed. Returns how many steps it marked."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    measured = {row["skill"]: row["measured_level"] for row in document["skills"]}
    required = {row["skill"]: row["required_level"] for row in document["skills"]}
    now = timezone.now()
    achieved = []
    for step in plan.steps.exclude(status=PlanStep.Status.ACHIEVED).exclude(skill=""):
        level = measured.get(step.skill)
        if level is None:
            continue
        reached = step.to_level if step.to_level is not None else required.get(step.skill, 99)
        if level >= reached:
            step.status = PlanStep.Status.ACHIEVED
            step.done_at = step.done_at or now
            step.achieved_at = now
            achieved.append(step)
    PlanStep.objects.bulk_update(achieved, ["status", "done_at", "achieved_at", "updated_at"])
    plan.skills_after = measured
    plan.reassessed_from = assessment
    plan.reassessed_at = now
    plan.save(update_fields=["skills_after", "reassessed_from", "reassessed_at", "updated_at"])
    record(
        plan=plan,
        actor=None,
        kind="reassessed",
        summary=_("Re-assessed on %(date)s: %(count)s steps achieved.")
        % {"date": now.date().isoformat(), "count": len(achieved)},
        changes={"assessment": str(assessment.pk), "achieved": [s.pk for s in achieved]},
    )
    return len(achieved)


@transaction.atomic
def reminders_unsubscribe(*, plan: Plan, kind: str) -> None:
    """Turns an e-mail off from its signed link: `weekly`, `reassess` or `all`."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    fields = []
    if kind in {"weekly", "all"} and plan.weekly_digest:
        plan.weekly_digest = False
        fields.append("weekly_digest")
    if kind in {"reassess", "all"} and plan.reassess_reminder:
        plan.reassess_reminder = False
        fields.append("reassess_reminder")
    if not fields:
        return
    plan.save(update_fields=[*fields, "updated_at"])
    record(
        plan=plan,
        actor=None,
        kind="unsubscribed",
        summary=_("Unsubscribed from e-mail reminders by link."),
        changes={name: [True, False] for name in fields},
        content=False,
    )


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
