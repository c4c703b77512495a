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

Where the person stands (`Standpoint`, optional)
    The Job Zone of the role assessed or the occupation the person names (O*NET's five
    bands of education and experience), its SOC code and O*NET's related occupations of it.
    A role's *zone step* is its Job Zone minus the person's; its *relatedness* is "same" when
    it shares the SOC code, else O*NET's tier for it (`related_tiers`), else none.

Order (what a career counselor would suggest first)
    1. Roles with a verdict; "not enough answers" last.
    2. Strong suggestions: at least `STRONG_COVERAGE_PERCENT` of the role's importance
       assessed, and a Job Zone at most one from the person's (or either unknown). A match
       over a third of a role's skills says too little (a result otherwise leads with roles
       whose other skills nobody measured); a move two Job Zones up takes education or
       years the skills cannot show (such roles are marked `beyond_reach`, "More
       preparation" on the pages), and two down throws experience away.
    3. Verdict, best first.
    4. Among ready roles, match no longer tells them apart (hundreds are at or near 100 %
       because match over a few assessed skills saturates): O*NET's relatedness (same
       occupation, closely, then more loosely related, then unrelated), then the Job Zone
       step (the person's own zone, one up, one down), then closeness, then match. Among
       nearly-ready and not-yet roles, match first, then the same.
    5. Coverage, title.
    Without a standpoint the zones and relatedness tell nothing: after the coverage band and
    the verdict, ready roles come nearest the person's levels first, the others by match.
    The match shown is always the figure above; the order only decides which of the roles a
    person could do come first. It was match, then closeness: Customer Service
    Representatives (96 %, two minor one-level gaps) came 245th for a customer-service
    associate, after Broadcast Announcers, Paralegals and Actors; verdict then closeness
    alone put Genetic Counselors and Pharmacists first
    (`docs/SCORING.md`, "How roles are ordered", has the worked lists).

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
    VERDICT_ORDER,
    Verdict,
)

DESIRABLE_PAY_SHARE = 0.75
GAPS_SHOWN = 3
NO_CLOSENESS = float(5)  # farther than any two levels of the 1–5 scale
STRONG_COVERAGE_PERCENT = 75.0
MAX_ZONE_STEP = 1  # a role more Job Zones away than this is no strong suggestion
SAME_OCCUPATION = "same"
# Relatedness, closest first; a role O*NET does not relate comes after every tier.
RELATEDNESS_ORDER = {SAME_OCCUPATION: 0, "primary-short": 1, "primary-long": 2, "supplemental": 3}
UNRELATED = len(RELATEDNESS_ORDER)


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
class Standpoint:
    """Where the person stands: the Job Zone, SOC code and O*NET related occupations of the
    role assessed or the occupation they name. `related` maps O*NET-SOC codes (and SOC
    codes, for roles that carry only those) to their tier (`related_tiers` builds it)."""

    job_zone: int | None = None
    soc_code: str = ""
    related: Mapping[str, str] = field(default_factory=dict)

    def relatedness(self, role: MatrixRole) -> str | None:
        """ "same" when `role` shares the SOC code, else O*NET's tier for it, else None."""
        if self.soc_code and role.soc_code == self.soc_code:
            return SAME_OCCUPATION
        if role.onet_code:
            return self.related.get(role.onet_code)
        return self.related.get(role.soc_code) if role.soc_code else None

    def zone_step(self, role: MatrixRole) -> int | None:
        if self.job_zone is None or role.job_zone is None:
            return None
        return role.job_zone - self.job_zone


NOWHERE = Standpoint()


def related_tiers(rows: Sequence[tuple[str, str, int]]) -> dict[str, str]:
    """From O*NET's related-occupation rows (related code, tier, position) of the person's
    occupation(s): each related code's tier and, under the 7-character SOC code, the closest
    tier of any occupation with that code (for roles that carry only a SOC code)."""
    best: dict[str, tuple[int, str]] = {}
    for code, tier, position in rows:
        for key in (code, code[:7]):
            if key not in best or position < best[key][0]:
                best[key] = (position, tier)
    return {key: tier for key, (_, tier) in best.items()}


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
    relatedness: str | None = None  # SAME_OCCUPATION, a RelatednessTier value, or None
    zone_step: int | None = None  # the role's Job Zone minus the person's; None: unknown

    @property
    def has_verdict(self) -> bool:
        return self.verdict.is_given

    @property
    def beyond_reach(self) -> bool:
        """More than one Job Zone above the person's: it takes education or experience that
        skills alone do not show."""
        return self.zone_step is not None and self.zone_step > MAX_ZONE_STEP

    @property
    def is_strong(self) -> bool:
        """Enough of the role assessed, and its Job Zone near the person's (order, step 2)."""
        return (
            self.has_verdict
            and self.coverage_percent >= STRONG_COVERAGE_PERCENT
            and (self.zone_step is None or abs(self.zone_step) <= MAX_ZONE_STEP)
        )


def rank(
    matrix: Sequence[MatrixRole],
    profile: Mapping[str, int],
    *,
    current_median_pay: int | None = None,
    standpoint: Standpoint = NOWHERE,
) -> list[Ranked]:
    """Every role of `matrix` with requirements, ranked for `profile` (skill slug → measured
    level 1–5; a skill missing from it is not assessed) as seen from `standpoint`."""
    ranked = [
        _rank_one(role, profile, current_median_pay, standpoint)
        for role in matrix
        if role.requirements
    ]
    ranked.sort(key=_order)
    return ranked


OrderKey = tuple[bool, bool, int, float, int, tuple[int, bool], float, float, float, str]


def _order(r: Ranked) -> OrderKey:
    """The sort key of the module docstring's order."""
    ready = r.verdict is Verdict.READY
    match = r.match_percent or 0.0
    step = r.zone_step
    return (
        not r.has_verdict,
        not r.is_strong,
        -VERDICT_ORDER.get(r.verdict, -1),
        0.0 if ready else -match,
        RELATEDNESS_ORDER.get(r.relatedness or "", UNRELATED),
        # The person's own zone, then one up, one down, two up, …; unknown after all of them.
        (9, False) if step is None else (abs(step), step < 0),
        NO_CLOSENESS if r.closeness is None else r.closeness,
        -match,
        -r.coverage_percent,
        r.role.title,
    )


def is_desirable(median_pay: int | None, current_median_pay: int | None) -> bool:
    if median_pay is None or current_median_pay is None:
        return False
    return median_pay >= DESIRABLE_PAY_SHARE * current_median_pay


def _rank_one(
    role: MatrixRole,
    profile: Mapping[str, int],
    current_median_pay: int | None,
    standpoint: Standpoint,
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
        relatedness=standpoint.relatedness(role),
        zone_step=standpoint.zone_step(role),
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
