"""The "Make this my plan" panel of a result page. The result page belongs to assessments,
which knows nothing of plans; it loads this tag, as it does the counselors' sharing panel."""

from typing import Any

from django import template

from assessments.models import Assessment
from plans.models import Plan

register = template.Library()


@register.inclusion_tag("plans/_make_plan.html")
def make_plan(assessment: Assessment) -> dict[str, Any]:
    """For the result's owner (or an anonymous visitor, who is asked to sign in first): the
    plan made from this result, or the button to make one."""
    plan = None
    if assessment.owner_id is not None:
        plan = Plan.objects.filter(source=assessment).only("pk").first()
    return {"assessment": assessment, "plan": plan}
