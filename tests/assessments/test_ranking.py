"""Ranking every role for one profile: the properties the ranking promises, and that it agrees
with scoring's rules (`assessments.scoring.score_role`) on any profile."""

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.ranking import GAPS_SHOWN, MatrixRequirement, MatrixRole, Ranked, rank
from assessments.scoring import KEY_IMPORTANCE, AnswerInput, RequirementInput, Verdict, score_role

SKILLS = [f"skill-{n}" for n in range(8)]
levels = st.integers(min_value=1, max_value=5)


@st.composite
def roles(draw, slug: str = "role") -> MatrixRole:
    skills = draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=len(SKILLS), unique=True))
    return MatrixRole(
        slug=slug,
        title=slug.title(),
        onet_code="",
        soc_code="",
        job_zone=None,
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


@given(matrices, profiles)
def test_roles_with_a_verdict_come_first_by_match(matrix, profile):
    ranked = rank(matrix, profile)
    given_verdicts = [r.has_verdict for r in ranked]
    assert given_verdicts == sorted(given_verdicts, reverse=True)
    matches = [r.match_percent for r in ranked if r.has_verdict]
    assert matches == sorted(matches, reverse=True)


@given(matrices, profiles)
def test_among_equal_matches_the_role_nearest_the_persons_levels_comes_first(matrix, profile):
    ranked = [r for r in rank(matrix, profile) if r.has_verdict]
    for earlier, later in pairwise(ranked):
        if earlier.match_percent == later.match_percent:
            assert earlier.closeness <= later.closeness


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
