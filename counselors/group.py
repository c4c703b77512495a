"""The counselor's group view: over the latest shared result of each client for each role,
how many are ready, and which skills are most often lacking and by how much."""

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from assessments.scoring import Verdict

T = TypeVar("T")


@dataclass(frozen=True)
class SharedRow:
    assessment: Any
    result: Any  # its latest Result

    @property
    def document(self) -> dict:
        return self.result.document


@dataclass
class RoleSummary:
    role: Any
    clients: int = 0
    verdicts: Counter = field(default_factory=Counter)

    @property
    def verdict_counts(self) -> list[tuple[Verdict, int]]:
        """How many clients got each verdict, in the order of the scale (none counts 0)."""
        return [(verdict, self.verdicts[verdict]) for verdict in Verdict]


@dataclass(frozen=True)
class LackingSkill:
    name: str
    clients: int
    share_percent: float
    average_gap: float


def newest_per_client_and_role(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    """Items newest first → the first, so the newest, of each client and role (`key`)."""
    seen, newest = set(), []
    for item in items:
        if (client_and_role := key(item)) not in seen:
            seen.add(client_and_role)
            newest.append(item)
    return newest


def latest_per_client_and_role(assessments) -> list[SharedRow]:
    """Assessments newest first (with their results prefetched) → one row per client and role."""
    newest = newest_per_client_and_role(assessments, key=lambda a: (a.owner_id, a.role_id))
    return [SharedRow(assessment, assessment.results.all()[0]) for assessment in newest]


def group_summary(rows: list[SharedRow], top: int = 10) -> dict:
    by_role: dict = {}
    gaps: dict[str, list[int]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in rows:
        summary = by_role.setdefault(row.assessment.role_id, RoleSummary(row.assessment.role))
        summary.clients += 1
        summary.verdicts[row.document["verdict"]] += 1
        for skill in row.document["skills"]:
            if skill["gap"]:  # None: not assessed, never a gap
                gaps[skill["skill"]].append(skill["gap"])
                names[skill["skill"]] = skill["name"]
    lacking = sorted(
        (
            LackingSkill(
                name=names[slug],
                clients=len(values),
                share_percent=round(100 * len(values) / len(rows), 1),
                average_gap=round(sum(values) / len(values), 1),
            )
            for slug, values in gaps.items()
        ),
        key=lambda skill: (-skill.clients, -skill.average_gap, skill.name),
    )
    return {
        "results": len(rows),
        "roles": sorted(by_role.values(), key=lambda s: (s.role.track_id, s.role.rank)),
        "lacking": lacking[:top],
    }
