"""Which situations a questionnaire asks: the pure selection rules."""

from hypothesis import given
from hypothesis import strategies as st

from assessments.selection import (
    MAX_ITEMS,
    Item,
    Requirement,
    from_rung_below,
    merge_rungs,
    select_items,
)


def key(skill: str, level: int = 3, importance: int = 4) -> Requirement:
    return Requirement(skill=skill, required_level=level, importance=importance)


def test_a_key_skill_rated_at_the_required_level_gets_its_situation():
    chosen = select_items([key("empathy")], {"empathy": 3}, [Item("calm", "empathy")], rank=1)
    assert chosen == ("calm",)


def test_a_rating_below_the_requirement_is_not_checked():
    assert select_items([key("empathy")], {"empathy": 2}, [Item("calm", "empathy")], 1) == ()


def test_a_skill_of_importance_three_or_less_is_not_checked():
    requirement = key("empathy", importance=3)
    assert select_items([requirement], {"empathy": 5}, [Item("calm", "empathy")], 1) == ()


def test_an_unrated_skill_is_no_claim_unless_counting_the_upper_bound():
    items = [Item("calm", "empathy")]
    assert select_items([key("empathy")], {}, items, 1) == ()
    assert select_items([key("empathy")], {}, items, 1, claimed_unrated=True) == ("calm",)


def test_an_item_written_for_a_higher_rung_is_never_asked():
    items = [Item("calm", "empathy"), Item("as-team-lead", "empathy", min_rank=3)]
    assert select_items([key("empathy")], {"empathy": 4}, items, rank=2) == ("calm",)
    assert select_items([key("empathy")], {"empathy": 4}, items, rank=3) == ("as-team-lead",)


def test_the_item_written_for_the_highest_rung_that_fits_is_preferred():
    items = [
        Item("calm", "empathy"),
        Item("as-lead", "empathy", 3),
        Item("as-manager", "empathy", 5),
    ]
    assert select_items([key("empathy")], {"empathy": 4}, items, rank=4) == ("as-lead",)


def test_one_item_per_skill_the_first_in_catalog_order():
    items = [Item("first", "empathy"), Item("second", "empathy")]
    assert select_items([key("empathy")], {"empathy": 5}, items, 1) == ("first",)


def test_at_most_ten_the_most_important_first_then_skill_order_returned_in_skill_order():
    requirements = [key(f"s{n}", importance=4) for n in range(12)] + [
        key("essential", importance=5)
    ]
    ratings = {r.skill: 5 for r in requirements}
    items = [Item(f"item-{r.skill}", r.skill) for r in requirements]
    chosen = select_items(requirements, ratings, items, 1)
    assert len(chosen) == MAX_ITEMS
    assert chosen == tuple([f"item-s{n}" for n in range(9)] + ["item-essential"])


def test_the_rung_below_adds_its_key_skills_from_its_own_lower_level():
    target = [key("empathy", level=4), key("coaching", level=4)]
    below = [key("empathy", level=3), key("typing", level=2, importance=2)]
    merged = merge_rungs(target, below)
    assert merged == [
        key("empathy", level=3),
        key("coaching", level=4),
        key("typing", level=2, importance=2),
    ]


def test_a_level_only_a_minor_rung_asks_does_not_lower_a_key_claim():
    merged = merge_rungs([key("empathy", level=4)], [key("empathy", level=2, importance=2)])
    assert merged == [key("empathy", level=4, importance=4)]


skills = st.lists(st.sampled_from([f"s{n}" for n in range(15)]), unique=True, max_size=15)


@st.composite
def situations(draw):
    slugs = draw(skills)
    requirements = [
        Requirement(
            skill=slug,
            required_level=draw(st.integers(1, 5)),
            importance=draw(st.integers(1, 5)),
        )
        for slug in slugs
    ]
    ratings = {
        slug: level for slug in slugs if (level := draw(st.none() | st.integers(1, 5))) is not None
    }
    items = [
        Item(slug=f"{skill}-{n}", skill=skill, min_rank=draw(st.integers(1, 6)))
        for skill in slugs
        for n in range(draw(st.integers(0, 3)))
    ]
    return requirements, ratings, items, draw(st.integers(1, 6))


@given(situations())
def test_the_selection_keeps_every_rule_whatever_the_answers(case):
    requirements, ratings, items, rank = case
    chosen = select_items(requirements, ratings, items, rank)
    by_slug = {item.slug: item for item in items}
    by_skill = {r.skill: r for r in requirements}
    chosen_skills = [by_slug[slug].skill for slug in chosen]
    assert len(chosen) <= MAX_ITEMS
    assert len(set(chosen_skills)) == len(chosen_skills)  # at most one per skill
    for slug in chosen:
        item = by_slug[slug]
        requirement = by_skill[item.skill]
        assert item.min_rank <= rank  # never above the person's rung
        assert requirement.importance >= 4
        assert ratings[item.skill] >= requirement.required_level
    # Deterministic, and in questionnaire order.
    assert select_items(requirements, dict(ratings), list(items), rank) == chosen
    order = [r.skill for r in requirements]
    assert chosen_skills == sorted(chosen_skills, key=order.index)


@given(situations())
def test_the_upper_bound_is_never_below_the_selection(case):
    requirements, ratings, items, rank = case
    chosen = set(select_items(requirements, ratings, items, rank))
    bound = select_items(requirements, ratings, items, rank, claimed_unrated=True)
    assert len(bound) >= len(chosen)
    if len(bound) < MAX_ITEMS:
        assert chosen <= set(bound)


def test_a_questionnaire_asks_at_most_its_own_cap_of_items_the_most_important_first():
    requirements = [key(f"skill-{n}", importance=4 + (n % 2)) for n in range(12)]
    ratings = {f"skill-{n}": 5 for n in range(12)}
    items = [Item(f"item-{n}", f"skill-{n}") for n in range(12)]
    chosen = select_items(requirements, ratings, items, 1, limit=6)
    assert chosen == tuple(f"item-{n}" for n in range(12) if n % 2)
    assert len(select_items(requirements, ratings, items, 1, limit=20)) == MAX_ITEMS


def test_the_rung_below_adds_only_its_key_skills():
    assert from_rung_below(key("empathy", importance=4))
    assert not from_rung_below(key("empathy", importance=3))
