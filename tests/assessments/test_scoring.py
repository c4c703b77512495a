"""The scoring rules, by worked examples checked by hand and by properties that must always hold."""

from hypothesis import given
from hypothesis import strategies as st

from assessments.recommendations import ResourceInput, recommend
from assessments.scoring import (
    AnswerInput,
    ExperienceInput,
    RequirementInput,
    RungInput,
    Verdict,
    measured_level,
    scenario_level,
    score,
    score_role,
)


def req(slug, required_level, importance, category="Tools"):
    return RequirementInput(slug, slug.title(), category, required_level, importance)


# --- Worked examples -------------------------------------------------------------------------


def test_worked_example_nearly_ready():
    requirements = [req("a", 3, 5), req("b", 4, 3), req("c", 2, 2), req("d", 0, 1)]
    answers = {
        "a": AnswerInput(4, (2,)),  # scenario shows 2: measured (4 + 2) // 2 = 3, flagged
        "b": AnswerInput(2),
        "c": AnswerInput(1),
        "d": AnswerInput(5),
    }
    result = score(requirements, answers)
    role = result.role
    # (5·3/3 + 3·2/4 + 2·1/2) / (5 + 3 + 2) = 7.5 / 10
    assert role.readiness_percent == 75.0
    assert role.verdict == Verdict.NEARLY
    by_slug = {s.skill_slug: s for s in role.skills}
    assert [by_slug[s].measured_level for s in "abcd"] == [3, 2, 1, 5]
    assert [by_slug[s].gap for s in "abcd"] == [0, 2, 1, 0]
    assert [g.skill_slug for g in role.gaps] == ["b", "c"]
    assert [g.priority for g in role.gaps] == [6, 2]
    assert [s.skill_slug for s in role.strengths] == ["a"]  # d is not required at all
    assert result.flags.calibration == ("a",)
    assert result.flags.straight_lining is False


def test_a_big_gap_on_an_important_skill_blocks_ready():
    requirements = [req("e", 5, 4), req("g", 2, 5), req("h", 3, 5), req("i", 1, 5)]
    answers = {"e": AnswerInput(3), "g": AnswerInput(2), "h": AnswerInput(3), "i": AnswerInput(1)}
    role = score_role(requirements, answers)
    # (4·3/5 + 5 + 5 + 5) / 19 = 17.4 / 19 = 91.6 %, but "e" is 2 short at importance 4.
    assert role.readiness_percent == 91.6
    assert role.verdict == Verdict.NEARLY


def test_not_yet_below_65_percent():
    role = score_role([req("a", 4, 3), req("b", 4, 3)], {"a": AnswerInput(2), "b": AnswerInput(2)})
    assert role.readiness_percent == 50.0
    assert role.verdict == Verdict.NOT_YET


def test_scenario_level_is_the_mean_with_halves_rounding_down():
    # Version 2 (rule 6): halves round down, so the worst options on every item show level 1.
    assert scenario_level(()) is None
    assert scenario_level((2, 3)) == 2
    assert scenario_level((1, 2)) == 1
    assert scenario_level((1, 1)) == 1
    assert scenario_level((5, 5)) == 5
    assert scenario_level((1, 2, 2)) == 2
    assert scenario_level((3, 4, 4)) == 4
    assert scenario_level((4,)) == 4


def test_measured_level_combines_self_rating_and_scenarios_rounding_down():
    assert measured_level(AnswerInput(5, (2,))) == 3
    assert measured_level(AnswerInput(2, (5,))) == 3
    assert measured_level(AnswerInput(4)) == 4
    assert measured_level(AnswerInput(None, (3,))) == 3
    # Version 2 (rule 1): a skill without an answer is not assessed, not zero.
    assert measured_level(None) is None
    assert measured_level(AnswerInput(None, ())) is None


def test_straight_lining_is_flagged():
    requirements = [req(s, 3, 3) for s in "abc"]
    result = score(requirements, {s: AnswerInput(4) for s in "abc"})
    assert result.flags.straight_lining is True
    assert (
        score(requirements, {"a": AnswerInput(4), "b": AnswerInput(4)}).flags.straight_lining
        is False
    )


def test_ladder_finds_the_highest_ready_rung_and_the_next_one():
    answers = {"crm": AnswerInput(3), "empathy": AnswerInput(4)}
    rungs = [
        RungInput("junior", "Junior", 1, 0, 1, 0, (req("crm", 2, 4), req("empathy", 2, 4))),
        RungInput("associate", "Associate", 2, 1, 3, 0, (req("crm", 3, 4), req("empathy", 3, 4))),
        RungInput("lead", "Team lead", 3, 5, 8, 1, (req("crm", 3, 3), req("coaching", 3, 5))),
    ]
    ladder = score(rungs[1].requirements, answers, rungs, ExperienceInput(0, 0)).ladder
    junior, associate, lead = ladder.rungs
    # Version 2 (rule 3): the associate's skills are met but its year of experience is
    # missing, so it is nearly ready and the junior rung is where the person stands.
    assert (junior.verdict, associate.verdict) == (Verdict.READY, Verdict.NEARLY)
    assert associate.skills_verdict == Verdict.READY
    assert ladder.highest_ready_rank == 1
    assert ladder.next_rank == 2
    assert associate.experience_short and associate.skills_met_but_experience_short
    assert not junior.experience_short
    # Version 2 (rule 1): coaching was not asked, so the lead rung has no verdict and coaching
    # is listed as not assessed instead of counting as a gap.
    assert lead.verdict == Verdict.NOT_ASSESSED
    assert lead.not_assessed == ("Coaching",)
    assert lead.gaps == ()
    assert lead.leading_short


def test_unknown_experience_is_never_called_short():
    rung = RungInput("lead", "Lead", 1, 5, 8, 1, (req("crm", 1, 3),))
    (scored,) = score(rung.requirements, {"crm": AnswerInput(5)}, [rung]).ladder.rungs
    assert not scored.experience_short and not scored.leading_short


def test_recommendations_give_resources_for_each_exact_step():
    role = score_role(
        [req("conflict", 4, 5), req("crm", 3, 2)],
        {"conflict": AnswerInput(2), "crm": AnswerInput(2)},
    )
    resources = [
        ResourceInput("conflict", "Role-play angry callers", "practice", "", 2, 3, 6, 0),
        ResourceInput("conflict", "De-escalation course", "course", "", 3, 4, 12, 150),
        ResourceInput("conflict", "Too basic", "course", "", 0, 1, 2, 0),
        ResourceInput("crm", "CRM admin basics", "course", "", 2, 3, 8, 0),
    ]
    first, second = recommend(role, resources)
    assert first.skill.skill_slug == "conflict"
    assert [(s.from_level, s.to_level, [r.title for r in s.resources]) for s in first.steps] == [
        (2, 3, ["Role-play angry callers"]),
        (3, 4, ["De-escalation course"]),
    ]
    assert [r.title for r in second.steps[0].resources] == ["CRM admin basics"]


# --- Properties ------------------------------------------------------------------------------

levels = st.integers(min_value=0, max_value=5)
importances = st.integers(min_value=1, max_value=5)
ratings = st.integers(min_value=1, max_value=5)
answers_for_skill = st.builds(
    AnswerInput,
    self_rating=st.one_of(st.none(), ratings),
    scenario_levels=st.lists(ratings, max_size=3).map(tuple),
)


@st.composite
def cases(draw):
    count = draw(st.integers(min_value=1, max_value=12))
    requirements = [req(f"skill-{n}", draw(levels), draw(importances)) for n in range(count)]
    answers = {
        r.skill_slug: draw(answers_for_skill) for r in requirements if draw(st.booleans()) or True
    }
    return requirements, answers


@given(cases())
def test_readiness_is_always_between_0_and_100(case):
    requirements, answers = case
    percent = score_role(requirements, answers).readiness_percent
    # Version 2 (rule 1): no readiness at all when nothing counted was assessed.
    assert percent is None or 0 <= percent <= 100


@given(cases(), st.data())
def test_raising_a_rating_never_lowers_readiness(case, data):
    requirements, answers = case
    slug = data.draw(st.sampled_from(sorted(answers)))
    before = answers[slug]
    current = before.self_rating or 1
    raised = data.draw(st.integers(min_value=current, max_value=5))
    higher = {**answers, slug: AnswerInput(raised, before.scenario_levels)}
    if before.self_rating is None:
        lower = {**answers, slug: AnswerInput(1, before.scenario_levels)}
        answers = lower
    after = score_role(requirements, higher).readiness_percent
    before_percent = score_role(requirements, answers).readiness_percent
    assert (after is None) == (before_percent is None)
    assert after is None or after >= before_percent


@given(cases())
def test_meeting_every_requirement_gives_100_and_ready(case):
    requirements, _ = case
    answers = {
        r.skill_slug: AnswerInput(max(r.required_level, 1), (max(r.required_level, 1),))
        for r in requirements
    }
    role = score_role(requirements, answers)
    assert role.gaps == []
    if any(r.required_level > 0 for r in requirements):
        assert role.readiness_percent == 100
        assert role.verdict == Verdict.READY
    else:  # Version 2 (rule 1): nothing required, nothing to judge.
        assert role.readiness_percent is None
        assert role.verdict == Verdict.NOT_ASSESSED


@given(cases())
def test_gaps_are_never_negative_and_level_0_is_never_a_gap(case):
    requirements, answers = case
    for skill in score_role(requirements, answers).skills:
        if skill.measured_level is None:  # Version 2 (rule 1): not assessed is not a gap
            assert skill.gap is None and not skill.is_strength and skill.priority == 0
            continue
        assert skill.gap >= 0
        assert skill.gap == max(skill.required_level - skill.measured_level, 0)
        if skill.required_level == 0:
            assert skill.gap == 0 and skill.is_strength


@given(cases())
def test_recommendations_are_ordered_by_importance_times_gap_then_skill_order(case):
    requirements, answers = case
    role = score_role(requirements, answers)
    order = [r.skill_slug for r in requirements]
    recommended = [rec.skill for rec in recommend(role, [], limit=len(requirements))]
    keys = [(-s.priority, order.index(s.skill_slug)) for s in recommended]
    assert keys == sorted(keys)
    assert {s.skill_slug for s in recommended} == {s.skill_slug for s in role.skills if s.gap}
