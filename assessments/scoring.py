"""How far a person is from a role: every number on the result page comes from here.

Pure Python over plain dataclasses: no ORM, no request. The rules, in the words the result
page uses:

Measured level of a skill
    Your self-rating (1–5) against the skill's anchors. Where the skill has scenario questions,
    the scenario level is the average level of the answers you chose, rounded to the nearest
    level (halves round up), and the measured level is the average of self-rating and scenario
    level, rounded down: a claim counts fully only when your judgement in the situations backs
    it. A skill you did not rate counts as 0 (not shown).

Calibration flag
    Self-rating and scenario level differ by 2 levels or more.

Gap, strength
    gap = required − measured, never below 0. A strength is a skill measured at or above its
    required level. A requirement of level 0 is never a gap and does not count in readiness.

Readiness
    The importance-weighted share of required levels met, each skill counting at most fully:
    readiness = 100 × Σ importance × min(measured, required) / required  ÷  Σ importance,
    over the skills required at level 1 or more (100 when there are none).

Verdict
    Ready: readiness ≥ 85 % and no skill of importance 4 or 5 short by 2 levels or more.
    Nearly ready: readiness ≥ 65 % (and not ready). Not yet: anything else.

Straight-lining warning
    Every rated skill got the same rating (with at least three skills rated).

Ladder
    The same rules applied to every rung of the track, using the answers given here; a skill a
    rung needs that this questionnaire did not ask about counts as 0 and is listed as not
    assessed. The highest rung with the verdict "ready" is where the person stands; the next
    rung up shows what it additionally needs. Years of experience are set beside each rung's
    typical years, and a rung whose skills are met but whose experience is short says so.

Priority of a gap
    importance × gap; recommendations list the biggest first, ties broken by skill order.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# The version of the rules above. Every stored result names the version it was scored under;
# change a rule, bump this, and `manage.py rescore_results` adds the new version beside the old.
SCORING_VERSION = 1

READY_THRESHOLD = 85.0
NEARLY_THRESHOLD = 65.0
CRITICAL_IMPORTANCE = 4
CRITICAL_GAP = 2
CALIBRATION_GAP = 2
STRAIGHT_LINE_MIN_SKILLS = 3


class Verdict(StrEnum):
    READY = "ready"
    NEARLY = "nearly"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        """The verdict in the result page's words, in the active language."""
        return str(VERDICT_LABELS[self])


VERDICT_LABELS = {
    Verdict.READY: _("Ready"),
    Verdict.NEARLY: _("Nearly ready"),
    Verdict.NOT_YET: _("Not yet"),
}


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


@dataclass(frozen=True)
class SkillScore:
    skill_slug: str
    skill_name: str
    category: str
    required_level: int
    importance: int
    self_rating: int | None
    scenario_level: int | None
    measured_level: int
    gap: int
    priority: int
    is_strength: bool
    is_calibration_flagged: bool


@dataclass(frozen=True)
class RoleScore:
    readiness_percent: float
    verdict: Verdict
    skills: tuple[SkillScore, ...]

    @property
    def strengths(self) -> list[SkillScore]:
        return [s for s in self.skills if s.is_strength and s.required_level > 0]

    @property
    def gaps(self) -> list[SkillScore]:
        """Skills short of their required level, biggest priority first, then skill order."""
        short = [(index, s) for index, s in enumerate(self.skills) if s.gap > 0]
        return [s for _, s in sorted(short, key=lambda pair: (-pair[1].priority, pair[0]))]


@dataclass(frozen=True)
class RungScore:
    slug: str
    title: str
    rank: int
    readiness_percent: float
    verdict: Verdict
    not_assessed: tuple[str, ...]
    gaps: tuple[SkillScore, ...]
    years_experience_min: int
    years_experience_max: int | None
    years_leading_min: int
    experience_short: bool
    leading_short: bool

    @property
    def skills_met_but_experience_short(self) -> bool:
        return self.verdict == Verdict.READY and (self.experience_short or self.leading_short)


@dataclass(frozen=True)
class LadderScore:
    rungs: tuple[RungScore, ...]
    highest_ready_rank: int | None
    next_rank: int | None


@dataclass(frozen=True)
class Flags:
    calibration: tuple[str, ...] = ()  # skill slugs
    straight_lining: bool = False


@dataclass(frozen=True)
class Score:
    role: RoleScore
    ladder: LadderScore
    flags: Flags
    experience: ExperienceInput = field(default_factory=ExperienceInput)


def scenario_level(levels: Sequence[int]) -> int | None:
    """The level a set of scenario answers shows: their mean, halves rounding up."""
    if not levels:
        return None
    return math.floor(sum(levels) / len(levels) + 0.5)


def measured_level(answer: AnswerInput | None) -> int:
    if answer is None:
        return 0
    shown = scenario_level(answer.scenario_levels)
    if answer.self_rating is None:
        return shown or 0
    if shown is None:
        return answer.self_rating
    return (answer.self_rating + shown) // 2


def score_skill(requirement: RequirementInput, answer: AnswerInput | None) -> SkillScore:
    measured = measured_level(answer)
    gap = max(requirement.required_level - measured, 0)
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
        priority=requirement.importance * gap,
        is_strength=measured >= requirement.required_level,
        is_calibration_flagged=(
            self_rating is not None
            and shown is not None
            and abs(self_rating - shown) >= CALIBRATION_GAP
        ),
    )


def readiness(skills: Sequence[SkillScore]) -> float:
    counted = [s for s in skills if s.required_level > 0]
    total_weight = sum(s.importance for s in counted)
    if total_weight == 0:
        return 100.0
    met = sum(
        s.importance * min(s.measured_level, s.required_level) / s.required_level for s in counted
    )
    return round(100 * met / total_weight, 1)


def verdict(readiness_percent: float, skills: Sequence[SkillScore]) -> Verdict:
    critical_gap = any(
        s.importance >= CRITICAL_IMPORTANCE and s.gap >= CRITICAL_GAP for s in skills
    )
    if readiness_percent >= READY_THRESHOLD and not critical_gap:
        return Verdict.READY
    if readiness_percent >= NEARLY_THRESHOLD:
        return Verdict.NEARLY
    return Verdict.NOT_YET


def score_role(
    requirements: Sequence[RequirementInput], answers: Mapping[str, AnswerInput]
) -> RoleScore:
    skills = tuple(score_skill(r, answers.get(r.skill_slug)) for r in requirements)
    percent = readiness(skills)
    return RoleScore(readiness_percent=percent, verdict=verdict(percent, skills), skills=skills)


def score_ladder(
    rungs: Sequence[RungInput], answers: Mapping[str, AnswerInput], experience: ExperienceInput
) -> LadderScore:
    scored = []
    for rung in sorted(rungs, key=lambda r: r.rank):
        role = score_role(rung.requirements, answers)
        scored.append(
            RungScore(
                slug=rung.slug,
                title=rung.title,
                rank=rung.rank,
                readiness_percent=role.readiness_percent,
                verdict=role.verdict,
                not_assessed=tuple(
                    r.skill_name
                    for r in rung.requirements
                    if r.required_level > 0 and r.skill_slug not in answers
                ),
                gaps=tuple(role.gaps),
                years_experience_min=rung.years_experience_min,
                years_experience_max=rung.years_experience_max,
                years_leading_min=rung.years_leading_min,
                experience_short=_short(experience.years_experience, rung.years_experience_min),
                leading_short=_short(experience.years_leading, rung.years_leading_min),
            )
        )
    ready_ranks = [r.rank for r in scored if r.verdict == Verdict.READY]
    highest = max(ready_ranks) if ready_ranks else None
    ranks = [r.rank for r in scored]
    above = [rank for rank in ranks if highest is None or rank > highest]
    return LadderScore(
        rungs=tuple(scored),
        highest_ready_rank=highest,
        next_rank=min(above) if above else None,
    )


def _short(years: int | None, typical_min: int) -> bool:
    """Whether stated experience falls below a rung's typical minimum (unknown is not short)."""
    return years is not None and years < typical_min


def flags(role: RoleScore, answers: Mapping[str, AnswerInput]) -> Flags:
    ratings = [a.self_rating for a in answers.values() if a.self_rating is not None]
    return Flags(
        calibration=tuple(s.skill_slug for s in role.skills if s.is_calibration_flagged),
        straight_lining=len(ratings) >= STRAIGHT_LINE_MIN_SKILLS and len(set(ratings)) == 1,
    )


def score(
    requirements: Sequence[RequirementInput],
    answers: Mapping[str, AnswerInput],
    rungs: Sequence[RungInput] = (),
    experience: ExperienceInput | None = None,
) -> Score:
    """Everything the result page shows, for one target role and the ladder around it."""
    experience = experience or ExperienceInput()
    role = score_role(requirements, answers)
    return Score(
        role=role,
        ladder=score_ladder(rungs, answers, experience),
        flags=flags(role, answers),
        experience=experience,
    )
