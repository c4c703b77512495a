"""The crosswalk between the catalog's own skills and O*NET's 35: a person's measured levels
on one side turned into levels on the other. Plain Python, no ORM; the links come from
`CrosswalkLink.objects.as_links()` (admin-editable, shipped in `fixtures/crosswalk.json`).

A link says that one of our skills informs one O*NET skill, with a weight:

3 — the same skill (verbal communication → Speaking);
2 — a large part of it (coaching and mentoring → Instructing);
1 — a part of it (multitasking → Coordination).

Both sides are on the catalog's 1–5 scale (O*NET's own levels are mapped onto it on import,
`docs/CATALOG_IMPORT.md`), so a level crosses over as it is; only how several sources combine
needs a rule.

How several sources combine
    A target skill takes the mean of the measured levels of its sources **of the greatest
    weight measured**, rounded half up. Weaker links only fill in when no stronger source was
    measured: "Speaking" comes from verbal communication alone when that was measured, and a
    low rating of multilingual communication (weight 1) neither lowers it nor raises it.
    A plain mean would let a narrow, weakly linked skill drag a broad one down; the maximum
    would let it lift it. With this rule the result always lies between the lowest and the
    highest level of the sources it used, and raising any measured level never lowers any
    result (which sources count depends only on which were measured, not on their levels).

Not assessed, never met
    A target with no measured source gets no level at all: it stays out of the result, so the
    scoring and the ranking treat it as not assessed. Nothing is ever guessed.

Direction
    The same rule works both ways: our levels to O*NET's (a customer-service result ranked
    against every occupation) and O*NET's to ours (the 35-skill questionnaire prefilling a
    customer-service one).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from math import floor

MIN_WEIGHT = 1
MAX_WEIGHT = 3


@dataclass(frozen=True)
class Link:
    """One row of the crosswalk: `ours` (a catalog skill slug) informs `onet` (the slug of
    an imported O*NET skill) with `weight` 1–3."""

    ours: str
    onet: str
    weight: int


class Direction(Enum):
    OURS_TO_ONET = "ours-to-onet"
    ONET_TO_OURS = "onet-to-ours"


def translate_levels(
    measured: Mapping[str, int], links: Iterable[Link], direction: Direction
) -> dict[str, int]:
    """The levels `measured` (skill slug → level 1–5 on the source side) imply on the other
    side of `links`, by the rule in the module docstring: target slug → level. Targets with no
    measured source are left out (not assessed)."""
    # target → (greatest weight measured so far, the levels measured at that weight)
    best: dict[str, tuple[int, list[int]]] = {}
    for link in links:
        source, target = (
            (link.ours, link.onet)
            if direction is Direction.OURS_TO_ONET
            else (link.onet, link.ours)
        )
        level = measured.get(source)
        if level is None:
            continue
        weight, levels = best.get(target, (0, []))
        if link.weight > weight:
            best[target] = (link.weight, [level])
        elif link.weight == weight:
            levels.append(level)
    return {target: _round_half_up(sum(lv) / len(lv)) for target, (_, lv) in best.items()}


def profile_across(measured: Mapping[str, int], links: Iterable[Link]) -> dict[str, int]:
    """A profile measured on either side (or both) completed across the crosswalk in both
    directions: every skill measured directly keeps its level, and every other skill the
    crosswalk reaches from a *directly measured* one gets the translated level. Nothing is
    translated twice (ours → O*NET → ours), so no level is inferred from an inference."""
    links = tuple(links)
    translated = {
        **translate_levels(measured, links, Direction.ONET_TO_OURS),
        **translate_levels(measured, links, Direction.OURS_TO_ONET),
    }
    return {**translated, **measured}


def _round_half_up(value: float) -> int:
    # Python's round() rounds halves to even (3.5 → 4 but 2.5 → 2); a level should not
    # depend on parity.
    return floor(value + 0.5)
