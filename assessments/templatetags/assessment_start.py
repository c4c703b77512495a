"""The start button on a role page, from the app that owns assessments: the catalog's pages
show it without the catalog knowing that assessments exist."""

from collections.abc import Callable, Iterable
from typing import Any

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from assessments.access import session_assessment_ids, unfinished_assessment, visible_assessments
from assessments.prefill import prior_answers, returning_minutes
from assessments.questionnaire import role_page_length
from careers.models import Role

register = template.Library()

LENGTH_CACHE_SECONDS = 24 * 60 * 60


@register.inclusion_tag("assessments/_start.html", takes_context=True)
def assessment_start(context: template.Context, role: Role) -> dict[str, Any]:
    """Start an assessment for `role`, or continue the visitor's unfinished one. Outside the
    page's cached fragments: it differs from one visitor to the next.

    A first visit also says how long the questionnaire takes, estimated from the role page's
    `requirements` rows and `requirements_below`, the rung below's (the questionnaire asks the
    skills it adds too): functions in the page's context, called only when the estimate is
    not cached for the current catalog revision (a template variable would call them always).
    A returning person (earlier attempts in this browser or account) is told their own
    figure instead, with their answers prefilled, as the first questionnaire page counts it.
    """
    unfinished = unfinished_assessment(context["request"], role)
    requirements: Callable[[], Iterable[Any]] | None = context.get("requirements")
    below: Callable[[], Iterable[Any]] | None = context.get("requirements_below")
    minutes = None
    request = context["request"]
    if not unfinished and (session_assessment_ids(request) or request.user.is_authenticated):
        # A returning person starts from their earlier answers: their own, shorter figure.
        priors = prior_answers(visible_assessments(request))
        if priors:
            minutes = returning_minutes(role, priors)
    if minutes is None and not unfinished and callable(requirements):
        key = f"questionnaire-minutes:{role.pk}:{context.get('catalog_revision')}:{get_language()}"
        minutes = cache.get(key)
        if minutes is None:
            minutes = role_page_length(requirements(), below() if callable(below) else ()).minutes
            cache.set(key, minutes, LENGTH_CACHE_SECONDS)
    return {"role": role, "unfinished_assessment": unfinished, "minutes": minutes}
