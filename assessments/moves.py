"""Roles you could move to: the roles of every track and every occupation that fit one profile
best, with how much of each the profile covers and how closely O*NET relates it to where the
person stands. Pure Python over plain data, no ORM; `assessments.ranking_matrix` reads the
catalog, `assessments.presenters` (result pages) and `assessments.templatetags.moves` (role
pages) call it.

Which roles
    `ranking.rank` over the whole requirement matrix for the profile, seen from where the
    person stands (the role assessed or shown: its Job Zone, SOC code and O*NET's related
    occupations), in the ranking's order: strong suggestions first (enough of the role
    assessed, a Job Zone at most one from the person's), ready ones by relatedness, Job
    Zone step and closeness, the others by match. Never a role without a verdict (its key
    skills are not measured: "not enough answers"), never one whose overlap is under
    `MIN_OVERLAP_PERCENT`, never `origin` itself nor a rung below it on its own ladder (a
    role of this catalog with the origin's SOC code that asks no skill the origin does not
    and none at a higher level: a step back, which the result's ladder already shows). At
    most `MOVES_SHOWN`; a role more than one Job Zone up comes only after every strong one,
    and the page marks it.

The profile
    On a result page, the measured levels of the result, carried across the crosswalk
    (`careers.crosswalk.profile_across`) so a customer-service result reaches the O*NET
    occupations (and an O*NET result the customer-service ladder). On a role page, the role's
    own required levels, carried the same way: the roles someone who meets exactly this role's
    requirements would be closest to ready for.

Overlap
    The share of the target's importance that the profile covers (ranking's coverage): a
    match of 100 % over two thirds of a role's skills says less than 80 % over all of them.
    Below three quarters a match says too little to suggest a move (a customer-service
    result otherwise leads with manual occupations whose machine skills nobody measured), so
    such roles are left out; the full ranking lists them with their coverage.

Relatedness
    O*NET's tier for the target among the related occupations of the person's occupation,
    when both carry SOC codes; "same occupation" when they share one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessments.ranking import (
    SAME_OCCUPATION,
    STRONG_COVERAGE_PERCENT,
    MatrixRole,
    Ranked,
    Standpoint,
    rank,
    related_tiers,
)

MOVES_SHOWN = 10
MIN_OVERLAP_PERCENT = STRONG_COVERAGE_PERCENT

__all__ = ["MIN_OVERLAP_PERCENT", "SAME_OCCUPATION", "Move", "Origin", "moves", "related_tiers"]


@dataclass(frozen=True)
class Origin:
    """Where the person stands: the role assessed (or shown), by slug, codes and Job Zone."""

    slug: str
    onet_code: str
    soc_code: str
    job_zone: int | None = None


@dataclass(frozen=True)
class Move:
    ranked: Ranked

    @property
    def role(self) -> MatrixRole:
        return self.ranked.role

    @property
    def relatedness(self) -> str | None:
        """A RelatednessTier value, SAME_OCCUPATION, or None: not related."""
        return self.ranked.relatedness


def moves(
    matrix: Sequence[MatrixRole],
    profile: Mapping[str, int],
    *,
    origin: Origin,
    related: Mapping[str, str],
    limit: int = MOVES_SHOWN,
) -> list[Move]:
    """The `limit` roles of `matrix` that fit `profile` (skill slug → level) best, without
    `origin` itself. `related` maps the O*NET-SOC codes O*NET relates to the origin's
    occupation to their tier (`related_tiers` builds it); a role without its own O*NET code
    is looked up by its SOC code."""
    standpoint = Standpoint(job_zone=origin.job_zone, soc_code=origin.soc_code, related=related)
    origin_row = next((row for row in matrix if row.slug == origin.slug), None)
    found: list[Move] = []
    for ranked in rank(matrix, profile, standpoint=standpoint):
        if len(found) == limit or not ranked.has_verdict:
            break
        role = ranked.role
        if (
            role.slug != origin.slug
            and ranked.coverage_percent >= MIN_OVERLAP_PERCENT
            and not (origin_row and _rung_below(role, origin_row))
        ):
            found.append(Move(ranked))
    return found


def _rung_below(role: MatrixRole, origin: MatrixRole) -> bool:
    """`role` is a rung below `origin` on the catalog's own ladder: the same SOC code, no O*NET
    occupation of its own, and nothing it asks beyond what `origin` asks."""
    if not role.soc_code or role.soc_code != origin.soc_code or role.onet_code:
        return False
    asked = {slug: required for slug, required, _ in origin.cells}
    return all(required <= asked.get(slug, 0) for slug, required, _ in role.cells)
