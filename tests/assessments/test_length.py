"""The questionnaire length estimate: its arithmetic, and that every page uses the same one."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.length import (
    FEWEST_SITUATIONS,
    MOST_SITUATIONS,
    LengthEstimate,
    Question,
    estimate,
    share_of_scale_read,
    situations_that_fit,
)
from assessments.questionnaire import (
    first_time_length,
    questionnaire_length,
    rating_question,
    role_page_length,
)
from careers.levels import PROFICIENCY_CHOICES
from careers.models import Requirement, Role, Skill
from careers.revision import current_revision, questionnaire_rungs


def test_a_question_costs_its_reading_at_238_words_a_minute_plus_six_seconds():
    # 1,428 characters are 238 standard-length words: one minute of reading.
    assert estimate([Question(characters=1428, options=4)]) == LengthEstimate(
        questions=1, options=4, words=238, seconds=66
    )


def test_a_rating_scale_is_read_down_to_one_past_ones_own_level():
    # Own level 1..5 equally likely; read 2, 3, 4, 5, 5 of the 5 options: 19 of 25.
    assert share_of_scale_read(5) == 0.76
    assert share_of_scale_read(1) == 1
    assert share_of_scale_read(0) == 0
    # A 5-level scale of 1,500 characters: 1,140 read, 190 words, 47.9 s + 6 s.
    length = estimate([Question(characters=0, options=5, scale_characters=1500)])
    assert (length.words, length.seconds) == (190, pytest.approx(190 / 238 * 60 + 6))


def test_the_question_itself_is_read_in_full_beside_its_scale():
    question = Question(characters=60, options=5, scale_characters=600)
    assert question.characters_read == 60 + 600 * 0.76
    assert estimate([question]).words == round((60 + 456) / 6)


def test_minutes_are_rounded_up():
    assert estimate([Question(characters=1428, options=5)]).minutes == 2
    assert estimate([Question(characters=0, options=4)] * 10).minutes == 1  # 60 s exactly


def test_a_prefilled_answer_costs_a_two_second_glance_and_no_reading():
    confirmed = estimate(
        [Question(characters=1200, options=5, scale_characters=900, prefilled=True)] * 30
    )
    assert (confirmed.questions, confirmed.options, confirmed.words) == (30, 150, 0)
    assert confirmed.seconds == 60
    assert confirmed.minutes == 1


def test_nothing_to_answer_takes_no_time():
    assert estimate([]) == LengthEstimate(questions=0, options=0, words=0, seconds=0)
    assert estimate([]).minutes == 0


def test_a_rating_counts_the_skill_name_and_the_short_anchors_shown_not_what_is_folded(role):
    crm = next(
        r.skill for r in Requirement.objects.for_questionnaire(role) if r.skill.slug == "crm"
    )
    crm.anchors.update(short_description="Short", description="A much longer full description")
    crm = Skill.objects.prefetch_related("anchors").get(pk=crm.pk)
    question = rating_question(crm)
    level_labels = sum(len(f"{level} · {name}") + 1 for level, name in PROFICIENCY_CHOICES)
    assert question == Question(
        characters=len(crm.name), options=5, scale_characters=level_labels + 5 * len("Short")
    )


def test_an_anchor_without_a_short_description_counts_its_full_one(role):
    crm = role.requirements.get(skill__slug="crm").skill
    crm.anchors.filter(level=2).update(short_description="")
    crm = Skill.objects.prefetch_related("anchors").get(pk=crm.pk)
    shown = sum(len(anchor.short_text) for anchor in crm.anchors.all())
    assert shown == 4 * len(crm.anchors.get(level=1).short_description) + len(
        crm.anchors.get(level=2).description
    )
    level_labels = sum(len(f"{level} · {name}") + 1 for level, name in PROFICIENCY_CHOICES)
    assert rating_question(crm).scale_characters == level_labels + shown


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


def test_the_role_page_tells_every_shipped_role_the_questionnaires_minutes(client, catalog):
    """The questionnaire also asks the skills the rung below adds; the role page counts them."""
    for role in Role.objects.all():
        minutes = first_time_length(*questionnaire_rungs(role.pk, current_revision())).minutes
        html = client.get(role.get_absolute_url()).content.decode()
        assert re.search(rf"About {minutes} minutes?\.", html), role.slug


def test_the_role_page_counts_a_skill_the_rung_below_adds_once(
    role, make_role, make_skill, make_requirement
):
    above = make_role(track=role.track, rank=role.rank + 1, slug="lead")
    shared = role.requirements.get(skill__slug="crm").skill
    make_requirement(role=above, skill=shared, required_level=4, importance=5)
    make_requirement(role=above, skill=make_skill(slug="coaching"), required_level=3)
    rows = Requirement.objects.for_role_page(above, with_rung_below=True)
    target = [row for row in rows if row.role_id == above.pk]
    below = [row for row in rows if row.role_id != above.pk]
    on_role_page = role_page_length(target, below)
    assert on_role_page == pytest.approx(
        first_time_length(*questionnaire_rungs(above.pk, current_revision()))
    )
    # CRM and coaching, then typing and empathy from the rung below (CRM once), and empathy's
    # situation
    assert on_role_page.questions == 4 + 1


# A rating and a situation of 19 s and 33 s, as the shipped catalog's typical ones.
RATING = Question(characters=int(13 * 238 / 60 * 6), options=5)  # 13 s read + 6 s
SITUATION = Question(characters=int(27 * 238 / 60 * 6), options=4)  # 27 s read + 6 s


def test_situations_fill_what_the_ratings_leave_of_fifteen_minutes():
    each_rating = estimate([RATING]).seconds
    each_situation = estimate([SITUATION]).seconds
    ratings = 35
    expected = (15 * 60 - ratings * each_rating) // each_situation
    assert FEWEST_SITUATIONS < expected < MOST_SITUATIONS
    assert situations_that_fit([RATING] * ratings, SITUATION) == expected
    assert estimate([RATING] * ratings + [SITUATION] * int(expected)).minutes <= 15


def test_situations_are_never_more_than_ten_nor_fewer_than_five():
    assert situations_that_fit([], SITUATION) == MOST_SITUATIONS == 10
    assert situations_that_fit([RATING] * 200, SITUATION) == FEWEST_SITUATIONS == 5


def test_a_prefilled_rating_counts_as_a_first_time_one_so_a_retake_asks_as_many():
    prefilled = Question(characters=RATING.characters, options=5, prefilled=True)
    assert situations_that_fit([prefilled] * 30, SITUATION) == situations_that_fit(
        [RATING] * 30, SITUATION
    )


questions = st.builds(
    Question,
    characters=st.integers(0, 3000),
    options=st.integers(1, 6),
    scale_characters=st.integers(0, 3000),
    prefilled=st.booleans(),
)


@given(st.lists(questions, max_size=60), questions, questions)
def test_the_situations_that_fit_stay_within_five_to_ten_and_never_grow_with_more_ratings(
    ratings, one_more, situation
):
    fit = situations_that_fit(ratings, situation)
    assert FEWEST_SITUATIONS <= fit <= MOST_SITUATIONS
    assert situations_that_fit([*ratings, one_more], situation) <= fit
    assert situations_that_fit(list(ratings), situation) == fit  # deterministic
