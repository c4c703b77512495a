"""The start button on a role page, from the app that owns assessments: the catalog's pages
show it without the catalog knowing that assessments exist."""

from typing import Any

from django import template

from assessments.access import unfinished_assessment
from careers.models import Role

register = template.Library()


@register.inclusion_tag("assessments/_start.html", takes_context=True)
def assessment_start(context: template.Context, role: Role) -> dict[str, Any]:
    """Start an assessment for `role`, or continue the visitor's unfinished one. Outside the
    page's cached fragments: it differs from one visitor to the next."""
    return {"role": role, "unfinished_assessment": unfinished_assessment(context["request"], role)}
