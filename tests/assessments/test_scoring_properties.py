"""Scoring v2, rule by rule: properties that hold for any catalog and any answers."""

from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from assessments.scoring import (
    KEY_IMPORTANCE,
    NEARLY_BLOCKING_KEY_GAP,
    NEARLY_THRESHOLD,
    READY_BLOCKING_GAP,
    READY_BLOCKING_IMPORTANCE,
    READY_MAX_KEY_ONE_LEVEL_GAPS,
    READY_THRESHOLD,
    SCENARIO_BELOW_SELF_GAP,
    STRAIGHT_LINE_MIN_SKILLS,
    VERDICT_ORDER,
    AnswerInput,
    ExperienceInput,
    Limit,
    RequirementInput,
    RungInput,
    Verdict,
    YearsKind,
    answer_quality,
    measured_level,
    scenario_level,
    score,
    score_role,
    score_rung,
)

SKILLS = [f"skill-{n}" for n in range(10)]
ratings = st.integers(min_value=1, max_value=5)
answers_for_skill = st.builds(
    AnswerInput,
    self_rating=st.one_of(st.none(), ratings),
    scenario_levels=st.lists(ratings, max_size=3).map(tuple),
)
years = st.one_of(st.none(), st.integers(min_value=0, max_value=30))


def req(slug: str, required_level: int, importance: int) -> RequirementInput:
    return RequirementInput(slug, slug.title(), "Tools", required_level, importance)


@st.composite
def requirement_lists(draw, min_size=0):
    slugs = draw(st.lists(st.sampled_from(SKILLS), min_size=min_size, max_size=8, unique=True))
    return tuple(
        req(
            slug,
            draw(st.integers(min_value=0, max_value=5)),
            draw(st.integers(min_value=1, max_value=5)),
        )
        for slug in slugs
    )


@st.composite
def answer_maps(draw):
    slugs = draw(st.lists(st.sampled_from(SKILLS), max_size=10, unique=True))
    return {slug: draw(answers_for_skill) for slug in slugs}


@st.composite
def rungs(draw, rank, slug=None):
    years_min = draw(st.integers(min_value=0, max_value=15))
    return RungInput(
        slug=slug or f"rung-{rank}",
        title=f"Rung {rank}",
        rank=rank,
        years_experience_min=years_min,
        years_experience_max=draw(
            st.one_of(st.none(), st.integers(min_value=years_min, max_value=20))
        ),
        years_leading_min=draw(st.integers(min_value=0, max_value=5)),
        requirements=draw(requirement_lists()),
    )


@st.composite
def ladders(draw):
    count = draw(st.integers(min_value=1, max_value=5))
    ladder = tuple(draw(rungs(rank)) for rank in range(1, count + 1))
    target = draw(st.sampled_from(ladder))
    return ladder, target


experiences = st.builds(ExperienceInput, years_experience=years, years_leading=years)


def better_or_equal(after: Verdict, before: Verdict) -> bool:
    if before == Verdict.NOT_ASSESSED or after == Verdict.NOT_ASSESSED:
        return after == before
    return VERDICT_ORDER[after] >= VERDICT_ORDER[before]


# --- Readiness and the general promises -------------------------------------------------------


@settings(deadline=None)
@given(requirement_lists(), answer_maps())
def test_readiness_and_coverage_stay_between_0_and_100(requirements, answers):
    role = score_role(requirements, answers)
    assert role.readiness_percent is None or 0 <= role.readiness_percent <= 100
    assert role.coverage_percent is None or 0 <= role.coverage_percent <= 100


@settings(deadline=None)
@given(ladders(), answer_maps(), experiences, st.data())
def test_raising_a_rating_never_lowers_readiness_nor_worsens_a_verdict_except_by_rule_5(
    ladder, answers, experience, data
):
    rungs_, target = ladder
    rated = sorted(slug for slug, a in answers.items() if a.self_rating is not None)
    assume(rated)
    slug = data.draw(st.sampled_from(rated))
    before = answers[slug]
    raised = data.draw(st.integers(min_value=before.self_rating, max_value=5))
    higher = {**answers, slug: replace(before, self_rating=raised)}
    old = score(target.requirements, answers, rungs_, experience, target_slug=target.slug)
    new = score(target.requirements, higher, rungs_, experience, target_slug=target.slug)
    pairs = [(old.role, new.role), *zip(old.ladder.rungs, new.ladder.rungs, strict=True)]
    became_untrustworthy = new.flags.answers_untrustworthy and not old.flags.answers_untrustworthy
    for was, now in pairs:
        if was.readiness_percent is not None:
            assert now.readiness_percent >= was.readiness_percent
        assert better_or_equal(now.skills_verdict, was.skills_verdict)
        if not became_untrustworthy:
            assert better_or_equal(now.verdict, was.verdict)


# --- Rule 1: not assessed is not zero, and not met --------------------------------------------


@settings(deadline=None)
@given(requirement_lists(), answer_maps(), st.integers(1, 5), st.integers(1, 5))
def test_a_requirement_not_assessed_never_changes_readiness(
    requirements, answers, required_level, importance
):
    unanswered = req("never-asked", required_level, importance)
    with_it = score_role((*requirements, unanswered), answers)
    without = score_role(requirements, answers)
    assert with_it.readiness_percent == without.readiness_percent
    assert [s.skill_slug for s in with_it.gaps] == [s.skill_slug for s in without.gaps]
    assert "never-asked" in [s.skill_slug for s in with_it.not_assessed]


@settings(deadline=None)
@given(requirement_lists(min_size=1), answer_maps())
def test_a_role_gets_a_verdict_only_when_every_key_skill_was_assessed(requirements, answers):
    role = score_role(requirements, answers)
    key_missing = [
        r
        for r in requirements
        if r.required_level > 0
        and r.importance >= KEY_IMPORTANCE
        and measured_level(answers.get(r.skill_slug)) is None
    ]
    has_verdict = role.readiness_percent is not None and not key_missing
    assert role.verdict.is_given == has_verdict
    assert [s.skill_slug for s in role.key_skills_not_assessed] == [
        r.skill_slug for r in key_missing
    ]


@settings(deadline=None)
@given(requirement_lists(min_size=1), answer_maps())
def test_a_rung_whose_key_skills_are_all_unassessed_has_no_verdict(requirements, answers):
    key = {r.skill_slug for r in requirements if r.required_level > 0 and r.importance >= 4}
    assume(key)
    answers = {slug: a for slug, a in answers.items() if slug not in key}
    assert score_role(requirements, answers).verdict == Verdict.NOT_ASSESSED


@settings(deadline=None)
@given(requirement_lists(), answer_maps())
def test_coverage_is_the_share_of_importance_assessed(requirements, answers):
    role = score_role(requirements, answers)
    counted = [r for r in requirements if r.required_level > 0]
    if not counted:
        assert role.coverage_percent is None and role.verdict == Verdict.NOT_ASSESSED
        return
    assessed = [r for r in counted if measured_level(answers.get(r.skill_slug)) is not None]
    share = 100 * sum(r.importance for r in assessed) / sum(r.importance for r in counted)
    assert role.coverage_percent == round(share, 1)
    assert (Limit.NOT_ASSESSED in role.limited_by) == (len(assessed) < len(counted))


@settings(deadline=None)
@given(answer_maps(), experiences)
def test_a_rung_with_no_requirements_has_no_verdict_and_no_division_by_zero(answers, experience):
    empty = RungInput("empty", "Empty", 1, 0, None, 0, ())
    rung = score_rung(empty, answers, experience)
    assert rung.verdict == Verdict.NOT_ASSESSED
    assert rung.readiness_percent is None and rung.coverage_percent is None
    result = score((), answers, [empty], experience, target_slug="empty")
    assert result.ladder.highest_ready_rank is None and result.ladder.closest_rank is None


# --- Rule 2: the ladder ----------------------------------------------------------------------


@settings(deadline=None)
@given(ladders(), answer_maps(), experiences)
def test_the_ladder_stands_on_the_highest_ready_rung_and_never_points_below_the_target(
    ladder, answers, experience
):
    rungs_, target = ladder
    result = score(target.requirements, answers, rungs_, experience, target_slug=target.slug)
    scored = result.ladder.rungs
    ready = [r.rank for r in scored if r.verdict == Verdict.READY]
    highest = result.ladder.highest_ready_rank
    assert highest == (max(ready) if ready else None)
    candidates = [
        r.rank for r in scored if (highest is None or r.rank > highest) and r.rank >= target.rank
    ]
    assert result.ladder.next_rank == (min(candidates) if candidates else None)
    if result.ladder.next_rank is not None:
        assert result.ladder.next_rank >= target.rank
    if highest is None:
        with_verdict = [r for r in scored if r.verdict.is_given]
        closest = result.ladder.rung(result.ladder.closest_rank)
        assert (closest is None) == (not with_verdict)
        if closest:
            assert closest.verdict.is_given
            for other in with_verdict:
                assert (VERDICT_ORDER[other.verdict], other.readiness_percent) <= (
                    VERDICT_ORDER[closest.verdict],
                    closest.readiness_percent,
                )
    else:
        assert result.ladder.closest_rank is None


@settings(deadline=None)
@given(ladders(), answer_maps(), experiences)
def test_the_target_scores_the_same_as_its_rung_on_the_ladder(ladder, answers, experience):
    rungs_, target = ladder
    result = score(target.requirements, answers, rungs_, experience, target_slug=target.slug)
    (on_ladder,) = [r for r in result.ladder.rungs if r.slug == target.slug]
    assert (result.role.verdict, result.role.readiness_percent) == (
        on_ladder.verdict,
        on_ladder.readiness_percent,
    )
    assert result.role.limited_by == on_ladder.limited_by


# --- Rule 3: experience ----------------------------------------------------------------------


@settings(deadline=None)
@given(rungs(1), answer_maps(), experiences)
def test_years_below_a_rungs_typical_minimum_cap_it_at_nearly_ready(rung, answers, experience):
    scored = score_rung(rung, answers, experience)
    stated, leading = experience.years_experience, experience.years_leading
    given_short = (stated is not None and stated < rung.years_experience_min) or (
        leading is not None and leading < rung.years_leading_min
    )
    assert bool(scored.experience_gaps) == given_short
    for gap in scored.experience_gaps:
        assert gap.stated_years < gap.typical_min
        if gap.kind == YearsKind.EXPERIENCE:
            assert (gap.typical_min, gap.typical_max) == (
                rung.years_experience_min,
                rung.years_experience_max,
            )
    if given_short:
        assert scored.verdict != Verdict.READY
        if scored.skills_verdict == Verdict.READY:
            assert scored.verdict == Verdict.NEARLY
            assert Limit.EXPERIENCE in scored.limited_by
            assert scored.skills_met_but_experience_short


@settings(deadline=None)
@given(rungs(1), answer_maps())
def test_without_years_experience_never_caps_a_verdict(rung, answers):
    assume(not answer_quality(answers).answers_untrustworthy)
    scored = score_rung(rung, answers, ExperienceInput())
    assert scored.verdict == scored.skills_verdict
    assert scored.experience_gaps == ()
    flags = score(rung.requirements, answers, [rung], ExperienceInput()).flags
    assert flags.experience_not_considered


# --- Rule 4: what ready and nearly ready mean -------------------------------------------------


def test_the_thresholds_are_pinned():
    assert (READY_THRESHOLD, NEARLY_THRESHOLD) == (85.0, 65.0)
    assert (READY_BLOCKING_IMPORTANCE, READY_BLOCKING_GAP) == (3, 2)
    assert (KEY_IMPORTANCE, READY_MAX_KEY_ONE_LEVEL_GAPS, NEARLY_BLOCKING_KEY_GAP) == (4, 3, 3)
    assert (STRAIGHT_LINE_MIN_SKILLS, SCENARIO_BELOW_SELF_GAP) == (3, 2)


@settings(deadline=None)
@given(requirement_lists(min_size=1), answer_maps())
def test_the_skills_verdict_follows_rule_4(requirements, answers):
    role = score_role(requirements, answers)
    assume(role.skills_verdict.is_given)
    percent = role.readiness_percent
    gaps = [s for s in role.skills if s.is_counted and s.gap]
    real_gap = any(s.importance >= 3 and s.gap >= 2 for s in gaps)
    key_one_level = sum(1 for s in gaps if s.importance >= 4 and s.gap == 1)
    key_far = any(s.importance >= 4 and s.gap >= 3 for s in gaps)
    if percent >= 85 and not real_gap and key_one_level <= 3:
        assert role.skills_verdict == Verdict.READY
    elif percent >= 65 and not key_far:
        assert role.skills_verdict == Verdict.NEARLY
    else:
        assert role.skills_verdict == Verdict.NOT_YET


# --- Rule 5: answers that cannot be trusted ---------------------------------------------------


@settings(deadline=None)
@given(requirement_lists(min_size=3), st.integers(1, 5), st.data())
def test_the_same_rating_everywhere_never_gives_ready(requirements, rating, data):
    answers = {
        r.skill_slug: AnswerInput(rating, data.draw(st.lists(ratings, max_size=2).map(tuple)))
        for r in requirements
    }
    result = score(requirements, answers)
    assert result.flags.straight_lining and result.flags.answers_untrustworthy
    assert result.role.verdict != Verdict.READY
    if result.role.skills_verdict == Verdict.READY:
        assert result.role.verdict == Verdict.NEARLY
        assert Limit.ANSWER_QUALITY in result.role.limited_by


@settings(deadline=None)
@given(answer_maps())
def test_scenarios_well_below_the_self_rating_on_a_third_of_skills_flag_the_answers(answers):
    with_scenarios = [a for a in answers.values() if a.scenario_levels]
    below = [
        a
        for a in with_scenarios
        if a.self_rating is not None
        and a.self_rating - scenario_level(a.scenario_levels) >= SCENARIO_BELOW_SELF_GAP
    ]
    flags = answer_quality(answers)
    assert flags.scenarios_mostly_below_self_rating == (
        bool(below) and 3 * len(below) >= len(with_scenarios)
    )


@settings(deadline=None)
@given(ladders(), answer_maps(), experiences)
def test_untrustworthy_answers_give_no_ready_rung(ladder, answers, experience):
    rungs_, target = ladder
    result = score(target.requirements, answers, rungs_, experience, target_slug=target.slug)
    if result.flags.answers_untrustworthy:
        assert result.ladder.highest_ready_rank is None
        for rung in result.ladder.rungs:
            if rung.skills_verdict == Verdict.READY:
                assert rung.verdict == Verdict.NEARLY
                assert Limit.ANSWER_QUALITY in rung.limited_by


# --- Rule 6: scenario evidence can show every level -------------------------------------------


@given(st.lists(ratings, min_size=1, max_size=6))
def test_the_scenario_level_is_the_mean_with_halves_rounding_down(levels):
    shown = scenario_level(levels)
    mean = sum(levels) / len(levels)
    assert min(levels) <= shown <= max(levels)
    assert mean - 0.5 <= shown < mean + 0.5  # nearest level; an exact half goes down
    assert scenario_level([1] * len(levels)) == 1
    assert scenario_level([5] * len(levels)) == 5


@given(ratings, st.lists(ratings, min_size=1, max_size=3))
def test_the_measured_level_averages_self_rating_and_scenario_level_rounding_down(rating, levels):
    shown = scenario_level(levels)
    assert measured_level(AnswerInput(rating, tuple(levels))) == (rating + shown) // 2


# --- Rule 7: aiming low ----------------------------------------------------------------------


@settings(deadline=None)
@given(ladders(), answer_maps(), experiences)
def test_aiming_low_needs_a_ready_target_and_more_years_or_stronger_key_skills(
    ladder, answers, experience
):
    rungs_, target = ladder
    result = score(target.requirements, answers, rungs_, experience, target_slug=target.slug)
    key = [s for s in result.role.skills if s.is_key]
    years_above = (
        experience.years_experience is not None
        and target.years_experience_max is not None
        and experience.years_experience > target.years_experience_max
    )
    skills_above = bool(key) and all(
        s.measured_level is not None and s.measured_level >= s.required_level + 1 for s in key
    )
    expected = result.role.verdict == Verdict.READY and (years_above or skills_above)
    aiming_low = result.flags.aiming_low
    assert (aiming_low is not None) == expected
    if aiming_low:
        assert aiming_low.rungs_above == tuple(r.slug for r in rungs_ if r.rank > target.rank)
        assert (aiming_low.years_above_typical, aiming_low.skills_above_required) == (
            years_above,
            skills_above,
        )
        assert "aiming_low" in result.flags.raised


# --- Rule 8: confidence ----------------------------------------------------------------------


@settings(deadline=None)
@given(requirement_lists(), answer_maps(), experiences)
def test_confidence_counts_skills_checked_by_scenarios_and_self_rated_only(
    requirements, answers, experience
):
    result = score(requirements, answers, (), experience)
    confidence = result.confidence
    counted = [r for r in requirements if r.required_level > 0]
    checked = [r for r in counted if answers.get(r.skill_slug, AnswerInput(None)).scenario_levels]
    self_only = [
        r
        for r in counted
        if r not in checked and answers.get(r.skill_slug, AnswerInput(None)).self_rating
    ]
    assert confidence.skills_counted == len(counted)
    assert confidence.skills_checked_by_scenarios == len(checked)
    assert confidence.skills_self_rated_only == len(self_only)
    assert confidence.skills_assessed == len(checked) + len(self_only)
    assert confidence.limited_by == result.role.limited_by
    assert confidence.coverage_percent == result.role.coverage_percent
