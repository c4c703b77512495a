"""Roles to move to on the catalog's role pages, from the app that owns the ranking: the
catalog shows them without knowing that assessments exist (like `assessment_start`)."""

from typing import Any

from django import template
from django.utils.translation import gettext as _

from assessments.moves import MIN_OVERLAP_PERCENT, SAME_OCCUPATION, Move
from assessments.ranking_matrix import moves_near_role
from careers.models import RelatednessTier, Role

register = template.Library()


@register.inclusion_tag("assessments/_moves.html", takes_context=True)
def roles_nearby(context: template.Context, role: Role) -> dict[str, Any]:
    """The roles closest to `role`. Inside the role page's cached fragment, which varies on
    the catalog revision: ranked once per role, revision and language."""
    return {
        "moves": moves_near_role(role.slug, revision=context["catalog_revision"]),
        "heading": _("Roles close to this one"),
        "intro": _(
            "Across every track and occupation, the roles someone who meets exactly this "
            "role's required levels would match best: where this role can lead, or what it "
            "shares most with."
        ),
    }


@register.filter
def relatedness_label(relatedness: str | None) -> str:
    if relatedness == SAME_OCCUPATION:
        return _("Same occupation")
    if relatedness in RelatednessTier.values:
        return str(RelatednessTier(relatedness).label)
    return ""


@register.simple_tag
def onet_release_of(moves: list[Move]) -> str:
    """The O*NET release of the first role shown that comes from O*NET ("" when none does):
    the page then owes O*NET its credit."""
    return next((move.role.onet_release for move in moves if move.role.onet_release), "")


@register.simple_tag
def min_overlap_percent() -> int:
    return int(MIN_OVERLAP_PERCENT)
