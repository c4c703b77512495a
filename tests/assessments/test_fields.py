"""The questionnaire's field-name contract, and the typed answers a page form hands on."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template

from assessments.fields import (
    Direction,
    link_field,
    note_field,
    parse_field,
    rating_field,
    scenario_field,
)
from assessments.forms import QuestionnairePageForm
from assessments.questionnaire import PageAnswers, build_pages, questionnaire_pages
from careers.models import Requirement

crm = SimpleNamespace(slug="crm")


def test_names_are_built_from_slugs():
    assert rating_field(crm) == "rating-crm"
    assert note_field(crm) == "note-crm"
    assert link_field(crm) == "link-crm"
    assert scenario_field(SimpleNamespace(slug="angry-caller")) == "scenario-angry-caller"


@pytest.mark.parametrize(
    "name, parsed",
    [
        ("rating-crm", ("rating", "crm")),
        ("scenario-angry-caller", ("scenario", "angry-caller")),
        ("note-crm", ("note", "crm")),
        ("link-crm", ("link", "crm")),
        ("years_experience", ("years_experience", "")),
        ("years_leading", ("years_leading", "")),
        ("rating-", None),
        ("colour-crm", None),
        ("csrfmiddlewaretoken", None),
        ("initial-rating-crm", None),
    ],
)
def test_names_parse_back_to_kind_and_slug(name, parsed):
    assert parse_field(name) == parsed


@pytest.mark.parametrize(
    "posted, direction",
    [("next", "next"), ("back", "back"), ("review", "review"), ("stay", "stay"), (None, "next")],
)
def test_an_unknown_or_missing_direction_means_next(posted, direction):
    assert Direction.parse(posted) == direction
    assert Direction.parse("sideways") == Direction.NEXT


def test_templates_build_names_with_the_same_functions():
    html = Template(
        "{% load questionnaire %}{{ skill|rating_field }} {{ skill|note_field }}"
    ).render(Context({"skill": crm}))
    assert html == "rating-crm note-crm"


def page_form(role, number: int, data: dict) -> QuestionnairePageForm:
    pages = build_pages(Requirement.objects.for_questionnaire(role))
    form = QuestionnairePageForm(data, page=pages[number - 1], ask_experience=number == 1)
    form.is_valid()
    return form


def test_a_page_form_returns_typed_answers_keyed_by_slug(role):
    form = page_form(
        role,
        1,
        {
            "rating-crm": "3",
            "rating-typing": "",
            "note-crm": "Used Zendesk daily",
            "link-crm": "",
            "years_experience": "4",
            "years_leading": "",
            "rating-empathy": "5",  # not on this page: ignored
        },
    )
    assert form.page_answers() == PageAnswers(
        ratings={"crm": 3},
        evidence_notes={"crm": "Used Zendesk daily"},
        evidence_links={"crm": ""},
        years={"years_experience": 4, "years_leading": None},
    )


def test_a_bad_value_is_left_out_of_the_answers_and_the_rest_kept(role):
    form = page_form(role, 2, {"rating-empathy": "7", "note-empathy": "Calmed a caller"})
    assert form.page_answers() == PageAnswers(evidence_notes={"empathy": "Calmed a caller"})
    assert "rating-empathy" in form.errors


def test_the_situations_page_form_returns_the_chosen_items_answers(role):
    requirements = Requirement.objects.for_questionnaire(role)
    empathy = role.requirements.get(skill__slug="empathy").skill
    pages = questionnaire_pages(requirements, rank=role.rank, levels={empathy.pk: 3})
    form = QuestionnairePageForm(
        {"scenario-angry-caller": "angry-caller-option-2", "rating-empathy": "5"},
        page=pages[2],
        ask_experience=False,
    )
    form.is_valid()
    assert form.page_answers() == PageAnswers(
        scenario_choices={"angry-caller": "angry-caller-option-2"}
    )
