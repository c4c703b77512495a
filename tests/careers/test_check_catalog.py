"""`check_catalog` lists every inconsistency and fails; a clean catalog passes."""

import pytest
from django.core.management import CommandError, call_command

from careers.models import ProficiencyAnchor, ScenarioItem, ScenarioOption


@pytest.fixture
def clean_catalog(make_role, make_skill, make_requirement, make_resource):
    role = make_role(slug="associate", rank=1)
    skill = make_skill(slug="empathy")
    make_requirement(role=role, skill=skill, required_level=3)
    make_resource(skill=skill, from_level=0, to_level=2)
    make_resource(skill=skill, from_level=2, to_level=3)
    return role, skill


def run_check() -> str:
    try:
        call_command("check_catalog")
    except CommandError as error:
        return str(error)
    return ""


def test_a_clean_catalog_passes(clean_catalog, capsys):
    call_command("check_catalog")
    assert "consistent" in capsys.readouterr().out


def test_it_reports_a_skill_without_five_anchors(clean_catalog):
    _, skill = clean_catalog
    ProficiencyAnchor.objects.filter(skill=skill, level__in=[2, 4]).delete()
    assert "Skill “empathy” has no anchor for level(s) 2, 4." in run_check()


def test_it_reports_a_role_without_requirements(clean_catalog, make_role):
    role, _ = clean_catalog
    make_role(track=role.track, slug="team-lead", rank=2)
    assert "Role “team-lead” has no requirements." in run_check()


def test_it_reports_a_gap_in_the_ladder(clean_catalog, make_role, make_requirement):
    role, skill = clean_catalog
    make_requirement(role=make_role(track=role.track, rank=3), skill=skill)
    assert f"Track “{role.track.slug}” has no role at rank(s) 2." in run_check()


def test_it_reports_a_required_level_nobody_can_be_helped_to_reach(clean_catalog):
    _, skill = clean_catalog
    skill.requirements.update(required_level=4)
    message = run_check()
    assert "“associate” requires “empathy” at level 4" in message
    assert "from 3 to 4" in message


def test_a_two_level_resource_covers_the_step_into_the_top_level(clean_catalog, make_resource):
    _, skill = clean_catalog
    skill.requirements.update(required_level=5)
    make_resource(skill=skill, from_level=3, to_level=5)
    assert run_check() == ""


def test_it_lists_every_problem_at_once(clean_catalog, make_role):
    role, skill = clean_catalog
    ProficiencyAnchor.objects.filter(skill=skill, level=1).delete()
    make_role(track=role.track, slug="orphan", rank=3)
    message = run_check()
    assert "3 problem(s)" in message
    assert "level(s) 1" in message
    assert "“orphan” has no requirements" in message
    assert "rank(s) 2" in message


def test_it_reports_a_scenario_without_four_answers(clean_catalog):
    _, skill = clean_catalog
    item = ScenarioItem.objects.create(skill=skill, slug="angry-caller", prompt="A caller shouts.")
    for n in range(3):
        ScenarioOption.objects.create(item=item, slug=f"option-{n}", text="...", level=n + 1)
    assert "Scenario “angry-caller” has 3 answer(s); it needs 4." in run_check()
    ScenarioOption.objects.create(item=item, slug="option-4", text="...", level=5)
    assert run_check() == ""


def test_it_reports_a_lower_step_nobody_can_be_helped_to_climb(clean_catalog):
    _, skill = clean_catalog
    skill.resources.filter(from_level=0).update(from_level=1)
    message = run_check()
    assert "“associate” requires “empathy” at level 3" in message
    assert "from 0 to 1" in message
    assert "from 1 to 2" not in message


def test_a_resource_without_a_provider_does_not_count(clean_catalog):
    _, skill = clean_catalog
    skill.resources.filter(from_level=2).update(provider=" ")
    assert "covers the step(s) from 2 to 3" in run_check()


def test_a_skill_is_checked_up_to_the_highest_level_any_role_requires(
    clean_catalog, make_role, make_requirement
):
    role, skill = clean_catalog
    make_requirement(
        role=make_role(track=role.track, slug="lead", rank=2), skill=skill, required_level=4
    )
    message = run_check()
    assert "“lead” requires “empathy” at level 4" in message
    assert "“associate” requires" not in message


def add_scenario(skill, slug: str, levels=(1, 2, 4, 5), min_rank: int = 1) -> ScenarioItem:
    item = ScenarioItem.objects.create(
        skill=skill, slug=slug, prompt="A caller shouts.", min_rank=min_rank
    )
    for n, level in enumerate(levels, start=1):
        ScenarioOption.objects.create(item=item, slug=f"option-{n}", text="...", level=level)
    return item


def test_a_scenario_whose_answers_span_levels_1_to_5_passes(clean_catalog):
    _, skill = clean_catalog
    add_scenario(skill, "angry-caller", levels=(1, 3, 4, 5))
    assert run_check() == ""


def test_it_reports_a_scenario_whose_worst_answer_shows_more_than_level_1(clean_catalog):
    _, skill = clean_catalog
    add_scenario(skill, "angry-caller", levels=(2, 3, 4, 5))
    message = run_check()
    assert "1 problem(s)" in message
    assert (
        "Scenario “angry-caller” has no answer at level(s) 1: its worst answer must show "
        "level 1 and its best level 5."
    ) in message


def test_it_reports_a_scenario_without_either_end_of_the_scale(clean_catalog):
    _, skill = clean_catalog
    add_scenario(skill, "angry-caller", levels=(2, 3, 3, 4))
    assert "Scenario “angry-caller” has no answer at level(s) 1, 5" in run_check()


def test_it_reports_a_scenario_that_fits_no_rung_requiring_its_skill(clean_catalog):
    _, skill = clean_catalog
    add_scenario(skill, "angry-caller")
    add_scenario(skill, "calm-the-team", min_rank=2)
    message = run_check()
    assert (
        "Scenario “calm-the-team” fits rungs from rank 2 up, but no role that requires "
        "“empathy” ranks that high (the highest is 1): it is never asked."
    ) in message


def test_it_reports_a_key_skill_whose_scenarios_all_fit_higher_rungs(
    clean_catalog, make_role, make_requirement, make_resource
):
    role, skill = clean_catalog
    skill.requirements.update(importance=5)
    lead = make_role(track=role.track, slug="team-lead", rank=2)
    make_requirement(role=lead, skill=skill, required_level=3, importance=5)
    add_scenario(skill, "as-team-lead", min_rank=2)
    message = run_check()
    assert "1 problem(s)" in message
    assert (
        "Role “associate” (rank 1) needs the key skill “empathy”, but none of its scenarios "
        "fits that rung (the lowest fits from rank 2)."
    ) in message
    add_scenario(skill, "angry-caller", min_rank=1)
    assert run_check() == ""


def test_a_skill_that_is_not_key_at_a_rung_may_go_without_a_scenario_there(
    clean_catalog, make_role, make_requirement
):
    role, skill = clean_catalog
    skill.requirements.update(importance=3)
    lead = make_role(track=role.track, slug="team-lead", rank=2)
    make_requirement(role=lead, skill=skill, required_level=3, importance=5)
    add_scenario(skill, "as-team-lead", min_rank=2)
    assert run_check() == ""


def test_a_key_skill_without_any_scenario_is_not_a_gap(clean_catalog):
    """Skills imported from O*NET have no situations at all; they stay self-rated only."""
    _, skill = clean_catalog
    skill.requirements.update(importance=5)
    assert run_check() == ""


def test_it_reports_anchors_without_a_short_description(clean_catalog):
    _, skill = clean_catalog
    ProficiencyAnchor.objects.filter(skill=skill, level__in=[1, 3]).update(short_description="")
    assert "Skill “empathy” has no short description for level(s) 1, 3." in run_check()


def test_it_reports_a_short_description_over_the_word_limit(clean_catalog):
    _, skill = clean_catalog
    long = "Listens to every customer and repeats back what they said before answering them."
    ProficiencyAnchor.objects.filter(skill=skill, level=2).update(short_description=long)
    assert (
        "Skill “empathy”, level 2: the short description has 13 words; at most 12." in run_check()
    )


def test_a_short_description_of_twelve_words_passes(clean_catalog, capsys):
    _, skill = clean_catalog
    twelve = "Listens to every customer and repeats back what they said before answering."
    ProficiencyAnchor.objects.filter(skill=skill, level=2).update(short_description=twelve)
    call_command("check_catalog")
    assert "consistent" in capsys.readouterr().out
