"""Which roles fit a person: every role of the catalog ranked against one profile of measured
skill levels. Pure Python over plain data, no ORM; `assessments.ranking_matrix` builds the
requirement matrix from the catalog once per catalog revision.

The rules are scoring's (`assessments.scoring`, version 2), applied to every role at once:

Match
    The readiness of scoring's rule 1 over the role's *assessed* requirements of level 1 or
    more: 100 × Σ importance × min(measured, required) / required ÷ Σ importance. A skill the
    profile has no level for is not assessed: never met, never a gap. Nothing assessed: no
    match.

Coverage
    The share of the importance of the role's requirements of level 1 or more that is assessed.

Verdict
    Scoring's rule 4 from the skills alone (ranking knows no years and no scenario answers),
    and rule 1's "not enough answers" (`Verdict.NOT_ASSESSED`) when a key skill (importance
    4–5) is not assessed: such a role has no match to rank by and is listed after every role
    that has a verdict, never as a match.

Gaps
    The three biggest by importance × gap (ties: the role's skill order), as on a result.

Desirable
    Moving there keeps at least 75 % of pay: the role's median pay is at least 75 % of the
    median pay of the person's current occupation. Only when both are known.

Closeness
    How near the role's required levels are to the person's own, over its assessed
    requirements: Σ importance × |measured − required| ÷ Σ importance, in levels (0: it asks
    exactly what the person has). Match caps each skill at its required level, so a person
    meets every requirement of hundreds of roles that ask far less than they have (a
    customer-service associate meets all of Models', Crossing Guards' and Locker Room
    Attendants' few low requirements: 195 of 887 roles at 100 %). Among equal matches the
    role that uses the person's skills at the levels they have is the better fit.

Order
    Roles with a verdict first, then by match (highest first), closeness (nearest first),
    coverage, title. Before closeness, ties of match were broken by coverage alone, and a
    role whose few, low requirements all happen to be assessed came first: Models topped a
    customer-service associate's list, before Concierges and New Accounts Clerks.

`rank` must stay fast: every occupation (~900 × 35 requirements) for one profile in well under
50 ms (`python -m bench.ranking` prints it), so it loops over plain tuples instead of building
scoring's per-skill dataclasses; `tests/assessments/test_ranking.py` checks it agrees with
`scoring.score_role` on random profiles.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from assessments.scoring import (
    KEY_IMPORTANCE,
    NEARLY_BLOCKING_KEY_GAP,
    NEARLY_THRESHOLD,
    READY_BLOCKING_GAP,
    READY_BLOCKING_IMPORTANCE,
    READY_MAX_KEY_ONE_LEVEL_GAPS,
    READY_THRESHOLD,
    Verdict,
)

DESIRABLE_PAY_SHARE = 0.75
GAPS_SHOWN = 3
NO_CLOSENESS = float(5)  # farther than any two levels of the 1–5 scale


@dataclass(frozen=True)
class MatrixRequirement:
    skill_slug: str
    skill_name: str
    required_level: int  # 1–5: requirements of level 0 are left out of the matrix
    importance: int


@dataclass(frozen=True)
class MatrixRole:
    """One row of the requirement matrix: a role and what it requires."""

    slug: str
    title: str
    onet_code: str  # empty for the catalog's own roles
    soc_code: str  # empty when unknown
    job_zone: int | None
    median_pay: int | None  # national annual median (BLS), None when not published
    requirements: tuple[MatrixRequirement, ...]
    onet_release: str = ""  # the O*NET release its requirements come from, for the credit
    # (skill slug, required level, importance) per requirement: the loop reads plain tuples.
    cells: tuple[tuple[str, int, int], ...] = field(init=False, repr=False, compare=False)
    total_importance: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        cells = tuple((r.skill_slug, r.required_level, r.importance) for r in self.requirements)
        object.__setattr__(self, "cells", cells)
        object.__setattr__(self, "total_importance", sum(r.importance for r in self.requirements))


@dataclass(frozen=True)
class RankGap:
    skill_slug: str
    skill_name: str
    required_level: int
    measured_level: int
    importance: int

    @property
    def gap(self) -> int:
        return self.required_level - self.measured_level


@dataclass(frozen=True)
class Ranked:
    role: MatrixRole
    match_percent: float | None  # None: nothing assessed
    coverage_percent: float
    verdict: Verdict
    gaps: tuple[RankGap, ...]  # the biggest first, at most three
    desirable: bool
    closeness: float | None = None  # levels between required and measured; None: nothing assessed

    @property
    def has_verdict(self) -> bool:
        return self.verdict.is_given


def rank(
    matrix: Sequence[MatrixRole],
    profile: Mapping[str, int],
    *,
    current_median_pay: int | None = None,
) -> list[Ranked]:
    """Every role of `matrix` with requirements, ranked for `profile` (skill slug → measured
    level 1–5; a skill missing from it is not assessed)."""
    ranked = [_rank_one(role, profile, current_median_pay) for role in matrix if role.requirements]
    ranked.sort(
        key=lambda r: (
            not r.has_verdict,
            -(r.match_percent or 0.0),
            NO_CLOSENESS if r.closeness is None else r.closeness,
            -r.coverage_percent,
            r.role.title,
        )
    )
    return ranked


def is_desirable(median_pay: int | None, current_median_pay: int | None) -> bool:
    if median_pay is None or current_median_pay is None:
        return False
    return median_pay >= DESIRABLE_PAY_SHARE * current_median_pay


def _rank_one(
    role: MatrixRole, profile: Mapping[str, int], current_median_pay: int | None
) -> Ranked:
    assessed = met = distance = 0.0
    key_unassessed = False
    gaps: list[tuple[int, int, int]] = []  # (-priority, position, measured)
    get = profile.get
    position = -1
    for slug, required, importance in role.cells:
        position += 1
        measured = get(slug)
        if measured is None:
            if importance >= KEY_IMPORTANCE:
                key_unassessed = True
        elif measured >= required:
            assessed += importance
            met += importance * required / required  # as scoring.readiness computes it
            distance += importance * (measured - required)
        else:
            assessed += importance
            met += importance * measured / required
            distance += importance * (required - measured)
            gaps.append((importance * (measured - required), position, measured))
    total = role.total_importance
    match = round(100 * met / assessed, 1) if assessed else None
    gaps.sort()
    requirements = role.requirements
    return Ranked(
        role=role,
        match_percent=match,
        coverage_percent=round(100 * assessed / total, 1),
        verdict=_verdict(match, key_unassessed, [(requirements[p], m) for _, p, m in gaps]),
        gaps=tuple(
            RankGap(r.skill_slug, r.skill_name, r.required_level, measured, r.importance)
            for r, measured in ((requirements[p], m) for _, p, m in gaps[:GAPS_SHOWN])
        ),
        desirable=is_desirable(role.median_pay, current_median_pay),
        closeness=round(distance / assessed, 2) if assessed else None,
    )


def _verdict(
    match: float | None,
    key_unassessed: bool,
    gaps: Sequence[tuple[MatrixRequirement, int]],
) -> Verdict:
    """scoring.verdict (rule 4, and rule 1's no verdict) over the gaps already found."""
    if match is None or key_unassessed:
        return Verdict.NOT_ASSESSED
    real_gap = key_one_level = 0
    key_far = False
    for requirement, measured in gaps:
        gap, importance = requirement.required_level - measured, requirement.importance
        if importance >= READY_BLOCKING_IMPORTANCE and gap >= READY_BLOCKING_GAP:
            real_gap += 1
        if importance >= KEY_IMPORTANCE:
            key_one_level += gap == 1
            key_far = key_far or gap >= NEARLY_BLOCKING_KEY_GAP
    if match >= READY_THRESHOLD and not real_gap and key_one_level <= READY_MAX_KEY_ONE_LEVEL_GAPS:
        return Verdict.READY
    if match >= NEARLY_THRESHOLD and not key_far:
        return Verdict.NEARLY
    return Verdict.NOT_YET
