"""Roles to move to (`assessments.moves`): the best matches for a profile besides where the
person stands, never a role without enough answers, with O*NET's relatedness."""

from hypothesis import given
from hypothesis import strategies as st

from assessments.moves import SAME_OCCUPATION, Origin, moves, related_tiers
from assessments.ranking import MatrixRequirement, MatrixRole


def role(slug: str, *cells: tuple[str, int, int], onet: str = "", soc: str = "") -> MatrixRole:
    return MatrixRole(
        slug=slug,
        title=slug.title(),
        onet_code=onet,
        soc_code=soc,
        job_zone=None,
        median_pay=None,
        requirements=tuple(MatrixRequirement(s, s, level, imp) for s, level, imp in cells),
    )


HERE = role("here", ("talk", 3, 4), soc="43-4051")
SAME = role("same", ("talk", 3, 4), onet="43-4051.00", soc="43-4051")
NEAR = role("near", ("talk", 2, 4), onet="41-2011.00", soc="41-2011")
FAR = role("far", ("talk", 5, 4), onet="29-1248.00", soc="29-1248")
UNKNOWN = role("unknown", ("talk", 3, 3), ("science", 4, 5), onet="19-2012.00")
OWN = role("own", ("talk", 4, 4), soc="41-2011")
MATRIX = [HERE, SAME, NEAR, FAR, UNKNOWN, OWN]
ORIGIN = Origin("here", "", "43-4051")
RELATED = related_tiers([("41-2011.00", "primary-short", 1), ("29-1248.00", "supplemental", 14)])


def test_the_best_matches_come_first_without_the_role_the_person_stands_in():
    found = moves(MATRIX, {"talk": 3}, origin=ORIGIN, related=RELATED)
    # "same" and "near" both match 100 %: the one that asks the level the person has first.
    assert [m.role.slug for m in found] == ["same", "near", "own", "far"]
    assert "here" not in [m.role.slug for m in found]


def test_a_role_whose_key_skills_are_not_measured_is_never_offered():
    found = moves(MATRIX, {"talk": 5}, origin=ORIGIN, related=RELATED)
    assert "unknown" not in [m.role.slug for m in found]


def test_relatedness_comes_from_o_net_and_a_shared_soc_code_is_the_same_occupation():
    found = {
        m.role.slug: m.relatedness
        for m in moves(MATRIX, {"talk": 3}, origin=ORIGIN, related=RELATED)
    }
    assert found == {
        "same": SAME_OCCUPATION,
        "near": "primary-short",
        "far": "supplemental",
        "own": "primary-short",  # a role of ours, related by its SOC code
    }


def test_without_codes_on_the_origin_nothing_is_called_related():
    origin = Origin("here", "", "")
    found = moves(MATRIX, {"talk": 3}, origin=origin, related={})
    assert {m.relatedness for m in found} == {None}


def test_the_closest_tier_wins_when_o_net_relates_an_occupation_twice():
    tiers = related_tiers([("41-2011.00", "supplemental", 12), ("41-2011.01", "primary-long", 7)])
    assert tiers == {
        "41-2011.00": "supplemental",
        "41-2011.01": "primary-long",
        "41-2011": "primary-long",
    }


def test_overlap_is_the_share_of_the_targets_importance_that_is_measured():
    target = role("target", ("talk", 3, 4), ("write", 3, 1), onet="1", soc="")
    (found,) = moves([target], {"talk": 3}, origin=ORIGIN, related={})
    assert found.ranked.coverage_percent == 80.0
    assert found.ranked.match_percent == 100.0


def test_a_role_whose_skills_are_mostly_unmeasured_is_not_suggested():
    thin = role("thin", ("talk", 1, 4), ("weld", 2, 2), ("lift", 2, 1), onet="2", soc="")
    # a perfect match over 4 of 7 importance (57 %): too little known to suggest the move
    assert moves([thin], {"talk": 3}, origin=ORIGIN, related={}) == []
    (found,) = moves([thin], {"talk": 3, "weld": 2}, origin=ORIGIN, related={})  # 6 of 7
    assert found.ranked.coverage_percent == 85.7


many_roles = st.lists(
    st.builds(
        lambda n, level, imp: role(f"r{n}", ("talk", level, imp)),
        st.integers(0, 1000),
        st.integers(1, 5),
        st.integers(1, 5),
    ),
    unique_by=lambda r: r.slug,
)


@given(many_roles, st.integers(1, 5), st.integers(0, 12))
def test_at_most_the_limit_sorted_by_match(matrix, level, limit):
    found = moves(matrix, {"talk": level}, origin=Origin("r0", "", ""), related={}, limit=limit)
    assert len(found) <= limit
    assert "r0" not in [m.role.slug for m in found]
    matches = [m.ranked.match_percent for m in found]
    assert matches == sorted(matches, reverse=True)
    assert all(m.ranked.has_verdict and m.ranked.coverage_percent >= 75 for m in found)


def test_a_rung_below_on_the_persons_own_ladder_is_no_move_but_the_rung_above_is():
    junior = role("junior", ("talk", 2, 4), soc="43-4051")
    senior = role("senior", ("talk", 3, 4), ("listen", 2, 3), soc="43-4051")
    here = role("here", ("talk", 3, 4), soc="43-4051")
    found = moves([junior, here, senior, SAME], {"talk": 3, "listen": 2}, origin=ORIGIN, related={})
    # Junior asks nothing beyond this rung: a step back. The O*NET occupation stays.
    assert [m.role.slug for m in found] == ["same", "senior"]
