"""The crosswalk rule (`careers.crosswalk`): measured levels on one side give levels on the
other; the heaviest measured links decide, and nothing unmeasured is ever given a level."""

from hypothesis import given
from hypothesis import strategies as st

from careers.crosswalk import Direction, Link, profile_across, translate_levels

SPEAKING, WRITING, PERSUASION = "onet-speaking", "onet-writing", "onet-persuasion"
LINKS = [
    Link("verbal-communication", SPEAKING, 3),
    Link("multilingual", SPEAKING, 1),
    Link("executive-communication", SPEAKING, 1),
    Link("written-communication", WRITING, 3),
    Link("email-support", WRITING, 3),
    Link("executive-communication", PERSUASION, 2),
]


def to_onet(measured: dict[str, int]) -> dict[str, int]:
    return translate_levels(measured, LINKS, Direction.OURS_TO_ONET)


def test_a_skill_that_is_the_same_carries_its_level_across():
    assert to_onet({"verbal-communication": 4}) == {SPEAKING: 4}


def test_a_lighter_link_neither_lowers_nor_raises_a_heavier_measured_one():
    assert to_onet({"verbal-communication": 4, "multilingual": 1})[SPEAKING] == 4
    assert to_onet({"verbal-communication": 2, "multilingual": 5})[SPEAKING] == 2


def test_lighter_links_fill_in_when_no_heavier_source_was_measured():
    assert to_onet({"multilingual": 2, "executive-communication": 5})[SPEAKING] == 4  # 3.5 up


def test_sources_of_the_same_weight_are_averaged_and_halves_round_up():
    assert to_onet({"written-communication": 2, "email-support": 3})[WRITING] == 3
    assert to_onet({"written-communication": 4, "email-support": 5})[WRITING] == 5
    assert to_onet({"written-communication": 2, "email-support": 4})[WRITING] == 3


def test_a_target_with_no_measured_source_is_not_assessed_rather_than_given_a_level():
    assert to_onet({"verbal-communication": 3}) == {SPEAKING: 3}
    assert to_onet({}) == {}
    assert to_onet({"unlinked-skill": 5}) == {}


def test_the_same_links_read_backwards_give_our_levels_from_onet_ones():
    ours = translate_levels({SPEAKING: 4, PERSUASION: 2}, LINKS, Direction.ONET_TO_OURS)
    assert ours == {
        "verbal-communication": 4,
        "multilingual": 4,
        # weight 2 from Persuasion beats weight 1 from Speaking
        "executive-communication": 2,
    }


def test_a_profile_across_keeps_direct_measurements_and_never_translates_twice():
    profile = profile_across({"verbal-communication": 2, SPEAKING: 5}, LINKS)
    assert profile[SPEAKING] == 5  # measured directly
    assert profile["verbal-communication"] == 2  # measured directly
    assert profile["multilingual"] == 5  # from the measured Speaking
    # Writing has no measured source on either side
    assert WRITING not in profile and "written-communication" not in profile


levels = st.integers(min_value=1, max_value=5)
ours_slugs = st.sampled_from([f"ours-{n}" for n in range(6)])
onet_slugs = st.sampled_from([f"onet-{n}" for n in range(4)])
links_strategy = st.lists(
    st.builds(Link, ours_slugs, onet_slugs, st.integers(min_value=1, max_value=3)),
    unique_by=lambda link: (link.ours, link.onet),
)
profiles = st.dictionaries(ours_slugs, levels)


@given(links_strategy, profiles)
def test_every_result_lies_between_the_levels_of_the_sources_that_reach_it(links, measured):
    for target, level in to_onet_with(links, measured).items():
        sources = [
            measured[link.ours] for link in links if link.onet == target and link.ours in measured
        ]
        assert min(sources) <= level <= max(sources)


@given(links_strategy, profiles)
def test_only_targets_with_a_measured_source_get_a_level(links, measured):
    reached = {link.onet for link in links if link.ours in measured}
    assert set(to_onet_with(links, measured)) == reached


@given(links_strategy, profiles, ours_slugs)
def test_raising_a_measured_level_never_lowers_any_result(links, measured, raised):
    if measured.get(raised, 5) == 5:
        return
    higher = {**measured, raised: measured[raised] + 1}
    before, after = to_onet_with(links, measured), to_onet_with(links, higher)
    assert set(before) == set(after)
    assert all(after[target] >= before[target] for target in before)


@given(links_strategy, profiles)
def test_the_order_of_the_links_does_not_matter(links, measured):
    assert to_onet_with(links, measured) == to_onet_with(list(reversed(links)), measured)


def to_onet_with(links: list[Link], measured: dict[str, int]) -> dict[str, int]:
    return translate_levels(measured, links, Direction.OURS_TO_ONET)
