"""Level steps: the unit a learning resource is offered for ("from 2 to 3").

The skill page lists every step of a skill; a result lists the steps between where a person
is and where the role needs them. Both are the same `LevelStep`, built by `level_steps`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from careers.levels import MAX_LEVEL, Level


class SpansLevels(Protocol):
    """Anything offered for a range of levels: a catalog resource, or its copy in a result."""

    @property
    def from_level(self) -> int: ...

    @property
    def to_level(self) -> int: ...


ResourceT = TypeVar("ResourceT", bound=SpansLevels)


@dataclass(frozen=True)
class LevelStep(Generic[ResourceT]):
    """One level up, from `from_level` to `to_level` = from_level + 1, with the resources that
    help take it."""

    from_level: Level
    to_level: Level
    resources: tuple[ResourceT, ...]


def covers_step(from_level: int, to_level: int, into_level: int) -> bool:
    """Whether a resource spanning from_level→to_level helps someone reach `into_level`
    from the level just below it. A two-level certification (3→5) covers both 3→4 and 4→5."""
    return from_level < into_level <= to_level


def level_steps(
    resources: Iterable[ResourceT],
    *,
    from_level: int = Level.NOT_REQUIRED,
    to_level: int = MAX_LEVEL,
) -> tuple[LevelStep[ResourceT], ...]:
    """Every single-level step from `from_level` up to `to_level`, each with the resources that
    cover it. Empty steps are kept so a page can say so rather than hide it."""
    resources = tuple(resources)
    return tuple(
        LevelStep(
            from_level=Level(into - 1),
            to_level=Level(into),
            resources=tuple(r for r in resources if covers_step(r.from_level, r.to_level, into)),
        )
        for into in range(from_level + 1, to_level + 1)
    )


def uncovered_steps(required_level: int, spans: Iterable[tuple[int, int]]) -> list[int]:
    """The levels 1…`required_level` (each the top of a step “from level − 1”) that none of
    the from→to `spans` covers. Someone may start at any level below the requirement, so every
    step up to it needs a resource, not only the last one."""
    spans = list(spans)
    return [
        into
        for into in range(1, required_level + 1)
        if not any(covers_step(low, high, into) for low, high in spans)
    ]
