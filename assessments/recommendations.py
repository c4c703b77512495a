"""From gaps to next steps: for each top gap, the resources for every level step between
where the person is and where the role needs them ("from 2 to 3", then "from 3 to 4").

Pure Python over plain data, like the scoring module it follows.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from assessments.scoring import RoleScore, SkillScore
from careers.steps import LevelStep, level_steps

TOP_GAPS = 5


@dataclass(frozen=True)
class ResourceInput:
    skill_slug: str
    title: str
    kind: str
    description: str
    from_level: int
    to_level: int
    effort_hours: int
    cost: int
    url: str = ""
    provider: str = ""
    industry: str = ""  # "" when it fits any industry


@dataclass(frozen=True)
class Recommendation:
    skill: SkillScore
    steps: tuple[LevelStep[ResourceInput], ...]


def recommend(
    role: RoleScore, resources: Sequence[ResourceInput], limit: int = TOP_GAPS
) -> list[Recommendation]:
    """The `limit` biggest gaps (importance × gap, ties by skill order), each with its steps."""
    by_skill: dict[str, list[ResourceInput]] = {}
    for resource in resources:
        by_skill.setdefault(resource.skill_slug, []).append(resource)
    return [
        Recommendation(skill=gap, steps=steps_between(gap, by_skill.get(gap.skill_slug, [])))
        for gap in role.gaps[:limit]
    ]


def steps_between(
    skill: SkillScore, resources: Sequence[ResourceInput]
) -> tuple[LevelStep[ResourceInput], ...]:
    # Only assessed skills are gaps, so a gap's measured level is always known.
    return level_steps(
        resources, from_level=skill.measured_level or 0, to_level=skill.required_level
    )
