"""Where assessments reach plans without knowing them (assessments may not import plans):

- a new result for a role the owner has a plan for closes the loop (`plan_reassessed`);
- a new attempt at that role (`assessment_started`, sent by `assessment_start`) starts with
  the evidence of the plan's done steps filled in on their skills, so it is in front of the
  person when they rate themselves.
"""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from assessments.models import Assessment, Result, SkillRating
from assessments.signals import assessment_started
from careers.models import Skill
from plans.models import Plan, PlanStep
from plans.services import plan_reassessed

EVIDENCE_NOTE_LENGTH = 500


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
