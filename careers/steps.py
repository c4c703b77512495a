"""Level steps: the unit a learning resource is offered for ("from 2 to 3")."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from careers.levels import MAX_LEVEL, Level


def covers_step(from_level: int, to_level: int, into_level: int) -> bool:
    """Whether a resource spanning from_level→to_level helps someone reach `into_level`
    from the level just below it. A two-level certification (3→5) covers both 3→4 and 4→5."""
    return from_level < into_level <= to_level


@dataclass(frozen=True)
class LevelStep:
    from_level: Level
    to_level: Level
    resources: list[Any] = field(default_factory=list)


def resources_by_step(resources: Iterable[Any]) -> list[LevelStep]:
    """Every single-level step 0→1 … 4→5 with the resources (anything with `from_level` and
    `to_level`) that cover it. Empty steps are kept so a page can say so rather than hide it."""
    resources = list(resources)
    return [
        LevelStep(
            from_level=Level(into - 1),
            to_level=Level(into),
            resources=[r for r in resources if covers_step(r.from_level, r.to_level, into)],
        )
        for into in range(1, MAX_LEVEL + 1)
    ]
