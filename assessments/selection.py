"""Which situations a questionnaire asks: "let's check your strongest claims".

A situation (scenario item) is worth a person's minute only where its answer can change the
verdict. The rules, in order:

1. **Key skills only**: importance 4–5 (`KEY_IMPORTANCE`). A minor skill's gap moves the
   verdict too little to check.
2. **Claims that reach the requirement**: the self-rating is at least the required level. A
   rating below it is already a gap; checking it could only confirm it. An unrated skill is
   no claim (the situations page comes after the ratings).
3. **Items that fit the rung**: an item names the lowest rank it fits (`Item.min_rank`); one
   above the person's rung ("as team lead, …") is never asked.
4. **At most one item per skill**: the one written for the highest rung that still fits
   (an item written for team leads tells more about a team lead than a generic one), then
   the first in catalog order.
5. **As many as fit in fifteen minutes**: a questionnaire asks at most `limit` items, the
   situations that fit in the time its self-ratings leave of a first assessment's fifteen
   minutes (`assessments.length.situations_that_fit`: 5 to `MAX_ITEMS`, the same for every
   person and every attempt of that questionnaire); the most important skills first, then
   catalog (skill) order.
6. **Deterministic**: the same requirements, ratings and items always give the same items,
   returned in questionnaire (skill) order.

Skills without a chosen item are "self-rated only"; scoring already treats them so.

What a questionnaire covering the target and the rung below asks: every skill the target
requires, and of the rung below only its key skills (`from_rung_below`). The shared skills are
asked once; the rung below's minor skills (importance ≤ 3) are not asked, because a rung's
verdict needs only its key skills assessed (scoring's rule 1): the rung below still gets a
verdict, its coverage under 100 %. An extension to another rung asks everything that rung
adds.

For the length estimate before the ratings are given, `claimed_unrated=True` counts every
unrated key skill as a claim: the most items the selection can still choose (its upper
bound), which is what a first-time person is told to expect.

Pure: plain data in, plain data out, no ORM.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assessments.length import MOST_SITUATIONS

KEY_IMPORTANCE = 4
MAX_ITEMS = MOST_SITUATIONS


@dataclass(frozen=True)
class Requirement:
    """One skill a rung requires, as the selection needs it."""

    skill: str  # slug
    required_level: int  # 1–5
    importance: int  # 1–5


@dataclass(frozen=True)
class Item:
    slug: str
    skill: str  # slug
    min_rank: int = 1  # the lowest rung it fits; 1 fits every rung


def is_key(requirement: Requirement) -> bool:
    return requirement.importance >= KEY_IMPORTANCE


def from_rung_below(requirement: Requirement) -> bool:
    """Whether a questionnaire asks a skill of the rung below that the target does not
    require: only a key one."""
    return is_key(requirement)


def select_items(
    requirements: Sequence[Requirement],
    ratings: Mapping[str, int],
    items: Iterable[Item],
    rank: int,
    *,
    claimed_unrated: bool = False,
    limit: int = MAX_ITEMS,
) -> tuple[str, ...]:
    """The slugs of the items to ask, in the order of `requirements` (questionnaire order).

    `requirements` are in catalog order, one per skill; `ratings` maps skill slug → self-rated
    level; `items` are in catalog order; `rank` is the person's rung; `limit` the most items
    this questionnaire asks (never above `MAX_ITEMS`).
    """
    best: dict[str, Item] = {}
    for item in items:
        if item.min_rank > rank:
            continue
        chosen_so_far = best.get(item.skill)
        if chosen_so_far is None or item.min_rank > chosen_so_far.min_rank:
            best[item.skill] = item
    first_fitting = {skill: item.slug for skill, item in best.items()}
    candidates = [
        (index, requirement)
        for index, requirement in enumerate(requirements)
        if is_key(requirement)
        and requirement.skill in first_fitting
        and _claims(requirement, ratings, claimed_unrated=claimed_unrated)
    ]
    by_priority = sorted(candidates, key=lambda pair: (-pair[1].importance, pair[0]))
    chosen = sorted(by_priority[: min(limit, MAX_ITEMS)], key=lambda pair: pair[0])
    return tuple(first_fitting[requirement.skill] for _, requirement in chosen)


def _claims(requirement: Requirement, ratings: Mapping[str, int], *, claimed_unrated: bool) -> bool:
    level = ratings.get(requirement.skill)
    if level is None:
        return claimed_unrated
    return level >= requirement.required_level


def merge_rungs(*rungs: Sequence[Requirement]) -> list[Requirement]:
    """One requirement per skill for a questionnaire covering several rungs (the target and
    the rung below), in first-seen order: a skill is key if it is key on any rung, and a claim
    is checked from the lowest level a rung where it is key requires (reaching that level
    already decides that rung's verdict)."""
    merged: dict[str, Requirement] = {}
    for rung in rungs:
        for requirement in rung:
            seen = merged.get(requirement.skill)
            if seen is None:
                merged[requirement.skill] = requirement
                continue
            merged[requirement.skill] = _merged(seen, requirement)
    return list(merged.values())


def _merged(one: Requirement, other: Requirement) -> Requirement:
    keys = [r for r in (one, other) if is_key(r)]
    level_from = keys or [one, other]
    return Requirement(
        skill=one.skill,
        required_level=min(r.required_level for r in level_from),
        importance=max(one.importance, other.importance),
    )
