"""The rules that put O*NET's ratings on our scales (`careers.onet.mapping`): plain functions
over plain values, no database."""

from decimal import Decimal

import pytest

from careers import levels
from careers.onet import mapping
from careers.onet.mapping import (
    NOT_RELEVANT,
    SUPPRESSED,
    LeftOut,
    OnetRating,
    element_order,
    five_anchors,
    five_short_anchors,
    group_of,
    our_importance,
    our_level,
    rating_or_left_out,
    skill_groups,
)


@pytest.mark.parametrize(
    ("onet_level", "level"),
    [
        ("0", 0),
        ("0.69", 0),
        ("0.70", 1),
        ("2.09", 1),
        ("2.10", 2),
        ("3.50", 3),
        ("4.90", 4),
        ("6.29", 4),
        ("6.30", 5),
        ("7", 5),
        ("7.5", 5),
    ],
)
def test_levels_map_from_0_7_onto_0_5_with_halves_up(onet_level, level):
    assert our_level(Decimal(onet_level)) == level


@pytest.mark.parametrize(
    ("onet_importance", "importance"),
    [("0.4", 1), ("1", 1), ("2.49", 2), ("2.50", 3), ("4.50", 5), ("5.2", 5)],
)
def test_importance_rounds_halves_up_within_1_to_5(onet_importance, importance):
    assert our_importance(Decimal(onet_importance)) == importance


def test_our_levels_without_an_onet_anchor_are_described_from_their_neighbours():
    anchors = five_anchors({Decimal(0): "Nothing", Decimal(4): "Middle.", Decimal(7): "Top"}, "X")
    assert anchors == (
        "Working towards “Middle”.",
        "Working towards “Middle”.",
        "Middle.",
        "Between “Middle” and “Top”.",
        "Top",
    )
    assert five_anchors({}, "Writing")[2] == (
        "Writing at level 3 of 5 (O*NET gives no example for this skill)."
    )


def test_short_anchors_are_the_examples_and_where_other_levels_lie_among_them():
    shorts = five_short_anchors({Decimal(0): "Nothing", Decimal(4): "Middle", Decimal(7): "Top"})
    assert shorts == (
        "Working towards the level 3 example.",
        "Working towards the level 3 example.",
        "Middle",
        "Between the level 3 and level 5 examples.",
        "Top",
    )
    assert five_short_anchors({Decimal(2): "Low"})[4] == "Beyond the level 1 example."
    assert five_short_anchors({})[2] == "Level 3 of 5 (O*NET gives no example)."


def test_an_example_too_long_for_a_label_gets_our_shorter_wording():
    long = "Direct the activities of a road repair crew with minimal disruption of traffic flow"
    shorts = five_short_anchors({Decimal(4): long})
    assert shorts[2] == "Direct a road repair crew while keeping traffic moving"
    assert five_anchors({Decimal(4): long}, "X")[2] == long  # the full text stays O*NET's


def test_two_anchors_on_one_of_our_levels_keep_the_nearer_one():
    # 1 and 2 both land on our level 1 (1.4 on O*NET's scale); 1 is nearer.
    assert five_anchors({Decimal(1): "One", Decimal(2): "Two"}, "X")[0] == "One"


def test_the_mapping_targets_the_scales_the_catalog_uses():
    assert (mapping.NOT_REQUIRED, mapping.MIN_LEVEL, mapping.MAX_LEVEL) == (
        levels.Level.NOT_REQUIRED,
        levels.MIN_LEVEL,
        levels.MAX_LEVEL,
    )
    assert min(levels.Importance) == mapping.MIN_IMPORTANCE
    assert max(levels.Importance) == mapping.MAX_IMPORTANCE


def test_a_rating_is_put_on_our_scales_unless_marked_not_relevant_or_suppressed():
    def rate(**flags: bool) -> OnetRating | LeftOut:
        values = {"not_relevant": False, "suppressed": False, **flags}
        return rating_or_left_out(
            "2.A.1.b",
            "Active Listening",
            onet_level=Decimal("4.12"),
            onet_importance=Decimal("4.50"),
            **values,
        )

    assert rate() == OnetRating("2.A.1.b", required_level=3, importance=5)
    assert rate(not_relevant=True) == LeftOut("2.A.1.b", "Active Listening", NOT_RELEVANT)
    assert rate(suppressed=True) == LeftOut("2.A.1.b", "Active Listening", SUPPRESSED)
    assert rate(not_relevant=True, suppressed=True).reason == NOT_RELEVANT


@pytest.mark.parametrize(
    ("element_id", "group_id"),
    [("2.A.1.b", "2.A"), ("2.B.1.a", "2.B.1"), ("2.B.3.e", "2.B.3"), ("2.C.1.a", "2")],
)
def test_a_skill_belongs_to_the_most_specific_group_or_else_the_catch_all(element_id, group_id):
    assert group_of(element_id) == group_id


def test_element_ids_sort_with_their_numbers_compared_as_numbers():
    assert sorted(["2.A.10.a", "2.A.2.a", "2.A.1.b"], key=element_order) == [
        "2.A.1.b",
        "2.A.2.a",
        "2.A.10.a",
    ]


def test_groups_keep_their_slugs_whatever_the_release_calls_them():
    groups = skill_groups({"2.B.2": ("Complex Problem Solving Skills", "Solving novel problems.")})

    renamed = groups["2.B.2"]
    assert (renamed.slug, renamed.name, renamed.description, renamed.position) == (
        "onet-complex-problem-solving",
        "Complex Problem Solving Skills",
        "Solving novel problems.",
        3,
    )
    assert groups["2.A"].name == "Basic Skills"
    assert (groups["2"].slug, groups["2"].position) == ("onet-other-skills", 7)


def test_the_sentences_for_levels_without_an_anchor_can_be_translated():
    french = {mapping.BELOW_LOWEST_ANCHOR: "Vers « %(anchor)s »."}
    anchors = five_anchors(
        {Decimal(4): "Middle."}, "X", translate=lambda message: french.get(message, message)
    )
    assert anchors[:2] == ("Vers « Middle ».", "Vers « Middle ».")
    assert anchors[3] == "Beyond “Middle”."
