"""The first steps and totals a result page leads with, read from a stored result document.

Pure Python over the document's recommendations (most important first). A step's cheapest
resource (the first listed among equals) is the way the page suggests to take it; the totals add
up those, counting once a resource that covers several steps.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from assessments.document import RecommendationRow, StepResource

TOP_GAPS_SHOWN = 3


@dataclass(frozen=True)
class Effort:
    hours: int
    cost: int

    def __add__(self, other: "Effort") -> "Effort":
        return Effort(self.hours + other.hours, self.cost + other.cost)


@dataclass(frozen=True)
class GapPlan:
    """One gap as the first screen shows it: where to start and what closing it takes."""

    skill: str
    name: str
    from_level: int
    to_level: int
    first_resource: StepResource | None  # None: no resource is listed for its first step
    total: Effort
    steps_without_resource: int


@dataclass(frozen=True)
class Route:
    gaps: tuple[GapPlan, ...]
    total: Effort

    @property
    def top(self) -> tuple[GapPlan, ...]:
        return self.gaps[:TOP_GAPS_SHOWN]


def _key(resource: StepResource) -> tuple[str, str, int, int]:
    return (
        resource["title"],
        resource.get("provider", ""),
        resource["from_level"],
        resource["to_level"],
    )


def cheapest(resources: Sequence[StepResource]) -> StepResource:
    """The free or cheapest resource, then the shortest; the first listed among equals."""
    return min(resources, key=lambda r: (r["cost"], r["effort_hours"]))


def gap_plan(recommendation: RecommendationRow) -> GapPlan:
    """The cheapest listed way through every level step of one gap, and its first resource."""
    chosen: dict[tuple[str, str, int, int], StepResource] = {}
    missing = 0
    for step in recommendation["steps"]:
        if not step["resources"]:
            missing += 1
        elif not any(_key(r) in chosen for r in step["resources"]):
            first = cheapest(step["resources"])
            chosen[_key(first)] = first
    steps = recommendation["steps"]
    first_step = steps[0]["resources"] if steps else []
    total = sum((Effort(r["effort_hours"], r["cost"]) for r in chosen.values()), start=Effort(0, 0))
    return GapPlan(
        skill=recommendation["skill"],
        name=recommendation["name"],
        from_level=recommendation["from_level"],
        to_level=recommendation["to_level"],
        first_resource=cheapest(first_step) if first_step else None,
        total=total,
        steps_without_resource=missing,
    )


def route(recommendations: Sequence[RecommendationRow]) -> Route:
    """Every recommended gap's plan, in the document's order, and the whole route's total."""
    gaps = tuple(gap_plan(rec) for rec in recommendations)
    return Route(gaps=gaps, total=sum((g.total for g in gaps), start=Effort(0, 0)))


def for_industry(
    recommendations: Sequence[RecommendationRow], industry: str
) -> list[RecommendationRow]:
    """The recommendations without the resources specific to another industry than the one
    chosen. With none chosen ("") every resource stays, and the page marks the specific ones
    ("for insurance roles"). A step left without a resource says so, as any such step."""
    if not industry:
        return list(recommendations)
    return [
        {
            **recommendation,
            "steps": [
                {
                    **step,
                    "resources": [
                        resource
                        for resource in step["resources"]
                        if resource.get("industry", "") in ("", industry)
                    ],
                }
                for step in recommendation["steps"]
            ],
        }
        for recommendation in recommendations
    ]
