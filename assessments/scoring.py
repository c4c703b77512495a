"""How far a person is from a role: every number and verdict on the result page comes from here.

Pure Python over plain dataclasses: no ORM, no request. This docstring is the specification
(scoring version 2); docs/SCORING.md walks through worked cases. The rules, in the words the
result page uses:

Assessed
    A skill is assessed when you rated yourself on it or answered at least one of its scenario
    questions. A skill you did not answer is *not assessed*: it is not a zero and it is not met.
    It never counts in readiness, is never a gap and never a strength; it is listed as not
    assessed so you can answer it.

Scenario level of a skill  (rule 6)
    The mean level of the scenario options you chose, rounded to the nearest level with halves
    rounding *down*: the worst option on every item shows level 1, the best shows 5, and
    levels 1 and 2 show 1.

Measured level of a skill
    With a self-rating (1–5) and scenario answers: their average, rounded down, so a claim
    counts fully only when your judgement in the situations backs it. With only one of the
    two: that one.

Calibration flag
    Self-rating and scenario level differ by 2 levels or more.

Gap, strength
    gap = required − measured, never below 0, for an assessed skill. A strength is an assessed
    skill measured at or above its required level. A requirement of level 0 is never a gap and
    does not count anywhere below.

Key skill
    A requirement of importance 4 or 5 (and level 1 or more).

Readiness and coverage  (rule 1)
    readiness = 100 × Σ importance × min(measured, required) / required  ÷  Σ importance, over
    the *assessed* skills required at level 1 or more (none assessed: no readiness).
    coverage = 100 × the importance of the assessed skills ÷ the importance of all skills
    required at level 1 or more (no such skill: no coverage).

Verdict from the skills  (rule 4)
    Ready: readiness ≥ 85 %, no skill of importance 3 or more short by 2 levels or more, and at
    most three key skills short by one level.
    Nearly ready: readiness ≥ 65 % and no key skill short by 3 levels or more.
    Not yet: anything else.

No verdict  (rule 1)
    A role or rung gets a verdict only when every key skill was assessed (and at least one
    skill counted). Otherwise its verdict is "not assessed", and it lists the skills still to
    answer; answering exactly those gives it a verdict. Its provisional verdict is what the
    assessed skills alone say (the page may call it "so far"); it never counts as a verdict.

Experience  (rule 3)
    When you gave your years in customer-facing work and a rung's typical minimum is above
    them, or gave your years leading people and its typical minimum for leading is above them,
    the rung's verdict is at most *nearly ready*, with the reason as numbers ("this role
    usually asks for 3–5 years, you have 2"). Years you did not give never cap a verdict; the
    result flags that experience was not taken into account.

Answers that cannot be trusted  (rule 5)
    Straight-lining: every self-rating is the same (with at least three skills rated).
    Scenarios below self-rating: on at least a third of the skills with scenario answers, the
    scenario level is 2 or more below the self-rating. Either one caps every verdict at *nearly
    ready*; the result says why and suggests asking someone who has seen you work.

Ladder  (rule 2)
    Every rung of the track is scored by the same rules from the same answers; a skill the
    questionnaire did not ask is not assessed there. Where you stand is the highest rung whose
    verdict is "ready". The next rung is the lowest rung above that one, but never below the
    target (so when the target is not ready, the next rung is the target). When no rung is
    ready, the closest rung is the one with the best verdict, then the highest readiness, ties
    going to the rung nearest the target, then the lower one; its gaps, missing years and
    unassessed skills are what it needs.

Aiming low  (rule 7)
    When the target is ready and either your years in customer-facing work are above its
    typical maximum, or every key skill is measured at least one level above what it needs,
    the result says you may be aiming low and names the rungs above.

Confidence  (rule 8)
    How many of the target's assessed skills were checked by scenario answers and how many rest
    on the self-rating alone; what limited the target's verdict (`limited_by`): experience,
    answer quality (only when the cap lowered a "ready"), or skills not assessed (when the
    coverage is below 100 %); and every flag raised, as data.

Priority of a gap
    importance × gap; recommendations list the biggest first, ties broken by skill order.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# The version of the rules above. Every stored result names the version it was scored under;
# change a rule, bump this, and `manage.py rescore_results` adds the new version beside the old.
SCORING_VERSION = 2

# Rule 4: what "ready" and "nearly ready" mean.
READY_THRESHOLD = 85.0
NEARLY_THRESHOLD = 65.0
KEY_IMPORTANCE = 4  # importance 4–5: the skills a verdict cannot do without
READY_BLOCKING_IMPORTANCE = 3  # a skill this important ...
READY_BLOCKING_GAP = 2  # ... short by this much blocks "ready"
READY_MAX_KEY_ONE_LEVEL_GAPS = 3  # more key skills than this one level short block "ready"
NEARLY_BLOCKING_KEY_GAP = 3  # a key skill short by this much blocks "nearly ready"
# Rule 5: answers that cannot be trusted.
STRAIGHT_LINE_MIN_SKILLS = 3
SCENARIO_BELOW_SELF_GAP = 2
SCENARIO_BELOW_SELF_SHARE = 1 / 3
# Self-rating and scenario level this far apart are pointed out skill by skill.
CALIBRATION_GAP = 2
# Version 1 names, kept for callers that still use them.
CRITICAL_IMPORTANCE = KEY_IMPORTANCE
CRITICAL_GAP = READY_BLOCKING_GAP


class Verdict(StrEnum):
    READY = "ready"
    NEARLY = "nearly"
    NOT_YET = "not_yet"
    # No verdict: a key skill was not assessed (or nothing was).
    NOT_ASSESSED = "not_assessed"

    @property
    def is_given(self) -> bool:
        return self != Verdict.NOT_ASSESSED

    @property
    def label(self) -> str:
        """The verdict in the result page's words, in the active language."""
        return str(VERDICT_LABELS[self])


VERDICT_LABELS = {
    Verdict.READY: _("Ready"),
    Verdict.NEARLY: _("Nearly ready"),
    Verdict.NOT_YET: _("Not yet"),
    Verdict.NOT_ASSESSED: _("Not assessed yet"),
}


# How verdicts compare: a higher number is better. "Not assessed" is no verdict, not a rank.
VERDICT_ORDER = {Verdict.NOT_YET: 0, Verdict.NEARLY: 1, Verdict.READY: 2}


class Limit(StrEnum):
    """What kept a verdict from resting on the whole picture."""

    EXPERIENCE = "experience"
    ANSWER_QUALITY = "answer_quality"
    NOT_ASSESSED = "not_assessed"


class YearsKind(StrEnum):
    EXPERIENCE = "experience"  # years in customer-facing work
    LEADING = "leading"  # years leading people


# --- Inputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequirementInput:
    skill_slug: str
    skill_name: str
    category: str
    required_level: int
    importance: int


@dataclass(frozen=True)
class AnswerInput:
    self_rating: int | None
    scenario_levels: tuple[int, ...] = ()

    @property
    def is_assessed(self) -> bool:
        return self.self_rating is not None or bool(self.scenario_levels)


@dataclass(frozen=True)
class RungInput:
    slug: str
    title: str
    rank: int
    years_experience_min: int
    years_experience_max: int | None
    years_leading_min: int
    requirements: tuple[RequirementInput, ...]


@dataclass(frozen=True)
class ExperienceInput:
    years_experience: int | None = None
    years_leading: int | None = None


# --- Outputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkillScore:
    skill_slug: str
    skill_name: str
    category: str
    required_level: int
    importance: int
    self_rating: int | None
    scenario_level: int | None
    measured_level: int | None  # None: not assessed
    gap: int | None  # None: not assessed
    priority: int
    is_strength: bool
    is_calibration_flagged: bool

    @property
    def is_assessed(self) -> bool:
        return self.measured_level is not None

    @property
    def is_counted(self) -> bool:
        """Required at level 1 or more: part of readiness, coverage and the verdict."""
        return self.required_level > 0

    @property
    def is_key(self) -> bool:
        return self.is_counted and self.importance >= KEY_IMPORTANCE

    @property
    def checked_by_scenarios(self) -> bool:
        return self.scenario_level is not None


@dataclass(frozen=True)
class ExperienceGap:
    """Stated years below a rung's typical minimum: "usually 3–5 years, you have 2"."""

    kind: YearsKind
    stated_years: int
    typical_min: int
    typical_max: int | None


@dataclass(frozen=True)
class RoleScore:
    readiness_percent: float | None  # None: nothing counted was assessed
    verdict: Verdict  # after the caps of rules 3 and 5
    skills: tuple[SkillScore, ...]
    coverage_percent: float | None  # None: nothing required at level 1 or more
    skills_verdict: Verdict  # rule 4 alone, before the caps
    provisional_verdict: Verdict  # from the assessed skills alone, caps applied
    experience_gaps: tuple[ExperienceGap, ...]
    limited_by: tuple[Limit, ...]

    @property
    def strengths(self) -> list[SkillScore]:
        return [s for s in self.skills if s.is_strength and s.is_counted]

    @property
    def gaps(self) -> list[SkillScore]:
        """Assessed skills short of their required level, biggest priority first, then skill
        order."""
        short = [(index, s) for index, s in enumerate(self.skills) if s.gap]
        return [s for _, s in sorted(short, key=lambda pair: (-pair[1].priority, pair[0]))]

    @property
    def not_assessed(self) -> list[SkillScore]:
        """Skills required at level 1 or more that were not answered, in skill order."""
        return [s for s in self.skills if s.is_counted and not s.is_assessed]

    @property
    def key_skills_not_assessed(self) -> list[SkillScore]:
        """The skills whose answers would give this role a verdict."""
        return [s for s in self.not_assessed if s.is_key]


@dataclass(frozen=True)
class RungScore:
    slug: str
    title: str
    rank: int
    readiness_percent: float | None
    verdict: Verdict
    not_assessed: tuple[str, ...]  # skill names, in skill order
    gaps: tuple[SkillScore, ...]
    years_experience_min: int
    years_experience_max: int | None
    years_leading_min: int
    experience_short: bool
    leading_short: bool
    coverage_percent: float | None
    skills_verdict: Verdict
    provisional_verdict: Verdict
    not_assessed_slugs: tuple[str, ...]  # what "assess these skills" asks for
    experience_gaps: tuple[ExperienceGap, ...]
    limited_by: tuple[Limit, ...]
    skills: tuple[SkillScore, ...]

    @property
    def has_verdict(self) -> bool:
        return self.verdict.is_given

    @property
    def skills_met_but_experience_short(self) -> bool:
        """The skills say ready; the years are what holds this rung back."""
        return self.skills_verdict == Verdict.READY and bool(self.experience_gaps)


@dataclass(frozen=True)
class LadderScore:
    rungs: tuple[RungScore, ...]
    highest_ready_rank: int | None
    next_rank: int | None
    closest_rank: int | None  # only when no rung is ready
    target_rank: int | None

    def rung(self, rank: int | None) -> RungScore | None:
        return next((r for r in self.rungs if r.rank == rank), None)


@dataclass(frozen=True)
class AimingLow:
    """Rule 7: the target is ready and the person looks ready for more."""

    years_above_typical: bool
    skills_above_required: bool
    stated_years: int | None
    typical_max: int | None
    rungs_above: tuple[str, ...]  # slugs, lowest first


@dataclass(frozen=True)
class Flags:
    calibration: tuple[str, ...] = ()  # skill slugs
    straight_lining: bool = False
    scenarios_below_self_rating: tuple[str, ...] = ()  # skill slugs, 2+ levels below
    skills_with_scenarios: int = 0
    years_not_given: tuple[YearsKind, ...] = ()
    aiming_low: AimingLow | None = None

    @property
    def scenarios_mostly_below_self_rating(self) -> bool:
        below = len(self.scenarios_below_self_rating)
        return below > 0 and below >= SCENARIO_BELOW_SELF_SHARE * self.skills_with_scenarios

    @property
    def answers_untrustworthy(self) -> bool:
        """Rule 5: these answers cannot produce "ready"."""
        return self.straight_lining or self.scenarios_mostly_below_self_rating

    @property
    def experience_not_considered(self) -> bool:
        return YearsKind.EXPERIENCE in self.years_not_given

    @property
    def raised(self) -> tuple[str, ...]:
        """The names of every flag raised, for lists and the JSON."""
        names = []
        if self.calibration:
            names.append("calibration")
        if self.straight_lining:
            names.append("straight_lining")
        if self.scenarios_mostly_below_self_rating:
            names.append("scenarios_below_self_rating")
        if self.experience_not_considered:
            names.append("experience_not_considered")
        if YearsKind.LEADING in self.years_not_given:
            names.append("leading_not_considered")
        if self.aiming_low:
            names.append("aiming_low")
        return tuple(names)


@dataclass(frozen=True)
class Confidence:
    """Rule 8: how much the target's result rests on self-ratings alone."""

    skills_counted: int  # required at level 1 or more
    skills_assessed: int
    skills_checked_by_scenarios: int
    skills_self_rated_only: int
    coverage_percent: float | None
    limited_by: tuple[Limit, ...]


@dataclass(frozen=True)
class Score:
    role: RoleScore
    ladder: LadderScore
    flags: Flags
    experience: ExperienceInput
    confidence: Confidence


# --- Skills -----------------------------------------------------------------------------------


def scenario_level(levels: Sequence[int]) -> int | None:
    """The level a set of scenario answers shows: their mean, halves rounding down."""
    if not levels:
        return None
    return math.ceil(sum(levels) / len(levels) - 0.5)


def measured_level(answer: AnswerInput | None) -> int | None:
    """None when the skill was not assessed."""
    if answer is None or not answer.is_assessed:
        return None
    shown = scenario_level(answer.scenario_levels)
    if answer.self_rating is None:
        return shown
    if shown is None:
        return answer.self_rating
    return (answer.self_rating + shown) // 2


def score_skill(requirement: RequirementInput, answer: AnswerInput | None) -> SkillScore:
    measured = measured_level(answer)
    gap = None if measured is None else max(requirement.required_level - measured, 0)
    self_rating = answer.self_rating if answer else None
    shown = scenario_level(answer.scenario_levels) if answer else None
    return SkillScore(
        skill_slug=requirement.skill_slug,
        skill_name=requirement.skill_name,
        category=requirement.category,
        required_level=requirement.required_level,
        importance=requirement.importance,
        self_rating=self_rating,
        scenario_level=shown,
        measured_level=measured,
        gap=gap,
        priority=requirement.importance * (gap or 0),
        is_strength=measured is not None and measured >= requirement.required_level,
        is_calibration_flagged=(
            self_rating is not None
            and shown is not None
            and abs(self_rating - shown) >= CALIBRATION_GAP
        ),
    )


# --- One role ---------------------------------------------------------------------------------


def readiness(skills: Sequence[SkillScore]) -> float | None:
    """Rule 1: over the assessed skills required at level 1 or more; None when there are none."""
    counted = [s for s in skills if s.is_counted and s.measured_level is not None]
    total_weight = sum(s.importance for s in counted)
    if total_weight == 0:
        return None
    met = sum(
        s.importance * min(s.measured_level or 0, s.required_level) / s.required_level
        for s in counted
    )
    return round(100 * met / total_weight, 1)


def coverage(skills: Sequence[SkillScore]) -> float | None:
    """Rule 1: the share of the importance of the counted skills that was assessed."""
    counted = [s for s in skills if s.is_counted]
    total_weight = sum(s.importance for s in counted)
    if total_weight == 0:
        return None
    assessed = sum(s.importance for s in counted if s.is_assessed)
    return round(100 * assessed / total_weight, 1)


def verdict(readiness_percent: float | None, skills: Sequence[SkillScore]) -> Verdict:
    """Rule 4 (and rule 1's "no verdict"), before the caps of rules 3 and 5."""
    counted = [s for s in skills if s.is_counted]
    if readiness_percent is None or any(s.is_key and not s.is_assessed for s in counted):
        return Verdict.NOT_ASSESSED
    gaps = [(s.importance, s.gap) for s in counted if s.gap]
    real_gap = any(i >= READY_BLOCKING_IMPORTANCE and g >= READY_BLOCKING_GAP for i, g in gaps)
    key_one_level = sum(1 for i, g in gaps if i >= KEY_IMPORTANCE and g == 1)
    key_far = any(i >= KEY_IMPORTANCE and g >= NEARLY_BLOCKING_KEY_GAP for i, g in gaps)
    if (
        readiness_percent >= READY_THRESHOLD
        and not real_gap
        and key_one_level <= READY_MAX_KEY_ONE_LEVEL_GAPS
    ):
        return Verdict.READY
    if readiness_percent >= NEARLY_THRESHOLD and not key_far:
        return Verdict.NEARLY
    return Verdict.NOT_YET


def experience_gaps(rung: RungInput, experience: ExperienceInput) -> tuple[ExperienceGap, ...]:
    """Rule 3: the stated years that fall below the rung's typical minimum (unknown: none)."""
    gaps = []
    years = experience.years_experience
    if years is not None and years < rung.years_experience_min:
        gaps.append(
            ExperienceGap(
                YearsKind.EXPERIENCE, years, rung.years_experience_min, rung.years_experience_max
            )
        )
    leading = experience.years_leading
    if leading is not None and leading < rung.years_leading_min:
        gaps.append(ExperienceGap(YearsKind.LEADING, leading, rung.years_leading_min, None))
    return tuple(gaps)


def score_role(
    requirements: Sequence[RequirementInput],
    answers: Mapping[str, AnswerInput],
    *,
    experience_gaps: Sequence[ExperienceGap] = (),
    answers_untrustworthy: bool = False,
) -> RoleScore:
    """One role's skills, readiness, coverage and verdict, capped at "nearly ready" by missing
    years (rule 3) or answers that cannot be trusted (rule 5)."""
    skills = tuple(score_skill(r, answers.get(r.skill_slug)) for r in requirements)
    percent = readiness(skills)
    covered = coverage(skills)
    from_skills = verdict(percent, skills)
    limited_by = []
    if from_skills == Verdict.READY and experience_gaps:
        limited_by.append(Limit.EXPERIENCE)
    if from_skills == Verdict.READY and answers_untrustworthy:
        limited_by.append(Limit.ANSWER_QUALITY)
    if covered is not None and covered < 100:
        limited_by.append(Limit.NOT_ASSESSED)
    capped = bool(experience_gaps) or answers_untrustworthy

    def cap(given: Verdict) -> Verdict:
        return Verdict.NEARLY if capped and given == Verdict.READY else given

    so_far = verdict(percent, [s for s in skills if s.is_assessed])
    return RoleScore(
        readiness_percent=percent,
        verdict=cap(from_skills),
        skills=skills,
        coverage_percent=covered,
        skills_verdict=from_skills,
        provisional_verdict=cap(so_far),
        experience_gaps=tuple(experience_gaps),
        limited_by=tuple(limited_by),
    )


# --- The ladder -------------------------------------------------------------------------------


def score_rung(
    rung: RungInput,
    answers: Mapping[str, AnswerInput],
    experience: ExperienceInput,
    *,
    answers_untrustworthy: bool = False,
) -> RungScore:
    short = experience_gaps(rung, experience)
    role = score_role(
        rung.requirements,
        answers,
        experience_gaps=short,
        answers_untrustworthy=answers_untrustworthy,
    )
    return RungScore(
        slug=rung.slug,
        title=rung.title,
        rank=rung.rank,
        readiness_percent=role.readiness_percent,
        verdict=role.verdict,
        not_assessed=tuple(s.skill_name for s in role.not_assessed),
        gaps=tuple(role.gaps),
        years_experience_min=rung.years_experience_min,
        years_experience_max=rung.years_experience_max,
        years_leading_min=rung.years_leading_min,
        experience_short=any(g.kind == YearsKind.EXPERIENCE for g in short),
        leading_short=any(g.kind == YearsKind.LEADING for g in short),
        coverage_percent=role.coverage_percent,
        skills_verdict=role.skills_verdict,
        provisional_verdict=role.provisional_verdict,
        not_assessed_slugs=tuple(s.skill_slug for s in role.not_assessed),
        experience_gaps=short,
        limited_by=role.limited_by,
        skills=role.skills,
    )


def score_ladder(
    rungs: Sequence[RungInput],
    answers: Mapping[str, AnswerInput],
    experience: ExperienceInput,
    *,
    target_slug: str | None = None,
    answers_untrustworthy: bool = False,
) -> LadderScore:
    """Rule 2: every rung scored, where the person stands, the next rung and the closest."""
    scored = tuple(
        score_rung(rung, answers, experience, answers_untrustworthy=answers_untrustworthy)
        for rung in sorted(rungs, key=lambda r: r.rank)
    )
    target_rank = next((r.rank for r in scored if r.slug == target_slug), None)
    ready_ranks = [r.rank for r in scored if r.verdict == Verdict.READY]
    highest = max(ready_ranks) if ready_ranks else None
    above = [
        r.rank
        for r in scored
        if (highest is None or r.rank > highest) and (target_rank is None or r.rank >= target_rank)
    ]
    return LadderScore(
        rungs=scored,
        highest_ready_rank=highest,
        next_rank=min(above) if above else None,
        closest_rank=_closest_rank(scored, target_rank) if highest is None else None,
        target_rank=target_rank,
    )


def _closest_rank(rungs: Sequence[RungScore], target_rank: int | None) -> int | None:
    """The rung with the best verdict, then the highest readiness; ties go to the rung nearest
    the target, then the lower one."""
    with_verdict = [r for r in rungs if r.has_verdict]
    if not with_verdict:
        return None
    best = min(
        with_verdict,
        key=lambda r: (
            -VERDICT_ORDER[r.verdict],
            -(r.readiness_percent or 0.0),
            abs(r.rank - (target_rank or r.rank)),
            r.rank,
        ),
    )
    return best.rank


# --- Flags ------------------------------------------------------------------------------------


def answer_quality(answers: Mapping[str, AnswerInput]) -> Flags:
    """Rule 5's flags, from every answer given."""
    ratings = [a.self_rating for a in answers.values() if a.self_rating is not None]
    with_scenarios = {
        slug: (a.self_rating, scenario_level(a.scenario_levels))
        for slug, a in answers.items()
        if a.scenario_levels
    }
    below = tuple(
        slug
        for slug, (rating, shown) in with_scenarios.items()
        if rating is not None and shown is not None and rating - shown >= SCENARIO_BELOW_SELF_GAP
    )
    return Flags(
        straight_lining=len(ratings) >= STRAIGHT_LINE_MIN_SKILLS and len(set(ratings)) == 1,
        scenarios_below_self_rating=below,
        skills_with_scenarios=len(with_scenarios),
    )


def flags(
    role: RoleScore,
    answers: Mapping[str, AnswerInput],
    experience: ExperienceInput | None = None,
    aiming_low: AimingLow | None = None,
) -> Flags:
    """Every warning the result raises, as data."""
    experience = experience or ExperienceInput()
    years_not_given = tuple(
        kind
        for kind, years in (
            (YearsKind.EXPERIENCE, experience.years_experience),
            (YearsKind.LEADING, experience.years_leading),
        )
        if years is None
    )
    return replace(
        answer_quality(answers),
        calibration=tuple(s.skill_slug for s in role.skills if s.is_calibration_flagged),
        years_not_given=years_not_given,
        aiming_low=aiming_low,
    )


def aiming_low(
    role: RoleScore,
    target: RungInput | None,
    rungs: Sequence[RungInput],
    experience: ExperienceInput,
) -> AimingLow | None:
    """Rule 7: a ready target with years above its typical maximum, or every key skill a level
    or more above what it needs."""
    if role.verdict != Verdict.READY:
        return None
    typical_max = target.years_experience_max if target else None
    years = experience.years_experience
    years_above = years is not None and typical_max is not None and years > typical_max
    key = [s for s in role.skills if s.is_key]
    skills_above = bool(key) and all(
        s.measured_level is not None and s.measured_level >= s.required_level + 1 for s in key
    )
    if not (years_above or skills_above):
        return None
    above = (
        tuple(r.slug for r in sorted(rungs, key=lambda r: r.rank) if r.rank > target.rank)
        if target
        else ()
    )
    return AimingLow(
        years_above_typical=years_above,
        skills_above_required=skills_above,
        stated_years=years,
        typical_max=typical_max,
        rungs_above=above,
    )


def confidence(role: RoleScore) -> Confidence:
    counted = [s for s in role.skills if s.is_counted]
    assessed = [s for s in counted if s.is_assessed]
    checked = [s for s in assessed if s.checked_by_scenarios]
    return Confidence(
        skills_counted=len(counted),
        skills_assessed=len(assessed),
        skills_checked_by_scenarios=len(checked),
        skills_self_rated_only=len(assessed) - len(checked),
        coverage_percent=role.coverage_percent,
        limited_by=role.limited_by,
    )


# --- Everything -------------------------------------------------------------------------------


def score(
    requirements: Sequence[RequirementInput],
    answers: Mapping[str, AnswerInput],
    rungs: Sequence[RungInput] = (),
    experience: ExperienceInput | None = None,
    *,
    target_slug: str | None = None,
) -> Score:
    """Everything the result page shows, for one target role and the ladder around it.

    The target is the rung named `target_slug`; without it, the rung whose requirements are
    `requirements` (callers that only pass the requirements keep their meaning)."""
    experience = experience or ExperienceInput()
    target = _target_rung(requirements, rungs, target_slug)
    untrustworthy = answer_quality(answers).answers_untrustworthy
    role = score_role(
        requirements,
        answers,
        experience_gaps=experience_gaps(target, experience) if target else (),
        answers_untrustworthy=untrustworthy,
    )
    ladder = score_ladder(
        rungs,
        answers,
        experience,
        target_slug=target.slug if target else None,
        answers_untrustworthy=untrustworthy,
    )
    return Score(
        role=role,
        ladder=ladder,
        flags=flags(role, answers, experience, aiming_low(role, target, rungs, experience)),
        experience=experience,
        confidence=confidence(role),
    )


def _target_rung(
    requirements: Sequence[RequirementInput],
    rungs: Sequence[RungInput],
    target_slug: str | None,
) -> RungInput | None:
    if target_slug is not None:
        return next((r for r in rungs if r.slug == target_slug), None)
    wanted = tuple(requirements)
    return next((r for r in rungs if r.requirements == wanted), None)
