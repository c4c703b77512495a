"""A counselor's part in a client's plan: they see it, comment, suggest a step and co-sign it
— only while the client shares the result the plan was made from (or all their results for
its role). Each write checks the share inside its transaction, with the plan locked: a share
withdrawn while the counselor was typing refuses the write and leaves the plan untouched."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from counselors.access import shared_with
from plans.models import Plan, PlanComment, PlanQuerySet, PlanStep
from plans.services import record

NOT_SHARED = gettext_lazy("This plan is no longer shared with you; nothing was saved.")


class PlanNotShared(PermissionError):
    def __init__(self) -> None:
        super().__init__(str(NOT_SHARED))


def plans_shared_with(counselor: Any) -> PlanQuerySet:
    """The plans a counselor may see right now: those made from a result shared with them."""
    return Plan.objects.filter(source__in=shared_with(counselor).values("pk"))


def _locked_shared_plan(counselor: Any, plan: Plan) -> Plan:
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plans_shared_with(counselor).filter(pk=plan.pk).exists():
        raise PlanNotShared
    return locked


@transaction.atomic
def plan_comment_create(
    *, counselor: Any, plan: Plan, text: str, step: PlanStep | None = None
) -> PlanComment:
    plan = _locked_shared_plan(counselor, plan)
    if step is not None and step.plan_id != plan.pk:
        raise ValidationError({"step": _("That step is not in this plan.")})
    comment = PlanComment(plan=plan, step=step, author=counselor, text=text)
    comment.full_clean()
    comment.save()
    record(
        plan=plan,
        actor=counselor,
        kind="commented",
        summary=_("Comment: %(text)s") % {"text": text[:200]},
        changes={"comment": comment.pk, "step": step.pk if step else None},
        content=False,
    )
    return comment


@transaction.atomic
def plan_suggest(
    *,
    counselor: Any,
    plan: Plan,
    title: str,
    text: str = "",
    skill: str = "",
    effort_hours: int = 0,
    url: str = "",
) -> PlanComment:
    """A step the counselor suggests; the client decides (`plans.services.suggestion_decide`)."""
    plan = _locked_shared_plan(counselor, plan)
    if skill and skill not in plan.skill_names():
        raise ValidationError({"skill": _("That skill is not one this role needs.")})
    comment = PlanComment(
        plan=plan,
        author=counselor,
        kind=PlanComment.Kind.SUGGESTION,
        status=PlanComment.Status.OPEN,
        text=text or title,
        suggested_title=title,
        suggested_skill=skill,
        suggested_effort_hours=effort_hours,
        suggested_url=url,
    )
    comment.full_clean()
    comment.save()
    record(
        plan=plan,
        actor=counselor,
        kind="suggested",
        summary=_("Step suggested: %(title)s") % {"title": title},
        changes={"comment": comment.pk},
        content=False,
    )
    return comment


@transaction.atomic
def plan_cosign(*, counselor: Any, plan: Plan) -> Plan:
    """ "Agreed on <date> by <counselor>": a later change of the plan's content shows as a
    change since the agreement, until they co-sign again."""
    plan = _locked_shared_plan(counselor, plan)
    now = timezone.now()
    plan.cosigned_by = counselor
    plan.cosigned_at = now
    plan.save(update_fields=["cosigned_by", "cosigned_at", "updated_at"])
    record(
        plan=plan,
        actor=counselor,
        kind="cosigned",
        summary=_("Plan agreed."),
        content=False,
    )
    return plan
