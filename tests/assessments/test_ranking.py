"""Ranking every role for one profile: the properties the ranking promises, and that it agrees
with scoring's rules (`assessments.scoring.score_role`) on any profile."""

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.ranking import (
    GAPS_SHOWN,
    MAX_ZONE_STEP,
    RELATEDNESS_ORDER,
    SAME_OCCUPATION,
    STRONG_COVERAGE_PERCENT,
    UNRELATED,
    MatrixRequirement,
    MatrixRole,
    Ranked,
    Standpoint,
    rank,
)
from assessments.scoring import (
    KEY_IMPORTANCE,
    VERDICT_ORDER,
    AnswerInput,
    RequirementInput,
    Verdict,
    score_role,
)

SKILLS = [f"skill-{n}" for n in range(8)]
levels = st.integers(min_value=1, max_value=5)
zones = st.integers(min_value=1, max_value=5)
SOC_CODES = ["", "43-4051", "41-2011", "43-1011", "29-1141"]


@st.composite
def roles(draw, slug: str = "role") -> MatrixRole:
    skills = draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=len(SKILLS), unique=True))
    soc = draw(st.sampled_from(SOC_CODES))
    return MatrixRole(
        slug=slug,
        title=slug.title(),
        onet_code=f"{soc}.00" if soc and draw(st.booleans()) else "",
        soc_code=soc,
        job_zone=draw(st.one_of(st.none(), zones)),
        median_pay=draw(st.one_of(st.none(), st.integers(10_000, 200_000))),
        requirements=tuple(
            MatrixRequirement(skill, skill.title(), draw(levels), draw(levels)) for skill in skills
        ),
    )


matrices = st.lists(roles(), min_size=1, max_size=6).map(
    lambda rows: tuple(
        MatrixRole(
            f"role-{n}",
            f"Role {n}",
            r.onet_code,
            r.soc_code,
            r.job_zone,
            r.median_pay,
            r.requirements,
        )
        for n, r in enumerate(rows)
    )
)
profiles = st.dictionaries(st.sampled_from(SKILLS), levels)
# Where the person stands: a Job Zone (or none), a SOC code and O*NET's tiers for some codes.
standpoints = st.builds(
    Standpoint,
    job_zone=st.one_of(st.none(), zones),
    soc_code=st.sampled_from(SOC_CODES),
    related=st.dictionaries(
        st.sampled_from([c for c in SOC_CODES if c] + [f"{c}.00" for c in SOC_CODES if c]),
        st.sampled_from(["primary-short", "primary-long", "supplemental"]),
    ),
)


def by_slug(ranked: list[Ranked]) -> dict[str, Ranked]:
    return {r.role.slug: r for r in ranked}


@given(roles())
def test_meeting_every_requirement_ranks_a_role_at_100_percent(role):
    profile = {r.skill_slug: r.required_level for r in role.requirements}
    (ranked,) = rank([role], profile)
    assert ranked.match_percent == 100.0
    assert ranked.coverage_percent == 100.0
    assert ranked.verdict == Verdict.READY
    assert ranked.gaps == ()


@given(matrices, profiles, st.sampled_from(SKILLS))
def test_raising_a_rating_never_lowers_any_match(matrix, profile, skill):
    before = by_slug(rank(matrix, profile))
    if profile.get(skill, 1) == 5:
        return
    raised = {**profile, skill: profile.get(skill, 0) + 1} if skill in profile else profile
    after = by_slug(rank(matrix, raised))
    for slug, ranked in after.items():
        assert (ranked.match_percent or 0) >= (before[slug].match_percent or 0)


@given(roles(), profiles)
def test_a_role_whose_key_skills_are_unassessed_is_not_enough_answers_never_a_match(role, profile):
    keys = {r.skill_slug for r in role.requirements if r.importance >= KEY_IMPORTANCE}
    if not keys:
        return
    profile = {skill: level for skill, level in profile.items() if skill not in keys}
    (ranked,) = rank([role, *()], profile)
    assert ranked.verdict == Verdict.NOT_ASSESSED
    assert not ranked.has_verdict


@given(matrices, profiles, standpoints)
def test_roles_with_a_verdict_come_first_then_the_strong_suggestions(matrix, profile, standpoint):
    ranked = rank(matrix, profile, standpoint=standpoint)
    bands = [(r.has_verdict, r.is_strong) for r in ranked]
    assert bands == sorted(bands, reverse=True)
    for r in ranked:
        assert r.is_strong == (
            r.has_verdict
            and r.coverage_percent >= STRONG_COVERAGE_PERCENT
            and (r.zone_step is None or abs(r.zone_step) <= MAX_ZONE_STEP)
        )


@given(matrices, profiles, standpoints)
def test_a_role_two_job_zones_up_never_comes_before_a_strong_suggestion(
    matrix, profile, standpoint
):
    ranked = rank(matrix, profile, standpoint=standpoint)
    first_beyond = next((n for n, r in enumerate(ranked) if r.beyond_reach), len(ranked))
    assert not any(r.is_strong for r in ranked[first_beyond:])
    for r in ranked:
        assert r.beyond_reach == (r.zone_step is not None and r.zone_step >= 2)


def same_band(earlier: Ranked, later: Ranked) -> bool:
    return (earlier.has_verdict, earlier.is_strong, earlier.verdict) == (
        later.has_verdict,
        later.is_strong,
        later.verdict,
    )


def fit(r: Ranked) -> tuple[int, tuple[int, bool], float]:
    """Relatedness, Job Zone step (own, one up, one down, …; unknown last), closeness."""
    step = (9, False) if r.zone_step is None else (abs(r.zone_step), r.zone_step < 0)
    return (RELATEDNESS_ORDER.get(r.relatedness or "", UNRELATED), step, r.closeness)


@given(matrices, profiles, standpoints)
def test_in_each_band_the_better_verdict_comes_first(matrix, profile, standpoint):
    ranked = [r for r in rank(matrix, profile, standpoint=standpoint) if r.has_verdict]
    for earlier, later in pairwise(ranked):
        if earlier.is_strong == later.is_strong:
            assert VERDICT_ORDER[earlier.verdict] >= VERDICT_ORDER[later.verdict]


@given(matrices, profiles, standpoints)
def test_short_of_ready_the_higher_match_comes_first_then_the_better_fit(
    matrix, profile, standpoint
):
    ranked = [r for r in rank(matrix, profile, standpoint=standpoint) if r.has_verdict]
    for earlier, later in pairwise(ranked):
        if same_band(earlier, later) and earlier.verdict != Verdict.READY:
            assert earlier.match_percent >= later.match_percent
            if earlier.match_percent == later.match_percent:
                assert fit(earlier) <= fit(later)


@given(matrices, profiles, standpoints)
def test_among_ready_roles_the_related_then_the_nearer_zone_then_the_closer_comes_first(
    matrix, profile, standpoint
):
    ranked = [r for r in rank(matrix, profile, standpoint=standpoint) if r.has_verdict]
    for earlier, later in pairwise(ranked):
        if same_band(earlier, later) and earlier.verdict == Verdict.READY:
            assert fit(earlier) <= fit(later)
            if fit(earlier) == fit(later):
                assert earlier.match_percent >= later.match_percent


@given(matrices, profiles)
def test_without_a_standpoint_ready_roles_come_nearest_first_and_the_others_by_match(
    matrix, profile
):
    ranked = [r for r in rank(matrix, profile) if r.has_verdict]
    assert {(r.relatedness, r.zone_step) for r in ranked} <= {(None, None)}
    for earlier, later in pairwise(ranked):
        if same_band(earlier, later):
            if earlier.verdict == Verdict.READY:
                assert earlier.closeness <= later.closeness
            else:
                assert earlier.match_percent >= later.match_percent


@given(matrices, profiles, standpoints)
def test_relatedness_is_the_same_occupation_by_soc_code_else_o_nets_tier(
    matrix, profile, standpoint
):
    for r in rank(matrix, profile, standpoint=standpoint):
        if standpoint.soc_code and r.role.soc_code == standpoint.soc_code:
            assert r.relatedness == SAME_OCCUPATION
        elif r.role.onet_code:
            assert r.relatedness == standpoint.related.get(r.role.onet_code)
        else:
            assert r.relatedness == (
                standpoint.related.get(r.role.soc_code) if r.role.soc_code else None
            )
        known = standpoint.job_zone is not None and r.role.job_zone is not None
        assert r.zone_step == (r.role.job_zone - standpoint.job_zone if known else None)


def matrix_role(slug: str, title: str, **required: int) -> MatrixRole:
    return MatrixRole(
        slug=slug,
        title=title,
        onet_code="",
        soc_code="",
        job_zone=None,
        median_pay=None,
        requirements=tuple(
            MatrixRequirement(skill, skill.title(), level, KEY_IMPORTANCE)
            for skill, level in required.items()
        ),
    )


def test_a_role_that_asks_far_less_than_the_person_has_does_not_top_the_list():
    """A customer-service associate (speaking, listening, service at 3) meets every
    requirement of a role that asks little of two of them and of one that asks just what
    they have: both 100 %, both fully covered. The one that uses their skills comes first
    (before closeness, the title decided, and 'Aa' roles like Models came first)."""
    asks_little = matrix_role("asks-little", "Aa asks little", speaking=1, listening=2)
    fits = matrix_role("fits", "Zz fits", speaking=3, listening=3, service=3)
    person = {"speaking": 3, "listening": 3, "service": 3}
    ranked = rank([asks_little, fits], person)
    assert [r.match_percent for r in ranked] == [100.0, 100.0]
    assert [r.coverage_percent for r in ranked] == [100.0, 100.0]
    assert [r.role.slug for r in ranked] == ["fits", "asks-little"]
    assert [r.closeness for r in ranked] == [0.0, 1.5]


@given(matrices, profiles, st.one_of(st.none(), st.integers(10_000, 200_000)))
def test_desirable_only_with_both_wages_known_and_at_least_75_percent(matrix, profile, current):
    for ranked in rank(matrix, profile, current_median_pay=current):
        pay = ranked.role.median_pay
        assert ranked.desirable == (
            pay is not None and current is not None and pay >= 0.75 * current
        )


@settings(max_examples=200)
@given(roles(), profiles)
def test_the_ranking_agrees_with_scoring_on_match_coverage_verdict_and_gaps(role, profile):
    (ranked,) = rank([role], profile)
    scored = score_role(
        [
            RequirementInput(r.skill_slug, r.skill_name, "", r.required_level, r.importance)
            for r in role.requirements
        ],
        {skill: AnswerInput(self_rating=level) for skill, level in profile.items()},
    )
    assert ranked.match_percent == scored.readiness_percent
    assert ranked.coverage_percent == scored.coverage_percent
    assert ranked.verdict == scored.skills_verdict
    biggest = sorted(scored.gaps, key=lambda s: -s.priority)[:GAPS_SHOWN]
    assert [g.skill_slug for g in ranked.gaps] == [s.skill_slug for s in biggest]
