"""The worked cases of docs/SCORING.md, scored from the shipped catalog's fixture files."""

import pytest

from assessments.scoring import Verdict, score
from tests.assessments.scoring_cases import CASES, Case, catalog


def score_case(case: Case):
    shop = catalog()
    target = shop.rung(case.target)
    return score(
        target.requirements,
        case.answer_inputs(),
        shop.rungs,
        case.experience,
        target_slug=case.target,
    )


def rung_slug(result, rank):
    rung = result.ladder.rung(rank)
    return rung.slug if rung else None


def test_there_are_at_least_ten_cases_with_distinct_names():
    assert len(CASES) >= 10
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_case_gets_the_verdict_a_counselor_would_sign(case):
    result = score_case(case)
    assert result.role.verdict == Verdict(case.verdict)
    assert rung_slug(result, result.ladder.highest_ready_rank) == case.highest_ready
    assert rung_slug(result, result.ladder.next_rank) == case.next_rung
    assert rung_slug(result, result.ladder.closest_rank) == case.closest
    assert tuple(s.skill_slug for s in result.role.gaps[:3]) == case.top_gaps
    assert result.flags.raised == case.flags
    assert tuple(limit.value for limit in result.role.limited_by) == case.limited_by
    aiming_low = result.flags.aiming_low
    assert (aiming_low.rungs_above if aiming_low else ()) == case.aiming_low_rungs
    assert tuple(s.skill_slug for s in result.role.not_assessed) == case.not_assessed


def test_the_experienced_specialist_stands_on_the_rung_below_and_is_told_what_team_lead_adds():
    """Four years, aiming at Specialist: the questionnaire asks Senior's key skills too, so
    Senior is met on every key skill and ready, its two minor skills Specialist does not
    require left unasked (coverage under 100 %), and the rung above the target lists the
    leading skills neither questionnaire asked."""
    (case,) = [c for c in CASES if c.name == "experienced-aiming-one-rung-up"]
    ladder = score_case(case).ladder
    senior = next(r for r in ladder.rungs if r.rank == 3)
    assert senior.verdict == Verdict.READY
    assert senior.readiness_percent == 100.0
    assert senior.gaps == ()
    assert senior.not_assessed_slugs == (
        "telephony-and-contact-center-systems",
        "order-and-returns-processing",
    )
    below = catalog().rung_below(catalog().rung(case.target))
    importance = {r.skill_slug: r.importance for r in below.requirements}
    assert all(importance[slug] <= 3 for slug in senior.not_assessed_slugs)
    team_lead = next(r for r in ladder.rungs if r.rank == 5)
    assert team_lead.verdict == Verdict.NOT_ASSESSED
    assert {"coaching-and-mentoring", "delegation"} <= set(team_lead.not_assessed_slugs)


def test_the_over_claimer_is_capped_by_both_answers_and_experience():
    (case,) = [c for c in CASES if c.name == "over-claims-with-poor-scenarios"]
    result = score_case(case)
    assert result.flags.answers_untrustworthy
    (gap,) = result.role.experience_gaps
    assert (gap.stated_years, gap.typical_min, gap.typical_max) == (2, 3, 5)
    assert all(s.measured_level == 3 for s in result.role.skills if s.scenario_level)


def test_confidence_counts_the_skills_checked_by_situations():
    (case,) = [c for c in CASES if c.name == "no-years-given"]
    confidence = score_case(case).confidence
    # Associate's questionnaire asks the eight situations that fit in fifteen minutes
    # (scoring_cases.SITUATIONS_ASKED).
    assert (confidence.skills_checked_by_scenarios, confidence.skills_self_rated_only) == (8, 23)
    assert confidence.skills_counted == 31
