"""From gaps to next steps: for each top gap, the resources for every level step between
where the person is and where the role needs them ("from 2 to 3", then "from 3 to 4").

Pure Python over plain data, like the scoring module it follows.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from assessments.scoring import RoleScore, SkillScore
from careers.steps import covers_step

TOP_GAPS = 5


@dataclass(frozen=True)
class Resource:
    skill_slug: str
    title: str
    kind: str
    description: str
    from_level: int
    to_level: int
    effort_hours: int
    cost: int
    url: str = ""


@dataclass(frozen=True)
class LevelStep:
    from_level: int
    to_level: int
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class Recommendation:
    skill: SkillScore
    steps: tuple[LevelStep, ...]


def recommend(
    role: RoleScore, resources: Sequence[Resource], limit: int = TOP_GAPS
) -> list[Recommendation]:
    """The `limit` biggest gaps (importance × gap, ties by skill order), each with its steps."""
    by_skill: dict[str, list[Resource]] = {}
    for resource in resources:
        by_skill.setdefault(resource.skill_slug, []).append(resource)
    return [
        Recommendation(skill=gap, steps=steps_between(gap, by_skill.get(gap.skill_slug, [])))
        for gap in role.gaps[:limit]
    ]


def steps_between(skill: SkillScore, resources: Sequence[Resource]) -> tuple[LevelStep, ...]:
    return tuple(
        LevelStep(
            from_level=into - 1,
            to_level=into,
            resources=tuple(r for r in resources if covers_step(r.from_level, r.to_level, into)),
        )
        for into in range(skill.measured_level + 1, skill.required_level + 1)
    )
