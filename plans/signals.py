"""Where other apps reach plans without knowing them (they may not import plans):

- a new result for a role the owner has a plan for closes the loop (`plan_reassessed`);
- a new attempt at that role (`assessment_started`, sent by `assessment_start`) starts with
  the evidence of the plan's done steps filled in on their skills, so it is in front of the
  person when they rate themselves;
- a new name of someone a plan shows (its owner, a counselor who commented, agreed or
  changed it) moves the plan's `updated_at`, which keys its cached pages (`plans.cached`).
"""

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from assessments.models import Assessment, Result, SkillRating
from assessments.signals import assessment_started
from careers.models import Skill
from plans.cached import plans_changed, plans_touch
from plans.models import Plan, PlanComment, PlanEvent, PlanStep
from plans.services import plan_reassessed

EVIDENCE_NOTE_LENGTH = 500
# What a plan page shows of a person: `get_full_name` or else `get_username`.
NAME_FIELDS = frozenset({"first_name", "last_name", "username"})


@receiver(post_save, sender=Result, dispatch_uid="plans_result_stored")
def result_stored(sender: type, instance: Result, created: bool, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    assessment = instance.assessment
    if assessment.owner_id is None or assessment.submitted_at is None:
        return
    plans = Plan.objects.filter(
        owner_id=assessment.owner_id,
        role_id=assessment.role_id,
        created_at__lt=assessment.submitted_at,
    ).exclude(source=assessment)
    for plan in plans:
        plan_reassessed(plan=plan, assessment=assessment, document=instance.document)


@receiver(assessment_started, dispatch_uid="plans_assessment_started")
def prefill_evidence(sender: type, assessment: Assessment, **kwargs: Any) -> None:
    if assessment.owner_id is None:
        return
    steps = (
        PlanStep.objects.filter(
            plan__owner_id=assessment.owner_id,
            plan__role_id=assessment.role_id,
            status__in=PlanStep.FINISHED,
        )
        .exclude(skill="")
        .exclude(evidence_note="", evidence_url="")
        .order_by("-done_at")
    )
    evidence = evidence_by_skill(
        [(step.skill, step.evidence_note, step.evidence_url) for step in steps]
    )
    if not evidence:
        return
    skills = Skill.objects.filter(slug__in=evidence).only("pk", "slug")
    SkillRating.objects.bulk_create(
        SkillRating(
            assessment=assessment,
            skill=skill,
            evidence_note=evidence[skill.slug][0],
            evidence_url=evidence[skill.slug][1],
        )
        for skill in skills
    )


def evidence_by_skill(rows: list[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """(skill, note, link) of done steps, newest first → one note (all notes joined, newest
    first, cut to the field's length) and one link (the newest) per skill."""
    notes: dict[str, list[str]] = {}
    links: dict[str, str] = {}
    for skill, note, link in rows:
        if note:
            notes.setdefault(skill, []).append(note)
        if link and skill not in links:
            links[skill] = link
    return {
        skill: ("\n".join(notes.get(skill, []))[:EVIDENCE_NOTE_LENGTH], links.get(skill, ""))
        for skill in {*notes, *links}
    }


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="plans_user_saved")
def user_saved(
    sender: type, instance: Any, created: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    """A save that may have changed a name (a login only writes `last_login`) moves every plan
    the person appears on, so its cached pages show the new name at once."""
    if created or kwargs.get("raw"):
        return
    if update_fields is not None and not NAME_FIELDS & set(update_fields):
        return
    shown = (
        Q(owner=instance)
        | Q(cosigned_by=instance)
        | Q(pk__in=PlanComment.objects.filter(author=instance).values("plan_id"))
        | Q(pk__in=PlanEvent.objects.filter(actor=instance).values("plan_id"))
    )
    plans_touch(Plan.objects.filter(shown))


@receiver(post_save, sender=Plan, dispatch_uid="plans_plan_saved")
@receiver(post_delete, sender=Plan, dispatch_uid="plans_plan_deleted")
def plan_saved_or_deleted(sender: type, instance: Plan, **kwargs: Any) -> None:
    """A plan made, saved (the services' saves, the admin's) or deleted: its stamp and its
    owner's list of plans move (`plans.cached`)."""
    if not kwargs.get("raw"):
        plans_changed([(instance.pk, instance.owner_id)])
