"""Roles you could move to: the roles of every track and every occupation that fit one profile
best, with how much of each the profile covers and how closely O*NET relates it to where the
person stands. Pure Python over plain data, no ORM; `assessments.ranking_matrix` reads the
catalog, `assessments.presenters` (result pages) and `assessments.templatetags.moves` (role
pages) call it.

Which roles
    `ranking.rank` over the whole requirement matrix for the profile: the roles with a
    verdict, highest match first (a role whose key skills the profile does not reach has "not
    enough answers" and is never offered as a move), whose overlap is at least
    `MIN_OVERLAP_PERCENT`, leaving out where the person stands (`origin`). At most
    `MOVES_SHOWN`.

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

from assessments.ranking import MatrixRole, Ranked, rank

MOVES_SHOWN = 10
MIN_OVERLAP_PERCENT = 75.0
SAME_OCCUPATION = "same"


@dataclass(frozen=True)
class Origin:
    """Where the person stands: the role assessed (or shown), by slug and codes."""

    slug: str
    onet_code: str
    soc_code: str


@dataclass(frozen=True)
class Move:
    ranked: Ranked
    relatedness: str | None  # a RelatednessTier value, SAME_OCCUPATION, or None: not related

    @property
    def role(self) -> MatrixRole:
        return self.ranked.role


def moves(
    matrix: Sequence[MatrixRole],
    profile: Mapping[str, int],
    *,
    origin: Origin,
    related: Mapping[str, str],
    limit: int = MOVES_SHOWN,
) -> list[Move]:
    """The `limit` roles of `matrix` with the best match for `profile` (skill slug → level),
    without `origin` itself. `related` maps the O*NET-SOC codes O*NET relates to the origin's
    occupation to their tier (`related_tiers` builds it); a role without its own O*NET code
    is looked up by its SOC code."""
    found: list[Move] = []
    for ranked in rank(matrix, profile):
        if len(found) == limit or not ranked.has_verdict:
            break
        if ranked.role.slug != origin.slug and ranked.coverage_percent >= MIN_OVERLAP_PERCENT:
            found.append(Move(ranked, _relatedness(ranked.role, origin, related)))
    return found


def related_tiers(rows: Sequence[tuple[str, str, int]]) -> dict[str, str]:
    """From O*NET's related-occupation rows (related code, tier, position) of the origin's
    occupation(s): each related code's tier and, under the 7-character SOC code, the closest
    tier of any occupation with that code (for roles that carry only a SOC code)."""
    best: dict[str, tuple[int, str]] = {}
    for code, tier, position in rows:
        for key in (code, code[:7]):
            if key not in best or position < best[key][0]:
                best[key] = (position, tier)
    return {key: tier for key, (_, tier) in best.items()}


def _relatedness(role: MatrixRole, origin: Origin, related: Mapping[str, str]) -> str | None:
    if origin.soc_code and role.soc_code == origin.soc_code:
        return SAME_OCCUPATION
    if role.onet_code:
        return related.get(role.onet_code)
    return related.get(role.soc_code) if role.soc_code else None
