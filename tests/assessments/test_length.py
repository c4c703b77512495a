"""The questionnaire length estimate: its arithmetic, and that every page uses the same one."""

import re

import pytest

from assessments.length import LengthEstimate, Question, estimate
from assessments.questionnaire import first_time_length, questionnaire_length, role_page_length
from careers.models import Requirement, Role


def test_a_question_costs_its_reading_at_200_words_a_minute_plus_six_seconds():
    # 1,200 characters are 200 standard-length words: one minute of reading.
    assert estimate([Question(characters=1200, options=5)]) == LengthEstimate(
        questions=1, options=5, words=200, seconds=66
    )


def test_minutes_are_rounded_up():
    assert estimate([Question(characters=1200, options=5)]).minutes == 2
    assert estimate([Question(characters=0, options=4)] * 10).minutes == 1  # 60 s exactly


def test_a_prefilled_answer_costs_a_two_second_glance_and_no_reading():
    confirmed = estimate([Question(characters=1200, options=5, prefilled=True)] * 30)
    assert (confirmed.questions, confirmed.options, confirmed.words) == (30, 150, 0)
    assert confirmed.seconds == 60
    assert confirmed.minutes == 1


def test_nothing_to_answer_takes_no_time():
    assert estimate([]) == LengthEstimate(questions=0, options=0, words=0, seconds=0)
    assert estimate([]).minutes == 0


def test_a_questionnaire_counts_its_ratings_and_situations(role):
    requirements = list(Requirement.objects.for_questionnaire(role))
    skills = [requirement.skill for requirement in requirements]
    length = questionnaire_length(skills)
    assert (length.questions, length.options) == (3 + 1, 3 * 5 + 4)


def test_answered_questions_count_as_prefilled(role):
    skills = [r.skill for r in Requirement.objects.for_questionnaire(role)]
    first = questionnaire_length(skills)
    retake = questionnaire_length(
        skills,
        rated_skill_ids={skill.pk for skill in skills},
        answered_item_ids={item.pk for skill in skills for item in skill.scenario_items.all()},
    )
    assert retake.questions == first.questions and retake.words == 0
    assert retake.seconds == 2 * first.questions


def test_only_the_scenario_items_given_are_counted(role):
    skills = [r.skill for r in Requirement.objects.for_questionnaire(role)]
    assert questionnaire_length(skills, scenario_items=[]).questions == 3


def test_the_role_page_figure_equals_the_questionnaires_for_every_shipped_role(catalog):
    for role in Role.objects.all():
        assert role_page_length(Requirement.objects.for_role_page(role)) == pytest.approx(
            first_time_length(Requirement.objects.for_questionnaire(role))
        ), role.slug


def test_a_first_time_estimate_counts_every_rating_and_the_most_situations_chosen(role):
    # Three ratings; the one situation (empathy is key) as the selection's upper bound.
    length = first_time_length(Requirement.objects.for_questionnaire(role))
    assert (length.questions, length.options) == (3 + 1, 3 * 5 + 4)
    role.requirements.filter(skill__slug="empathy").update(importance=3)
    length = first_time_length(Requirement.objects.for_questionnaire(role))
    assert (length.questions, length.options) == (3, 3 * 5)


def test_a_first_time_estimate_asks_at_most_ten_situations(
    role, make_skill, make_requirement, make_scenario
):
    for n in range(12):
        skill = make_skill()
        make_requirement(role=role, skill=skill, importance=5)
        make_scenario(skill, f"extra-{n}")
    length = first_time_length(Requirement.objects.for_questionnaire(role))
    assert length.questions == 15 + 10


def test_the_role_page_says_how_long_the_questionnaire_takes(client, role):
    html = client.get(role.get_absolute_url()).content.decode()
    minutes = first_time_length(Requirement.objects.for_questionnaire(role)).minutes
    assert re.search(rf"About {minutes} minutes?\.", html)
    assert "10–15" not in html


def test_the_role_page_leaves_out_situations_written_for_a_higher_rung(role, make_scenario):
    empathy = role.requirements.get(skill__slug="empathy").skill
    leader_item = make_scenario(empathy, "as-team-lead")
    leader_item.min_rank = role.rank + 1
    leader_item.save()
    skills = [r.skill for r in Requirement.objects.for_questionnaire(role)]
    on_role_page = role_page_length(Requirement.objects.for_role_page(role))
    assert on_role_page == questionnaire_length(skills)
    assert on_role_page.questions == 3 + 1
