"""The steps object: numbering and progress on every questionnaire page."""

import re

from assessments.questionnaire import Steps, questionnaire_pages, questionnaire_steps
from careers.models import Requirement
from tests.assessments.conftest import step_url


def steps_of(role, current: int, rated=(), answered=(), level: int = 3) -> Steps:
    rated_ids = {r.skill_id for r in role.requirements.filter(skill__slug__in=rated)}
    pages = questionnaire_pages(
        Requirement.objects.for_questionnaire(role),
        rank=role.rank,
        levels=dict.fromkeys(rated_ids, level),
    )
    return questionnaire_steps(
        pages,
        current,
        review_name="Review",
        rated_skill_ids=rated_ids,
        answered_item_ids=set(answered),
    )


def test_steps_number_the_pages_then_the_situations_then_the_review(role):
    first, second, situations, review = (steps_of(role, n) for n in (1, 2, 3, 4))
    assert (first.current, first.count, first.name) == (1, 4, "Tools")
    assert (first.is_first, first.prev, first.next) == (True, None, 2)
    assert (second.name, second.prev, second.next, second.is_last) == ("People", 1, 3, False)
    assert (situations.name, situations.prev, situations.next) == ("Situations", 2, 4)
    assert (review.name, review.is_review, review.next) == ("Review", True, None)


def test_questions_are_numbered_across_pages(role):
    # Page one: CRM software and Typing; page two: Empathy; page three: its situation.
    assert steps_of(role, 1).first_question == 1
    assert steps_of(role, 2).first_question == 3
    assert steps_of(role, 3).first_question == 4
    assert steps_of(role, 2).questions_total == 4


def test_a_situation_the_ratings_no_longer_choose_leaves_the_count(role):
    below = steps_of(role, 3, rated=("crm", "typing", "empathy"), level=2)
    assert (below.questions_total, below.questions_answered, below.percent) == (3, 3, 100)


def test_answered_questions_shorten_the_time_left(role):
    untouched = steps_of(role, 1)
    halfway = steps_of(role, 2, rated=("crm", "typing"))
    assert (untouched.questions_answered, untouched.percent) == (0, 0)
    assert (halfway.questions_answered, halfway.percent) == (2, 50)
    assert 0 < halfway.minutes_left <= untouched.minutes_left
    assert steps_of(role, 3, rated=("crm", "typing", "empathy"), answered=[]).percent == 75


def progress_line(html: str) -> str:
    match = re.search(r'<p id="progress-questions"[^>]*>(.*?)</p>', html, re.S)
    return " ".join(match.group(1).split())


def test_every_page_says_which_question_and_how_long_is_left(client, role, start):
    assessment = start(role)
    page_one = client.get(step_url(assessment, 1)).content.decode()
    assert re.fullmatch(r"Question 1 of 4 · about \d+ minutes? left", progress_line(page_one))
    assert "Step 1 of 4 · Tools" in page_one
    client.post(step_url(assessment, 1), {"rating-crm": "3", "rating-typing": "4"})
    page_two = client.get(step_url(assessment, 2)).content.decode()
    assert re.fullmatch(r"Question 3 of 4 · about \d+ minutes? left", progress_line(page_two))
    assert "Step 2 of 4 · People" in page_two


def test_the_review_says_how_many_questions_are_answered(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "3"})
    html = client.get(f"/assessments/{assessment.pk}/review/").content.decode()
    assert re.fullmatch(r"1 of 4 questions answered · about \d+ minutes? left", progress_line(html))
    assert "Step 4 of 4 · Review" in html
