"""The counselor's group view: over the latest shared result of each client for each role,
how many are ready, which skills are most often lacking and by how much, and which
occupations most clients are closest to."""

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.cache import cache

from assessments.moves import MOVES_SHOWN
from assessments.ranking import MatrixRole
from assessments.ranking_matrix import moves_for_profile, requirement_matrix
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


@dataclass(frozen=True)
class CloseOccupation:
    role: MatrixRole
    clients: int  # clients for whom it is among the roles they could move to
    share_percent: float  # of all clients
    average_match: float  # over those clients


MOVES_CACHE_SECONDS = 24 * 60 * 60


def closest_occupations(
    rows: list[SharedRow], *, revision: int, top: int = MOVES_SHOWN
) -> list[CloseOccupation]:
    """The O*NET occupations that come up most often among the roles each client could move
    to (`assessments.moves`, from each latest result; a client with results for several roles
    counts once per occupation, with the best match). Most clients first, then the best
    average match.

    Ranking is per result and catalog revision, so it is cached under both and a group view
    costs one cache read however many clients: ranking ~900 occupations for each of hundreds
    of clients on every visit would take seconds."""
    keys = {f"client-moves:{row.result.pk}:{revision}": row for row in rows}
    found: dict[str, list[tuple[str, float]]] = cache.get_many(list(keys))
    missing = {}
    for key, row in keys.items():
        if key not in found:
            measured = {
                s["skill"]: s["measured_level"]
                for s in row.document["skills"]
                if s["measured_level"]
            }
            slug = row.document["assessment"]["role"]["slug"]
            found[key] = missing[key] = [
                (move.role.slug, move.ranked.match_percent or 0.0)
                for move in moves_for_profile(measured, slug, revision=revision, relatedness=False)
            ]
    cache.set_many(missing, MOVES_CACHE_SECONDS)
    best: dict[Hashable, dict[str, float]] = defaultdict(dict)  # client → slug → best match
    for key, row in keys.items():
        per_client = best[row.assessment.owner_id]
        for slug, match in found[key]:
            per_client[slug] = max(match, per_client.get(slug, 0.0))
    return summarize_closest(list(best.values()), requirement_matrix(revision), top=top)


def summarize_closest(
    per_client: list[dict[str, float]], matrix: Iterable[MatrixRole], *, top: int
) -> list[CloseOccupation]:
    """Per client (role slug → match), the occupations most clients share."""
    occupations = {role.slug: role for role in matrix if role.onet_code}
    matches: dict[str, list[float]] = defaultdict(list)
    for client in per_client:
        for slug, match in client.items():
            if slug in occupations:
                matches[slug].append(match)
    ranked = sorted(
        matches.items(),
        key=lambda item: (-len(item[1]), -sum(item[1]) / len(item[1]), occupations[item[0]].title),
    )
    return [
        CloseOccupation(
            role=occupations[slug],
            clients=len(values),
            share_percent=round(100 * len(values) / len(per_client), 1),
            average_match=round(sum(values) / len(values), 1),
        )
        for slug, values in ranked[:top]
    ]
